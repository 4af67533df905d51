/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HV_HV_H
#define HV_HV_H

/*
 * The hypervisor layer: the four kinds of privileged operation that
 * dtrace.ko's kernel host (core/os/linux) and its providers stand on,
 * done the way the platform underneath allows.
 *
 *   trap    route int3 and debug (single-step) exceptions taken in kernel
 *           mode to the hooks registered here
 *   text    write bytes into read-only kernel text (plant and remove a
 *           breakpoint)
 *   xcall   run a function on a set of CPUs, with interrupts disabled
 *           there, and wait for every call to return
 *   clock   a monotonic nanosecond clock that is right under the
 *           hypervisor
 *
 * BACKENDS.  One backend is chosen once, at module load (hv_init): "bare"
 * for a kernel that owns its hardware (bare metal, and also KVM, Xen HVM
 * or PVH and other hardware-virtualised guests: they run native code on
 * virtual hardware), "xen" for a Xen PV domain (dom0 or domU), whose
 * kernel runs deprivileged and must ask Xen for what bare metal does
 * itself.  The module parameter hv=auto|bare|xen forces a choice; a
 * backend that does not fit the platform (backend->fits) is refused at
 * load with the reason, never tried.
 *
 * PATHS.  Every op has two paths.  HV_PATH_API goes through the kernel's
 * own paravirt-safe interface (die notifiers, text_poke,
 * smp_call_function, the clocksource).  HV_PATH_RAW is what a kernel
 * without that interface needs: on bare metal IDT gates, page-table
 * aliases, NMI IPIs and the TSC; on Xen PV only hypercalls
 * (set_trap_table, update_va_mapping / mmu_update, event channels, the
 * vcpu_info time area), never sidt/lidt, CR0 writes, direct PTE writes or
 * NMI IPIs.  Each path's probe() says, at load, whether it can work on
 * this kernel and platform and if not why ("the IDT is mapped read-only
 * on this kernel"); a path that cannot be made safe reports itself
 * unsupported rather than trying.  The path in use for each op (the
 * active path) is the API path when it is usable, else the raw path.
 * Both are compiled wherever they build and both are exercised by the
 * self-test, so the code old kernels need is proven on the kernels we can
 * boot.
 *
 * CONTEXT.  hv_clock_ns() and the trap hooks run in probe context
 * (interrupts disabled, possibly NMI-like); they never sleep, allocate or
 * take a lock.  hv_text_write() and hv_xcall() may sleep and are never
 * called from probe context; hv_xcall() may be called with the caller's
 * interrupts disabled only on a path whose irqs_off_ok is set.
 */
#include <linux/types.h>
#include <linux/cpumask.h>

struct pt_regs;
struct seq_file;

enum hv_path {
	HV_PATH_API,
	HV_PATH_RAW,
	HV_NPATHS
};

enum hv_op {
	HV_OP_TRAP,
	HV_OP_TEXT,
	HV_OP_XCALL,
	HV_OP_CLOCK,
	HV_NOPS
};

/*
 * A trap hook.  int3 is called for a breakpoint taken in kernel mode, with
 * addr the address of the int3 byte (regs->ip - 1); debug for a debug
 * exception taken in kernel mode, with dr6 its status.  Each returns true
 * when the trap was its own (it then has fixed regs up for the return);
 * false passes the trap on to the next hook and then to the kernel.
 * Either may be NULL.
 */
struct hv_trap_hook {
	bool	(*int3)(struct pt_regs *regs, unsigned long addr);
	bool	(*debug)(struct pt_regs *regs, unsigned long dr6);
	struct hv_trap_hook *next;	/* hv.c's list */
};

/* One path of one op, as a backend provides it.  Unused members are NULL. */
struct hv_path_ops {
	const char	*name;		/* "die notifier", "set_trap_table"... */
	/* NULL when the path works here, else why not (a static string). */
	const char	*(*probe)(void);
	/* Set-up and tear-down of the path's own resources, when it has any. */
	int		(*init)(void);
	void		(*fini)(void);

	/* HV_OP_TRAP: route int3/debug to hv_trap_int3()/hv_trap_debug(). */
	int		(*trap_install)(void);
	void		(*trap_remove)(void);
	/*
	 * Diagnostics: describe the vector's gate (IDT entry, trap table).
	 * Called even when probe() refused the path (a gate can be read
	 * where it cannot be replaced); returns the length or -errno.
	 */
	int		(*trap_describe)(int vector, char *buf, size_t size);

	/*
	 * HV_OP_TEXT: write len (<= 16) bytes at addr in kernel text.  hv.c
	 * has checked that addr .. addr + len - 1 is mapped read-only and
	 * executable, and serialises every CPU after the write.
	 */
	int		(*text_write)(void *addr, const void *src, size_t len);

	/* HV_OP_XCALL: fn(arg) on every online CPU in mask, and wait. */
	int		(*xcall)(const struct cpumask *mask,
				 void (*fn)(void *), void *arg);
	bool		irqs_off_ok;	/* callable with interrupts disabled */

	/* HV_OP_CLOCK: monotonic nanoseconds. [probe] */
	u64		(*clock_ns)(void);
};

struct hv_backend {
	const char	*name;		/* "bare", "xen" */
	/* NULL when this backend can run on this platform, else why not. */
	const char	*(*fits)(void);
	struct hv_path_ops ops[HV_NOPS][HV_NPATHS];
};

extern const struct hv_backend hv_bare_backend;
extern const struct hv_backend hv_xen_backend;

/*
 * What was detected, for users (dtrace -V, /proc/dtrace/hv) and for
 * vmtest: the platform ("bare metal", "KVM guest", "Xen PV dom0"...), the
 * Xen version where there is one ("4.17", else ""), the backend, and per
 * op the active path and each path's state.
 */
struct hv_info {
	const char	*platform;
	char		xen_version[32];
	const struct hv_backend *backend;
	enum hv_path	active[HV_NOPS];
	const char	*why_not[HV_NOPS][HV_NPATHS];	/* NULL: usable */
};

/*
 * Module load and unload.  hv_init detects the platform, picks the
 * backend ('force' is the hv= parameter: "auto", "bare" or "xen"), probes
 * and initialises every path, and fails with -EINVAL and a kernel-log
 * message naming the problem and the fix when the forced backend does
 * not fit or no path of an op works.
 */
int hv_init(const char *force);
void hv_fini(void);
const struct hv_info *hv_info(void);
const char *hv_op_name(enum hv_op op);
const char *hv_path_name(enum hv_path path);

/* The ops, on their active paths. */
int hv_trap_register(struct hv_trap_hook *hook);
void hv_trap_unregister(struct hv_trap_hook *hook);
int hv_text_write(void *addr, const void *src, size_t len);
int hv_xcall(const struct cpumask *mask, void (*fn)(void *), void *arg);
u64 hv_clock_ns(void);		/* [probe] */

/* Called by the trap paths: offer a kernel-mode trap to the hooks. */
bool hv_trap_int3(struct pt_regs *regs);
bool hv_trap_debug(struct pt_regs *regs, unsigned long dr6);

/*
 * The self-test: every op on every path this platform supports, one line
 * each, "OP PATH RESULT DETAIL" with RESULT pass, fail or unsupported,
 * then "selftest RESULT N pass, N fail, N unsupported".  Returns 0 when
 * nothing failed.  Read from /proc/dtrace/hv-selftest.
 */
int hv_selftest(struct seq_file *m);

#endif /* HV_HV_H */
