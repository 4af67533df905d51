// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV backend: for a kernel that runs as a Xen PV domain (dom0 or
 * domU).  Such a kernel runs deprivileged, in ring 3 of a 64-bit CPU, on
 * page tables Xen validates: it cannot load an IDT, write a page-table
 * entry, clear CR0.WP or send an NMI IPI.  Everything bare metal does
 * with privileged instructions it asks of Xen by hypercall.
 *
 * Its API paths are the shared ones (hv_kapi.h): the kernel's own
 * interfaces are paravirt-safe and do the same under Xen PV.  Its raw
 * paths are hypercall-only, one file each:
 *
 *   trap   this module's entry stubs for int3 and debug in the vCPU's
 *          virtual IDT (set_trap_table), falling through to the kernel's
 *          own Xen entries for what the hooks decline (xen_trap.c,
 *          xen_trap_entry.S)
 *   text   the text page's PTE made writable and restored by
 *          update_va_mapping, the restore flushing every vCPU's TLB
 *          (xen_text.c)
 *   xcall  a loopback event channel per vCPU, sent with EVTCHNOP_send,
 *          usable with the caller's interrupts disabled (xen_xcall.c)
 *   clock  pvclock arithmetic over the time Xen keeps in each vCPU's
 *          vcpu_info, made monotonic across vCPUs (xen_clock.c)
 *
 * It fits nothing but a Xen PV domain: under HVM or PVH, and on bare
 * metal, there is no PV hypercall interface for these operations, and
 * the bare backend's native paths are the right ones.
 */
#include <linux/kernel.h>
#include <xen/xen.h>

#include "hv/hv_impl.h"
#include "hv/hv_kapi.h"
#include "hv/xen/xen.h"

static const char *hv_xen_fits(void)
{
	static char why[96];

	if (xen_pv_domain())
		return NULL;
	scnprintf(why, sizeof(why),
		  "not a Xen PV domain: this kernel runs on %s",
		  hv_detect_platform());
	return why;
}

const struct hv_backend hv_xen_backend = {
	.name	= "xen",
	.fits	= hv_xen_fits,
	.ops	= {
		[HV_OP_TRAP] = {
			[HV_PATH_API] = HV_KAPI_TRAP,
			[HV_PATH_RAW] = {
				.name		= "set_trap_table",
				.probe		= hv_xen_trap_probe,
				.trap_install	= hv_xen_trap_install,
				.trap_remove	= hv_xen_trap_remove,
				.trap_describe	= hv_xen_trap_describe,
			},
		},
		[HV_OP_TEXT] = {
			[HV_PATH_API] = HV_KAPI_TEXT,
			[HV_PATH_RAW] = {
				.name		= "update_va_mapping",
				.probe		= hv_xen_text_probe,
				.text_write	= hv_xen_text_write,
			},
		},
		[HV_OP_XCALL] = {
			[HV_PATH_API] = HV_KAPI_XCALL,
			[HV_PATH_RAW] = {
				.name		= "event channel",
				.init		= hv_xen_xcall_init,
				.fini		= hv_xen_xcall_fini,
				.xcall		= hv_xen_xcall,
				.irqs_off_ok	= true,
			},
		},
		[HV_OP_CLOCK] = {
			[HV_PATH_API] = HV_KAPI_CLOCK,
			[HV_PATH_RAW] = {
				.name		= "vcpu_info pvclock",
				.probe		= hv_xen_clock_probe,
				.clock_ns	= hv_xen_clock_ns,
			},
		},
	},
};
