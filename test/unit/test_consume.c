// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of principal-buffer consumption (user/dt_consume.c) with a
 * fake host serving hand-made EPID descriptions and probes: DTrace's
 * default output (header, CPU/ID/FUNCTION:NAME prefix, trace() widths,
 * printf), quiet mode, exit(), the "error on enabled probe" message of
 * the library's ERROR enabling, and refusal of corrupt buffers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "user/dt_consumer.h"
#include "unit.h"

/* ---- the fake host and program ----------------------------------- */

#define NEP	4
static dtc_epdesc_t *eps[NEP];

static int fake_epdesc(dt_host_t *h, unsigned int epid, dtc_epdesc_t **dp)
{
	size_t size;

	if (epid >= NEP || eps[epid] == NULL) {
		snprintf(h->errmsg, sizeof(h->errmsg), "no EPID %u", epid);
		return 2;
	}
	size = sizeof(dtc_epdesc_t) + eps[epid]->nrecs * sizeof(dtc_recdesc_t);
	*dp = malloc(size);
	memcpy(*dp, eps[epid], size);
	return 0;
}

static int fake_probe_iter(dt_host_t *h, const char *prov, const char *mod,
			   const char *func, const char *name,
			   int (*fn)(const dtc_probeinfo_t *, void *),
			   void *arg)
{
	dtc_probeinfo_t p[2] = {
		{ .id = 1, .provider = "dtrace", .name = "BEGIN" },
		{ .id = 2, .provider = "profile", .name = "tick-1s" },
	};

	return fn(&p[0], arg) || fn(&p[1], arg);
}

static const dt_host_ops_t fake_ops = {
	.name = "fake",
	.epdesc = fake_epdesc,
	.probe_iter = fake_probe_iter,
};

static dt_stmt_t stmts[] = {
	{ .kind = DT_STMT_TRACE, .nrecs = 1 },
	{ .kind = DT_STMT_PRINTF, .nrecs = 3, .format = "%d-%s\n" },
	{ .kind = DT_STMT_EXIT, .nrecs = 1 },
	{ .kind = DT_STMT_ERROR_REPORT, .nrecs = 5 },
};
static const dt_prog_t prog = { .nstmts = 4, .stmts = stmts };

static dtc_recdesc_t rec(unsigned int off, unsigned int size,
			 unsigned int flags, unsigned int stmt,
			 unsigned int action)
{
	dtc_recdesc_t r = { .action = action, .flags = flags, .size = size,
			    .offset = off, .uarg = stmt };

	r.type.kind = flags & DTC_RECF_STRING ? DIF_TYPE_STRING :
			DIF_TYPE_CTF;
	r.type.ckind = flags & DTC_RECF_SIGNED ? DIF_CKIND_INT : 0;
	r.type.size = size;
	return r;
}

static void define_eps(void)
{
	dtc_epdesc_t *e;

	/* EPID 1, BEGIN: trace(42); printf("%d-%s\n", 7, "hi"); */
	e = calloc(1, sizeof(*e) + 4 * sizeof(dtc_recdesc_t));
	*e = (dtc_epdesc_t){ .epid = 1, .probeid = 1, .size = 48,
			     .nrecs = 4 };
	e->recs[0] = rec(16, 8, DTC_RECF_SIGNED, 0, DTRACEACT_DIFEXPR);
	e->recs[1] = rec(24, 0, 0, 1, DTRACEACT_PRINTF);
	e->recs[2] = rec(24, 4, DTC_RECF_SIGNED, 1, DTRACEACT_DIFEXPR);
	e->recs[3] = rec(28, 16, DTC_RECF_STRING, 1, DTRACEACT_DIFEXPR);
	eps[1] = e;
	/* EPID 2, tick-1s: exit(3) */
	e = calloc(1, sizeof(*e) + sizeof(dtc_recdesc_t));
	*e = (dtc_epdesc_t){ .epid = 2, .probeid = 2, .size = 24,
			     .nrecs = 1 };
	e->recs[0] = rec(16, 4, DTC_RECF_SIGNED, 2, DTRACEACT_EXIT);
	eps[2] = e;
	/* EPID 3, the library's ERROR enabling: arg1..arg5 */
	e = calloc(1, sizeof(*e) + 5 * sizeof(dtc_recdesc_t));
	*e = (dtc_epdesc_t){ .epid = 3, .probeid = 1, .size = 56,
			     .nrecs = 5 };
	for (int i = 0; i < 5; i++)
		e->recs[i] = rec(16 + 8 * i, 8, 0, 3, DTRACEACT_DIFEXPR);
	eps[3] = e;
}

/* ---- building buffers -------------------------------------------- */

static unsigned char buf[512];
static size_t buflen;

static void put_hdr(unsigned int epid, unsigned int cpu)
{
	dtc_rechdr_t h = { .epid = epid, .cpu = cpu, .timestamp = 1 };

	memcpy(buf + buflen, &h, sizeof(h));
}

static void put_ep1(unsigned int cpu)
{
	int64_t v = 42;
	int32_t i = 7;
	char s[16] = "hi";

	memset(buf + buflen, 0, 48);
	put_hdr(1, cpu);
	memcpy(buf + buflen + 16, &v, 8);
	memcpy(buf + buflen + 24, &i, 4);
	memcpy(buf + buflen + 28, s, 16);
	buflen += 48;
}

static void put_ep2(unsigned int cpu)
{
	int32_t st = 3;

	memset(buf + buflen, 0, 24);
	put_hdr(2, cpu);
	memcpy(buf + buflen + 16, &st, 4);
	buflen += 24;
}

static void put_ep3(void)
{
	int64_t a[5] = { 1, 2, 12, DTRACEFLT_BADADDR, 0x10 };

	put_hdr(3, 0);
	memcpy(buf + buflen + 16, a, sizeof(a));
	buflen += 56;
}

static dtrace_hdl_t *new_handle(int quiet)
{
	dtrace_hdl_t *dtp = calloc(1, sizeof(*dtp));

	dtp->host.ops = &fake_ops;
	dtp->host_ready = 1;
	dtp->going = 1;
	dtp->ncpus = 2;
	dtp->prog = &prog;
	dtp->opts.quiet = quiet;
	dtp->opts.stackindent = 14;
	return dtp;
}

static void free_handle(dtrace_hdl_t *dtp)
{
	dt_consume_destroy(dtp);
	free(dtp);
}

/* Consume buf; stdout-side output in *out, stderr in *errout. */
static int consume(dtrace_hdl_t *dtp, char **out, char **errout)
{
	size_t len = 0, n;
	FILE *fp = open_memstream(out, &len);
	FILE *errf = tmpfile();
	int saved = dup(2), rc;

	fflush(stderr);
	dup2(fileno(errf), 2);
	rc = dt_consume_cpu(dtp, fp, 0, buf, buflen);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(fp);
	*errout = calloc(1, 1024);
	rewind(errf);
	n = fread(*errout, 1, 1023, errf);
	(*errout)[n] = '\0';
	fclose(errf);
	return rc;
}

/* ---- tests -------------------------------------------------------- */

static void test_default_output(void)
{
	dtrace_hdl_t *dtp = new_handle(0);
	char *out, *err;

	buflen = 0;
	put_ep1(0);
	put_ep2(1);
	if (consume(dtp, &out, &err) != 0)
		printf("consume failed: %s\n", dtp->errmsg);
	check_output("header, prefixes, trace width, printf, exit's record", out,
	      "CPU     ID                    FUNCTION:NAME\n"
	      "  0      1                           :BEGIN "
	      "               427-hi\n\n"
	      "  1      2                         :tick-1s \n");
	check_output("nothing on stderr", err, "");
	if (dtp->exited && dtrace_exit_status(dtp) == 3)
		passed++;
	else {
		printf("FAIL exit(3) not seen\n");
		failed++;
	}
	free(out);
	free(err);
	free_handle(dtp);
}

static void test_quiet(void)
{
	dtrace_hdl_t *dtp = new_handle(1);
	char *out, *err;

	buflen = 0;
	put_ep1(0);
	consume(dtp, &out, &err);
	check_output("quiet: bare values", out, "427-hi\n");
	free(out);
	free(err);
	free_handle(dtp);
}

static void test_error_report(void)
{
	dtrace_hdl_t *dtp = new_handle(0);
	char *out, *err;

	buflen = 0;
	put_ep3();
	consume(dtp, &out, &err);
	check_output("the ERROR enabling prints no record", out, "");
	check_output("error message", err,
	      "dtrace: error on enabled probe ID 1 (ID 1: dtrace:::BEGIN): "
	      "invalid address (0x10) in action #2 at DIF offset 12\n");
	free(out);
	free(err);
	free_handle(dtp);
}

static void test_corrupt(void)
{
	dtrace_hdl_t *dtp = new_handle(0);
	char *out, *err;
	int rc;

	buflen = 0;
	put_ep1(0);
	buflen -= 8;		/* the record runs past the end */
	rc = consume(dtp, &out, &err);
	if (rc != 0 && strstr(dtp->errmsg, "runs past the end") != NULL) {
		passed++;
	} else {
		printf("FAIL truncated record accepted (%s)\n", dtp->errmsg);
		failed++;
	}
	free(out);
	free(err);

	buflen = 0;
	put_hdr(9, 0);		/* an EPID the host does not know */
	buflen += 16;
	rc = consume(dtp, &out, &err);
	if (rc != 0 && strstr(dtp->errmsg, "enabled probe ID 9") != NULL) {
		passed++;
	} else {
		printf("FAIL unknown EPID accepted (%s)\n", dtp->errmsg);
		failed++;
	}
	free(out);
	free(err);
	free_handle(dtp);
}

int main(void)
{
	int i;

	define_eps();
	test_default_output();
	test_quiet();
	test_error_report();
	test_corrupt();
	for (i = 0; i < NEP; i++)
		free(eps[i]);
	return unit_summary();
}
