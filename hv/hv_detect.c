// SPDX-License-Identifier: GPL-2.0
/*
 * What this kernel runs on: bare metal, or which hypervisor, and Xen's
 * version where Xen is underneath.
 *
 * Xen is asked first, through the kernel's own Xen detection, because
 * the kind of Xen domain decides the backend: a PV domain (dom0 or domU)
 * runs deprivileged and needs the xen backend; PVH and HVM guests run
 * native code on virtual hardware.  Every other hypervisor is named from
 * its CPUID signature (leaf 0x40000000), which also covers hypervisors
 * the kernel has no driver for, QEMU's TCG among them.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include <xen/xen.h>
#ifdef CONFIG_XEN
#include <xen/interface/version.h>
#include <asm/xen/hypercall.h>
#endif

#include "hv/hv_impl.h"
#include "hv/hv_compat.h"

static const struct {
	char		signature[13];
	const char	*name;
} hv_detect_signatures[] = {
	{ "KVMKVMKVM",		"KVM guest" },
	{ "TCGTCGTCGTCG",	"QEMU TCG guest" },
	{ "XenVMMXenVMM",	"Xen HVM guest" },
	{ "Microsoft Hv",	"Hyper-V guest" },
	{ "VMwareVMware",	"VMware guest" },
};

const char *hv_detect_platform(void)
{
	unsigned int eax, sig[3];
	size_t i;

	if (xen_pv_domain())
		return xen_initial_domain() ? "Xen PV dom0" : "Xen PV domU";
	if (hv_xen_pvh_domain())
		return "Xen PVH guest";
	if (xen_hvm_domain())
		return "Xen HVM guest";
	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return "bare metal";
	cpuid(0x40000000, &eax, &sig[0], &sig[1], &sig[2]);
	for (i = 0; i < ARRAY_SIZE(hv_detect_signatures); i++)
		if (memcmp(sig, hv_detect_signatures[i].signature,
			   sizeof(sig)) == 0)
			return hv_detect_signatures[i].name;
	return "virtual machine";
}

/* "4.17" under Xen (XENVER_version is major << 16 | minor), else "". */
void hv_detect_xen_version(char *buf, size_t size)
{
#ifdef CONFIG_XEN
	int v;

	if (xen_domain()) {
		v = HYPERVISOR_xen_version(XENVER_version, NULL);
		scnprintf(buf, size, "%d.%d", v >> 16, v & 0xffff);
		return;
	}
#endif
	if (size)
		buf[0] = '\0';
}
