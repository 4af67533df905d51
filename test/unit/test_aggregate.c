// SPDX-License-Identifier: GPL-2.0
/*
 * Aggregations: each aggregating function's value after known updates,
 * the quantize/lquantize/llquantize bucket layouts, the per-CPU buffer
 * (keys kept apart, snapshots start empty, drops when full), and
 * count()/sum() with a key through the in-process core.
 */
#include "core/core_impl.h"
#include "core_harness.h"
#include "unit.h"

static void agg_run(uint32_t kind, uint64_t arg2, const int64_t *vals,
		    int n, int64_t *out)
{
	dtrace_aggvar_t av = { 1, kind, arg2, 0, 0, 0, NULL };
	int i;

	av.valsize = dtrace_aggregate_valsize(kind, arg2);
	dtrace_aggregate_init_value(kind, out, av.valsize);
	for (i = 0; i < n; i++)
		dtrace_aggregate_apply(&av, out, vals[i], 1);
}

static void test_functions(void)
{
	static const int64_t v[] = { 5, -3, 12, 0, 7 };
	int64_t out[4];

	agg_run(DTRACEAGG_COUNT, 0, v, 5, out);
	CHECK(out[0] == 5, "count 5 (%lld)", (long long)out[0]);
	agg_run(DTRACEAGG_SUM, 0, v, 5, out);
	CHECK(out[0] == 21, "sum 21 (%lld)", (long long)out[0]);
	agg_run(DTRACEAGG_MIN, 0, v, 5, out);
	CHECK(out[0] == -3, "min -3 (%lld)", (long long)out[0]);
	agg_run(DTRACEAGG_MAX, 0, v, 5, out);
	CHECK(out[0] == 12, "max 12 (%lld)", (long long)out[0]);
	agg_run(DTRACEAGG_MIN, 0, v, 0, out);
	CHECK(out[0] == DTRACE_INT64_MAX, "min starts at INT64_MAX");
	agg_run(DTRACEAGG_MAX, 0, v, 0, out);
	CHECK(out[0] == DTRACE_INT64_MIN, "max starts at INT64_MIN");
	agg_run(DTRACEAGG_AVG, 0, v, 5, out);
	CHECK(out[0] == 5 && out[1] == 21, "avg {5, 21} ({%lld, %lld})",
	      (long long)out[0], (long long)out[1]);
	agg_run(DTRACEAGG_STDDEV, 0, v, 5, out);
	CHECK(out[0] == 5 && out[1] == 21 && out[2] == 25 + 9 + 144 + 49 &&
	      out[3] == 0, "stddev {5, 21, 227, 0}");
}

static void test_stddev_128bit(void)
{
	static const int64_t big[] = { 3000000000000LL, -3000000000000LL };
	int64_t out[4];
	unsigned __int128 want = (unsigned __int128)3000000000000ULL *
				 3000000000000ULL * 2, got;

	agg_run(DTRACEAGG_STDDEV, 0, big, 2, out);
	got = ((unsigned __int128)(uint64_t)out[3] << 64) | (uint64_t)out[2];
	CHECK(got == want && out[1] == 0,
	      "sum of squares carries into the high word");
}

static void test_quantize(void)
{
	static const int64_t v[] = { 0, 1, 2, 3, 4, 1023, 1024, -1, -2, -5,
				     DTRACE_INT64_MAX, DTRACE_INT64_MIN };
	int64_t out[DTRACE_QUANTIZE_NBUCKETS];
	const int Z = DTRACE_QUANTIZE_ZEROBUCKET;

	agg_run(DTRACEAGG_QUANTIZE, 0, v, 12, out);
	CHECK(out[Z] == 1, "0 in the zero bucket");
	CHECK(out[Z + 1] == 1, "1 in [1, 2)");
	CHECK(out[Z + 2] == 2, "2 and 3 in [2, 4) (%lld)",
	      (long long)out[Z + 2]);
	CHECK(out[Z + 3] == 1, "4 in [4, 8)");
	CHECK(out[Z + 10] == 1 && out[Z + 11] == 1,
	      "1023 in [512, 1024), 1024 in [1024, 2048)");
	CHECK(out[Z - 1] == 1 && out[Z - 2] == 1 && out[Z - 3] == 1,
	      "-1, -2, -5 in their negative buckets");
	CHECK(out[DTRACE_QUANTIZE_NBUCKETS - 1] == 1 && out[0] == 1,
	      "extremes in the end buckets");
}

static void test_lquantize(void)
{
	/* lquantize(x, 0, 100, 10): base 0, step 10, 10 levels */
	uint64_t arg2 = 0 | (10ull << 32) | (10ull << 48);
	static const int64_t v[] = { -1, 0, 9, 10, 55, 99, 100, 1000 };
	int64_t out[12];

	CHECK(dtrace_aggregate_valsize(DTRACEAGG_LQUANTIZE, arg2) == 12 * 8,
	      "levels + 2 buckets");
	agg_run(DTRACEAGG_LQUANTIZE, arg2, v, 8, out);
	CHECK(out[0] == 1, "-1 underflows");
	CHECK(out[1] == 2, "0 and 9 in [0, 10)");
	CHECK(out[2] == 1 && out[6] == 1 && out[10] == 1,
	      "10, 55, 99 in their steps");
	CHECK(out[11] == 2, "100 and 1000 overflow (%lld)",
	      (long long)out[11]);
	/* a negative base */
	arg2 = (uint32_t)-50 | (25ull << 32) | (4ull << 48);
	{
		static const int64_t w[] = { -51, -50, -26, -25, 49, 50 };

		agg_run(DTRACEAGG_LQUANTIZE, arg2, w, 6, out);
		CHECK(out[0] == 1 && out[1] == 2 && out[2] == 1 &&
		      out[4] == 1 && out[5] == 1, "negative base buckets");
	}
}

static void test_llquantize(void)
{
	/* llquantize(x, 10, 0, 2, 10) */
	uint64_t a = 10 | (0ull << 16) | (2ull << 32) | (10ull << 48);
	static const int64_t v[] = { 0, 1, 9, 10, 95, 100, 999, 1000 };
	int64_t out[32];
	unsigned nb = dtc_llquantize_nbuckets(a);
	const char *why;

	CHECK(nb == 2 + 3 * 9, "1 + 9 + 9 + 9 + 1 buckets (%u)", nb);
	CHECK(dtrace_aggregate_check(DTRACEAGG_LLQUANTIZE, a, &why) == 0,
	      "valid parameters accepted");
	agg_run(DTRACEAGG_LLQUANTIZE, a, v, 8, out);
	CHECK(out[0] == 1, "0 below 10^0");
	CHECK(out[1] == 1 && out[9] == 1, "1 and 9 in magnitude 0");
	CHECK(out[10] == 1 && out[18] == 1, "10 and 95 in magnitude 1");
	CHECK(out[19] == 1 && out[27] == 1, "100 and 999 in magnitude 2");
	CHECK(out[28] == 1, "1000 overflows");
	CHECK(dtc_llquantize_bucket_min(a, 18) == 90 &&
	      dtc_llquantize_bucket_min(a, 19) == 100,
	      "bucket bounds for the consumer");
	CHECK(dtrace_aggregate_check(DTRACEAGG_LLQUANTIZE,
				     10 | (0ull << 16) | (20ull << 32) |
				     (10ull << 48), &why) != 0,
	      "10^21 overflows and is refused");
	CHECK(dtrace_aggregate_check(DTRACEAGG_LQUANTIZE, 0, &why) != 0,
	      "lquantize step 0 refused");
}

static void test_buffer_keys(void)
{
	dtrace_aggvar_t av = { 3, DTRACEAGG_SUM, 0, 1, 8, 8, NULL };
	dtrace_aggbuffer_t ab;
	dtc_aggent_t *e;
	int64_t *v1, *v2, *v1b;
	uint64_t k1 = 1, k2 = 2;
	int i, made = 0;

	CHECK(dtrace_aggbuffer_alloc(&ab, 4096) == 0, "alloc");
	v1 = dtrace_aggbuffer_lookup(&ab, &av, &k1);
	v2 = dtrace_aggbuffer_lookup(&ab, &av, &k2);
	v1b = dtrace_aggbuffer_lookup(&ab, &av, &k1);
	CHECK(v1 != NULL && v2 != NULL && v1 != v2 && v1 == v1b,
	      "same key same entry, other key other entry");
	if (v1 && v2) {
		*v1 += 5;
		*v2 += 7;
	}
	dtrace_aggbuffer_reset_inactive(&ab);
	dtrace_aggbuffer_switch(&ab);
	CHECK(ab.snap_size == 2 * (8 + 8 + 8), "two 24-byte entries (%llu)",
	      (unsigned long long)ab.snap_size);
	e = (dtc_aggent_t *)ab.half[ab.active ^ 1].data;
	CHECK(e->varid == 3 && e->size == 24 &&
	      *(uint64_t *)(e + 1) == 1 && ((int64_t *)(e + 1))[1] == 5,
	      "entry layout: header, key, value");
	dtrace_aggbuffer_reset_inactive(&ab);
	CHECK(dtrace_aggbuffer_lookup(&ab, &av, &k1) != NULL &&
	      ab.half[ab.active].offset == 24,
	      "after a snapshot the buffer starts empty");
	for (i = 0; i < 1000; i++) {
		uint64_t k = 100 + i;

		made += dtrace_aggbuffer_lookup(&ab, &av, &k) != NULL;
	}
	CHECK(made < 1000 && ab.half[ab.active].drops == 1000u - made,
	      "a full buffer drops and counts (%d made)", made);
	dtrace_aggbuffer_free(&ab);
}

/* Through the core: BEGIN { @c[arg?] = count(); @s = sum(10); } x2 */
static void test_core_count(void)
{
	dof_actdesc_t a[3];
	dtrace_bufdesc_t d;
	dtrace_state_t *s;
	dtc_aggdesc_t *ad;
	size_t need = 0;
	dofb_t b;
	int cpu, i;
	uint64_t off;
	int64_t count7 = 0, sum = 0;

	dofb_init(&b);
	for (i = 0; i < 3; i++) {
		a[0] = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 7), 0);
		a[1] = dofb_action(DTRACEAGG_COUNT, DOF_SECIDX_NONE, 1);
		a[1].ntuple = 1;
		a[2] = dofb_action(DTRACEAGG_SUM, dofb_const(&b, 10), 2);
		dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
			 DOF_SECIDX_NONE, a, 3, i);
	}
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	{
		dtc_epdesc_t *ed = NULL;

		CHECK(h_epsize(s, 1, &ed) == 0 && ed != NULL &&
		      ed->nrecs == 0, "aggregating clause has no record");
		free(ed);
	}
	CHECK(dtrace_aggdesc(s, 1, NULL, 0, &need) == -ENOSPC, "aggdesc size");
	ad = malloc(need);
	CHECK(dtrace_aggdesc(s, 1, ad, need, &need) == 0 && ad->nkeys == 1 &&
	      ad->keysize == 8 && ad->valsize == 8 &&
	      ad->kind == DTRACEAGG_COUNT, "aggdesc of @c");
	free(ad);
	CHECK(dtrace_state_go(s, &cpu) == 0, "go");
	CHECK(dtrace_aggbuffer_snapshot(s, 0, &d) == 0, "snapshot");
	for (off = 0; off + sizeof(dtc_aggent_t) <= d.size;) {
		const dtc_aggent_t *e = (const dtc_aggent_t *)
					((const char *)d.data + off);
		const int64_t *w = (const int64_t *)(e + 1);

		if (e->varid == 1 && w[0] == 7)
			count7 = w[1];
		if (e->varid == 2)
			sum = w[0];
		off += e->size;
	}
	CHECK(count7 == 3, "@c[7] counted 3 (%lld)", (long long)count7);
	CHECK(sum == 30, "@s summed 30 (%lld)", (long long)sum);
	CHECK(dtrace_aggbuffer_snapshot(s, 0, &d) == 0 && d.size == 0,
	      "the next snapshot holds nothing new");
	CHECK(dtrace_buffer_snapshot(s, 0, &d) == 0 && d.size == 0,
	      "and the principal buffer got nothing");
	dtrace_state_stop(s, &cpu);
	dtrace_state_destroy(s);
}

static void test_mismatch_refused(void)
{
	dof_actdesc_t a;
	dtrace_state_t *s;
	dtc_loaderr_t err;
	unsigned int n;
	size_t size;
	void *dof;
	dofb_t b;

	dofb_init(&b);
	a = dofb_action(DTRACEAGG_COUNT, DOF_SECIDX_NONE, 1);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, &a, 1, 0);
	a = dofb_action(DTRACEAGG_SUM, dofb_const(&b, 1), 1);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "END"),
		 DOF_SECIDX_NONE, &a, 1, 1);
	dof = dofb_finish(&b, &size);
	dtrace_state_create(DTRACE_PRIV_ALL, &s);
	CHECK(dtrace_state_load(s, dof, size, &n, &err) == -EINVAL &&
	      strstr(err.msg, "aggregation 1") != NULL,
	      "one aggregation with two functions is refused (%s)", err.msg);
	CHECK(dtrace_aggdesc(s, 1, NULL, 0, &size) == -ENOENT,
	      "and leaves no aggregation behind");
	free(dof);
	dtrace_state_destroy(s);
}

int main(void)
{
	h_core_up();
	test_functions();
	test_stddev_128bit();
	test_quantize();
	test_lquantize();
	test_llquantize();
	test_buffer_keys();
	test_core_count();
	test_mismatch_refused();
	return unit_summary();
}
