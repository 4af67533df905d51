// SPDX-License-Identifier: GPL-2.0
/*
 * The semantic pass: resolves identifiers, gives every expression node its
 * D type, creates variables on their first assignment (D's implicit
 * declaration), and reports DTrace's errors with their tags.  Nodes are
 * rewritten in place where D's meaning differs from the syntax: a[i] on a
 * pointer becomes *(a + i), an enumerator becomes its integer, an inline
 * becomes a copy of its expression.  After it, code generation can assume
 * a well-typed tree.
 */
#include <limits.h>
#include <string.h>

#include "dt_cc.h"

static const dt_subr_t dt_subrs[] = {
	{ "rand", DIF_SUBR_RAND, "int", "" },
	{ "copyin", DIF_SUBR_COPYIN, NULL, "PI" },
	{ "copyinstr", DIF_SUBR_COPYINSTR, "string", "P|I" },
	{ "copyinto", DIF_SUBR_COPYINTO, "void", "PIP" },
	{ "speculation", DIF_SUBR_SPECULATION, "int", "" },
	{ "progenyof", DIF_SUBR_PROGENYOF, "int", "I" },
	{ "strlen", DIF_SUBR_STRLEN, "size_t", "S" },
	{ "alloca", DIF_SUBR_ALLOCA, NULL, "I" },
	{ "bcopy", DIF_SUBR_BCOPY, "void", "PPI" },
	{ "strjoin", DIF_SUBR_STRJOIN, "string", "SS" },
	{ "lltostr", DIF_SUBR_LLTOSTR, "string", "I|I" },
	{ "basename", DIF_SUBR_BASENAME, "string", "S" },
	{ "dirname", DIF_SUBR_DIRNAME, "string", "S" },
	{ "cleanpath", DIF_SUBR_CLEANPATH, "string", "S" },
	{ "strchr", DIF_SUBR_STRCHR, "string", "SI" },
	{ "strrchr", DIF_SUBR_STRRCHR, "string", "SI" },
	{ "strstr", DIF_SUBR_STRSTR, "string", "SS" },
	{ "strtok", DIF_SUBR_STRTOK, "string", "ZS" },
	{ "substr", DIF_SUBR_SUBSTR, "string", "SI|I" },
	{ "index", DIF_SUBR_INDEX, "int", "SS|I" },
	{ "rindex", DIF_SUBR_RINDEX, "int", "SS|I" },
	{ "htons", DIF_SUBR_HTONS, "uint16_t", "I" },
	{ "htonl", DIF_SUBR_HTONL, "uint32_t", "I" },
	{ "htonll", DIF_SUBR_HTONLL, "uint64_t", "I" },
	{ "ntohs", DIF_SUBR_NTOHS, "uint16_t", "I" },
	{ "ntohl", DIF_SUBR_NTOHL, "uint32_t", "I" },
	{ "ntohll", DIF_SUBR_NTOHLL, "uint64_t", "I" },
	{ "inet_ntop", DIF_SUBR_INET_NTOP, "string", "IQ" },
	{ "inet_ntoa", DIF_SUBR_INET_NTOA, "string", "Q" },
	{ "inet_ntoa6", DIF_SUBR_INET_NTOA6, "string", "Q" },
	{ "toupper", DIF_SUBR_TOUPPER, "string", "S" },
	{ "tolower", DIF_SUBR_TOLOWER, "string", "S" },
	{ "strtoll", DIF_SUBR_STRTOLL, "int64_t", "S|I" },
	{ "getmajor", DIF_SUBR_GETMAJOR, "major_t", "I" },
	{ "getminor", DIF_SUBR_GETMINOR, "minor_t", "I" },
};

static const char *const dt_actions[] = {
	"trace", "printf", "printa", "print", "tracemem", "exit", "stack",
	"ustack", "jstack", "sym", "func", "mod", "usym", "ufunc", "umod",
	"uaddr", "clear", "trunc", "normalize", "denormalize", "setopt",
	"system", "freopen", "speculate", "commit", "discard", "raise",
	"stop", "chill", "copyout", "copyoutstr", "panic", "breakpoint",
	"count", "sum", "avg", "min", "max", "stddev", "quantize",
	"lquantize", "llquantize", "ftruncate",
};

const dt_subr_t *dt_subr_lookup(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(dt_subrs) / sizeof(dt_subrs[0]); i++)
		if (strcmp(dt_subrs[i].name, name) == 0)
			return &dt_subrs[i];
	return NULL;
}

int dt_is_action(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(dt_actions) / sizeof(dt_actions[0]); i++)
		if (strcmp(dt_actions[i], name) == 0)
			return 1;
	return 0;
}

#define TSTR(t)	dt_type_str(cc, (t))

/* C's integer promotions and usual arithmetic conversions, LP64. */
static const dt_type_t *promote(dt_cc_t *cc, const dt_type_t *t)
{
	const dt_type_t *b = dt_type_base(t);

	if (b->kind == DT_TK_ENUM || (b->kind == DT_TK_INT && b->size < 4))
		return cc->t_int;
	return t;
}

static const dt_type_t *arith(dt_cc_t *cc, const dt_type_t *a,
			      const dt_type_t *b)
{
	const dt_type_t *pa = promote(cc, a), *pb = promote(cc, b);
	unsigned long sa = dt_type_size(pa), sb = dt_type_size(pb);
	int ua = !dt_type_issigned(pa), ub = !dt_type_issigned(pb);

	if (dt_type_base(pa)->kind == DT_TK_FLOAT)
		return pa;
	if (dt_type_base(pb)->kind == DT_TK_FLOAT)
		return pb;
	if (sa > sb)
		return pa;
	if (sb > sa)
		return pb;
	if (ua)
		return pa;
	if (ub)
		return pb;
	return pa;
}

static int is_zero_const(const dt_node_t *n)
{
	return n->kind == DT_N_INT && n->v == 0;
}

/* Can a value like 'from' be stored where 'to' lives? */
int dt_type_assignable(const dt_type_t *to, const dt_node_t *from)
{
	const dt_type_t *f = from->type, *tb = dt_type_base(to);

	if (dt_type_isarith(to) && dt_type_isarith(f))
		return 1;
	if (dt_type_isstring(to))
		return dt_type_isstring(f) || dt_type_ischarseq(f);
	if (tb->kind == DT_TK_PTR) {
		const dt_type_t *fb = dt_type_base(f);

		if (fb->kind == DT_TK_PTR || fb->kind == DT_TK_ARRAY)
			return dt_type_isvoid(tb->ref) ||
			       dt_type_isvoid(fb->ref) ||
			       dt_type_same(tb->ref, fb->ref);
		return is_zero_const(from);
	}
	return dt_type_same(to, f);
}

static void check_list(dt_cc_t *cc, dt_node_t *list)
{
	for (; list != NULL; list = list->next)
		dt_check(cc, list);
}

static void set_int(dt_node_t *n, unsigned long long v, const dt_type_t *t)
{
	n->kind = DT_N_INT;
	n->v = v;
	n->type = t;
	n->l = n->r = n->x = n->args = NULL;
	n->lvalue = n->inmem = 0;
}

/* Put c in n's place in the tree (n keeps its line and list link). */
static void replace(dt_node_t *n, const dt_node_t *c)
{
	dt_node_t *next = n->next;
	int line = n->line;

	*n = *c;
	n->next = next;
	n->line = line;
}

static void check_int(dt_cc_t *cc, dt_node_t *n)
{
	unsigned long long v = n->v;
	int u = n->op & 1, l = n->op & 2, hex = n->op & 4;

	if (n->type != NULL)
		return;
	if (n->op & 8) {
		n->type = cc->t_int;
	} else if (n->op & 16) {
		n->type = (long long)v >= INT_MIN ? cc->t_int : cc->t_long;
	} else if (u) {
		n->type = (!l && v <= UINT_MAX) ? cc->t_uint : cc->t_ulong;
	} else if (l) {
		n->type = v <= LONG_MAX ? cc->t_long : cc->t_ulong;
	} else if (v <= INT_MAX) {
		n->type = cc->t_int;
	} else if (hex && v <= UINT_MAX) {
		n->type = cc->t_uint;
	} else {
		n->type = v <= LONG_MAX ? cc->t_long : cc->t_ulong;
	}
}

static void check_keys(dt_cc_t *cc, dt_node_t *n, dt_ident_t *id,
		       const char *what)
{
	unsigned int i = 0, nkeys = dt_node_count(n->args);
	dt_node_t *k;

	if (nkeys != id->nkeys)
		dt_error(cc, n->line, "D_PROTO_LEN",
			 "%s%s[ ] used with %u key%s but declared with %u",
			 what, id->name, nkeys, nkeys == 1 ? "" : "s",
			 id->nkeys);
	for (k = n->args; k != NULL; k = k->next, i++) {
		const dt_type_t *want = id->keys[i];

		if ((dt_type_isint(want) && dt_type_isint(k->type)) ||
		    (dt_type_isstring(want) && (dt_type_isstring(k->type) ||
						dt_type_ischarseq(k->type))) ||
		    dt_type_same(want, k->type))
			continue;
		dt_error(cc, k->line, "D_PROTO_ARG",
			 "%s%s[ ] key #%u is incompatible with prototype:\n"
			 "\tprototype: %s\n\t argument: %s", what, id->name,
			 i + 1, TSTR(want), TSTR(k->type));
	}
}

static const dt_type_t **key_types(dt_cc_t *cc, dt_node_t *keys,
				   unsigned int *np)
{
	unsigned int n = dt_node_count(keys), i = 0;
	const dt_type_t **v = dt_zalloc(cc, (n ? n : 1) * sizeof(*v));
	dt_node_t *k;

	for (k = keys; k != NULL; k = k->next) {
		if (dt_type_isvoid(k->type) ||
		    (!dt_type_isscalar(k->type) && !dt_type_isstring(k->type)
		     && !dt_type_ischarseq(k->type)))
			dt_error(cc, k->line, "D_KEY_TYPE",
				 "key #%u has a type that may not be used as "
				 "a key: %s", i + 1, TSTR(k->type));
		v[i++] = dt_type_ischarseq(k->type) &&
			 dt_type_base(k->type)->kind == DT_TK_ARRAY ?
			 cc->t_string : k->type;
	}
	*np = n;
	return v;
}

static const char *scope_prefix(int scope)
{
	return scope == DT_SCOPE_THREAD ? "self->" :
	       scope == DT_SCOPE_LOCAL ? "this->" : "";
}

/* Make n a reference to variable id (keys in n->args for arrays). */
static void make_varref(dt_node_t *n, dt_ident_t *id)
{
	n->kind = DT_N_VARREF;
	n->ident = id;
	n->type = id->type;
	n->lvalue = 1;
	n->inmem = 0;
}

static void check_ident(dt_cc_t *cc, dt_node_t *n)
{
	dt_ident_t *id;

	if (cc->xlate_argname != NULL &&
	    strcmp(n->s, cc->xlate_argname) == 0) {
		dt_node_t *c = dt_node_clone(cc, cc->xlate_arg);

		dt_check(cc, c);
		replace(n, c);
		return;
	}
	if (strchr(n->s, '`') != NULL) {
		dt_ksym_resolve(cc, n);
		return;
	}
	id = dt_ident_lookup(cc, DT_SCOPE_GLOBAL, n->s);
	if (id == NULL && (id = dt_ident_builtin(n->s)) != NULL) {
		if (id->id == DIF_VAR_ARGS)
			dt_error(cc, n->line, "D_IDENT_BADREF",
				 "args[ ] must be used with an index");
		n->kind = DT_N_BUILTIN;
		n->ident = id;
		n->type = dt_builtin_type(cc, id);
		return;
	}
	if (id == NULL && strcmp(n->s, "NULL") == 0) {
		set_int(n, 0, cc->t_voidp);
		return;
	}
	if (id == NULL)
		dt_error(cc, n->line, "D_IDENT_UNDEF",
			 "failed to resolve %s: Unknown variable name", n->s);
	switch (id->kind) {
	case DT_ID_ENUM:
		set_int(n, (unsigned long long)id->value, cc->t_int);
		return;
	case DT_ID_INLINE: {
		dt_node_t *c = dt_node_clone(cc, id->expr);

		dt_check(cc, c);
		replace(n, c);
		if (dt_type_isarith(id->type))
			n->type = id->type;
		n->lvalue = 0;
		return;
	}
	default:
		if (id->isassoc)
			dt_error(cc, n->line, "D_ARR_BADREF",
				 "%s is an associative array: it must be used "
				 "with [ ]", n->s);
		make_varref(n, id);
	}
}

/*
 * self->x and this->x read before any assignment are int64_t variables
 * whose value is 0 until something stores to them.
 */
static void check_var(dt_cc_t *cc, dt_node_t *n)
{
	dt_ident_t *id = dt_ident_lookup(cc, n->op, n->s);

	if (id == NULL)
		id = dt_var_create(cc, n->op, n->s, cc->t_i64, n->line);
	if (id->isassoc)
		dt_error(cc, n->line, "D_ARR_BADREF",
			 "%s%s is an associative array: it must be used "
			 "with [ ]", scope_prefix(n->op), n->s);
	make_varref(n, id);
}

/* The variable an IDENT/VAR names, NULL if there is none yet. */
static dt_ident_t *named_var(dt_cc_t *cc, const dt_node_t *n, int *scope)
{
	dt_ident_t *id;

	*scope = n->kind == DT_N_VAR ? n->op : DT_SCOPE_GLOBAL;
	id = dt_ident_lookup(cc, *scope, n->s);
	if (id != NULL && id->kind != DT_ID_VAR)
		return NULL;
	return id;
}

/*
 * Typed args[]: args[N] has the C type the probes of the clause give
 * argument N (core/abi.h dtc_argdesc_t), found in the kernel's types; the
 * probes every description of the clause matches must agree (DTrace's
 * D_ARGS_MULTI).  When none gives a type, or N is not a constant, it is
 * an int64_t, as arg0..arg9.
 */
static const dt_type_t *args_type(dt_cc_t *cc, const dt_node_t *ndx,
				  int line)
{
	char buf[2 * DTRACE_ARGTYPELEN + 32], first[sizeof(buf)] = "";
	const dt_type_t *t;
	unsigned int i;
	int rc, typed = 0;

	if (ndx->kind != DT_N_INT || cc->opts.probe_argtype == NULL ||
	    cc->pdfields == NULL || ndx->v > DIF_VAR_ARG9 - DIF_VAR_ARG0)
		return cc->t_i64;
	for (i = 0; i < cc->npdfields; i++) {
		const char **f = cc->pdfields[i];

		rc = cc->opts.probe_argtype(cc->opts.probe_arg,
					    *f[0] ? f[0] : NULL,
					    *f[1] ? f[1] : NULL,
					    *f[2] ? f[2] : NULL,
					    *f[3] ? f[3] : NULL, (int)ndx->v,
					    buf, sizeof(buf));
		if (rc < 0 || (i > 0 && (rc > 0) != typed) ||
		    (rc > 0 && typed && strcmp(buf, first) != 0))
			dt_error(cc, line, "D_ARGS_MULTI", "args[%llu] may "
				 "not be referenced because the probes the "
				 "clause matches give it different types: %s",
				 ndx->v, rc < 0 ? buf : dt_sprintf(cc,
				 "\"%s\" and \"%s\"", typed ? first :
				 "no type", rc > 0 ? buf : "no type"));
		if (rc > 0 && !typed)
			snprintf(first, sizeof(first), "%s", buf);
		typed = rc > 0;
	}
	if (!typed)
		return cc->t_i64;
	t = dt_ktype_parse(cc, first, line);
	if (t == NULL)
		dt_error(cc, line, "D_ARGS_TYPE", "args[%llu] has type \"%s\", "
			 "which names no type D knows%s%s", ndx->v, first,
			 dt_ktypes_why(cc)[0] ? ": " : "", dt_ktypes_why(cc));
	if (!dt_type_isscalar(t))
		dt_error(cc, line, "D_ARGS_TYPE", "args[%llu] has type %s: "
			 "D reads a probe argument as one 64-bit value, so "
			 "it must be an integer or a pointer", ndx->v,
			 TSTR(t));
	return t;
}

static void check_index(dt_cc_t *cc, dt_node_t *n)
{
	dt_node_t *l = n->l;
	dt_ident_t *id;
	int scope;

	if (l->kind == DT_N_AGG)
		dt_error(cc, n->line, "D_AGG_INEXPR",
			 "aggregation @%s may not be used in an expression",
			 l->s);
	if (l->kind == DT_N_IDENT && strcmp(l->s, "args") == 0 &&
	    dt_ident_lookup(cc, DT_SCOPE_GLOBAL, "args") == NULL) {
		if (dt_node_count(n->args) != 1)
			dt_error(cc, n->line, "D_ARGS_IDX",
				 "args[ ] takes exactly one index");
		dt_check(cc, n->args);
		if (!dt_type_isint(n->args->type))
			dt_error(cc, n->line, "D_ARGS_IDX",
				 "args[ ] index must be an integer");
		n->kind = DT_N_BUILTIN;
		n->ident = dt_ident_builtin("args");
		n->l = n->args;
		n->args = NULL;
		n->type = args_type(cc, n->l, n->line);
		return;
	}
	if ((l->kind == DT_N_IDENT || l->kind == DT_N_VAR) &&
	    (id = named_var(cc, l, &scope)) != NULL && id->isassoc) {
		check_list(cc, n->args);
		check_keys(cc, n, id, scope_prefix(scope));
		make_varref(n, id);
		return;
	}
	if (l->kind == DT_N_VAR && named_var(cc, l, &scope) == NULL)
		dt_error(cc, n->line, "D_IDENT_UNDEF",
			 "failed to resolve %s%s[ ]: associative array not "
			 "yet assigned", scope_prefix(l->op), l->s);
	dt_check(cc, l);
	if (!dt_type_isptr(l->type) &&
	    dt_type_base(l->type)->kind != DT_TK_ARRAY)
		dt_error(cc, n->line, "D_ARR_BADREF",
			 "operator [ ] requires an associative array, a "
			 "pointer or an array, not %s", TSTR(l->type));
	if (dt_node_count(n->args) != 1)
		dt_error(cc, n->line, "D_ARR_BADREF",
			 "operator [ ] on a pointer takes one index");
	/* p[i] is *(p + i) */
	{
		dt_node_t *sum = dt_node_op2(cc, '+', l, n->args);

		sum->line = n->line;
		n->kind = DT_N_OP1;
		n->op = DT_OP_DEREF;
		n->l = sum;
		n->args = NULL;
		dt_check(cc, n);
	}
}

/* The translator from x's input to 'out' (x->l gets checked). */
static dt_xlator_t *find_xlator(dt_cc_t *cc, dt_node_t *x,
				const dt_type_t *out, int line)
{
	dt_xlator_t *xl = NULL;
	unsigned int i;

	dt_check(cc, x->l);
	for (i = cc->xlators.n; i-- > 0;) {
		dt_xlator_t *t = cc->xlators.v[i];

		if (dt_type_same(t->out, out) &&
		    (dt_type_same(t->in, x->l->type) ||
		     (dt_type_isint(t->in) && dt_type_isint(x->l->type)) ||
		     (dt_type_isptr(t->in) && dt_type_isptr(x->l->type)))) {
			xl = t;
			break;
		}
	}
	if (xl == NULL)
		dt_error(cc, line, "D_XLATE_NONE",
			 "No translator available to translate from %s to %s",
			 TSTR(x->l->type), TSTR(out));
	return xl;
}

/* A translator member's expression, checked with its input bound. */
static dt_node_t *xlate_expr(dt_cc_t *cc, const dt_xlator_t *xl,
			     dt_node_t *input, const dt_node_t *expr)
{
	dt_node_t *saved_arg = cc->xlate_arg, *c;
	const char *saved_name = cc->xlate_argname;

	cc->xlate_arg = input;
	cc->xlate_argname = xl->argname;
	c = dt_node_clone(cc, expr);
	dt_check(cc, c);
	cc->xlate_arg = saved_arg;
	cc->xlate_argname = saved_name;
	return c;
}

/*
 * xlate<T>(e) as a whole: a T built in scratch memory, each member the
 * translator defines computed and stored (n->args: the member
 * expressions, each with its member in ->mbr).
 */
static void check_xlate(dt_cc_t *cc, dt_node_t *n)
{
	const dt_type_t *out = dt_decl_type(cc, n->decl);
	dt_xlator_t *xl;
	dt_node_t *m, *list = NULL;

	if (dt_type_isptr(out))
		dt_error(cc, n->line, "D_XLATE_UNSUP",
			 "not implemented: xlate<%s>( ) as a pointer value "
			 "(use xlate<T>(e) or a member of it)", TSTR(out));
	xl = find_xlator(cc, n, out, n->line);
	for (m = xl->members; m != NULL; m = m->next) {
		dt_node_t *c = xlate_expr(cc, xl, n->l, m->r);

		c->mbr = dt_type_member(cc, out, m->l->s);
		if (c->mbr->bits != 0 || !dt_type_isscalar(c->mbr->type))
			dt_error(cc, m->line, "D_XLATE_UNSUP",
				 "not implemented: translating member %s of "
				 "type %s as part of a whole xlate<%s>( )",
				 m->l->s, TSTR(c->mbr->type), TSTR(out));
		list = dt_node_append(list, c);
	}
	n->args = list;
	n->type = out;
}

static void check_xlate_member(dt_cc_t *cc, dt_node_t *n)
{
	dt_node_t *x = n->l, *m;
	const dt_type_t *out = dt_decl_type(cc, x->decl);
	dt_xlator_t *xl;
	dt_node_t *c;

	if (n->op == DT_OP_PTR) {
		if (!dt_type_isptr(out))
			dt_error(cc, n->line, "D_OP_PTR",
				 "operator -> must be applied to a pointer");
		out = dt_type_base(out)->ref;
	}
	xl = find_xlator(cc, x, out, n->line);
	for (m = xl->members; m != NULL; m = m->next)
		if (strcmp(m->l->s, n->s) == 0)
			break;
	if (m == NULL)
		dt_error(cc, n->line, "D_XLATE_NOCONV",
			 "translator does not define conversion for member: %s",
			 n->s);
	c = xlate_expr(cc, xl, x->l, m->r);
	replace(n, c);
	n->lvalue = 0;
}

static int is_curthread(const dt_node_t *n)
{
	return n->kind == DT_N_BUILTIN && n->ident->id == DIF_VAR_CURTHREAD;
}

/* Why curthread is a void * here. */
static const char *curthread_why(dt_cc_t *cc)
{
	const char *why = dt_ktypes_why(cc);

	return dt_sprintf(cc, ": curthread is a struct task_struct * on the "
			  "kernel host, with the kernel's types%s%s%s",
			  *why ? " (" : "", why, *why ? ")" : "");
}

static void check_member(dt_cc_t *cc, dt_node_t *n)
{
	const dt_type_t *t;
	const dt_member_t *m;

	if (n->l->kind == DT_N_XLATE) {
		check_xlate_member(cc, n);
		return;
	}
	dt_check(cc, n->l);
	t = n->l->type;
	if (n->op == DT_OP_PTR) {
		if (!dt_type_isptr(t) || !dt_type_issou(dt_type_base(t)->ref))
			dt_error(cc, n->line, "D_OP_PTR",
				 "operator -> must be applied to a pointer "
				 "to a struct or union, not %s%s", TSTR(t),
				 is_curthread(n->l) ? curthread_why(cc) : "");
		t = dt_type_base(t)->ref;
	} else if (!dt_type_issou(t)) {
		dt_error(cc, n->line, "D_OP_SOU",
			 "operator . requires an operand of type struct or "
			 "union, not %s", TSTR(t));
	}
	if (!dt_type_base(t)->complete)
		dt_error(cc, n->line, "D_OP_INCOMPLETE",
			 "%s is an incomplete type", TSTR(t));
	m = dt_type_member(cc, t, n->s);
	if (m == NULL)
		dt_error(cc, n->line, "D_TYPE_MEMBER",
			 "%s is not a member of %s", n->s, TSTR(t));
	n->mbr = m;
	n->type = m->type;
	n->lvalue = 1;
	n->inmem = m->bits == 0;
}

static void check_call(dt_cc_t *cc, dt_node_t *n)
{
	const dt_subr_t *s = dt_subr_lookup(n->s);
	unsigned int nargs = dt_node_count(n->args), min = 0, max = 0, i;
	const char *p, *kinds;
	dt_node_t *a;

	if (s == NULL) {
		if (dt_is_action(n->s))
			dt_error(cc, n->line, "D_ACT_INEXPR",
				 "%s( ) may not be used in an expression: it "
				 "is an action", n->s);
		dt_error(cc, n->line, "D_FUNC_UNDEF",
			 "failed to resolve %s: Unknown function name", n->s);
	}
	for (p = s->args; *p; p++) {
		if (*p == '|') {
			min = max;
			continue;
		}
		max++;
	}
	if (strchr(s->args, '|') == NULL)
		min = max;
	if (nargs < min || nargs > max)
		dt_error(cc, n->line, "D_PROTO_LEN",
			 "%s( ) prototype mismatch: %u arg%s passed, %s%u "
			 "expected", n->s, nargs, nargs == 1 ? "" : "s",
			 min == max ? "" : nargs < min ? "at least " :
			 "no more than ", nargs < min ? min : max);
	check_list(cc, n->args);
	kinds = s->args;
	for (a = n->args, i = 1; a != NULL; a = a->next, i++, kinds++) {
		const char *want = NULL;

		if (*kinds == '|')
			kinds++;
		switch (*kinds) {
		case 'S':
			if (!dt_type_isstring(a->type) &&
			    !dt_type_ischarseq(a->type))
				want = "string";
			break;
		case 'Z':
			if (!dt_type_isstring(a->type) &&
			    !dt_type_ischarseq(a->type) && !is_zero_const(a))
				want = "string";
			break;
		case 'I':
			if (!dt_type_isint(a->type))
				want = "integer";
			break;
		case 'Q':
			if (!dt_type_isptr(a->type) &&
			    dt_type_base(a->type)->kind != DT_TK_ARRAY)
				want = "pointer";
			break;
		default:
			if (!dt_type_isint(a->type) && !dt_type_isptr(a->type)
			    && dt_type_base(a->type)->kind != DT_TK_ARRAY)
				want = "pointer";
			break;
		}
		if (want != NULL)
			dt_error(cc, a->line, "D_PROTO_ARG",
				 "%s( ) argument #%u is incompatible with "
				 "prototype:\n\tprototype: %s\n\t argument: %s",
				 n->s, i, want, TSTR(a->type));
	}
	n->v = s->subr;
	n->type = s->rtype ? dt_type_lookup(cc, s->rtype) : cc->t_voidp;
}

static void implicit_int(dt_cc_t *cc, dt_node_t *l);

static void check_op1(dt_cc_t *cc, dt_node_t *n)
{
	const dt_type_t *t;
	const char *op = dt_op_name(n->op);

	switch (n->op) {
	case DT_OP_SIZEOF:
		dt_check(cc, n->l);
		t = n->l->type;
		if (n->l->kind == DT_N_MEMBER && n->l->mbr->bits != 0)
			dt_error(cc, n->line, "D_SIZEOF_BITFIELD",
				 "cannot apply sizeof to a bit-field");
		if (dt_type_isvoid(t) || dt_type_base(t)->kind == DT_TK_FUNC)
			dt_error(cc, n->line, "D_SIZEOF_TYPE",
				 "cannot apply sizeof to an expression of "
				 "type %s", TSTR(t));
		set_int(n, dt_type_isstring(t) ? cc->opts.strsize :
			dt_type_size(t), dt_type_lookup(cc, "size_t"));
		return;
	case DT_OP_STRINGOF:
		dt_check(cc, n->l);
		if (!dt_type_isscalar(n->l->type) &&
		    !dt_type_isstring(n->l->type) &&
		    !dt_type_ischarseq(n->l->type))
			dt_error(cc, n->line, "D_STRINGOF_TYPE",
				 "stringof( ) operand must be a scalar or a "
				 "string, not %s", TSTR(n->l->type));
		n->type = cc->t_string;
		return;
	case DT_OP_INC:
	case DT_OP_DEC:
	case DT_OP_POSTINC:
	case DT_OP_POSTDEC:
		implicit_int(cc, n->l);
		dt_check(cc, n->l);
		if (!n->l->lvalue)
			dt_error(cc, n->line, "D_OP_LVAL",
				 "operator %s requires modifiable lvalue as "
				 "an operand", op);
		if (!dt_type_isint(n->l->type) && !dt_type_isptr(n->l->type))
			dt_error(cc, n->line, "D_OP_SCALAR",
				 "operator %s requires operand of scalar "
				 "type", op);
		n->type = n->l->type;
		return;
	case DT_OP_ADDR:
		if (n->l->kind == DT_N_IDENT || n->l->kind == DT_N_VAR) {
			dt_check(cc, n->l);
			if (n->l->kind == DT_N_VARREF ||
			    n->l->kind == DT_N_BUILTIN)
				dt_error(cc, n->line, "D_ADDROF_VAR",
					 "cannot take address of dynamic "
					 "variable");
		} else {
			dt_check(cc, n->l);
		}
		if (n->l->kind == DT_N_MEMBER && n->l->mbr->bits != 0)
			dt_error(cc, n->line, "D_ADDROF_BITFIELD",
				 "cannot take address of bit-field");
		if (!n->l->inmem)
			dt_error(cc, n->line, "D_ADDROF_LVAL",
				 "unacceptable operand for unary & operator");
		n->type = dt_type_ptr(cc, n->l->type);
		return;
	case DT_OP_DEREF:
		dt_check(cc, n->l);
		t = dt_type_base(n->l->type);
		if (t->kind != DT_TK_PTR && t->kind != DT_TK_ARRAY)
			dt_error(cc, n->line, "D_DEREF_NONPTR",
				 "cannot dereference non-pointer type");
		if (dt_type_isvoid(t->ref))
			dt_error(cc, n->line, "D_DEREF_VOID",
				 "cannot dereference pointer to void");
		n->type = t->ref;
		n->lvalue = 1;
		n->inmem = 1;
		return;
	case '!':
		dt_check(cc, n->l);
		if (!dt_type_isscalar(n->l->type) &&
		    !dt_type_isstring(n->l->type))
			dt_error(cc, n->line, "D_OP_SCALAR",
				 "operator %s requires operand of scalar type",
				 op);
		n->type = cc->t_int;
		return;
	case '~':
		dt_check(cc, n->l);
		if (!dt_type_isint(n->l->type))
			dt_error(cc, n->line, "D_OP_INT",
				 "operator %s requires operand of integral "
				 "type", op);
		n->type = promote(cc, n->l->type);
		return;
	default:		/* unary - and + */
		dt_check(cc, n->l);
		if (!dt_type_isarith(n->l->type))
			dt_error(cc, n->line, "D_OP_ARITH",
				 "operator %s requires operand of arithmetic "
				 "type", op);
		n->type = promote(cc, n->l->type);
		if (n->op == DT_OP_NEG && n->l->kind == DT_N_INT) {
			set_int(n, -n->l->v, n->type);
		} else if (n->op == DT_OP_PLUS) {
			replace(n, n->l);
			n->lvalue = 0;
		}
		return;
	}
}

static void incompat(dt_cc_t *cc, dt_node_t *n)
{
	dt_error(cc, n->line, "D_OP_INCOMPAT",
		 "operands have incompatible types: \"%s\" %s \"%s\"",
		 TSTR(n->l->type), dt_op_name(n->op), TSTR(n->r->type));
}

static int is_strlike(const dt_type_t *t)
{
	return dt_type_isstring(t) || dt_type_ischarseq(t);
}

static void check_op2(dt_cc_t *cc, dt_node_t *n)
{
	const dt_type_t *a, *b;
	const char *op = dt_op_name(n->op);

	if (n->op >= DT_OP_ASSIGN) {
		dt_check_assign_target(cc, n);
		return;
	}
	if (n->op == ',') {
		dt_check(cc, n->l);
		dt_check(cc, n->r);
		n->type = n->r->type;
		return;
	}
	dt_check(cc, n->l);
	dt_check(cc, n->r);
	a = n->l->type;
	b = n->r->type;

	switch (n->op) {
	case '+':
	case '-':
		if (dt_type_isarith(a) && dt_type_isarith(b)) {
			n->type = arith(cc, a, b);
		} else if ((dt_type_isptr(a) ||
			    dt_type_base(a)->kind == DT_TK_ARRAY) &&
			   dt_type_isint(b)) {
			n->type = dt_type_isptr(a) ? a :
				  dt_type_ptr(cc, dt_type_base(a)->ref);
		} else if (n->op == '+' && dt_type_isint(a) &&
			   dt_type_isptr(b)) {
			n->type = b;
		} else if (n->op == '-' && dt_type_isptr(a) &&
			   dt_type_isptr(b) &&
			   dt_type_same(dt_type_base(a)->ref,
					dt_type_base(b)->ref)) {
			n->type = dt_type_lookup(cc, "ptrdiff_t");
		} else {
			incompat(cc, n);
		}
		return;
	case '*':
	case '/':
		if (!dt_type_isarith(a) || !dt_type_isarith(b))
			dt_error(cc, n->line, "D_OP_ARITH",
				 "operator %s requires operands of arithmetic "
				 "type", op);
		n->type = arith(cc, a, b);
		return;
	case '%':
	case '&':
	case '|':
	case '^':
	case DT_OP_SHL:
	case DT_OP_SHR:
		if (!dt_type_isint(a) || !dt_type_isint(b))
			dt_error(cc, n->line, "D_OP_INT",
				 "operator %s requires operands of integral "
				 "type", op);
		n->type = (n->op == DT_OP_SHL || n->op == DT_OP_SHR) ?
			  promote(cc, a) : arith(cc, a, b);
		return;
	case '<':
	case '>':
	case DT_OP_LE:
	case DT_OP_GE:
	case DT_OP_EQ:
	case DT_OP_NE:
		n->type = cc->t_int;
		if (dt_type_isarith(a) && dt_type_isarith(b))
			return;
		if ((dt_type_isstring(a) && is_strlike(b)) ||
		    (dt_type_isstring(b) && is_strlike(a)))
			return;
		if ((dt_type_isptr(a) || dt_type_base(a)->kind ==
		     DT_TK_ARRAY) && (dt_type_isptr(b) ||
				      dt_type_base(b)->kind == DT_TK_ARRAY))
			return;
		if ((dt_type_isptr(a) && dt_type_isint(b)) ||
		    (dt_type_isint(a) && dt_type_isptr(b)))
			return;
		incompat(cc, n);
		return;
	default:		/* && || ^^ */
		if ((!dt_type_isscalar(a) && !dt_type_isstring(a)) ||
		    (!dt_type_isscalar(b) && !dt_type_isstring(b)))
			dt_error(cc, n->line, "D_OP_SCALAR",
				 "operator %s requires operands of scalar "
				 "type", op);
		n->type = cc->t_int;
		return;
	}
}

static void check_op3(dt_cc_t *cc, dt_node_t *n)
{
	const dt_type_t *a, *b;

	dt_check(cc, n->l);
	dt_check(cc, n->r);
	dt_check(cc, n->x);
	if (!dt_type_isscalar(n->l->type) && !dt_type_isstring(n->l->type))
		dt_error(cc, n->line, "D_OP_SCALAR",
			 "operator ?: requires operand of scalar type");
	a = n->r->type;
	b = n->x->type;
	if (dt_type_isarith(a) && dt_type_isarith(b))
		n->type = arith(cc, a, b);
	else if (is_strlike(a) && is_strlike(b) &&
		 (dt_type_isstring(a) || dt_type_isstring(b)))
		n->type = cc->t_string;
	else if (dt_type_same(a, b))
		n->type = a;
	else if (dt_type_isptr(a) && is_zero_const(n->x))
		n->type = a;
	else if (dt_type_isptr(b) && is_zero_const(n->r))
		n->type = b;
	else
		dt_error(cc, n->line, "D_OP_INCOMPAT",
			 "operands have incompatible types: \"%s\" : \"%s\"",
			 TSTR(a), TSTR(b));
}

static void check_cast(dt_cc_t *cc, dt_node_t *n)
{
	const dt_type_t *to = dt_decl_type(cc, n->decl), *from;

	dt_check(cc, n->l);
	from = n->l->type;
	n->type = to;
	if (dt_type_isvoid(to))
		return;
	if (dt_type_isscalar(to) &&
	    (dt_type_isscalar(from) ||
	     dt_type_base(from)->kind == DT_TK_ARRAY ||
	     dt_type_base(from)->kind == DT_TK_FUNC ||	/* its address */
	     (dt_type_isstring(from) && dt_type_isptr(to))))
		return;
	if (dt_type_same(to, from))
		return;
	dt_error(cc, n->line, "D_CAST_INVAL",
		 "invalid cast expression: \"%s\" to \"%s\"", TSTR(from),
		 TSTR(to));
}

/*
 * Assignments.  The right side is checked first: a variable assigned for
 * the first time takes its type (D's implicit declaration).
 */
void dt_check_assign_target(dt_cc_t *cc, dt_node_t *n)
{
	dt_node_t *l = n->l;
	const char *op = dt_op_name(n->op);
	dt_ident_t *id = NULL;
	int scope, isassoc;

	dt_check(cc, n->r);
	if (l->kind == DT_N_AGG ||
	    (l->kind == DT_N_INDEX && l->l->kind == DT_N_AGG))
		dt_error(cc, n->line, "D_AGG_INEXPR",
			 "aggregations may only be assigned as a statement "
			 "of their own");
	isassoc = l->kind == DT_N_INDEX &&
		  (l->l->kind == DT_N_IDENT || l->l->kind == DT_N_VAR);
	if ((l->kind == DT_N_IDENT && strchr(l->s, '`') != NULL) ||
	    (isassoc && l->l->kind == DT_N_IDENT &&
	     strchr(l->l->s, '`') != NULL))
		dt_error(cc, n->line, "D_OP_WRITE", "operator %s can only be "
			 "applied to a writable variable: kernel symbol %s is "
			 "read-only", op, isassoc ? l->l->s : l->s);
	if (l->kind == DT_N_IDENT || l->kind == DT_N_VAR || isassoc) {
		dt_node_t *v = isassoc ? l->l : l;

		id = named_var(cc, v, &scope);
		if (id == NULL && v->kind == DT_N_IDENT &&
		    (dt_ident_lookup(cc, DT_SCOPE_GLOBAL, v->s) != NULL ||
		     dt_ident_builtin(v->s) != NULL))
			dt_error(cc, n->line, "D_OP_WRITE",
				 "operator %s can only be applied to a "
				 "writable variable", op);
		if (id == NULL && isassoc && !(v->kind == DT_N_IDENT &&
					       strcmp(v->s, "args") == 0)) {
			unsigned int nk;
			const dt_type_t **kt;

			if (scope == DT_SCOPE_LOCAL)
				dt_error(cc, n->line, "D_ARR_LOCAL",
					 "associative arrays may not be "
					 "clause-local: this->%s", v->s);
			check_list(cc, l->args);
			kt = key_types(cc, l->args, &nk);
			if (dt_type_isvoid(n->r->type))
				dt_error(cc, n->line, "D_VAR_UNSUP",
					 "%s%s[ ] may not be assigned a void "
					 "value", scope_prefix(scope), v->s);
			id = dt_var_create(cc, scope, v->s,
					   n->r->type, n->line);
			id->isassoc = 1;
			id->nkeys = nk;
			id->keys = kt;
		} else if (id == NULL && !isassoc) {
			const dt_type_t *t = n->r->type;

			if (dt_type_isvoid(t) ||
			    dt_type_base(t)->kind == DT_TK_FUNC)
				dt_error(cc, n->line, "D_VAR_UNSUP",
					 "%s%s may not be assigned a value of "
					 "type %s", scope_prefix(scope), v->s,
					 TSTR(t));
			if (dt_type_isint(t))
				t = promote(cc, t);
			if (dt_type_ischarseq(t) &&
			    dt_type_base(t)->kind == DT_TK_ARRAY)
				t = cc->t_string;
			id = dt_var_create(cc, scope, v->s, t, n->line);
		}
	}
	dt_check(cc, l);
	if (!l->lvalue)
		dt_error(cc, n->line, "D_OP_LVAL",
			 "operator %s requires modifiable lvalue as an "
			 "operand", op);
	if (n->op == DT_OP_ASSIGN) {
		if (!dt_type_assignable(l->type, n->r))
			dt_error(cc, n->line, "D_OP_INCOMPAT",
				 "operands have incompatible types: \"%s\" %s "
				 "\"%s\"", TSTR(l->type), op,
				 TSTR(n->r->type));
	} else if (n->op == DT_OP_ADD_ASSIGN || n->op == DT_OP_SUB_ASSIGN) {
		if (!(dt_type_isarith(l->type) &&
		      dt_type_isarith(n->r->type)) &&
		    !(dt_type_isptr(l->type) && dt_type_isint(n->r->type)))
			dt_error(cc, n->line, "D_OP_INCOMPAT",
				 "operands have incompatible types: \"%s\" %s "
				 "\"%s\"", TSTR(l->type), op,
				 TSTR(n->r->type));
	} else if (n->op == DT_OP_MUL_ASSIGN || n->op == DT_OP_DIV_ASSIGN) {
		if (!dt_type_isarith(l->type) || !dt_type_isarith(n->r->type))
			dt_error(cc, n->line, "D_OP_ARITH",
				 "operator %s requires operands of arithmetic "
				 "type", op);
	} else if (!dt_type_isint(l->type) || !dt_type_isint(n->r->type)) {
		dt_error(cc, n->line, "D_OP_INT",
			 "operator %s requires operands of integral type", op);
	}
	n->type = l->type;
}

/*
 * x++ and x += ... on a variable never assigned create it as an int64_t
 * (zero until stored to), as a first assignment would.
 */
static void implicit_int(dt_cc_t *cc, dt_node_t *l)
{
	int isassoc = l->kind == DT_N_INDEX &&
		      (l->l->kind == DT_N_IDENT || l->l->kind == DT_N_VAR);
	dt_node_t *v = isassoc ? l->l : l;
	dt_ident_t *id;
	int scope;

	if (v->kind != DT_N_IDENT && v->kind != DT_N_VAR)
		return;
	if (v->kind == DT_N_IDENT && strchr(v->s, '`') != NULL)
		return;		/* a kernel symbol: never a variable */
	if (named_var(cc, v, &scope) != NULL)
		return;
	if (v->kind == DT_N_IDENT &&
	    (dt_ident_lookup(cc, DT_SCOPE_GLOBAL, v->s) != NULL ||
	     dt_ident_builtin(v->s) != NULL || strcmp(v->s, "NULL") == 0))
		return;
	if (isassoc) {
		if (scope == DT_SCOPE_LOCAL)
			dt_error(cc, l->line, "D_ARR_LOCAL",
				 "associative arrays may not be clause-local: "
				 "this->%s", v->s);
		check_list(cc, l->args);
		id = dt_var_create(cc, scope, v->s, cc->t_i64, l->line);
		id->isassoc = 1;
		id->keys = key_types(cc, l->args, &id->nkeys);
		return;
	}
	dt_var_create(cc, scope, v->s, cc->t_i64, l->line);
}

/*
 * Before a clause is checked, the scalar variables it increments or
 * updates in place ("/n++ < 10/", "{ n += 2; }") are created, so that
 * the predicate and every statement can read them whatever their order.
 */
void dt_check_prescan(dt_cc_t *cc, dt_node_t *n)
{
	dt_node_t *a;

	if (n == NULL)
		return;
	if (n->kind == DT_N_OP1 && (n->op == DT_OP_INC || n->op == DT_OP_DEC ||
				    n->op == DT_OP_POSTINC ||
				    n->op == DT_OP_POSTDEC) &&
	    n->l->kind != DT_N_INDEX)
		implicit_int(cc, n->l);
	if (n->kind == DT_N_OP2 && n->op > DT_OP_ASSIGN &&
	    n->l->kind != DT_N_INDEX)
		implicit_int(cc, n->l);
	dt_check_prescan(cc, n->l);
	dt_check_prescan(cc, n->r);
	dt_check_prescan(cc, n->x);
	for (a = n->args; a != NULL; a = a->next)
		dt_check_prescan(cc, a);
}

void dt_check(dt_cc_t *cc, dt_node_t *n)
{
	if (n->type != NULL && n->kind != DT_N_INT)
		return;
	switch (n->kind) {
	case DT_N_INT:
		check_int(cc, n);
		return;
	case DT_N_STR:
		n->type = cc->t_string;
		return;
	case DT_N_IDENT:
		check_ident(cc, n);
		return;
	case DT_N_VAR:
		check_var(cc, n);
		return;
	case DT_N_AGG:
		dt_error(cc, n->line, "D_AGG_INEXPR",
			 "aggregation @%s may not be used in an expression",
			 n->s);
	case DT_N_OP1:
		check_op1(cc, n);
		return;
	case DT_N_OP2:
		check_op2(cc, n);
		return;
	case DT_N_OP3:
		check_op3(cc, n);
		return;
	case DT_N_INDEX:
		check_index(cc, n);
		return;
	case DT_N_MEMBER:
		check_member(cc, n);
		return;
	case DT_N_CALL:
		check_call(cc, n);
		return;
	case DT_N_CAST:
		check_cast(cc, n);
		return;
	case DT_N_SIZEOF_T: {
		const dt_type_t *t = dt_decl_type(cc, n->decl);

		if (dt_type_isvoid(t) || (dt_type_issou(t) &&
					  !dt_type_base(t)->complete))
			dt_error(cc, n->line, "D_SIZEOF_TYPE",
				 "cannot apply sizeof to an expression of "
				 "type %s", TSTR(t));
		set_int(n, dt_type_isstring(t) ? cc->opts.strsize :
			dt_type_size(t), dt_type_lookup(cc, "size_t"));
		return;
	}
	case DT_N_OFFSETOF: {
		const dt_type_t *t = dt_decl_type(cc, n->decl);
		const dt_member_t *m;

		if (!dt_type_issou(t))
			dt_error(cc, n->line, "D_OFFSETOF_TYPE",
				 "offsetof( ) first argument must be a struct "
				 "or union type");
		m = dt_type_member(cc, t, n->s);
		if (m == NULL)
			dt_error(cc, n->line, "D_UNKNOWN",
				 "%s is not a member of %s", n->s, TSTR(t));
		if (m->bits != 0)
			dt_error(cc, n->line, "D_OFFSETOF_BITFIELD",
				 "cannot take offset of a bit-field: %s", n->s);
		set_int(n, m->off / 8, dt_type_lookup(cc, "size_t"));
		return;
	}
	case DT_N_XLATE:
		check_xlate(cc, n);
		return;
	default:
		return;
	}
}
