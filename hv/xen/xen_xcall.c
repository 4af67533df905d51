// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen backend's raw xcall path: event channels that Xen delivers.
 *
 * A PV vCPU has no local APIC to send IPIs or NMIs with; Xen's event
 * channels are its interrupts.  Each online vCPU gets a loopback
 * interdomain channel, both ends in this domain:
 *
 *	EVTCHNOP_alloc_unbound (dom = remote_dom = DOMID_SELF)  -> recv
 *	EVTCHNOP_bind_interdomain (DOMID_SELF, recv)             -> send
 *
 * recv is bound to an interrupt handler (bind_evtchn_to_irqhandler) whose
 * affinity is pinned to that vCPU, so EVTCHNOP_send on send makes Xen
 * raise an upcall there.  The kernel's event-channel code runs the
 * handler in hard interrupt context with interrupts (event delivery)
 * disabled: that is where fn runs.  Channels are set up when a vCPU comes
 * online and torn down when it goes offline (a CPU hotplug state, whose
 * callbacks run for every online vCPU at init and fini too).
 *
 * PROTOCOL.  One call at a time, under hv_xen_xcall_lock, a raw spinlock
 * taken with interrupts disabled.  The caller publishes fn, arg and the
 * count of targets, raises each target's pending flag, sends each target
 * its event, runs fn itself if its own CPU is in the mask, and spins
 * until the count reaches zero.  A target claims its flag with an
 * exchange before running fn, so fn runs once per target however many
 * events arrive.
 *
 * INTERRUPTS DISABLED.  The caller may have its interrupts disabled
 * (irqs_off_ok): it never waits for an event of its own.  Whoever spins
 * in here, for the lock or for the targets, also answers its own pending
 * flag, so two callers that target each other cannot deadlock.  A target
 * that spins elsewhere with interrupts disabled, waiting for the caller,
 * would deadlock; so the caller gives up after HV_XEN_XCALL_TIMEOUT_MS,
 * withdraws the flags still raised (the same exchange: either the target
 * claimed its flag and finishes fn, or the caller did and the target
 * never runs it), waits for the targets already in fn and returns
 * -ETIMEDOUT.  While it spins the caller yields its physical CPU to Xen
 * (SCHEDOP_yield), so a target vCPU waiting for one gets to run.
 *
 * HOTPLUG.  A vCPU is a target once its channel is ready and until its
 * teardown, which clears it under the lock; a CPU between coming online
 * and its channel's set-up (or between teardown and going offline) is
 * not called.
 */
#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <asm/xen/hypercall.h>
#include <xen/events.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/sched.h>
#include <xen/interface/xen.h>

#include "hv/xen/xen.h"
#include "hv/xen/xen_compat.h"

#define HV_XEN_XCALL_TIMEOUT_MS	5000
#define HV_XEN_XCALL_IRQ_NAME	"dtrace-xcall"

/* One vCPU's loopback channel. */
struct hv_xen_xcall_chan {
	evtchn_port_t	send;	/* EVTCHNOP_send here raises recv */
	int		irq;	/* recv's interrupt, pinned to the vCPU */
};

static DEFINE_PER_CPU(struct hv_xen_xcall_chan, hv_xen_xcall_chans);
static DEFINE_PER_CPU(int, hv_xen_xcall_pending);
static enum cpuhp_state hv_xen_xcall_hp_state;

static DEFINE_RAW_SPINLOCK(hv_xen_xcall_lock);

/* Under hv_xen_xcall_lock: the vCPUs with a channel, and the call. */
static struct cpumask hv_xen_xcall_ready;
static struct {
	void		(*fn)(void *);
	void		*arg;
	atomic_t	left;		/* targets yet to finish fn */
	struct cpumask	targets;	/* mask & ready, minus the caller */
} hv_xen_xcall_call;

/* Run the call in flight here if this CPU is one of its targets. */
static void hv_xen_xcall_answer(void)
{
	if (!this_cpu_xchg(hv_xen_xcall_pending, 0))
		return;
	hv_xen_xcall_call.fn(hv_xen_xcall_call.arg);
	smp_mb__before_atomic();
	atomic_dec(&hv_xen_xcall_call.left);
}

static irqreturn_t hv_xen_xcall_interrupt(int irq, void *unused)
{
	hv_xen_xcall_answer();
	return IRQ_HANDLED;
}

/* Take the lock, with interrupts disabled, answering calls meanwhile. */
static void hv_xen_xcall_lock_answering(unsigned long *flags)
{
	local_irq_save(*flags);
	while (!raw_spin_trylock(&hv_xen_xcall_lock)) {
		hv_xen_xcall_answer();
		cpu_relax();
	}
}

static void hv_xen_xcall_unlock(unsigned long flags)
{
	raw_spin_unlock(&hv_xen_xcall_lock);
	local_irq_restore(flags);
}

static void hv_xen_xcall_send(unsigned int cpu)
{
	struct evtchn_send send = {
		.port = per_cpu(hv_xen_xcall_chans, cpu).send,
	};

	HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
}

/*
 * Wait for the targets, up to the deadline; then withdraw the flags no
 * target has claimed and wait for those that did.  Under the lock.
 */
static int hv_xen_xcall_wait(void)
{
	u64 deadline = ktime_get_mono_fast_ns() +
		       HV_XEN_XCALL_TIMEOUT_MS * NSEC_PER_MSEC;
	unsigned int cpu;

	while (atomic_read(&hv_xen_xcall_call.left)) {
		if (ktime_get_mono_fast_ns() > deadline)
			break;
		HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	}
	if (!atomic_read(&hv_xen_xcall_call.left))
		return 0;
	for_each_cpu(cpu, &hv_xen_xcall_call.targets)
		if (xchg(per_cpu_ptr(&hv_xen_xcall_pending, cpu), 0))
			atomic_dec(&hv_xen_xcall_call.left);
	while (atomic_read(&hv_xen_xcall_call.left))
		cpu_relax();
	return -ETIMEDOUT;
}

int hv_xen_xcall(const struct cpumask *mask, void (*fn)(void *), void *arg)
{
	unsigned long flags;
	unsigned int cpu, self;
	int rv;

	hv_xen_xcall_lock_answering(&flags);
	self = smp_processor_id();
	hv_xen_xcall_call.fn = fn;
	hv_xen_xcall_call.arg = arg;
	cpumask_and(&hv_xen_xcall_call.targets, mask, &hv_xen_xcall_ready);
	cpumask_clear_cpu(self, &hv_xen_xcall_call.targets);
	atomic_set(&hv_xen_xcall_call.left,
		   cpumask_weight(&hv_xen_xcall_call.targets));
	smp_wmb();	/* fn, arg and left before any flag */
	for_each_cpu(cpu, &hv_xen_xcall_call.targets)
		WRITE_ONCE(per_cpu(hv_xen_xcall_pending, cpu), 1);
	for_each_cpu(cpu, &hv_xen_xcall_call.targets)
		hv_xen_xcall_send(cpu);

	if (cpumask_test_cpu(self, mask))
		fn(arg);
	rv = hv_xen_xcall_wait();
	hv_xen_xcall_unlock(flags);
	return rv;
}

/* ---- channels, one per online vCPU ------------------------------------- */

static void hv_xen_xcall_close(evtchn_port_t port)
{
	struct evtchn_close close = { .port = port };

	HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
}

/* CPU hotplug: runs on the vCPU that came online. */
static int hv_xen_xcall_cpu_up(unsigned int cpu)
{
	struct hv_xen_xcall_chan *chan = per_cpu_ptr(&hv_xen_xcall_chans, cpu);
	struct evtchn_alloc_unbound alloc = {
		.dom		= DOMID_SELF,
		.remote_dom	= DOMID_SELF,
	};
	struct evtchn_bind_interdomain bind = { .remote_dom = DOMID_SELF };
	unsigned long flags;
	int rv, irq;

	rv = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &alloc);
	if (rv) {
		pr_err("dtrace: xen xcall: EVTCHNOP_alloc_unbound for CPU %u failed (%d)\n",
		       cpu, rv);
		return rv;
	}
	bind.remote_port = alloc.port;
	rv = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind);
	if (rv) {
		pr_err("dtrace: xen xcall: Xen refused a loopback event channel for CPU %u (EVTCHNOP_bind_interdomain to DOMID_SELF: %d)\n",
		       cpu, rv);
		hv_xen_xcall_close(alloc.port);
		return rv;
	}
	irq = bind_evtchn_to_irqhandler(alloc.port, hv_xen_xcall_interrupt,
					IRQF_NO_THREAD | IRQF_NOBALANCING,
					HV_XEN_XCALL_IRQ_NAME, NULL);
	if (irq < 0) {
		pr_err("dtrace: xen xcall: binding event channel %u of CPU %u to an interrupt failed (%d)\n",
		       alloc.port, cpu, irq);
		hv_xen_xcall_close(bind.local_port);
		hv_xen_xcall_close(alloc.port);
		return irq;
	}
	rv = hv_xen_irq_pin(irq, cpumask_of(cpu));
	if (rv) {
		pr_err("dtrace: xen xcall: pinning interrupt %d to CPU %u failed (%d)\n",
		       irq, cpu, rv);
		unbind_from_irqhandler(irq, NULL);
		hv_xen_xcall_close(bind.local_port);
		return rv;
	}
	chan->send = bind.local_port;
	chan->irq = irq;

	hv_xen_xcall_lock_answering(&flags);
	cpumask_set_cpu(cpu, &hv_xen_xcall_ready);
	hv_xen_xcall_unlock(flags);
	return 0;
}

/*
 * CPU hotplug: runs on the vCPU going offline, and for every vCPU at
 * fini.  Once it is out of the ready mask (under the lock, so no call in
 * flight targets it) its channel can go.  Unbinding closes recv, which
 * leaves send unbound; closing send frees it.
 */
static int hv_xen_xcall_cpu_down(unsigned int cpu)
{
	struct hv_xen_xcall_chan *chan = per_cpu_ptr(&hv_xen_xcall_chans, cpu);
	unsigned long flags;

	hv_xen_xcall_lock_answering(&flags);
	cpumask_clear_cpu(cpu, &hv_xen_xcall_ready);
	hv_xen_xcall_unlock(flags);

	hv_xen_irq_unpin(chan->irq);
	unbind_from_irqhandler(chan->irq, NULL);
	hv_xen_xcall_close(chan->send);
	return 0;
}

int hv_xen_xcall_init(void)
{
	int rv;

	rv = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "dtrace/hv_xen_xcall:online",
			       hv_xen_xcall_cpu_up, hv_xen_xcall_cpu_down);
	if (rv < 0)
		return rv;
	hv_xen_xcall_hp_state = rv;
	return 0;
}

void hv_xen_xcall_fini(void)
{
	cpuhp_remove_state(hv_xen_xcall_hp_state);
}
