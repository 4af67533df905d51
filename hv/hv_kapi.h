/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HV_HV_KAPI_H
#define HV_HV_KAPI_H

/*
 * The API paths (HV_PATH_API) of every op, shared by all backends: the
 * kernel's own interfaces are paravirt-safe, so bare metal and Xen PV use
 * the same code and differ only in their raw paths.  A backend's table
 * takes them as initialisers:
 *
 *	.ops = {
 *		[HV_OP_TRAP] = { [HV_PATH_API] = HV_KAPI_TRAP, ... },
 *		...
 *	}
 *
 *   trap   a die notifier for DIE_INT3 and DIE_DEBUG
 *   text   text_poke under text_mutex (both found with hv_ksym: neither
 *          is exported)
 *   xcall  on_each_cpu_mask, waiting; the caller's interrupts must be
 *          enabled (smp_call_function_many deadlocks otherwise)
 *   clock  ktime_get_mono_fast_ns, the NMI-safe view of the kernel's
 *          clocksource, which under a hypervisor is the hypervisor's clock
 */
#include "hv/hv.h"

int hv_kapi_trap_install(void);
void hv_kapi_trap_remove(void);

const char *hv_kapi_text_probe(void);
int hv_kapi_text_write(void *addr, const void *src, size_t len);

int hv_kapi_xcall(const struct cpumask *mask, void (*fn)(void *),
		  void *arg);

u64 hv_kapi_clock_ns(void);

#define HV_KAPI_TRAP {					\
	.name		= "die notifier",		\
	.trap_install	= hv_kapi_trap_install,		\
	.trap_remove	= hv_kapi_trap_remove,		\
}

#define HV_KAPI_TEXT {					\
	.name		= "text_poke",			\
	.probe		= hv_kapi_text_probe,		\
	.text_write	= hv_kapi_text_write,		\
}

#define HV_KAPI_XCALL {					\
	.name		= "smp_call_function_many",	\
	.xcall		= hv_kapi_xcall,		\
	.irqs_off_ok	= false,			\
}

#define HV_KAPI_CLOCK {					\
	.name		= "ktime_get_mono_fast_ns",	\
	.clock_ns	= hv_kapi_clock_ns,		\
}

#endif /* HV_HV_KAPI_H */
