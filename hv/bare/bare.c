// SPDX-License-Identifier: GPL-2.0
/*
 * The bare backend: for a kernel that owns its hardware, on bare metal or
 * in a hardware-virtualised guest (KVM, Xen HVM or PVH, QEMU TCG,
 * Hyper-V, VMware), where native privileged instructions do what they
 * say.  Its API paths are the shared ones (hv_kapi.h); its raw paths are
 * the native mechanisms, one file each:
 *
 *   trap   IDT gates (bare_trap.c): read for diagnostics; never installed
 *          on the kernels dtrace.ko builds for, whose IDT is read-only
 *   text   a writable alias mapping of the text page (bare_text.c)
 *   xcall  NMI IPIs (bare_xcall.c), usable with interrupts disabled
 *   clock  the TSC scaled by the kernel's calibration (bare_clock.c)
 *
 * It does not fit a Xen PV domain: there the kernel runs deprivileged,
 * and IDT loads, page-table writes and NMI IPIs belong to Xen.
 */
#include <linux/types.h>
#include <xen/xen.h>

#include "hv/hv_kapi.h"
#include "hv/bare/bare.h"

static const char *hv_bare_fits(void)
{
	if (xen_pv_domain())
		return "this kernel is a Xen PV guest; native IDT/page-table/NMI operations are not available to it";
	return NULL;
}

const struct hv_backend hv_bare_backend = {
	.name	= "bare",
	.fits	= hv_bare_fits,
	.ops	= {
		[HV_OP_TRAP] = {
			[HV_PATH_API] = HV_KAPI_TRAP,
			[HV_PATH_RAW] = {
				.name		= "IDT gates",
				.probe		= hv_bare_trap_probe,
				.trap_describe	= hv_bare_trap_describe,
			},
		},
		[HV_OP_TEXT] = {
			[HV_PATH_API] = HV_KAPI_TEXT,
			[HV_PATH_RAW] = {
				.name		= "writable alias (vmap)",
				.text_write	= hv_bare_text_write,
			},
		},
		[HV_OP_XCALL] = {
			[HV_PATH_API] = HV_KAPI_XCALL,
			[HV_PATH_RAW] = {
				.name		= "NMI IPI",
				.probe		= hv_bare_xcall_probe,
				.init		= hv_bare_xcall_init,
				.fini		= hv_bare_xcall_fini,
				.xcall		= hv_bare_xcall,
				.irqs_off_ok	= true,
			},
		},
		[HV_OP_CLOCK] = {
			[HV_PATH_API] = HV_KAPI_CLOCK,
			[HV_PATH_RAW] = {
				.name		= "TSC",
				.probe		= hv_bare_clock_probe,
				.init		= hv_bare_clock_init,
				.clock_ns	= hv_bare_clock_ns,
			},
		},
	},
};
