// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel types and symbols (user/dt_ktype.c, dt_btf.c,
 * dt_dwarf.c, dt_ksym.c) as a D user meets them:
 *
 *   BTF	this machine's own /sys/kernel/btf/vmlinux (skipped when it
 *		has none): sizes and offsets, members read from memory,
 *		scoped names, errors, and that compiling a script that uses
 *		struct task_struct converts a few types, not all of them.
 *   DWARF	a C file compiled with -g now (skipped without a C
 *		compiler), in DWARF 5, 4 and 2: every size and offset
 *		against the C compiler's own, and a struct of this process
 *		read through the in-process host, bit-fields, enums and
 *		anonymous unions included.
 *   symbols	`name against this machine's /proc/kallsyms as the kernel
 *		host sees it (compile only: the host kernel cannot load the
 *		module), extern declarations, and the user host's refusal.
 *   args[]	typed by the probes: the compiler's probe_argtype, the
 *		core's dtrace_probe_argdesc and the user host between them.
 *
 * Scripts run through libdtrace in the user host (-x host=user), which
 * reads this process's memory as the kernel host reads the kernel's.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <bpf/btf.h>

#include "core/dtrace_core.h"
#include "user/dt_ktype.h"
#include "user/libdtrace.h"
#include "unit.h"

#define VMLINUX_BTF	"/sys/kernel/btf/vmlinux"

/* ---- running D ------------------------------------------------------ */

/*
 * Run a script in the user host with kernel types from 'ktypes' and one
 * macro argument; its output (or "error: <message>") in a malloc'd
 * string.
 */
static char *run(const char *ktypes, const char *script, const char *arg1)
{
	char *argv[] = { "test", (char *)arg1, NULL }, *out = NULL;
	unsigned int matched;
	dtrace_prog_t *pgp;
	dtrace_hdl_t *dtp;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	int err, status;

	dtp = dtrace_open(&err);
	if (dtp == NULL || fp == NULL)
		UNIT_SETUP_FAILED("cannot open libdtrace");
	dtrace_set_macro_args(dtp, arg1 != NULL ? 2 : 1, argv);
	if (dtrace_setopt(dtp, "host", "user") != 0 ||
	    dtrace_setopt(dtp, "quiet", NULL) != 0 ||
	    (ktypes != NULL && dtrace_setopt(dtp, "ktypes", ktypes) != 0) ||
	    (pgp = dtrace_program_compile(dtp, script, DT_SPEC_PROGRAM,
					  "test")) == NULL) {
		fprintf(fp, "error: %s", dtrace_errmsg(dtp));
		goto done;
	}
	if (dtrace_program_exec(dtp, pgp, &matched) != 0 ||
	    dtrace_go(dtp) != 0) {
		fprintf(fp, "error: %s", dtrace_errmsg(dtp));
		dtrace_program_free(pgp);
		goto done;
	}
	dtrace_program_free(pgp);
	do {
		status = dtrace_work(dtp, fp);
	} while (status == DTRACE_WORKSTATUS_OKAY);
	dtrace_stop(dtp);
	dtrace_work(dtp, fp);
done:
	dtrace_close(dtp);
	fclose(fp);
	return out;
}

static void check_run(const char *what, const char *ktypes,
		      const char *script, const char *arg1, const char *want)
{
	char *got = run(ktypes, script, arg1);

	check_output(what, got, want);
	free(got);
}

/*
 * Compile only, with the compiler's own API and options: the error tag
 * ("" when it compiled) in tag; the compiler is returned when keep is
 * set (for a look at what it converted).
 */
static dt_compiler_t *compile(unsigned int flags, const char *ktypes,
			      const char *text, char *tag, size_t taglen,
			      int (*argtype)(void *, const char *,
					     const char *, const char *,
					     const char *, int, char *, size_t),
			      int keep)
{
	dt_compile_opts_t o = { .flags = flags, .ktypes = ktypes,
				.probe_argtype = argtype };
	dt_compile_error_t err;
	dt_compiler_t *c = dt_compiler_create(&o);
	size_t size;
	void *dof;

	if (c == NULL)
		UNIT_SETUP_FAILED("cannot create a compiler");
	if (dt_compile(c, text, "test", DT_SPEC_PROGRAM, &dof, &size,
		       &err) == 0) {
		tag[0] = '\0';
		free(dof);
	} else {
		snprintf(tag, taglen, "%s", err.tag);
		if (err.tag[0] == '\0' || strcmp(err.tag, "D_NOMEM") == 0)
			printf("  (%s: %s)\n", err.tag, err.msg);
	}
	if (keep)
		return c;
	dt_compiler_destroy(c);
	return NULL;
}

#define CHECK_TAG(flags, ktypes, text, want) do {			\
	char tag_[64];							\
									\
	compile((flags), (ktypes), (text), tag_, sizeof(tag_), NULL, 0); \
	CHECK(strcmp(tag_, (want)) == 0, "%s: got [%s], want [%s]",	\
	      (text), tag_, (want));					\
} while (0)

/* ---- BTF ------------------------------------------------------------ */

struct two_pointers {		/* the shape of a struct list_head */
	void *next, *prev;
};

static void test_btf(void)
{
	struct two_pointers l = { &l, NULL };
	dt_compiler_t *c;
	dt_ksrc_t *src;
	char tag[64], addr[32];
	struct btf *btf;

	if (access(VMLINUX_BTF, R_OK) != 0) {
		SKIP("BTF: this machine's kernel has no readable %s (%s)",
		     VMLINUX_BTF, strerror(errno));
		return;
	}
	check_run("BTF sizes", VMLINUX_BTF,
		  "BEGIN { printf(\"%d %d %d %d %d\\n\", "
		  "sizeof(struct list_head), offsetof(struct list_head, prev), "
		  "sizeof(((struct task_struct *)0)->comm), sizeof(u64), "
		  "sizeof(vmlinux`u32)); exit(0); }", NULL, "16 8 16 8 4\n");
	snprintf(addr, sizeof(addr), "%p", (void *)&l);
	check_run("BTF loads", VMLINUX_BTF,
		  "BEGIN { this->l = (struct vmlinux`list_head *)$1; "
		  "printf(\"%d %d\\n\", this->l->next == this->l, "
		  "this->l->prev == NULL); exit(0); }", addr, "1 1\n");
	CHECK_TAG(0, VMLINUX_BTF,
		  "BEGIN { trace(((struct file *)0)->no_such_member); }",
		  "D_TYPE_MEMBER");
	CHECK_TAG(0, VMLINUX_BTF,
		  "BEGIN { trace(sizeof(struct no_such_struct_xyz)); }",
		  "D_TYPE_ERR");
	CHECK_TAG(0, VMLINUX_BTF,
		  "BEGIN { trace(sizeof(struct no_such_module`list_head)); }",
		  "D_TYPE_ERR");
	CHECK_TAG(0, VMLINUX_BTF, "struct vmlinux`mine { int x; };",
		  "D_DECL_SCOPE");
	/* D's own declarations come before the kernel's */
	CHECK_TAG(0, VMLINUX_BTF, "struct list_head { char c; };\n"
		  "BEGIN { trace(((struct list_head *)0)->c); }", "");
	CHECK_TAG(0, NULL, "BEGIN { trace(sizeof(struct list_head)); }",
		  "D_TYPE_ERR");	/* no kernel types in the user host */

	/* struct task_struct is converted; the graph it leads to is not */
	c = compile(0, VMLINUX_BTF, "BEGIN { this->t = (struct task_struct *)"
		    "0; trace(this->t->pid); trace(this->t->comm[0]); }",
		    tag, sizeof(tag), NULL, 1);
	src = c->ktypes != NULL ? c->ktypes->srcs : NULL;
	btf = btf__parse(VMLINUX_BTF, NULL);
	CHECK(tag[0] == '\0' && src != NULL && src->types != NULL &&
	      btf != NULL && src->types->n < 2000 &&
	      btf__type_cnt(btf) > 10 * src->types->n,
	      "a few types converted (%zu of %u)", src && src->types ?
	      src->types->n : 0, btf ? btf__type_cnt(btf) : 0);
	btf__free(btf);
	dt_compiler_destroy(c);

	/* a script that names no kernel type reads no kernel types */
	c = compile(DT_CF_KERNEL, NULL, "int n; BEGIN { x = 1; trace(x); "
		    "printf(\"%d %d\\n\", x * 2, (x)); @a[execname] = count(); "
		    "y[1] = 2; self->z = x; n++; this->w = (int)x; }\n"
		    "END { trace(y[1]); trace(self->z + n); }", tag,
		    sizeof(tag), NULL, 1);
	for (src = c->ktypes ? c->ktypes->srcs : NULL; src && src->state ==
	     DT_KS_NEW; src = src->next)
		;
	CHECK(tag[0] == '\0' && src == NULL, "no kernel types read (%s: %s)",
	      tag, src ? src->path : "");
	dt_compiler_destroy(c);
}

/*
 * A loaded module's BTF is split on vmlinux's: a struct only the module
 * defines is found by its name and by mod`name, with the module's size.
 */
static void test_module_btf(void)
{
	char script[384], path[300], mod[256] = "";
	const char *sname = NULL;
	struct btf *base, *btf = NULL;
	unsigned int id, n, size = 0;
	struct dirent *de;
	DIR *d;

	base = btf__parse(VMLINUX_BTF, NULL);
	if (base == NULL) {
		SKIP("module BTF: cannot read %s", VMLINUX_BTF);
		return;
	}
	d = opendir("/sys/kernel/btf");
	while (d != NULL && sname == NULL &&
	       (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "vmlinux") == 0)
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/btf/%s", de->d_name);
		btf__free(btf);
		btf = btf__parse_split(path, base);
		n = btf ? btf__type_cnt(btf) : 0;
		for (id = btf__type_cnt(base); id < n && sname == NULL; id++) {
			const struct btf_type *t = btf__type_by_id(btf, id);
			const char *name = btf__name_by_offset(btf,
							       t->name_off);

			if (btf_is_struct(t) && name[0] != '\0' &&
			    btf__find_by_name_kind(base, name,
						   BTF_KIND_STRUCT) < 0) {
				sname = name;
				size = t->size;
				snprintf(mod, sizeof(mod), "%s", de->d_name);
			}
		}
	}
	if (d != NULL)
		closedir(d);
	if (sname == NULL) {
		SKIP("module BTF: no loaded module defines a struct of its own "
		     "in /sys/kernel/btf");
	} else {
		/* a compile-time check: a dimension of 0 is D_DECL_ARRSUB */
		snprintf(script, sizeof(script), "int size_ok[sizeof(struct "
			 "%s`%s) == %u && sizeof(struct %s) == %u ? 1 : 0];",
			 mod, sname, size, sname, size);
		/* the kernel host finds the modules itself */
		CHECK_TAG(DT_CF_KERNEL, NULL, script, "");
		snprintf(script, sizeof(script), "BEGIN { trace(sizeof(struct "
			 "%s`no_such_struct_xyz)); }", mod);
		CHECK_TAG(DT_CF_KERNEL, NULL, script, "D_TYPE_ERR");
	}
	btf__free(btf);
	btf__free(base);
}

/* ---- DWARF ---------------------------------------------------------- */

/* The types, compiled here and, as text, by the C compiler with -g. */
#define KT_DECLS							\
typedef unsigned long long kt_u64;					\
enum kt_color { KT_RED, KT_GREEN = 5, KT_BLUE = -1 };			\
struct kt_inner { short a; char tag[6]; };				\
union kt_num { int i; long l; };					\
struct kt_sample {							\
	int id;								\
	kt_u64 stamp;							\
	struct kt_inner in;						\
	struct kt_sample *next;						\
	unsigned int flag : 1;						\
	unsigned int mode : 3;						\
	int level : 5;							\
	union { int x; char y; };					\
	enum kt_color color;						\
	char name[16];							\
	int matrix[2][3];						\
	void (*fn)(int);						\
	const volatile int cv;						\
	union kt_num num;						\
};
KT_DECLS
#define KT_STR(...)	#__VA_ARGS__
#define KT_XSTR(...)	KT_STR(__VA_ARGS__)

static const char kt_src[] = KT_XSTR(KT_DECLS)
	"\nstruct kt_sample kt_sample_var;\n";

/* Compile kt_src into dir/name with 'flags'; 0 when it worked. */
static int build_object(const char *dir, const char *name, const char *flags)
{
	char cmd[512], path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/kt.c", dir);
	fp = fopen(path, "w");
	if (fp == NULL)
		return -1;
	fputs(kt_src, fp);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "cc %s -c -o %s/%s %s 2>/dev/null", flags,
		 dir, name, path);
	return system(cmd);
}

static void test_dwarf_object(const char *obj)
{
	struct kt_sample s;
	char want[256], addr[32], *got;

	snprintf(want, sizeof(want), "%zu %zu %zu %zu %zu %zu %zu %zu %zu "
		 "%zu %zu %zu\n", sizeof(struct kt_sample),
		 offsetof(struct kt_sample, stamp),
		 offsetof(struct kt_sample, in),
		 offsetof(struct kt_sample, next),
		 offsetof(struct kt_sample, x),
		 offsetof(struct kt_sample, color),
		 offsetof(struct kt_sample, name),
		 offsetof(struct kt_sample, matrix),
		 offsetof(struct kt_sample, num), sizeof(kt_u64),
		 sizeof(union kt_num), sizeof(enum kt_color));
	check_run(obj, obj,
		  "BEGIN { printf(\"%d %d %d %d %d %d %d %d %d %d %d %d\\n\", "
		  "sizeof(struct kt_sample), "
		  "offsetof(struct kt_sample, stamp), "
		  "offsetof(struct kt_sample, in), "
		  "offsetof(struct kt_sample, next), "
		  "offsetof(struct kt_sample, x), "
		  "offsetof(struct kt_sample, color), "
		  "offsetof(struct kt_sample, name), "
		  "offsetof(struct kt_sample, matrix), "
		  "offsetof(struct kt_sample, num), sizeof(kt_u64), "
		  "sizeof(union kt_num), sizeof(enum kt_color)); exit(0); }",
		  NULL, want);

	memset(&s, 0, sizeof(s));
	s.id = 7;
	s.stamp = 1ULL << 40;
	s.in.a = -3;
	strcpy(s.in.tag, "abc");
	s.next = &s;
	s.flag = 1;
	s.mode = 5;
	s.level = -9;
	s.x = 1234;
	s.color = KT_BLUE;
	strcpy(s.name, "sample");
	s.matrix[1][2] = 42;
	s.num.l = -5;
	snprintf(addr, sizeof(addr), "%p", (void *)&s);
	check_run(obj, obj,
		  "BEGIN { this->s = (struct kt_sample *)$1; "
		  "printf(\"%d %d %d %s %d %d %d %d %d %s %d %d %d\\n\", "
		  "this->s->id, this->s->stamp == 1ULL << 40, this->s->in.a, "
		  "stringof(this->s->in.tag), this->s->flag, this->s->mode, "
		  "this->s->level, this->s->x, this->s->color, "
		  "stringof(this->s->name), this->s->matrix[1][2], "
		  "this->s->next == this->s, this->s->num.l); exit(0); }",
		  addr, "7 1 -3 abc 1 5 -9 1234 -1 sample 42 1 -5\n");
	/* print() reads the members of kernel types as it prints */
	got = run(obj, "BEGIN { print(*(struct kt_sample *)$1); exit(0); }",
		  addr);
	CHECK(strstr(got, ".id = 7,") != NULL &&
	      strstr(got, ".color = KT_BLUE,") != NULL &&
	      strstr(got, ".name = \"sample\",") != NULL,
	      "%s: print() of a DWARF struct:\n%s", obj, got);
	free(got);
}

static void test_dwarf(void)
{
	static const char *const variants[][2] = {
		{ "kt5.o", "-g" },
		{ "kt4.o", "-gdwarf-4" },
		{ "kt2.o", "-gdwarf-2" },
	};
	char dir[] = "/tmp/test_ktypes.XXXXXX", obj[64], cmd[192];
	unsigned int i;

	if (system("command -v cc >/dev/null 2>&1") != 0) {
		SKIP("DWARF: no C compiler (cc) to build a test object");
		return;
	}
	if (mkdtemp(dir) == NULL)
		UNIT_SETUP_FAILED("cannot make a temporary directory");
	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		if (build_object(dir, variants[i][0], variants[i][1]) != 0) {
			SKIP("DWARF: cc %s cannot build the test object",
			     variants[i][1]);
			continue;
		}
		snprintf(obj, sizeof(obj), "%s/%s", dir, variants[i][0]);
		test_dwarf_object(obj);
	}
	/* an object without types is an error that says so */
	snprintf(obj, sizeof(obj), "%s/plain.o", dir);
	snprintf(cmd, sizeof(cmd), "cc -g0 -c -o %s %s/kt.c", obj, dir);
	if (system(cmd) == 0) {
		char *got = run(obj, "BEGIN { trace(sizeof(struct kt_inner)); "
				"}", NULL);

		CHECK(strstr(got, "has no types") != NULL,
		      "an object without types: %s", got);
		free(got);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("note: could not remove %s\n", dir);
}

/* ---- symbols -------------------------------------------------------- */

/* Does /proc/kallsyms list 'name' (CONFIG_KALLSYMS_ALL for data)? */
static int kallsyms_find(const char *name, unsigned long long *addrp)
{
	char line[512], sym[256], type;
	unsigned long long addr;
	FILE *fp = fopen("/proc/kallsyms", "r");
	int found = 0;

	if (fp == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), fp) != NULL)
		found = sscanf(line, "%llx %c %255s", &addr, &type, sym) == 3 &&
			strcmp(sym, name) == 0;
	fclose(fp);
	if (found && addrp != NULL)
		*addrp = addr;
	return found;
}

static int kallsyms_has(const char *name)
{
	return kallsyms_find(name, NULL);
}

/* Can this process read kernel symbol addresses? */
static int kallsyms_readable(char *why, size_t len)
{
	unsigned long long text = 0;

	if (access("/proc/kallsyms", R_OK) != 0) {
		snprintf(why, len, "no /proc/kallsyms: %s", strerror(errno));
		return 0;
	}
	if (!kallsyms_find("_text", &text) || text == 0) {
		snprintf(why, len, "/proc/kallsyms hides addresses (not root, "
			 "or kernel.kptr_restrict)");
		return 0;
	}
	return 1;
}

/* A per-CPU variable the kernel's BTF describes, or NULL. */
static const char *percpu_var(struct btf *btf)
{
	int sec = btf__find_by_name_kind(btf, ".data..percpu",
					 BTF_KIND_DATASEC);
	const struct btf_type *ds = sec > 0 ? btf__type_by_id(btf, sec) : NULL;
	const struct btf_var_secinfo *vs;

	if (ds == NULL || btf_vlen(ds) == 0)
		return NULL;
	vs = btf_var_secinfos(ds);
	return btf__name_by_offset(btf, btf__type_by_id(btf,
							vs[0].type)->name_off);
}

static void test_symbols(void)
{
	static char text[256];
	const char *pcpu;
	struct btf *btf;
	char why[128];
	int has_jiffies;

	CHECK_TAG(0, NULL, "BEGIN { trace(`jiffies); }", "D_SYM_BADREF");
	CHECK_TAG(0, NULL, "BEGIN { trace(curthread->pid); }", "D_OP_PTR");
	if (access(VMLINUX_BTF, R_OK) != 0) {
		SKIP("symbols: no %s", VMLINUX_BTF);
		return;
	}
	/* curthread is a struct task_struct * on the kernel host */
	CHECK_TAG(DT_CF_KERNEL, NULL, "BEGIN { trace(curthread->pid); "
		  "trace(stringof(curthread->comm)); }", "");
	if (!kallsyms_readable(why, sizeof(why))) {
		SKIP("symbols: %s", why);
		return;
	}
	CHECK_TAG(DT_CF_KERNEL, NULL, "BEGIN { trace(`no_such_symbol_xyz); }",
		  "D_IDENT_UNDEF");
	CHECK_TAG(DT_CF_KERNEL, NULL,
		  "BEGIN { trace((uintptr_t)&`schedule != 0); }", "");
	if (!kallsyms_has("jiffies")) {
		SKIP("symbols: this kernel's /proc/kallsyms lists no data "
		     "symbols (CONFIG_KALLSYMS_ALL is off)");
		return;
	}
	btf = btf__parse(VMLINUX_BTF, NULL);
	if (btf == NULL)
		UNIT_SETUP_FAILED("cannot parse " VMLINUX_BTF);
	has_jiffies = btf__find_by_name_kind(btf, "jiffies",
					     BTF_KIND_VAR) > 0;
	CHECK_TAG(DT_CF_KERNEL, NULL, "BEGIN { trace(`jiffies); }",
		  has_jiffies ? "" : "D_SYM_NOTYPES");
	CHECK_TAG(DT_CF_KERNEL, NULL,
		  "extern unsigned long volatile jiffies;\n"
		  "BEGIN { trace(`jiffies); trace(vmlinux`jiffies); "
		  "trace(&`jiffies != NULL); }", "");
	CHECK_TAG(DT_CF_KERNEL, NULL, "extern unsigned long jiffies;\n"
		  "extern int jiffies;", "D_DECL_IDRED");
	CHECK_TAG(DT_CF_KERNEL, NULL, "extern unsigned long jiffies;\n"
		  "BEGIN { `jiffies = 1; }", "D_OP_WRITE");
	CHECK_TAG(DT_CF_KERNEL, NULL,
		  "BEGIN { trace(`jiffies); trace(no_such_module`jiffies); }",
		  has_jiffies ? "D_IDENT_UNDEF" : "D_SYM_NOTYPES");
	if ((pcpu = percpu_var(btf)) != NULL && kallsyms_has(pcpu)) {
		snprintf(text, sizeof(text), "BEGIN { trace(`%s); }", pcpu);
		CHECK_TAG(DT_CF_KERNEL, NULL, text, "D_VAR_UNSUP");
	} else {
		SKIP("symbols: this kernel's BTF has no per-CPU variable");
	}
	btf__free(btf);
}

/* ---- typed args[] --------------------------------------------------- */

/* Argument types as a provider would give them, by index. */
static int fake_argtype(void *arg, const char *prov, const char *mod,
			const char *func, const char *name, int ndx,
			char *buf, size_t len)
{
	static const char *const types[] = {
		"struct list_head *", "int", NULL, "struct no_such_xyz *",
		"struct list_head", "", "vmlinux`struct task_struct *",
		"unsigned long long", "const char *",
	};

	if (ndx == 2) {
		snprintf(buf, len, "\"int\" and \"long\"");
		return -1;
	}
	snprintf(buf, len, "%s", types[ndx]);
	return buf[0] != '\0';
}

#define CHECK_ARGS(text, want) do {					\
	char tag_[64];							\
									\
	compile(0, VMLINUX_BTF, (text), tag_, sizeof(tag_),		\
		fake_argtype, 0);					\
	CHECK(strcmp(tag_, (want)) == 0, "%s: got [%s], want [%s]",	\
	      (text), tag_, (want));					\
} while (0)

/* A provider with one probe whose first argument is typed. */
static int kt_getargdesc(void *arg, dtrace_id_t id, void *parg, int ndx,
			 char *native, size_t len)
{
	if (ndx != 0)
		return -ENOENT;
	snprintf(native, len, "struct list_head *");
	return 0;
}

static const dtrace_pops_t kt_pops = { .getargdesc = kt_getargdesc };

static void test_args(void)
{
	dtrace_provider_id_t prov;
	dtc_argdesc_t d = { 0 };
	char *got;

	if (access(VMLINUX_BTF, R_OK) != 0) {
		SKIP("args[]: no %s", VMLINUX_BTF);
		return;
	}
	CHECK_ARGS("BEGIN { trace(args[0]->next); }", "");
	CHECK_ARGS("BEGIN { trace(args[1]->next); }", "D_OP_PTR");
	CHECK_ARGS("BEGIN { trace(args[1] + 1); }", "");
	CHECK_ARGS("BEGIN { trace(args[2]); }", "D_ARGS_MULTI");
	CHECK_ARGS("BEGIN { trace(args[3]); }", "D_ARGS_TYPE");
	CHECK_ARGS("BEGIN { trace(args[4]); }", "D_ARGS_TYPE");
	CHECK_ARGS("BEGIN { trace(args[5] + 1); }", "");
	CHECK_ARGS("BEGIN { trace(args[6]->pid); }", "");
	CHECK_ARGS("BEGIN { trace(args[7] * 2); trace(*args[8]); }", "");

	/* the core asks the probe's provider */
	if (dtrace_core_init() != 0 ||
	    dtrace_register("kttest", &kt_pops, NULL, &prov) != 0)
		UNIT_SETUP_FAILED("cannot register a provider");
	d.id = dtrace_probe_create(prov, "mod", "func", "typed", 0, NULL);
	CHECK(dtrace_probe_argdesc(&d) == 0 &&
	      strcmp(d.native, "struct list_head *") == 0,
	      "the provider's type (%s)", d.native);
	d.ndx = 1;
	CHECK(dtrace_probe_argdesc(&d) == 0 && d.native[0] == '\0',
	      "no type for an argument the provider does not type");
	d.id = 999999;
	CHECK(dtrace_probe_argdesc(&d) == -ENOENT, "no such probe");

	/* and libdtrace asks the core, through the user host */
	got = run(VMLINUX_BTF, "kttest:::typed { trace(args[0]->prev); }\n"
		  "BEGIN { exit(0); }", NULL);
	CHECK(strcmp(got, "") == 0, "typed args[] compile: %s", got);
	free(got);
	got = run(VMLINUX_BTF, "kttest:::typed { trace(args[0]->nope); }",
		  NULL);
	CHECK(strstr(got, "nope is not a member of struct list_head") !=
	      NULL, "the member of a typed argument: %s", got);
	free(got);
	got = run(VMLINUX_BTF, "kttest:::typed, dtrace:::BEGIN "
		  "{ trace(args[0]); }", NULL);
	CHECK(strstr(got, "different types") != NULL,
	      "probes that disagree: %s", got);
	free(got);
	dtrace_unregister(prov);
}

int main(void)
{
	test_btf();
	test_module_btf();
	test_dwarf();
	test_symbols();
	test_args();
	return unit_summary();
}
