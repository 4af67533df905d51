// SPDX-License-Identifier: GPL-2.0
/*
 * Aggregations: per-CPU buffers of (aggregation variable, key) -> value.
 *
 * Each CPU's buffer has two halves.  Probe context updates the active
 * half: it finds the entry for (varid, key) through an open-addressing
 * table of entry offsets, creating the entry at the function's identity
 * when it is new.  Entries are laid out exactly as the consumer reads a
 * snapshot (abi.h: dtc_aggent_t, key, value words), so a snapshot is a
 * switch of halves on that CPU and no copy.  The consumer adds the
 * snapshots up; the half that becomes active was emptied before the
 * switch, so each snapshot holds only what happened since the last.
 *
 * A full half (out of bytes, or the table more than three quarters full)
 * drops the update and counts it.
 */
#include "core_impl.h"

#define AGGENT_SIZE	((uint32_t)sizeof(dtc_aggent_t))
#define SLOTS_MIN	256u

static void half_free(dtrace_aggbuf_half_t *h, uint64_t size,
		      uint32_t nslots)
{
	if (h->data != NULL)
		os_free(h->data, size);
	if (h->slots != NULL)
		os_free(h->slots, nslots * sizeof(uint32_t));
	h->data = NULL;
	h->slots = NULL;
}

int dtrace_aggbuffer_alloc(dtrace_aggbuffer_t *ab, uint64_t size)
{
	uint32_t nslots = SLOTS_MIN;
	int i;

	os_memset(ab, 0, sizeof(*ab));
	size = DTRACE_ALIGN(size, 8);
	if (size < 64 || size > 0xffffffffull)
		return -EINVAL;
	while (nslots < size / 64 && nslots < (1u << 24))
		nslots <<= 1;
	ab->size = size;
	ab->nslots = nslots;
	for (i = 0; i < 2; i++) {
		ab->half[i].data = os_zalloc(size);
		ab->half[i].slots = os_zalloc(nslots * sizeof(uint32_t));
		if (ab->half[i].data == NULL || ab->half[i].slots == NULL) {
			dtrace_aggbuffer_free(ab);
			return -ENOMEM;
		}
	}
	return 0;
}

void dtrace_aggbuffer_free(dtrace_aggbuffer_t *ab)
{
	half_free(&ab->half[0], ab->size, ab->nslots);
	half_free(&ab->half[1], ab->size, ab->nslots);
}

void dtrace_aggbuffer_reset_inactive(dtrace_aggbuffer_t *ab)
{
	dtrace_aggbuf_half_t *h = &ab->half[ab->active ^ 1];

	os_memset(h->slots, 0, ab->nslots * sizeof(uint32_t));
	h->offset = 0;
	h->nused = 0;
	h->drops = 0;
}

void dtrace_aggbuffer_switch(dtrace_aggbuffer_t *ab)
{
	dtrace_aggbuf_half_t *h = &ab->half[ab->active];

	ab->snap_size = h->offset;
	ab->snap_drops = h->drops;
	ab->active ^= 1;
}

/* FNV-1a over the varid and the key bytes. */
static uint32_t key_hash(uint32_t varid, const unsigned char *key,
			 uint32_t len)
{
	uint32_t h = 2166136261u, i;

	for (i = 0; i < 4; i++) {
		h ^= (varid >> (8 * i)) & 0xff;
		h *= 16777619u;
	}
	for (i = 0; i < len; i++) {
		h ^= key[i];
		h *= 16777619u;
	}
	return h;
}

void dtrace_aggregate_init_value(uint32_t kind, int64_t *val,
				 uint32_t valsize)
{
	os_memset(val, 0, valsize);
	if (kind == DTRACEAGG_MIN)
		val[0] = DTRACE_INT64_MAX;
	else if (kind == DTRACEAGG_MAX)
		val[0] = DTRACE_INT64_MIN;
}

int64_t *dtrace_aggbuffer_lookup(dtrace_aggbuffer_t *ab,
				 const dtrace_aggvar_t *av, const void *key)
{
	dtrace_aggbuf_half_t *h = &ab->half[ab->active];
	uint32_t mask = ab->nslots - 1, i, n, entsize;
	uint32_t slot = key_hash(av->varid, key, av->keysize) & mask;
	dtc_aggent_t *ent;

	entsize = AGGENT_SIZE + av->keysize + av->valsize;
	for (n = 0; n < ab->nslots; n++, slot = (slot + 1) & mask) {
		i = h->slots[slot];
		if (i == 0)
			break;
		ent = (dtc_aggent_t *)(h->data + i - 1);
		if (ent->varid == av->varid &&
		    os_memcmp(ent + 1, key, av->keysize) == 0)
			return (int64_t *)((char *)(ent + 1) + av->keysize);
	}
	if (n == ab->nslots || h->offset + entsize > ab->size ||
	    h->nused >= ab->nslots / 4 * 3) {
		h->drops++;
		return NULL;
	}
	ent = (dtc_aggent_t *)(h->data + h->offset);
	ent->varid = av->varid;
	ent->size = entsize;
	os_memcpy(ent + 1, key, av->keysize);
	dtrace_aggregate_init_value(av->kind, (int64_t *)((char *)(ent + 1) +
				    av->keysize), av->valsize);
	h->slots[slot] = (uint32_t)h->offset + 1;
	h->offset += entsize;
	h->nused++;
	return (int64_t *)((char *)(ent + 1) + av->keysize);
}

int dtrace_quantize_bucket(int64_t v)
{
	uint64_t m;
	int k = 0;

	if (v == 0)
		return DTRACE_QUANTIZE_ZEROBUCKET;
	m = v > 0 ? (uint64_t)v : -(uint64_t)v;
	while (m != 0) {
		k++;
		m >>= 1;
	}
	if (v > 0)
		return DTRACE_QUANTIZE_ZEROBUCKET + k;
	return k > DTRACE_QUANTIZE_ZEROBUCKET ? 0 :
	       DTRACE_QUANTIZE_ZEROBUCKET - k;
}

static uint32_t lquantize_bucket(uint64_t arg2, int64_t v)
{
	int64_t base = DTRACE_LQUANTIZE_BASE(arg2);
	uint32_t step = DTRACE_LQUANTIZE_STEP(arg2);
	uint32_t levels = DTRACE_LQUANTIZE_LEVELS(arg2);
	uint64_t k;

	if (v < base)
		return 0;
	k = ((uint64_t)v - (uint64_t)base) / step;
	return k >= levels ? levels + 1 : (uint32_t)k + 1;
}

/* Add v * v to a 128-bit sum held in two words, lo then hi. */
static void add_square(int64_t *lohi, int64_t v)
{
	uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
	uint64_t a = m >> 32, b = m & 0xffffffffu;
	uint64_t hi = a * a, mid = a * b, lo = b * b, t;

	/* m^2 = hi * 2^64 + 2 * mid * 2^32 + lo */
	t = lo + (mid << 33);
	hi += (mid >> 31) + (t < lo);
	lo = t;
	t = (uint64_t)lohi[0] + lo;
	lohi[1] = (int64_t)((uint64_t)lohi[1] + hi + (t < lo));
	lohi[0] = (int64_t)t;
}

void dtrace_aggregate_apply(const dtrace_aggvar_t *av, int64_t *val,
			    int64_t v, int64_t incr)
{
	switch (av->kind) {
	case DTRACEAGG_COUNT:
		val[0]++;
		break;
	case DTRACEAGG_SUM:
		val[0] += v;
		break;
	case DTRACEAGG_MIN:
		if (v < val[0])
			val[0] = v;
		break;
	case DTRACEAGG_MAX:
		if (v > val[0])
			val[0] = v;
		break;
	case DTRACEAGG_AVG:
		val[0]++;
		val[1] += v;
		break;
	case DTRACEAGG_STDDEV:
		val[0]++;
		val[1] += v;
		add_square(&val[2], v);
		break;
	case DTRACEAGG_QUANTIZE:
		val[dtrace_quantize_bucket(v)] += incr;
		break;
	case DTRACEAGG_LQUANTIZE:
		val[lquantize_bucket(av->arg2, v)] += incr;
		break;
	case DTRACEAGG_LLQUANTIZE:
		val[dtc_llquantize_bucket(av->arg2, v)] += incr;
		break;
	}
}

uint32_t dtrace_aggregate_valsize(uint32_t kind, uint64_t arg2)
{
	switch (kind) {
	case DTRACEAGG_AVG:
		return 2 * 8;
	case DTRACEAGG_STDDEV:
		return 4 * 8;
	case DTRACEAGG_QUANTIZE:
		return DTRACE_QUANTIZE_NBUCKETS * 8;
	case DTRACEAGG_LQUANTIZE:
		return (DTRACE_LQUANTIZE_LEVELS(arg2) + 2) * 8;
	case DTRACEAGG_LLQUANTIZE:
		return dtc_llquantize_nbuckets(arg2) * 8;
	default:
		return 8;
	}
}

#define LQUANTIZE_MAXLEVELS	32768u
#define LLQUANTIZE_MAXBUCKETS	65536u

int dtrace_aggregate_check(uint32_t kind, uint64_t arg2, const char **why)
{
	unsigned f = DTRACE_LLQUANTIZE_FACTOR(arg2);
	unsigned low = DTRACE_LLQUANTIZE_LOW(arg2);
	unsigned high = DTRACE_LLQUANTIZE_HIGH(arg2);
	unsigned m;
	uint64_t p = 1;

	if (kind == DTRACEAGG_LQUANTIZE) {
		if (DTRACE_LQUANTIZE_STEP(arg2) == 0) {
			*why = "lquantize step is 0";
			return -EINVAL;
		}
		if (DTRACE_LQUANTIZE_LEVELS(arg2) == 0 ||
		    DTRACE_LQUANTIZE_LEVELS(arg2) > LQUANTIZE_MAXLEVELS) {
			*why = "lquantize levels must be 1..32768";
			return -EINVAL;
		}
	}
	if (kind != DTRACEAGG_LLQUANTIZE)
		return 0;
	if (f < 2 || low > high || DTRACE_LLQUANTIZE_NSTEP(arg2) == 0) {
		*why = "llquantize needs factor >= 2, low <= high, steps > 0";
		return -EINVAL;
	}
	for (m = 0; m <= high; m++) {
		if (p > (uint64_t)DTRACE_INT64_MAX / f) {
			*why = "llquantize factor^(high+1) overflows int64";
			return -EINVAL;
		}
		p *= f;
	}
	if (dtc_llquantize_nbuckets(arg2) > LLQUANTIZE_MAXBUCKETS) {
		*why = "llquantize needs more than 65536 buckets";
		return -EINVAL;
	}
	return 0;
}
