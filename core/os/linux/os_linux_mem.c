// SPDX-License-Identifier: GPL-2.0
/*
 * Memory of the module, and the account of what it has not given back.
 *
 * Every allocation of dtrace.ko that outlives the call that made it goes
 * through os_zalloc and os_free: the core's (probes, ECBs, DIF objects,
 * buffers, dynamic variables), the providers' and the glue's own (a
 * consumer's open file, a cyclic's timers).  Scratch memory allocated and
 * freed within one ioctl is not counted: it cannot outlive the call.
 *
 * THE ACCOUNT.  Two atomics, changed on every os_zalloc and os_free and
 * read by anyone without a lock:
 *
 *   alloc_count  allocations not yet freed
 *   alloc_bytes  the bytes they were asked for
 *
 * Users and tests read them as /sys/module/dtrace/parameters/alloc_count
 * and alloc_bytes (read-only).  Their invariants:
 *
 *   - With no consumer open, they hold what the providers have created
 *     and keep until unload (probes, the probe table); that "idle value"
 *     changes only when a consumer names probes that did not exist yet.
 *     Whatever a consumer allocated (state, ECBs, clauses, buffers,
 *     cyclics) is returned when its file is released, however it ends:
 *     close, exit or kill -9.  So two runs of the same script leave the
 *     same idle value.
 *   - At unload, after the core and every provider are gone, both are 0.
 *     Anything else is a leak, reported by os_linux_mem_fini() in one
 *     loud line that vmtest's kernel-log scanner fails a cell on (its
 *     pattern "dtrace: leak at unload" lives in vmtest/splat.c).
 *
 * The bytes are the sizes the callers pass: os_free is told the size of
 * what it frees, and the account trusts it.  A caller that frees with a
 * size other than the one it allocated leaves bytes behind with a count
 * of 0; that is a bookkeeping bug in the caller, and reported the same.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/mm.h>

#include "../../os.h"
#include "dtrace_mod.h"

static atomic_long_t os_mem_count = ATOMIC_LONG_INIT(0);
static atomic_long_t os_mem_bytes = ATOMIC_LONG_INIT(0);

/*
 * Buffers are sized by the consumer's options and can be large: kvzalloc
 * falls back to vmalloc.  A failure is reported to the consumer as
 * -ENOMEM, so the allocator's own warning splat is suppressed.
 */
void *os_zalloc(size_t size)
{
	void *p = kvzalloc(size, GFP_KERNEL | __GFP_NOWARN);

	if (p) {
		atomic_long_inc(&os_mem_count);
		atomic_long_add(size, &os_mem_bytes);
	}
	return p;
}

/* NULL is accepted, as kvfree accepts it, and counts for nothing. */
void os_free(void *p, size_t size)
{
	if (!p)
		return;
	kvfree(p);
	atomic_long_dec(&os_mem_count);
	atomic_long_sub(size, &os_mem_bytes);
}

static int os_mem_param_get(char *buf, const struct kernel_param *kp)
{
	return sprintf(buf, "%ld\n", atomic_long_read(kp->arg));
}

static const struct kernel_param_ops os_mem_param_ops = {
	.get = os_mem_param_get,
};

module_param_cb(alloc_count, &os_mem_param_ops, &os_mem_count, 0444);
MODULE_PARM_DESC(alloc_count,
		 "allocations of the module not yet freed (read-only)");
module_param_cb(alloc_bytes, &os_mem_param_ops, &os_mem_bytes, 0444);
MODULE_PARM_DESC(alloc_bytes,
		 "bytes of the allocations not yet freed (read-only)");

/*
 * Called last at unload (and after a failed load), when nothing of the
 * module may hold memory any more.
 */
void os_linux_mem_fini(void)
{
	long count = atomic_long_read(&os_mem_count);
	long bytes = atomic_long_read(&os_mem_bytes);

	if (count != 0 || bytes != 0)
		pr_err("dtrace: leak at unload: %ld bytes in %ld allocations were never freed; this is a bug in dtrace.ko, please report it with this kernel log\n",
		       bytes, count);
}
