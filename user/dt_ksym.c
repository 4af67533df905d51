// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel symbols in D: `name (vmlinux first, then the modules) and
 * mod`name (that module only), and D's extern declarations.
 *
 * ADDRESS.  From /proc/kallsyms, read once per compiler.  Its vmlinux
 * symbols come first and a module's are marked "[module]", so the first
 * line of a name is the one DTrace's search order wants.  Addresses read
 * as zero when the kernel hides them from this process
 * (kernel.kptr_restrict): that is an error that says so.
 *
 * TYPE, the first of:
 *   1. a D extern declaration, DTrace's way of typing a symbol:
 *	'extern unsigned long jiffies;'  (or 'extern T mod`name;')
 *   2. the module's types (dt_ktype.h): BTF, which on Linux describes
 *	functions and per-CPU variables but no other variable (pahole
 *	encodes none), or DWARF, which describes every variable;
 *   3. for a function without a prototype, int (), as DTrace types a
 *	function its CTF does not describe.
 * A variable with none of these is DTrace's D_SYM_NOTYPES error, which
 * names the ways out: an extern declaration, or -x ktypes with a debug
 * vmlinux.  So with Debian's kernels, whose BTF has no 'jiffies',
 *
 *	extern unsigned long volatile jiffies;
 *	BEGIN { trace(`jiffies); }
 *
 * VALUE.  A variable's value is its contents, loaded in probe context
 * through the kernel host's fault-safe loads; a function's value is its
 * address; &`name is the address of either.  Symbols are not writable.
 *
 * Per-CPU variables (between __per_cpu_start and __per_cpu_end) have one
 * copy per CPU at an address kallsyms does not give: D_VAR_UNSUP.
 *
 * In the user host (-x host=user) the core runs in this process and there
 * is no kernel to read: every kernel symbol is D_SYM_BADREF.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt_ktype.h"

#define DT_KALLSYMS	"/proc/kallsyms"

typedef struct dt_ksymbol {
	unsigned long long addr;
	char		type;		/* kallsyms' letter: T, t, D, b, ... */
	char		module[64];	/* "vmlinux" or the module */
} dt_ksymbol_t;

/* /proc/kallsyms, whole, in kt->kallsyms; 0 or an errno value. */
static int kallsyms_read(dt_ktypes_t *kt)
{
	size_t cap = 0, len = 0;
	char *buf = NULL;
	ssize_t n;
	int fd;

	if (kt->kallsyms != NULL)
		return 0;
	fd = open(DT_KALLSYMS, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	for (;;) {
		if (cap - len < 65536) {
			char *p = realloc(buf, (cap = cap ? cap * 2 :
						 1 << 20) + 1);

			if (p == NULL) {
				free(buf);
				close(fd);
				return ENOMEM;
			}
			buf = p;
		}
		n = read(fd, buf + len, cap - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return errno;
	}
	buf[len] = '\0';
	kt->kallsyms = buf;
	kt->kallsyms_len = len;
	return 0;
}

/*
 * Parse a line "ffffffff81000000 T _text" or "... t fn\t[ext4]": 1 when
 * its name is 'name' and its module 'mod' (NULL: any).
 */
static int kallsyms_line(const char *line, const char *end, const char *mod,
			 const char *name, dt_ksymbol_t *sym)
{
	const char *p = line, *nm, *m;
	size_t nlen = strlen(name);
	char *e;

	sym->addr = strtoull(p, &e, 16);
	p = e;
	if (p + 3 > end || *p != ' ')
		return 0;
	sym->type = p[1];
	nm = p + 3;
	if ((size_t)(end - nm) < nlen || memcmp(nm, name, nlen) != 0 ||
	    (nm + nlen != end && nm[nlen] != '\t'))
		return 0;
	m = nm + nlen;
	if (m < end && m[1] == '[') {
		size_t ml = (size_t)(end - m - 2);
		const char *close = memchr(m + 2, ']', ml);

		ml = close != NULL ? (size_t)(close - m - 2) : ml;
		if (ml >= sizeof(sym->module))
			return 0;
		memcpy(sym->module, m + 2, ml);
		sym->module[ml] = '\0';
	} else {
		strcpy(sym->module, "vmlinux");
	}
	return mod == NULL || strcmp(mod, sym->module) == 0;
}

static int kallsyms_find(const dt_ktypes_t *kt, const char *mod,
			 const char *name, dt_ksymbol_t *sym)
{
	const char *p = kt->kallsyms, *end = p + kt->kallsyms_len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL)
			nl = end;
		if (kallsyms_line(p, nl, mod, name, sym))
			return 1;
		p = nl + 1;
	}
	return 0;
}

/* Does kallsyms list variables at all (CONFIG_KALLSYMS_ALL)? */
static int kallsyms_has_data(const dt_ktypes_t *kt)
{
	static const char *const types[] = { " D ", " d ", " B ", " b " };
	unsigned int i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (memmem(kt->kallsyms, kt->kallsyms_len, types[i], 3))
			return 1;
	return 0;
}

static int is_percpu(const dt_ktypes_t *kt, const dt_ksymbol_t *sym)
{
	dt_ksymbol_t start, end;

	return strcmp(sym->module, "vmlinux") == 0 &&
	       kallsyms_find(kt, "vmlinux", "__per_cpu_start", &start) &&
	       kallsyms_find(kt, "vmlinux", "__per_cpu_end", &end) &&
	       sym->addr >= start.addr && sym->addr < end.addr;
}

static int is_text(char type)
{
	return type == 'T' || type == 't' || type == 'W' || type == 'w';
}

/* The type an extern declaration gave 'name' ("mod`sym" or "sym"). */
static const dt_type_t *declared(dt_cc_t *cc, const char *name)
{
	unsigned int i;

	for (i = cc->idents.n; i-- > 0;) {
		const dt_ident_t *id = cc->idents.v[i];

		if (id->kind == DT_ID_SYM && strcmp(id->name, name) == 0)
			return id->type;
	}
	return NULL;
}

void dt_ksym_declare(dt_cc_t *cc, const char *name, const dt_type_t *t,
		     int line)
{
	const dt_type_t *old = declared(cc, name);
	dt_ident_t *id;

	if (old != NULL) {
		if (dt_type_same(old, t))
			return;
		dt_error(cc, line, "D_DECL_IDRED", "identifier redeclared: "
			 "extern %s was declared %s before", name,
			 dt_type_str(cc, old));
	}
	id = dt_zalloc(cc, sizeof(*id));
	id->name = name;
	id->kind = DT_ID_SYM;
	id->scope = DT_SCOPE_GLOBAL;
	id->type = t;
	id->line = line;
	dt_vec_push(cc, &cc->idents, id);
}

/* The symbol's type, by the rules at the top of this file. */
static const dt_type_t *symbol_type(dt_cc_t *cc, dt_ktypes_t *kt,
				    const dt_ksymbol_t *sym,
				    const char *name, int line)
{
	const dt_type_t *t;
	dt_ksrc_t *src;

	if ((t = declared(cc, dt_sprintf(cc, "%s`%s", sym->module,
					 name))) != NULL ||
	    (t = declared(cc, name)) != NULL)
		return t;
	src = dt_ksrc_module(kt, sym->module);
	if (src != NULL && (t = src->ops->symbol(src, name)) == NULL &&
	    src->err[0] != '\0')
		dt_error(cc, line, "D_SYM_NOTYPES", "cannot read the type of "
			 "%s`%s from %s: %s", sym->module, name, src->path,
			 src->err);
	if (t != NULL)
		return t;
	if (is_text(sym->type)) {
		dt_type_t *f = dt_zalloc(cc, sizeof(*f));

		f->kind = DT_TK_FUNC;
		f->ref = cc->t_int;
		f->complete = 1;
		return f;
	}
	dt_error(cc, line, "D_SYM_NOTYPES", "no symbolic type information is "
		 "available for %s`%s: %s; declare its type, as in 'extern "
		 "unsigned long %s;', or name a file that has it with "
		 "-x ktypes=PATH (a debug vmlinux)", sym->module, name,
		 src == NULL ? dt_ktypes_why(cc) : dt_sprintf(cc, "the %s of "
		 "%s does not describe it", src->ops->format, src->path),
		 name);
}

void dt_ksym_resolve(dt_cc_t *cc, dt_node_t *n)
{
	const char *mod, *name = dt_kscope(cc, n->s, &mod);
	dt_ktypes_t *kt;
	dt_ksymbol_t sym, text;
	int err;

	if (!(cc->opts.flags & DT_CF_KERNEL))
		dt_error(cc, n->line, "D_SYM_BADREF", "kernel symbol %s is not "
			 "available: this is the user host (-x host=user), "
			 "whose core runs in this process; kernel symbols "
			 "exist on the kernel host (the dtrace module)", n->s);
	kt = dt_ktypes(cc, n->line);
	if ((err = kallsyms_read(kt)) != 0)
		dt_error(cc, n->line, "D_IDENT_UNDEF", "failed to resolve %s: "
			 "cannot read " DT_KALLSYMS ": %s", n->s,
			 strerror(err));
	if (!kallsyms_find(kt, mod, name, &sym))
		dt_error(cc, n->line, "D_IDENT_UNDEF", "failed to resolve %s: "
			 "Unknown symbol name%s%s%s", n->s,
			 mod != NULL ? " in module " : "", mod ? mod : "",
			 kallsyms_has_data(kt) ? "" : " (this kernel's "
			 DT_KALLSYMS " lists functions only: it was built "
			 "without CONFIG_KALLSYMS_ALL)");
	if (kallsyms_find(kt, "vmlinux", "_text", &text) && text.addr == 0)
		dt_error(cc, n->line, "D_SYM_BADREF", "failed to resolve %s: "
			 "the kernel hides symbol addresses from this process "
			 "(" DT_KALLSYMS " reads zeros): run dtrace as root, "
			 "with sysctl kernel.kptr_restrict below 2", n->s);
	if (!is_text(sym.type) && is_percpu(kt, &sym))
		dt_error(cc, n->line, "D_VAR_UNSUP", "%s`%s is a per-CPU "
			 "variable: D cannot read per-CPU variables yet (use "
			 "curthread for the current task)", sym.module, name);
	n->type = symbol_type(cc, kt, &sym, name, n->line);
	n->kind = DT_N_SYM;
	n->v = sym.addr;
	n->s = dt_sprintf(cc, "%s`%s", sym.module, name);
	n->lvalue = 0;
	n->inmem = 1;
}
