// SPDX-License-Identifier: GPL-2.0
/*
 * The bare backend's raw xcall path: NMI IPIs.
 *
 * An NMI reaches a CPU even while its interrupts are disabled, so this
 * path works where smp_call_function cannot: from a caller whose own
 * interrupts are disabled, towards CPUs whose interrupts are disabled
 * too.  fn runs in NMI context on the other CPUs (and with interrupts
 * disabled on the caller's), so it must be NMI-safe: no locks, no
 * sleeping, no printk.
 *
 * PROTOCOL.  One call at a time (hv_bare_xcall_lock, a raw spinlock taken
 * with interrupts disabled; a CPU spinning on it still answers NMIs, so
 * two callers cannot deadlock).  The caller publishes fn, arg and the
 * count of targets, raises each target's pending flag, sends the NMIs,
 * runs fn locally if the local CPU is in the mask, and spins until the
 * count reaches zero.  The NMI handler claims its CPU's flag with an
 * exchange, so a CPU runs fn once however many NMIs it takes, and an NMI
 * that is not ours (its flag is clear) is passed on to the next handler.
 *
 * A lost NMI must not hang the caller with interrupts disabled: after
 * HV_BARE_XCALL_TIMEOUT_MS the caller withdraws the flags still raised
 * (the same exchange, so either the target claimed its flag and will
 * finish, or the caller did and the target never runs fn), waits for the
 * targets already running fn, and returns -ETIMEDOUT.
 */
#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/apic.h>
#include <asm/nmi.h>

#include "hv/hv_compat.h"
#include "hv/bare/bare.h"

#define HV_BARE_XCALL_TIMEOUT_MS	5000
#define HV_BARE_XCALL_NMI_NAME		"dtrace_xcall"

static DEFINE_RAW_SPINLOCK(hv_bare_xcall_lock);
static DEFINE_PER_CPU(int, hv_bare_xcall_pending);

/* The call in flight, under hv_bare_xcall_lock. */
static struct {
	void		(*fn)(void *);
	void		*arg;
	atomic_t	left;		/* targets yet to finish fn */
	struct cpumask	targets;	/* the mask, online, minus the caller */
} hv_bare_xcall_call;

static int hv_bare_xcall_nmi(unsigned int type, struct pt_regs *regs)
{
	if (!this_cpu_xchg(hv_bare_xcall_pending, 0))
		return NMI_DONE;
	hv_bare_xcall_call.fn(hv_bare_xcall_call.arg);
	smp_mb__before_atomic();
	atomic_dec(&hv_bare_xcall_call.left);
	return NMI_HANDLED;
}

const char *hv_bare_xcall_probe(void)
{
	if (!boot_cpu_has(X86_FEATURE_APIC))
		return "no local APIC is enabled, so no NMI can be sent to another CPU";
	return NULL;
}

int hv_bare_xcall_init(void)
{
	return register_nmi_handler(NMI_LOCAL, hv_bare_xcall_nmi, 0,
				    HV_BARE_XCALL_NMI_NAME);
}

/* unregister_nmi_handler waits for the handler to finish everywhere. */
void hv_bare_xcall_fini(void)
{
	unregister_nmi_handler(NMI_LOCAL, HV_BARE_XCALL_NMI_NAME);
}

/* Spin until every target finished, or the time is up; true if done. */
static bool hv_bare_xcall_wait(unsigned int ms)
{
	unsigned long us;

	for (us = 0; us < ms * 1000UL; us++) {
		if (atomic_read(&hv_bare_xcall_call.left) == 0)
			return true;
		udelay(1);
	}
	return atomic_read(&hv_bare_xcall_call.left) == 0;
}

/* Take back the flags no target claimed; the number taken back. */
static unsigned int hv_bare_xcall_withdraw(void)
{
	unsigned int cpu, missed = 0;

	for_each_cpu(cpu, &hv_bare_xcall_call.targets) {
		if (xchg(per_cpu_ptr(&hv_bare_xcall_pending, cpu), 0)) {
			atomic_dec(&hv_bare_xcall_call.left);
			missed++;
		}
	}
	return missed;
}

int hv_bare_xcall(const struct cpumask *mask, void (*fn)(void *), void *arg)
{
	struct cpumask *targets = &hv_bare_xcall_call.targets;
	unsigned int cpu, self, missed = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&hv_bare_xcall_lock, flags);
	self = smp_processor_id();
	cpumask_and(targets, mask, cpu_online_mask);
	cpumask_clear_cpu(self, targets);
	hv_bare_xcall_call.fn = fn;
	hv_bare_xcall_call.arg = arg;
	atomic_set(&hv_bare_xcall_call.left, cpumask_weight(targets));
	smp_mb();	/* the call before the flags that publish it */
	for_each_cpu(cpu, targets)
		WRITE_ONCE(per_cpu(hv_bare_xcall_pending, cpu), 1);
	if (!cpumask_empty(targets))
		hv_apic_send_ipi_mask(targets, NMI_VECTOR);
	if (cpumask_test_cpu(self, mask))
		fn(arg);
	if (!hv_bare_xcall_wait(HV_BARE_XCALL_TIMEOUT_MS)) {
		missed = hv_bare_xcall_withdraw();
		while (atomic_read(&hv_bare_xcall_call.left))
			cpu_relax();
	}
	raw_spin_unlock_irqrestore(&hv_bare_xcall_lock, flags);
	if (missed) {
		pr_err_ratelimited("dtrace: NMI cross call: %u CPUs did not take the NMI within %u ms\n",
				   missed, HV_BARE_XCALL_TIMEOUT_MS);
		return -ETIMEDOUT;
	}
	return 0;
}
