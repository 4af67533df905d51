// SPDX-License-Identifier: GPL-2.0
/*
 * Aggregations, consumer side.
 *
 * The core keeps one aggregation buffer per CPU and hands us snapshots of
 * it; after a snapshot the CPU's buffer starts empty again, so every
 * snapshot is a delta.  We fold the deltas into one table per aggregation
 * variable, keyed by the key bytes, with the aggregating function's own
 * merge (counts and sums add, min and max compare, histograms add bucket
 * by bucket).  That table is what printa() and the exit-time printing
 * show, sorted as DTrace sorts: by value, ties broken by key, or by key
 * first under aggsortkey; aggsortrev reverses, aggsortkeypos chooses the
 * first key compared and aggsortpos the aggregation (of several given to
 * one printa) whose value orders the rows.
 *
 * Output formats are DTrace's: string keys "  %-50s", integer keys and
 * values by size (" %16lld" for 64 bits), and the quantize histograms
 * with their "value  ---- Distribution ---- count" header and 40-column
 * '@' bars, showing one empty bucket either side of the data.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dt_consumer.h"

#define DT_AGG_BARLEN	40

typedef struct dt_aggent {
	unsigned char	*key;		/* desc->keysize bytes */
	int64_t		*val;		/* desc->valsize / 8 words */
	struct dt_aggent *hnext;
} dt_aggent_t;

typedef struct dt_aggvar_state {
	dtc_aggdesc_t	*desc;
	int64_t		normal;
	int		printed;	/* by printa: not again at exit */
	dt_aggent_t	**ents;
	unsigned int	nents, maxents;
	dt_aggent_t	**hash;
	unsigned int	nbuckets;
} dt_aggvar_state_t;

struct dt_aggstate {
	dt_aggvar_state_t **vars;	/* indexed by varid */
	unsigned int	nvars;
};

/* ---- histogram layout ------------------------------------------- */

/* b^e, saturating at INT64_MAX (labels of absurd llquantize ranges). */
static int64_t ipow(int64_t b, unsigned int e)
{
	int64_t r = 1;

	while (e-- > 0) {
		if (r > INT64_MAX / b)
			return INT64_MAX;
		r *= b;
	}
	return r;
}

/*
 * The lowest value of bucket i of an llquantize: bucket 0 is everything
 * below factor^low; in each order of magnitude m the buckets start at
 * factor^m and step by factor^(m+1)/nsteps.
 */
static int64_t llq_bucket_value(uint64_t arg2, unsigned int i)
{
	unsigned int f = DTRACE_LLQUANTIZE_FACTOR(arg2);
	unsigned int lo = DTRACE_LLQUANTIZE_LOW(arg2);
	unsigned int n = DTRACE_LLQUANTIZE_NSTEP(arg2);
	unsigned int per, m;
	int64_t base, off;

	if (f < 2 || n == 0)
		return 0;	/* not a valid llquantize: no labels */
	if (i == 0)
		return ipow(f, lo);
	per = n - n / f;
	i--;
	m = lo + i / per;
	base = ipow(f, m);
	off = (int64_t)(i % per) * (ipow(f, m + 1) / n);
	return off > INT64_MAX - base ? INT64_MAX : base + off;
}

static int64_t quant_bucket_value(unsigned int i)
{
	if (i < DTRACE_QUANTIZE_ZEROBUCKET)
		return -(1LL << (DTRACE_QUANTIZE_ZEROBUCKET - 1 - i));
	if (i == DTRACE_QUANTIZE_ZEROBUCKET)
		return 0;
	return 1LL << (i - DTRACE_QUANTIZE_ZEROBUCKET - 1);
}

static int64_t lq_bucket_value(uint64_t arg2, unsigned int i)
{
	int64_t base = DTRACE_LQUANTIZE_BASE(arg2);
	int64_t step = DTRACE_LQUANTIZE_STEP(arg2);

	return i == 0 ? base : base + (int64_t)(i - 1) * step;
}

/* The lowest value bucket i of a histogram counts. */
static int64_t bucket_value(const dt_aggprint_t *ap, unsigned int i)
{
	switch (ap->kind) {
	case DTRACEAGG_QUANTIZE:
		return quant_bucket_value(i);
	case DTRACEAGG_LQUANTIZE:
		return lq_bucket_value(ap->arg2, i);
	default:
		return llq_bucket_value(ap->arg2, i);
	}
}

/*
 * The label of bucket i: its value; lquantize and llquantize label their
 * first and last buckets "< low" and ">= high" (underflow and overflow).
 */
static void hist_label(const dt_aggprint_t *ap, unsigned int i,
		       unsigned int nb, char *buf, size_t len)
{
	const char *prefix = "";

	if (ap->kind != DTRACEAGG_QUANTIZE && i == 0)
		prefix = "< ";
	else if (ap->kind != DTRACEAGG_QUANTIZE && i == nb - 1)
		prefix = ">= ";
	snprintf(buf, len, "%s%lld", prefix, (long long)bucket_value(ap, i));
}

static void hist_print(FILE *fp, const dt_aggprint_t *ap)
{
	static const char ats[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
	unsigned int nb = ap->nwords, first = 0, last, i;
	long double total = 0;
	char label[48];

	if (ap->data == NULL || nb == 0) {
		fputc('\n', fp);
		return;
	}
	for (i = 0; i < nb; i++)
		total += fabsl((long double)(ap->data[i] / ap->normal));
	while (first < nb && ap->data[first] / ap->normal == 0)
		first++;
	if (first == nb) {
		/* No data: show the zero bucket (or the first) alone. */
		first = ap->kind == DTRACEAGG_QUANTIZE ?
			DTRACE_QUANTIZE_ZEROBUCKET : 0;
		last = first;
	} else {
		last = nb - 1;
		while (ap->data[last] / ap->normal == 0)
			last--;
		first = first > 0 ? first - 1 : 0;
		last = last < nb - 1 ? last + 1 : last;
	}
	fprintf(fp, "\n%16s %41s %-9s\n", "value",
		"------------- Distribution -------------", "count");
	for (i = first; i <= last; i++) {
		int64_t c = ap->data[i] / ap->normal;
		unsigned int depth = 0;

		if (total > 0)
			depth = (unsigned int)(fabsl((long double)c) *
					       DT_AGG_BARLEN / total + 0.5);
		hist_label(ap, i, nb, label, sizeof(label));
		fprintf(fp, "%16s |%.*s%*s %-9lld\n", label, (int)depth, ats,
			(int)(DT_AGG_BARLEN - depth), "", (long long)c);
	}
}

/* ---- values --------------------------------------------------------- */

static uint64_t stddev_of(const int64_t *w)
{
	long double n = (long double)(uint64_t)w[0], avg, sq, var;

	if (w[0] == 0)
		return 0;
	avg = (long double)w[1] / n;
	sq = ((long double)(uint64_t)w[3] * 18446744073709551616.0L +
	      (long double)(uint64_t)w[2]) / n;
	var = sq - avg * avg;
	return var > 0 ? (uint64_t)sqrtl(var) : 0;
}

int dt_agg_scalar(const dt_aggprint_t *ap, int64_t *valp)
{
	const int64_t *w = ap->data;
	int64_t v;

	switch (ap->kind) {
	case DTRACEAGG_QUANTIZE:
	case DTRACEAGG_LQUANTIZE:
	case DTRACEAGG_LLQUANTIZE:
		return 0;
	}
	if (w == NULL)
		v = 0;
	else if (ap->kind == DTRACEAGG_AVG)
		v = w[0] != 0 ? w[1] / w[0] : 0;
	else if (ap->kind == DTRACEAGG_STDDEV)
		v = (int64_t)stddev_of(w);
	else
		v = w[0];
	*valp = v / ap->normal;
	return 1;
}

int dt_agg_print_value(FILE *fp, const dt_aggprint_t *ap)
{
	int64_t v;

	if (!dt_agg_scalar(ap, &v)) {
		hist_print(fp, ap);
		return 0;
	}
	if (ap->kind == DTRACEAGG_STDDEV || ap->kind == DTRACEAGG_COUNT)
		fprintf(fp, " %16llu", (unsigned long long)v);
	else
		fprintf(fp, " %16lld", (long long)v);
	return 0;
}

/* Weight used to order rows by value. */
static long double sort_value(const dt_aggprint_t *ap)
{
	long double s = 0;
	unsigned int i;
	int64_t v;

	if (ap->data == NULL)
		return 0;
	if (dt_agg_scalar(ap, &v))
		return ap->kind == DTRACEAGG_COUNT ||
		       ap->kind == DTRACEAGG_STDDEV ?
		       (long double)(uint64_t)v : (long double)v;
	for (i = 0; i < ap->nwords; i++)
		s += (long double)bucket_value(ap, i) *
		     (long double)ap->data[i];
	return s;
}

/* Merge a snapshot's value (unaligned bytes) into ours. */
static void agg_merge(unsigned int kind, int64_t *dst,
		      const unsigned char *srcb, unsigned int nwords)
{
	unsigned int i;
	int64_t src;
	uint64_t lo, carry = 0;

	for (i = 0; i < nwords; i++) {
		memcpy(&src, srcb + i * 8, 8);
		if (kind == DTRACEAGG_MIN) {
			if (src < dst[i])
				dst[i] = src;
		} else if (kind == DTRACEAGG_MAX) {
			if (src > dst[i])
				dst[i] = src;
		} else if (kind == DTRACEAGG_STDDEV && i >= 2) {
			/* words 2 and 3: a 128-bit sum of squares */
			lo = (uint64_t)dst[i] + (uint64_t)src + carry;
			carry = i == 2 && lo < (uint64_t)src;
			dst[i] = (int64_t)lo;
		} else {
			dst[i] = (int64_t)((uint64_t)dst[i] + (uint64_t)src);
		}
	}
}

/* ---- the table ----------------------------------------------------- */

static uint32_t key_hash(const unsigned char *k, size_t n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ *k++) * 16777619u;
	return h;
}

static int agg_grow_hash(dt_aggvar_state_t *av)
{
	unsigned int nb = av->nbuckets ? av->nbuckets * 2 : 64, i;
	dt_aggent_t **h = calloc(nb, sizeof(*h));

	if (h == NULL)
		return -1;
	for (i = 0; i < av->nents; i++) {
		dt_aggent_t *e = av->ents[i];
		uint32_t b = key_hash(e->key, av->desc->keysize) % nb;

		e->hnext = h[b];
		h[b] = e;
	}
	free(av->hash);
	av->hash = h;
	av->nbuckets = nb;
	return 0;
}

static dt_aggvar_state_t *agg_var(dtrace_hdl_t *dtp, unsigned int varid)
{
	struct dt_aggstate *as = dtp->agg;
	dt_aggvar_state_t *av;
	dtc_aggdesc_t *desc;
	int err;

	if (as == NULL) {
		as = dtp->agg = calloc(1, sizeof(*as));
		if (as == NULL)
			return NULL;
	}
	if (varid < as->nvars && as->vars[varid] != NULL)
		return as->vars[varid];
	if (dtp->host.ops == NULL || dtp->host.ops->aggdesc == NULL) {
		snprintf(dtp->errmsg, sizeof(dtp->errmsg),
			 "no description of aggregation %u: no host", varid);
		return NULL;
	}
	err = dtp->host.ops->aggdesc(&dtp->host, varid, &desc);
	if (err != 0) {
		snprintf(dtp->errmsg, sizeof(dtp->errmsg), "cannot describe "
			 "aggregation %u: %s", varid, dtp->host.errmsg);
		return NULL;
	}
	if (varid >= as->nvars) {
		unsigned int n = varid + 8;
		dt_aggvar_state_t **v = realloc(as->vars, n * sizeof(*v));

		if (v == NULL)
			goto nomem;
		memset(v + as->nvars, 0, (n - as->nvars) * sizeof(*v));
		as->vars = v;
		as->nvars = n;
	}
	av = calloc(1, sizeof(*av));
	if (av == NULL)
		goto nomem;
	av->desc = desc;
	av->normal = 1;
	as->vars[varid] = av;
	return av;
nomem:
	free(desc);
	snprintf(dtp->errmsg, sizeof(dtp->errmsg), "out of memory");
	return NULL;
}

static dt_aggent_t *agg_lookup(dt_aggvar_state_t *av,
			       const unsigned char *key, int *created)
{
	size_t ks = av->desc->keysize;
	dt_aggent_t *e;
	uint32_t b;

	if (av->nbuckets != 0) {
		b = key_hash(key, ks) % av->nbuckets;
		for (e = av->hash[b]; e != NULL; e = e->hnext)
			if (memcmp(e->key, key, ks) == 0)
				return e;
	}
	if (created == NULL)
		return NULL;
	*created = 1;
	if (av->nents == av->maxents) {
		unsigned int n = av->maxents ? av->maxents * 2 : 16;
		dt_aggent_t **v = realloc(av->ents, n * sizeof(*v));

		if (v == NULL)
			return NULL;
		av->ents = v;
		av->maxents = n;
	}
	if (av->nents >= av->nbuckets && agg_grow_hash(av) != 0)
		return NULL;
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return NULL;
	e->key = malloc(ks ? ks : 1);
	e->val = calloc(av->desc->valsize / 8 + 1, sizeof(int64_t));
	if (e->key == NULL || e->val == NULL) {
		free(e->key);
		free(e->val);
		free(e);
		return NULL;
	}
	memcpy(e->key, key, ks);
	b = key_hash(key, ks) % av->nbuckets;
	e->hnext = av->hash[b];
	av->hash[b] = e;
	av->ents[av->nents++] = e;
	return e;
}

/*
 * Keys that print as symbols are merged as DTrace merges them: all the
 * addresses of one function are one sym(), func(), usym() or ufunc()
 * key, all those of one module one mod() or umod() key.  The process of
 * a key that carries a pid (ustack(), usym() ...) is grabbed now, while
 * it is likely to be alive (dt_usyms.c).  Returns the key to use: 'key',
 * or its canonical copy in *copy (keysize bytes, allocated here).
 */
static int key_pid(const unsigned char *p)
{
	uint64_t pid;

	memcpy(&pid, p, 8);
	return (int)pid;
}

static const unsigned char *key_canon(dtrace_hdl_t *dtp,
				      const dtc_aggdesc_t *d,
				      const unsigned char *key,
				      unsigned char **copy)
{
	unsigned int i;
	uint64_t addr;

	for (i = 0; i < d->nkeys; i++) {
		const dtc_recdesc_t *r = &d->keys[i];
		size_t at = r->offset;		/* of the address */
		int pid = -1;			/* a kernel address */
		dt_symfmt_t how;

		switch (r->action) {
		case DTRACEACT_SYM:
			how = DT_SYMFMT_FUNC;
			break;
		case DTRACEACT_MOD:
			how = DT_SYMFMT_MOD;
			break;
		case DTRACEACT_USYM:
		case DTRACEACT_UMOD:
			how = r->action == DTRACEACT_USYM ? DT_SYMFMT_FUNC :
							    DT_SYMFMT_MOD;
			pid = key_pid(key + at);
			at += 8;
			break;
		case DTRACEACT_USTACK:
		case DTRACEACT_UADDR:
			dt_sym_grab(dtp, key_pid(key + at));
			continue;
		default:
			continue;
		}
		if (*copy == NULL) {
			*copy = malloc(d->keysize ? d->keysize : 1);
			if (*copy == NULL)
				return NULL;
			memcpy(*copy, key, d->keysize);
		}
		memcpy(&addr, key + at, 8);
		addr = dt_sym_canon(dtp, pid, addr, how);
		memcpy(*copy + at, &addr, 8);
	}
	return *copy != NULL ? *copy : key;
}

int dt_agg_ingest(dtrace_hdl_t *dtp, const void *data, size_t size)
{
	const unsigned char *p = data, *end = p + size, *key;
	unsigned char *copy;
	dtc_aggent_t hdr;

	while (p + sizeof(hdr) <= end) {
		const dtc_aggdesc_t *d;
		dt_aggvar_state_t *av;
		dt_aggent_t *e;
		const unsigned char *body = p + sizeof(hdr);
		unsigned int nw;
		int created = 0;

		memcpy(&hdr, p, sizeof(hdr));
		if (hdr.size < sizeof(hdr) || hdr.size > (size_t)(end - p)) {
			snprintf(dtp->errmsg, sizeof(dtp->errmsg), "corrupt "
				 "aggregation buffer: entry of %u bytes at "
				 "offset %zu", hdr.size,
				 (size_t)(p - (const unsigned char *)data));
			return -1;
		}
		av = agg_var(dtp, hdr.varid);
		if (av == NULL)
			return -1;
		d = av->desc;
		if (sizeof(hdr) + (size_t)d->valoffset + d->valsize >
		    hdr.size) {
			snprintf(dtp->errmsg, sizeof(dtp->errmsg), "corrupt "
				 "aggregation buffer: entry of %u bytes is "
				 "smaller than aggregation %u needs",
				 hdr.size, hdr.varid);
			return -1;
		}
		copy = NULL;
		key = key_canon(dtp, d, body, &copy);
		e = key != NULL ? agg_lookup(av, key, &created) : NULL;
		free(copy);
		if (e == NULL) {
			snprintf(dtp->errmsg, sizeof(dtp->errmsg),
				 "out of memory");
			return -1;
		}
		nw = d->valsize / 8;
		if (created)
			memcpy(e->val, body + d->valoffset, nw * 8);
		else
			agg_merge(d->kind, e->val, body + d->valoffset, nw);
		p += (hdr.size + 7) & ~7u;
	}
	return 0;
}

/* ---- sorting and printing ---------------------------------------- */

/*
 * One output row: a key and, for each aggregation printed together,
 * its entry for that key (NULL when it has none: printed as zero).
 */
typedef struct dt_aggrow {
	const unsigned char *key;
	dt_aggent_t	**ents;
} dt_aggrow_t;

typedef struct dt_aggrows {
	dt_aggrow_t	*rows;
	unsigned int	n;
	dt_aggent_t	**ents;		/* n x navs, the rows' ents */
} dt_aggrows_t;

typedef struct dt_aggsort {
	const dt_copts_t *opts;
	dt_aggvar_state_t **avs;
	unsigned int	navs;
} dt_aggsort_t;

static dt_aggprint_t row_value(dt_aggvar_state_t *av, dt_aggent_t *e)
{
	dt_aggprint_t ap = {
		.kind = av->desc->kind,
		.arg2 = av->desc->arg2,
		.data = e != NULL ? e->val : NULL,
		.nwords = av->desc->valsize / 8,
		.normal = av->normal > 0 ? av->normal : 1,
	};
	return ap;
}

static int key_cmp(const dtc_aggdesc_t *d, const unsigned char *a,
		   const unsigned char *b, int64_t keypos)
{
	unsigned int i, k;

	for (i = 0; i < d->nkeys; i++) {
		const dtc_recdesc_t *r;
		int c;

		k = (unsigned int)(((uint64_t)keypos + i) % d->nkeys);
		r = &d->keys[k];
		if (r->flags & DTC_RECF_STRING) {
			c = strncmp((const char *)a + r->offset,
				    (const char *)b + r->offset, r->size);
		} else if (r->size <= 8 && !(r->flags & DTC_RECF_BYREF)) {
			int64_t x, y;

			x = dt_rec_int(a + r->offset, r->size, r->flags);
			y = dt_rec_int(b + r->offset, r->size, r->flags);

			if (r->flags & DTC_RECF_SIGNED)
				c = x < y ? -1 : x > y;
			else
				c = (uint64_t)x < (uint64_t)y ? -1 :
				    (uint64_t)x > (uint64_t)y;
		} else {
			c = memcmp(a + r->offset, b + r->offset, r->size);
		}
		if (c != 0)
			return c;
	}
	return 0;
}

static int val_cmp(const dt_aggsort_t *ctx, const dt_aggrow_t *a,
		   const dt_aggrow_t *b)
{
	unsigned int pos = ctx->opts->aggsortpos > 0 &&
			   ctx->opts->aggsortpos < ctx->navs ?
			   (unsigned int)ctx->opts->aggsortpos : 0;
	unsigned int i;

	for (i = 0; i < ctx->navs; i++) {
		unsigned int k = (pos + i) % ctx->navs;
		dt_aggprint_t x = row_value(ctx->avs[k], a->ents[k]);
		dt_aggprint_t y = row_value(ctx->avs[k], b->ents[k]);
		long double vx = sort_value(&x), vy = sort_value(&y);

		if (vx != vy)
			return vx < vy ? -1 : 1;
	}
	return 0;
}

static int row_cmp(const void *pa, const void *pb, void *arg)
{
	const dt_aggsort_t *ctx = arg;
	const dt_aggrow_t *a = pa, *b = pb;
	const dtc_aggdesc_t *d = ctx->avs[0]->desc;
	int c;

	if (ctx->opts->aggsortkey) {
		c = key_cmp(d, a->key, b->key, ctx->opts->aggsortkeypos);
		if (c == 0)
			c = val_cmp(ctx, a, b);
	} else {
		c = val_cmp(ctx, a, b);
		if (c == 0)
			c = key_cmp(d, a->key, b->key,
				    ctx->opts->aggsortkeypos);
	}
	return ctx->opts->aggsortrev ? -c : c;
}

/*
 * The sorted rows of the aggregations in avs[], which have the same key
 * layout (keys joined: a key that any of them has is a row).  The caller
 * frees them with rows_free().
 */
static int agg_rows(const dt_copts_t *opts, dt_aggvar_state_t **avs,
		    unsigned int navs, dt_aggrows_t *rs)
{
	dt_aggsort_t ctx = { opts, avs, navs };
	unsigned int total = 0, n = 0, i, j, k;
	dt_aggrow_t *rows;
	dt_aggent_t **ents;

	for (i = 0; i < navs; i++)
		total += avs[i]->nents;
	rows = calloc(total + 1, sizeof(*rows));
	ents = calloc((size_t)(total + 1) * navs, sizeof(*ents));
	if (rows == NULL || ents == NULL) {
		free(rows);
		free(ents);
		return -1;
	}
	for (i = 0; i < navs; i++) {
		for (j = 0; j < avs[i]->nents; j++) {
			const unsigned char *key = avs[i]->ents[j]->key;
			int seen = 0;

			for (k = 0; k < i && !seen; k++)
				seen = agg_lookup(avs[k], key, NULL) != NULL;
			if (seen)
				continue;
			rows[n].key = key;
			rows[n].ents = ents + (size_t)n * navs;
			for (k = 0; k < navs; k++)
				rows[n].ents[k] = agg_lookup(avs[k], key, NULL);
			n++;
		}
	}
	qsort_r(rows, n, sizeof(*rows), row_cmp, &ctx);
	rs->rows = rows;
	rs->n = n;
	rs->ents = ents;
	return 0;
}

static void rows_free(dt_aggrows_t *rs)
{
	free(rs->rows);
	free(rs->ents);
}

/* A key as DTrace prints it by default. */
static void key_print(dtrace_hdl_t *dtp, FILE *fp, const dtc_recdesc_t *r,
		      const unsigned char *p)
{
	size_t i;

	if (dt_sym_action(r->action)) {
		dt_sym_record_print(dtp, fp, r->action, p, r->size);
		return;
	}
	if (r->flags & DTC_RECF_STRING) {
		fprintf(fp, "  %-50.*s", (int)r->size, (const char *)p);
		return;
	}
	switch (r->flags & DTC_RECF_BYREF ? 0 : r->size) {
	case 8:
		fprintf(fp, " %16lld", (long long)dt_rec_int(p, 8, r->flags));
		return;
	case 4:
		fprintf(fp, " %8lld", (long long)dt_rec_int(p, 4, r->flags));
		return;
	case 2:
		fprintf(fp, " %5lld", (long long)dt_rec_int(p, 2, r->flags));
		return;
	case 1:
		fprintf(fp, " %3lld", (long long)dt_rec_int(p, 1, r->flags));
		return;
	}
	fputc(' ', fp);
	for (i = 0; i < r->size; i++)
		fprintf(fp, "%02x", p[i]);
}

static void row_print_default(dtrace_hdl_t *dtp, FILE *fp,
			      dt_aggvar_state_t **avs, unsigned int navs,
			      const dt_aggrow_t *row)
{
	const dtc_aggdesc_t *d = avs[0]->desc;
	unsigned int i;

	for (i = 0; i < d->nkeys; i++)
		key_print(dtp, fp, &d->keys[i], row->key + d->keys[i].offset);
	for (i = 0; i < navs; i++) {
		dt_aggprint_t ap = row_value(avs[i], row->ents[i]);

		dt_agg_print_value(fp, &ap);
	}
	fputc('\n', fp);
}

static int row_print_format(dtrace_hdl_t *dtp, FILE *fp, const char *fmt,
			    dt_aggvar_state_t **avs, unsigned int navs,
			    const dt_aggrow_t *row, char *err, size_t errlen)
{
	const dtc_aggdesc_t *d = avs[0]->desc;
	unsigned int nargs = d->nkeys + navs, i;
	dt_aggprint_t aps[navs];
	dt_pfarg_t args[nargs];

	for (i = 0; i < d->nkeys; i++) {
		const dtc_recdesc_t *r = &d->keys[i];

		args[i] = (dt_pfarg_t){ .data = row->key + r->offset,
					.size = r->size, .flags = r->flags,
					.action = r->action, .type = r->type };
	}
	for (i = 0; i < navs; i++) {
		aps[i] = row_value(avs[i], row->ents[i]);
		args[d->nkeys + i] = (dt_pfarg_t){ .agg = &aps[i] };
	}
	return dt_printf_format(dtp, fp, fmt, args, nargs, err, errlen);
}

/* Aggregations printed together must have keys of the same layout. */
static int same_keys(const dtc_aggdesc_t *a, const dtc_aggdesc_t *b)
{
	unsigned int i;

	if (a->nkeys != b->nkeys || a->keysize != b->keysize)
		return 0;
	for (i = 0; i < a->nkeys; i++)
		if (a->keys[i].size != b->keys[i].size ||
		    a->keys[i].offset != b->keys[i].offset ||
		    a->keys[i].flags != b->keys[i].flags)
			return 0;
	return 1;
}

/* Print aggregations together: printa(fmt, @a, @b) or the default. */
static int agg_print_vars(dtrace_hdl_t *dtp, FILE *fp, const char *fmt,
			  dt_aggvar_state_t **avs, unsigned int navs)
{
	dt_aggrows_t rs;
	unsigned int i;
	int rc = 0;

	for (i = 1; i < navs; i++) {
		if (!same_keys(avs[0]->desc, avs[i]->desc)) {
			snprintf(dtp->errmsg, sizeof(dtp->errmsg), "printa( ) "
				 "of aggregations with different keys "
				 "(variables %u and %u)", avs[0]->desc->varid,
				 avs[i]->desc->varid);
			return -1;
		}
	}

	if (agg_rows(&dtp->opts, avs, navs, &rs) != 0) {
		snprintf(dtp->errmsg, sizeof(dtp->errmsg), "out of memory");
		return -1;
	}
	for (i = 0; i < rs.n && rc == 0; i++) {
		if (fmt == NULL)
			row_print_default(dtp, fp, avs, navs, &rs.rows[i]);
		else
			rc = row_print_format(dtp, fp, fmt, avs, navs,
					      &rs.rows[i], dtp->errmsg,
					      sizeof(dtp->errmsg));
	}
	rows_free(&rs);
	return rc;
}

/* The state of an aggregation, or NULL if nothing was recorded yet. */
static dt_aggvar_state_t *agg_known(dtrace_hdl_t *dtp, unsigned int varid)
{
	struct dt_aggstate *as = dtp->agg;

	return as != NULL && varid < as->nvars ? as->vars[varid] : NULL;
}

int dtrace_aggregate_snap(dtrace_hdl_t *dtp)
{
	const dt_host_ops_t *ops = dtp->host.ops;
	int cpu;

	if (!dtp->host_ready || !dtp->going)
		return 0;
	for (cpu = 0; cpu < dtp->ncpus; cpu++) {
		const void *data;
		size_t size;
		uint64_t drops;
		int err = ops->agg_snapshot(&dtp->host, cpu, &data, &size,
					    &drops);

		if (err == ENOENT || err == ENXIO)
			continue;	/* a CPU without buffers */
		if (err != 0) {
			snprintf(dtp->errmsg, sizeof(dtp->errmsg), "cannot "
				 "read the aggregation buffer of CPU %d: %s",
				 cpu, dtp->host.errmsg);
			return -1;
		}
		if (drops != 0)
			fprintf(stderr, "dtrace: %llu aggregation drop%s on "
				"CPU %d\n", (unsigned long long)drops,
				drops == 1 ? "" : "s", cpu);
		if (dt_agg_ingest(dtp, data, size) != 0)
			return -1;
	}
	return 0;
}

int dt_agg_printa(dtrace_hdl_t *dtp, FILE *fp, const dt_stmt_t *stmt)
{
	dt_aggvar_state_t *avs[stmt->naggs ? stmt->naggs : 1];
	unsigned int i, n = 0;

	if (dtrace_aggregate_snap(dtp) != 0)
		return -1;
	for (i = 0; i < stmt->naggs; i++) {
		dt_aggvar_state_t *av = agg_known(dtp, stmt->aggs[i]);

		if (av == NULL)
			continue;	/* nothing recorded: prints nothing */
		av->printed = 1;
		avs[n++] = av;
	}
	/*
	 * printa() in its default format starts with a blank line, even
	 * when there is nothing to print; the aggregations dtrace(1) prints
	 * at exit do not (it has just ended the trace output with one).
	 */
	if (stmt->format == NULL)
		fputc('\n', fp);
	if (n == 0)
		return 0;
	return agg_print_vars(dtp, fp, stmt->format, avs, n);
}

int dtrace_aggregate_print(dtrace_hdl_t *dtp, FILE *fp)
{
	struct dt_aggstate *as = dtp->agg;
	unsigned int v;

	for (v = 0; as != NULL && v < as->nvars; v++) {
		dt_aggvar_state_t *av = as->vars[v];

		if (av == NULL || av->printed || av->nents == 0)
			continue;
		if (agg_print_vars(dtp, fp, NULL, &av, 1) != 0)
			return -1;
	}
	fflush(fp);
	return 0;
}

/* Keep the 'keep' rows at one end of the sorted order; drop the rest. */
static void agg_trunc(const dt_copts_t *opts, dt_aggvar_state_t *av,
		      int64_t keep)
{
	dt_copts_t o = *opts;
	dt_aggrows_t rs;
	unsigned int i, n = 0;
	uint64_t k = keep < 0 ? (uint64_t)-keep : (uint64_t)keep;

	/* Sort so that the rows to keep come first. */
	o.aggsortkey = 0;
	o.aggsortrev = keep > 0;
	if (agg_rows(&o, &av, 1, &rs) != 0)
		return;
	for (i = 0; i < rs.n; i++) {
		dt_aggent_t *e = rs.rows[i].ents[0];

		if (i < k) {
			av->ents[n++] = e;
		} else {
			free(e->key);
			free(e->val);
			free(e);
		}
	}
	rows_free(&rs);
	av->nents = n;
	free(av->hash);
	av->hash = NULL;
	av->nbuckets = 0;
	if (n > 0)
		agg_grow_hash(av);
}

int dt_agg_libact(dtrace_hdl_t *dtp, const dt_stmt_t *stmt, int64_t arg)
{
	unsigned int i, j;

	if (dtrace_aggregate_snap(dtp) != 0)
		return -1;
	for (i = 0; i < stmt->naggs; i++) {
		dt_aggvar_state_t *av = agg_known(dtp, stmt->aggs[i]);

		if (av == NULL)
			continue;
		switch (stmt->kind) {
		case DT_STMT_CLEAR:
			for (j = 0; j < av->nents; j++)
				memset(av->ents[j]->val, 0, av->desc->valsize);
			break;
		case DT_STMT_TRUNC:
			agg_trunc(&dtp->opts, av, arg);
			break;
		case DT_STMT_NORMALIZE:
			if (arg <= 0) {
				snprintf(dtp->errmsg, sizeof(dtp->errmsg),
					 "normalize( ) factor must be "
					 "positive, not %lld", (long long)arg);
				return -1;
			}
			av->normal = arg;
			break;
		case DT_STMT_DENORMALIZE:
			av->normal = 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

void dt_agg_destroy(dtrace_hdl_t *dtp)
{
	struct dt_aggstate *as = dtp->agg;
	unsigned int v, i;

	for (v = 0; as != NULL && v < as->nvars; v++) {
		dt_aggvar_state_t *av = as->vars[v];

		if (av == NULL)
			continue;
		for (i = 0; i < av->nents; i++) {
			free(av->ents[i]->key);
			free(av->ents[i]->val);
			free(av->ents[i]);
		}
		free(av->ents);
		free(av->hash);
		free(av->desc);
		free(av);
	}
	if (as != NULL)
		free(as->vars);
	free(as);
	dtp->agg = NULL;
}
