// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel types from BTF, read with libbpf: /sys/kernel/btf/vmlinux, a
 * loaded module's /sys/kernel/btf/<module> (split BTF: its type ids
 * continue vmlinux's, and its types refer to vmlinux's by id), or a file
 * named with -x ktypes (raw BTF, or an ELF object's .BTF section).
 *
 * Opening parses the BTF and indexes the names of its structs, unions,
 * enums, typedefs, integers, floats and variables.  Functions (over
 * 50,000 in vmlinux) are not indexed: a symbol's prototype is looked up
 * by name the rare times a script names a kernel function.  A type is
 * converted when it is asked for (dt_ktype.h); the ids a split BTF shares
 * with its base are converted by the base's source, so that a struct of
 * vmlinux is one dt_type_t whichever module's type leads to it.
 *
 * What BTF does not say: the kernel's BTF describes only per-CPU
 * variables (pahole encodes no other globals), so most symbols have no
 * type here; dt_ksym.c says what happens then.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "dt_ktype.h"

typedef struct dt_btf {
	struct btf	*btf;
	unsigned int	start;		/* the first id of this source */
} dt_btf_t;

static struct btf *btf_of(const dt_ksrc_t *src)
{
	return ((const dt_btf_t *)src->priv)->btf;
}

/* libbpf warns on stderr by default; failures are reported our way. */
static int btf_quiet(enum libbpf_print_level level, const char *fmt,
		     va_list ap)
{
	return 0;
}

static int btf_index(dt_ksrc_t *src, const dt_btf_t *b)
{
	unsigned int id, n = btf__type_cnt(b->btf);

	for (id = b->start; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(b->btf, id);
		const char *name = btf__name_by_offset(b->btf, t->name_off);
		int kn;

		if (name == NULL || name[0] == '\0')
			continue;
		switch (btf_kind(t)) {
		case BTF_KIND_STRUCT:
			kn = DT_KN_STRUCT;
			break;
		case BTF_KIND_UNION:
			kn = DT_KN_UNION;
			break;
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			kn = DT_KN_ENUM;
			break;
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
			kn = DT_KN_TYPE;
			break;
		case BTF_KIND_VAR:
			kn = DT_KN_VAR;
			break;
		default:
			continue;
		}
		if (dt_kindex_add(src, kn, name, id) != 0)
			return -1;
	}
	return 0;
}

static int btf_open(dt_ksrc_t *src)
{
	dt_btf_t *b = dt_arena_zalloc(src->arena, sizeof(*b));
	libbpf_print_fn_t old;

	if (b == NULL) {
		dt_ksrc_fail(src, "out of memory reading %s", src->path);
		return -1;
	}
	old = libbpf_set_print(btf_quiet);
	if (src->base != NULL) {
		b->btf = btf__parse_split(src->path, btf_of(src->base));
		b->start = btf__type_cnt(btf_of(src->base));
	} else {
		b->btf = btf__parse(src->path, NULL);
		b->start = 1;
	}
	libbpf_set_print(old);
	if (b->btf == NULL) {
		dt_ksrc_fail(src, "cannot read BTF from %s: %s", src->path,
			     strerror(errno));
		return -1;
	}
	src->priv = b;
	if (btf_index(src, b) != 0) {
		btf__free(b->btf);
		src->priv = NULL;
		return -1;
	}
	return 0;
}

static void btf_close(dt_ksrc_t *src)
{
	if (src->priv != NULL)
		btf__free(btf_of(src));
	src->priv = NULL;
}

static const dt_type_t *btf_type(dt_ksrc_t *src, unsigned long id);

/* A forward declaration: the definition of that name here, if any. */
static const dt_type_t *btf_fwd(dt_ksrc_t *src, const struct btf_type *bt,
				const char *name)
{
	dt_tkind_t kind = btf_kflag(bt) ? DT_TK_UNION : DT_TK_STRUCT;
	unsigned long def;
	dt_type_t *t;

	if (dt_kindex_find(src, kind == DT_TK_UNION ? DT_KN_UNION :
			   DT_KN_STRUCT, name, &def))
		return btf_type(src, def);
	t = dt_ktype_new(src, kind, name);
	if (t != NULL)
		t->complete = 0;
	return t;
}

static const dt_type_t *btf_convert(dt_ksrc_t *src, unsigned long id)
{
	struct btf *btf = btf_of(src);
	const struct btf_type *bt = btf__type_by_id(btf, id);
	const char *name;
	const dt_type_t *ref;
	dt_type_t *t;
	int align;

	if (bt == NULL)
		return dt_ksrc_fail(src, "%s has no type %lu", src->path, id);
	name = btf__name_by_offset(btf, bt->name_off);
	switch (btf_kind(bt)) {
	case BTF_KIND_INT: {
		unsigned int enc = btf_int_encoding(bt);

		return dt_ktype_int(src, name, bt->size,
				    (enc & BTF_INT_SIGNED) != 0,
				    (enc & BTF_INT_CHAR) != 0 ||
				    strcmp(name, "char") == 0,
				    (enc & BTF_INT_BOOL) != 0);
	}
	case BTF_KIND_FLOAT:
		return dt_ktype_float(src, name, bt->size);
	case BTF_KIND_PTR:
		ref = btf_type(src, bt->type);
		return ref != NULL ? dt_ktype_ptr(src, ref) : NULL;
	case BTF_KIND_ARRAY:
		ref = btf_type(src, btf_array(bt)->type);
		return ref != NULL ? dt_ktype_array(src, ref,
						    btf_array(bt)->nelems) :
				     NULL;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		t = dt_ktype_shell(src, btf_is_struct(bt) ? DT_TK_STRUCT :
				   btf_is_union(bt) ? DT_TK_UNION :
				   DT_TK_ENUM, name, bt->size, id);
		if (t == NULL)
			return NULL;
		align = btf__align_of(btf, id);
		t->align = align > 0 ? (unsigned int)align : 1;
		if (btf_is_any_enum(bt))
			t->issigned = btf_kflag(bt);
		return t;
	case BTF_KIND_FWD:
		return btf_fwd(src, bt, name);
	case BTF_KIND_TYPEDEF:
		ref = btf_type(src, bt->type);
		return ref != NULL ? dt_ktype_typedef(src, name, ref) : NULL;
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_FUNC:		/* a function is its prototype */
		return btf_type(src, bt->type);
	case BTF_KIND_FUNC_PROTO:
		ref = btf_type(src, bt->type);
		if (ref == NULL || (t = dt_ktype_new(src, DT_TK_FUNC, NULL)) ==
		    NULL)
			return NULL;
		t->ref = ref;
		return t;
	default:
		return dt_ksrc_fail(src, "%s: BTF id %lu (kind %u) is not a "
				    "type", src->path, id, btf_kind(bt));
	}
}

static const dt_type_t *btf_type(dt_ksrc_t *src, unsigned long id)
{
	const dt_btf_t *b = src->priv;
	const dt_type_t *t;

	if (id == 0)
		return &dt_type_void_;
	if (id < b->start)		/* split BTF: the base's type */
		return src->base->ops->type(src->base, id);
	if ((t = dt_kcache_get(src, id)) != NULL)
		return t;
	return dt_kcache_put(src, id, btf_convert(src, id));
}

/* Skip typedefs and qualifiers: the type a member's bits are of. */
static const struct btf_type *btf_resolved(struct btf *btf, unsigned int id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t != NULL && (btf_is_typedef(t) || btf_is_mod(t)))
		t = btf__type_by_id(btf, t->type);
	return t;
}

static void btf_fill_sou(dt_ksrc_t *src, dt_type_t *t,
			 const struct btf_type *bt)
{
	struct btf *btf = btf_of(src);
	const struct btf_member *m = btf_members(bt);
	dt_member_t **tail = &t->members;
	int i, n = btf_vlen(bt);

	for (i = 0; i < n; i++, m++) {
		const dt_type_t *mt = btf_type(src, m->type);
		unsigned long off = btf_member_bit_offset(bt, i);
		unsigned int bits = btf_member_bitfield_size(bt, i);
		const struct btf_type *it = btf_resolved(btf, m->type);

		if (mt == NULL)
			return;
		/* without kflag a bit-field is an int of fewer bits */
		if (!btf_kflag(bt) && it != NULL && btf_is_int(it) &&
		    btf_int_bits(it) != it->size * 8) {
			bits = btf_int_bits(it);
			off += btf_int_offset(it);
		}
		if (dt_ktype_member(src, &tail,
				    btf__name_by_offset(btf, m->name_off), mt,
				    off, bits) != 0)
			return;
	}
}

static void btf_fill_enum(dt_ksrc_t *src, dt_type_t *t,
			  const struct btf_type *bt)
{
	struct btf *btf = btf_of(src);
	dt_enumval_t **tail = &t->evals;
	int i, n = btf_vlen(bt), sign = btf_kflag(bt);

	for (i = 0; i < n; i++) {
		const char *name;
		long long v;

		if (btf_is_enum(bt)) {
			const struct btf_enum *e = btf_enum(bt) + i;

			name = btf__name_by_offset(btf, e->name_off);
			v = sign ? (long long)e->val :
				   (long long)(unsigned int)e->val;
		} else {
			const struct btf_enum64 *e = btf_enum64(bt) + i;

			name = btf__name_by_offset(btf, e->name_off);
			v = (long long)btf_enum64_value(e);
		}
		if (dt_ktype_enumval(src, &tail, name, v) != 0)
			return;
	}
}

static void btf_fill(dt_ksrc_t *src, dt_type_t *t)
{
	const struct btf_type *bt = btf__type_by_id(btf_of(src), t->kid);

	t->lazy = 0;
	if (bt == NULL)
		return;
	if (btf_is_composite(bt))
		btf_fill_sou(src, t, bt);
	else
		btf_fill_enum(src, t, bt);
}

static const dt_type_t *btf_symbol(dt_ksrc_t *src, const char *name)
{
	struct btf *btf = btf_of(src);
	unsigned long id;
	int fn;

	if (dt_kindex_find(src, DT_KN_VAR, name, &id))
		return btf_type(src, btf__type_by_id(btf, id)->type);
	fn = btf__find_by_name_kind(btf, name, BTF_KIND_FUNC);
	return fn > 0 ? btf_type(src, fn) : NULL;
}

const dt_ksrc_ops_t dt_btf_ops = {
	.format		= "BTF",
	.open		= btf_open,
	.type		= btf_type,
	.fill		= btf_fill,
	.symbol		= btf_symbol,
	.close		= btf_close,
};
