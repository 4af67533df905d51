// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen backend's raw clock path: pvclock arithmetic over the time Xen
 * keeps for each vCPU.
 *
 * Xen publishes, per vCPU, a pvclock_vcpu_time_info in the vCPU's
 * vcpu_info: the system time in ns at a TSC stamp, and the factor
 * (tsc_to_system_mul, a 32.32 fraction after a shift of tsc_shift) that
 * turns TSC ticks since the stamp into ns.  Now is
 *
 *	system_time + ((rdtsc - tsc_timestamp) << shift) * mul >> 32
 *
 * (a negative shift shifts right).  Xen rewrites the record when it
 * moves the vCPU or recalibrates, bumping version to odd before and to
 * even after; a reader takes a copy between two equal, even versions.
 *
 * WHICH vcpu_info.  shared_info holds a vcpu_info per vCPU, but a kernel
 * that registers its own placement (VCPUOP_register_vcpu_info, which
 * every PV kernel dtrace.ko builds for does at boot) gets its time there
 * and Xen stops updating the shared_info copy.  The kernel's per-CPU
 * pointer xen_vcpu names the one in use; it is not exported, so it is
 * found by name (hv_ksym) and checked at load: every online vCPU's must
 * point at a record Xen has filled in.
 *
 * MONOTONIC.  Each vCPU's record is right for that vCPU, but two vCPUs'
 * readings may disagree by a little (each stamp is taken on its own
 * physical CPU).  A global last value, advanced by cmpxchg, makes the
 * clock never go backwards as seen from any vCPU: a reading below it
 * returns it instead.
 *
 * PROBE CONTEXT.  No lock, no allocation, no sleep: a retry loop over an
 * even version, rdtsc and a cmpxchg, with preemption off so the record
 * and the TSC are the same vCPU's.  Nothing here is traced (notrace).
 */
#include <linux/atomic.h>
#include <linux/math64.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/uaccess.h>
#include <asm/barrier.h>
#include <asm/msr.h>
#include <asm/pvclock-abi.h>
#include <xen/interface/xen.h>

#include "hv/hv_impl.h"
#include "hv/xen/xen.h"

/* &xen_vcpu, the kernel's per-CPU pointer to the vCPU's vcpu_info. */
static struct vcpu_info * __percpu *hv_xen_clock_vcpu;
static atomic64_t hv_xen_clock_last = ATOMIC64_INIT(0);

/* Xen has filled in the time record of this CPU's vcpu_info. */
static bool hv_xen_clock_vcpu_ok(struct vcpu_info * __percpu *xen_vcpu,
				 unsigned int cpu)
{
	struct vcpu_info *vi;
	u32 mul;

	if (copy_from_kernel_nofault(&vi, per_cpu_ptr(xen_vcpu, cpu),
				     sizeof(vi)) || !vi)
		return false;
	return !copy_from_kernel_nofault(&mul, &vi->time.tsc_to_system_mul,
					 sizeof(mul)) && mul != 0;
}

const char *hv_xen_clock_probe(void)
{
	struct vcpu_info * __percpu *xen_vcpu;
	const char *why;
	unsigned int cpu;

	xen_vcpu = (void __percpu *)hv_ksym_lookup("xen_vcpu", &why);
	if (!xen_vcpu)
		return why ?: "the kernel's per-CPU vcpu_info pointer (xen_vcpu) is not in kallsyms";
	for_each_online_cpu(cpu)
		if (!hv_xen_clock_vcpu_ok(xen_vcpu, cpu))
			return "the kernel's per-CPU xen_vcpu does not point at a vcpu_info whose time Xen keeps";
	hv_xen_clock_vcpu = xen_vcpu;
	return NULL;
}

/* TSC ticks to ns with the record's 32.32 factor after its shift. */
static u64 notrace hv_xen_clock_scale(u64 ticks, u32 mul, s8 shift)
{
	if (shift < 0)
		ticks >>= -shift;
	else
		ticks <<= shift;
	return mul_u64_u32_shr(ticks, mul, 32);
}

/* This vCPU's time, from a consistent copy of its record. */
static u64 notrace hv_xen_clock_read_vcpu(void)
{
	const struct pvclock_vcpu_time_info *t;
	u64 system_time, stamp, tsc;
	u32 version, mul;
	s8 shift;

	t = &this_cpu_read(*hv_xen_clock_vcpu)->time;
	do {
		version = READ_ONCE(t->version);
		virt_rmb();
		system_time = READ_ONCE(t->system_time);
		stamp = READ_ONCE(t->tsc_timestamp);
		mul = READ_ONCE(t->tsc_to_system_mul);
		shift = READ_ONCE(t->tsc_shift);
		tsc = rdtsc_ordered();
		virt_rmb();
	} while ((version & 1) || READ_ONCE(t->version) != version);
	return system_time + hv_xen_clock_scale(tsc - stamp, mul, shift);
}

u64 notrace hv_xen_clock_ns(void)
{
	s64 last;
	u64 now;

	preempt_disable_notrace();
	now = hv_xen_clock_read_vcpu();
	preempt_enable_notrace();

	last = atomic64_read(&hv_xen_clock_last);
	do {
		if ((s64)(now - last) <= 0)
			return last;
	} while (!atomic64_try_cmpxchg(&hv_xen_clock_last, &last, now));
	return now;
}
