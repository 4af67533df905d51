// SPDX-License-Identifier: GPL-2.0
/*
 * Consuming principal buffers: from the bytes of a CPU's buffer snapshot
 * to what dtrace(1) prints.
 *
 * A snapshot is a run of EPID records (abi.h).  The EPID names an enabled
 * probe description (dtc_epdesc_t, fetched from the host once and cached)
 * whose records carry, in their uarg, the index of the dt_stmt_t they
 * belong to: consecutive records with one uarg are one statement's
 * (printf's format record and its arguments, tracemem's data and size...).
 * The ECB's uarg is its clause.  The compiler's dt_prog_t says the rest:
 * formats, aggregation ids, the D types of recorded values.
 *
 * Output follows DTrace.  Unless quiet, the first record prints the
 * "CPU     ID                    FUNCTION:NAME" header, and every EPID
 * record prints its CPU, probe id and function:name, then the data of its
 * statements, then a newline.  The library's own ERROR enabling
 * (DT_STMT_ERROR_REPORT) prints DTrace's "error on enabled probe ID"
 * message on stderr instead.
 */
#include <errno.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dt_consumer.h"

/* ---- descriptions ------------------------------------------------- */

static const dtc_epdesc_t *dt_epdesc(dtrace_hdl_t *dtp, unsigned int epid)
{
	dtc_epdesc_t *d;
	int err;

	if (epid < dtp->nepdescs && dtp->epdescs[epid] != NULL)
		return dtp->epdescs[epid];
	err = dtp->host.ops->epdesc(&dtp->host, epid, &d);
	if (err != 0) {
		dt_set_errmsg(dtp, "cannot describe enabled probe ID %u: %s",
			      epid, dtp->host.errmsg[0] ? dtp->host.errmsg :
			      strerror(err));
		return NULL;
	}
	if (epid >= dtp->nepdescs) {
		unsigned int n = epid + 16;
		dtc_epdesc_t **v = realloc(dtp->epdescs, n * sizeof(*v));

		if (v == NULL) {
			free(d);
			dt_set_errmsg(dtp, "out of memory");
			return NULL;
		}
		memset(v + dtp->nepdescs, 0,
		       (n - dtp->nepdescs) * sizeof(*v));
		dtp->epdescs = v;
		dtp->nepdescs = n;
	}
	dtp->epdescs[epid] = d;
	return d;
}

static int dt_probe_store(const dtc_probeinfo_t *pi, void *arg)
{
	dtrace_hdl_t *dtp = arg;

	if (pi->id >= dtp->nprobes) {
		unsigned int n = pi->id * 2 + 16;
		dtc_probeinfo_t *v = realloc(dtp->probes, n * sizeof(*v));

		if (v == NULL)
			return -1;
		memset(v + dtp->nprobes, 0, (n - dtp->nprobes) * sizeof(*v));
		dtp->probes = v;
		dtp->nprobes = n;
	}
	dtp->probes[pi->id] = *pi;
	return 0;
}

/* The probe with this id; the list is read once, when first needed. */
const dtc_probeinfo_t *dt_probe_lookup(dtrace_hdl_t *dtp, unsigned int id)
{
	if (!dtp->probes_loaded) {
		dtp->probes_loaded = 1;
		dtrace_probes_iter(dtp, NULL, NULL, NULL, NULL, dt_probe_store,
				  dtp);
	}
	if (id == 0 || id >= dtp->nprobes || dtp->probes[id].id != id)
		return NULL;
	return &dtp->probes[id];
}

void dt_consume_destroy(dtrace_hdl_t *dtp)
{
	unsigned int i;

	for (i = 0; i < dtp->nepdescs; i++)
		free(dtp->epdescs[i]);
	free(dtp->epdescs);
	free(dtp->probes);
	dtp->epdescs = NULL;
	dtp->probes = NULL;
	dtp->nepdescs = dtp->nprobes = 0;
}

/* ---- printing one record ----------------------------------------- */

typedef struct dt_rec {
	const dtc_recdesc_t *desc;
	const unsigned char *data;
} dt_rec_t;

static int rec_is_string(const dtc_recdesc_t *r)
{
	return (r->flags & DTC_RECF_STRING) ||
	       r->type.kind == DIF_TYPE_STRING;
}

static int64_t rec_int(const dt_rec_t *r)
{
	return dt_rec_int(r->data, r->desc->size, r->desc->flags);
}

/* Bytes that are a printable string followed only by NULs. */
static int dt_bytes_are_string(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] != '\0' && (isprint(p[i]) || isspace(p[i])))
		i++;
	if (i == 0 || (i < n && p[i] != '\0'))
		return 0;
	while (i < n && p[i] == '\0')
		i++;
	return i == n;
}

/*
 * tracemem() and by-reference trace(): DTrace's hex dump, or the string
 * the bytes hold unless the rawbytes option asks for hex always.
 */
static void dt_print_bytes(dtrace_hdl_t *dtp, FILE *fp,
			   const unsigned char *p, size_t n)
{
	size_t i, j;

	if (!dtp->opts.rawbytes && dt_bytes_are_string(p, n)) {
		fprintf(fp, dtp->opts.quiet ? "%.*s" : "  %-33.*s",
			(int)strnlen((const char *)p, n), (const char *)p);
		return;
	}

	fprintf(fp, "\n%13s", "");
	for (i = 0; i < 16; i++)
		fprintf(fp, "%x%s", (unsigned int)i, i < 15 ? "  " : "");
	fprintf(fp, "  0123456789abcdef\n");
	for (i = 0; i < n; i += 16) {
		fprintf(fp, "%10zx: ", i);
		for (j = i; j < i + 16; j++) {
			if (j < n)
				fprintf(fp, "%02x ", p[j]);
			else
				fputs("   ", fp);
		}
		fputc(' ', fp);
		for (j = i; j < i + 16 && j < n; j++)
			fputc(isprint(p[j]) ? p[j] : '.', fp);
		fputc('\n', fp);
	}
}

/* trace(): integers by size, strings padded, unless quiet. */
static void dt_print_trace(dtrace_hdl_t *dtp, FILE *fp, const dt_rec_t *r)
{
	int q = dtp->opts.quiet;
	size_t size = r->desc->size;

	if (rec_is_string(r->desc)) {
		fprintf(fp, q ? "%.*s" : "  %-33.*s", (int)strnlen(
			(const char *)r->data, size), (const char *)r->data);
		return;
	}
	if (r->desc->flags & DTC_RECF_BYREF)
		size = 0;	/* not an integer: dump it */
	switch (size) {
	case 8:
		fprintf(fp, q ? "%lld" : " %16lld", (long long)
			dt_rec_int(r->data, 8, DTC_RECF_SIGNED));
		break;
	case 4:
		fprintf(fp, q ? "%d" : " %8d", (int)
			dt_rec_int(r->data, 4, DTC_RECF_SIGNED));
		break;
	case 2:
		fprintf(fp, q ? "%d" : " %5d", (int)
			dt_rec_int(r->data, 2, DTC_RECF_SIGNED));
		break;
	case 1:
		fprintf(fp, q ? "%d" : " %3d", (int)
			dt_rec_int(r->data, 1, DTC_RECF_SIGNED));
		break;
	default:
		dt_print_bytes(dtp, fp, r->data, r->desc->size);
	}
}

static const char *dt_fault_name(int64_t fault, uint64_t addr, char *buf,
				 size_t len)
{
	switch (fault) {
	case DTRACEFLT_BADADDR:
		snprintf(buf, len, "invalid address (0x%llx)",
			 (unsigned long long)addr);
		break;
	case DTRACEFLT_BADALIGN:
		snprintf(buf, len, "invalid alignment (0x%llx)",
			 (unsigned long long)addr);
		break;
	case DTRACEFLT_ILLOP:
		return "illegal operation";
	case DTRACEFLT_DIVZERO:
		return "divide-by-zero";
	case DTRACEFLT_NOSCRATCH:
		return "out of scratch space";
	case DTRACEFLT_KPRIV:
		snprintf(buf, len, "invalid kernel access (0x%llx)",
			 (unsigned long long)addr);
		break;
	case DTRACEFLT_UPRIV:
		snprintf(buf, len, "invalid user access (0x%llx)",
			 (unsigned long long)addr);
		break;
	case DTRACEFLT_TUPOFLOW:
		return "tuple stack overflow";
	case DTRACEFLT_BADSTACK:
		return "bad stack";
	default:
		snprintf(buf, len, "unknown fault %lld", (long long)fault);
	}
	return buf;
}

/*
 * The library's ERROR enabling recorded arg1..arg5 of the ERROR probe:
 * the faulting EPID, the action (0: the predicate), the DIF offset, the
 * fault and its address.
 */
static void dt_print_error(dtrace_hdl_t *dtp, const dt_rec_t *r,
			   unsigned int n)
{
	const dtc_epdesc_t *ep;
	const dtc_probeinfo_t *pi = NULL;
	char fbuf[64], where[32];
	int64_t a[5] = { 0 };
	unsigned int i;

	for (i = 0; i < n && i < 5; i++)
		a[i] = rec_int(&r[i]);
	ep = dt_epdesc(dtp, (unsigned int)a[0]);
	if (ep != NULL)
		pi = dt_probe_lookup(dtp, ep->probeid);
	if (a[1] > 0)
		snprintf(where, sizeof(where), "action #%lld",
			 (long long)a[1]);
	else
		snprintf(where, sizeof(where), "predicate");
	fprintf(stderr, "dtrace: error on enabled probe ID %lld (ID %u: "
		"%s:%s:%s:%s): %s in %s at DIF offset %lld\n",
		(long long)a[0], ep != NULL ? ep->probeid : 0,
		pi ? pi->provider : "?", pi ? pi->mod : "",
		pi ? pi->func : "", pi ? pi->name : "?",
		dt_fault_name(a[3], (uint64_t)a[4], fbuf, sizeof(fbuf)),
		where, (long long)a[2]);
}

/* printf(), system(), freopen(): format the arguments after the first. */
static int dt_format(dtrace_hdl_t *dtp, FILE *fp, const dt_stmt_t *st,
		     const dt_rec_t *r, unsigned int n)
{
	dt_pfarg_t args[n > 1 ? n - 1 : 1];
	unsigned int i;

	if (st->format == NULL)
		return dt_set_errmsg(dtp, "printf( ) at line %u has no "
				     "format", st->line);
	for (i = 1; i < n; i++)
		args[i - 1] = (dt_pfarg_t){ .data = r[i].data,
					    .size = r[i].desc->size,
					    .flags = r[i].desc->flags,
					    .action = r[i].desc->action,
					    .type = r[i].desc->type };
	if (dt_printf_format(dtp, fp, st->format, args, n ? n - 1 : 0,
			     dtp->errmsg, sizeof(dtp->errmsg)) != 0)
		return -1;
	return 0;
}

static int dt_system(dtrace_hdl_t *dtp, FILE *fp, const dt_stmt_t *st,
		     const dt_rec_t *r, unsigned int n)
{
	char *cmd = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&cmd, &len);
	int rc;

	if (mem == NULL)
		return dt_set_errmsg(dtp, "system( ): out of memory");
	rc = dt_format(dtp, mem, st, r, n);
	fclose(mem);
	if (rc == 0) {
		fflush(fp);
		if (system(cmd) == -1)
			fprintf(stderr, "dtrace: system(\"%s\") failed: %s\n",
				cmd, strerror(errno));
	}
	free(cmd);
	return rc;
}

static void dt_setopt_action(dtrace_hdl_t *dtp, const dt_stmt_t *st)
{
	if (dtrace_setopt(dtp, st->optname, st->optval) != 0)
		fprintf(stderr, "dtrace: couldn't set option \"%s\"%s%s%s: "
			"%s\n", st->optname, st->optval ? " to \"" : "",
			st->optval ? st->optval : "", st->optval ? "\"" : "",
			dtp->errmsg);
}

/* One statement's records r[0..n-1]. */
static int dt_consume_stmt(dtrace_hdl_t *dtp, FILE *fp, const dt_stmt_t *st,
			   const dt_rec_t *r, unsigned int n)
{
	unsigned int i;

	switch (st->kind) {
	case DT_STMT_TRACE:
		dt_print_trace(dtp, fp, &r[0]);
		break;
	case DT_STMT_PRINTF:
		return dt_format(dtp, fp, st, r, n);
	case DT_STMT_PRINTA:
		return dt_agg_printa(dtp, fp, st);
	case DT_STMT_PRINT:
		if (!dtp->opts.quiet)
			fputc(' ', fp);
		if (st->types != NULL && st->types[0] != NULL)
			return dt_type_print(fp, st->types[0], r[0].data,
					     r[0].desc->size) < 0 ?
			       dt_set_errmsg(dtp, "print( ) failed") : 0;
		dt_print_trace(dtp, fp, &r[0]);
		break;
	case DT_STMT_TRACEMEM: {
		size_t size = 0;
		const dt_rec_t *data = NULL;

		for (i = 0; i < n; i++) {
			if (r[i].desc->action == DTRACEACT_TRACEMEM_DYNSIZE)
				size = (size_t)rec_int(&r[i]);
			else
				data = &r[i];
		}
		if (data == NULL)
			break;
		if (size == 0 || size > data->desc->size)
			size = data->desc->size;
		dt_print_bytes(dtp, fp, data->data, size);
		break;
	}
	case DT_STMT_EXIT:
		dtp->exitstatus = (int)rec_int(&r[0]);
		dtp->exited = 1;
		break;
	case DT_STMT_STACK:
	case DT_STMT_USTACK:
	case DT_STMT_SYM:
	case DT_STMT_MOD:
	case DT_STMT_USYM:
	case DT_STMT_UMOD:
	case DT_STMT_UADDR:
		return dt_sym_record_print(dtp, fp, r[0].desc->action,
					   r[0].data, r[0].desc->size);
	case DT_STMT_CLEAR:
	case DT_STMT_TRUNC:
	case DT_STMT_NORMALIZE:
	case DT_STMT_DENORMALIZE:
		return dt_agg_libact(dtp, st, n > 0 ? rec_int(&r[0]) : 0);
	case DT_STMT_SETOPT:
		dt_setopt_action(dtp, st);
		break;
	case DT_STMT_SYSTEM:
		return dt_system(dtp, fp, st, r, n);
	case DT_STMT_FREOPEN:
		fprintf(stderr, "dtrace: freopen( ) at line %u is not "
			"supported by this dtrace; output stays where it "
			"was\n", st->line);
		break;
	case DT_STMT_ERROR_REPORT:
		dt_print_error(dtp, r, n);
		break;
	case DT_STMT_AGG:
	case DT_STMT_EXPR:
	case DT_STMT_SPECULATE:
	case DT_STMT_COMMIT:
	case DT_STMT_DISCARD:
	case DT_STMT_RAISE:
	case DT_STMT_STOP:
	case DT_STMT_CHILL:
		break;		/* nothing for the consumer to print */
	}
	return 0;
}

static const dt_stmt_t *dt_stmt_of(dtrace_hdl_t *dtp,
				   const dtc_recdesc_t *r)
{
	if (dtp->prog == NULL || r->uarg >= dtp->prog->nstmts) {
		dt_set_errmsg(dtp, "record of unknown statement %llu: the "
			      "core and the compiled program disagree",
			      (unsigned long long)r->uarg);
		return NULL;
	}
	return &dtp->prog->stmts[r->uarg];
}

static int dt_is_error_report(dtrace_hdl_t *dtp, const dtc_epdesc_t *ep)
{
	const dt_stmt_t *st;

	if (ep->nrecs == 0 || dtp->prog == NULL ||
	    ep->recs[0].uarg >= dtp->prog->nstmts)
		return 0;
	st = &dtp->prog->stmts[ep->recs[0].uarg];
	return st->kind == DT_STMT_ERROR_REPORT;
}

/* The CPU / ID / FUNCTION:NAME prefix of a record, unless quiet. */
static void dt_print_prefix(dtrace_hdl_t *dtp, FILE *fp, unsigned int cpu,
			    const dtc_epdesc_t *ep)
{
	const dtc_probeinfo_t *pi = dt_probe_lookup(dtp, ep->probeid);
	const char *func = pi ? pi->func : "", *name = pi ? pi->name : "?";
	char buf[DTRACE_FUNCNAMELEN + DTRACE_NAMELEN + 8];

	if (!dtp->header_done) {
		if (dtp->opts.flowindent)
			fprintf(fp, "%3s %-41s\n", "CPU", "FUNCTION");
		else
			fprintf(fp, "%3s %6s %32s\n", "CPU", "ID",
				"FUNCTION:NAME");
		dtp->header_done = 1;
	}
	if (!dtp->opts.flowindent) {
		snprintf(buf, sizeof(buf), "%s:%s", func, name);
		fprintf(fp, "%3u %6u %32s ", cpu, ep->probeid, buf);
		return;
	}
	if (strcmp(name, "return") == 0 && dtp->flowdepth >= 2)
		dtp->flowdepth -= 2;
	if (strcmp(name, "entry") == 0)
		snprintf(buf, sizeof(buf), "%*s-> %s", dtp->flowdepth, "",
			 func);
	else if (strcmp(name, "return") == 0)
		snprintf(buf, sizeof(buf), "%*s<- %s", dtp->flowdepth, "",
			 func);
	else
		snprintf(buf, sizeof(buf), "%*s | %s:%s", dtp->flowdepth, "",
			 func, name);
	if (strcmp(name, "entry") == 0)
		dtp->flowdepth += 2;
	fprintf(fp, "%3u %-41s ", cpu, buf);
}

static int dt_consume_epid(dtrace_hdl_t *dtp, FILE *fp,
			   const dtc_rechdr_t *hdr, const dtc_epdesc_t *ep,
			   const unsigned char *base)
{
	int error_report = dt_is_error_report(dtp, ep);
	unsigned int i = 0, j;

	if (!dtp->opts.quiet && !error_report)
		dt_print_prefix(dtp, fp, hdr->cpu, ep);
	while (i < ep->nrecs) {
		const dt_stmt_t *st = dt_stmt_of(dtp, &ep->recs[i]);
		dt_rec_t recs[ep->nrecs - i];

		if (st == NULL)
			return -1;
		for (j = i; j < ep->nrecs && ep->recs[j].uarg ==
		     ep->recs[i].uarg; j++) {
			recs[j - i].desc = &ep->recs[j];
			recs[j - i].data = base + ep->recs[j].offset;
		}
		if (dt_consume_stmt(dtp, fp, st, recs, j - i) != 0)
			return -1;
		i = j;
	}
	if (!dtp->opts.quiet && !error_report)
		fputc('\n', fp);
	return 0;
}

/* Check that an EPID's records lie inside its record. */
static int dt_epdesc_check(dtrace_hdl_t *dtp, const dtc_epdesc_t *ep)
{
	unsigned int i;

	if (ep->size < sizeof(dtc_rechdr_t))
		return dt_set_errmsg(dtp, "enabled probe ID %u: record size "
				     "%u is smaller than its header",
				     ep->epid, ep->size);
	for (i = 0; i < ep->nrecs; i++)
		if (ep->recs[i].offset < sizeof(dtc_rechdr_t) ||
		    (uint64_t)ep->recs[i].offset + ep->recs[i].size >
		    ep->size)
			return dt_set_errmsg(dtp, "enabled probe ID %u: "
					     "record %u lies outside the "
					     "%u-byte record", ep->epid, i,
					     ep->size);
	return 0;
}

int dt_consume_cpu(dtrace_hdl_t *dtp, FILE *fp, int cpu, const void *buf,
		   size_t size)
{
	const unsigned char *p = buf;
	size_t off = 0;

	while (off + sizeof(dtc_rechdr_t) <= size) {
		const dtc_epdesc_t *ep;
		dtc_rechdr_t hdr;

		memcpy(&hdr, p + off, sizeof(hdr));
		if (hdr.epid == DTRACE_EPIDNONE)
			break;		/* padding to the end (fill) */
		ep = dt_epdesc(dtp, hdr.epid);
		if (ep == NULL || dt_epdesc_check(dtp, ep) != 0)
			return -1;
		if (ep->size > size - off)
			return dt_set_errmsg(dtp, "CPU %d buffer: record of "
					     "enabled probe ID %u at offset "
					     "%zu runs past the end", cpu,
					     hdr.epid, off);
		if (dt_consume_epid(dtp, fp, &hdr, ep, p + off) != 0)
			return -1;
		off += ((size_t)ep->size + 7) & ~(size_t)7;
	}
	return 0;
}
