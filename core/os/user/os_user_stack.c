// SPDX-License-Identifier: GPL-2.0
/*
 * Stacks for the user-space host (os_stack, os_ustack in core/os.h).
 *
 * Probe context here is the process itself, so the "kernel" stack and
 * the user stack of a firing are one and the same: the frames of the
 * thread that fired the probe, from the probe site outwards.  They come
 * from glibc's backtrace(), which unwinds with the .eh_frame tables and
 * so needs no frame pointers.  backtrace() loads its unwinder the first
 * time it runs (dlopen and malloc), which probe context must not do:
 * the constructor below makes that first call when the process starts.
 *
 * A walk is collected whole into a per-thread array and the frames from
 * 'from' on are copied out; a stack deeper than the array loses its
 * outermost frames.
 */
#include <execinfo.h>

#include "core/os.h"

#define OS_USER_STACK_MAX	(1024 + 64)	/* core frames + 1024 */

static __thread void *walk[OS_USER_STACK_MAX];

__attribute__((constructor))
static void os_user_stack_init(void)
{
	backtrace(walk, 1);
}

int os_stack(uint64_t *pcs, int max, uintptr_t from, int skip)
{
	int depth = backtrace(walk, OS_USER_STACK_MAX);
	int i = 0, n = 0;

	while (i < depth && (uintptr_t)walk[i] != from)
		i++;
	for (i += skip; i < depth && n < max; i++, n++) {
		if (pcs != NULL)
			pcs[n] = (uint64_t)(uintptr_t)walk[i];
	}
	return n;
}

int os_ustack(uint64_t *pcs, int max, uintptr_t from)
{
	return os_stack(pcs, max, from, 0);
}
