// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of aggregation consumption and printing (user/dt_aggregate.c)
 * with a fake host that serves hand-made aggregation snapshots and
 * descriptions, as the core would: accumulation of deltas across
 * snapshots, DTrace's sort order and aggsort* options, the default output
 * of every aggregating function including the quantize/lquantize
 * histograms, printa() with formats over several aggregations, and
 * clear/trunc/normalize.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "user/dt_consumer.h"
#include "unit.h"

/* ---- the fake host ----------------------------------------------- */

#define MAXVARS	8
static dtc_aggdesc_t *fake_descs[MAXVARS];
static unsigned char fake_buf[8192];
static size_t fake_len;

static int fake_aggdesc(dt_host_t *h, unsigned int varid,
			dtc_aggdesc_t **descp)
{
	size_t size;

	if (varid >= MAXVARS || fake_descs[varid] == NULL) {
		snprintf(h->errmsg, sizeof(h->errmsg), "no aggregation %u",
			 varid);
		return 2;
	}
	size = sizeof(dtc_aggdesc_t) +
	       fake_descs[varid]->nkeys * sizeof(dtc_recdesc_t);
	*descp = malloc(size);
	memcpy(*descp, fake_descs[varid], size);
	return 0;
}

/* Hands out what was queued, once: the core's buffers restart empty. */
static int fake_agg_snapshot(dt_host_t *h, int cpu, const void **data,
			     size_t *size, uint64_t *drops)
{
	static unsigned char out[sizeof(fake_buf)];

	memcpy(out, fake_buf, fake_len);
	*data = out;
	*size = fake_len;
	*drops = 0;
	fake_len = 0;
	return 0;
}

static const dt_host_ops_t fake_ops = {
	.name = "fake",
	.aggdesc = fake_aggdesc,
	.agg_snapshot = fake_agg_snapshot,
};

/* An aggregation with 'nkeys' keys of the given sizes (0: 8-byte int). */
static void define_agg(unsigned int varid, unsigned int kind, uint64_t arg2,
		       unsigned int nkeys, const unsigned int *strsizes,
		       unsigned int nwords)
{
	dtc_aggdesc_t *d = calloc(1, sizeof(*d) + nkeys * sizeof(d->keys[0]));
	unsigned int i, off = 0;

	d->varid = varid;
	d->kind = kind;
	d->arg2 = arg2;
	d->nkeys = nkeys;
	for (i = 0; i < nkeys; i++) {
		dtc_recdesc_t *r = &d->keys[i];

		r->offset = off;
		if (strsizes != NULL && strsizes[i] != 0) {
			r->size = strsizes[i];
			r->flags = DTC_RECF_STRING;
			r->type.kind = DIF_TYPE_STRING;
		} else {
			r->size = 8;
			r->flags = DTC_RECF_SIGNED;
			r->type.ckind = DIF_CKIND_INT;
		}
		r->type.size = r->size;
		off += (r->size + 7) & ~7u;
	}
	d->keysize = off;
	d->valoffset = off;
	d->valsize = nwords * 8;
	free(fake_descs[varid]);
	fake_descs[varid] = d;
}

/* Queue one entry; 'key' is the key bytes as laid out by the desc. */
static void queue(unsigned int varid, const void *key, const int64_t *val)
{
	const dtc_aggdesc_t *d = fake_descs[varid];
	dtc_aggent_t hdr = { varid, 0 };
	size_t size = sizeof(hdr) + d->keysize + d->valsize;

	hdr.size = (unsigned int)size;
	memcpy(fake_buf + fake_len, &hdr, sizeof(hdr));
	memcpy(fake_buf + fake_len + sizeof(hdr), key, d->keysize);
	memcpy(fake_buf + fake_len + sizeof(hdr) + d->keysize, val,
	       d->valsize);
	fake_len += (size + 7) & ~(size_t)7;
}

static void queue_str(unsigned int varid, const char *k, int64_t v)
{
	char key[16] = { 0 };

	strncpy(key, k, sizeof(key) - 1);
	queue(varid, key, &v);
}

static void queue_int(unsigned int varid, int64_t k, const int64_t *v)
{
	queue(varid, &k, v);
}

static dtrace_hdl_t *new_handle(void)
{
	dtrace_hdl_t *dtp = calloc(1, sizeof(*dtp));

	dtp->host.ops = &fake_ops;
	dtp->host_ready = 1;
	dtp->going = 1;
	dtp->ncpus = 1;
	return dtp;
}

static void free_handle(dtrace_hdl_t *dtp)
{
	dt_agg_destroy(dtp);
	free(dtp);
}

/* ---- checking output --------------------------------------------- */

static char *capture_print(dtrace_hdl_t *dtp)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (dtrace_aggregate_snap(dtp) != 0 ||
	    dtrace_aggregate_print(dtp, fp) != 0)
		fprintf(fp, "<error: %s>", dtp->errmsg);
	fclose(fp);
	return buf;
}

static char *capture_printa(dtrace_hdl_t *dtp, const dt_stmt_t *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (dt_agg_printa(dtp, fp, st) != 0)
		fprintf(fp, "<error: %s>", dtp->errmsg);
	fclose(fp);
	return buf;
}

/* Check a captured buffer, then free it. */
static void check_free(const char *name, char *got, const char *want)
{
	check_output(name, got, want);
	free(got);
}

/* ---- tests -------------------------------------------------------- */

static const unsigned int str16[] = { 16 };

static void test_count_string_keys(void)
{
	dtrace_hdl_t *dtp = new_handle();

	define_agg(1, DTRACEAGG_COUNT, 0, 1, str16, 1);
	queue_str(1, "bash", 9);
	queue_str(1, "dtrace", 1);
	queue_str(1, "cat", 2);
	dtrace_aggregate_snap(dtp);
	/* A second snapshot is a delta: it adds to what we hold. */
	queue_str(1, "cat", 8);
	queue_str(1, "xorg", 1);
	check_free("count by string, sorted by value then key", capture_print(dtp),
	      "  dtrace                                                            1\n"
	      "  xorg                                                              1\n"
	      "  bash                                                              9\n"
	      "  cat                                                              10\n");
	free_handle(dtp);
}

static void test_unkeyed_and_functions(void)
{
	dtrace_hdl_t *dtp = new_handle();
	int64_t cnt = 3, avg[2] = { 4, 10 }, mn = 5, mx = -5;
	int64_t sd[4] = { 2, 6, 20, 0 };	/* values 2 and 4: sd 1 */

	define_agg(1, DTRACEAGG_COUNT, 0, 0, NULL, 1);
	define_agg(2, DTRACEAGG_AVG, 0, 0, NULL, 2);
	define_agg(3, DTRACEAGG_MIN, 0, 0, NULL, 1);
	define_agg(4, DTRACEAGG_MAX, 0, 0, NULL, 1);
	define_agg(5, DTRACEAGG_STDDEV, 0, 0, NULL, 4);
	queue(1, "", &cnt);
	queue(2, "", avg);
	queue(3, "", &mn);
	queue(4, "", &mx);
	queue(5, "", sd);
	dtrace_aggregate_snap(dtp);
	mn = 2;
	mx = -9;
	queue(3, "", &mn);
	queue(4, "", &mx);
	/* At exit, dtrace(1) prints them one after another. */
	check_free("count avg min max stddev, one after another",
	      capture_print(dtp),
	      "                3\n"
	      "                2\n"
	      "                2\n"
	      "               -5\n"
	      "                1\n");
	free_handle(dtp);
}

static void test_integer_keys(void)
{
	dtrace_hdl_t *dtp = new_handle();
	int64_t one = 1, two = 2;

	define_agg(1, DTRACEAGG_SUM, 0, 1, NULL, 1);
	queue_int(1, 100, &two);
	queue_int(1, -3, &two);
	queue_int(1, 7, &one);
	check_free("integer keys; ties broken by signed key order",
	      capture_print(dtp),
	      "                7                1\n"
	      "               -3                2\n"
	      "              100                2\n");

	dtp->opts.aggsortkey = 1;
	check_free("aggsortkey", capture_print(dtp),
	      "               -3                2\n"
	      "                7                1\n"
	      "              100                2\n");

	dtp->opts.aggsortrev = 1;
	check_free("aggsortkey + aggsortrev", capture_print(dtp),
	      "              100                2\n"
	      "                7                1\n"
	      "               -3                2\n");
	free_handle(dtp);
}

static void test_quantize(void)
{
	dtrace_hdl_t *dtp = new_handle();
	int64_t q[DTRACE_QUANTIZE_NBUCKETS] = { 0 };

	define_agg(1, DTRACEAGG_QUANTIZE, 0, 0, NULL,
		   DTRACE_QUANTIZE_NBUCKETS);
	q[DTRACE_QUANTIZE_ZEROBUCKET + 1] = 1;		/* value 1 */
	q[DTRACE_QUANTIZE_ZEROBUCKET + 2] = 3;		/* values 2..3 */
	queue(1, "", q);
	check_free("quantize histogram", capture_print(dtp),
	      "\n           value  ------------- Distribution ------------- count    \n"
	      "               0 |                                         0        \n"
	      "               1 |@@@@@@@@@@                               1        \n"
	      "               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@           3        \n"
	      "               4 |                                         0        \n"
	      "\n");
	free_handle(dtp);
}

static void test_lquantize(void)
{
	dtrace_hdl_t *dtp = new_handle();
	/* lquantize(x, 0, 30, 10): base 0, step 10, 3 levels */
	uint64_t arg2 = 0 | (10ULL << 32) | (3ULL << 48);
	int64_t lq[5] = { 1, 0, 3, 0, 1 };

	define_agg(1, DTRACEAGG_LQUANTIZE, arg2, 1, str16, 5);
	queue(1, "sh\0\0\0\0\0\0\0\0\0\0\0\0\0", lq);
	check_free("lquantize with a key", capture_print(dtp),
	      "  sh                                                \n"
	      "           value  ------------- Distribution ------------- count    \n"
	      "             < 0 |@@@@@@@@                                 1        \n"
	      "               0 |                                         0        \n"
	      "              10 |@@@@@@@@@@@@@@@@@@@@@@@@                 3        \n"
	      "              20 |                                         0        \n"
	      "           >= 30 |@@@@@@@@                                 1        \n"
	      "\n");
	free_handle(dtp);
}

static void test_llquantize_labels(void)
{
	dtrace_hdl_t *dtp = new_handle();
	/* llquantize(x, 10, 0, 1, 10): <1, 1..9, 10..90, >=100 */
	uint64_t arg2 = 10 | (0ULL << 16) | (1ULL << 32) | (10ULL << 48);
	int64_t b[20] = { 0 };
	char *out;

	define_agg(1, DTRACEAGG_LLQUANTIZE, arg2, 0, NULL, 20);
	b[10] = 2;	/* 10 */
	b[11] = 2;	/* 20 */
	queue(1, "", b);
	out = capture_print(dtp);
	if (strstr(out, "\n               9 |") && strstr(out,
	    "\n              10 |@@@@@@@@@@@@@@@@@@@@ ") &&
	    strstr(out, "\n              20 |@@@@@@@@@@@@@@@@@@@@ ") &&
	    strstr(out, "\n              30 |") && !strstr(out, " 40 |")) {
		passed++;
	} else {
		printf("FAIL llquantize labels:\n%s\n", out);
		failed++;
	}
	free(out);
	free_handle(dtp);
}

static void test_printa_formats(void)
{
	dtrace_hdl_t *dtp = new_handle();
	unsigned int ab[2] = { 1, 2 };
	dt_stmt_t st = { .kind = DT_STMT_PRINTA, .naggs = 2, .aggs = ab,
			 .format = "%-6s %@4d %@4d\n" };
	int64_t s;

	define_agg(1, DTRACEAGG_COUNT, 0, 1, str16, 1);
	define_agg(2, DTRACEAGG_SUM, 0, 1, str16, 1);
	queue_str(1, "a", 5);
	queue_str(1, "b", 1);
	s = 100;
	queue_str(2, "a", s);
	s = 7;
	queue_str(2, "c", s);
	check_free("printa of two aggregations, keys joined, missing is 0",
	      capture_printa(dtp, &st),
	      "c         0    7\n"
	      "b         1    0\n"
	      "a         5  100\n");

	dtp->opts.aggsortpos = 1;
	check_free("aggsortpos chooses the second aggregation",
	      capture_printa(dtp, &st),
	      "b         1    0\n"
	      "c         0    7\n"
	      "a         5  100\n");

	check_free("printa'd aggregations are not printed again at exit",
	      capture_print(dtp), "");
	free_handle(dtp);
}

static void test_printa_key_mismatch(void)
{
	dtrace_hdl_t *dtp = new_handle();
	unsigned int ab[2] = { 1, 2 };
	dt_stmt_t st = { .kind = DT_STMT_PRINTA, .naggs = 2, .aggs = ab };
	int64_t one = 1;
	char *out;

	define_agg(1, DTRACEAGG_COUNT, 0, 1, str16, 1);
	define_agg(2, DTRACEAGG_COUNT, 0, 0, NULL, 1);
	queue_str(1, "a", 5);
	queue(2, "", &one);
	out = capture_printa(dtp, &st);
	if (strstr(out, "<error: printa( ) of aggregations with different "
		   "keys") != NULL) {
		passed++;
	} else {
		printf("FAIL printa of different keys printed: %s\n", out);
		failed++;
	}
	free(out);
	free_handle(dtp);
}

static void test_libacts(void)
{
	dtrace_hdl_t *dtp = new_handle();
	unsigned int a1[1] = { 1 };
	dt_stmt_t trunc = { .kind = DT_STMT_TRUNC, .naggs = 1, .aggs = a1 };
	dt_stmt_t norm = { .kind = DT_STMT_NORMALIZE, .naggs = 1, .aggs = a1 };
	dt_stmt_t clear = { .kind = DT_STMT_CLEAR, .naggs = 1, .aggs = a1 };
	dt_stmt_t pa = { .kind = DT_STMT_PRINTA, .naggs = 1, .aggs = a1,
			 .format = "%s=%@d " };

	define_agg(1, DTRACEAGG_SUM, 0, 1, str16, 1);
	queue_str(1, "w", 40);
	queue_str(1, "x", 10);
	queue_str(1, "y", 30);
	queue_str(1, "z", 20);
	dt_agg_libact(dtp, &trunc, 2);
	check_free("trunc(@, 2) keeps the two largest", capture_printa(dtp, &pa),
	      "y=30 w=40 ");
	dt_agg_libact(dtp, &norm, 10);
	check_free("normalize(@, 10) divides", capture_printa(dtp, &pa),
	      "y=3 w=4 ");
	dt_agg_libact(dtp, &clear, 0);
	check_free("clear(@) zeroes but keeps the keys", capture_printa(dtp, &pa),
	      "w=0 y=0 ");
	if (dt_agg_libact(dtp, &norm, 0) == 0) {
		printf("FAIL normalize(@, 0) was accepted\n");
		failed++;
	} else {
		passed++;
	}
	dt_agg_libact(dtp, &trunc, 0);
	check_free("trunc(@) empties", capture_printa(dtp, &pa), "");
	free_handle(dtp);
}

static void test_corrupt_snapshot(void)
{
	dtrace_hdl_t *dtp = new_handle();
	dtc_aggent_t bad = { 1, 4 };	/* smaller than its own header */

	define_agg(1, DTRACEAGG_COUNT, 0, 0, NULL, 1);
	if (dt_agg_ingest(dtp, &bad, sizeof(bad)) == 0 ||
	    strstr(dtp->errmsg, "corrupt") == NULL) {
		printf("FAIL corrupt entry accepted (%s)\n", dtp->errmsg);
		failed++;
	} else {
		passed++;
	}
	free_handle(dtp);
}

int main(void)
{
	unsigned int i;

	test_count_string_keys();
	test_unkeyed_and_functions();
	test_integer_keys();
	test_quantize();
	test_lquantize();
	test_llquantize_labels();
	test_printa_formats();
	test_printa_key_mismatch();
	test_libacts();
	test_corrupt_snapshot();
	for (i = 0; i < MAXVARS; i++)
		free(fake_descs[i]);
	return unit_summary();
}
