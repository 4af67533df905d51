// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's symbols, from /proc/kallsyms: one line a symbol,
 *
 *	ffffffff81234560 T vfs_read
 *	ffffffffc0a52010 t ext4_file_read_iter	[ext4]
 *
 * address, type letter, name and, for a module, the module in brackets.
 * Symbols of the kernel proper belong to "vmlinux", as DTrace for Linux
 * names it; module symbols to their module ("ext4", "dtrace").  Absolute
 * symbols (type a/A: per-CPU offsets, linker constants) are not
 * addresses and are left out, and so is a file whose addresses all read
 * 0: that is what a reader without the right to see them gets
 * (kptr_restrict).
 *
 * kallsyms has no sizes.  A symbol covers the addresses up to the next
 * symbol of its object; the last one of an object covers up to the end
 * of the object when /proc/modules says where a module ends (its address
 * and size), and nothing beyond its own address otherwise.  An address
 * that no symbol covers but that lies between an object's first and last
 * symbols, or inside a module's extent, still names its object.
 *
 * Symbols at one address share it under the name dt_symname_cmp()
 * puts first (global before local, as for ELF files: T before t).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_sym.h"

typedef struct dt_ksym {
	dt_symname_t	sym;		/* the name is in the pool; func: a
					   text symbol */
	unsigned int	obj;		/* index into objs */
} dt_ksym_t;

typedef struct dt_kobj {
	const char	*name;
	uint64_t	lo, hi;		/* lowest and highest symbol */
	uint64_t	end;		/* from /proc/modules, or 0 */
} dt_kobj_t;

typedef struct dt_pool {
	char		*buf;
	size_t		used;
	struct dt_pool	*next;
} dt_pool_t;

struct dt_ksyms {
	dt_ksym_t	*syms;
	size_t		nsyms, cap;
	dt_kobj_t	*objs;
	unsigned int	nobjs;
	dt_pool_t	*pool;
};

#define DT_POOL_CHUNK	(256 * 1024)

/* Copy a string into the pool; chunks never move, so names stay put. */
static const char *pool_add(dt_ksyms_t *ks, const char *s)
{
	size_t len = strlen(s) + 1;
	dt_pool_t *p = ks->pool;

	if (p == NULL || p->used + len > DT_POOL_CHUNK) {
		p = malloc(sizeof(*p));
		if (p == NULL)
			return NULL;
		p->buf = malloc(len > DT_POOL_CHUNK ? len : DT_POOL_CHUNK);
		if (p->buf == NULL) {
			free(p);
			return NULL;
		}
		p->used = 0;
		p->next = ks->pool;
		ks->pool = p;
	}
	memcpy(p->buf + p->used, s, len);
	p->used += len;
	return p->buf + p->used - len;
}

static int obj_index(dt_ksyms_t *ks, const char *name, unsigned int *idx)
{
	unsigned int i;
	dt_kobj_t *v;

	for (i = ks->nobjs; i-- > 0;) {
		if (strcmp(ks->objs[i].name, name) == 0) {
			*idx = i;
			return 0;
		}
	}
	v = realloc(ks->objs, (ks->nobjs + 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	ks->objs = v;
	v[ks->nobjs] = (dt_kobj_t){ .name = pool_add(ks, name),
				    .lo = UINT64_MAX };
	if (v[ks->nobjs].name == NULL)
		return -1;
	*idx = ks->nobjs++;
	return 0;
}

/* One line of kallsyms; 1 when it was kept, 0 when skipped, -1: memory. */
static int add_line(dt_ksyms_t *ks, const char *line)
{
	char type, name[512], mod[128] = "vmlinux";
	unsigned long long addr;
	unsigned int obj;
	dt_ksym_t *s;
	int n;

	n = sscanf(line, "%llx %c %511s [%127[^]]]", &addr, &type, name,
		   mod);
	if (n < 3 || addr == 0 || type == 'a' || type == 'A' ||
	    type == 'U' || type == 'u')
		return 0;
	if (obj_index(ks, mod, &obj) != 0)
		return -1;
	if (ks->nsyms == ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 4096;
		dt_ksym_t *v = realloc(ks->syms, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		ks->syms = v;
		ks->cap = cap;
	}
	s = &ks->syms[ks->nsyms];
	s->sym.addr = addr;
	s->sym.name = pool_add(ks, name);
	s->sym.func = type == 't' || type == 'T' || type == 'w' || type == 'W';
	s->sym.bind = type >= 'A' && type <= 'Z' ?
		      (type == 'W' || type == 'V' ? 1 : 0) : 2;
	s->obj = obj;
	if (s->sym.name == NULL)
		return -1;
	ks->nsyms++;
	if (addr < ks->objs[obj].lo)
		ks->objs[obj].lo = addr;
	if (addr > ks->objs[obj].hi)
		ks->objs[obj].hi = addr;
	return 1;
}

/* /proc/modules: "ext4 1085440 1 - Live 0xffffffffc0a52000". */
static void read_modules(dt_ksyms_t *ks, const char *path)
{
	char line[1024], name[128];
	unsigned long long size, base;
	unsigned int i;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return;		/* without extents, only symbols bound */
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%127s %llu %*s %*s %*s %llx", name, &size,
			   &base) != 3 || base == 0)
			continue;
		for (i = 0; i < ks->nobjs; i++) {
			if (strcmp(ks->objs[i].name, name) == 0)
				ks->objs[i].end = base + size;
		}
	}
	fclose(f);
}

dt_ksyms_t *dt_ksyms_read(const char *kallsyms, const char *modules,
			  char *err, size_t errlen)
{
	char line[1024];
	dt_ksyms_t *ks;
	size_t i, n = 0;
	int rc = 0;
	FILE *f;

	f = fopen(kallsyms, "r");
	if (f == NULL) {
		snprintf(err, errlen, "cannot read kernel symbols from %s: %s",
			 kallsyms, strerror(errno));
		return NULL;
	}
	ks = calloc(1, sizeof(*ks));
	while (ks != NULL && rc >= 0 && fgets(line, sizeof(line), f) != NULL)
		rc = add_line(ks, line);
	fclose(f);
	if (ks == NULL || rc < 0) {
		dt_ksyms_free(ks);
		snprintf(err, errlen, "out of memory reading %s", kallsyms);
		return NULL;
	}
	if (ks->nsyms == 0) {
		dt_ksyms_free(ks);
		snprintf(err, errlen, "%s shows no kernel addresses (reading "
			 "them needs root, or kernel.kptr_restrict=0)",
			 kallsyms);
		return NULL;
	}
	qsort(ks->syms, ks->nsyms, sizeof(*ks->syms), dt_symname_cmp);
	for (i = 0; i < ks->nsyms; i++) {	/* one name an address */
		const dt_ksym_t *last = n > 0 ? &ks->syms[n - 1] : NULL;

		if (last != NULL && last->sym.addr == ks->syms[i].sym.addr &&
		    last->obj == ks->syms[i].obj)
			continue;
		ks->syms[n++] = ks->syms[i];
	}
	ks->nsyms = n;
	if (modules != NULL)
		read_modules(ks, modules);
	return ks;
}

void dt_ksyms_free(dt_ksyms_t *ks)
{
	dt_pool_t *p, *next;

	if (ks == NULL)
		return;
	for (p = ks->pool; p != NULL; p = next) {
		next = p->next;
		free(p->buf);
		free(p);
	}
	free(ks->syms);
	free(ks->objs);
	free(ks);
}

/* The object whose extent holds addr, or NULL. */
static const dt_kobj_t *obj_at(const dt_ksyms_t *ks, uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < ks->nobjs; i++) {
		const dt_kobj_t *o = &ks->objs[i];

		if ((addr >= o->lo && addr <= o->hi) ||
		    (o->end != 0 && addr >= o->lo && addr < o->end))
			return o;
	}
	return NULL;
}

int dt_ksyms_lookup(const dt_ksyms_t *ks, uint64_t addr, dt_symbol_t *sym)
{
	size_t lo = dt_symname_upto(ks->syms, ks->nsyms, sizeof(*ks->syms),
				    addr);
	const dt_ksym_t *s, *next;
	const dt_kobj_t *o;

	memset(sym, 0, sizeof(*sym));
	if (lo > 0) {
		s = &ks->syms[lo - 1];
		next = lo < ks->nsyms ? &ks->syms[lo] : NULL;
		o = &ks->objs[s->obj];
		if (addr == s->sym.addr ||
		    (next != NULL && next->obj == s->obj) ||
		    (o->end != 0 && addr < o->end)) {
			sym->object = o->name;
			sym->name = s->sym.name;
			sym->value = s->sym.addr;
			sym->base = o->lo;
			return DT_SYM_FOUND;
		}
	}
	o = obj_at(ks, addr);
	if (o == NULL)
		return DT_SYM_NONE;
	sym->object = o->name;
	sym->base = o->lo;
	return DT_SYM_OBJECT;
}
