// SPDX-License-Identifier: GPL-2.0
/*
 * What this kernel runs on: bare metal, or which hypervisor.  Detected
 * once at module load from the kernel's own Xen and hypervisor detection
 * and, for the others, the CPUID hypervisor signature (leaf 0x40000000),
 * which also names hypervisors the kernel has no driver for (QEMU's TCG).
 * Users see the result in `dtrace -V` and in
 * /sys/module/dtrace/parameters/hypervisor.
 */
#include <linux/module.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include <asm/hypervisor.h>
#include <xen/xen.h>

#include "dtrace_mod.h"

static char os_linux_hv_name[48];
module_param_string(hypervisor, os_linux_hv_name, sizeof(os_linux_hv_name),
		    0444);
MODULE_PARM_DESC(hypervisor, "what the kernel runs on (read-only)");

static const struct {
	char		signature[13];
	const char	*name;
} os_linux_hv_signatures[] = {
	{ "KVMKVMKVM",		"KVM guest" },
	{ "TCGTCGTCGTCG",	"QEMU TCG guest" },
	{ "XenVMMXenVMM",	"Xen HVM guest" },
	{ "Microsoft Hv",	"Hyper-V guest" },
	{ "VMwareVMware",	"VMware guest" },
};

static const char *os_linux_hv_detect(void)
{
	unsigned int eax, sig[3];
	size_t i;

	if (xen_pv_domain())
		return xen_initial_domain() ? "Xen PV dom0" : "Xen PV domU";
	if (xen_hvm_domain())
		return "Xen HVM guest";
	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return "bare metal";
	cpuid(0x40000000, &eax, &sig[0], &sig[1], &sig[2]);
	for (i = 0; i < ARRAY_SIZE(os_linux_hv_signatures); i++)
		if (memcmp(sig, os_linux_hv_signatures[i].signature,
			   sizeof(sig)) == 0)
			return os_linux_hv_signatures[i].name;
	return "virtual machine";
}

void os_linux_hv_init(void)
{
	strscpy(os_linux_hv_name, os_linux_hv_detect(),
		sizeof(os_linux_hv_name));
}

const char *os_linux_hypervisor(void)
{
	return os_linux_hv_name;
}
