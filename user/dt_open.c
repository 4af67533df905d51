// SPDX-License-Identifier: GPL-2.0
/*
 * The libdtrace handle: its lifetime, the choice of host, compilation,
 * loading, and the start/stop/work cycle of a tracing session.
 *
 * The host is chosen lazily, the first time something needs the core,
 * from the 'host' option:
 *
 *	user	the core linked into this process (dt_host_user.c): only the
 *		dtrace (BEGIN/END/ERROR) and profile/tick providers exist.
 *	kernel	the dtrace module through /dev/dtrace/dtrace.
 *	auto	kernel when the device exists; otherwise an error saying how
 *		to get one or the other.  We never fall back to the user host
 *		silently: a script for kernel probes would then fail with a
 *		confusing "matched no probes".
 *
 * Start-up cost matters (a one-liner should run in a few milliseconds), so
 * nothing here is done before it is needed: no probe list is read unless a
 * record or -l needs one, no compiler exists before the first compile.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dt_consumer.h"

#define DT_DEVICE	"/dev/dtrace/dtrace"

uint64_t dt_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

dtrace_hdl_t *dtrace_open(int *errp)
{
	dtrace_hdl_t *dtp = calloc(1, sizeof(*dtp));

	if (dtp == NULL) {
		*errp = ENOMEM;
		return NULL;
	}
	dt_options_init(dtp);
	dtp->copts.disasm_fp = stderr;
	return dtp;
}

static const dt_host_ops_t *dt_host_choose(dtrace_hdl_t *dtp)
{
	if (dtp->opts.host == DT_HOST_USER)
		return &dt_host_user_ops;
	if (access(DT_DEVICE, F_OK) == 0)
		return &dt_host_kernel_ops;	/* the kernel host is chosen */
	if (dtp->opts.host == DT_HOST_KERNEL)
		dt_set_errmsg(dtp, "DTrace device not available (%s does "
			      "not exist): load the dtrace module (modprobe "
			      "dtrace) or run in a guest with `vmtest shell`",
			      DT_DEVICE);
	else
		dt_set_errmsg(dtp, "DTrace device not available (%s does "
			      "not exist): load the dtrace module (modprobe "
			      "dtrace) or run in a guest with `vmtest "
			      "shell`; scripts that use only BEGIN, END, "
			      "ERROR, tick and profile probes can run in "
			      "this process with -x host=user (or "
			      "DTRACE_OPT_HOST=user)", DT_DEVICE);
	return NULL;
}

dt_host_t *dt_host(dtrace_hdl_t *dtp)
{
	const dt_host_ops_t *ops;
	int err;

	if (dtp->host_ready)
		return &dtp->host;
	ops = dt_host_choose(dtp);
	if (ops == NULL)
		return NULL;
	memset(&dtp->host, 0, sizeof(dtp->host));
	dtp->host.ops = ops;
	err = ops->open(&dtp->host);
	if (err != 0) {
		dt_set_errmsg(dtp, "cannot open the %s host: %s", ops->name,
			      dtp->host.errmsg[0] ? dtp->host.errmsg :
			      strerror(err));
		dtp->host.ops = NULL;
		return NULL;
	}
	dtp->ncpus = ops->ncpus(&dtp->host);
	dtp->host_ready = 1;
	return &dtp->host;
}

void dtrace_close(dtrace_hdl_t *dtp)
{
	if (dtp == NULL)
		return;
	dt_agg_destroy(dtp);
	dt_consume_destroy(dtp);
	dt_sym_destroy(dtp);
	if (dtp->host_ready)
		dtp->host.ops->close(&dtp->host);
	if (dtp->compiler != NULL)
		dt_compiler_destroy(dtp->compiler);
	free((char *)dtp->copts.ktypes);
	free(dtp);
}

const char *dtrace_host_describe(dtrace_hdl_t *dtp)
{
	dt_host_t *h = dt_host(dtp);

	return h != NULL ? h->ops->describe(h) : NULL;
}

int dtrace_probes_iter(dtrace_hdl_t *dtp, const char *prov, const char *mod,
		      const char *func, const char *name,
		      int (*fn)(const dtc_probeinfo_t *, void *), void *arg)
{
	dt_host_t *h = dt_host(dtp);
	int err;

	if (h == NULL)
		return -1;
	err = h->ops->probe_iter(h, prov, mod, func, name, fn, arg);
	if (err != 0)
		return dt_set_errmsg(dtp, "cannot list probes: %s",
				     h->errmsg[0] ? h->errmsg : strerror(err));
	return 0;
}

/* ---- compiling and loading --------------------------------------- */

void dtrace_set_cflags(dtrace_hdl_t *dtp, unsigned int flags)
{
	dtp->copts.flags |= flags;
}

void dtrace_set_cpp_args(dtrace_hdl_t *dtp, int argc, char **argv)
{
	dtp->copts.cpp_argc = argc;
	dtp->copts.cpp_argv = argv;
}

void dtrace_set_macro_args(dtrace_hdl_t *dtp, int argc, char **argv)
{
	dtp->copts.macro_argc = argc;
	dtp->copts.macro_argv = argv;
}

static int dt_count_one(const dtc_probeinfo_t *pi, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

/* The compiler's probe_count: how many probes a description matches. */
static int dt_probe_count(void *arg, const char *prov, const char *mod,
			  const char *func, const char *name)
{
	dtrace_hdl_t *dtp = arg;
	int n = 0;

	if (dtrace_probes_iter(dtp, prov, mod, func, name, dt_count_one,
			      &n) != 0)
		return 0;
	return n;
}

/*
 * The compiler's probe_argtype: the type the host's providers give
 * argument 'ndx' of every probe a description matches, which must be the
 * same for all of them.
 */
typedef struct dt_argtype_walk {
	dt_host_t	*host;
	int		ndx;
	char		*buf;
	size_t		len;
	int		seen;		/* buf holds the first probe's type */
	int		differ;
} dt_argtype_walk_t;

static int dt_argtype_one(const dtc_probeinfo_t *pi, void *arg)
{
	dt_argtype_walk_t *w = arg;
	dtc_argdesc_t d;
	char first[DTRACE_ARGTYPELEN];

	memset(&d, 0, sizeof(d));
	d.id = pi->id;
	d.ndx = w->ndx;
	if (w->host->ops->probe_argdesc(w->host, &d) != 0)
		d.native[0] = '\0';	/* the probe went away: no type */
	if (!w->seen) {
		snprintf(w->buf, w->len, "%s", d.native);
		w->seen = 1;
		return 0;
	}
	if (strcmp(w->buf, d.native) == 0)
		return 0;
	snprintf(first, sizeof(first), "%s", w->buf);
	snprintf(w->buf, w->len, "\"%s\" and \"%s\"",
		 first[0] ? first : "no type", d.native[0] ? d.native :
		 "no type");
	w->differ = 1;
	return 1;
}

static int dt_probe_argtype(void *arg, const char *prov, const char *mod,
			    const char *func, const char *name, int ndx,
			    char *buf, size_t len)
{
	dtrace_hdl_t *dtp = arg;
	dt_argtype_walk_t w = { &dtp->host, ndx, buf, len, 0, 0 };

	buf[0] = '\0';
	if (!dtp->host_ready)
		return 0;
	dtp->host.ops->probe_iter(&dtp->host, prov, mod, func, name,
				  dt_argtype_one, &w);
	if (w.differ)
		return -1;
	return buf[0] != '\0';
}

dtrace_prog_t *dtrace_program_compile(dtrace_hdl_t *dtp, const char *text,
				      dt_spec_t spec, const char *srcname)
{
	dt_compile_error_t cerr;
	dtrace_prog_t *pgp;

	if (dt_host(dtp) == NULL)
		return NULL;
	if (dtp->compiler == NULL) {
		dtp->copts.probe_count = dt_probe_count;
		dtp->copts.probe_argtype = dt_probe_argtype;
		dtp->copts.probe_arg = dtp;
		/* the kernel's types, symbols and threads are D's there */
		if (dtp->host.ops == &dt_host_kernel_ops)
			dtp->copts.flags |= DT_CF_KERNEL;
		dtp->compiler = dt_compiler_create(&dtp->copts);
		if (dtp->compiler == NULL) {
			dt_set_errmsg(dtp, "cannot create the D compiler: "
				      "out of memory");
			return NULL;
		}
	}
	pgp = calloc(1, sizeof(*pgp));
	if (pgp == NULL) {
		dt_set_errmsg(dtp, "out of memory");
		return NULL;
	}
	memset(&cerr, 0, sizeof(cerr));
	if (dt_compile(dtp->compiler, text, srcname, spec, &pgp->dof,
		       &pgp->dofsize, &cerr) != 0) {
		char line[32] = "";

		if (spec == DT_SPEC_PROGRAM && cerr.line > 0)
			snprintf(line, sizeof(line), "line %d: ", cerr.line);
		dt_set_errmsg(dtp, "%s%s%s%s%s", dtp->opts.errtags &&
			      cerr.tag[0] ? "[" : "", dtp->opts.errtags ?
			      cerr.tag : "", dtp->opts.errtags &&
			      cerr.tag[0] ? "] " : "", line, cerr.msg);
		free(pgp);
		return NULL;
	}
	pgp->srcname = strdup(srcname ? srcname : "");
	dtp->prog = dt_compiler_prog(dtp->compiler);
	if (dtrace_setopt_prog(dtp) != 0) {
		/* A #pragma D option that cannot be set: DTrace's tag. */
		const dt_prog_option_t *o =
			&dtp->prog->options[dtp->prog_opts_applied];
		char msg[sizeof(dtp->errmsg)];

		snprintf(msg, sizeof(msg), "%s", dtp->errmsg);
		dt_set_errmsg(dtp, "%sline %u: failed to set option: %s",
			      dtp->opts.errtags ? "[D_PRAGMA_OPTSET] " : "",
			      o->line, msg);
		dtrace_program_free(pgp);
		return NULL;
	}
	return pgp;
}

void dtrace_program_free(dtrace_prog_t *pgp)
{
	if (pgp == NULL)
		return;
	free(pgp->dof);
	free(pgp->srcname);
	free(pgp);
}

static int dt_load(dtrace_hdl_t *dtp, const void *dof, size_t size,
		   unsigned int *matched, const char *what)
{
	dt_host_t *h = dt_host(dtp);
	dtc_loaderr_t lerr;
	int err;

	if (h == NULL)
		return -1;
	memset(&lerr, 0, sizeof(lerr));
	err = h->ops->load(h, dof, size, matched, &lerr);
	if (err == 0)
		return 0;
	return dt_set_errmsg(dtp, "could not enable %s: %s", what,
			     lerr.msg[0] ? lerr.msg : h->errmsg[0] ?
			     h->errmsg : strerror(err));
}

static int dt_has_error_report(const dt_prog_t *p)
{
	unsigned int i;

	for (i = 0; p != NULL && i < p->nstmts; i++)
		if (p->stmts[i].kind == DT_STMT_ERROR_REPORT)
			return 1;
	return 0;
}

int dtrace_program_exec(dtrace_hdl_t *dtp, dtrace_prog_t *pgp,
			unsigned int *matched)
{
	unsigned int n = 0;
	size_t size;
	void *dof;

	if (dtp->going)
		return dt_set_errmsg(dtp, "cannot enable %s: tracing has "
				     "started", pgp->srcname);
	if (!dtp->opts_loaded) {
		dof = dt_options_dof(dtp, &size);
		if (dof != NULL) {
			int rc = dt_load(dtp, dof, size, &n, "options");

			free(dof);
			if (rc != 0)
				return -1;
		}
		dtp->opts_loaded = 1;
	}
	if (dt_load(dtp, pgp->dof, pgp->dofsize, matched, "probes") != 0)
		return -1;
	/*
	 * The first program carries the library's ERROR enabling too; the
	 * user asked for their probes only, so DTrace does not count it.
	 */
	if (!dtp->error_enabling_seen && dt_has_error_report(dtp->prog)) {
		dtp->error_enabling_seen = 1;
		if (*matched > 0)
			(*matched)--;
	}
	return 0;
}

/* ---- the tracing session ----------------------------------------- */

int dtrace_go(dtrace_hdl_t *dtp)
{
	dt_host_t *h = dt_host(dtp);
	int cpu, err;

	if (h == NULL)
		return -1;
	err = h->ops->go(h, &cpu);
	if (err != 0)
		return dt_set_errmsg(dtp, "could not enable tracing: %s",
				     h->errmsg[0] ? h->errmsg : strerror(err));
	dtp->going = 1;
	dtp->last_switch = dtp->last_agg = dtp->last_status = dt_now_ns();
	return 0;
}

int dtrace_stop(dtrace_hdl_t *dtp)
{
	int cpu, err;

	if (!dtp->going || dtp->stopped)
		return 0;
	err = dtp->host.ops->stop(&dtp->host, &cpu);
	if (err != 0)
		return dt_set_errmsg(dtp, "could not stop tracing: %s",
				     dtp->host.errmsg[0] ? dtp->host.errmsg :
				     strerror(err));
	dtp->stopped = 1;
	return 0;
}

int dtrace_exit_status(const dtrace_hdl_t *dtp)
{
	return dtp->exitstatus;
}

/*
 * Sleep until the next read is due (the earliest of the switch, aggregate
 * and status deadlines).  A signal ends the sleep early: nanosleep
 * returns EINTR, and dtrace(1) installs its handlers without SA_RESTART.
 */
void dtrace_sleep(dtrace_hdl_t *dtp)
{
	uint64_t now = dt_now_ns(), next, d;
	struct timespec ts;

	next = dtp->last_switch + dtp->opts.switchrate;
	d = dtp->last_agg + dtp->opts.aggrate;
	if (d < next)
		next = d;
	d = dtp->last_status + dtp->opts.statusrate;
	if (d < next)
		next = d;
	if (next <= now)
		return;
	d = next - now;
	ts.tv_sec = (time_t)(d / 1000000000ULL);
	ts.tv_nsec = (long)(d % 1000000000ULL);
	nanosleep(&ts, NULL);
}

static void dt_report(const char *what, unsigned long long n,
		      const char *plural_s)
{
	fprintf(stderr, "dtrace: %llu %s%s\n", n, what, n == 1 ? "" : plural_s);
}

/* Report what the status counters gained since the last report. */
static int dt_check_status(dtrace_hdl_t *dtp)
{
	dtc_status_t st, *old = &dtp->status;
	int err;

	err = dtp->host.ops->status(&dtp->host, &st);
	if (err != 0)
		return dt_set_errmsg(dtp, "cannot read the tracing status: "
				     "%s", dtp->host.errmsg[0] ?
				     dtp->host.errmsg : strerror(err));
	if (st.dyndrops > old->dyndrops)
		dt_report("dynamic variable drop", st.dyndrops - old->dyndrops,
			  "s");
	if (st.dyndrops_rinsing > old->dyndrops_rinsing)
		fprintf(stderr, "dtrace: %llu dynamic variable drops with "
			"non-empty rinsing list\n",
			st.dyndrops_rinsing - old->dyndrops_rinsing);
	if (st.dyndrops_dirty > old->dyndrops_dirty)
		fprintf(stderr, "dtrace: %llu dynamic variable drops with "
			"non-empty dirty list\n",
			st.dyndrops_dirty - old->dyndrops_dirty);
	if (st.specdrops > old->specdrops)
		dt_report("speculative drop", st.specdrops - old->specdrops,
			  "s");
	if (st.specdrops_busy > old->specdrops_busy)
		fprintf(stderr, "dtrace: %llu failed speculations (available "
			"buffer(s) still busy)\n",
			st.specdrops_busy - old->specdrops_busy);
	if (st.specdrops_unavail > old->specdrops_unavail)
		fprintf(stderr, "dtrace: %llu failed speculations (no "
			"speculative buffer available)\n",
			st.specdrops_unavail - old->specdrops_unavail);
	if (st.stkdrops > old->stkdrops)
		dt_report("stack drop", st.stkdrops - old->stkdrops, "s");
	if (st.ustkdrops > old->ustkdrops)
		dt_report("ustack drop", st.ustkdrops - old->ustkdrops, "s");
	if (st.killed && !old->killed)
		fprintf(stderr, "dtrace: processing aborted: Abort due to "
			"systemic unresponsiveness\n");
	*old = st;
	dtp->last_status = dt_now_ns();
	return 0;
}

/* Switch and print every CPU's principal buffer. */
static int dt_consume_all(dtrace_hdl_t *dtp, FILE *fp)
{
	int cpu;

	for (cpu = 0; cpu < dtp->ncpus; cpu++) {
		const void *data;
		size_t size;
		uint64_t drops;
		int err = dtp->host.ops->buf_snapshot(&dtp->host, cpu, &data,
						      &size, &drops);

		if (err == ENOENT || err == ENXIO)
			continue;	/* a CPU without buffers */
		if (err != 0)
			return dt_set_errmsg(dtp, "cannot read the buffer of "
					     "CPU %d: %s", cpu,
					     dtp->host.errmsg[0] ?
					     dtp->host.errmsg : strerror(err));
		if (drops != 0)
			fprintf(stderr, "dtrace: %llu drop%s on CPU %d\n",
				(unsigned long long)drops, drops == 1 ? "" :
				"s", cpu);
		if (size != 0 && dt_consume_cpu(dtp, fp, cpu, data, size) != 0)
			return -1;
	}
	dtp->last_switch = dt_now_ns();
	fflush(fp);
	return 0;
}

int dtrace_work(dtrace_hdl_t *dtp, FILE *fp)
{
	uint64_t now = dt_now_ns();

	if (!dtp->going)
		return dt_set_errmsg(dtp, "tracing has not started");
	if (dt_consume_all(dtp, fp) != 0)
		return DTRACE_WORKSTATUS_ERROR;
	if (dtp->stopped || now - dtp->last_status >= dtp->opts.statusrate) {
		if (dt_check_status(dtp) != 0)
			return DTRACE_WORKSTATUS_ERROR;
	}
	if (dtp->stopped || now - dtp->last_agg >= dtp->opts.aggrate) {
		if (dtrace_aggregate_snap(dtp) != 0)
			return DTRACE_WORKSTATUS_ERROR;
		dtp->last_agg = now;
	}
	if (dtp->exited || dtp->stopped || dtp->status.exiting ||
	    dtp->status.filled || dtp->status.killed)
		return DTRACE_WORKSTATUS_DONE;
	return DTRACE_WORKSTATUS_OKAY;
}

void dtrace_desc_split(char *buf, dt_spec_t spec, const char *parts[4])
{
	char *fields[4];
	int n = 0, last, i;
	char *p = buf;

	fields[n++] = p;
	while (n < 4 && (p = strchr(p, ':')) != NULL) {
		*p++ = '\0';
		fields[n++] = p;
	}
	switch (spec) {
	case DT_SPEC_PROVIDER:
		last = 0;
		break;
	case DT_SPEC_MODULE:
		last = 1;
		break;
	case DT_SPEC_FUNC:
		last = 2;
		break;
	default:
		last = 3;
	}
	for (i = 0; i < 4; i++)
		parts[i] = "";
	for (i = 0; i < n && last - (n - 1) + i >= 0; i++)
		parts[last - (n - 1) + i] = fields[i];
}

/* The library's own ERROR enabling: not one of the user's clauses. */
static int dt_clause_is_library(const dt_prog_t *p, unsigned int clause)
{
	unsigned int i;

	for (i = 0; i < p->nstmts; i++)
		if (p->stmts[i].clause == clause &&
		    p->stmts[i].kind == DT_STMT_ERROR_REPORT)
			return 1;
	return 0;
}

typedef struct dt_idset {
	unsigned char	*seen;		/* indexed by probe id */
	unsigned int	n;
} dt_idset_t;

static int dt_collect_id(const dtc_probeinfo_t *pi, void *arg)
{
	dt_idset_t *ids = arg;

	if (pi->id < ids->n)
		ids->seen[pi->id] = 1;
	return 0;
}

int dtrace_program_list(dtrace_hdl_t *dtp,
			int (*fn)(const dtc_probeinfo_t *, void *),
			void *arg)
{
	const dt_prog_t *p = dtp->prog;
	dt_idset_t ids;
	unsigned int c, d, id;
	int rc = 0;

	if (p == NULL || dt_host(dtp) == NULL)
		return p == NULL ? 0 : -1;
	(void)dt_probe_lookup(dtp, 0);	/* reads the probe list */
	ids.n = dtp->nprobes;
	ids.seen = calloc(ids.n + 1, 1);
	if (ids.seen == NULL)
		return dt_set_errmsg(dtp, "out of memory");
	for (c = 0; c < p->nclauses; c++) {
		if (dt_clause_is_library(p, c))
			continue;
		for (d = 0; d < p->clauses[c].npdescs; d++) {
			char *buf = strdup(p->clauses[c].pdescs[d]);
			const char *parts[4];

			if (buf == NULL)
				continue;
			dtrace_desc_split(buf, DT_SPEC_NAME, parts);
			dtp->host.ops->probe_iter(&dtp->host, parts[0],
						  parts[1], parts[2], parts[3],
						  dt_collect_id, &ids);
			free(buf);
		}
	}
	for (id = 1; id < ids.n && rc == 0; id++)
		if (ids.seen[id])
			rc = fn(&dtp->probes[id], arg);
	free(ids.seen);
	return rc;
}
