// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen backend's raw trap path: this module's own entries for int3
 * and debug in each vCPU's virtual IDT, registered with set_trap_table.
 *
 * A PV kernel cannot load an IDT.  It hands Xen a trap table instead
 * (vector, code selector, entry address, DPL and whether to mask events
 * on entry), per vCPU, and Xen bounces each exception to the entry
 * registered for it (xen_trap_entry.S describes the frame).  The kernel
 * keeps its native IDT (idt_table) as the source and converts each gate
 * to a trap_info with the address swapped for the gate's Xen entry
 * point: asm_exc_int3 becomes xen_asm_exc_int3, asm_exc_debug becomes
 * xen_asm_xenpv_exc_debug.
 *
 * AT LOAD (probe).  Everything is checked before anything is changed:
 * the kernel's Xen entries and its Xen return path (xen_iret) are found
 * by name (hv_ksym), and each gate of idt_table must still point at the
 * kernel's own native entry (else another tool has taken the vector, and
 * this path stands aside).  From each gate come the two trap-table
 * entries of its vector: the kernel's, as the kernel registered it, and
 * ours, the same but for the address.  If the CPU enforced IBT, the
 * stubs' indirect jumps would need landing pads in the kernel's entries
 * and xen_iret has none: the path then says so.
 *
 * INSTALL AND REMOVE.  set_trap_table changes the calling vCPU only, so
 * both run on every online vCPU through a CPU hotplug state, whose
 * callbacks run on the vCPU itself: install registers ours everywhere
 * (and on any vCPU that comes online later, after the kernel has loaded
 * its own table there), remove registers the kernel's again (also on a
 * vCPU going offline).  A vCPU runs its own callback in thread context,
 * so it is not inside a stub then; once remove returns no vCPU can enter
 * a stub again.  The kernel reloads its table only when a vCPU comes up
 * (and on resume from suspend, which dtrace.ko does not survive).
 *
 * DEBUG.  DR6 is Xen's to keep for a PV guest: the stub's C half reads it
 * by hypercall, hands the hooks the positive-polarity value the kernel's
 * own handler computes (DR6 XOR DR6_RESERVED), and when a hook claims
 * the trap resets it, as the kernel does on every debug exception.
 */
#include <linux/cpuhotplug.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <asm/trapnr.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/interface.h>

#include "hv/hv_impl.h"
#include "hv/xen/xen.h"

/* Read by xen_trap_entry.S: where a stub leaves to. */
unsigned long hv_xen_trap_iret;
unsigned long hv_xen_trap_kernel_int3;
unsigned long hv_xen_trap_kernel_debug;

/* One vector this path takes over. */
struct hv_xen_trap_vector {
	u8		vector;
	const char	*native;	/* the kernel's gate in idt_table */
	const char	*xen;		/* what the kernel registers with Xen */
	void		(*stub)(void);	/* ours */
	unsigned long	*kernel;	/* where the stub finds xen */
};

static const struct hv_xen_trap_vector hv_xen_trap_vectors[] = {
	{ X86_TRAP_DB, "asm_exc_debug", "xen_asm_xenpv_exc_debug",
	  hv_xen_trap_debug_entry, &hv_xen_trap_kernel_debug },
	{ X86_TRAP_BP, "asm_exc_int3", "xen_asm_exc_int3",
	  hv_xen_trap_int3_entry, &hv_xen_trap_kernel_int3 },
};

#define HV_XEN_TRAP_NVECTORS	ARRAY_SIZE(hv_xen_trap_vectors)

/* Trap tables for set_trap_table, each ended by a zero entry. */
static struct trap_info hv_xen_trap_ours[HV_XEN_TRAP_NVECTORS + 1];
static struct trap_info hv_xen_trap_kernel[HV_XEN_TRAP_NVECTORS + 1];

static DEFINE_PER_CPU(bool, hv_xen_trap_ours_here);
static enum cpuhp_state hv_xen_trap_hp_state;

static char hv_xen_trap_why[192];

static const char *hv_xen_trap_refuse(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(hv_xen_trap_why, sizeof(hv_xen_trap_why), fmt, ap);
	va_end(ap);
	return hv_xen_trap_why;
}

/* The address of a kernel symbol this path depends on, or 0 and why. */
static unsigned long hv_xen_trap_ksym(const char *name, const char **why)
{
	unsigned long addr = hv_ksym_lookup(name, why);

	if (!addr && !*why)
		*why = hv_xen_trap_refuse("the kernel symbol %s this path needs is not in kallsyms",
					  name);
	return addr;
}

/* A stub jumps to addr: with IBT enforced it must be a landing pad. */
static const char *hv_xen_trap_jump_ok(unsigned long addr, const char *name)
{
	if (hv_ksym_call_why_not(addr))
		return hv_xen_trap_refuse("this CPU enforces IBT and the kernel's %s has no ENDBR64 for the entry stubs to jump to",
					  name);
	return NULL;
}

/* The kernel's entry and ours for one vector, from its idt_table gate. */
static const char *hv_xen_trap_vector_probe(const struct hv_xen_trap_vector *v,
					    const gate_desc *idt,
					    struct trap_info *kernel,
					    struct trap_info *ours)
{
	unsigned long native, xen;
	const char *why;
	gate_desc gate;

	native = hv_xen_trap_ksym(v->native, &why);
	if (!native)
		return why;
	xen = hv_xen_trap_ksym(v->xen, &why);
	if (!xen)
		return why;
	why = hv_xen_trap_jump_ok(xen, v->xen);
	if (why)
		return why;
	if (copy_from_kernel_nofault(&gate, idt + v->vector, sizeof(gate)))
		return hv_xen_trap_refuse("the kernel's IDT gate for vector %u cannot be read",
					  v->vector);
	if (gate_offset(&gate) != native)
		return hv_xen_trap_refuse("the kernel's IDT gate for vector %u points at %pS, not at its own %s: another tool has taken the vector",
					  v->vector, (void *)gate_offset(&gate),
					  v->native);
	if (gate.bits.type != GATE_INTERRUPT && gate.bits.type != GATE_TRAP)
		return hv_xen_trap_refuse("the kernel's IDT gate for vector %u is of type %u, neither an interrupt nor a trap gate",
					  v->vector, gate.bits.type);

	kernel->vector = v->vector;
	kernel->flags = gate.bits.dpl;
	if (gate.bits.type == GATE_INTERRUPT)
		TI_SET_IF(kernel, 1);
	kernel->cs = gate_segment(&gate);
	kernel->address = xen;
	*ours = *kernel;
	ours->address = (unsigned long)v->stub;
	*v->kernel = xen;
	return NULL;
}

const char *hv_xen_trap_probe(void)
{
	unsigned long iret;
	const gate_desc *idt;
	const char *why;
	size_t i;

	iret = hv_xen_trap_ksym("xen_iret", &why);
	if (!iret)
		return why;
	why = hv_xen_trap_jump_ok(iret, "xen_iret");
	if (why)
		return why;
	idt = (const gate_desc *)hv_xen_trap_ksym("idt_table", &why);
	if (!idt)
		return why;
	for (i = 0; i < HV_XEN_TRAP_NVECTORS; i++) {
		why = hv_xen_trap_vector_probe(&hv_xen_trap_vectors[i], idt,
					       &hv_xen_trap_kernel[i],
					       &hv_xen_trap_ours[i]);
		if (why)
			return why;
	}
	hv_xen_trap_iret = iret;
	return NULL;
}

/* ---- the stubs' C half ------------------------------------------------ */

bool notrace hv_xen_trap_debug(struct pt_regs *regs)
{
	unsigned long dr6 = HYPERVISOR_get_debugreg(6) ^ DR6_RESERVED;

	if (!hv_trap_debug(regs, dr6))
		return false;
	HYPERVISOR_set_debugreg(6, DR6_RESERVED);
	return true;
}
NOKPROBE_SYMBOL(hv_xen_trap_debug);

/* ---- install and remove, per vCPU ------------------------------------- */

static int hv_xen_trap_load(struct trap_info *table, bool ours)
{
	int rv = HYPERVISOR_set_trap_table(table);

	if (rv) {
		pr_err("dtrace: xen trap: set_trap_table with %s entries failed on CPU %u (%d)\n",
		       ours ? "dtrace's" : "the kernel's", smp_processor_id(),
		       rv);
		return rv;
	}
	this_cpu_write(hv_xen_trap_ours_here, ours);
	return 0;
}

/* CPU hotplug: run on each vCPU, in its hotplug thread. */
static int hv_xen_trap_cpu_ours(unsigned int cpu)
{
	return hv_xen_trap_load(hv_xen_trap_ours, true);
}

static int hv_xen_trap_cpu_kernel(unsigned int cpu)
{
	return hv_xen_trap_load(hv_xen_trap_kernel, false);
}

int hv_xen_trap_install(void)
{
	int rv;

	rv = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "dtrace/hv_xen_trap:online",
			       hv_xen_trap_cpu_ours, hv_xen_trap_cpu_kernel);
	if (rv < 0)
		return rv;
	hv_xen_trap_hp_state = rv;
	return 0;
}

void hv_xen_trap_remove(void)
{
	cpuhp_remove_state(hv_xen_trap_hp_state);
}

/* What this vCPU has registered for the vector, as far as we know. */
int hv_xen_trap_describe(int vector, char *buf, size_t size)
{
	const struct trap_info *ti;
	size_t i;

	for (i = 0; i < HV_XEN_TRAP_NVECTORS; i++)
		if (hv_xen_trap_vectors[i].vector == vector)
			break;
	if (i == HV_XEN_TRAP_NVECTORS)
		return -EOPNOTSUPP;
	if (this_cpu_read(hv_xen_trap_ours_here))
		ti = &hv_xen_trap_ours[i];
	else
		ti = &hv_xen_trap_kernel[i];
	if (!ti->address)
		return -ENOENT;
	return scnprintf(buf, size,
			 "%pS via set_trap_table (cs %#x, dpl %u, events %s)",
			 (void *)ti->address, ti->cs, TI_GET_DPL(ti),
			 TI_GET_IF(ti) ? "masked" : "enabled");
}
