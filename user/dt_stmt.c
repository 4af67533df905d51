// SPDX-License-Identifier: GPL-2.0
/*
 * Statements: each statement of a clause becomes one dt_stmt_t in the
 * program description and the DOF actions that fill its records (see
 * dt_prog.h and the code generation contract in the design notes):
 *
 *   trace(e)			1 DIFEXPR
 *   printf/system/freopen	PRINTF/SYSTEM/FREOPEN without a DIFO (its
 *				record is empty), then a DIFEXPR per
 *				argument: 1 + nargs records (dt_prog.h)
 *   printa			1 PRINTA, no DIFO; the aggs in dt_stmt_t
 *   @a[k..] = f(v [, incr])	a DIFEXPR per key (or the key's own action:
 *				@[stack()]), then the DTRACEAGG_*
 *   x = e;			1 DIFEXPR of type void (DT_STMT_EXPR)
 *   ...
 *
 * Every action's uarg is its statement's index in dt_prog_t.stmts.
 */
#include <stdlib.h>
#include <string.h>

#include "dt_cc.h"

unsigned int dt_stmt_new(dt_cc_t *cc, dt_stmt_kind_t kind,
			 unsigned int clause, unsigned int nrecs, int line)
{
	dt_prog_t *p = &cc->prog;
	dt_stmt_t *st;

	if (p->nstmts == cc->stmtcap) {
		unsigned int cap = cc->stmtcap ? cc->stmtcap * 2 : 32;
		dt_stmt_t *v = realloc(p->stmts, cap * sizeof(*v));

		if (v == NULL)
			dt_error(cc, line, "D_NOMEM", "out of memory");
		p->stmts = v;
		cc->stmtcap = cap;
	}
	st = &p->stmts[p->nstmts];
	memset(st, 0, sizeof(*st));
	st->kind = kind;
	st->clause = clause;
	st->nrecs = nrecs;
	st->line = line;
	if (nrecs > 0)
		st->types = dt_zalloc(cc, nrecs * sizeof(*st->types));
	return p->nstmts++;
}

static dt_action_t *action(dt_cc_t *cc, unsigned int kind, dt_difo_t *difo,
			   unsigned int stmt)
{
	dt_action_t *a = dt_zalloc(cc, sizeof(*a));

	a->kind = kind;
	a->difo = difo;
	a->uarg = stmt;
	dt_vec_push(cc, &cc->acts, a);
	return a;
}

dt_action_t *dt_action_add(dt_cc_t *cc, unsigned int kind, dt_difo_t *difo,
			   unsigned int stmt)
{
	return action(cc, kind, difo, stmt);
}

static dt_stmt_t *STMT(dt_cc_t *cc, unsigned int i)
{
	return &cc->prog.stmts[i];
}

static void nargs_check(dt_cc_t *cc, dt_node_t *call, unsigned int min,
			unsigned int max)
{
	unsigned int n = dt_node_count(call->args);

	if (n >= min && n <= max)
		return;
	dt_error(cc, call->line, "D_PROTO_LEN",
		 "%s( ) prototype mismatch: %u arg%s passed, %s%u expected",
		 call->s, n, n == 1 ? "" : "s",
		 min == max ? "" : n < min ? "at least " : "no more than ",
		 n < min ? min : max);
}

static dt_node_t *arg(dt_node_t *call, unsigned int i)
{
	dt_node_t *a = call->args;

	while (i-- > 0 && a != NULL)
		a = a->next;
	return a;
}

/* Check an argument that must be a value (not void, not an agg). */
static void value_arg(dt_cc_t *cc, dt_node_t *call, dt_node_t *a,
		      unsigned int i, int scalar)
{
	dt_check(cc, a);
	if (dt_type_isvoid(a->type))
		dt_error(cc, a->line, "D_PROTO_ARG",
			 "%s( ) argument #%u is incompatible with prototype:"
			 "\n\tprototype: %s\n\t argument: void", call->s, i,
			 scalar ? "integer" : "any value");
	if (scalar && !dt_type_isint(a->type) && !dt_type_isptr(a->type))
		dt_error(cc, a->line, "D_PROTO_ARG",
			 "%s( ) argument #%u is incompatible with prototype:"
			 "\n\tprototype: integer\n\t argument: %s", call->s, i,
			 dt_type_str(cc, a->type));
}

static long long const_arg(dt_cc_t *cc, dt_node_t *call, dt_node_t *a,
			   unsigned int i)
{
	dt_check(cc, a);
	if (a->kind != DT_N_INT)
		dt_error(cc, a->line, "D_PROTO_ARG",
			 "%s( ) argument #%u must be an integer constant",
			 call->s, i);
	return (long long)a->v;
}

static const char *strlit_arg(dt_cc_t *cc, dt_node_t *call, dt_node_t *a,
			      unsigned int i)
{
	if (a->kind != DT_N_STR)
		dt_error(cc, a->line, "D_PROTO_ARG",
			 "%s( ) argument #%u must be a string literal",
			 call->s, i);
	return a->s;
}

/* The tag DTrace uses for "argument must be an aggregation" per action. */
static const char *aggarg_tag(const char *f)
{
	if (strcmp(f, "clear") == 0)
		return "D_CLEAR_AGGARG";
	if (strcmp(f, "trunc") == 0)
		return "D_TRUNC_AGGARG";
	if (strcmp(f, "normalize") == 0 || strcmp(f, "denormalize") == 0)
		return "D_NORMALIZE_AGGARG";
	if (strcmp(f, "printa") == 0)
		return "D_PRINTA_AGGARG";
	return "D_PROTO_ARG";
}

static dt_ident_t *agg_arg(dt_cc_t *cc, dt_node_t *call, dt_node_t *a,
			   unsigned int i)
{
	dt_ident_t *id;

	if (a->kind != DT_N_AGG)
		dt_error(cc, a->line, aggarg_tag(call->s),
			 "%s( ) argument #%u must be an aggregation",
			 call->s, i);
	id = dt_agg_lookup(cc, a->s);
	if (id == NULL)
		dt_error(cc, a->line, "D_AGG_UNDEF",
			 "failed to resolve @%s: Unknown aggregation", a->s);
	return id;
}

static void set_aggs(dt_cc_t *cc, unsigned int st, unsigned int n,
		     const dt_ident_t **ids)
{
	unsigned int *v = dt_zalloc(cc, (n ? n : 1) * sizeof(*v)), i;

	for (i = 0; i < n; i++)
		v[i] = ids[i]->id;
	STMT(cc, st)->naggs = n;
	STMT(cc, st)->aggs = v;
}

/*
 * printf, system, freopen: a format and its values.  An argument that is
 * stack(), sym() or another symbolized action records itself as that
 * action (dt_symact.c), and one that %A prints records the pid with the
 * address (a uaddr() record), so that the consumer can find the symbol
 * in the process that fired the probe.
 */
static void act_format(dt_cc_t *cc, dt_node_t *call, unsigned int clause,
		       dt_stmt_kind_t sk, unsigned int kind)
{
	unsigned int n = dt_node_count(call->args), st, i = 0;
	char *convs = dt_zalloc(cc, n + 1);
	const char *fmt;
	dt_node_t *a;

	if (n < 1)
		dt_error(cc, call->line, "D_PROTO_LEN",
			 "%s( ) prototype mismatch: 0 args passed, at least "
			 "1 expected", call->s);
	if (call->args->kind != DT_N_STR)
		dt_error(cc, call->line, "D_PRINTF_ARG_FMT",
			 "%s( ) argument #1 must be a string literal format",
			 call->s);
	fmt = call->args->s;
	if (*fmt == '\0')
		dt_error(cc, call->line, "D_PRINTF_FMT_EMPTY",
			 "%s( ) format string is empty", call->s);
	for (a = call->args->next, i = 2; a != NULL; a = a->next, i++) {
		if (dt_symact_lookup(a) != NULL)
			dt_symact_check(cc, a);
		else
			value_arg(cc, call, a, i, 0);
	}
	dt_check_format(cc, call->s, fmt, call->args->next, call->line, convs);
	st = dt_stmt_new(cc, sk, clause, n, call->line);
	STMT(cc, st)->format = fmt;
	STMT(cc, st)->types[0] = cc->t_void;
	action(cc, kind, NULL, st);
	for (a = call->args->next, i = 1; a != NULL; a = a->next, i++) {
		if (dt_symact_lookup(a) != NULL)
			dt_symact_emit(cc, a, st);
		else
			action(cc, convs[i - 1] == 'A' ? DTRACEACT_UADDR :
			       DTRACEACT_DIFEXPR, dt_cg_difo(cc, a), st);
		STMT(cc, st)->types[i] = a->type;
	}
}

/* printa's conversions take the keys in order, then %@ the value. */
static void printa_format_check(dt_cc_t *cc, const char *fmt,
				const dt_ident_t *agg, int line)
{
	const char *p;
	dt_node_t *keys = NULL, *k;
	unsigned int i;

	for (i = 0; i < agg->nkeys; i++) {
		k = dt_node_new(cc, DT_N_INT, line);
		k->type = agg->keys[i];
		keys = dt_node_append(keys, k);
	}
	/* strip %@ conversions: they print the value */
	{
		char *f = dt_strdup(cc, fmt), *o = f;

		for (p = fmt; *p; p++) {
			if (p[0] == '%' && p[1] == '%') {
				*o++ = *p++;
				*o++ = *p;
				continue;
			}
			if (*p == '%') {
				const char *q = p + 1;

				while (*q && strchr("-+ #0'.*123456789hlLzjt",
						    *q))
					q++;
				if (*q == '@') {
					p = q;
					continue;
				}
			}
			*o++ = *p;
		}
		*o = '\0';
		if (dt_node_count(keys) > 0)
			dt_check_format_keys(cc, "printa", f, keys, line);
	}
}

static void act_printa(dt_cc_t *cc, dt_node_t *call, unsigned int clause)
{
	unsigned int n = dt_node_count(call->args), i = 1, k = 0, st;
	const dt_ident_t **ids;
	const char *fmt = NULL;
	dt_node_t *a = call->args;

	if (n < 1)
		dt_error(cc, call->line, "D_PRINTA_PROTO",
			 "printa( ) prototype mismatch: 0 args passed, at "
			 "least 1 expected");
	if (a->kind == DT_N_STR) {
		fmt = a->s;
		a = a->next;
		i++;
		if (a == NULL)
			dt_error(cc, call->line, "D_PRINTA_PROTO",
				 "printa( ) prototype mismatch: 1 arg passed, "
				 "at least 2 expected");
	}
	ids = dt_zalloc(cc, n * sizeof(*ids));
	for (; a != NULL; a = a->next, i++)
		ids[k++] = agg_arg(cc, call, a, i);
	if (fmt != NULL)
		printa_format_check(cc, fmt, ids[0], call->line);
	st = dt_stmt_new(cc, DT_STMT_PRINTA, clause, 1, call->line);
	STMT(cc, st)->format = fmt;
	STMT(cc, st)->types[0] = cc->t_void;
	set_aggs(cc, st, k, ids);
	action(cc, DTRACEACT_PRINTA, NULL, st)->arg = ids[0]->id;
}

/* An action with one value argument recorded by 'kind'. */
static void act_value(dt_cc_t *cc, dt_node_t *call, unsigned int clause,
		      dt_stmt_kind_t sk, unsigned int kind, int scalar)
{
	unsigned int st;
	dt_node_t *a;

	nargs_check(cc, call, 1, 1);
	a = call->args;
	value_arg(cc, call, a, 1, scalar);
	st = dt_stmt_new(cc, sk, clause, 1, call->line);
	STMT(cc, st)->types[0] = a->type;
	action(cc, kind, dt_cg_difo(cc, a), st);
}

static void act_exit(dt_cc_t *cc, dt_node_t *call, unsigned int clause)
{
	unsigned int st;
	dt_node_t *a;
	dt_difo_t *dp;

	nargs_check(cc, call, 1, 1);
	a = call->args;
	value_arg(cc, call, a, 1, 1);
	st = dt_stmt_new(cc, DT_STMT_EXIT, clause, 1, call->line);
	STMT(cc, st)->types[0] = cc->t_int;
	dp = dt_cg_difo(cc, a);
	dp->rtype = dt_type_dif(cc, cc->t_int);
	action(cc, DTRACEACT_EXIT, dp, st);
}

/* stack(), sym() and the others as statements of their own. */
static void act_symbolic(dt_cc_t *cc, dt_node_t *call, unsigned int clause,
			 const dt_symact_t *sa)
{
	unsigned int st;

	dt_symact_check(cc, call);
	st = dt_stmt_new(cc, sa->stmt, clause, 1, call->line);
	STMT(cc, st)->types[0] = call->type;
	dt_symact_emit(cc, call, st);
}

static void act_tracemem(dt_cc_t *cc, dt_node_t *call, unsigned int clause)
{
	unsigned int n = dt_node_count(call->args), st;
	long long size;

	nargs_check(cc, call, 2, 3);
	value_arg(cc, call, call->args, 1, 0);
	if (!dt_type_isptr(call->args->type) &&
	    !dt_type_isint(call->args->type) &&
	    !dt_type_isbyref(call->args->type))
		dt_error(cc, call->line, "D_TRACEMEM_ADDR",
			 "tracemem( ) argument #1 must be an address");
	size = const_arg(cc, call, arg(call, 1), 2);
	if (size <= 0)
		dt_error(cc, call->line, "D_TRACEMEM_SIZE",
			 "tracemem( ) size must be a positive integer");
	if (n == 3)
		value_arg(cc, call, arg(call, 2), 3, 1);
	st = dt_stmt_new(cc, DT_STMT_TRACEMEM, clause, n == 3 ? 2 : 1,
			 call->line);
	STMT(cc, st)->types[0] = call->args->type;
	action(cc, DTRACEACT_TRACEMEM, dt_cg_difo(cc, call->args),
	       st)->arg = (unsigned long long)size;
	if (n == 3) {
		STMT(cc, st)->types[1] = arg(call, 2)->type;
		action(cc, DTRACEACT_TRACEMEM_DYNSIZE,
		       dt_cg_difo(cc, arg(call, 2)), st);
	}
}

/* clear, denormalize: LIBACT, no DIFO; trunc, normalize: DIFO = n. */
static void act_libact(dt_cc_t *cc, dt_node_t *call, unsigned int clause,
		       dt_stmt_kind_t sk, unsigned int code, unsigned int min,
		       unsigned int max)
{
	int norm = sk == DT_STMT_NORMALIZE || sk == DT_STMT_DENORMALIZE;
	unsigned int nargs = dt_node_count(call->args);
	const dt_ident_t *id;
	dt_difo_t *dp = NULL;
	dt_node_t *v;
	unsigned int st;

	if (norm && (nargs < min || nargs > max))
		dt_error(cc, call->line, "D_NORMALIZE_PROTO",
			 "%s( ) prototype mismatch: %u arg%s passed, %u "
			 "expected", call->s, nargs, nargs == 1 ? "" : "s",
			 min);
	nargs_check(cc, call, min, max);
	id = agg_arg(cc, call, call->args, 1);
	v = arg(call, 1);
	if (v != NULL) {
		dt_check(cc, v);
		if (!dt_type_isint(v->type))
			dt_error(cc, v->line, norm ? "D_NORMALIZE_SCALAR" :
				 "D_TRUNC_SCALAR",
				 "%s( ) argument #2 must be of scalar type",
				 call->s);
	}
	st = dt_stmt_new(cc, sk, clause, 1, call->line);
	STMT(cc, st)->types[0] = v ? v->type : cc->t_void;
	set_aggs(cc, st, 1, &id);
	if (v != NULL)
		dp = dt_cg_difo(cc, v);
	action(cc, DTRACEACT_LIBACT, dp, st)->arg = code;
}

static void act_setopt(dt_cc_t *cc, dt_node_t *call, unsigned int clause)
{
	unsigned int st;

	nargs_check(cc, call, 1, 2);
	st = dt_stmt_new(cc, DT_STMT_SETOPT, clause, 1, call->line);
	STMT(cc, st)->optname = strlit_arg(cc, call, call->args, 1);
	if (arg(call, 1) != NULL)
		STMT(cc, st)->optval = strlit_arg(cc, call, arg(call, 1), 2);
	STMT(cc, st)->types[0] = cc->t_void;
	action(cc, DTRACEACT_LIBACT, NULL, st)->arg = DT_LIBACT_SETOPT;
}

static void act_noarg(dt_cc_t *cc, dt_node_t *call, unsigned int clause,
		      dt_stmt_kind_t sk, unsigned int kind)
{
	unsigned int st;

	nargs_check(cc, call, 0, 0);
	st = dt_stmt_new(cc, sk, clause, 1, call->line);
	STMT(cc, st)->types[0] = cc->t_void;
	action(cc, kind, NULL, st);
}

static int is_destructive(const char *name)
{
	static const char *const d[] = {
		"system", "raise", "stop", "chill", "copyout", "copyoutstr",
		"panic", "breakpoint", "freopen",
	};
	unsigned int i;

	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		if (strcmp(d[i], name) == 0)
			return 1;
	return 0;
}

static void act_call(dt_cc_t *cc, dt_node_t *call, unsigned int clause)
{
	const char *f = call->s;

	if (is_destructive(f) && !(cc->opts.flags & DT_CF_DESTRUCT))
		dt_error(cc, call->line, "D_ACT_DESTRUCT",
			 "destructive actions not allowed: %s( ) requires "
			 "-w (destructive tracing)", f);
	if (strcmp(f, "trace") == 0)
		act_value(cc, call, clause, DT_STMT_TRACE, DTRACEACT_DIFEXPR,
			  0);
	else if (strcmp(f, "printf") == 0)
		act_format(cc, call, clause, DT_STMT_PRINTF,
			   DTRACEACT_PRINTF);
	else if (strcmp(f, "system") == 0)
		act_format(cc, call, clause, DT_STMT_SYSTEM,
			   DTRACEACT_SYSTEM);
	else if (strcmp(f, "freopen") == 0)
		act_format(cc, call, clause, DT_STMT_FREOPEN,
			   DTRACEACT_FREOPEN);
	else if (strcmp(f, "printa") == 0)
		act_printa(cc, call, clause);
	else if (strcmp(f, "print") == 0)
		act_value(cc, call, clause, DT_STMT_PRINT, DTRACEACT_PRINT, 0);
	else if (strcmp(f, "tracemem") == 0)
		act_tracemem(cc, call, clause);
	else if (strcmp(f, "exit") == 0)
		act_exit(cc, call, clause);
	else if (dt_symact_lookup(call) != NULL)
		act_symbolic(cc, call, clause, dt_symact_lookup(call));
	else if (strcmp(f, "clear") == 0)
		act_libact(cc, call, clause, DT_STMT_CLEAR, DT_LIBACT_CLEAR,
			   1, 1);
	else if (strcmp(f, "denormalize") == 0)
		act_libact(cc, call, clause, DT_STMT_DENORMALIZE,
			   DT_LIBACT_DENORMALIZE, 1, 1);
	else if (strcmp(f, "trunc") == 0)
		act_libact(cc, call, clause, DT_STMT_TRUNC, DT_LIBACT_TRUNC,
			   1, 2);
	else if (strcmp(f, "normalize") == 0)
		act_libact(cc, call, clause, DT_STMT_NORMALIZE,
			   DT_LIBACT_NORMALIZE, 2, 2);
	else if (strcmp(f, "setopt") == 0)
		act_setopt(cc, call, clause);
	else if (strcmp(f, "speculate") == 0)
		act_value(cc, call, clause, DT_STMT_SPECULATE,
			  DTRACEACT_SPECULATE, 1);
	else if (strcmp(f, "commit") == 0)
		act_value(cc, call, clause, DT_STMT_COMMIT, DTRACEACT_COMMIT,
			  1);
	else if (strcmp(f, "discard") == 0)
		act_value(cc, call, clause, DT_STMT_DISCARD,
			  DTRACEACT_DISCARD, 1);
	else if (strcmp(f, "raise") == 0)
		act_value(cc, call, clause, DT_STMT_RAISE, DTRACEACT_RAISE, 1);
	else if (strcmp(f, "chill") == 0)
		act_value(cc, call, clause, DT_STMT_CHILL, DTRACEACT_CHILL, 1);
	else if (strcmp(f, "stop") == 0)
		act_noarg(cc, call, clause, DT_STMT_STOP, DTRACEACT_STOP);
	else if (dt_is_action(f) && strchr("csamlq", f[0]) &&
		 (strcmp(f, "count") == 0 || strcmp(f, "sum") == 0 ||
		  strcmp(f, "avg") == 0 || strcmp(f, "min") == 0 ||
		  strcmp(f, "max") == 0 || strcmp(f, "stddev") == 0 ||
		  strcmp(f, "quantize") == 0 || strcmp(f, "lquantize") == 0 ||
		  strcmp(f, "llquantize") == 0))
		dt_error(cc, call->line, "D_AGG_FUNC",
			 "%s( ) may only be used as the value assigned to an "
			 "aggregation", f);
	else
		dt_error(cc, call->line, "D_UNKNOWN",
			 "not implemented: the %s( ) action", f);
}

/* ---- aggregations --------------------------------------------------- */

static const struct {
	const char	*name;
	unsigned int	kind;
	unsigned int	nvals;		/* value arguments before params */
	unsigned int	nparams;	/* constant parameters */
} dt_aggfuncs[] = {
	{ "count", DTRACEAGG_COUNT, 0, 0 },
	{ "sum", DTRACEAGG_SUM, 1, 0 },
	{ "avg", DTRACEAGG_AVG, 1, 0 },
	{ "min", DTRACEAGG_MIN, 1, 0 },
	{ "max", DTRACEAGG_MAX, 1, 0 },
	{ "stddev", DTRACEAGG_STDDEV, 1, 0 },
	{ "quantize", DTRACEAGG_QUANTIZE, 1, 0 },
	{ "lquantize", DTRACEAGG_LQUANTIZE, 1, 3 },
	{ "llquantize", DTRACEAGG_LLQUANTIZE, 1, 4 },
};

static const char *aggfunc_name(unsigned int kind)
{
	unsigned int i;

	for (i = 0; i < sizeof(dt_aggfuncs) / sizeof(dt_aggfuncs[0]); i++)
		if (dt_aggfuncs[i].kind == kind)
			return dt_aggfuncs[i].name;
	return "?";
}

static void lquant_const(dt_cc_t *cc, dt_node_t *call, unsigned int i,
			 const char *tag, const char *what)
{
	dt_node_t *a = arg(call, i);

	dt_check(cc, a);
	if (a->kind != DT_N_INT)
		dt_error(cc, a->line, tag,
			 "%s( ) argument #%u (%s) must be an integer constant",
			 call->s, i + 1, what);
}

static unsigned long long lquantize_arg2(dt_cc_t *cc, dt_node_t *call,
					 int *nparams)
{
	lquant_const(cc, call, 1, "D_LQUANT_BASETYPE", "base");
	lquant_const(cc, call, 2, "D_LQUANT_LIMTYPE", "limit");
	if (arg(call, 3) != NULL)
		lquant_const(cc, call, 3, "D_LQUANT_STEPTYPE", "step");
	long long base = const_arg(cc, call, arg(call, 1), 2);
	long long limit = const_arg(cc, call, arg(call, 2), 3);
	long long step = 1, levels;

	if (arg(call, 3) != NULL)
		step = const_arg(cc, call, arg(call, 3), 4);
	*nparams = arg(call, 3) != NULL ? 3 : 2;
	if (base < INT32_MIN || base > INT32_MAX)
		dt_error(cc, call->line, "D_LQUANT_BASEVAL",
			 "lquantize( ) base (argument #2) must be a 32-bit "
			 "quantity");
	if (step <= 0 || step > UINT16_MAX)
		dt_error(cc, call->line, "D_LQUANT_STEPVAL",
			 "lquantize( ) step (argument #4) must be between 1 "
			 "and %u", UINT16_MAX);
	if (limit <= base)
		dt_error(cc, call->line, "D_LQUANT_MISMATCH",
			 "lquantize( ) limit (argument #3) must be greater "
			 "than base (argument #2)");
	levels = (limit - base) / step;
	if (levels > UINT16_MAX)
		dt_error(cc, call->line, "D_LQUANT_STEPLARGE",
			 "lquantize( ) step (argument #4) too small for "
			 "the range: at most %u levels", UINT16_MAX);
	return ((unsigned long long)(uint32_t)(int32_t)base) |
	       ((unsigned long long)step << 32) |
	       ((unsigned long long)levels << 48);
}

static unsigned long long llquantize_arg2(dt_cc_t *cc, dt_node_t *call)
{
	lquant_const(cc, call, 1, "D_LLQUANT_FACTORTYPE", "factor");
	lquant_const(cc, call, 2, "D_LLQUANT_LOWTYPE", "low magnitude");
	lquant_const(cc, call, 3, "D_LLQUANT_HIGHTYPE", "high magnitude");
	lquant_const(cc, call, 4, "D_LLQUANT_NSTEPTYPE", "steps");
	long long factor = const_arg(cc, call, arg(call, 1), 2);
	long long low = const_arg(cc, call, arg(call, 2), 3);
	long long high = const_arg(cc, call, arg(call, 3), 4);
	long long nsteps = const_arg(cc, call, arg(call, 4), 5);

	if (factor < 2 || factor > UINT16_MAX)
		dt_error(cc, call->line, "D_LLQUANT_FACTORVAL",
			 "llquantize( ) factor (argument #2) must be at "
			 "least 2");
	if (low < 0 || low > UINT16_MAX)
		dt_error(cc, call->line, "D_LLQUANT_LOWVAL",
			 "llquantize( ) low magnitude (argument #3) must be "
			 "a non-negative 16-bit quantity");
	if (high < low || high > UINT16_MAX)
		dt_error(cc, call->line, "D_LLQUANT_HIGHVAL",
			 "llquantize( ) high magnitude (argument #4) must "
			 "be at least the low magnitude (argument #3)");
	if (nsteps < factor || nsteps > UINT16_MAX ||
	    (nsteps % factor != 0 && factor % nsteps != 0))
		dt_error(cc, call->line, "D_LLQUANT_NSTEPMATCH",
			 "llquantize( ) steps (argument #5) must evenly "
			 "divide, or be evenly divided by, the factor");
	return (unsigned long long)factor |
	       ((unsigned long long)low << 16) |
	       ((unsigned long long)high << 32) |
	       ((unsigned long long)nsteps << 48);
}

static void stmt_agg(dt_cc_t *cc, dt_node_t *s, unsigned int clause)
{
	dt_node_t *lhs = s->l, *call = s->r, *keys = NULL, *k, *v, *incr;
	const char *name;
	unsigned int i, fi, nkeys, st, maxargs;
	unsigned long long arg2 = 0;
	const dt_type_t **kt;
	const dt_ident_t *id;
	dt_action_t *a;
	int nparams = 0;

	if (lhs->kind == DT_N_INDEX) {
		keys = lhs->args;
		lhs = lhs->l;
		if (lhs->kind == DT_N_INDEX)
			dt_error(cc, s->line, "D_AGG_MDIM",
				 "multi-dimensional aggregation arrays are not "
				 "supported: use @a[k1, k2]");
	}
	name = lhs->s;
	if (s->op != DT_OP_ASSIGN)
		dt_error(cc, s->line, "D_AGG_FUNC",
			 "@%s must be assigned the result of an aggregating "
			 "function (operator %s is not allowed)", name,
			 dt_op_name(s->op));
	for (fi = 0; call->kind == DT_N_CALL &&
		     fi < sizeof(dt_aggfuncs) / sizeof(dt_aggfuncs[0]); fi++)
		if (strcmp(dt_aggfuncs[fi].name, call->s) == 0)
			break;
	if (call->kind != DT_N_CALL ||
	    fi == sizeof(dt_aggfuncs) / sizeof(dt_aggfuncs[0]))
		dt_error(cc, s->line, "D_AGG_FUNC",
			 "@%s must be assigned the result of an aggregating "
			 "function", name);
	maxargs = dt_aggfuncs[fi].nvals + dt_aggfuncs[fi].nparams + 1;
	if (dt_aggfuncs[fi].kind == DTRACEAGG_COUNT ||
	    dt_aggfuncs[fi].kind == DTRACEAGG_SUM ||
	    dt_aggfuncs[fi].kind == DTRACEAGG_AVG ||
	    dt_aggfuncs[fi].kind == DTRACEAGG_MIN ||
	    dt_aggfuncs[fi].kind == DTRACEAGG_MAX ||
	    dt_aggfuncs[fi].kind == DTRACEAGG_STDDEV)
		maxargs--;	/* no increment argument */
	if (dt_aggfuncs[fi].kind == DTRACEAGG_LQUANTIZE)
		nargs_check(cc, call, 3, 5);
	else
		nargs_check(cc, call, dt_aggfuncs[fi].nvals +
			    dt_aggfuncs[fi].nparams, maxargs);

	for (k = keys, nkeys = 0; k != NULL; k = k->next, nkeys++) {
		if (dt_symact_lookup(k) != NULL)
			dt_symact_check(cc, k);		/* @[stack()] */
		else
			dt_check(cc, k);
	}
	if (nkeys > DIF_NTUPLE)
		dt_error(cc, s->line, "D_TUPLE_OFLOW",
			 "too many keys for @%s: at most %d", name,
			 DIF_NTUPLE);
	kt = dt_zalloc(cc, (nkeys ? nkeys : 1) * sizeof(*kt));
	for (k = keys, i = 0; k != NULL; k = k->next, i++) {
		if (dt_type_isvoid(k->type) ||
		    (!dt_type_isscalar(k->type) && !dt_type_isbyref(k->type)))
			dt_error(cc, k->line, "D_KEY_TYPE",
				 "@%s key #%u may not be of type %s", name,
				 i + 1, dt_type_str(cc, k->type));
		kt[i] = k->type;
	}

	v = call->args;
	if (v != NULL) {
		dt_check(cc, v);
		if (!dt_type_isscalar(v->type))
			dt_error(cc, v->line, "D_AGG_SCALAR",
				 "%s( ) argument #1 must be of scalar type",
				 call->s);
	}
	if (dt_aggfuncs[fi].kind == DTRACEAGG_LQUANTIZE)
		arg2 = lquantize_arg2(cc, call, &nparams);
	else if (dt_aggfuncs[fi].kind == DTRACEAGG_LLQUANTIZE)
		arg2 = llquantize_arg2(cc, call), nparams = 4;
	incr = v ? arg(call, 1 + nparams) : NULL;
	if (incr != NULL) {
		dt_check(cc, incr);
		if (!dt_type_isscalar(incr->type))
			dt_error(cc, incr->line, "D_AGG_SCALAR",
				 "%s( ) argument #%u must be of scalar type",
				 call->s, 2 + nparams);
	}

	id = dt_agg_lookup(cc, name);
	if (id != NULL) {
		if (id->aggkind != dt_aggfuncs[fi].kind)
			dt_error(cc, s->line, "D_AGG_REDEF",
				 "aggregation redefined: @%s\n\t current: "
				 "%s( )\n\tprevious: %s( )", name, call->s,
				 aggfunc_name(id->aggkind));
		if (id->aggarg2 != arg2)
			dt_error(cc, s->line, "D_AGG_REDEF",
				 "aggregation redefined: @%s: %s( ) "
				 "parameters differ from the previous use",
				 name, call->s);
		if (id->nkeys != nkeys)
			dt_error(cc, s->line, "D_PROTO_LEN",
				 "aggregation redefined: @%s used with %u "
				 "key%s but previously with %u", name, nkeys,
				 nkeys == 1 ? "" : "s", id->nkeys);
		for (i = 0; i < nkeys; i++) {
			if ((dt_type_isint(kt[i]) && dt_type_isint(id->keys[i]))
			    || dt_type_same(kt[i], id->keys[i]))
				continue;
			dt_error(cc, s->line, "D_PROTO_ARG",
				 "@%s key #%u is incompatible with prototype:"
				 "\n\tprototype: %s\n\t argument: %s", name,
				 i + 1, dt_type_str(cc, id->keys[i]),
				 dt_type_str(cc, kt[i]));
		}
	} else {
		id = dt_agg_create(cc, name, dt_aggfuncs[fi].kind, arg2,
				   nkeys, kt, s->line);
	}

	st = dt_stmt_new(cc, DT_STMT_AGG, clause, 0, s->line);
	set_aggs(cc, st, 1, &id);
	for (k = keys; k != NULL; k = k->next) {
		if (dt_symact_lookup(k) != NULL)
			dt_symact_emit(cc, k, st);
		else
			action(cc, DTRACEACT_DIFEXPR, dt_cg_difo(cc, k), st);
	}
	a = action(cc, dt_aggfuncs[fi].kind,
		   v != NULL ? dt_cg_difo(cc, v) : NULL, st);
	a->ntuple = nkeys;
	a->arg = id->id;
	a->arg2 = arg2;
	a->incr = incr != NULL ? dt_cg_difo(cc, incr) : NULL;
}

static int is_agg_target(const dt_node_t *l)
{
	while (l->kind == DT_N_INDEX)
		l = l->l;
	return l->kind == DT_N_AGG;
}

/*
 * DTrace's ordering rules for speculations within one clause: speculate()
 * comes first and once, commit()/discard() stand alone.
 */
static void spec_rules(dt_cc_t *cc, const dt_node_t *s)
{
	const char *f = s->kind == DT_N_CALL ? s->s : "";
	int spec = strcmp(f, "speculate") == 0;
	int comm = strcmp(f, "commit") == 0;
	int agg = s->kind == DT_N_OP2 && is_agg_target(s->l);
	int drec = s->kind == DT_N_CALL && dt_is_action(f) && !spec && !comm &&
		   strcmp(f, "discard") != 0;
	int line = s->line;

	if (spec) {
		if (cc->cl_spec)
			dt_error(cc, line, "D_SPEC_SPEC", "only one "
				 "speculate( ) may be specified per enabling");
		if (cc->cl_comm)
			dt_error(cc, line, "D_SPEC_COMM", "speculate( ) may "
				 "not follow commit( ) or discard( )");
		if (cc->cl_drec)
			dt_error(cc, line, "D_SPEC_DREC", "speculate( ) may "
				 "not follow data-recording actions");
		cc->cl_spec = 1;
	} else if (comm) {
		if (cc->cl_comm)
			dt_error(cc, line, "D_COMM_COMM", "commit( ) or "
				 "discard( ) may not follow another one");
		if (cc->cl_drec)
			dt_error(cc, line, "D_COMM_DREC", "%s( ) may not "
				 "follow data-recording actions", f);
		cc->cl_comm = 1;
	} else if (agg) {
		if (cc->cl_spec)
			dt_error(cc, line, "D_AGG_SPEC", "aggregating actions "
				 "may not follow speculate( )");
	} else if (drec) {
		if (strcmp(f, "exit") == 0 && cc->cl_spec)
			dt_error(cc, line, "D_EXIT_SPEC",
				 "exit( ) may not follow speculate( )");
		if (cc->cl_comm)
			dt_error(cc, line, "D_DREC_COMM", "data-recording "
				 "actions may not follow commit( ) or "
				 "discard( )");
		cc->cl_drec = 1;
	}
}

void dt_stmt_compile(dt_cc_t *cc, dt_node_t *s, unsigned int clause)
{
	unsigned int st;
	dt_difo_t *dp;

	cc->line = s->line;
	spec_rules(cc, s);
	if (s->kind == DT_N_AGG ||
	    (s->kind == DT_N_INDEX && is_agg_target(s)))
		dt_error(cc, s->line, "D_AGG_NULL",
			 "expression has null effect: @%s must be assigned "
			 "an aggregating function",
			 s->kind == DT_N_AGG ? s->s : "");
	if (s->kind == DT_N_CALL && dt_is_action(s->s) &&
	    dt_subr_lookup(s->s) == NULL) {
		act_call(cc, s, clause);
		return;
	}
	if (s->kind == DT_N_OP2 && s->op >= DT_OP_ASSIGN &&
	    is_agg_target(s->l)) {
		stmt_agg(cc, s, clause);
		return;
	}
	dt_check(cc, s);
	st = dt_stmt_new(cc, DT_STMT_EXPR, clause, 1, s->line);
	STMT(cc, st)->types[0] = cc->t_void;
	dp = dt_cg_difo(cc, s);
	dp->rtype = dt_type_dif(cc, cc->t_void);
	action(cc, DTRACEACT_DIFEXPR, dp, st);
}
