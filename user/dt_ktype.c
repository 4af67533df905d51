// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's type namespace (dt_ktype.h says what it is): finding the
 * sources of a running kernel or of a file named with -x ktypes, the
 * search order of DTrace, the name index and conversion cache that BTF
 * and DWARF share, the builders they convert with, and C type strings
 * ("struct file *") as providers give argument types.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>

#include "dt_ktype.h"

#define DT_SYSFS_BTF	"/sys/kernel/btf"
#define DT_DEBUG_VMLINUX "/usr/lib/debug/boot/vmlinux-%s"

/* ---- the map: (kind, name) -> id for names, id -> type for types ---- */

/* FNV-1a, then a multiply whose high bits pick the slot. */
static size_t kmap_index(const dt_kmap_t *m, const char *name,
			 unsigned long key)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ key;

	for (; name != NULL && *name; name++)
		h = (h ^ (unsigned char)*name) * 0x100000001b3ULL;
	return (size_t)((h * 0x9e3779b97f4a7c15ULL) >> 32) & (m->cap - 1);
}

static dt_kent_t *kmap_slot(const dt_kmap_t *m, const char *name,
			    unsigned long key)
{
	size_t i = kmap_index(m, name, key);

	for (;; i = (i + 1) & (m->cap - 1)) {
		dt_kent_t *e = &m->v[i];

		if (!e->used || (e->key == key &&
				 (name == NULL ? e->name == NULL :
				  e->name != NULL && strcmp(e->name, name) == 0)))
			return e;
	}
}

/* 0, or -1 when out of memory.  An existing key keeps its value. */
static int kmap_put(dt_kmap_t **mp, const char *name, unsigned long key,
		    uintptr_t val)
{
	dt_kmap_t *m = *mp;
	dt_kent_t *e;

	if (m == NULL && (m = *mp = calloc(1, sizeof(*m))) == NULL)
		return -1;
	if ((m->n + 1) * 2 > m->cap) {
		dt_kmap_t grown = { NULL, 0, m->cap ? m->cap * 2 : 4096 };
		size_t i;

		grown.v = calloc(grown.cap, sizeof(dt_kent_t));
		if (grown.v == NULL)
			return -1;
		for (i = 0; i < m->cap; i++)
			if (m->v[i].used)
				*kmap_slot(&grown, m->v[i].name,
					   m->v[i].key) = m->v[i];
		grown.n = m->n;
		free(m->v);
		*m = grown;
	}
	e = kmap_slot(m, name, key);
	if (e->used)
		return 0;
	e->used = 1;
	e->name = name;
	e->key = key;
	e->val = val;
	m->n++;
	return 0;
}

static const dt_kent_t *kmap_get(const dt_kmap_t *m, const char *name,
				 unsigned long key)
{
	const dt_kent_t *e;

	if (m == NULL)
		return NULL;
	e = kmap_slot(m, name, key);
	return e->used ? e : NULL;
}

static void kmap_free(dt_kmap_t *m)
{
	if (m != NULL)
		free(m->v);
	free(m);
}

/* ---- what sources share -------------------------------------------- */

void *dt_ksrc_fail(dt_ksrc_t *src, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(src->err, sizeof(src->err), fmt, ap);
	va_end(ap);
	return NULL;
}

int dt_kindex_add(dt_ksrc_t *src, dt_kname_t kn, const char *name,
		  unsigned long id)
{
	if (kmap_put(&src->names, name, kn, id) != 0) {
		dt_ksrc_fail(src, "out of memory indexing %s", src->path);
		return -1;
	}
	return 0;
}

int dt_kindex_find(dt_ksrc_t *src, dt_kname_t kn, const char *name,
		   unsigned long *idp)
{
	const dt_kent_t *e = kmap_get(src->names, name, kn);

	if (e == NULL)
		return 0;
	*idp = e->val;
	return 1;
}

const dt_type_t *dt_kcache_get(dt_ksrc_t *src, unsigned long id)
{
	const dt_kent_t *e = kmap_get(src->types, NULL, id);

	return e != NULL ? (const dt_type_t *)e->val : NULL;
}

const dt_type_t *dt_kcache_put(dt_ksrc_t *src, unsigned long id,
			       const dt_type_t *t)
{
	if (t != NULL && kmap_put(&src->types, NULL, id, (uintptr_t)t) != 0)
		return dt_ksrc_fail(src, "out of memory converting types of "
				    "%s", src->path);
	return t;
}

static void *kalloc(dt_ksrc_t *src, size_t size)
{
	void *p = dt_arena_zalloc(src->arena, size);

	if (p == NULL)
		dt_ksrc_fail(src, "out of memory converting types of %s",
			     src->path);
	return p;
}

char *dt_kstrdup(dt_ksrc_t *src, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = kalloc(src, n);

	return p != NULL ? memcpy(p, s, n) : NULL;
}

dt_type_t *dt_ktype_new(dt_ksrc_t *src, dt_tkind_t kind, const char *name)
{
	dt_type_t *t = kalloc(src, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->kind = kind;
	t->complete = 1;
	if (name != NULL && *name != '\0' &&
	    (t->name = dt_kstrdup(src, name)) == NULL)
		return NULL;
	return t;
}

/* A type of D's own tables (the compiler's built-ins). */
static const dt_type_t *builtin(dt_ksrc_t *src, const char *name)
{
	return dt_type_lookup(src->kt->cc, name);
}

const dt_type_t *dt_ktype_int(dt_ksrc_t *src, const char *name,
			      unsigned long size, int issigned, int ischar,
			      int isbool)
{
	int llong = name != NULL && strstr(name, "long long") != NULL;
	dt_type_t *t;

	if (isbool && size == 1)
		return builtin(src, "_Bool");
	switch (size) {
	case 1:
		return builtin(src, ischar ? "char" : issigned ?
			       "signed char" : "unsigned char");
	case 2:
		return builtin(src, issigned ? "short" : "unsigned short");
	case 4:
		return builtin(src, issigned ? "int" : "unsigned int");
	case 8:
		if (llong)
			return builtin(src, issigned ? "long long" :
				       "unsigned long long");
		return builtin(src, issigned ? "long" : "unsigned long");
	}
	t = dt_ktype_new(src, DT_TK_INT, name);	/* __int128 and the like */
	if (t != NULL) {
		t->size = size;
		t->align = size >= 16 ? 16 : (unsigned int)size;
		t->issigned = issigned;
	}
	return t;
}

const dt_type_t *dt_ktype_float(dt_ksrc_t *src, const char *name,
				unsigned long size)
{
	dt_type_t *t;

	switch (size) {
	case 4:
		return builtin(src, "float");
	case 8:
		return builtin(src, "double");
	case 16:
		return builtin(src, "long double");
	}
	t = dt_ktype_new(src, DT_TK_FLOAT, name);
	if (t != NULL) {
		t->size = size;
		t->align = size >= 16 ? 16 : (unsigned int)size;
		t->issigned = 1;
	}
	return t;
}

const dt_type_t *dt_ktype_ptr(dt_ksrc_t *src, const dt_type_t *ref)
{
	dt_type_t *t = dt_ktype_new(src, DT_TK_PTR, NULL);

	if (t != NULL) {
		t->ref = ref;
		t->size = 8;
		t->align = 8;
	}
	return t;
}

const dt_type_t *dt_ktype_array(dt_ksrc_t *src, const dt_type_t *ref,
				unsigned long n)
{
	dt_type_t *t = dt_ktype_new(src, DT_TK_ARRAY, NULL);

	if (t != NULL) {
		t->ref = ref;
		t->nelems = n;
		t->size = n * dt_type_size(ref);
		t->align = dt_type_base(ref)->align;
	}
	return t;
}

const dt_type_t *dt_ktype_typedef(dt_ksrc_t *src, const char *name,
				  const dt_type_t *ref)
{
	dt_type_t *t = dt_ktype_new(src, DT_TK_TYPEDEF, name);

	if (t != NULL) {
		t->ref = ref;
		t->size = dt_type_size(ref);
		t->align = dt_type_base(ref)->align;
		t->complete = dt_type_base(ref)->complete;
	}
	return t;
}

dt_type_t *dt_ktype_shell(dt_ksrc_t *src, dt_tkind_t kind, const char *name,
			  unsigned long size, unsigned long id)
{
	dt_type_t *t = dt_ktype_new(src, kind, name);

	if (t == NULL)
		return NULL;
	t->size = size;
	t->align = 1;
	t->issigned = kind == DT_TK_ENUM;
	t->ksrc = src;
	t->kid = id;
	t->lazy = 1;
	return t;
}

int dt_ktype_member(dt_ksrc_t *src, dt_member_t ***tail, const char *name,
		    const dt_type_t *type, unsigned long off, unsigned int bits)
{
	dt_member_t *m = kalloc(src, sizeof(*m));

	if (m == NULL ||
	    (name != NULL && *name && (m->name = dt_kstrdup(src, name)) ==
	     NULL))
		return -1;
	m->type = type;
	m->off = off;
	m->bits = bits;
	**tail = m;
	*tail = &m->next;
	return 0;
}

int dt_ktype_enumval(dt_ksrc_t *src, dt_enumval_t ***tail,
		     const char *name, long long value)
{
	dt_enumval_t *e = kalloc(src, sizeof(*e));

	if (e == NULL || (e->name = dt_kstrdup(src, name)) == NULL)
		return -1;
	e->value = value;
	**tail = e;
	*tail = &e->next;
	return 0;
}

void dt_ktype_fill(const dt_type_t *t)
{
	if (t->lazy && t->ksrc != NULL)
		t->ksrc->ops->fill(t->ksrc, (dt_type_t *)t);
}

/* ---- sources --------------------------------------------------------- */

static dt_ksrc_t *ksrc_add(dt_ktypes_t *kt, const dt_ksrc_ops_t *ops,
			   const char *module, const char *path)
{
	dt_ksrc_t *src = calloc(1, sizeof(*src)), **tail;

	if (src == NULL)
		return NULL;
	src->ops = ops;
	src->kt = kt;
	src->module = strdup(module);
	src->path = strdup(path);
	src->arena = dt_arena_create();
	if (src->module == NULL || src->path == NULL || src->arena == NULL) {
		free(src->module);
		free(src->path);
		dt_arena_destroy(src->arena);
		free(src);
		return NULL;
	}
	for (tail = &kt->srcs; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = src;
	return src;
}

int dt_ksrc_open(dt_ksrc_t *src)
{
	if (src->state == DT_KS_NEW) {
		if (src->base != NULL && dt_ksrc_open(src->base) != 0) {
			dt_ksrc_fail(src, "%s needs its base %s: %s",
				     src->path, src->base->path,
				     src->base->err);
			src->state = DT_KS_FAILED;
		} else {
			src->state = src->ops->open(src) == 0 ? DT_KS_OPEN :
								 DT_KS_FAILED;
		}
	}
	return src->state == DT_KS_OPEN ? 0 : -1;
}

static dt_ksrc_t *ksrc_find(dt_ktypes_t *kt, const char *mod)
{
	dt_ksrc_t *src;

	for (src = kt->srcs; src != NULL; src = src->next)
		if (!src->hidden && strcmp(src->module, mod) == 0)
			return src;
	return NULL;
}

/* "vmlinux-6.1.0-dbg" is vmlinux; "ext4.ko" and "ext4.ko.debug", ext4. */
static void file_module(const char *path, char *mod, size_t len)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	if (strncmp(base, "vmlinux", 7) == 0)
		snprintf(mod, len, "vmlinux");
	else
		snprintf(mod, len, "%.*s", (int)strcspn(base, "."), base);
}

/* The format of a file named with -x ktypes, from what it holds. */
static const dt_ksrc_ops_t *file_format(const char *path, char *why,
					size_t whylen)
{
	unsigned char magic[4] = { 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC), btf, dwarf;
	ssize_t n;

	if (fd < 0) {
		snprintf(why, whylen, "cannot open %s: %s", path,
			 strerror(errno));
		return NULL;
	}
	n = read(fd, magic, sizeof(magic));
	close(fd);
	if (n >= 2 && magic[0] == 0x9f && magic[1] == 0xeb)
		return &dt_btf_ops;	/* raw BTF, little-endian */
	if (n < 4 || memcmp(magic, "\177ELF", 4) != 0) {
		snprintf(why, whylen, "%s is neither BTF nor an ELF object",
			 path);
		return NULL;
	}
	if (dt_elf_sections(path, &btf, &dwarf, why, whylen) != 0)
		return NULL;
	if (dwarf)		/* DWARF describes every variable; BTF not */
		return &dt_dwarf_ops;
	if (btf)
		return &dt_btf_ops;
	snprintf(why, whylen, "%s has no types: neither .BTF nor .debug_info "
		 "(build it with -g, or use a debug vmlinux or module)", path);
	return NULL;
}

static void add_file(dt_ktypes_t *kt, const char *path)
{
	char mod[64], why[512];
	const dt_ksrc_ops_t *ops = file_format(path, why, sizeof(why));
	dt_ksrc_t *src;

	file_module(path, mod, sizeof(mod));
	src = ksrc_add(kt, ops != NULL ? ops : &dt_btf_ops, mod, path);
	if (src != NULL && ops == NULL) {
		src->state = DT_KS_FAILED;
		snprintf(src->err, sizeof(src->err), "%s", why);
	}
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The loaded modules with BTF, split on vmlinux's, in name order. */
static void add_sysfs_modules(dt_ktypes_t *kt, dt_ksrc_t *base)
{
	DIR *d = opendir(DT_SYSFS_BTF);
	char **names = NULL, path[512];
	size_t n = 0, cap = 0, i;
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "vmlinux") == 0)
			continue;
		if (n == cap) {
			char **v = realloc(names, (cap = cap ? cap * 2 : 64) *
					   sizeof(*v));

			if (v == NULL)
				break;
			names = v;
		}
		if ((names[n] = strdup(de->d_name)) != NULL)
			n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		dt_ksrc_t *src;

		snprintf(path, sizeof(path), DT_SYSFS_BTF "/%s", names[i]);
		src = ksrc_add(kt, &dt_btf_ops, names[i], path);
		if (src != NULL) {
			src->base = base;
			src->hidden = ksrc_find(kt, names[i]) != src;
		}
		free(names[i]);
	}
	free(names);
}

/* The running kernel's sources: its BTF, or Debian's debug vmlinux. */
static void add_kernel(dt_ktypes_t *kt)
{
	int named = ksrc_find(kt, "vmlinux") != NULL;
	struct utsname u;
	char path[256];
	dt_ksrc_t *src;

	if (access(DT_SYSFS_BTF "/vmlinux", R_OK) == 0) {
		src = ksrc_add(kt, &dt_btf_ops, "vmlinux",
			       DT_SYSFS_BTF "/vmlinux");
		if (src == NULL)
			return;
		src->hidden = named;	/* still the base of modules */
		add_sysfs_modules(kt, src);
		return;
	}
	if (named)
		return;
	uname(&u);
	snprintf(path, sizeof(path), DT_DEBUG_VMLINUX, u.release);
	if (access(path, R_OK) == 0) {
		ksrc_add(kt, &dt_dwarf_ops, "vmlinux", path);
		return;
	}
	snprintf(kt->why, sizeof(kt->why), "this kernel has no BTF (no "
		 DT_SYSFS_BTF "/vmlinux) and there is no debug vmlinux at "
		 "%s: install linux-image-%s-dbg, or name a file with types "
		 "with -x ktypes=PATH", path, u.release);
}

dt_ktypes_t *dt_ktypes(dt_cc_t *cc, int line)
{
	dt_ktypes_t *kt = cc->ktypes;

	if (kt == NULL) {
		kt = cc->ktypes = calloc(1, sizeof(*kt));
		if (kt == NULL)
			dt_error(cc, line, "D_NOMEM", "out of memory");
		kt->cc = cc;
	}
	if (!kt->discovered) {
		kt->discovered = 1;
		if (cc->opts.ktypes != NULL)
			add_file(kt, cc->opts.ktypes);
		if (cc->opts.flags & DT_CF_KERNEL)
			add_kernel(kt);
		else if (cc->opts.ktypes == NULL)
			snprintf(kt->why, sizeof(kt->why), "kernel types "
				 "exist only on the kernel host, or with "
				 "-x ktypes=PATH");
	}
	return kt;
}

void dt_ktypes_destroy(dt_cc_t *cc)
{
	dt_ktypes_t *kt = cc->ktypes;
	dt_ksrc_t *src, *next;

	if (kt == NULL)
		return;
	/* modules first: their BTF is split on vmlinux's */
	for (src = kt->srcs; src != NULL; src = src->next)
		if (src->base != NULL && src->state == DT_KS_OPEN)
			src->ops->close(src);
	for (src = kt->srcs; src != NULL; src = next) {
		next = src->next;
		if (src->base == NULL && src->state == DT_KS_OPEN)
			src->ops->close(src);
		kmap_free(src->names);
		kmap_free(src->types);
		dt_arena_destroy(src->arena);
		free(src->module);
		free(src->path);
		free(src);
	}
	free(kt->kallsyms);
	free(kt);
	cc->ktypes = NULL;
}

/* ---- lookups ------------------------------------------------------- */

const char *dt_kscope(dt_cc_t *cc, const char *name, const char **mod)
{
	const char *bq = strchr(name, '`');

	*mod = NULL;
	if (bq == NULL)
		return name;
	if (bq != name)
		*mod = dt_sprintf(cc, "%.*s", (int)(bq - name), name);
	return bq + 1;
}

dt_ksrc_t *dt_ksrc_module(dt_ktypes_t *kt, const char *mod)
{
	dt_ksrc_t *src = ksrc_find(kt, mod);

	if (src == NULL) {
		if (kt->srcs != NULL || kt->why[0] == '\0')
			snprintf(kt->why, sizeof(kt->why), "no module named "
				 "%s has types here", mod);
		return NULL;
	}
	if (dt_ksrc_open(src) != 0) {
		snprintf(kt->why, sizeof(kt->why), "%s", src->err);
		return NULL;
	}
	return src;
}

static int kind_name(dt_tkind_t kind)
{
	switch (kind) {
	case DT_TK_STRUCT:
		return DT_KN_STRUCT;
	case DT_TK_UNION:
		return DT_KN_UNION;
	case DT_TK_ENUM:
		return DT_KN_ENUM;
	default:
		return DT_KN_TYPE;
	}
}

/*
 * The source and id of (kn, name) in the search order, or NULL.  A named
 * file that cannot be read is an error: the user asked for it.
 */
static dt_ksrc_t *find(dt_cc_t *cc, dt_kname_t kn, const char *name,
		       unsigned long *idp, int line)
{
	dt_ktypes_t *kt = dt_ktypes(cc, line);
	const char *mod, *bare = dt_kscope(cc, name, &mod);
	dt_ksrc_t *src;
	int n = 0;

	if (mod != NULL) {
		src = dt_ksrc_module(kt, mod);
		if (src != NULL && dt_kindex_find(src, kn, bare, idp))
			return src;
		return NULL;
	}
	for (src = kt->srcs; src != NULL; src = src->next) {
		if (src->hidden)
			continue;
		if (dt_ksrc_open(src) != 0) {
			if (cc->opts.ktypes != NULL &&
			    strcmp(src->path, cc->opts.ktypes) == 0)
				dt_error(cc, line, "D_TYPE_ERR", "cannot read "
					 "kernel types (-x ktypes=%s): %s",
					 src->path, src->err);
			continue;
		}
		n++;
		if (dt_kindex_find(src, kn, bare, idp))
			return src;
	}
	if (kt->srcs != NULL)
		snprintf(kt->why, sizeof(kt->why), "not in D's types nor in "
			 "the kernel's (%s %s%s, %d module%s searched)",
			 kt->srcs->ops->format, kt->srcs->path,
			 kt->srcs->state == DT_KS_FAILED ? " unreadable" : "",
			 n, n == 1 ? "" : "s");
	return NULL;
}

const dt_type_t *dt_ktype_lookup(dt_cc_t *cc, dt_tkind_t kind,
				 const char *name, int line)
{
	unsigned long id;
	dt_ksrc_t *src = find(cc, kind_name(kind), name, &id, line);
	const dt_type_t *t;

	if (src == NULL)
		return NULL;
	t = src->ops->type(src, id);
	if (t == NULL)
		dt_error(cc, line, "D_TYPE_ERR", "cannot read kernel type %s "
			 "from %s: %s", name, src->path, src->err);
	return t;
}

int dt_ktype_isname(dt_cc_t *cc, const char *name)
{
	unsigned long id;

	if (cc->opts.ktypes == NULL && !(cc->opts.flags & DT_CF_KERNEL))
		return 0;
	return find(cc, DT_KN_TYPE, name, &id, cc->line) != NULL;
}

const char *dt_ktypes_why(dt_cc_t *cc)
{
	return cc->ktypes != NULL ? cc->ktypes->why : "";
}

/* ---- C type strings ------------------------------------------------ */

/* The next word of a type string: an identifier (maybe scoped) or one
   punctuation character; "" at the end. */
static const char *type_word(dt_cc_t *cc, const char **pp)
{
	const char *p = *pp, *start;

	while (isspace((unsigned char)*p))
		p++;
	start = p;
	if (isalnum((unsigned char)*p) || *p == '_' || *p == '`')
		while (isalnum((unsigned char)*p) || *p == '_' || *p == '`')
			p++;
	else if (*p != '\0')
		p++;
	*pp = p;
	return dt_sprintf(cc, "%.*s", (int)(p - start), start);
}

/* C's integer keywords, as D's own type of that spelling. */
static const dt_type_t *int_words(dt_cc_t *cc, const char *words)
{
	int nlong = 0, u = 0, s = 0, shrt = 0, chr = 0, other = 0;
	const char *p = words, *w;

	while (*(w = type_word(cc, &p)) != '\0') {
		if (strcmp(w, "long") == 0)
			nlong++;
		else if (strcmp(w, "unsigned") == 0)
			u = 1;
		else if (strcmp(w, "signed") == 0)
			s = 1;
		else if (strcmp(w, "short") == 0)
			shrt = 1;
		else if (strcmp(w, "char") == 0)
			chr = 1;
		else if (strcmp(w, "int") != 0)
			other = 1;
	}
	if (other)
		return NULL;
	if (chr)
		return dt_type_lookup(cc, u ? "unsigned char" : s ?
				      "signed char" : "char");
	if (shrt)
		return dt_type_lookup(cc, u ? "unsigned short" : "short");
	if (nlong >= 2)
		return dt_type_lookup(cc, u ? "unsigned long long" :
				      "long long");
	if (nlong == 1)
		return dt_type_lookup(cc, u ? "unsigned long" : "long");
	return dt_type_lookup(cc, u ? "unsigned int" : "int");
}

/*
 * "struct file *", "const char *", "vmlinux`struct task_struct *",
 * "unsigned long", "u64", "int [4]": qualifiers are ignored, the base is
 * a tag or a (maybe scoped) type name, then pointers and arrays.
 */
const dt_type_t *dt_ktype_parse(dt_cc_t *cc, const char *str, int line)
{
	const char *p = str, *w, *scope = NULL, *bq;
	const dt_type_t *t = NULL;
	char words[256] = "";
	dt_tkind_t kind = DT_TK_TYPEDEF;

	for (;;) {
		const char *save = p;

		w = type_word(cc, &p);
		if (strcmp(w, "const") == 0 || strcmp(w, "volatile") == 0 ||
		    strcmp(w, "restrict") == 0)
			continue;
		if ((bq = strchr(w, '`')) != NULL && bq[1] != '\0' &&
		    (strcmp(bq + 1, "struct") == 0 ||
		     strcmp(bq + 1, "union") == 0 ||
		     strcmp(bq + 1, "enum") == 0)) {
			scope = dt_sprintf(cc, "%.*s`", (int)(bq - w), w);
			w = bq + 1;
		}
		if (strcmp(w, "struct") == 0 || strcmp(w, "union") == 0 ||
		    strcmp(w, "enum") == 0) {
			kind = w[0] == 's' ? DT_TK_STRUCT : w[0] == 'u' ?
			       DT_TK_UNION : DT_TK_ENUM;
			continue;
		}
		if (!isalnum((unsigned char)w[0]) && w[0] != '_' &&
		    w[0] != '`') {
			p = save;
			break;
		}
		if (kind != DT_TK_TYPEDEF) {
			const char *tag = scope ? dt_sprintf(cc, "%s%s",
							     scope, w) : w;

			t = dt_type_tag(cc, kind, tag);
			if (t == NULL)
				t = dt_ktype_lookup(cc, kind, tag, line);
			if (t == NULL)
				return NULL;
			break;
		}
		snprintf(words + strlen(words), sizeof(words) - strlen(words),
			 "%s%s", words[0] ? " " : "", w);
	}
	if (t == NULL) {
		if (words[0] == '\0')
			return NULL;
		t = int_words(cc, words);
		if (t == NULL && strchr(words, ' ') == NULL)
			t = dt_type_byname(cc, words, line);
		if (t == NULL)
			return NULL;
	}
	for (;;) {
		w = type_word(cc, &p);
		if (strcmp(w, "*") == 0) {
			t = dt_type_ptr(cc, t);
		} else if (strcmp(w, "[") == 0) {
			unsigned long n = strtoul(p, (char **)&p, 0);

			if (strcmp(type_word(cc, &p), "]") != 0)
				return NULL;
			t = dt_type_array(cc, t, n);
		} else if (strcmp(w, "const") == 0 ||
			   strcmp(w, "volatile") == 0 ||
			   strcmp(w, "restrict") == 0) {
			continue;
		} else {
			return w[0] == '\0' ? t : NULL;
		}
	}
}
