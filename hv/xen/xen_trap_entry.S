/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Xen backend's entry stubs for int3 (vector 3) and debug (vector 1),
 * registered in a vCPU's virtual IDT by xen_trap.c with set_trap_table.
 *
 * WHAT XEN HANDS US.  A 64-bit PV kernel takes exceptions through Xen,
 * which bounces them to the trap-table entry on the current kernel stack
 * (there are no IST stacks for a PV guest) with events masked (our
 * entries are registered as interrupt gates, as the kernel's are), and
 * with two registers Xen clobbered on the way pushed above the standard
 * iret frame:
 *
 *	ss, rsp, rflags, cs, rip	the iret frame
 *	r11				pushed by Xen
 *	rcx			<- rsp
 *
 * The CS in the frame has RPL 0 when the trap came from the kernel and 3
 * when it came from user mode.
 *
 * WHAT A STUB DOES.  A trap from user mode goes straight, untouched, to
 * the kernel's own Xen entry for the vector (xen_asm_exc_int3 or
 * xen_asm_xenpv_exc_debug, found by name at load), which pops rcx and r11
 * and continues into the kernel's native handler.  A trap from kernel
 * mode:
 *
 *   1. pops rcx and r11 back into their registers and builds a struct
 *      pt_regs below the iret frame (orig_ax = -1, as the kernel does);
 *   2. for int3, first copies the frame six words lower, leaving a gap
 *      above it as the kernel's own int3 entry does, so that a hook may
 *      emulate a push or a call on the interrupted stack;
 *   3. offers the trap to the hooks: hv_trap_int3(regs) or, for debug,
 *      hv_xen_trap_debug(regs), which reads DR6 by hypercall first;
 *   4. if a hook claimed it, restores the registers from pt_regs (as the
 *      hook may have changed them) and leaves through the kernel's Xen
 *      return path, xen_iret, with the iret frame of pt_regs: xen_iret
 *      adds the flags word and makes the iret hypercall;
 *   5. if not, restores the registers, puts back the frame exactly as Xen
 *      delivered it (rcx and r11 pushed again) and jumps to the kernel's
 *      Xen entry, as if this stub had never run.
 *
 * The three jump targets are kernel addresses in variables (xen_trap.c);
 * the jumps are indirect and annotated as such for objtool.  Nothing
 * here may be probed.
 */
#include <linux/linkage.h>
#include <linux/version.h>
#include <asm/asm.h>
#include <asm/nospec-branch.h>
#include <asm/ptrace-abi.h>
#include <asm/unwind_hints.h>

/* ENDBR (5.18): on older kernels there is no IBT to land for. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 18, 0)
#include <asm/ibt.h>
#else
#define ENDBR
#endif

/* At entry: CS of the Xen frame, above rcx and r11. */
#define HV_XEN_ENTRY_CS		(2*8 + CS - RIP)
/* The int3 gap: orig_ax and the five words of the iret frame. */
#define HV_XEN_GAP_WORDS	6

/* Below orig_ax: the general registers of a struct pt_regs. */
.macro HV_XEN_PUSH_REGS
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	UNWIND_HINT_REGS
.endm

.macro HV_XEN_POP_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
.endm

/*
 * name: the stub; hook: the C function offered the trap (pt_regs in
 * rdi, true when claimed); kernel: the variable holding the kernel's Xen
 * entry for the vector; gap: 1 for int3.
 */
.macro HV_XEN_TRAP_ENTRY name hook kernel gap
SYM_CODE_START(\name)
	UNWIND_HINT_IRET_REGS offset=16
	ENDBR
	testb	$3, HV_XEN_ENTRY_CS(%rsp)
	jnz	.Lto_kernel_\@

	popq	%rcx
	popq	%r11
	UNWIND_HINT_IRET_REGS
	pushq	$-1				/* orig_ax */
	.if \gap
	.rept	HV_XEN_GAP_WORDS
	pushq	(HV_XEN_GAP_WORDS - 1)*8(%rsp)
	.endr
	.endif
	UNWIND_HINT_IRET_REGS offset=8
	HV_XEN_PUSH_REGS
	cld
	movq	%rsp, %rdi
	call	\hook
	testb	%al, %al
	jz	.Ldeclined_\@

	HV_XEN_POP_REGS
	addq	$8, %rsp			/* orig_ax */
	UNWIND_HINT_IRET_REGS
	ANNOTATE_RETPOLINE_SAFE
	jmp	*hv_xen_trap_iret(%rip)
	int3

.Ldeclined_\@:
	UNWIND_HINT_REGS
	HV_XEN_POP_REGS
	/* orig_ax, and the copy below the gap: back to Xen's frame */
	addq	$(1 + \gap * HV_XEN_GAP_WORDS)*8, %rsp
	UNWIND_HINT_IRET_REGS
	pushq	%r11
	pushq	%rcx

.Lto_kernel_\@:
	UNWIND_HINT_IRET_REGS offset=16
	ANNOTATE_RETPOLINE_SAFE
	jmp	*\kernel(%rip)
	int3
SYM_CODE_END(\name)
_ASM_NOKPROBE(\name)
.endm

HV_XEN_TRAP_ENTRY hv_xen_trap_int3_entry hv_trap_int3 \
		  hv_xen_trap_kernel_int3 1
HV_XEN_TRAP_ENTRY hv_xen_trap_debug_entry hv_xen_trap_debug \
		  hv_xen_trap_kernel_debug 0
