/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HV_XEN_XEN_COMPAT_H
#define HV_XEN_XEN_COMPAT_H

/*
 * Compile-time shims for the Xen backend, as hv/hv_compat.h is for the
 * layer: each names the version where the interface changed.  dtrace.ko
 * needs 5.8 or later, so nothing older is shimmed.
 */
#include <linux/version.h>
#include <linux/interrupt.h>

/*
 * Pinning an interrupt to one CPU.  irq_set_affinity is exported to
 * modules from 5.12; before, the only exported setter was
 * irq_set_affinity_hint, which sets the affinity along with the hint and
 * whose hint must be cleared again before the interrupt is freed.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 12, 0)
static inline int hv_xen_irq_pin(unsigned int irq, const struct cpumask *mask)
{
	return irq_set_affinity(irq, mask);
}

static inline void hv_xen_irq_unpin(unsigned int irq)
{
}
#else
static inline int hv_xen_irq_pin(unsigned int irq, const struct cpumask *mask)
{
	return irq_set_affinity_hint(irq, mask);
}

static inline void hv_xen_irq_unpin(unsigned int irq)
{
	irq_set_affinity_hint(irq, NULL);
}
#endif

#endif /* HV_XEN_XEN_COMPAT_H */
