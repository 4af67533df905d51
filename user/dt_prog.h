/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DT_PROG_H
#define DT_PROG_H

#include <stddef.h>
#include <stdio.h>
#include "../core/abi.h"

/*
 * A compiled D program: what the compiler (dt_compile.h) produces and what
 * the consumer (dt_consume.c, dt_aggregate.c) reads besides the buffers.
 *
 * The DOF carries what the core needs.  Everything the core does not need
 * to know stays here: printf formats, aggregation names, the D types of
 * recorded values, consumer-side actions.  The link between the two is the
 * uarg of every DOF action: it is the index of the dt_stmt_t that the
 * action belongs to.  A statement owns 'nrecs' consecutive records in its
 * clause's EPID record (their order is the order of the statement's
 * arguments); aggregating statements own no principal-buffer record.
 *
 * The ECB uarg of every enabling is the index of its dt_clause_t.
 */

struct dt_type;			/* a D type, owned by the compiler */

typedef enum dt_stmt_kind {
	DT_STMT_TRACE,		/* trace(e): 1 record */
	DT_STMT_PRINTF,		/* printf(fmt, args): 1 + nargs records */
	DT_STMT_PRINTA,		/* printa([fmt,] @a, ...): 1 record */
	DT_STMT_PRINT,		/* print(e): 1 record, typed by 'types[0]' */
	DT_STMT_TRACEMEM,	/* tracemem(a, n [, dyn]): 1 or 2 records */
	DT_STMT_EXIT,		/* exit(n): 1 record (int32) */
	DT_STMT_AGG,		/* @a[keys] = f(args): no record */
	DT_STMT_STACK,		/* stack([n]) */
	DT_STMT_USTACK,		/* ustack([n [, strsize]]) */
	DT_STMT_SYM,		/* sym()/func() */
	DT_STMT_MOD,		/* mod() */
	DT_STMT_USYM,		/* usym()/ufunc() */
	DT_STMT_UMOD,		/* umod() */
	DT_STMT_UADDR,		/* uaddr() */
	DT_STMT_CLEAR,		/* clear(@a): 1 LIBACT record */
	DT_STMT_TRUNC,		/* trunc(@a [, n]): 1 LIBACT record (n) */
	DT_STMT_NORMALIZE,	/* normalize(@a, n): 1 LIBACT record (n) */
	DT_STMT_DENORMALIZE,	/* denormalize(@a): 1 LIBACT record */
	DT_STMT_SETOPT,		/* setopt(name [, value]): 1 LIBACT record */
	DT_STMT_SYSTEM,		/* system(fmt, args): 1 + nargs records */
	DT_STMT_FREOPEN,	/* freopen(fmt, args): 1 + nargs records */
	DT_STMT_SPECULATE,	/* speculate(id): 1 record */
	DT_STMT_COMMIT,		/* commit(id): 1 record */
	DT_STMT_DISCARD,	/* discard(id): 1 record */
	DT_STMT_RAISE,		/* raise(sig) */
	DT_STMT_STOP,		/* stop() */
	DT_STMT_CHILL,		/* chill(ns) */
	DT_STMT_ERROR_REPORT,	/* the library's own ERROR enabling:
				   records arg1..arg5 */
	DT_STMT_EXPR		/* an expression evaluated for its effect
				   (x = 1;): 1 record of size 0, nothing
				   to print */
} dt_stmt_kind_t;

/* Consumer action codes, in dof_actdesc_t.arg of DTRACEACT_LIBACT. */
#define DT_LIBACT_CLEAR		1
#define DT_LIBACT_TRUNC		2
#define DT_LIBACT_NORMALIZE	3
#define DT_LIBACT_DENORMALIZE	4
#define DT_LIBACT_SETOPT	5

typedef struct dt_stmt {
	dt_stmt_kind_t	kind;
	unsigned int	clause;		/* index into dt_prog_t.clauses */
	unsigned int	nrecs;		/* records it owns in the EPID record */
	const char	*format;	/* printf/printa/system/freopen, or
					   NULL for printa's default */
	unsigned int	naggs;		/* printa/clear/trunc/...: aggs named */
	unsigned int	*aggs;		/* their variable ids */
	const struct dt_type **types;	/* nrecs D types of the records */
	const char	*optname;	/* setopt */
	const char	*optval;	/* setopt, or NULL */
	unsigned int	line;		/* source line of the statement */
} dt_stmt_t;

typedef struct dt_aggvar {
	unsigned int	varid;		/* dof_actdesc_t.arg */
	const char	*name;		/* without '@'; "" for '@' */
	unsigned int	kind;		/* DTRACEAGG_* */
	unsigned int	nkeys;
	const struct dt_type **keytypes;
} dt_aggvar_t;

typedef struct dt_clause {
	unsigned int	npdescs;
	const char	**pdescs;	/* the probe descriptions as written,
					   "prov:mod:func:name" */
	unsigned int	line;
} dt_clause_t;

typedef struct dt_prog_option {
	const char	*name;		/* #pragma D option name[=value] */
	const char	*value;		/* NULL when given without '=' */
	unsigned int	line;		/* the #pragma's source line */
} dt_prog_option_t;

/*
 * The description of everything compiled so far by one dt_compiler_t: the
 * statement, aggregation and clause indices are global across all the
 * sources it compiled (each -n, -s, -P ... is one source, and they share
 * variables and aggregations as in DTrace).  It grows with each dt_compile.
 */
typedef struct dt_prog {
	unsigned int	nstmts;
	dt_stmt_t	*stmts;
	unsigned int	naggs;
	dt_aggvar_t	*aggs;		/* indexed by varid - 1 */
	unsigned int	nclauses;
	dt_clause_t	*clauses;
	unsigned int	noptions;
	dt_prog_option_t *options;	/* from #pragma D option, in order */
} dt_prog_t;

/*
 * Print a value of D type 'type' as print() does (struct members with
 * their names and values, arrays, pointers in hex, strings quoted).
 * Implemented by the compiler's type system (dt_type_print.c).
 */
int dt_type_print(FILE *fp, const struct dt_type *type, const void *data,
		  size_t size);
/* The type's name as D spells it ("int", "struct foo *", "string"). */
const char *dt_type_name(const struct dt_type *type, char *buf, size_t len);

#endif /* DT_PROG_H */
