// SPDX-License-Identifier: GPL-2.0
/*
 * Stacks in probe context: the records of stack() and ustack() and the
 * built-in variables caller, stackdepth, ucaller and ustackdepth.  The
 * host walks the stacks (os_stack, os_ustack); this file decides where a
 * kernel stack begins, as DTrace does:
 *
 *   - A probe fired by a call of dtrace_probe() begins at the frame that
 *     made the call: dtrace_probe() records its own return address in
 *     the firing's mstate ('from'), and the walk starts at the frame
 *     holding it, then leaves out the probe's aframes (the provider's own
 *     callbacks between the probed code and that call).  Nothing of the
 *     core's own firing path is ever recorded.
 *   - A probe that fires from an interrupt (aframes DTRACE_AFRAMES_INTR:
 *     profile-N, tick-N) begins at the interrupted kernel pc, arg0; when
 *     the CPU was in user mode (arg0 == 0) the kernel stack is empty, as
 *     DTrace shows it (the empty stack in a profile aggregation is the
 *     time spent in user mode).
 *
 * The user stack always begins where the thread left user mode; its
 * record is the pid followed by the frames, so that the consumer can
 * find the process's symbols.  Records are zero-filled after the last
 * frame: the consumer stops at the first 0.
 *
 * caller is the second frame of the kernel stack (the first is the
 * probed function itself), ucaller the second of the user stack, and the
 * depths count the frames the walks find, up to DTRACE_STACKDEPTH_MAX.
 */
#include "core_impl.h"

#define DTRACE_STACKDEPTH_MAX	1024

static int kernel_stack(const dtrace_mstate_t *mst, uint64_t *pcs, int max)
{
	if (mst->aframes == DTRACE_AFRAMES_INTR)
		return mst->args[0] != 0 ?
		       os_stack(pcs, max, (uintptr_t)mst->args[0], 0) : 0;
	return os_stack(pcs, max, mst->from,
			mst->aframes > 0 ? mst->aframes : 0);
}

void dtrace_stack_record(const dtrace_mstate_t *mst, uint64_t *pcs,
			 uint32_t nframes)
{
	int n = kernel_stack(mst, pcs, (int)nframes);

	os_memset(pcs + n, 0, (nframes - n) * sizeof(uint64_t));
}

void dtrace_ustack_record(const dtrace_mstate_t *mst, uint64_t *rec,
			  uint32_t nframes)
{
	int n = os_ustack(rec + 1, (int)nframes, mst->from);

	rec[0] = (uint64_t)os_pid();
	os_memset(rec + 1 + n, 0, (nframes - n) * sizeof(uint64_t));
}

uint64_t dtrace_stack_caller(const dtrace_mstate_t *mst)
{
	uint64_t pcs[2] = { 0, 0 };

	kernel_stack(mst, pcs, 2);
	return pcs[1];
}

uint64_t dtrace_stack_depth(const dtrace_mstate_t *mst)
{
	return (uint64_t)kernel_stack(mst, NULL, DTRACE_STACKDEPTH_MAX);
}

uint64_t dtrace_ustack_caller(const dtrace_mstate_t *mst)
{
	uint64_t pcs[2] = { 0, 0 };

	os_ustack(pcs, 2, mst->from);
	return pcs[1];
}

uint64_t dtrace_ustack_depth(const dtrace_mstate_t *mst)
{
	return (uint64_t)os_ustack(NULL, DTRACE_STACKDEPTH_MAX, mst->from);
}
