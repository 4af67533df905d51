// SPDX-License-Identifier: GPL-2.0
/*
 * The D type system: C's integer, floating, pointer, array, struct, union,
 * enum and function types, D's string, and typedefs.  Types are immutable
 * once built (struct bodies are filled in between dt_sou_begin() and
 * dt_sou_end()), so sharing them between nodes, identifiers and the
 * program description is safe.  Named types (typedefs, built-in names,
 * struct/union/enum tags) live in the compiler's 'types' table.
 *
 * The data model is LP64, as on every target we build: char 1, short 2,
 * int 4, long 8, long long 8, pointers 8.
 *
 * Kernel types (dt_ktype.h) are dt_type_t too, built from BTF or DWARF
 * when a name D does not know is looked up; their members are read
 * through dt_type_members(), never from the struct directly.
 */
#include <string.h>

#include "dt_cc.h"

const dt_type_t dt_type_void_ = { .kind = DT_TK_VOID, .name = "void",
				  .complete = 1 };
const dt_type_t dt_type_string_ = { .kind = DT_TK_STRING, .name = "string",
				    .complete = 1, .align = 1 };

static const dt_type_t *mkint(dt_cc_t *cc, const char *name, int size,
			      int issigned, dt_tkind_t kind)
{
	dt_type_t *t = dt_zalloc(cc, sizeof(*t));

	t->kind = kind;
	t->name = name;
	t->size = size;
	t->align = size > 8 ? 16 : size;
	t->issigned = issigned;
	t->complete = 1;
	dt_vec_push(cc, &cc->types, t);
	return t;
}

static void mktypedef(dt_cc_t *cc, const char *name, const dt_type_t *base)
{
	dt_type_t *t = dt_zalloc(cc, sizeof(*t));

	t->kind = DT_TK_TYPEDEF;
	t->name = name;
	t->ref = base;
	t->size = base->size;
	t->align = base->align;
	t->complete = 1;
	dt_vec_push(cc, &cc->types, t);
}

/* Called once, with cc->arena set to the compiler's permanent arena. */
void dt_type_init(dt_cc_t *cc)
{
	const dt_type_t *c, *uc, *s, *us, *i, *ui, *l, *ul, *ll, *ull;

	c = mkint(cc, "char", 1, 1, DT_TK_INT);
	mkint(cc, "signed char", 1, 1, DT_TK_INT);
	uc = mkint(cc, "unsigned char", 1, 0, DT_TK_INT);
	s = mkint(cc, "short", 2, 1, DT_TK_INT);
	us = mkint(cc, "unsigned short", 2, 0, DT_TK_INT);
	i = mkint(cc, "int", 4, 1, DT_TK_INT);
	ui = mkint(cc, "unsigned int", 4, 0, DT_TK_INT);
	l = mkint(cc, "long", 8, 1, DT_TK_INT);
	ul = mkint(cc, "unsigned long", 8, 0, DT_TK_INT);
	ll = mkint(cc, "long long", 8, 1, DT_TK_INT);
	ull = mkint(cc, "unsigned long long", 8, 0, DT_TK_INT);
	mkint(cc, "float", 4, 1, DT_TK_FLOAT);
	mkint(cc, "double", 8, 1, DT_TK_FLOAT);
	mkint(cc, "long double", 16, 1, DT_TK_FLOAT);
	dt_vec_push(cc, &cc->types, (void *)&dt_type_void_);
	dt_vec_push(cc, &cc->types, (void *)&dt_type_string_);

	cc->t_char = c;
	cc->t_uchar = uc;
	cc->t_int = i;
	cc->t_uint = ui;
	cc->t_long = l;
	cc->t_ulong = ul;
	cc->t_void = &dt_type_void_;
	cc->t_string = &dt_type_string_;
	cc->t_voidp = dt_type_ptr(cc, &dt_type_void_);

	mktypedef(cc, "int8_t", dt_type_lookup(cc, "signed char"));
	mktypedef(cc, "int16_t", s);
	mktypedef(cc, "int32_t", i);
	mktypedef(cc, "int64_t", ll);
	mktypedef(cc, "uint8_t", uc);
	mktypedef(cc, "uint16_t", us);
	mktypedef(cc, "uint32_t", ui);
	mktypedef(cc, "uint64_t", ull);
	mktypedef(cc, "intptr_t", l);
	mktypedef(cc, "uintptr_t", ul);
	mktypedef(cc, "size_t", ul);
	mktypedef(cc, "ssize_t", l);
	mktypedef(cc, "off_t", l);
	mktypedef(cc, "off64_t", ll);
	mktypedef(cc, "ptrdiff_t", l);
	mktypedef(cc, "pid_t", i);
	mktypedef(cc, "id_t", i);
	mktypedef(cc, "uid_t", ui);
	mktypedef(cc, "gid_t", ui);
	mktypedef(cc, "zoneid_t", i);
	mktypedef(cc, "processorid_t", i);
	mktypedef(cc, "psetid_t", i);
	mktypedef(cc, "dev_t", ul);
	mktypedef(cc, "major_t", ui);
	mktypedef(cc, "minor_t", ui);
	mktypedef(cc, "time_t", l);
	mktypedef(cc, "hrtime_t", ll);
	mktypedef(cc, "uchar_t", uc);
	mktypedef(cc, "ushort_t", us);
	mktypedef(cc, "uint_t", ui);
	mktypedef(cc, "ulong_t", ul);
	mktypedef(cc, "longlong_t", ll);
	mktypedef(cc, "u_longlong_t", ull);
	mktypedef(cc, "caddr_t", dt_type_ptr(cc, c));
	mktypedef(cc, "ipaddr_t", ui);
	mktypedef(cc, "boolean_t", i);
	mktypedef(cc, "_Bool", uc);
	cc->t_u64 = dt_type_lookup(cc, "uint64_t");
	cc->t_i64 = dt_type_lookup(cc, "int64_t");
}

const dt_type_t *dt_type_base(const dt_type_t *t)
{
	while (t != NULL && t->kind == DT_TK_TYPEDEF)
		t = t->ref;
	return t;
}

static int is_tag(const dt_type_t *t)
{
	return t->kind == DT_TK_STRUCT || t->kind == DT_TK_UNION ||
	       t->kind == DT_TK_ENUM;
}

const dt_type_t *dt_type_lookup(dt_cc_t *cc, const char *name)
{
	unsigned int i;

	for (i = cc->types.n; i-- > 0;) {
		const dt_type_t *t = cc->types.v[i];

		if (!is_tag(t) && strcmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

const dt_type_t *dt_type_tag(dt_cc_t *cc, dt_tkind_t kind, const char *tag)
{
	unsigned int i;

	for (i = cc->types.n; i-- > 0;) {
		const dt_type_t *t = cc->types.v[i];

		if (is_tag(t) && t->kind == kind && t->name != NULL &&
		    strcmp(t->name, tag) == 0)
			return t;
	}
	return NULL;
}

const dt_type_t *dt_type_ptr(dt_cc_t *cc, const dt_type_t *ref)
{
	dt_type_t *t = dt_zalloc(cc, sizeof(*t));

	t->kind = DT_TK_PTR;
	t->ref = ref;
	t->size = 8;
	t->align = 8;
	t->complete = 1;
	return t;
}

const dt_type_t *dt_type_array(dt_cc_t *cc, const dt_type_t *ref,
			       unsigned long n)
{
	dt_type_t *t = dt_zalloc(cc, sizeof(*t));

	t->kind = DT_TK_ARRAY;
	t->ref = ref;
	t->nelems = n;
	t->size = n * dt_type_size(ref);
	t->align = dt_type_base(ref)->align;
	t->complete = 1;
	return t;
}

int dt_type_isint(const dt_type_t *t)
{
	t = dt_type_base(t);
	return t->kind == DT_TK_INT || t->kind == DT_TK_ENUM;
}

int dt_type_isptr(const dt_type_t *t)
{
	return dt_type_base(t)->kind == DT_TK_PTR;
}

int dt_type_isarith(const dt_type_t *t)
{
	return dt_type_isint(t) || dt_type_base(t)->kind == DT_TK_FLOAT;
}

int dt_type_isscalar(const dt_type_t *t)
{
	return dt_type_isarith(t) || dt_type_isptr(t);
}

int dt_type_isstring(const dt_type_t *t)
{
	return dt_type_base(t)->kind == DT_TK_STRING;
}

int dt_type_isvoid(const dt_type_t *t)
{
	return dt_type_base(t)->kind == DT_TK_VOID;
}

int dt_type_issou(const dt_type_t *t)
{
	t = dt_type_base(t);
	return t->kind == DT_TK_STRUCT || t->kind == DT_TK_UNION;
}

int dt_type_isbyref(const dt_type_t *t)
{
	t = dt_type_base(t);
	return t->kind == DT_TK_STRING || t->kind == DT_TK_ARRAY ||
	       dt_type_issou(t);
}

int dt_type_ischarseq(const dt_type_t *t)
{
	t = dt_type_base(t);
	if (t->kind != DT_TK_PTR && t->kind != DT_TK_ARRAY)
		return 0;
	t = dt_type_base(t->ref);
	return t->kind == DT_TK_INT && t->size == 1;
}

int dt_type_issigned(const dt_type_t *t)
{
	t = dt_type_base(t);
	if (t->kind == DT_TK_ENUM)
		return 1;
	return t->kind == DT_TK_INT && t->issigned;
}

unsigned long dt_type_size(const dt_type_t *t)
{
	return dt_type_base(t)->size;
}

int dt_type_same(const dt_type_t *a, const dt_type_t *b)
{
	a = dt_type_base(a);
	b = dt_type_base(b);
	if (a == b)
		return 1;
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case DT_TK_INT:
	case DT_TK_FLOAT:
		return a->size == b->size && a->issigned == b->issigned;
	case DT_TK_PTR:
		return dt_type_same(a->ref, b->ref);
	case DT_TK_ARRAY:
		return a->nelems == b->nelems && dt_type_same(a->ref, b->ref);
	case DT_TK_VOID:
	case DT_TK_STRING:
		return 1;
	case DT_TK_STRUCT:
	case DT_TK_UNION:
	case DT_TK_ENUM:
		return a->name != NULL && b->name != NULL &&
		       strcmp(a->name, b->name) == 0;
	default:
		return 0;
	}
}

const dt_member_t *dt_type_members(const dt_type_t *sou)
{
	sou = dt_type_base(sou);
	if (sou->lazy)
		dt_ktype_fill(sou);
	return sou->members;
}

const dt_enumval_t *dt_type_evals(const dt_type_t *e)
{
	e = dt_type_base(e);
	if (e->lazy)
		dt_ktype_fill(e);
	return e->evals;
}

/*
 * The members of anonymous struct and union members are members too,
 * at their offset in the anonymous one plus its own: such a member is
 * returned as a copy whose offset is from the start of 'sou'.
 */
const dt_member_t *dt_type_member(dt_cc_t *cc, const dt_type_t *sou,
				  const char *name)
{
	const dt_member_t *m;

	for (m = dt_type_members(sou); m != NULL; m = m->next) {
		const dt_member_t *inner;
		dt_member_t *copy;

		if (m->name != NULL && strcmp(m->name, name) == 0)
			return m;
		if (m->name != NULL || !dt_type_issou(m->type) ||
		    (inner = dt_type_member(cc, m->type, name)) == NULL)
			continue;
		if (m->off == 0)
			return inner;
		copy = dt_zalloc(cc, sizeof(*copy));
		*copy = *inner;
		copy->off += m->off;
		copy->next = NULL;
		return copy;
	}
	return NULL;
}

/*
 * DTrace's search order for a type name: D's own tables (the C and D
 * namespaces, which "C`name" and "D`name" name explicitly), then the
 * kernel's modules (dt_ktype.h).
 */
const dt_type_t *dt_type_byname(dt_cc_t *cc, const char *name, int line)
{
	const char *bq = strchr(name, '`');
	const dt_type_t *t;

	if (bq == NULL && (t = dt_type_lookup(cc, name)) != NULL)
		return t;
	if (bq != NULL && bq - name == 1 && (name[0] == 'C' || name[0] == 'D'))
		return dt_type_lookup(cc, bq + 1);
	return dt_ktype_lookup(cc, DT_TK_TYPEDEF, name, line);
}

dif_type_t dt_type_dif(dt_cc_t *cc, const dt_type_t *t)
{
	dif_type_t d = { 0 };

	t = dt_type_base(t);
	switch (t->kind) {
	case DT_TK_STRING:
		d.kind = DIF_TYPE_STRING;
		d.flags = DIF_TF_BYREF;
		d.size = cc->opts.strsize;
		break;
	case DT_TK_INT:
	case DT_TK_ENUM:
		d.ckind = dt_type_issigned(t) ? DIF_CKIND_INT :
						DIF_CKIND_UINT;
		d.size = t->size;
		break;
	case DT_TK_FLOAT:
		d.ckind = DIF_CKIND_FLOAT;
		d.size = t->size;
		break;
	case DT_TK_PTR:
	case DT_TK_FUNC:
		d.ckind = DIF_CKIND_PTR;
		d.size = 8;
		break;
	case DT_TK_ARRAY:
		d.ckind = DIF_CKIND_ARRAY;
		d.flags = DIF_TF_BYREF;
		d.size = t->size;
		break;
	case DT_TK_STRUCT:
	case DT_TK_UNION:
		d.ckind = DIF_CKIND_STRUCT;
		d.flags = DIF_TF_BYREF;
		d.size = t->size;
		break;
	default:
		d.ckind = DIF_CKIND_VOID;
		break;
	}
	return d;
}

const char *dt_type_str(dt_cc_t *cc, const dt_type_t *t)
{
	char buf[512];

	return dt_strdup(cc, dt_type_name(t, buf, sizeof(buf)));
}
