/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LIBDTRACE_H
#define LIBDTRACE_H

#include <stdio.h>
#include <stdint.h>
#include "dt_compile.h"

/*
 * libdtrace: the consumer library dtrace(1) is built on.  Its shape is
 * illumos libdtrace's:
 *
 *	dtp = dtrace_open(&err);
 *	dtrace_setopt(dtp, "bufsize", "4m");		 (any number)
 *	prog = dtrace_program_compile(dtp, text, spec, name);
 *	dtrace_program_exec(dtp, prog, &matched);	 (each program)
 *	dtrace_go(dtp);
 *	do {
 *		dtrace_sleep(dtp);
 *		status = dtrace_work(dtp, fp);
 *	} while (status == DTRACE_WORKSTATUS_OKAY);
 *	dtrace_stop(dtp);  dtrace_work(dtp, fp);	 (END's output)
 *	dtrace_aggregate_print(dtp, fp);		 (what is left)
 *	dtrace_close(dtp);
 *
 * Every call that can fail returns -1 (or NULL) and leaves a message that
 * says what failed in dtrace_errmsg(dtp).  Messages that are not failures
 * of the call itself (drops, runtime errors in probe context) are written
 * to stderr as DTrace writes them ("dtrace: 3 drops on CPU 0").
 *
 * The host (where the core runs: this process, or the kernel module) is
 * chosen by the 'host' option the first time the library needs it, so
 * that options given before may choose it.
 */

typedef struct dtrace_hdl dtrace_hdl_t;

/* A compiled source: its DOF, ready for dtrace_program_exec. */
typedef struct dtrace_prog {
	void		*dof;
	size_t		dofsize;
	char		*srcname;
} dtrace_prog_t;

/* dtrace_work() results. */
#define DTRACE_WORKSTATUS_ERROR		-1
#define DTRACE_WORKSTATUS_OKAY		0
#define DTRACE_WORKSTATUS_DONE		1	/* exit() ran or stopped */

dtrace_hdl_t *dtrace_open(int *errp);
void dtrace_close(dtrace_hdl_t *dtp);
const char *dtrace_errmsg(const dtrace_hdl_t *dtp);

/*
 * Options (dt_options.c).  'value' is NULL for a boolean given by name.
 * Unknown names and bad values are errors that name the option.
 * dtrace_setopt_env applies every DTRACE_OPT_<NAME> environment variable;
 * dtrace_setopt_prog the #pragma D option lines compiled so far.
 */
int dtrace_setopt(dtrace_hdl_t *dtp, const char *name, const char *value);
int dtrace_getopt(dtrace_hdl_t *dtp, const char *name, int64_t *valp);
int dtrace_setopt_env(dtrace_hdl_t *dtp);
int dtrace_setopt_prog(dtrace_hdl_t *dtp);

/*
 * Compilation.  Before the first compile the caller may set the
 * preprocessor arguments, the macro arguments and the compile flags;
 * they are read once, when the compiler is created.
 */
void dtrace_set_cflags(dtrace_hdl_t *dtp, unsigned int flags);
void dtrace_set_cpp_args(dtrace_hdl_t *dtp, int argc, char **argv);
void dtrace_set_macro_args(dtrace_hdl_t *dtp, int argc, char **argv);

/*
 * On failure dtrace_errmsg() is "line N: message" (prefixed with
 * "[D_TAG] " under -xerrtags), ready to follow dtrace(1)'s "failed to
 * compile script F: ".
 */
dtrace_prog_t *dtrace_program_compile(dtrace_hdl_t *dtp, const char *text,
				      dt_spec_t spec, const char *srcname);
void dtrace_program_free(dtrace_prog_t *pgp);
int dtrace_program_exec(dtrace_hdl_t *dtp, dtrace_prog_t *pgp,
			unsigned int *matched);

/* Tracing. */
int dtrace_go(dtrace_hdl_t *dtp);
int dtrace_stop(dtrace_hdl_t *dtp);
void dtrace_sleep(dtrace_hdl_t *dtp);
int dtrace_work(dtrace_hdl_t *dtp, FILE *fp);
/* The status exit() gave, or 0. */
int dtrace_exit_status(const dtrace_hdl_t *dtp);

/* Aggregations (dt_aggregate.c): snapshot and print those not printed. */
int dtrace_aggregate_snap(dtrace_hdl_t *dtp);
int dtrace_aggregate_print(dtrace_hdl_t *dtp, FILE *fp);

/* Probes matching the four parts ("" or NULL = any), for dtrace -l. */
int dtrace_probes_iter(dtrace_hdl_t *dtp, const char *prov, const char *mod,
		      const char *func, const char *name,
		      int (*fn)(const dtc_probeinfo_t *, void *), void *arg);

/*
 * The probes matched by every clause compiled so far, each once, in id
 * order (dtrace -l with -s).
 */
int dtrace_program_list(dtrace_hdl_t *dtp,
			int (*fn)(const dtc_probeinfo_t *, void *),
			void *arg);

/*
 * Split a probe description into its four parts, filling from the right
 * as DTrace does ("BEGIN" is a name, "a:b" is func:name).  'spec' says
 * what a lone word is: DT_SPEC_PROVIDER, _MODULE, _FUNC or _NAME.  The
 * parts point into 'buf', which must outlive them.
 */
void dtrace_desc_split(char *buf, dt_spec_t spec, const char *parts[4]);

/* What the host runs on, for dtrace -V; NULL (with errmsg) on failure. */
const char *dtrace_host_describe(dtrace_hdl_t *dtp);

#define DTRACE_VERSION_STRING	"Sun D 1.6.3"

#endif /* LIBDTRACE_H */
