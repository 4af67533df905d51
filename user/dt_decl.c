// SPDX-License-Identifier: GPL-2.0
/*
 * Declarations: specifiers and declarators into types, typedefs, struct,
 * union and enum definitions, declared variables, inlines, translators,
 * and the integer constant expressions they need (array sizes, bit-field
 * widths, enumerator values).
 */
#include <limits.h>
#include <string.h>

#include "dt_cc.h"

dt_dspec_t *dt_dspec_add(dt_cc_t *cc, dt_dspec_t *ds, unsigned int bit)
{
	if (ds == NULL) {
		ds = dt_zalloc(cc, sizeof(*ds));
		ds->line = cc->line;
	}
	if (bit == DT_DS_LONG && (ds->bits & DT_DS_LONG)) {
		if (ds->bits & DT_DS_LONGLONG)
			dt_error(cc, ds->line, "D_DECL_COMBO",
				 "invalid type combination: long long long");
		bit = DT_DS_LONGLONG;
	}
	ds->bits |= bit;
	return ds;
}

dt_dspec_t *dt_dspec_type(dt_cc_t *cc, dt_dspec_t *ds, const dt_type_t *t)
{
	ds = dt_dspec_add(cc, ds, 0);
	if (ds->type != NULL)
		dt_error(cc, ds->line, "D_DECL_COMBO",
			 "invalid type combination");
	ds->type = t;
	return ds;
}

dt_dspec_t *dt_dspec_class(dt_cc_t *cc, dt_dspec_t *ds, int sclass)
{
	ds = dt_dspec_add(cc, ds, 0);
	if (sclass != DT_SC_NONE && ds->sclass != DT_SC_NONE &&
	    ds->sclass != sclass)
		dt_error(cc, ds->line, "D_DECL_CLASS",
			 "only one storage class allowed in a declaration");
	if (sclass != DT_SC_NONE)
		ds->sclass = sclass;
	return ds;
}

dt_decl_t *dt_decl_prepend(dt_cc_t *cc, dt_decl_t *d, int kind, long long n,
			   dt_decl_t *keys)
{
	dt_dstep_t *s = dt_zalloc(cc, sizeof(*s));

	s->kind = kind;
	s->n = n;
	s->keys = keys;
	s->next = d->steps;
	d->steps = s;
	return d;
}

dt_decl_t *dt_decl_spec(dt_decl_t *list, dt_dspec_t *ds)
{
	dt_decl_t *d;

	for (d = list; d != NULL; d = d->next)
		d->spec = ds;
	return list;
}

/* The type named by the specifiers alone. */
static const dt_type_t *dspec_type(dt_cc_t *cc, const dt_dspec_t *ds)
{
	unsigned int b = ds->bits;
	unsigned int sizebits = DT_DS_SHORT | DT_DS_LONG | DT_DS_LONGLONG;
	unsigned int sign = DT_DS_SIGNED | DT_DS_UNSIGNED;
	int u = (b & DT_DS_UNSIGNED) != 0;

	if (ds->type != NULL) {
		if (b != 0)
			dt_error(cc, ds->line, "D_DECL_COMBO",
				 "invalid type combination");
		return ds->type;
	}
	if ((b & sign) == sign)
		dt_error(cc, ds->line, "D_DECL_COMBO",
			 "invalid type combination");
	if (b & (DT_DS_STRING | DT_DS_VOID)) {
		const char *what = b & DT_DS_STRING ? "string" : "void";

		if (b & (DT_DS_LONG | DT_DS_LONGLONG | DT_DS_SHORT))
			dt_error(cc, ds->line, b & DT_DS_VOID ?
				 "D_DECL_VOIDATTR" : "D_DECL_LONGINT",
				 "invalid type declaration: short and long "
				 "may not be used with %s type", what);
		if (b & sign)
			dt_error(cc, ds->line, b & DT_DS_VOID ?
				 "D_DECL_VOIDATTR" : "D_DECL_SIGNINT",
				 "invalid type declaration: signed and "
				 "unsigned may not be used with %s type", what);
		if (b & ~(DT_DS_STRING | DT_DS_VOID) ||
		    (b & DT_DS_STRING && b & DT_DS_VOID))
			dt_error(cc, ds->line, "D_DECL_COMBO",
				 "invalid type combination");
		return b & DT_DS_STRING ? cc->t_string : cc->t_void;
	}
	if (b & (DT_DS_FLOAT | DT_DS_DOUBLE)) {
		if (b & (sign | DT_DS_CHAR | DT_DS_SHORT | DT_DS_INT |
			 DT_DS_LONGLONG) ||
		    ((b & DT_DS_FLOAT) && (b & (DT_DS_DOUBLE | DT_DS_LONG))))
			dt_error(cc, ds->line, "D_DECL_COMBO",
				 "invalid type combination");
		if (b & DT_DS_FLOAT)
			return dt_type_lookup(cc, "float");
		return dt_type_lookup(cc, b & DT_DS_LONG ? "long double" :
				      "double");
	}
	if (b & DT_DS_CHAR) {
		if (b & sizebits)
			dt_error(cc, ds->line, "D_DECL_CHARATTR",
				 "invalid type declaration: short and long "
				 "may not be used with char type");
		if (b & DT_DS_INT)
			dt_error(cc, ds->line, "D_DECL_COMBO",
				 "invalid type combination: int char");
		if (b & DT_DS_SIGNED)
			return dt_type_lookup(cc, "signed char");
		return u ? cc->t_uchar : cc->t_char;
	}
	if ((b & DT_DS_SHORT) && (b & (DT_DS_LONG | DT_DS_LONGLONG)))
		dt_error(cc, ds->line, "D_DECL_COMBO",
			 "invalid type combination");
	if (b & DT_DS_SHORT)
		return dt_type_lookup(cc, u ? "unsigned short" : "short");
	if (b & DT_DS_LONGLONG)
		return dt_type_lookup(cc, u ? "unsigned long long" :
				      "long long");
	if (b & DT_DS_LONG)
		return u ? cc->t_ulong : cc->t_long;
	if (b & (DT_DS_INT | sign))
		return u ? cc->t_uint : cc->t_int;
	dt_error(cc, ds->line, "D_DECL_USELESS",
		 "useless declaration: no type given");
}

static const dt_type_t *apply_steps(dt_cc_t *cc, const dt_type_t *t,
				    const dt_dstep_t *s, int line)
{
	for (; s != NULL; s = s->next) {
		switch (s->kind) {
		case DT_DD_PTR:
			t = dt_type_ptr(cc, t);
			break;
		case DT_DD_ARRAY:
			if (dt_type_isvoid(t))
				dt_error(cc, line, "D_DECL_VOIDOBJ",
					 "cannot declare an array of void");
			if (s->n < 0)
				t = dt_type_array(cc, t, 0);
			else if (s->n == 0)
				dt_error(cc, line, "D_DECL_ARRSUB",
					 "array dimension must be positive");
			else
				t = dt_type_array(cc, t, s->n);
			break;
		default:
			dt_error(cc, line, "D_DECL_ARRTYPE",
				 "associative arrays may only be declared as "
				 "variables");
		}
	}
	return t;
}

const dt_type_t *dt_decl_type(dt_cc_t *cc, const dt_decl_t *d)
{
	return apply_steps(cc, dspec_type(cc, d->spec), d->steps, d->line);
}

static void declare_typedef(dt_cc_t *cc, const dt_decl_t *d)
{
	const dt_type_t *t = dt_decl_type(cc, d);
	const dt_type_t *old = dt_type_lookup(cc, d->name);
	dt_type_t *td;

	if (strchr(d->name, '`') != NULL)
		dt_error(cc, d->line, "D_DECL_SCOPE", "scoping operator used "
			 "in the declaration of type %s: types are declared in "
			 "D's own namespace", d->name);

	if (old != NULL) {
		if (old->kind == DT_TK_TYPEDEF && dt_type_same(old, t))
			return;
		dt_error(cc, d->line, "D_DECL_TYPERED",
			 "type redeclared: %s", d->name);
	}
	td = dt_zalloc(cc, sizeof(*td));
	td->kind = DT_TK_TYPEDEF;
	td->name = d->name;
	td->ref = t;
	td->size = dt_type_size(t);
	td->align = dt_type_base(t)->align;
	td->complete = 1;
	dt_vec_push(cc, &cc->types, td);
}

static void declare_var(dt_cc_t *cc, const dt_dspec_t *ds,
			const dt_decl_t *d)
{
	int scope = ds->sclass == DT_SC_SELF ? DT_SCOPE_THREAD :
		    ds->sclass == DT_SC_THIS ? DT_SCOPE_LOCAL :
					       DT_SCOPE_GLOBAL;
	const dt_dstep_t *s, *assoc = NULL;
	const dt_type_t *t;
	dt_ident_t *id, *old;
	dt_dstep_t *steps = NULL, **tail = &steps;
	unsigned int i;

	/* an associative array is the last step applied */
	for (s = d->steps; s != NULL; s = s->next) {
		if (s->kind == DT_DD_ASSOC && s->next == NULL) {
			assoc = s;
			break;
		}
		*tail = dt_zalloc(cc, sizeof(dt_dstep_t));
		**tail = *s;
		(*tail)->next = NULL;
		tail = &(*tail)->next;
	}
	if (ds->sclass == DT_SC_EXTERN) {
		/* extern T name; gives kernel symbol `name its type */
		dt_ksym_declare(cc, d->name, dt_decl_type(cc, d), d->line);
		return;
	}
	if (strchr(d->name, '`') != NULL)
		dt_error(cc, d->line, "D_DECL_SCOPE", "scoping operator used "
			 "in the declaration of %s: only an extern declaration "
			 "names a kernel symbol", d->name);
	for (s = steps; s != NULL; s = s->next)
		if (s->kind == DT_DD_ARRAY && s->n < 0)
			dt_error(cc, d->line, "D_DECL_ARRNULL",
				 "array declaration requires a dimension: %s",
				 d->name);
	t = apply_steps(cc, dspec_type(cc, ds), steps, d->line);
	if (!dt_type_base(t)->complete)
		dt_error(cc, d->line, "D_DECL_INCOMPLETE",
			 "declaration of %s uses an incomplete type: %s",
			 d->name, dt_type_str(cc, t));
	if (dt_type_isvoid(t))
		dt_error(cc, d->line, "D_DECL_VOIDOBJ",
			 "cannot have void object: %s", d->name);
	old = dt_ident_lookup(cc, scope, d->name);
	if (old == NULL && scope == DT_SCOPE_GLOBAL &&
	    dt_ident_builtin(d->name) != NULL)
		dt_error(cc, d->line, "D_DECL_IDRED",
			 "identifier redeclared: %s", d->name);
	if (old != NULL) {
		if (old->kind == DT_ID_VAR && dt_type_same(old->type, t) &&
		    old->isassoc == (assoc != NULL))
			return;
		dt_error(cc, d->line, "D_DECL_IDRED",
			 "identifier redeclared: %s", d->name);
	}
	id = dt_var_create(cc, scope, d->name, t, d->line);
	if (assoc == NULL)
		return;
	if (scope == DT_SCOPE_LOCAL)
		dt_error(cc, d->line, "D_DECL_LOCASSC",
			 "associative arrays may not be declared as local "
			 "variables: %s", d->name);
	id->isassoc = 1;
	id->nkeys = 0;
	for (const dt_decl_t *k = assoc->keys; k != NULL; k = k->next)
		id->nkeys++;
	id->keys = dt_zalloc(cc, id->nkeys * sizeof(dt_type_t *));
	i = 0;
	for (const dt_decl_t *k = assoc->keys; k != NULL; k = k->next) {
		const dt_type_t *kt = dt_decl_type(cc, k);

		if (!dt_type_isscalar(kt) && !dt_type_isstring(kt))
			dt_error(cc, d->line, "D_KEY_TYPE",
				 "%s key #%u: type %s may not be used as an "
				 "associative array key", d->name, i + 1,
				 dt_type_str(cc, kt));
		id->keys[i++] = kt;
	}
}

void dt_declare(dt_cc_t *cc, dt_dspec_t *ds, dt_decl_t *list)
{
	dt_decl_t *d;

	if (list == NULL) {
		/* "typedef char t;" with t already a typedef name */
		if (ds->type != NULL && ds->type->kind == DT_TK_TYPEDEF &&
		    ds->bits != 0)
			dt_error(cc, ds->line, ds->sclass == DT_SC_TYPEDEF ?
				 "D_DECL_TYPERED" : "D_DECL_IDRED",
				 "%s redeclared: %s", ds->sclass ==
				 DT_SC_TYPEDEF ? "type" : "identifier",
				 ds->type->name);
		if (ds->type == NULL || ds->bits != 0)
			dt_error(cc, ds->line, "D_DECL_USELESS",
				 "useless declaration");
		return;
	}
	for (d = list; d != NULL; d = d->next) {
		d->spec = ds;
		if (ds->sclass == DT_SC_TYPEDEF)
			declare_typedef(cc, d);
		else
			declare_var(cc, ds, d);
	}
}

/*
 * C's scope rule: a struct's tag is declared at its '{', so that its
 * members can point to it.  Declaring it in D's table here keeps a
 * kernel type of the same name (searched after D's) out of the members.
 */
void dt_sou_forward(dt_cc_t *cc, dt_tkind_t kind, const char *tag, int line)
{
	dt_type_t *t;

	if (strchr(tag, '`') != NULL || dt_type_tag(cc, kind, tag) != NULL)
		return;		/* dt_sou_define() says what is wrong */
	t = dt_zalloc(cc, sizeof(*t));
	t->kind = kind;
	t->name = tag;
	t->align = 1;
	dt_vec_push(cc, &cc->types, t);
}

const dt_type_t *dt_sou_define(dt_cc_t *cc, dt_tkind_t kind,
			       const char *tag, dt_decl_t *members,
			       int define, int line)
{
	const char *kw = kind == DT_TK_STRUCT ? "struct" : "union";
	dt_type_t *t = NULL;
	dt_member_t **tail;
	unsigned long off = 0, maxsize = 0;
	unsigned int align = 1;
	dt_decl_t *d;

	if (tag != NULL && strchr(tag, '`') != NULL) {
		const dt_type_t *kt;

		if (define)
			dt_error(cc, line, "D_DECL_SCOPE", "scoping operator "
				 "used in the declaration of %s %s: types are "
				 "declared in D's own namespace", kw, tag);
		kt = dt_ktype_lookup(cc, kind, tag, line);
		if (kt == NULL)
			dt_error(cc, line, "D_TYPE_ERR", "failed to resolve "
				 "type %s %s: %s", kw, tag,
				 dt_ktypes_why(cc));
		return kt;
	}
	if (tag != NULL)
		t = (dt_type_t *)dt_type_tag(cc, kind, tag);
	if (!define) {
		if (t != NULL)
			return t;
		/* after D's own types, the kernel's (dt_ktype.h) */
		if (tag != NULL &&
		    (t = (dt_type_t *)dt_ktype_lookup(cc, kind, tag, line)))
			return t;
		/* in code, an unknown tag is an error, not a declaration */
		if (cc->body && cc->depth > 0)
			dt_error(cc, line, "D_TYPE_ERR",
				 "failed to resolve type %s %s: unknown tag%s%s",
				 kw, tag, dt_ktypes_why(cc)[0] ? ": " : "",
				 dt_ktypes_why(cc));
	} else if (t != NULL && t->complete) {
		dt_error(cc, line, "D_DECL_TYPERED", "type redeclared: %s %s",
			 kw, tag);
	}
	if (t == NULL) {
		t = dt_zalloc(cc, sizeof(*t));
		t->kind = kind;
		t->name = tag;
		t->align = 1;
		if (tag != NULL)
			dt_vec_push(cc, &cc->types, t);
	}
	if (!define)
		return t;

	tail = &t->members;
	for (d = members; d != NULL; d = d->next) {
		const dt_type_t *mt = dt_decl_type(cc, d);
		const dt_type_t *b = dt_type_base(mt);
		dt_member_t *m = dt_zalloc(cc, sizeof(*m));
		unsigned long msize = dt_type_size(mt);
		unsigned int malign = b->align ? b->align : 1;

		if (d->name != NULL && dt_type_member(cc, t, d->name) != NULL)
			dt_error(cc, d->line, "D_DECL_IDRED",
				 "identifier redeclared: %s", d->name);
		if (!b->complete || b->kind == DT_TK_VOID)
			dt_error(cc, d->line, "D_DECL_INCOMPLETE",
				 "declaration of member %s uses an incomplete "
				 "type: %s", d->name ? d->name : "<anon>",
				 dt_type_str(cc, mt));
		m->name = d->name;
		m->type = mt;
		if (d->bits != NULL) {
			long long w = dt_const_eval(cc, d->bits,
						    "bit-field width");
			unsigned long unit = msize * 8;

			if (!dt_type_isint(mt))
				dt_error(cc, d->line, "D_DECL_BFTYPE",
					 "invalid type for bit-field: %s",
					 d->name ? d->name : "<anon>");
			if (w <= 0 || (unsigned long long)w > unit)
				dt_error(cc, d->line, "D_DECL_BFSIZE",
					 "bit-field %s has invalid width %lld: "
					 "it must be between 1 and %lu",
					 d->name ? d->name : "<anon>", w, unit);
			m->bits = (unsigned int)w;
			if (kind == DT_TK_UNION) {
				m->off = 0;
			} else {
				if (off / unit != (off + w - 1) / unit)
					off = (off + unit - 1) / unit * unit;
				m->off = off;
				off += w;
			}
		} else if (kind == DT_TK_UNION) {
			m->off = 0;
		} else {
			unsigned long a = malign * 8UL;

			off = (off + a - 1) / a * a;
			m->off = off;
			off += msize * 8;
		}
		if (msize > maxsize)
			maxsize = msize;
		if (malign > align)
			align = malign;
		if (d->name != NULL || d->bits == NULL) {
			*tail = m;
			tail = &m->next;
		}
	}
	t->align = align;
	if (kind == DT_TK_UNION)
		off = maxsize * 8;
	off = (off + 7) / 8;
	t->size = (off + align - 1) / align * align;
	t->complete = 1;
	return t;
}

const dt_type_t *dt_enum_ref(dt_cc_t *cc, const char *tag, int line)
{
	const dt_type_t *t;
	dt_type_t *e;

	if (strchr(tag, '`') != NULL) {
		t = dt_ktype_lookup(cc, DT_TK_ENUM, tag, line);
		if (t == NULL)
			dt_error(cc, line, "D_TYPE_ERR", "failed to resolve "
				 "type enum %s: %s", tag, dt_ktypes_why(cc));
		return t;
	}
	if ((t = dt_type_tag(cc, DT_TK_ENUM, tag)) != NULL ||
	    (t = dt_ktype_lookup(cc, DT_TK_ENUM, tag, line)) != NULL)
		return t;
	e = dt_zalloc(cc, sizeof(*e));
	e->kind = DT_TK_ENUM;
	e->name = tag;
	e->size = 4;
	e->align = 4;
	e->issigned = 1;
	dt_vec_push(cc, &cc->types, e);
	return e;
}

void dt_enum_begin(dt_cc_t *cc, const char *tag, int line)
{
	dt_type_t *e = NULL;

	if (tag != NULL) {
		e = (dt_type_t *)dt_type_tag(cc, DT_TK_ENUM, tag);
		if (e != NULL && e->complete)
			dt_error(cc, line, "D_DECL_TYPERED",
				 "type redeclared: enum %s", tag);
		if (e == NULL)
			e = (dt_type_t *)dt_enum_ref(cc, tag, line);
	} else {
		e = dt_zalloc(cc, sizeof(*e));
		e->kind = DT_TK_ENUM;
		e->size = 4;
		e->align = 4;
		e->issigned = 1;
	}
	cc->cur_enum = e;
	cc->enum_next = 0;
}

void dt_enum_value(dt_cc_t *cc, const char *name, dt_node_t *value, int line)
{
	dt_type_t *e = cc->cur_enum;
	dt_enumval_t *v = dt_zalloc(cc, sizeof(*v)), **tail;

	v->name = name;
	v->value = value ? dt_const_eval(cc, value, "enumerator") :
			   cc->enum_next;
	if (v->value < INT_MIN || v->value > INT_MAX)
		dt_error(cc, line, "D_DECL_ENOFLOW",
			 "enumerator '%s' value overflows int", name);
	cc->enum_next = v->value + 1;
	for (tail = &e->evals; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = v;
	dt_enum_add(cc, name, v->value, line);
}

const dt_type_t *dt_enum_end(dt_cc_t *cc)
{
	dt_type_t *e = cc->cur_enum;

	e->complete = 1;
	cc->cur_enum = NULL;
	return e;
}

/* Constant folding for declarations; 'what' names the context. */
static long long eval(dt_cc_t *cc, dt_node_t *n, const char *what)
{
	long long a, b;

	switch (n->kind) {
	case DT_N_INT:
	case DT_N_SIZEOF_T:
	case DT_N_OFFSETOF:
		dt_check(cc, n);
		if (n->kind != DT_N_INT)
			break;
		return (long long)n->v;
	case DT_N_IDENT: {
		dt_ident_t *id = dt_ident_lookup(cc, DT_SCOPE_GLOBAL, n->s);

		if (id != NULL && id->kind == DT_ID_ENUM)
			return id->value;
		break;
	}
	case DT_N_OP1:
		if (n->op == DT_OP_SIZEOF) {
			dt_check(cc, n);
			return (long long)n->v;
		}
		a = eval(cc, n->l, what);
		switch (n->op) {
		case DT_OP_NEG: return -a;
		case DT_OP_PLUS: return a;
		case '~': return ~a;
		case '!': return !a;
		}
		break;
	case DT_N_OP2:
		a = eval(cc, n->l, what);
		b = eval(cc, n->r, what);
		switch (n->op) {
		case '+': return a + b;
		case '-': return a - b;
		case '*': return a * b;
		case '/':
		case '%':
			if (b == 0)
				dt_error(cc, n->line, "D_DIV_ZERO",
					 "expression contains division by "
					 "zero");
			return n->op == '/' ? a / b : a % b;
		case '&': return a & b;
		case '|': return a | b;
		case '^': return a ^ b;
		case DT_OP_SHL: return (long long)((unsigned long long)a << (b & 63));
		case DT_OP_SHR: return a >> (b & 63);
		case '<': return a < b;
		case '>': return a > b;
		case DT_OP_LE: return a <= b;
		case DT_OP_GE: return a >= b;
		case DT_OP_EQ: return a == b;
		case DT_OP_NE: return a != b;
		case DT_OP_LAND: return a && b;
		case DT_OP_LOR: return a || b;
		}
		break;
	case DT_N_OP3:
		return eval(cc, n->l, what) ? eval(cc, n->r, what) :
					      eval(cc, n->x, what);
	case DT_N_CAST:
		return eval(cc, n->l, what);
	default:
		break;
	}
	dt_error(cc, n->line, strcmp(what, "array dimension") == 0 ?
		 "D_DECL_ARRSUB" : "D_DECL_CONST",
		 "%s must be an integral constant expression", what);
}

long long dt_const_eval(dt_cc_t *cc, dt_node_t *n, const char *what)
{
	return eval(cc, n, what);
}

void dt_inline_define(dt_cc_t *cc, dt_dspec_t *ds, dt_decl_t *d,
		      dt_node_t *e)
{
	dt_node_t *c = dt_node_clone(cc, e);
	const dt_type_t *t;
	dt_ident_t *id;

	d->spec = ds;
	t = dt_decl_type(cc, d);
	if (dt_ident_lookup(cc, DT_SCOPE_GLOBAL, d->name) != NULL ||
	    dt_ident_builtin(d->name) != NULL)
		dt_error(cc, d->line, "D_DECL_IDRED",
			 "identifier redeclared: %s", d->name);
	dt_check(cc, c);
	if (!dt_type_assignable(t, c))
		dt_error(cc, d->line, "D_OP_INCOMPAT",
			 "inline %s definition uses incompatible types: "
			 "\"%s\" = \"%s\"", d->name, dt_type_str(cc, t),
			 dt_type_str(cc, c->type));
	id = dt_zalloc(cc, sizeof(*id));
	id->name = d->name;
	id->kind = DT_ID_INLINE;
	id->scope = DT_SCOPE_GLOBAL;
	id->type = t;
	id->expr = e;
	id->line = d->line;
	dt_vec_push(cc, &cc->idents, id);
}

void dt_translator_define(dt_cc_t *cc, dt_decl_t *out, dt_decl_t *in,
			  const char *argname, dt_node_t *members, int line)
{
	dt_xlator_t *x = dt_zalloc(cc, sizeof(*x));
	dt_node_t *m, *arg;
	unsigned int i;

	x->out = dt_decl_type(cc, out);
	x->in = dt_decl_type(cc, in);
	x->argname = argname;
	x->members = members;
	for (i = 0; i < cc->xlators.n; i++) {
		const dt_xlator_t *o = cc->xlators.v[i];

		if (dt_type_same(o->out, x->out) &&
		    dt_type_same(o->in, x->in))
			dt_error(cc, line, "D_XLATE_REDECL",
				 "translator from %s to %s has already been "
				 "declared", dt_type_str(cc, x->in),
				 dt_type_str(cc, x->out));
	}
	if (!dt_type_issou(x->out) || !dt_type_base(x->out)->complete)
		dt_error(cc, line, "D_XLATE_SOU",
			 "translator output type must be a complete struct "
			 "or union: %s", dt_type_str(cc, x->out));
	/* check each member's expression with the input bound to a
	   value of the input type */
	arg = dt_node_new(cc, DT_N_INT, line);
	arg->type = x->in;
	for (m = members; m != NULL; m = m->next) {
		const dt_member_t *mb = dt_type_member(cc, x->out, m->l->s);
		dt_node_t *c = dt_node_clone(cc, m->r);

		if (mb == NULL)
			dt_error(cc, m->line, "D_XLATE_MEMB",
				 "translator member %s is not a member of %s",
				 m->l->s, dt_type_str(cc, x->out));
		cc->xlate_arg = arg;
		cc->xlate_argname = argname;
		dt_check(cc, c);
		cc->xlate_arg = NULL;
		cc->xlate_argname = NULL;
		if (!dt_type_assignable(mb->type, c))
			dt_error(cc, m->line, "D_XLATE_INCOMPAT",
				 "translator member %s definition uses "
				 "incompatible types: \"%s\" = \"%s\"",
				 m->l->s, dt_type_str(cc, mb->type),
				 dt_type_str(cc, c->type));
	}
	dt_vec_push(cc, &cc->xlators, x);
}
