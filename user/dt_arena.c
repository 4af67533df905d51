// SPDX-License-Identifier: GPL-2.0
/*
 * The compiler's memory: one arena per compile (see dt_cc.h for why), the
 * pointer vectors of its global tables, AST node helpers, and dt_error(),
 * the one way out of a failing compile.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_cc.h"

#define DT_CHUNK	(64 * 1024)

struct dt_arena {
	struct dt_chunk	*chunks;
};

struct dt_chunk {
	struct dt_chunk	*next;
	size_t		used, size;
	max_align_t	data[];
};

dt_arena_t *dt_arena_create(void)
{
	return calloc(1, sizeof(dt_arena_t));
}

void dt_arena_destroy(dt_arena_t *a)
{
	struct dt_chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *dt_arena_zalloc(dt_arena_t *a, size_t size)
{
	struct dt_chunk *c = a->chunks;
	size_t need = (size + 15) & ~(size_t)15;
	void *p;

	if (c == NULL || c->used + need > c->size) {
		size_t sz = need > DT_CHUNK ? need : DT_CHUNK;

		c = malloc(sizeof(*c) + sz);
		if (c == NULL)
			return NULL;
		c->size = sz;
		c->used = 0;
		c->next = a->chunks;
		a->chunks = c;
	}
	p = (char *)c->data + c->used;
	c->used += need;
	memset(p, 0, size);
	return p;
}

void *dt_zalloc(dt_cc_t *cc, size_t size)
{
	void *p = dt_arena_zalloc(cc->arena, size);

	if (p == NULL)
		dt_error(cc, 0, "D_NOMEM", "out of memory");
	return p;
}

char *dt_strdup(dt_cc_t *cc, const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(dt_zalloc(cc, n), s, n);
}

char *dt_sprintf(dt_cc_t *cc, const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p = dt_zalloc(cc, n + 1);
	va_start(ap, fmt);
	vsnprintf(p, n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void dt_vec_push(dt_cc_t *cc, dt_vec_t *vec, void *p)
{
	if (vec->n == vec->cap) {
		unsigned int cap = vec->cap ? vec->cap * 2 : 16;
		void **v = realloc(vec->v, cap * sizeof(void *));

		if (v == NULL)
			dt_error(cc, 0, "D_NOMEM", "out of memory");
		vec->v = v;
		vec->cap = cap;
	}
	vec->v[vec->n++] = p;
}

void dt_vec_free(dt_vec_t *vec)
{
	free(vec->v);
	memset(vec, 0, sizeof(*vec));
}

void dt_error(dt_cc_t *cc, int line, const char *tag, const char *fmt, ...)
{
	dt_compile_error_t *err = cc->err;
	va_list ap;

	snprintf(err->tag, sizeof(err->tag), "%s", tag);
	snprintf(err->file, sizeof(err->file), "%s",
		 cc->srcname ? cc->srcname : "");
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	longjmp(cc->jmp, 1);
}

dt_node_t *dt_node_new(dt_cc_t *cc, dt_nkind_t kind, int line)
{
	dt_node_t *n = dt_zalloc(cc, sizeof(*n));

	n->kind = kind;
	n->line = line;
	return n;
}

dt_node_t *dt_node_op1(dt_cc_t *cc, int op, dt_node_t *l)
{
	dt_node_t *n = dt_node_new(cc, DT_N_OP1, l->line);

	n->op = op;
	n->l = l;
	return n;
}

dt_node_t *dt_node_op2(dt_cc_t *cc, int op, dt_node_t *l, dt_node_t *r)
{
	dt_node_t *n = dt_node_new(cc, DT_N_OP2, l->line);

	n->op = op;
	n->l = l;
	n->r = r;
	return n;
}

dt_node_t *dt_node_append(dt_node_t *list, dt_node_t *n)
{
	dt_node_t *p;

	if (list == NULL)
		return n;
	for (p = list; p->next != NULL; p = p->next)
		;
	p->next = n;
	return list;
}

unsigned int dt_node_count(const dt_node_t *list)
{
	unsigned int n = 0;

	for (; list != NULL; list = list->next)
		n++;
	return n;
}

/* A fresh copy of an unchecked tree (inlines and translators reuse it). */
dt_node_t *dt_node_clone(dt_cc_t *cc, const dt_node_t *n)
{
	dt_node_t *c, *a, *args = NULL;

	if (n == NULL)
		return NULL;
	c = dt_zalloc(cc, sizeof(*c));
	*c = *n;
	c->l = dt_node_clone(cc, n->l);
	c->r = dt_node_clone(cc, n->r);
	c->x = dt_node_clone(cc, n->x);
	for (a = n->args; a != NULL; a = a->next)
		args = dt_node_append(args, dt_node_clone(cc, a));
	c->args = args;
	c->next = NULL;
	return c;
}

const char *dt_op_name(int op)
{
	static const char *const names[] = {
		[DT_OP_PTR - 256] = "->", [DT_OP_INC - 256] = "++",
		[DT_OP_DEC - 256] = "--", [DT_OP_POSTINC - 256] = "++",
		[DT_OP_POSTDEC - 256] = "--", [DT_OP_SHL - 256] = "<<",
		[DT_OP_SHR - 256] = ">>", [DT_OP_LE - 256] = "<=",
		[DT_OP_GE - 256] = ">=", [DT_OP_EQ - 256] = "==",
		[DT_OP_NE - 256] = "!=", [DT_OP_LAND - 256] = "&&",
		[DT_OP_LOR - 256] = "||", [DT_OP_LXOR - 256] = "^^",
		[DT_OP_ADDR - 256] = "&", [DT_OP_DEREF - 256] = "*",
		[DT_OP_NEG - 256] = "-", [DT_OP_PLUS - 256] = "+",
		[DT_OP_SIZEOF - 256] = "sizeof",
		[DT_OP_STRINGOF - 256] = "stringof",
		[DT_OP_ASSIGN - 256] = "=", [DT_OP_ADD_ASSIGN - 256] = "+=",
		[DT_OP_SUB_ASSIGN - 256] = "-=",
		[DT_OP_MUL_ASSIGN - 256] = "*=",
		[DT_OP_DIV_ASSIGN - 256] = "/=",
		[DT_OP_MOD_ASSIGN - 256] = "%=",
		[DT_OP_AND_ASSIGN - 256] = "&=",
		[DT_OP_OR_ASSIGN - 256] = "|=",
		[DT_OP_XOR_ASSIGN - 256] = "^=",
		[DT_OP_SHL_ASSIGN - 256] = "<<=",
		[DT_OP_SHR_ASSIGN - 256] = ">>=",
	};
	static char one[128][2];

	if (op >= 256 && op - 256 < (int)(sizeof(names) / sizeof(names[0])))
		return names[op - 256];
	if (op > 0 && op < 128) {
		one[op][0] = (char)op;
		return one[op];
	}
	return "?";
}
