// SPDX-License-Identifier: GPL-2.0
/*
 * Principal buffers: one per CPU per consumer, written only by that CPU in
 * probe context and switched or read by the consumer through os_xcall on
 * that CPU (so a switch never races a firing there).
 *
 * A firing reserves the bytes of its EPID record (dtrace_buffer_reserve),
 * fills them, and commits them only once every action has run
 * (dtrace_buffer_commit): a record abandoned on a fault, a false
 * predicate or a speculate() is simply never committed.
 *
 * The policies, when a record does not fit:
 *   switch  the record is dropped and counted; the consumer switches the
 *           halves often enough (switchrate) that this is rare.
 *   fill    the buffer is marked filled and takes nothing more (later
 *           records count as drops); the consumer sees status.filled,
 *           stops, and reads it once.  The last 'end_reserve' bytes are
 *           kept for the END clauses: only once END fires
 *           (dtrace_buffer_open_end) may records use them, filled or not.
 *   ring    the buffer wraps: the rest of the half is padded with a
 *           DTRACE_EPIDNONE header and the oldest records are
 *           overwritten.  'head' is the oldest record that survives; the
 *           consumer reads the ring once, in order, after stop.
 */
#include "core_impl.h"

#define RECHDR_SIZE	((uint64_t)sizeof(dtc_rechdr_t))

int dtrace_buffer_alloc(dtrace_buffer_t *b, uint64_t size, int policy)
{
	size = DTRACE_ALIGN(size, 8);
	if (size < RECHDR_SIZE)
		return -EINVAL;
	os_memset(b, 0, sizeof(*b));
	b->data[0] = os_zalloc(size);
	b->data[1] = os_zalloc(size);
	if (b->data[0] == NULL || b->data[1] == NULL) {
		dtrace_buffer_free(b);
		return -ENOMEM;
	}
	b->size = size;
	b->policy = policy;
	return 0;
}

void dtrace_buffer_free(dtrace_buffer_t *b)
{
	if (b->data[0] != NULL)
		os_free(b->data[0], b->size);
	if (b->data[1] != NULL)
		os_free(b->data[1], b->size);
	b->data[0] = b->data[1] = NULL;
}

/* Size of the record at 'off' of the active half (ring walking). */
static uint64_t record_size(dtrace_buffer_t *b, uint64_t off)
{
	const dtc_rechdr_t *h = (const dtc_rechdr_t *)(b->data[b->active] +
						       off);
	uint32_t sz;

	if (h->epid == DTRACE_EPIDNONE || b->epid_size == NULL)
		return 0;
	sz = b->epid_size(b->epid_arg, h->epid);
	return DTRACE_ALIGN(sz ? sz : RECHDR_SIZE, 8);
}

/*
 * Ring: make [off, off + needed) free by moving 'head' past every old
 * record that overlaps it.  When head passes the end of the old lap the
 * ring holds only the new lap, which starts at 0.
 */
static void ring_evict(dtrace_buffer_t *b, uint64_t off, uint64_t needed)
{
	uint64_t sz;

	while (b->wrapped && b->head < off + needed) {
		sz = b->head < b->wrap_end ? record_size(b, b->head) : 0;
		if (sz == 0 || b->head + sz >= b->wrap_end) {
			b->wrapped = false;
			b->head = 0;
			break;
		}
		b->head += sz;
	}
}

int64_t dtrace_buffer_reserve(dtrace_buffer_t *b, uint64_t needed)
{
	char *data = b->data[b->active];
	uint64_t off = b->offset;

	needed = DTRACE_ALIGN(needed, 8);
	if (b->filled && !b->end_open) {
		b->drops++;
		return -1;
	}
	if (off + needed <= b->size - (b->end_open ? 0 : b->end_reserve)) {
		if (b->policy == DTRACEOPT_BUFPOLICY_RING)
			ring_evict(b, off, needed);
		return (int64_t)off;
	}
	switch (b->policy) {
	case DTRACEOPT_BUFPOLICY_FILL:
		b->filled = true;
		b->drops++;
		return -1;
	case DTRACEOPT_BUFPOLICY_RING:
		if (needed > b->size) {
			b->drops++;
			return -1;
		}
		if (off + RECHDR_SIZE <= b->size)
			os_memset(data + off, 0, RECHDR_SIZE);
		/*
		 * The lap just written becomes the old lap; what was left
		 * of an older one beyond 'off' is the oldest data and goes.
		 */
		b->head = 0;
		b->wrap_end = off;
		b->wrapped = true;
		b->offset = 0;
		ring_evict(b, 0, needed);
		return 0;
	default:
		b->drops++;
		return -1;
	}
}

void dtrace_buffer_open_end(dtrace_buffer_t *b)
{
	b->end_open = true;
}

void dtrace_buffer_commit(dtrace_buffer_t *b, int64_t off, uint64_t size)
{
	b->offset = (uint64_t)off + DTRACE_ALIGN(size, 8);
}

void dtrace_buffer_switch(dtrace_buffer_t *b)
{
	b->snap_size = b->offset;
	b->snap_drops = b->drops;
	b->active ^= 1;
	b->offset = 0;
	b->drops = 0;
}

/*
 * After tracing stopped: put the ring's (or fill buffer's) records in
 * order into the inactive half and describe them as a switch would.
 */
void dtrace_buffer_linearize(dtrace_buffer_t *b)
{
	char *src = b->data[b->active], *dst = b->data[b->active ^ 1];
	uint64_t n = 0;

	if (b->wrapped) {
		n = b->wrap_end - b->head;
		os_memcpy(dst, src + b->head, n);
	}
	os_memcpy(dst + n, src, b->offset);
	n += b->offset;
	b->snap_size = n;
	b->snap_drops = b->drops;
	b->drops = 0;
}
