// SPDX-License-Identifier: GPL-2.0
/*
 * fbt's firing: the hooks on armed functions and the handlers that fire
 * their probes.
 *
 * FTRACE, NOT THE HYPERVISOR LAYER.  Every traceable function begins
 * with a call to __fentry__ that ftrace patches between a NOP and a call
 * to its trampoline, with text_poke and the paravirt-safe code-patching
 * paths the kernel already has for bare metal and Xen PV.  fbt uses that
 * mechanism and nothing else: it does not use hv/'s int3 traps and text
 * writes, because ftrace owns those five bytes, and a breakpoint planted
 * there would fight ftrace's own patching (and kprobes', which also go
 * through ftrace at these sites).  What fbt needs from the hypervisor is
 * what ftrace needs, and ftrace has it.
 *
 * ARMING.  The armed set is one sorted array of fbt_site (ip and the
 * probe ids to fire), searched by the handlers, and one registration
 * whose ftrace filter holds every armed ip (fbt_compat.h says which
 * kernel interface registers it).  A change replaces both: the old
 * registration is removed, which waits until no handler of it runs
 * (ftrace synchronizes every CPU on unregistration), then the array is
 * swapped and the new registration made with all the ips at once.
 * Changes come in batches (the core's commit after a DOF's enables or a
 * consumer's disables), so arming ten thousand functions costs one
 * ftrace code update.  While a set is replaced, probes that stay
 * enabled (another consumer's) miss their firings for that moment.
 * Known limit: one update of every function (fbt:::entry, ~38,000
 * sites) runs without a reschedule point inside ftrace; under TCG that
 * takes ~50 s and the soft-lockup watchdog warns.  Arming in chunks
 * (ftrace_set_filter_ips with reset 0 after registration) would fix it.
 *
 * PROBE CONTEXT.  The handlers run with preemption disabled, under
 * ftrace's recursion protection: a traced function called from a handler
 * (by dtrace_probe or the rethook code) does not enter the handler
 * again, and dtrace_probe itself drops a probe that fires while its CPU
 * is already in probe context.  dtrace.ko's own functions are never
 * probes (fbt_symbols.c).  A handler reads only the site array, which
 * changes only while no handler can run, and the probe ids in it, which
 * stay valid while the module is loaded.
 *
 * ARGUMENTS.  entry: arg0 .. arg5 are the first six integer arguments
 * (x86-64: rdi, rsi, rdx, rcx, r8, r9) from the registers ftrace saved.
 * return: arg1 is the return value (rax) and arg0 the address the
 * function returns to.  (DTrace on illumos gives the offset of the
 * returning instruction in arg0; a return hook runs after the return
 * and cannot know which instruction it was.)  A return hook needs a
 * node from a fixed pool; when every node is in use (deep recursion
 * across many CPUs) that return is not traced.
 */
#include <linux/ftrace.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/trace_recursion.h>
#include <asm/ptrace.h>

#include "fbt_compat.h"
#include "fbt_impl.h"

#define FBT_NARGS	6		/* integer arguments in registers */
#define FBT_POOL_MAX	16384		/* return hooks in flight, at most */

static struct fbt_site *fbt_sites;
static unsigned int fbt_nsites;
static bool fbt_hooked;

/* Return hooks in flight: two per CPU for each function, at most 16384. */
static unsigned int fbt_pool_size(unsigned int nret)
{
	unsigned long n = (unsigned long)nret * num_possible_cpus() * 2;

	return n < FBT_POOL_MAX ? n : FBT_POOL_MAX;
}

/* [probe] */
static const struct fbt_site *fbt_site_find(unsigned long ip)
{
	const struct fbt_site *sites = READ_ONCE(fbt_sites);
	unsigned int lo = 0, hi = READ_ONCE(fbt_nsites), mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sites[mid].ip == ip)
			return &sites[mid];
		if (sites[mid].ip < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* [probe] */
static void fbt_fire_entry(const struct fbt_site *site, struct pt_regs *regs)
{
	uint64_t args[FBT_NARGS];
	int i;

	for (i = 0; i < FBT_NARGS; i++)
		args[i] = regs_get_kernel_argument(regs, i);
	for (i = 0; i < 2; i++) {
		if (site->entry[i])
			dtrace_probe_args(site->entry[i], args, FBT_NARGS);
	}
}

/* [probe] */
static void fbt_fire_return(const dtrace_id_t *ret, unsigned long ret_ip,
			    unsigned long rv)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (ret[i])
			dtrace_probe(ret[i], ret_ip, rv, 0, 0, 0);
	}
}

static bool fbt_site_has_return(const struct fbt_site *site)
{
	return site->ret[0] || site->ret[1];
}

#if defined(FBT_HOOK_FPROBE)

static struct fprobe fbt_fprobe;

/* Returning non-zero declines the return hook. [probe] */
static int fbt_fprobe_entry(struct fprobe *fp, unsigned long ip,
			    unsigned long ret_ip, struct pt_regs *regs,
			    void *entry_data)
{
	const struct fbt_site *site = fbt_site_find(ip);

	if (!site)
		return 1;
	fbt_fire_entry(site, regs);
	if (!entry_data || !fbt_site_has_return(site))
		return 1;
	memcpy(entry_data, site->ret, sizeof(site->ret));
	return 0;
}

/* [probe] */
static void fbt_fprobe_exit(struct fprobe *fp, unsigned long ip,
			    unsigned long ret_ip, struct pt_regs *regs,
			    void *entry_data)
{
	fbt_fire_return(entry_data, ret_ip, regs_return_value(regs));
}

int fbt_fire_init(void)
{
	return 0;
}

static int fbt_hook(unsigned long *ips, unsigned int n, unsigned int nret)
{
	memset(&fbt_fprobe, 0, sizeof(fbt_fprobe));
	fbt_fprobe.entry_handler = fbt_fprobe_entry;
	if (nret) {
		fbt_fprobe.exit_handler = fbt_fprobe_exit;
		fbt_fprobe.entry_data_size = sizeof(fbt_sites->ret);
		fbt_fprobe.nr_maxactive = fbt_pool_size(nret);
	}
	return register_fprobe_ips(&fbt_fprobe, ips, n);
}

static void fbt_unhook(void)
{
	unregister_fprobe(&fbt_fprobe);
}

#elif defined(FBT_HOOK_FTRACE_RETHOOK)

/* A return hook: the rethook node and the probes its return fires. */
struct fbt_rnode {
	struct rethook_node node;
	dtrace_id_t	ret[2];
};

static struct ftrace_ops fbt_ops;
static struct rethook *fbt_rethook;

static fbt_rethook_alloc_t fbt_rethook_alloc;
static fbt_rethook_add_node_t fbt_rethook_add_node;
static fbt_rethook_try_get_t fbt_rethook_try_get;
static fbt_rethook_hook_t fbt_rethook_hook;
static fbt_rethook_free_t fbt_rethook_stop;
static fbt_rethook_free_t fbt_rethook_free;

/*
 * The return handler takes ftrace's recursion lock as the entry handler
 * does, so that traced functions it calls do not enter either. [probe]
 */
static void fbt_rethook_exit(struct rethook_node *node, void *data,
			     struct pt_regs *regs)
{
	struct fbt_rnode *rn = container_of(node, struct fbt_rnode, node);
	unsigned long ret_ip = instruction_pointer(regs);
	int bit;

	bit = ftrace_test_recursion_trylock(ret_ip, ret_ip);
	if (bit < 0)
		return;
	fbt_fire_return(rn->ret, ret_ip, regs_return_value(regs));
	ftrace_test_recursion_unlock(bit);
}

/* [probe] */
static void fbt_ftrace_entry(unsigned long ip, unsigned long parent_ip,
			     struct ftrace_ops *ops, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	const struct fbt_site *site;
	struct rethook_node *node;
	struct fbt_rnode *rn;
	int bit;

	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (bit < 0)
		return;
	site = fbt_site_find(ip);
	if (!site || !regs)
		goto out;
	fbt_fire_entry(site, regs);
	if (!fbt_rethook || !fbt_site_has_return(site))
		goto out;
	node = fbt_rethook_try_get(fbt_rethook);
	if (!node)
		goto out;
	rn = container_of(node, struct fbt_rnode, node);
	memcpy(rn->ret, site->ret, sizeof(rn->ret));
	fbt_rethook_hook(node, regs, true);
out:
	ftrace_test_recursion_unlock(bit);
}

int fbt_fire_init(void)
{
	fbt_rethook_alloc = fbt_kernel_function("rethook_alloc");
	fbt_rethook_add_node = fbt_kernel_function("rethook_add_node");
	fbt_rethook_try_get = fbt_kernel_function("rethook_try_get");
	fbt_rethook_hook = fbt_kernel_function("rethook_hook");
	fbt_rethook_stop = fbt_kernel_function("rethook_stop");
	fbt_rethook_free = fbt_kernel_function("rethook_free");
	if (!fbt_rethook_alloc || !fbt_rethook_add_node ||
	    !fbt_rethook_try_get || !fbt_rethook_hook || !fbt_rethook_stop ||
	    !fbt_rethook_free)
		return -ENOENT;
	return 0;
}

/* The pool's nodes belong to the rethook: rethook_free frees them. */
static int fbt_rethook_create(unsigned int nret)
{
	unsigned int i, n = fbt_pool_size(nret);
	struct fbt_rnode *rn;

	fbt_rethook = fbt_rethook_alloc(NULL, fbt_rethook_exit);
	if (!fbt_rethook)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		rn = kzalloc(sizeof(*rn), GFP_KERNEL);
		if (!rn)
			return -ENOMEM;
		fbt_rethook_add_node(fbt_rethook, &rn->node);
	}
	return 0;
}

static void fbt_rethook_destroy(void)
{
	if (fbt_rethook)
		fbt_rethook_free(fbt_rethook);
	fbt_rethook = NULL;
}

static int fbt_hook(unsigned long *ips, unsigned int n, unsigned int nret)
{
	int rv;

	memset(&fbt_ops, 0, sizeof(fbt_ops));
	fbt_ops.func = fbt_ftrace_entry;
	fbt_ops.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_RECURSION;
	rv = ftrace_set_filter_ips(&fbt_ops, ips, n, 0, 1);
	if (!rv && nret)
		rv = fbt_rethook_create(nret);
	if (!rv)
		rv = register_ftrace_function(&fbt_ops);
	if (rv) {
		fbt_rethook_destroy();
		ftrace_free_filter(&fbt_ops);
	}
	return rv;
}

/* As unregister_fprobe: no new return hooks, no entry, then free. */
static void fbt_unhook(void)
{
	if (fbt_rethook)
		fbt_rethook_stop(fbt_rethook);
	unregister_ftrace_function(&fbt_ops);
	fbt_rethook_destroy();
	ftrace_free_filter(&fbt_ops);
}

#else

int fbt_fire_init(void)
{
	pr_warn("dtrace: fbt provider not available: this kernel has neither fprobe (6.5 to 6.13) nor rethook with ftrace regs (before 6.5)\n");
	return -EOPNOTSUPP;
}

static int fbt_hook(unsigned long *ips, unsigned int n, unsigned int nret)
{
	return -EOPNOTSUPP;
}

static void fbt_unhook(void)
{
}

#endif

int fbt_arm(struct fbt_site *sites, unsigned int nsites, unsigned int nret)
{
	unsigned long *ips;
	unsigned int i;
	int rv;

	if (fbt_hooked) {
		fbt_unhook();
		fbt_hooked = false;
	}
	kvfree(fbt_sites);
	WRITE_ONCE(fbt_sites, sites);
	WRITE_ONCE(fbt_nsites, nsites);
	if (nsites == 0)
		return 0;
	ips = kvmalloc_array(nsites, sizeof(*ips), GFP_KERNEL);
	rv = -ENOMEM;
	if (ips) {
		for (i = 0; i < nsites; i++)
			ips[i] = sites[i].ip;
		rv = fbt_hook(ips, nsites, nret);
		kvfree(ips);
	}
	if (rv) {
		WRITE_ONCE(fbt_nsites, 0);
		WRITE_ONCE(fbt_sites, NULL);
		kvfree(sites);
		return rv;
	}
	fbt_hooked = true;
	return 0;
}
