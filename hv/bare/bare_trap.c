// SPDX-License-Identifier: GPL-2.0
/*
 * The bare backend's raw trap path: the IDT.
 *
 * Replacing the int3 and debug gates was how tracers took those traps on
 * kernels without die notifiers.  Since Linux 4.15 the IDT the CPU uses
 * is mapped read-only (it lives in the CPU entry area, against attacks
 * that overwrite it), and kernels with FRED (6.9+, when the CPU has it)
 * deliver exceptions without an IDT at all.  dtrace.ko needs 5.8 or
 * later, so this path can never install a gate: it reports itself
 * unsupported with the reason, and keeps its diagnostic half, which reads
 * a gate through sidt and says where it points.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <asm/desc.h>

#include "hv/hv_compat.h"
#include "hv/bare/bare.h"

const char *hv_bare_trap_probe(void)
{
	if (hv_fred_enabled())
		return "this kernel takes exceptions through FRED, which has no IDT gates to install";
	return "the IDT is mapped read-only on this kernel (in the CPU entry area since 4.15), so its gates cannot be replaced";
}

int hv_bare_trap_describe(int vector, char *buf, size_t size)
{
	struct desc_ptr idtr;
	gate_desc gate;

	if (hv_fred_enabled())
		return -EOPNOTSUPP;
	if (vector < 0 || vector >= IDT_ENTRIES)
		return -EINVAL;
	store_idt(&idtr);
	if ((vector + 1) * sizeof(gate) > idtr.size + 1UL)
		return -ERANGE;
	if (copy_from_kernel_nofault(&gate, (gate_desc *)idtr.address + vector,
				     sizeof(gate)))
		return -EFAULT;
	return scnprintf(buf, size, "%pS (type %u, dpl %u, ist %u, %s)",
			 (void *)gate_offset(&gate), gate.bits.type,
			 gate.bits.dpl, gate.bits.ist,
			 gate.bits.p ? "present" : "not present");
}
