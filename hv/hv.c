// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor layer (hv.h): backend selection at load, the paths of
 * each op, and the ops themselves on their active paths.
 *
 * SELECTION.  hv_init detects the platform (hv_detect.c), then takes the
 * backend the hv= parameter names, or with hv=auto the first backend
 * whose fits() accepts the platform (xen before bare: only a Xen PV
 * domain fits xen).  A forced backend that does not fit is refused with
 * its reason and the hv= value that would work; nothing of it is tried.
 *
 * PATHS.  Every path of every op is probed once: a path is usable when
 * the backend provides it, its probe() has no objection and its init()
 * succeeded; otherwise why_not[op][path] holds the reason, shown in
 * /proc/dtrace/hv.  The active path of an op is its API path when usable,
 * else its raw path; an op with neither fails the load.  Paths that are
 * usable but not active stay initialised, so the self-test can exercise
 * them.  Nothing changes after hv_init: hv_state is read without locks.
 *
 * TRAP HOOKS.  The active trap path is installed from hv_init to hv_fini
 * and hands every kernel-mode int3 and debug trap to hv_trap_int3 and
 * hv_trap_debug, which offer it to the registered hooks, newest first.
 * The hook list is changed under hv_trap_lock and read locklessly in trap
 * context, which runs with interrupts disabled: that is an RCU-sched read
 * side, so a hook is unlinked with a release store and hv_trap_unregister
 * returns only after synchronize_rcu(), when no trap handler can still be
 * looking at it.  Installs are counted (hv_trap_holds), so the self-test
 * can install a second path for a while without disturbing the first.
 *
 * TEXT.  hv_text_write refuses any address that is not mapped present,
 * read-only and executable (kernel or module text): it is not a general
 * write primitive.  After the path's write, every online CPU executes a
 * serialising instruction, so none keeps running stale bytes.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/hardirq.h>
#include <asm/pgtable.h>
#include <asm/sync_core.h>
#include <asm/ptrace.h>

#include "hv/hv_impl.h"

static char hv_platform_name[48];
module_param_string(hypervisor, hv_platform_name, sizeof(hv_platform_name),
		    0444);
MODULE_PARM_DESC(hypervisor, "what the kernel runs on (read-only)");

/*
 * The backends this module was built with, in hv=auto's order.  Kbuild
 * defines HV_XEN_BACKEND when hv/xen has sources.
 */
static const struct hv_backend *const hv_backends[] = {
#ifdef HV_XEN_BACKEND
	&hv_xen_backend,
#endif
	&hv_bare_backend,
};

static struct hv_info hv_state;
static bool hv_path_inited[HV_NOPS][HV_NPATHS];
static u64 (*hv_clock)(void) __read_mostly;

static DEFINE_MUTEX(hv_trap_lock);
static struct hv_trap_hook *hv_trap_hooks;	/* RCU-sched, see above */
static int hv_trap_holds[HV_NPATHS];

const char *hv_op_name(enum hv_op op)
{
	static const char *const names[HV_NOPS] = {
		[HV_OP_TRAP]	= "trap",
		[HV_OP_TEXT]	= "text",
		[HV_OP_XCALL]	= "xcall",
		[HV_OP_CLOCK]	= "clock",
	};

	return names[op];
}

const char *hv_path_name(enum hv_path path)
{
	return path == HV_PATH_API ? "api" : "raw";
}

const struct hv_info *hv_info(void)
{
	return &hv_state;
}

const struct hv_path_ops *hv_path_ops(enum hv_op op, enum hv_path path)
{
	return &hv_state.backend->ops[op][path];
}

static const struct hv_path_ops *hv_active(enum hv_op op)
{
	return hv_path_ops(op, hv_state.active[op]);
}

/* ---- selection -------------------------------------------------------- */

static const struct hv_backend *hv_backend_auto(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hv_backends); i++)
		if (!hv_backends[i]->fits || !hv_backends[i]->fits())
			return hv_backends[i];
	return NULL;
}

/* Why each backend built in refuses this platform, and what is missing. */
static void hv_backend_none_fits(void)
{
	size_t i;

	pr_err("dtrace: no hypervisor backend of this dtrace.ko fits this %s:\n",
	       hv_state.platform);
	for (i = 0; i < ARRAY_SIZE(hv_backends); i++)
		pr_err("dtrace:   %s: %s\n", hv_backends[i]->name,
		       hv_backends[i]->fits());
	if (!IS_ENABLED(HV_XEN_BACKEND))
		pr_err("dtrace:   xen: not built in: build dtrace.ko from a tree with the Xen backend's sources (hv/xen)\n");
}

static const struct hv_backend *hv_backend_forced(const char *force)
{
	const struct hv_backend *fallback = hv_backend_auto();
	const char *why;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hv_backends); i++) {
		if (strcmp(force, hv_backends[i]->name) != 0)
			continue;
		why = hv_backends[i]->fits ? hv_backends[i]->fits() : NULL;
		if (!why)
			return hv_backends[i];
		if (fallback) {
			pr_err("dtrace: hv=%s: %s; load with hv=auto or hv=%s\n",
			       force, why, fallback->name);
		} else {
			pr_err("dtrace: hv=%s: %s\n", force, why);
			hv_backend_none_fits();
		}
		return NULL;
	}
	if (strcmp(force, "xen") == 0)
		pr_err("dtrace: hv=xen: this dtrace.ko was built without the Xen backend (no sources in hv/xen); load with hv=auto or build it with hv/xen\n");
	else
		pr_err("dtrace: hv=%s: no such backend; use hv=auto, hv=bare or hv=xen\n",
		       force);
	return NULL;
}

static const struct hv_backend *hv_backend_choose(const char *force)
{
	const struct hv_backend *b;

	if (strcmp(force, "auto") != 0)
		return hv_backend_forced(force);
	b = hv_backend_auto();
	if (!b)
		hv_backend_none_fits();
	return b;
}

/* The method an op cannot do without, for a backend table's sanity. */
static bool hv_path_complete(enum hv_op op, const struct hv_path_ops *p)
{
	switch (op) {
	case HV_OP_TRAP:
		return p->trap_install && p->trap_remove;
	case HV_OP_TEXT:
		return p->text_write;
	case HV_OP_XCALL:
		return p->xcall;
	case HV_OP_CLOCK:
		return p->clock_ns;
	default:
		return false;
	}
}

static const char *hv_path_setup(enum hv_op op, enum hv_path path)
{
	const struct hv_path_ops *p = hv_path_ops(op, path);
	const char *why;
	int rv;

	if (!p->name)
		return "the backend has no such path";
	why = p->probe ? p->probe() : NULL;
	if (why)
		return why;
	if (!hv_path_complete(op, p))
		return "the backend's table lacks this op's method (a bug)";
	if (p->init) {
		rv = p->init();
		if (rv) {
			pr_err("dtrace: %s %s path (%s): initialisation failed (%d)\n",
			       hv_op_name(op), hv_path_name(path), p->name, rv);
			return "its initialisation failed (see the kernel log)";
		}
	}
	hv_path_inited[op][path] = true;
	return NULL;
}

static void hv_paths_fini(void)
{
	const struct hv_path_ops *p;
	int op, path;

	for (op = 0; op < HV_NOPS; op++)
		for (path = 0; path < HV_NPATHS; path++) {
			if (!hv_path_inited[op][path])
				continue;
			p = hv_path_ops(op, path);
			if (p->fini)
				p->fini();
			hv_path_inited[op][path] = false;
		}
}

static int hv_paths_choose(void)
{
	const char *const *why;
	int op, path;

	for (op = 0; op < HV_NOPS; op++) {
		why = hv_state.why_not[op];
		for (path = 0; path < HV_NPATHS; path++)
			hv_state.why_not[op][path] = hv_path_setup(op, path);
		if (!why[HV_PATH_API]) {
			hv_state.active[op] = HV_PATH_API;
		} else if (!why[HV_PATH_RAW]) {
			hv_state.active[op] = HV_PATH_RAW;
		} else {
			pr_err("dtrace: backend %s has no usable %s path on this %s: api (%s): %s; raw (%s): %s\n",
			       hv_state.backend->name, hv_op_name(op),
			       hv_state.platform,
			       hv_path_ops(op, HV_PATH_API)->name ?: "none",
			       why[HV_PATH_API],
			       hv_path_ops(op, HV_PATH_RAW)->name ?: "none",
			       why[HV_PATH_RAW]);
			hv_paths_fini();
			return -EINVAL;
		}
	}
	return 0;
}

/* ---- load and unload -------------------------------------------------- */

int hv_init(const char *force)
{
	int rv;

	hv_state.platform = hv_detect_platform();
	strscpy(hv_platform_name, hv_state.platform, sizeof(hv_platform_name));
	hv_detect_xen_version(hv_state.xen_version,
			      sizeof(hv_state.xen_version));
	hv_state.backend = hv_backend_choose(force);
	if (!hv_state.backend)
		return -EINVAL;
	rv = hv_paths_choose();
	if (rv)
		return rv;
	hv_clock = hv_active(HV_OP_CLOCK)->clock_ns;
	rv = hv_trap_hold(hv_state.active[HV_OP_TRAP]);
	if (rv) {
		pr_err("dtrace: cannot install the %s trap path (%s): %d\n",
		       hv_path_name(hv_state.active[HV_OP_TRAP]),
		       hv_active(HV_OP_TRAP)->name, rv);
		goto fail_paths;
	}
	rv = hv_proc_init();
	if (rv) {
		pr_err("dtrace: cannot create /proc/dtrace/hv (%d)\n", rv);
		goto fail_trap;
	}
	pr_info("dtrace: %s%s%s, backend %s: trap %s, text %s, xcall %s, clock %s\n",
		hv_state.platform, hv_state.xen_version[0] ? ", Xen " : "",
		hv_state.xen_version, hv_state.backend->name,
		hv_path_name(hv_state.active[HV_OP_TRAP]),
		hv_path_name(hv_state.active[HV_OP_TEXT]),
		hv_path_name(hv_state.active[HV_OP_XCALL]),
		hv_path_name(hv_state.active[HV_OP_CLOCK]));
	return 0;

fail_trap:
	hv_trap_release(hv_state.active[HV_OP_TRAP]);
fail_paths:
	hv_paths_fini();
	return rv;
}

void hv_fini(void)
{
	hv_proc_fini();
	hv_trap_release(hv_state.active[HV_OP_TRAP]);
	hv_paths_fini();
}

/* ---- trap ------------------------------------------------------------- */

int hv_trap_hold(enum hv_path path)
{
	const struct hv_path_ops *p = hv_path_ops(HV_OP_TRAP, path);
	int rv = 0;

	if (hv_state.why_not[HV_OP_TRAP][path])
		return -EOPNOTSUPP;
	mutex_lock(&hv_trap_lock);
	if (hv_trap_holds[path] == 0)
		rv = p->trap_install();
	if (rv == 0)
		hv_trap_holds[path]++;
	mutex_unlock(&hv_trap_lock);
	return rv;
}

void hv_trap_release(enum hv_path path)
{
	mutex_lock(&hv_trap_lock);
	if (--hv_trap_holds[path] == 0)
		hv_path_ops(HV_OP_TRAP, path)->trap_remove();
	mutex_unlock(&hv_trap_lock);
}

int hv_trap_register(struct hv_trap_hook *hook)
{
	mutex_lock(&hv_trap_lock);
	hook->next = hv_trap_hooks;
	smp_store_release(&hv_trap_hooks, hook);
	mutex_unlock(&hv_trap_lock);
	return 0;
}

void hv_trap_unregister(struct hv_trap_hook *hook)
{
	struct hv_trap_hook **pp;

	mutex_lock(&hv_trap_lock);
	for (pp = &hv_trap_hooks; *pp; pp = &(*pp)->next) {
		if (*pp == hook) {
			smp_store_release(pp, hook->next);
			break;
		}
	}
	mutex_unlock(&hv_trap_lock);
	synchronize_rcu();
}

/* The int3 byte is behind the trapping ip: int3 is a trap, not a fault. */
bool hv_trap_int3(struct pt_regs *regs)
{
	unsigned long addr = regs->ip - 1;
	struct hv_trap_hook *h;

	for (h = smp_load_acquire(&hv_trap_hooks); h;
	     h = smp_load_acquire(&h->next))
		if (h->int3 && h->int3(regs, addr))
			return true;
	return false;
}

bool hv_trap_debug(struct pt_regs *regs, unsigned long dr6)
{
	struct hv_trap_hook *h;

	for (h = smp_load_acquire(&hv_trap_hooks); h;
	     h = smp_load_acquire(&h->next))
		if (h->debug && h->debug(regs, dr6))
			return true;
	return false;
}

/* ---- text ------------------------------------------------------------- */

/* Present, read-only and executable: text, and nothing else. */
static bool hv_text_mapped(unsigned long addr)
{
	unsigned int level;
	pte_t *pte = lookup_address(addr, &level);

	return pte && pte_present(*pte) && !pte_write(*pte) && pte_exec(*pte);
}

/*
 * Run on every CPU after a text write.  An NMI's own return (IRET)
 * serialises already, and an IRET inside an NMI handler would unmask NMIs
 * before the handler is done.
 */
static void hv_text_sync_core(void *unused)
{
	if (!in_nmi())
		sync_core();
}

int hv_text_write_path(enum hv_path path, void *addr, const void *src,
		       size_t len)
{
	unsigned long a = (unsigned long)addr;
	int rv;

	if (hv_state.why_not[HV_OP_TEXT][path])
		return -EOPNOTSUPP;
	if (len == 0 || len > 16)
		return -EINVAL;
	if (!hv_text_mapped(a) || !hv_text_mapped(a + len - 1))
		return -EFAULT;
	rv = hv_path_ops(HV_OP_TEXT, path)->text_write(addr, src, len);
	if (rv)
		return rv;
	return hv_xcall(cpu_online_mask, hv_text_sync_core, NULL);
}

int hv_text_write(void *addr, const void *src, size_t len)
{
	return hv_text_write_path(hv_state.active[HV_OP_TEXT], addr, src, len);
}

/* ---- xcall and clock -------------------------------------------------- */

int hv_xcall(const struct cpumask *mask, void (*fn)(void *), void *arg)
{
	const struct hv_path_ops *p = hv_active(HV_OP_XCALL);

	if (irqs_disabled() && !p->irqs_off_ok)
		return -EDEADLK;
	return p->xcall(mask, fn, arg);
}

u64 hv_clock_ns(void)
{
	return hv_clock();
}
