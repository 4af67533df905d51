/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DT_CONSUMER_H
#define DT_CONSUMER_H

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include "libdtrace.h"
#include "dt_host.h"
#include "dt_prog.h"
#include "dt_compile.h"

/*
 * The consumer's private state: what dt_open.c, dt_options.c,
 * dt_consume.c, dt_printf.c and dt_aggregate.c share behind the
 * dtrace_hdl_t of libdtrace.h.  Nothing outside those files (and their
 * unit tests) includes this header.
 */

typedef enum dt_hostkind {
	DT_HOST_AUTO,
	DT_HOST_USER,
	DT_HOST_KERNEL
} dt_hostkind_t;

/* Options the consumer itself acts on (the core's are in coreopt[]). */
typedef struct dt_copts {
	int		quiet;
	int		flowindent;
	int		rawbytes;
	int		aggsortkey;
	int		aggsortrev;
	int		errtags;
	int64_t		aggsortkeypos;
	int64_t		aggsortpos;
	int64_t		stackindent;
	uint64_t	switchrate;	/* ns between reads, all three */
	uint64_t	aggrate;
	uint64_t	statusrate;
	dt_hostkind_t	host;
} dt_copts_t;

struct dt_aggstate;
struct dt_symstate;

struct dtrace_hdl {
	dt_host_t	host;
	int		host_ready;	/* host.ops->open succeeded */
	int		ncpus;

	dt_copts_t	opts;
	uint64_t	coreopt[DTRACEOPT_MAX];	/* or DTRACEOPT_UNSET */
	unsigned int	prog_opts_applied;	/* of dt_prog_t.options */
	int		opts_loaded;	/* the options DOF is loaded */
	int		error_enabling_seen;	/* not counted in matches */

	dt_compiler_t	*compiler;
	dt_compile_opts_t copts;
	const dt_prog_t	*prog;

	/* Descriptions fetched from the host, cached by id. */
	dtc_epdesc_t	**epdescs;
	unsigned int	nepdescs;
	dtc_probeinfo_t	*probes;	/* indexed by probe id; id 0 unused */
	unsigned int	nprobes;
	int		probes_loaded;

	struct dt_aggstate *agg;
	struct dt_symstate *syms;	/* symbol tables (dt_symbolize.c) */

	/* Tracing state. */
	int		going;
	int		stopped;
	int		exited;		/* exit() was consumed */
	int		exitstatus;
	int		header_done;	/* the CPU/ID/FUNCTION:NAME line */
	int		flowdepth;
	uint64_t	last_switch, last_agg, last_status;
	dtc_status_t	status;		/* counters already reported */

	char		errmsg[1024];
};

/* ---- dt_error.c --------------------------------------------------- */

/* Sets dtp->errmsg; returns -1 so that callers can return it. */
int dt_set_errmsg(dtrace_hdl_t *dtp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- dt_open.c ---------------------------------------------------- */

/* The host, opened the first time it is needed; NULL with errmsg. */
dt_host_t *dt_host(dtrace_hdl_t *dtp);
uint64_t dt_now_ns(void);

/* ---- dt_options.c ------------------------------------------------- */

void dt_options_init(dtrace_hdl_t *dtp);
/* The DOF of the core options set so far, or NULL when none is set. */
void *dt_options_dof(dtrace_hdl_t *dtp, size_t *sizep);
int dt_parse_size(const char *s, uint64_t *valp);
int dt_parse_time(const char *s, uint64_t *nsp);

/* ---- dt_printf.c -------------------------------------------------- */

/*
 * One argument of a format: a recorded value (a principal-buffer record
 * or an aggregation key), or an aggregation's value for printa's %@.
 */
typedef struct dt_pfarg {
	const void	*data;
	size_t		size;
	unsigned int	flags;		/* DTC_RECF_* */
	unsigned int	action;		/* DTRACEACT_* that recorded it */
	dif_type_t	type;
	/* %@ only: the aggregation value this argument stands for. */
	const struct dt_aggprint *agg;
} dt_pfarg_t;

/*
 * Format 'fmt' with 'args' onto fp.  Returns 0, or -1 with a message in
 * err ("printf( ) format "%d" needs an argument that was not given").
 * dtp looks up the symbols of %a, %A and %k; without one (NULL) they
 * print in hex.
 */
int dt_printf_format(dtrace_hdl_t *dtp, FILE *fp, const char *fmt,
		     const dt_pfarg_t *args, unsigned int nargs, char *err,
		     size_t errlen);
/* The value of an integer record, sign-extended when it is signed. */
int64_t dt_rec_int(const void *data, size_t size, unsigned int flags);

/* ---- dt_aggregate.c ---------------------------------------------- */

/* The value of one aggregation for one key, as printa prints it. */
typedef struct dt_aggprint {
	unsigned int	kind;		/* DTRACEAGG_* */
	uint64_t	arg2;
	const int64_t	*data;		/* NULL: no entry for this key */
	unsigned int	nwords;
	int64_t		normal;		/* normalize() factor, 1 if none */
} dt_aggprint_t;

/* Default printing of the value (" %16lld", a histogram...). */
int dt_agg_print_value(FILE *fp, const dt_aggprint_t *ap);
/* 1 and *valp for count/sum/min/max/avg/stddev, 0 for histograms. */
int dt_agg_scalar(const dt_aggprint_t *ap, int64_t *valp);
/* Fold one CPU's aggregation snapshot into the consumer's state. */
int dt_agg_ingest(dtrace_hdl_t *dtp, const void *data, size_t size);
/* printa(): the statement's format and aggregations. */
int dt_agg_printa(dtrace_hdl_t *dtp, FILE *fp, const dt_stmt_t *stmt);
/* clear(), trunc(), normalize(), denormalize() as LIBACT records. */
int dt_agg_libact(dtrace_hdl_t *dtp, const dt_stmt_t *stmt, int64_t arg);
void dt_agg_destroy(dtrace_hdl_t *dtp);

/* ---- dt_symbolize.c --------------------------------------------- */

typedef enum dt_symfmt {
	DT_SYMFMT_ADDR,		/* object`symbol+0xoffset (a pc) */
	DT_SYMFMT_FUNC,		/* object`symbol (sym, func, ufunc) */
	DT_SYMFMT_MOD		/* object (mod, umod) */
} dt_symfmt_t;

/*
 * The text of an address: a kernel address when pid < 0, else a user
 * address of process 'pid' (0: unknown process, hex).  Without a dtp
 * (NULL), hex.
 */
void dt_sym_format(dtrace_hdl_t *dtp, int pid, uint64_t addr,
		   dt_symfmt_t how, char *buf, size_t len);
/*
 * The address that stands for all that print the same way: the symbol's
 * start (DT_SYMFMT_FUNC), the object's base (DT_SYMFMT_MOD), or addr.
 * Aggregation keys of sym(), mod() ... are merged on it, as in DTrace.
 */
uint64_t dt_sym_canon(dtrace_hdl_t *dtp, int pid, uint64_t addr,
		      dt_symfmt_t how);
/* Read the mappings of 'pid' now, while it is likely to be alive. */
void dt_sym_grab(dtrace_hdl_t *dtp, int pid);
/* Does a record of this action print through dt_sym_record_print? */
int dt_sym_action(unsigned int action);
/* A stack(), ustack(), sym() ... record as a statement or key prints it. */
int dt_sym_record_print(dtrace_hdl_t *dtp, FILE *fp, unsigned int action,
			const void *data, size_t size);
/*
 * A stack or ustack record: a newline, then per frame 'indent' spaces,
 * the frame's text through 'fmt' (one %s conversion) and a newline.
 */
int dt_sym_stack_print(dtrace_hdl_t *dtp, FILE *fp, const char *fmt,
		       int indent, unsigned int action, const void *data,
		       size_t size);
void dt_sym_destroy(dtrace_hdl_t *dtp);

/* ---- dt_consume.c ------------------------------------------------ */

int dt_consume_cpu(dtrace_hdl_t *dtp, FILE *fp, int cpu, const void *buf,
		   size_t size);
const dtc_probeinfo_t *dt_probe_lookup(dtrace_hdl_t *dtp, unsigned int id);
void dt_consume_destroy(dtrace_hdl_t *dtp);

#endif /* DT_CONSUMER_H */
