// SPDX-License-Identifier: GPL-2.0
/*
 * The compiler's entry points (dt_compile.h): one compile is one source
 * text, parsed and compiled clause by clause into ECBs, then written as
 * DOF.  This file also owns what surrounds the grammar: probe
 * descriptions (fields filled according to -n/-P/-m/-f, macro variables
 * expanded, D_PDESC_ZERO), macro arguments, #pragma D, and the library's
 * own ERROR enabling.
 *
 * FAILURE ATOMICITY: dt_compile() records the lengths of every global
 * table before it starts; any error longjmps back here, the tables are cut
 * back to those lengths and the compile's arena is freed.  See dt_cc.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt_cc.h"

dt_compiler_t *dt_compiler_create(const dt_compile_opts_t *opts)
{
	dt_compiler_t *volatile cc = calloc(1, sizeof(*cc));
	dt_compile_error_t err;

	if (cc == NULL)
		return NULL;
	cc->opts = *opts;
	if (cc->opts.strsize == 0)
		cc->opts.strsize = 256;
	if (cc->opts.disasm_fp == NULL)
		cc->opts.disasm_fp = stderr;
	cc->next_varid = DIF_VAR_OTHER_UBASE;
	cc->perm = dt_arena_create();
	if (cc->perm == NULL) {
		free(cc);
		return NULL;
	}
	cc->arena = cc->perm;
	cc->err = &err;
	if (setjmp(cc->jmp) != 0) {
		dt_compiler_destroy(cc);
		return NULL;
	}
	dt_type_init(cc);
	cc->arena = NULL;
	return cc;
}

void dt_compiler_destroy(dt_compiler_t *cc)
{
	unsigned int i;

	if (cc == NULL)
		return;
	for (i = 0; i < cc->kept.n; i++)
		dt_arena_destroy(cc->kept.v[i]);
	dt_vec_free(&cc->kept);
	dt_vec_free(&cc->types);
	dt_vec_free(&cc->idents);
	dt_vec_free(&cc->xlators);
	dt_vec_free(&cc->ecbs);
	dt_vec_free(&cc->acts);
	dt_vec_free(&cc->lexvars);
	dt_ktypes_destroy(cc);
	dt_arena_destroy(cc->perm);
	free(cc->prog.stmts);
	free(cc->prog.aggs);
	free(cc->prog.clauses);
	free(cc->prog.options);
	free(cc);
}

const dt_prog_t *dt_compiler_prog(const dt_compiler_t *cc)
{
	return &cc->prog;
}

/* ---- macro variables ------------------------------------------------ */

/*
 * The value of $name (name without '$'), marking $N used.  NULL for an
 * unset $N under -x defaultargs (the caller uses 0 or "").
 */
const char *dt_macro_arg(dt_cc_t *cc, const char *name, int line)
{
	if (isdigit((unsigned char)name[0])) {
		long n = strtol(name, NULL, 10);

		if ((n >= cc->opts.macro_argc || n < 0 ||
		     cc->opts.macro_argv == NULL ||
		     cc->opts.macro_argv[n] == NULL) &&
		    (cc->opts.flags & DT_CF_DEFAULTARGS))
			return NULL;
		if (n >= cc->opts.macro_argc || n < 0 ||
		    cc->opts.macro_argv == NULL ||
		    cc->opts.macro_argv[n] == NULL)
			dt_error(cc, line, "D_MACRO_UNDEF",
				 "macro argument $%s is not defined", name);
		if (n < (long)sizeof(cc->macro_used))
			cc->macro_used[n] = 1;
		return cc->opts.macro_argv[n];
	}
	if (strcmp(name, "target") == 0)
		return dt_sprintf(cc, "%d", cc->opts.target_pid);
	if (strcmp(name, "pid") == 0)
		return dt_sprintf(cc, "%d", (int)getpid());
	if (strcmp(name, "ppid") == 0)
		return dt_sprintf(cc, "%d", (int)getppid());
	if (strcmp(name, "uid") == 0)
		return dt_sprintf(cc, "%u", (unsigned int)getuid());
	if (strcmp(name, "gid") == 0)
		return dt_sprintf(cc, "%u", (unsigned int)getgid());
	if (strcmp(name, "pgid") == 0)
		return dt_sprintf(cc, "%d", (int)getpgrp());
	if (strcmp(name, "sid") == 0)
		return dt_sprintf(cc, "%d", (int)getsid(0));
	dt_error(cc, line, "D_MACRO_UNDEF", "macro variable $%s is not defined",
		 name);
}

static void macro_unused_check(dt_cc_t *cc)
{
	int i;

	for (i = 1; i < cc->opts.macro_argc &&
		    i < (int)sizeof(cc->macro_used); i++) {
		if (!cc->macro_used[i] && cc->opts.macro_argv[i] != NULL)
			dt_error(cc, 0, "D_MACRO_UNUSED",
				 "extraneous argument '%s' ($%d is not "
				 "referenced)", cc->opts.macro_argv[i], i);
	}
}

/* Expand $N, $target, ... inside a probe description. */
static const char *pdesc_expand(dt_cc_t *cc, const char *s, int line)
{
	char *out, *o;
	size_t cap = strlen(s) + 1;
	const char *p;

	if (strchr(s, '$') == NULL)
		return s;
	for (p = s; *p; p++)
		if (*p == '$')
			cap += 4096;
	out = o = dt_zalloc(cc, cap);
	for (p = s; *p;) {
		char name[64];
		size_t n = 0;
		const char *v;

		if (*p != '$') {
			*o++ = *p++;
			continue;
		}
		p++;
		while ((isalnum((unsigned char)*p) || *p == '_') &&
		       n < sizeof(name) - 1) {
			if (n > 0 && isdigit((unsigned char)name[0]) &&
			    !isdigit((unsigned char)*p))
				break;
			name[n++] = *p++;
		}
		name[n] = '\0';
		if (n == 0)
			dt_error(cc, line, "D_PDESC_INVAL",
				 "invalid probe description \"%s\": '$' must "
				 "name a macro variable", s);
		v = dt_macro_arg(cc, name, line);
		if (v == NULL)
			v = "";
		if (strlen(v) >= 4096)
			dt_error(cc, line, "D_PDESC_INVAL",
				 "macro argument $%s is too long", name);
		strcpy(o, v);
		o += strlen(v);
	}
	*o = '\0';
	return out;
}

/* ---- probe descriptions --------------------------------------------- */

static void pdesc_split(dt_cc_t *cc, const char *text, int line,
			const char *f[4])
{
	const char *parts[4], *p = text;
	int n = 0, last, i;

	for (;;) {
		const char *c = strchr(p, ':');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		char *s;

		if (n == 4)
			dt_error(cc, line, "D_PDESC_INVAL",
				 "invalid probe description \"%s\": too many "
				 "':' separators", text);
		s = dt_zalloc(cc, len + 1);
		memcpy(s, p, len);
		parts[n++] = s;
		if (c == NULL)
			break;
		p = c + 1;
	}
	switch (cc->spec) {
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
		break;
	}
	if (n > last + 1)
		dt_error(cc, line, "D_PDESC_INVAL",
			 "invalid probe description \"%s\": too many fields",
			 text);
	for (i = 0; i < 4; i++)
		f[i] = "";
	for (i = 0; i < n; i++)
		f[last - (n - 1) + i] = parts[i];
	for (i = 0; i < 4; i++) {
		static const char *const what[] = {
			"provider", "module", "function", "name"
		};
		static const size_t max[] = {
			DTRACE_PROVNAMELEN, DTRACE_MODNAMELEN,
			DTRACE_FUNCNAMELEN, DTRACE_NAMELEN
		};

		if (strlen(f[i]) >= max[i])
			dt_error(cc, line, "D_PDESC_INVAL",
				 "invalid probe description \"%s\": %s name "
				 "too long (at most %zu characters)", text,
				 what[i], max[i] - 1);
	}
}

static void clause_add(dt_cc_t *cc, dt_node_t *pdescs, int line,
		       const char **texts, unsigned int n)
{
	dt_prog_t *p = &cc->prog;
	dt_clause_t *c;

	if (p->nclauses == cc->clausecap) {
		unsigned int cap = cc->clausecap ? cc->clausecap * 2 : 16;
		dt_clause_t *v = realloc(p->clauses, cap * sizeof(*v));

		if (v == NULL)
			dt_error(cc, line, "D_NOMEM", "out of memory");
		p->clauses = v;
		cc->clausecap = cap;
	}
	c = &p->clauses[p->nclauses++];
	c->npdescs = n;
	c->pdescs = texts;
	c->line = line;
}

static void disasm_clause(dt_cc_t *cc, dt_difo_t *pred, unsigned int clause,
			  const char *desc)
{
	unsigned int i;
	char *name;

	if (!(cc->opts.flags & DT_CF_DISASM))
		return;
	name = dt_sprintf(cc, "clause %u (%s)", clause, desc);
	if (pred != NULL) {
		pred->what = "predicate";
		dt_disasm(cc, cc->opts.disasm_fp, pred, name);
	}
	for (i = 0; i < cc->acts.n; i++) {
		dt_action_t *a = cc->acts.v[i];

		if (a->difo != NULL) {
			a->difo->what = dt_sprintf(cc, "action %u", i + 1);
			dt_disasm(cc, cc->opts.disasm_fp, a->difo, name);
		}
		if (a->incr != NULL) {
			a->incr->what = dt_sprintf(cc, "action %u increment",
						   i + 1);
			dt_disasm(cc, cc->opts.disasm_fp, a->incr, name);
		}
	}
}

static void ecbs_add(dt_cc_t *cc, const char *f[4], dt_difo_t *pred,
		     unsigned int clause)
{
	dt_ecb_t *e = dt_zalloc(cc, sizeof(*e));
	unsigned int i;

	e->prov = f[0];
	e->mod = f[1];
	e->func = f[2];
	e->name = f[3];
	e->pred = pred;
	e->clause = clause;
	e->nacts = cc->acts.n;
	e->acts = dt_zalloc(cc, (e->nacts ? e->nacts : 1) *
			    sizeof(dt_action_t));
	for (i = 0; i < e->nacts; i++)
		e->acts[i] = *(dt_action_t *)cc->acts.v[i];
	dt_vec_push(cc, &cc->ecbs, e);
}

void dt_clause_compile(dt_cc_t *cc, dt_node_t *pdescs, dt_node_t *pred,
		       dt_node_t *stmts, int line)
{
	unsigned int n = dt_node_count(pdescs), i, clause;
	const char **texts = dt_zalloc(cc, n * sizeof(char *));
	const char *(*fields)[4] = dt_zalloc(cc, n * sizeof(*fields));
	dt_difo_t *dpred = NULL;
	dt_node_t *d, *s;

	for (d = pdescs, i = 0; d != NULL; d = d->next, i++) {
		const char **f = fields[i];

		texts[i] = pdesc_expand(cc, d->s, d->line);
		pdesc_split(cc, texts[i], d->line, f);
		if (cc->opts.probe_count != NULL &&
		    !(cc->opts.flags & DT_CF_ZDEFS) &&
		    cc->opts.probe_count(cc->opts.probe_arg,
					 *f[0] ? f[0] : NULL,
					 *f[1] ? f[1] : NULL,
					 *f[2] ? f[2] : NULL,
					 *f[3] ? f[3] : NULL) <= 0)
			dt_error(cc, d->line, "D_PDESC_ZERO",
				 "probe description %s:%s:%s:%s does not "
				 "match any probes", f[0], f[1], f[2], f[3]);
	}
	clause = cc->prog.nclauses;
	clause_add(cc, pdescs, line, texts, n);

	/* args[] are typed by the probes these descriptions match */
	cc->pdfields = fields;
	cc->npdfields = n;
	dt_check_prescan(cc, pred);
	for (s = stmts; s != NULL; s = s->next)
		dt_check_prescan(cc, s);
	if (pred != NULL) {
		dt_check(cc, pred);
		if (!dt_type_isscalar(pred->type))
			dt_error(cc, pred->line, "D_PRED_SCALAR",
				 "predicate result must be of scalar type");
		dpred = dt_cg_difo(cc, pred);
	}
	cc->acts.n = 0;
	cc->cl_spec = cc->cl_comm = cc->cl_drec = 0;
	for (s = stmts; s != NULL; s = s->next)
		dt_stmt_compile(cc, s, clause);
	cc->pdfields = NULL;
	cc->npdfields = 0;
	disasm_clause(cc, dpred, clause, texts[0]);
	for (i = 0; i < n; i++)
		ecbs_add(cc, fields[i], dpred, clause);
}

/* dtrace:::ERROR recording arg1..arg5 for the consumer's report. */
static void error_enabling(dt_cc_t *cc)
{
	static const char *const f[4] = { "dtrace", "", "", "ERROR" };
	const char **texts = dt_zalloc(cc, sizeof(char *));
	unsigned int clause = cc->prog.nclauses, st, i;

	texts[0] = "dtrace:::ERROR";
	clause_add(cc, NULL, 0, texts, 1);
	st = dt_stmt_new(cc, DT_STMT_ERROR_REPORT, clause, 5, 0);
	cc->acts.n = 0;
	for (i = 1; i <= 5; i++) {
		cc->prog.stmts[st].types[i - 1] = cc->t_i64;
		dt_action_add(cc, DTRACEACT_DIFEXPR,
			      dt_cg_builtin_difo(cc, DIF_VAR_ARG0 + i,
						 cc->t_i64), st);
	}
	ecbs_add(cc, (const char **)f, NULL, clause);
}

/* ---- #pragma -------------------------------------------------------- */

static const char *word(dt_cc_t *cc, const char **pp)
{
	const char *p = *pp, *start;

	while (*p == ' ' || *p == '\t')
		p++;
	start = p;
	while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
		p++;
	*pp = p;
	return dt_sprintf(cc, "%.*s", (int)(p - start), start);
}

void dt_pragma(dt_cc_t *cc, const char *text, int line)
{
	const char *p = text, *w, *opt;
	dt_prog_t *prog = &cc->prog;
	dt_prog_option_t *o;
	char *eq;

	w = word(cc, &p);
	if (strcmp(w, "D") != 0)
		return;		/* other pragmas are not ours */
	w = word(cc, &p);
	if (strcmp(w, "attributes") == 0 || strcmp(w, "binding") == 0 ||
	    strcmp(w, "depends_on") == 0 || strcmp(w, "ident") == 0 ||
	    strcmp(w, "stability") == 0)
		return;
	if (strcmp(w, "error") == 0)
		dt_error(cc, line, "D_PRAGERR", "#pragma error: %s", p);
	if (strcmp(w, "option") != 0)
		dt_error(cc, line, "D_PRAGMA_INVAL",
			 "invalid control directive: #pragma D %s", w);
	opt = word(cc, &p);
	if (*opt == '\0')
		dt_error(cc, line, "D_PRAGMA_MALFORM",
			 "malformed #pragma D option: an option name is "
			 "required");
	if (prog->noptions == cc->optcap) {
		unsigned int cap = cc->optcap ? cc->optcap * 2 : 16;
		dt_prog_option_t *v = realloc(prog->options,
					      cap * sizeof(*v));

		if (v == NULL)
			dt_error(cc, line, "D_NOMEM", "out of memory");
		prog->options = v;
		cc->optcap = cap;
	}
	o = &prog->options[prog->noptions++];
	eq = strchr(opt, '=');
	if (eq != NULL) {
		*eq = '\0';
		o->value = eq + 1;
	} else {
		o->value = NULL;
	}
	o->name = opt;
	o->line = (unsigned int)line;
	/* strsize shapes the code: string records and variables */
	if (strcmp(opt, "strsize") == 0 && o->value != NULL) {
		char *end;
		unsigned long long v = strtoull(o->value, &end, 0);

		if (*end == 'k' || *end == 'K')
			v <<= 10, end++;
		else if (*end == 'm' || *end == 'M')
			v <<= 20, end++;
		if (*end != '\0' || v == 0 || v > (1U << 20))
			dt_error(cc, line, "D_PRAGMA_OPTSET",
				 "failed to set option strsize to \"%s\": "
				 "expected a size up to 1m", o->value);
		cc->opts.strsize = (unsigned int)v;
	}
}

/* ---- compile -------------------------------------------------------- */

typedef struct dt_saved {
	unsigned int	types, idents, xlators, varid;
	unsigned int	nstmts, naggs, nclauses, noptions, strsize;
	int		error_added;
} dt_saved_t;

static void save(const dt_cc_t *cc, dt_saved_t *s)
{
	s->types = cc->types.n;
	s->idents = cc->idents.n;
	s->xlators = cc->xlators.n;
	s->varid = cc->next_varid;
	s->nstmts = cc->prog.nstmts;
	s->naggs = cc->prog.naggs;
	s->nclauses = cc->prog.nclauses;
	s->noptions = cc->prog.noptions;
	s->strsize = cc->opts.strsize;
	s->error_added = cc->error_added;
}

static void restore(dt_cc_t *cc, const dt_saved_t *s)
{
	cc->types.n = s->types;
	cc->idents.n = s->idents;
	cc->xlators.n = s->xlators;
	cc->next_varid = s->varid;
	cc->prog.nstmts = s->nstmts;
	cc->prog.naggs = s->naggs;
	cc->prog.nclauses = s->nclauses;
	cc->prog.noptions = s->noptions;
	cc->opts.strsize = s->strsize;
	cc->error_added = s->error_added;
}

/* A copy of the text with a leading "#!" line blanked (lines kept). */
static char *prepare_text(dt_cc_t *cc, const char *text)
{
	char *t = dt_strdup(cc, text), *p;

	if (t[0] == '#' && t[1] == '!')
		for (p = t; *p && *p != '\n'; p++)
			*p = ' ';
	return t;
}

int dt_compile(dt_compiler_t *cc, const char *text, const char *srcname,
	       dt_spec_t spec, void **dofp, size_t *dofsizep,
	       dt_compile_error_t *err)
{
	volatile dt_saved_t saved;
	dt_compile_error_t dummy;
	char *t;

	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	*dofp = NULL;
	*dofsizep = 0;
	save(cc, (dt_saved_t *)&saved);
	cc->arena = dt_arena_create();
	if (cc->arena == NULL) {
		snprintf(err->tag, sizeof(err->tag), "D_NOMEM");
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return -1;
	}
	cc->err = err;
	cc->srcname = srcname;
	cc->spec = spec;
	cc->line = 0;
	cc->ecbs.n = 0;
	cc->acts.n = 0;
	cc->cur_enum = NULL;
	cc->xlate_arg = NULL;
	cc->xlate_argname = NULL;
	cc->pdfields = NULL;
	cc->npdfields = 0;
	cc->lexvars.n = 0;
	cc->lasttok[0] = '\0';
	memset(cc->macro_used, 0, sizeof(cc->macro_used));

	if (setjmp(cc->jmp) != 0) {
		dt_lex_cleanup(cc);
		restore(cc, (dt_saved_t *)&saved);
		dt_arena_destroy(cc->arena);
		cc->arena = NULL;
		free(*dofp);
		*dofp = NULL;
		*dofsizep = 0;
		return -1;
	}
	t = prepare_text(cc, text);
	if (cc->opts.flags & DT_CF_CPP)
		t = dt_cpp_run(cc, t);
	dt_parse(cc, t);
	macro_unused_check(cc);
	if (!cc->error_added) {
		error_enabling(cc);
		cc->error_added = 1;
	}
	dt_dof_write(cc, (dt_ecb_t **)cc->ecbs.v, cc->ecbs.n, dofp, dofsizep);
	dt_vec_push(cc, &cc->kept, cc->arena);
	cc->arena = NULL;
	return 0;
}
