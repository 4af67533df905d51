// SPDX-License-Identifier: GPL-2.0
/*
 * The bare backend's raw clock path: the TSC, scaled to nanoseconds by
 * the kernel's own calibration (tsc_khz).
 *
 * The TSC counts time only when it ticks at a constant rate whatever the
 * CPU's frequency (constant_tsc) and keeps ticking in deep idle states
 * (nonstop_tsc), and it is one clock across CPUs only while the kernel
 * has not found the CPUs' TSCs out of step (check_tsc_unstable).  Without
 * all three this path reports itself unsupported with the reason.
 *
 * ns = base_ns + (tsc - base_tsc) * mult >> shift, with mult and shift
 * from clocks_calc_mult_shift (kHz to ns per ms) and a 128-bit product,
 * so it does not overflow however long the machine runs.  The base pair
 * is taken at load so that this clock starts at the api clock's value.
 * Reading it takes no lock and is safe in probe context.
 */
#include <linux/clocksource.h>
#include <linux/math64.h>
#include <linux/irqflags.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <asm/tsc.h>

#include "hv/bare/bare.h"

static u32 hv_bare_tsc_mult, hv_bare_tsc_shift;
static u64 hv_bare_tsc_base, hv_bare_ns_base;

const char *hv_bare_clock_probe(void)
{
	if (!boot_cpu_has(X86_FEATURE_TSC))
		return "this CPU has no TSC";
	if (!boot_cpu_has(X86_FEATURE_CONSTANT_TSC) ||
	    !boot_cpu_has(X86_FEATURE_NONSTOP_TSC))
		return "the TSC is not both constant-rate and non-stop here (constant_tsc and nonstop_tsc in /proc/cpuinfo), so it does not count time";
	if (check_tsc_unstable())
		return "the kernel marked the TSC unstable (see \"tsc\" in the kernel log)";
	if (!tsc_khz)
		return "the kernel did not calibrate the TSC (tsc_khz is 0)";
	return NULL;
}

int hv_bare_clock_init(void)
{
	unsigned long flags;

	clocks_calc_mult_shift(&hv_bare_tsc_mult, &hv_bare_tsc_shift, tsc_khz,
			       NSEC_PER_MSEC, 0);
	local_irq_save(flags);
	hv_bare_tsc_base = rdtsc_ordered();
	hv_bare_ns_base = ktime_get_mono_fast_ns();
	local_irq_restore(flags);
	return 0;
}

/* A CPU whose TSC reads below the base (within the sync error) gets it. */
u64 hv_bare_clock_ns(void)
{
	u64 tsc = rdtsc_ordered();

	if (tsc < hv_bare_tsc_base)
		return hv_bare_ns_base;
	return hv_bare_ns_base + mul_u64_u32_shr(tsc - hv_bare_tsc_base,
						 hv_bare_tsc_mult,
						 hv_bare_tsc_shift);
}
