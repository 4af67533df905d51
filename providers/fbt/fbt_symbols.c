// SPDX-License-Identifier: GPL-2.0
/*
 * Which functions fbt can trace: exactly those ftrace can, the functions
 * /sys/kernel/tracing/available_filter_functions lists, of vmlinux and of
 * every loaded module (dtrace.ko's own excepted), each with the address
 * of its ftrace location.
 *
 * WHY KALLSYMS.  The kernel exports to modules neither that list nor a
 * way to walk its symbols: kallsyms_lookup_name and
 * kallsyms_on_each_symbol lost their exports in 5.7.  fbt finds
 * kallsyms_lookup_name once, as the address a kprobe placed on it
 * resolves to, and through it the few kernel functions and variables it
 * reads:
 *
 *	kallsyms_on_each_symbol	  walk vmlinux's symbols
 *	ftrace_location_range	  is there an ftrace location at a symbol?
 *	modules, module_mutex	  walk the loaded modules (their symbol
 *				  tables are in struct module)
 *
 * and, where the kernel has no fprobe, the rethook calls (fbt_fire.c).
 * Every function found so is checked callable before use: with IBT
 * enforced, an indirect call must land on an ENDBR64, and the kernel
 * seals the ENDBR of functions it never calls indirectly, so fbt refuses
 * such a function (and says which) instead of faulting.
 *
 * A symbol is a traceable function when ftrace has a location in its
 * first FBT_ENDBR_SIZE + 1 bytes.  Aliases (two names at one address)
 * keep the first name; one name at two addresses (static functions of
 * different files) gives two functions, each with its own probes, both
 * matched by the name.  A module's symbols are read from its
 * core_kallsyms, complete from load time and without the init sections,
 * whose functions are freed after init and are never offered.
 */
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/cpufeature.h>

#include "fbt_compat.h"
#include "fbt_impl.h"

#define FBT_ENDBR64	0xfa1e0ff3u	/* f3 0f 1e fa, little-endian */

static fbt_kallsyms_lookup_name_t fbt_lookup_name;
static fbt_kallsyms_on_each_symbol_t fbt_each_symbol;
static fbt_ftrace_location_range_t fbt_location_range;
static struct list_head *fbt_modules;
static struct mutex *fbt_module_mutex;

static bool fbt_has_endbr(unsigned long addr)
{
	u32 insn;

	return copy_from_kernel_nofault(&insn, (void *)addr, 4) == 0 &&
	       insn == FBT_ENDBR64;
}

/* May this kernel function be called through a pointer? */
static bool fbt_callable(unsigned long addr)
{
#ifdef CONFIG_X86_KERNEL_IBT
	if (cpu_feature_enabled(X86_FEATURE_IBT))
		return fbt_has_endbr(addr);
#endif
	return true;
}

/*
 * kallsyms_lookup_name, from a kprobe on it.  With IBT, kprobes put a
 * function-entry probe after the ENDBR64: the function starts before.
 */
static unsigned long fbt_find_lookup_name(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;

	if (register_kprobe(&kp) < 0)
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	if (FBT_ENDBR_SIZE && fbt_has_endbr(addr - FBT_ENDBR_SIZE))
		addr -= FBT_ENDBR_SIZE;
	return addr;
}

void *fbt_kernel_function(const char *name)
{
	unsigned long addr = fbt_lookup_name(name);

	if (addr == 0) {
		pr_warn("dtrace: fbt provider not available: the kernel has no function %s\n",
			name);
		return NULL;
	}
	if (!fbt_callable(addr)) {
		pr_warn("dtrace: fbt provider not available: %s cannot be called from a module with IBT enforced (its ENDBR is sealed); boot with ibt=off to use fbt\n",
			name);
		return NULL;
	}
	return (void *)addr;
}

static void *fbt_kernel_variable(const char *name)
{
	void *addr = (void *)fbt_lookup_name(name);

	if (addr == NULL)
		pr_warn("dtrace: fbt provider not available: the kernel has no symbol %s (CONFIG_KALLSYMS_ALL)\n",
			name);
	return addr;
}

int fbt_symbols_init(void)
{
	unsigned long addr = fbt_find_lookup_name();

	if (addr == 0 || !fbt_callable(addr)) {
		pr_warn("dtrace: fbt provider not available: cannot find a callable kallsyms_lookup_name (needs CONFIG_KPROBES and CONFIG_KALLSYMS)\n");
		return -ENOENT;
	}
	fbt_lookup_name = (fbt_kallsyms_lookup_name_t)addr;
	fbt_each_symbol = fbt_kernel_function("kallsyms_on_each_symbol");
	fbt_location_range = fbt_kernel_function("ftrace_location_range");
	fbt_modules = fbt_kernel_variable("modules");
	fbt_module_mutex = fbt_kernel_variable("module_mutex");
	if (!fbt_each_symbol || !fbt_location_range || !fbt_modules ||
	    !fbt_module_mutex)
		return -ENOENT;
	return 0;
}

/* ---- scanning ------------------------------------------------------ */

struct fbt_scan {
	struct fbt_mod	*m;
	struct module	*mod;
	unsigned int	cap;		/* entries of m->funcs */
	size_t		names_cap;	/* bytes of m->names */
	unsigned long	last_ip;
	int		err;
};

/* Grow *p (of *cap elements of 'size') to hold at least 'need'. */
static int fbt_grow(void **p, size_t *cap, size_t size, size_t need)
{
	size_t ncap = *cap ? *cap : 1024;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	np = kvmalloc_array(ncap, size, GFP_KERNEL);
	if (!np)
		return -ENOMEM;
	if (*p)
		memcpy(np, *p, *cap * size);
	kvfree(*p);
	*p = np;
	*cap = ncap;
	return 0;
}

static int fbt_scan_add(struct fbt_scan *s, const char *name,
			unsigned long ip)
{
	struct fbt_mod *m = s->m;
	size_t len = strlen(name) + 1, cap = s->cap;
	struct fbt_func *f;
	int rv;

	rv = fbt_grow((void **)&m->funcs, &cap, sizeof(*m->funcs),
		      m->nfuncs + 1);
	s->cap = cap;
	if (!rv)
		rv = fbt_grow((void **)&m->names, &s->names_cap, 1,
			      m->names_size + len);
	if (rv)
		return rv;
	f = &m->funcs[m->nfuncs++];
	memset(f, 0, sizeof(*f));
	f->ip = ip;
	f->name = m->names_size;
	memcpy(m->names + m->names_size, name, len);
	m->names_size += len;
	return 0;
}

static int fbt_scan_symbol(void *arg, const char *name, unsigned long addr)
{
	struct fbt_scan *s = arg;
	unsigned long ip;

	ip = fbt_location_range(addr, addr + FBT_ENDBR_SIZE);
	if (ip == 0 || ip == s->last_ip)
		return 0;
	s->last_ip = ip;
	s->err = fbt_scan_add(s, name, ip);
	return s->err;
}

static int fbt_func_cmp(const void *a, const void *b)
{
	const struct fbt_func *fa = a, *fb = b;

	return fa->ip < fb->ip ? -1 : fa->ip > fb->ip;
}

static void fbt_scan_module_symbols(struct fbt_scan *s)
{
	struct mod_kallsyms *ks = &s->mod->core_kallsyms;
	const Elf_Sym *sym;
	unsigned int i;

	for (i = 0; i < ks->num_symtab && !s->err; i++) {
		sym = &ks->symtab[i];
		if (sym->st_shndx == SHN_UNDEF ||
		    ELF_ST_TYPE(sym->st_info) != STT_FUNC)
			continue;
		fbt_scan_symbol(s, ks->strtab + sym->st_name, sym->st_value);
	}
}

/*
 * vmlinux's symbols come in address order; a module's do not, so its
 * functions are sorted (and aliases then dropped) afterwards.
 */
int fbt_scan(struct fbt_mod *m, struct module *mod)
{
	struct fbt_ksym_walk walk = { fbt_scan_symbol };
	struct fbt_scan s = { .m = m, .mod = mod };
	unsigned int i, n;

	m->mod = mod;
	m->name = mod ? mod->name : "vmlinux";
	walk.arg = &s;
	if (mod)
		fbt_scan_module_symbols(&s);
	else
		fbt_each_symbol(fbt_ksym_thunk, &walk);
	if (s.err) {
		fbt_mod_free(m);
		return s.err;
	}
	if (mod && m->nfuncs > 1) {
		sort(m->funcs, m->nfuncs, sizeof(*m->funcs), fbt_func_cmp,
		     NULL);
		for (i = n = 1; i < m->nfuncs; i++) {
			if (m->funcs[i].ip != m->funcs[n - 1].ip)
				m->funcs[n++] = m->funcs[i];
		}
		m->nfuncs = n;
	}
	return 0;
}

void fbt_mod_free(struct fbt_mod *m)
{
	kvfree(m->funcs);
	kvfree(m->names);
	m->funcs = NULL;
	m->names = NULL;
	m->nfuncs = 0;
	m->names_size = 0;
}

/*
 * The module list is walked under module_mutex.  A module that starts
 * going once the mutex is dropped is still whole until the module
 * notifier's GOING call, which waits for the caller's fbt lock.
 */
int fbt_for_each_module(int (*fn)(struct module *mod, void *arg), void *arg)
{
	struct module *mod;
	int rv = 0;

	mutex_lock(fbt_module_mutex);
	list_for_each_entry(mod, fbt_modules, list) {
		if (mod == THIS_MODULE || mod->state != MODULE_STATE_LIVE)
			continue;
		rv = fn(mod, arg);
		if (rv)
			break;
	}
	mutex_unlock(fbt_module_mutex);
	return rv;
}
