// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall provider: a probe at the entry to and the return from every
 * native system call, named as Oracle's Linux DTrace names them:
 *
 *	syscall:vmlinux:openat:entry	arg0 .. arg4: the call's arguments
 *	syscall:vmlinux:openat:return	arg0 = arg1 = the return value;
 *					errno = its error (0 on success)
 *
 * The names are the kernel's own (__NR_openat -> "openat"), taken at
 * module build time from the kernel headers' asm/unistd_64.h into
 * syscall_names.h, so the table always matches the kernel the module was
 * built for.
 *
 * Firing goes through the kernel's raw_syscalls tracepoints, sys_enter
 * and sys_exit, which every system call of every task passes once one
 * callback is registered.  They are registered when the first probe of
 * this provider is enabled and unregistered when the last one is
 * disabled, so an idle provider costs nothing.  The callbacks run in the
 * calling task's context with preemption disabled; a disabled probe
 * costs one array load.
 *
 * Only native 64-bit calls are traced: 32-bit (ia32, x32) calls use other
 * numbers and are ignored.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/tracepoint.h>
#include <linux/compat.h>
#include <linux/err.h>
#include <linux/nospec.h>
#include <linux/string.h>
#include <asm/syscall.h>

#include "../../core/dtrace_core.h"
#include "syscall.h"

static const char *const syscall_names[] = {
#include "syscall_names.h"
};

#define SYSCALL_NR	ARRAY_SIZE(syscall_names)

enum { SYSCALL_ENTRY, SYSCALL_RETURN };

/*
 * syscall_enabled[nr][kind] is the probe id while the probe is enabled
 * and 0 otherwise; it is the only thing the callbacks read.  The rest is
 * changed under syscall_lock.
 */
static dtrace_id_t syscall_enabled[SYSCALL_NR][2];
static DEFINE_MUTEX(syscall_lock);
static unsigned int syscall_nenabled;
static bool syscall_provided;
static dtrace_provider_id_t syscall_prov;
static bool syscall_registered;
static struct tracepoint *syscall_tp_enter, *syscall_tp_exit;

/* The probe argument: (nr << 1 | kind) + 1, so that it is never NULL. */
static void *syscall_parg(unsigned int nr, int kind)
{
	return (void *)(uintptr_t)(((nr << 1) | kind) + 1);
}

static void syscall_parg_decode(void *parg, unsigned int *nr, int *kind)
{
	uintptr_t v = (uintptr_t)parg - 1;

	*nr = v >> 1;
	*kind = v & 1;
}

/* ---- probe context --------------------------------------------------- */

static void syscall_entry_fire(void *data, struct pt_regs *regs, long nr)
{
	unsigned long args[6];
	uint64_t vals[6];
	dtrace_id_t id;
	int i;

	if (nr < 0 || nr >= SYSCALL_NR || in_compat_syscall())
		return;
	nr = array_index_nospec(nr, SYSCALL_NR);
	id = READ_ONCE(syscall_enabled[nr][SYSCALL_ENTRY]);
	if (!id)
		return;
	syscall_get_arguments(current, regs, args);
	for (i = 0; i < 6; i++)
		vals[i] = args[i];
	dtrace_probe_args(id, vals, 6);		/* arg0 .. arg5 */
}

static void syscall_return_fire(void *data, struct pt_regs *regs, long ret)
{
	long nr = syscall_get_nr(current, regs);
	dtrace_id_t id;

	if (nr < 0 || nr >= SYSCALL_NR || in_compat_syscall())
		return;
	nr = array_index_nospec(nr, SYSCALL_NR);
	id = READ_ONCE(syscall_enabled[nr][SYSCALL_RETURN]);
	if (!id)
		return;
	preempt_disable_notrace();
	os_linux_errno_set(IS_ERR_VALUE(ret) ? (int)-ret : 0);
	dtrace_probe(id, ret, ret, 0, 0, 0);
	os_linux_errno_clear();
	preempt_enable_notrace();
}

/* ---- tracepoints ----------------------------------------------------- */

static void syscall_tp_find(struct tracepoint *tp, void *unused)
{
	if (strcmp(tp->name, "sys_enter") == 0)
		syscall_tp_enter = tp;
	else if (strcmp(tp->name, "sys_exit") == 0)
		syscall_tp_exit = tp;
}

static int syscall_tp_register(void)
{
	int rv;

	rv = tracepoint_probe_register(syscall_tp_enter,
				       (void *)syscall_entry_fire, NULL);
	if (rv)
		return rv;
	rv = tracepoint_probe_register(syscall_tp_exit,
				       (void *)syscall_return_fire, NULL);
	if (rv)
		tracepoint_probe_unregister(syscall_tp_enter,
					    (void *)syscall_entry_fire, NULL);
	return rv;
}

static void syscall_tp_unregister(void)
{
	tracepoint_probe_unregister(syscall_tp_exit,
				    (void *)syscall_return_fire, NULL);
	tracepoint_probe_unregister(syscall_tp_enter,
				    (void *)syscall_entry_fire, NULL);
}

/* ---- provider operations --------------------------------------------- */

/*
 * Every probe is created the first time any is asked for: ~700 probes.
 * Their one artificial frame (aframes) is the callback that fires them,
 * so that stack() begins in the kernel's system call path.
 */
static void syscall_provide(void *arg, const dtrace_probedesc_t *desc)
{
	unsigned int nr;

	mutex_lock(&syscall_lock);
	if (syscall_provided)
		goto out;
	syscall_provided = true;
	for (nr = 0; nr < SYSCALL_NR; nr++) {
		if (!syscall_names[nr])
			continue;
		dtrace_probe_create(syscall_prov, "vmlinux", syscall_names[nr],
				    "entry", 1,
				    syscall_parg(nr, SYSCALL_ENTRY));
		dtrace_probe_create(syscall_prov, "vmlinux", syscall_names[nr],
				    "return", 1,
				    syscall_parg(nr, SYSCALL_RETURN));
	}
out:
	mutex_unlock(&syscall_lock);
}

static int syscall_enable(void *arg, dtrace_id_t id, void *parg)
{
	unsigned int nr;
	int kind, rv = 0;

	syscall_parg_decode(parg, &nr, &kind);
	if (nr >= SYSCALL_NR)
		return -EINVAL;
	mutex_lock(&syscall_lock);
	if (syscall_enabled[nr][kind])
		goto out;
	if (syscall_nenabled == 0) {
		rv = syscall_tp_register();
		if (rv)
			goto out;
	}
	syscall_nenabled++;
	WRITE_ONCE(syscall_enabled[nr][kind], id);
out:
	mutex_unlock(&syscall_lock);
	return rv;
}

static void syscall_disable(void *arg, dtrace_id_t id, void *parg)
{
	unsigned int nr;
	int kind;

	syscall_parg_decode(parg, &nr, &kind);
	if (nr >= SYSCALL_NR)
		return;
	mutex_lock(&syscall_lock);
	if (syscall_enabled[nr][kind]) {
		WRITE_ONCE(syscall_enabled[nr][kind], 0);
		if (--syscall_nenabled == 0)
			syscall_tp_unregister();
	}
	mutex_unlock(&syscall_lock);
}

static const dtrace_pops_t syscall_pops = {
	.provide	= syscall_provide,
	.enable		= syscall_enable,
	.disable	= syscall_disable,
};

/*
 * A kernel without the raw_syscalls tracepoints still gets the rest of
 * dtrace: the provider is left out, with a message saying why.
 */
int syscall_provider_init(void)
{
	int rv;

	for_each_kernel_tracepoint(syscall_tp_find, NULL);
	if (!syscall_tp_enter || !syscall_tp_exit) {
		os_warn("syscall provider not available: this kernel has no raw_syscalls tracepoints (CONFIG_HAVE_SYSCALL_TRACEPOINTS)");
		return 0;
	}
	rv = dtrace_register("syscall", &syscall_pops, NULL, &syscall_prov);
	if (rv == 0)
		syscall_registered = true;
	return rv;
}

/*
 * After the last disable unregistered the callbacks, one may still be
 * running on another CPU, about to fire one of our probe ids:
 * tracepoint_synchronize_unregister waits for it before the probes are
 * destroyed and the module text goes.
 */
int syscall_provider_fini(void)
{
	int rv;

	if (!syscall_registered)
		return 0;
	tracepoint_synchronize_unregister();
	rv = dtrace_unregister(syscall_prov);
	if (rv)
		return rv;
	syscall_registered = false;
	return 0;
}
