/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HV_HV_COMPAT_H
#define HV_HV_COMPAT_H

/*
 * Compile-time shims for kernel interfaces the hypervisor layer uses that
 * moved or appeared between kernel versions.  Each shim names the version
 * where the interface changed; nothing here decides anything at run time
 * that the kernel could have told us at compile time.
 *
 * The rest of dtrace.ko needs Linux 5.8 or later (copy_from_kernel_nofault
 * and the *_nofault family), so shims for older kernels would be dead
 * code and are not written: die notifiers, text_poke and text_mutex,
 * smp_call_function_many, register_nmi_handler with its (type, fn, flags,
 * name) form and ktime_get_mono_fast_ns all predate 5.8 unchanged.
 */
#include <linux/version.h>
#include <asm/cpufeature.h>

/*
 * kallsyms_lookup_name was unexported in 5.7; from then on hv_ksym.c
 * finds it through a kprobe placed on it by name.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 7, 0)
#define HV_KALLSYMS_VIA_KPROBE	1
#else
#define HV_KALLSYMS_VIA_KPROBE	0
#endif

/*
 * Indirect Branch Tracking (5.18): with IBT enforced, an indirect call
 * must land on an ENDBR64 instruction.  Functions the kernel never calls
 * indirectly have theirs "sealed" (overwritten) at boot, so a module must
 * check before calling a function found by name.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 18, 0)
#include <asm/ibt.h>
#define HV_ENDBR_SIZE		ENDBR_INSN_SIZE
static inline bool hv_ibt_enforced(void)
{
	return cpu_feature_enabled(X86_FEATURE_IBT);
}

static inline bool hv_is_endbr(u32 insn)
{
	return is_endbr(insn);
}
#else
#define HV_ENDBR_SIZE		0
static inline bool hv_ibt_enforced(void)
{
	return false;
}

static inline bool hv_is_endbr(u32 insn)
{
	return false;
}
#endif

/*
 * FRED (Flexible Return and Event Delivery, 6.9) replaces the IDT for
 * event delivery when the CPU has it and the kernel enables it.
 */
#ifdef X86_FEATURE_FRED
static inline bool hv_fred_enabled(void)
{
	return cpu_feature_enabled(X86_FEATURE_FRED);
}
#else
static inline bool hv_fred_enabled(void)
{
	return false;
}
#endif

/*
 * Sending an IPI: through the apic driver's method before 6.6, through
 * the static call the APIC rework of 6.6 put in front of it since.
 */
#include <asm/apic.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
static inline void hv_apic_send_ipi_mask(const struct cpumask *mask,
					 int vector)
{
	__apic_send_IPI_mask(mask, vector);
}
#else
static inline void hv_apic_send_ipi_mask(const struct cpumask *mask,
					 int vector)
{
	apic->send_IPI_mask(mask, vector);
}
#endif

/*
 * Xen PVH guests are told apart from HVM ones (the kernel counts both as
 * HVM) by xen_pvh_domain(), a macro of <xen/xen.h> on kernels that know
 * PVH.
 */
#include <xen/xen.h>
#ifdef xen_pvh_domain
#define hv_xen_pvh_domain()	xen_pvh_domain()
#else
#define hv_xen_pvh_domain()	false
#endif

#endif /* HV_HV_COMPAT_H */
