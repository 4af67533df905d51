// SPDX-License-Identifier: GPL-2.0
/*
 * Stacks for the kernel host (os_stack, os_ustack in core/os.h).  Both
 * run in probe context: any context, interrupts off, no lock, no fault.
 *
 * THE KERNEL STACK comes from the kernel's own unwinder (ORC on Debian's
 * kernels, frame pointers elsewhere), through the interface that
 * perf and stack_trace_save() use: unwind_start() at the current frame,
 * unwind_next_frame() outwards, one return address a frame.  The walk
 * crosses from the IRQ stack to the interrupted stack at the interrupt's
 * register frame, whose pc is the interrupted pc itself, which is how a
 * profile probe finds the frame it starts at.  Frames are streamed: the
 * ones before 'from' (the core's firing path, the provider) are passed
 * over, so no buffer is needed beyond the record itself.
 *
 * THE USER STACK is read from the thread's user registers (the pt_regs
 * saved at the top of its kernel stack when it entered the kernel) and
 * its user memory, with copy_from_user_nofault(), which is safe in any
 * context and fails instead of faulting.  The kernel's own user-stack
 * walker is not exported to modules, so the walk is ours:
 *
 *   1. the pc where the thread left user mode;
 *   2. the return address on top of the user stack, when the code at
 *      that pc has no frame of its own yet: system call wrappers such as
 *      libc's read() are leaves that never push one, and without this
 *      their caller (main) would be missing from every system call's
 *      stack;
 *   3. the frame-pointer chain from %rbp: each frame holds the caller's
 *      %rbp and a return address.
 *
 * Code built without frame pointers (most of a distribution's libraries)
 * ends the chain early or feeds it values that are not frames.  So every
 * return address taken from memory must follow a call instruction (a
 * call rel32, or a call through a register or memory operand, decoded
 * exactly), frames must lie on the stack above the stack pointer and go
 * up, and the walk stops at the first that does not: a short stack, not
 * an invented one.  32-bit tasks get their pc only.
 */
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/uaccess.h>
#include <asm/ptrace.h>
#include <asm/unwind.h>

#include "../../os.h"

/* The unwinder's own guard is on the stack bounds; this one is ours. */
#define OS_STACK_WALK_MAX	4096

int os_stack(uint64_t *pcs, int max, uintptr_t from, int skip)
{
	struct unwind_state state;
	unsigned long addr;
	bool found = false;
	int n = 0, walked = 0;

	if (from == 0 || max <= 0)
		return 0;
	for (unwind_start(&state, current, NULL, NULL);
	     !unwind_done(&state) && n < max && walked < OS_STACK_WALK_MAX;
	     unwind_next_frame(&state), walked++) {
		addr = unwind_get_return_address(&state);
		if (addr == 0)
			break;
		if (!found) {
			if (addr != from)
				continue;
			found = true;
		}
		if (skip > 0) {
			skip--;
			continue;
		}
		if (pcs != NULL)
			pcs[n] = addr;
		n++;
	}
	return n;
}

/* ---- user stacks ------------------------------------------------------ */

/* A user thread's stack lies within this much above its stack pointer. */
#define OS_USTACK_SPAN		(64UL << 20)

static bool uload(unsigned long uaddr, void *dst, size_t size)
{
	return copy_from_user_nofault(dst, (const void __user *)uaddr,
				      size) == 0;
}

/*
 * Bytes of a ModRM operand (ModRM, SIB, displacement) starting at m;
 * 'end' bounds what may be read (the SIB byte).
 */
static int modrm_len(const u8 *m, const u8 *end)
{
	int mod = m[0] >> 6, rm = m[0] & 7, len = 1;

	if (mod == 3)
		return 1;
	if (rm == 4) {
		len++;
		if (mod == 0 && m + 1 < end && (m[1] & 7) == 5)
			len += 4;
	} else if (mod == 0 && rm == 5) {
		len += 4;		/* %rip-relative */
	}
	if (mod == 1)
		len += 1;
	else if (mod == 2)
		len += 4;
	return len;
}

/*
 * Does a call instruction end at 'ret'?  A call rel32 (e8 + 4 bytes), or
 * a call through an operand (ff /2), with or without a REX prefix, whose
 * length decodes to exactly the bytes before 'ret'.
 */
static bool follows_call(unsigned long ret)
{
	u8 b[8], *end = b + sizeof(b);
	int k;

	if (ret < PAGE_SIZE || !uload(ret - sizeof(b), b, sizeof(b)))
		return false;
	if (end[-5] == 0xe8)
		return true;
	for (k = 2; k <= 7; k++) {
		const u8 *op = end - k;

		if (op[0] == 0xff && ((op[1] >> 3) & 7) == 2 &&
		    1 + modrm_len(op + 1, end) == k)
			return true;
	}
	return false;
}

int os_ustack(uint64_t *pcs, int max, uintptr_t from)
{
	unsigned long fp, top, frame[2], sp;
	struct pt_regs *regs;
	bool chain;
	int n = 0;

	if (max <= 0 || current->mm == NULL || (current->flags & PF_KTHREAD))
		return 0;
	regs = task_pt_regs(current);
	if (pcs != NULL)
		pcs[n] = regs->ip;
	n++;
	if (!user_64bit_mode(regs))
		return n;

	sp = regs->sp;
	fp = regs->bp;
	chain = fp >= sp && fp - sp < OS_USTACK_SPAN && !(fp & 7) &&
		uload(fp, frame, sizeof(frame)) && follows_call(frame[1]);

	/* a leaf without a frame: its caller's return address is at sp */
	if (n < max && uload(sp, &top, sizeof(top)) &&
	    (!chain || top != frame[1]) && follows_call(top)) {
		if (pcs != NULL)
			pcs[n] = top;
		n++;
	}
	while (chain && n < max) {
		if (pcs != NULL)
			pcs[n] = frame[1];
		n++;
		if (frame[0] <= fp || frame[0] - sp >= OS_USTACK_SPAN ||
		    (frame[0] & 7))
			break;
		fp = frame[0];
		chain = uload(fp, frame, sizeof(frame)) &&
			follows_call(frame[1]);
	}
	return n;
}
