// SPDX-License-Identifier: GPL-2.0
/*
 * Types as text: dt_type_name() spells a type as D does ("int",
 * "struct foo *", "char [16]", "string"), dt_type_print() prints a value
 * as the print() action does: integers in decimal, pointers in hex,
 * strings quoted, structs member by member with their names, indented.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dt_cc.h"

static void name_into(const dt_type_t *t, char *buf, size_t len,
		      const char *suffix)
{
	char tmp[512];

	switch (t->kind) {
	case DT_TK_PTR:
		snprintf(tmp, sizeof(tmp), "*%s", suffix);
		if (dt_type_base(t->ref)->kind == DT_TK_ARRAY ||
		    dt_type_base(t->ref)->kind == DT_TK_FUNC)
			snprintf(tmp, sizeof(tmp), "(*%s)", suffix);
		name_into(t->ref, buf, len, tmp);
		return;
	case DT_TK_ARRAY:
		snprintf(tmp, sizeof(tmp), "%s[%lu]", suffix, t->nelems);
		name_into(t->ref, buf, len, tmp);
		return;
	case DT_TK_FUNC:
		snprintf(tmp, sizeof(tmp), "%s()", suffix);
		name_into(t->ref, buf, len, tmp);
		return;
	case DT_TK_STRUCT:
	case DT_TK_UNION:
	case DT_TK_ENUM:
		snprintf(buf, len, "%s %s%s%s",
			 t->kind == DT_TK_STRUCT ? "struct" :
			 t->kind == DT_TK_UNION ? "union" : "enum",
			 t->name ? t->name : "<anon>",
			 *suffix ? " " : "", suffix);
		return;
	default:
		snprintf(buf, len, "%s%s%s", t->name ? t->name : "?",
			 *suffix ? " " : "", suffix);
		return;
	}
}

const char *dt_type_name(const struct dt_type *type, char *buf, size_t len)
{
	if (len == 0)
		return buf;
	if (type == NULL) {
		snprintf(buf, len, "<unknown>");
		return buf;
	}
	name_into(type, buf, len, "");
	return buf;
}

static long long load_int(const void *p, unsigned long size, int issigned)
{
	switch (size) {
	case 1: {
		int8_t v;

		memcpy(&v, p, 1);
		return issigned ? (long long)v : (long long)(uint8_t)v;
	}
	case 2: {
		int16_t v;

		memcpy(&v, p, 2);
		return issigned ? (long long)v : (long long)(uint16_t)v;
	}
	case 4: {
		int32_t v;

		memcpy(&v, p, 4);
		return issigned ? (long long)v : (long long)(uint32_t)v;
	}
	default: {
		int64_t v;

		memcpy(&v, p, 8);
		return v;
	}
	}
}

static int print_value(FILE *fp, const dt_type_t *t, const unsigned char *p,
		       size_t avail, int depth);

static int print_sou(FILE *fp, const dt_type_t *t, const unsigned char *p,
		     size_t avail, int depth)
{
	const dt_member_t *m;
	char buf[256];

	fprintf(fp, "%s {\n", dt_type_name(t, buf, sizeof(buf)));
	for (m = dt_type_members(t); m != NULL; m = m->next) {
		unsigned long off = m->off / 8;

		fprintf(fp, "%*s", (depth + 1) * 4, "");
		if (m->name != NULL)
			fprintf(fp, ".%s = ", m->name);
		if (m->bits != 0) {
			unsigned long long w = 0;
			unsigned long sz = dt_type_size(m->type);

			if (off + sz <= avail)
				w = (unsigned long long)load_int(p + off, sz,
								 0);
			w >>= m->off % 8;
			if (m->bits < 64)
				w &= (1ULL << m->bits) - 1;
			fprintf(fp, "%#llx", w);
		} else if (off <= avail) {
			print_value(fp, m->type, p + off, avail - off,
				    depth + 1);
		}
		fprintf(fp, ",\n");
	}
	fprintf(fp, "%*s}", depth * 4, "");
	return 0;
}

static int print_value(FILE *fp, const dt_type_t *t, const unsigned char *p,
		       size_t avail, int depth)
{
	const dt_type_t *b = dt_type_base(t);
	unsigned long i, esz;

	switch (b->kind) {
	case DT_TK_STRING:
		fprintf(fp, "\"%.*s\"", (int)strnlen((const char *)p, avail),
			(const char *)p);
		return 0;
	case DT_TK_INT:
	case DT_TK_ENUM:
		if (b->size > avail)
			return -1;
		if (b->kind == DT_TK_ENUM) {
			long long v = load_int(p, b->size, b->issigned);
			const dt_enumval_t *e;

			for (e = dt_type_evals(b); e != NULL; e = e->next) {
				if (e->value == v) {
					fprintf(fp, "%s", e->name);
					return 0;
				}
			}
			fprintf(fp, "%lld", v);
			return 0;
		}
		if (b->issigned)
			fprintf(fp, "%lld", load_int(p, b->size, 1));
		else
			fprintf(fp, "%llu",
				(unsigned long long)load_int(p, b->size, 0));
		return 0;
	case DT_TK_PTR:
		if (avail < 8)
			return -1;
		fprintf(fp, "%#llx", (unsigned long long)load_int(p, 8, 0));
		return 0;
	case DT_TK_ARRAY:
		esz = dt_type_size(b->ref);
		if (dt_type_ischarseq(b)) {
			fprintf(fp, "\"%.*s\"",
				(int)strnlen((const char *)p,
					     avail < b->size ? avail : b->size),
				(const char *)p);
			return 0;
		}
		fprintf(fp, "[ ");
		for (i = 0; i < b->nelems && esz && (i + 1) * esz <= avail;
		     i++) {
			print_value(fp, b->ref, p + i * esz, avail - i * esz,
				    depth);
			fprintf(fp, i + 1 < b->nelems ? ", " : " ");
		}
		fprintf(fp, "]");
		return 0;
	case DT_TK_STRUCT:
	case DT_TK_UNION:
		return print_sou(fp, b, p, avail, depth);
	default:
		fprintf(fp, "<%lu bytes>", (unsigned long)avail);
		return 0;
	}
}

int dt_type_print(FILE *fp, const struct dt_type *type, const void *data,
		  size_t size)
{
	char buf[256];

	if (type == NULL || data == NULL)
		return -1;
	if (dt_type_isint(type) || dt_type_isptr(type)) {
		fprintf(fp, "%s ", dt_type_name(type, buf, sizeof(buf)));
	}
	return print_value(fp, type, data, size, 0);
}
