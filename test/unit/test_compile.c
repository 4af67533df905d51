// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the D compiler: compile snippets, decode the DOF they
 * produce and check what the core and the consumer rely on (one ECB per
 * probe description, the actions of each statement, DIFOs that end with
 * RET and branch forward only, types of records), that the core's loader
 * accepts every DOF, and that errors carry DTrace's tag, line and text
 * and leave the compiler as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dtrace_core.h"
#include "providers/providers.h"
#include "user/dt_compile.h"
#include "unit.h"

/* ---- DOF decoding --------------------------------------------------- */

typedef struct dof {
	const char		*buf;
	size_t			size;
	const dof_hdr_t		*hdr;
} dof_t;

static const dof_sec_t *sec(const dof_t *d, unsigned int i)
{
	if (i >= d->hdr->secnum)
		return NULL;
	return (const dof_sec_t *)(d->buf + d->hdr->secoff +
				   (size_t)i * d->hdr->secsize);
}

static const void *sec_data(const dof_t *d, unsigned int i,
			    unsigned int type)
{
	const dof_sec_t *s = sec(d, i);

	if (s == NULL || s->type != type || s->offset + s->size > d->size)
		return NULL;
	return d->buf + s->offset;
}

static int dof_open(dof_t *d, const void *buf, size_t size)
{
	d->buf = buf;
	d->size = size;
	d->hdr = buf;
	return size >= sizeof(dof_hdr_t) && d->hdr->ident[0] == DOF_MAG0 &&
	       d->hdr->ident[1] == 'D' && d->hdr->ident[2] == 'O' &&
	       d->hdr->ident[3] == 'F' && d->hdr->version == DOF_VERSION &&
	       d->hdr->filesz == size &&
	       d->hdr->secoff + d->hdr->secnum * (size_t)d->hdr->secsize <=
	       size;
}

/* The i-th ECB of the DOF, or NULL. */
static const dof_ecbdesc_t *ecb(const dof_t *d, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < d->hdr->secnum; i++) {
		if (sec(d, i)->type == DOF_SECT_ECBDESC && n-- == 0)
			return sec_data(d, i, DOF_SECT_ECBDESC);
	}
	return NULL;
}

static unsigned int necbs(const dof_t *d)
{
	unsigned int i, n = 0;

	for (i = 0; i < d->hdr->secnum; i++)
		n += sec(d, i)->type == DOF_SECT_ECBDESC;
	return n;
}

static const dof_actdesc_t *acts(const dof_t *d, const dof_ecbdesc_t *e,
				 unsigned int *n)
{
	*n = 0;
	if (e->actions == DOF_SECIDX_NONE)
		return NULL;
	*n = sec(d, e->actions)->size / sizeof(dof_actdesc_t);
	return sec_data(d, e->actions, DOF_SECT_ACTDESC);
}

static const char *probe_name(const dof_t *d, const dof_ecbdesc_t *e,
			      char *buf, size_t len)
{
	const dof_probedesc_t *p = sec_data(d, e->probes, DOF_SECT_PROBEDESC);
	const char *s = sec_data(d, p->strtab, DOF_SECT_STRTAB);

	snprintf(buf, len, "%s:%s:%s:%s", s + p->provider, s + p->mod,
		 s + p->func, s + p->name);
	return buf;
}

/* Check a DIFO: ends with RET, branches forward and in range. */
static int difo_ok(const dof_t *d, dof_secidx_t i, dif_type_t *rtype)
{
	const dof_difohdr_t *h = sec_data(d, i, DOF_SECT_DIFOHDR);
	const dif_instr_t *ins;
	unsigned int n, pc;

	if (h == NULL)
		return 0;
	ins = sec_data(d, h->dif, DOF_SECT_DIF);
	n = sec(d, h->dif)->size / sizeof(dif_instr_t);
	if (ins == NULL || n == 0 || DIF_INSTR_OP(ins[n - 1]) != DIF_OP_RET)
		return 0;
	for (pc = 0; pc < n; pc++) {
		unsigned int op = DIF_INSTR_OP(ins[pc]);

		if (op >= DIF_OP_BA && op <= DIF_OP_BLEU &&
		    (DIF_INSTR_LABEL(ins[pc]) <= pc ||
		     DIF_INSTR_LABEL(ins[pc]) >= n))
			return 0;
	}
	if (rtype != NULL)
		*rtype = h->rtype;
	return 1;
}

/* ---- compiling ------------------------------------------------------ */

static int core_loads(const void *dof, size_t size, char *msg, size_t len)
{
	dtrace_state_t *s;
	dtc_loaderr_t err;
	unsigned int n;
	int rc;

	if (dtrace_state_create(DTRACE_PRIV_ALL, &s) != 0) {
		snprintf(msg, len, "no state");
		return 0;
	}
	memset(&err, 0, sizeof(err));
	rc = dtrace_state_load(s, dof, size, &n, &err);
	snprintf(msg, len, "%s", err.msg);
	dtrace_state_destroy(s);
	return rc == 0;
}

static dt_compiler_t *new_compiler(unsigned int flags)
{
	dt_compile_opts_t o;

	memset(&o, 0, sizeof(o));
	o.flags = flags;
	o.strsize = 256;
	return dt_compiler_create(&o);
}

/* Compile text with a fresh compiler; fills *d (caller frees d->buf). */
static int compile_ok(const char *text, dof_t *d, dt_compiler_t **cp)
{
	dt_compiler_t *c = new_compiler(DT_CF_DESTRUCT);
	dt_compile_error_t err;
	char msg[256];
	void *dof;
	size_t size;

	if (dt_compile(c, text, "t.d", DT_SPEC_PROGRAM, &dof, &size,
		       &err) != 0) {
		CHECK(0, "'%s' failed: [%s] line %d: %s", text, err.tag,
		      err.line, err.msg);
		dt_compiler_destroy(c);
		return 0;
	}
	CHECK(dof_open(d, dof, size), "'%s': bad DOF header", text);
	CHECK(core_loads(dof, size, msg, sizeof(msg)),
	      "'%s': the core refused the DOF: %s", text, msg);
	if (cp != NULL)
		*cp = c;
	else
		dt_compiler_destroy(c);
	return 1;
}

static void expect_error(const char *text, unsigned int flags,
			 const char *tag, int line, const char *msgpart)
{
	dt_compiler_t *c = new_compiler(flags);
	dt_compile_error_t err;
	void *dof = NULL;
	size_t size;
	int rc = dt_compile(c, text, "t.d", DT_SPEC_PROGRAM, &dof, &size,
			    &err);

	CHECK(rc == -1, "'%s' compiled but should fail with %s", text, tag);
	if (rc == 0) {
		free(dof);
	} else {
		CHECK(strcmp(err.tag, tag) == 0, "'%s': tag %s, wanted %s (%s)",
		      text, err.tag, tag, err.msg);
		CHECK(line == 0 || err.line == line, "'%s': line %d, wanted %d",
		      text, err.line, line);
		CHECK(msgpart == NULL || strstr(err.msg, msgpart) != NULL,
		      "'%s': message \"%s\" lacks \"%s\"", text, err.msg,
		      msgpart);
	}
	dt_compiler_destroy(c);
}

/* ---- tests ---------------------------------------------------------- */

static void test_trace(void)
{
	dt_compiler_t *c;
	const dt_prog_t *p;
	const dof_ecbdesc_t *e;
	const dof_actdesc_t *a;
	dif_type_t rt;
	unsigned int n;
	char buf[256];
	dof_t d;

	if (!compile_ok("BEGIN\n{\n\ttrace(1 + 2);\n\ttrace(\"hi\");\n}\n",
			&d, &c))
		return;
	CHECK(necbs(&d) == 2, "%u ECBs: BEGIN and the ERROR enabling",
	      necbs(&d));
	e = ecb(&d, 0);
	CHECK(strcmp(probe_name(&d, e, buf, sizeof(buf)), ":::BEGIN") == 0,
	      "probe %s", buf);
	CHECK(e->pred == DOF_SECIDX_NONE, "no predicate");
	a = acts(&d, e, &n);
	CHECK(n == 2, "%u actions", n);
	if (n == 2) {
		CHECK(a[0].kind == DTRACEACT_DIFEXPR && a[0].uarg == 0,
		      "kind %u uarg %llu", a[0].kind, a[0].uarg);
		CHECK(difo_ok(&d, a[0].difo, &rt) && rt.size == 4 &&
		      rt.ckind == DIF_CKIND_INT, "int DIFO, size %u", rt.size);
		CHECK(difo_ok(&d, a[1].difo, &rt) &&
		      rt.kind == DIF_TYPE_STRING && rt.size == 256 &&
		      (rt.flags & DIF_TF_BYREF), "string DIFO");
		CHECK(a[1].uarg == 1, "second statement, uarg %llu",
		      a[1].uarg);
	}
	p = dt_compiler_prog(c);
	CHECK(p->nstmts == 3, "%u statements (2 + ERROR report)", p->nstmts);
	CHECK(p->stmts[0].kind == DT_STMT_TRACE && p->stmts[0].nrecs == 1 &&
	      p->stmts[0].line == 3, "stmt 0 kind %d line %u",
	      p->stmts[0].kind, p->stmts[0].line);
	CHECK(p->stmts[2].kind == DT_STMT_ERROR_REPORT &&
	      p->stmts[2].nrecs == 5, "ERROR report statement");
	e = ecb(&d, 1);
	CHECK(strcmp(probe_name(&d, e, buf, sizeof(buf)),
		     "dtrace:::ERROR") == 0, "probe %s", buf);
	acts(&d, e, &n);
	CHECK(n == 5, "ERROR records arg1..arg5: %u actions", n);
	CHECK(e->uarg == 1 && p->nclauses == 2, "ERROR clause index");
	free((void *)d.buf);
	dt_compiler_destroy(c);
}

static void test_clauses_and_predicates(void)
{
	const dof_ecbdesc_t *e;
	const dof_actdesc_t *a;
	unsigned int n;
	char buf[256];
	dof_t d;

	if (!compile_ok("#!/usr/sbin/dtrace -s\n"
			"syscall::read:entry, syscall::write:entry\n"
			"/pid == 1 && execname != \"init\" || arg0 / 2 > 3/\n"
			"{ self->ts = timestamp; }\n"
			"tick-1s { @n = count(); }\n", &d, NULL))
		return;
	CHECK(necbs(&d) == 4, "%u ECBs", necbs(&d));
	e = ecb(&d, 1);
	CHECK(strcmp(probe_name(&d, e, buf, sizeof(buf)),
		     "syscall::write:entry") == 0, "probe %s", buf);
	CHECK(e->pred != DOF_SECIDX_NONE && difo_ok(&d, e->pred, NULL) &&
	      e->pred == ecb(&d, 0)->pred, "shared, valid predicate");
	CHECK(e->uarg == 0 && ecb(&d, 2)->uarg == 1, "clause indices");
	e = ecb(&d, 2);
	CHECK(strcmp(probe_name(&d, e, buf, sizeof(buf)), ":::tick-1s") == 0,
	      "probe %s", buf);
	a = acts(&d, e, &n);
	CHECK(n == 1 && a[0].kind == DTRACEAGG_COUNT &&
	      a[0].difo == DOF_SECIDX_NONE && a[0].arg == 1,
	      "count(): kind %#x arg %llu", n ? a[0].kind : 0,
	      n ? a[0].arg : 0);
	free((void *)d.buf);
}

static void test_aggregations(void)
{
	dt_compiler_t *c;
	const dof_actdesc_t *a;
	const dt_prog_t *p;
	unsigned int n;
	dof_t d;

	if (!compile_ok("BEGIN { @a[1, \"x\"] = sum(5); @b = quantize(3, 2);"
			" @c = lquantize(7, 0, 100, 10); @d = llquantize(7, 10,"
			" 0, 6, 20); printa(\"%d %s %@d\\n\", @a); clear(@a);"
			" trunc(@b, 3); }", &d, &c))
		return;
	a = acts(&d, ecb(&d, 0), &n);
	CHECK(n == 9, "%u actions", n);
	if (n == 9) {
		CHECK(a[0].kind == DTRACEACT_DIFEXPR &&
		      a[1].kind == DTRACEACT_DIFEXPR &&
		      a[2].kind == DTRACEAGG_SUM && a[2].ntuple == 2 &&
		      a[2].arg == 1 && a[2].incr == DOF_SECIDX_NONE,
		      "sum with two keys");
		CHECK(a[3].kind == DTRACEAGG_QUANTIZE &&
		      a[3].incr != DOF_SECIDX_NONE &&
		      difo_ok(&d, a[3].incr, NULL), "quantize increment");
		CHECK(a[4].kind == DTRACEAGG_LQUANTIZE &&
		      DTRACE_LQUANTIZE_BASE(a[4].arg2) == 0 &&
		      DTRACE_LQUANTIZE_STEP(a[4].arg2) == 10 &&
		      DTRACE_LQUANTIZE_LEVELS(a[4].arg2) == 10,
		      "lquantize parameters %#llx", a[4].arg2);
		CHECK(a[5].kind == DTRACEAGG_LLQUANTIZE &&
		      DTRACE_LLQUANTIZE_FACTOR(a[5].arg2) == 10 &&
		      DTRACE_LLQUANTIZE_HIGH(a[5].arg2) == 6 &&
		      DTRACE_LLQUANTIZE_NSTEP(a[5].arg2) == 20,
		      "llquantize parameters");
		CHECK(a[6].kind == DTRACEACT_PRINTA &&
		      a[6].difo == DOF_SECIDX_NONE, "printa");
		CHECK(a[7].kind == DTRACEACT_LIBACT &&
		      a[7].arg == DT_LIBACT_CLEAR &&
		      a[7].difo == DOF_SECIDX_NONE, "clear");
		CHECK(a[8].kind == DTRACEACT_LIBACT &&
		      a[8].arg == DT_LIBACT_TRUNC &&
		      a[8].difo != DOF_SECIDX_NONE, "trunc with a size");
	}
	p = dt_compiler_prog(c);
	CHECK(p->naggs == 4 && strcmp(p->aggs[0].name, "a") == 0 &&
	      p->aggs[0].nkeys == 2 && p->aggs[0].varid == 1,
	      "aggregation table");
	CHECK(p->stmts[0].kind == DT_STMT_AGG && p->stmts[0].nrecs == 0,
	      "aggregation statement owns no record");
	CHECK(p->stmts[4].kind == DT_STMT_PRINTA && p->stmts[4].naggs == 1 &&
	      p->stmts[4].aggs[0] == 1 && p->stmts[4].format != NULL,
	      "printa statement");
	free((void *)d.buf);
	dt_compiler_destroy(c);
}

static void test_printf_layout(void)
{
	dt_compiler_t *c;
	const dof_actdesc_t *a;
	const dt_prog_t *p;
	unsigned int n;
	dof_t d;

	if (!compile_ok("BEGIN { printf(\"%d %s\\n\", 1, \"a\"); "
			"printf(\"plain\\n\"); exit(0); }", &d, &c))
		return;
	a = acts(&d, ecb(&d, 0), &n);
	CHECK(n == 5, "%u actions", n);
	if (n == 5) {
		CHECK(a[0].kind == DTRACEACT_PRINTF &&
		      a[0].difo == DOF_SECIDX_NONE &&
		      a[1].kind == DTRACEACT_DIFEXPR &&
		      a[2].kind == DTRACEACT_DIFEXPR && a[2].uarg == 0,
		      "printf with arguments");
		CHECK(a[3].kind == DTRACEACT_PRINTF &&
		      a[3].difo == DOF_SECIDX_NONE && a[3].uarg == 1,
		      "printf without arguments");
		CHECK(a[4].kind == DTRACEACT_EXIT, "exit");
	}
	p = dt_compiler_prog(c);
	CHECK(p->stmts[0].nrecs == 3 && p->stmts[1].nrecs == 1,
	      "printf records: %u %u", p->stmts[0].nrecs, p->stmts[1].nrecs);
	free((void *)d.buf);
	dt_compiler_destroy(c);
}

static void test_language(void)
{
	static const char *const ok[] = {
		"BEGIN { x = 1; x++; ++x; x += 3; x <<= 1; y = x ? x : -x; "
		"z = !x ^^ y; w = (x > 2) + (y <= 3) + (x != y); }",
		"int g; self int t; BEGIN { g = 3; self->t = g * 2; "
		"this->l = self->t % 5; trace(this->l); }",
		"BEGIN { a[\"k\", 1] = 5; a[\"k\", 2]++; trace(a[\"k\", 1]); "
		"self->m[pid] = \"s\"; trace(self->m[pid]); }",
		"struct foo { int a; char b[8]; unsigned c : 3; long d; };\n"
		"typedef struct foo foo_t;\n"
		"BEGIN { p = (foo_t *)alloca(sizeof (foo_t)); p->a = 1; "
		"trace(p->c); trace(offsetof(struct foo, d)); "
		"trace(sizeof (int)); }",
		"enum color { RED, GREEN = 5, BLUE };\n"
		"inline int answer = 42;\n"
		"BEGIN { trace(BLUE + answer); trace((uint8_t)300); "
		"trace((char)-1); }",
		"BEGIN { s = strjoin(\"a\", lltostr(12)); "
		"trace(s < \"b\"); trace(substr(s, 1)); trace(strlen(s)); "
		"trace(basename(\"/a/b\")); trace(index(s, \"2\")); }",
		"syscall:::entry { trace(arg0); trace(args[1]); trace(probefunc);"
		" trace(cpu); trace(curthread); trace(walltimestamp); "
		"trace(stackdepth); trace(ucaller); trace(uid); }",
		"BEGIN { stack(); ustack(5); sym(caller); mod(caller); "
		"this->b = (char *)alloca(8); tracemem(this->b, 8); "
		"tracemem(this->b, 8, 4); }",
		"#pragma D option quiet\n#pragma D option bufsize=4m\n"
		"BEGIN { setopt(\"quiet\", \"no\"); }",
		"BEGIN { spec = speculation(); speculate(spec); trace(1); }\n"
		"END { commit(1); } ERROR { discard(1); }",
		"struct in { int v; }; struct out { int w; };\n"
		"translator struct out < struct in *P > { w = P->v * 2; };\n"
		"BEGIN { p = (struct in *)alloca(4); "
		"trace(xlate<struct out>(p).w); print(xlate<struct out>(p)); }",
		"BEGIN { @x = avg(1); @y[1] = stddev(2); @z = min(1); "
		"@w = max(2); }\n"
		"END { print(1); normalize(@x, 2); denormalize(@x); }",
		"BEGIN /1/ /* comment */ { trace(1); }\n"
		"END /4 / 2 > 1/ // why\n{ trace(2); }",
		"struct b { int a : 3; unsigned c : 5; };\n"
		"BEGIN { this->p = (struct b *)alloca(4); this->p->a = -1; "
		"this->p->c = 31; trace(this->p->a); trace(this->p->c); }",
		"BEGIN { x = 0x7fffffff + 1; y = 10UL; z = 'a'; "
		"trace(x); trace(y); trace(z); trace('\\0'); }",
		"typedef struct pair { int a; int b; } pair_t;\n"
		"BEGIN { this->p = (pair_t *)alloca(sizeof (pair_t)); "
		"this->p->b = 8; trace((1, this->p->b)); n++; "
		"c[\"k\"]++; trace(self->never); trace(NULL); } // done",
	};
	unsigned int i;
	dof_t d;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (compile_ok(ok[i], &d, NULL))
			free((void *)d.buf);
	}
}

/* Destructive actions compile with -w (the core wants the option too). */
static void test_destructive(void)
{
	dt_compiler_t *c = new_compiler(DT_CF_DESTRUCT);
	dt_compile_error_t err;
	void *dof;
	size_t size;
	int rc;

	rc = dt_compile(c, "BEGIN { system(\"echo %d\", 1); raise(9); "
			"chill(10); stop(); }", "t.d", DT_SPEC_PROGRAM, &dof,
			&size, &err);
	CHECK(rc == 0, "[%s] %s", err.tag, err.msg);
	if (rc == 0) {
		dof_t d;
		unsigned int n;
		const dof_actdesc_t *a;

		dof_open(&d, dof, size);
		a = acts(&d, ecb(&d, 0), &n);
		CHECK(n == 5 && a[0].kind == DTRACEACT_SYSTEM &&
		      a[2].kind == DTRACEACT_RAISE &&
		      a[3].kind == DTRACEACT_CHILL &&
		      a[4].kind == DTRACEACT_STOP, "destructive actions");
		free(dof);
	}
	dt_compiler_destroy(c);
}

static void test_errors(void)
{
	expect_error("BEGIN\n{\n\ttrace(1) +;\n}", 0, "D_SYNTAX", 3,
		     "syntax error near \";\"");
	expect_error("BEGIN { trace(nosuch); }", 0, "D_IDENT_UNDEF", 1,
		     "failed to resolve nosuch: Unknown variable name");
	expect_error("BEGIN { trace(1, 2); }", 0, "D_PROTO_LEN", 1,
		     "trace( ) prototype mismatch: 2 args passed, 1 expected");
	expect_error("BEGIN { trace(strlen(1)); }", 0, "D_PROTO_ARG", 1,
		     "strlen( ) argument #1 is incompatible");
	expect_error("BEGIN { x = \"a\"; x = 1; }", 0, "D_OP_INCOMPAT", 1,
		     "operands have incompatible types: \"string\" = \"int\"");
	expect_error("BEGIN { 1 = 2; }", 0, "D_OP_LVAL", 1,
		     "operator = requires modifiable lvalue");
	expect_error("BEGIN { x = \"a\"; trace(!x && (x & 1)); }", 0,
		     "D_OP_INT", 1, NULL);
	expect_error("BEGIN { @a = count(); }\nEND { @a = sum(1); }", 0,
		     "D_AGG_REDEF", 2, "aggregation redefined: @a");
	expect_error("BEGIN { @a = 1; }", 0, "D_AGG_FUNC", 1,
		     "@a must be assigned the result of an aggregating "
		     "function");
	expect_error("BEGIN { @a = sum(\"x\"); }", 0, "D_AGG_SCALAR", 1,
		     "sum( ) argument #1 must be of scalar type");
	expect_error("int x;\nint x[4];", 0, "D_DECL_IDRED", 2,
		     "identifier redeclared: x");
	expect_error("long char c;", 0, "D_DECL_CHARATTR", 1, NULL);
	expect_error("signed unsigned int c;", 0, "D_DECL_COMBO", 1, NULL);
	expect_error("struct s { int a : 40; };", 0, "D_DECL_BFSIZE", 1,
		     NULL);
	expect_error("typedef int t;\ntypedef char t;", 0, "D_DECL_TYPERED",
		     2, NULL);
	expect_error("BEGIN { printf(\"%d\\n\", \"str\"); }", 0,
		     "D_PRINTF_ARG_TYPE", 1,
		     "printf( ) argument #2 is incompatible with conversion "
		     "#1 prototype");
	expect_error("BEGIN { printf(\"%d\\n\", 1, 2); }", 0,
		     "D_PRINTF_ARG_EXTRA", 1,
		     "only 1 arguments required by this format string");
	expect_error("BEGIN { printf(\"%d %s\\n\", 1); }", 0,
		     "D_PRINTF_ARG_PROTO", 1,
		     "conversion #2 (%s) is missing a corresponding value");
	expect_error("BEGIN { printf(\"%*d\\n\"); }", 0, "D_PRINTF_DYN_PROTO",
		     1, NULL);
	expect_error("BEGIN { a[1] = 1; trace(a[\"x\"]); }", 0, "D_PROTO_ARG",
		     1, "a[ ] key #1 is incompatible with prototype");
	expect_error("BEGIN { a[1] = 1; trace(a[1, 2]); }", 0, "D_PROTO_LEN",
		     1, NULL);
	expect_error("BEGIN { x = 1; trace(x[0]); }", 0, "D_ARR_BADREF", 1,
		     NULL);
	expect_error("struct s { int a; };\nBEGIN { x = (struct s)1; }", 0,
		     "D_CAST_INVAL", 2, "invalid cast expression");
	expect_error("BEGIN { trace(sizeof (void)); }", 0, "D_SIZEOF_TYPE",
		     1, NULL);
	expect_error("BEGIN { system(\"ls\"); }", 0, "D_ACT_DESTRUCT", 1,
		     "destructive actions not allowed");
	expect_error("BEGIN { x = trace(1); }", 0, "D_ACT_INEXPR", 1, NULL);
	expect_error("BEGIN { trace(\"a\" + 1); }", 0, "D_OP_INCOMPAT", 1,
		     NULL);
	expect_error("BEGIN { x = 1 }\nBEGIN { y = x->a; }", 0, "D_OP_PTR",
		     2, NULL);
	expect_error("BEGIN { x = 1; }\n\nBEGIN\n{ trace(y); }",
		     0, "D_IDENT_UNDEF", 4, "failed to resolve y");
	expect_error("BEGIN { speculate(1); printf(\"x\"); exit(0); }", 0,
		     "D_EXIT_SPEC", 1, NULL);
	expect_error("BEGIN { commit(1); trace(1); }", 0, "D_DREC_COMM", 1,
		     NULL);
	expect_error("BEGIN { @a[1][2] = count(); }", 0, "D_AGG_MDIM", 1,
		     NULL);
	expect_error("BEGIN { x = timestamp = 1; }", 0, "D_OP_WRITE", 1,
		     NULL);
	expect_error("static int x;", 0, "D_DECL_BADCLASS", 1, NULL);
	expect_error("BEGIN { printf(\"%@d\", 1); }", 0, "D_PRINTF_AGG_CONV",
		     1, NULL);
	expect_error("BEGIN { @c[\"s\"] = count(); printa(\"%d %@d\", @c); }",
		     0, "D_PRINTF_ARG_TYPE", 1, NULL);
	expect_error("struct s {\n int a;\n};\nstruct s {\n int b; };", 0,
		     "D_DECL_TYPERED", 4, NULL);
	expect_error("#pragma D nosuch\n", 0, "D_PRAGMA_INVAL", 1, NULL);
	expect_error("#include <stdio.h>\nBEGIN {}", 0, "D_PRAGCTL_INVAL", 1,
		     NULL);
	expect_error("BEGIN { trace(\"abc); }", 0, "D_STR_NL", 1, NULL);
	expect_error("BEGIN { x = 1; ", 0, "D_SYNTAX", 1, "end of input");
	expect_error("BEGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG"
		     "GGGGGGGGGGGGGGGGGGGGGGG", 0, "D_PDESC_INVAL", 1,
		     "name too long");
}

static int count_probes(void *arg, const char *prov, const char *mod,
			const char *func, const char *name)
{
	/* only dtrace:::BEGIN and tick-1s exist here */
	if (name != NULL && (strcmp(name, "BEGIN") == 0 ||
			     strcmp(name, "tick-1s") == 0))
		return 1;
	return 0;
}

static void test_pdesc_and_macros(void)
{
	dt_compile_opts_t o;
	dt_compile_error_t err;
	dt_compiler_t *c;
	char *argv[] = { "script.d", "42", "hello", "read" };
	void *dof;
	size_t size;
	int rc;
	dof_t d;
	char buf[256];

	memset(&o, 0, sizeof(o));
	o.strsize = 256;
	o.probe_count = count_probes;
	c = dt_compiler_create(&o);
	rc = dt_compile(c, "BEGIN {}\nfoo:::bar {}", "t.d", DT_SPEC_PROGRAM,
			&dof, &size, &err);
	CHECK(rc == -1 && strcmp(err.tag, "D_PDESC_ZERO") == 0 &&
	      err.line == 2 && strstr(err.msg, "probe description "
				      "foo:::bar does not match any probes"),
	      "[%s] line %d: %s", err.tag, err.line, err.msg);
	dt_compiler_destroy(c);

	o.probe_count = NULL;
	o.macro_argc = 4;
	o.macro_argv = argv;
	c = dt_compiler_create(&o);
	rc = dt_compile(c, "syscall::$3:entry { trace($1 + 1); "
			"trace($$2); }", "t.d", DT_SPEC_PROGRAM, &dof, &size,
			&err);
	CHECK(rc == 0, "macros: [%s] %s", err.tag, err.msg);
	if (rc == 0) {
		dof_open(&d, dof, size);
		CHECK(strcmp(probe_name(&d, ecb(&d, 0), buf, sizeof(buf)),
			     "syscall::read:entry") == 0, "probe %s", buf);
		free(dof);
	}
	rc = dt_compile(c, "BEGIN { trace($1); }", "t.d", DT_SPEC_PROGRAM,
			&dof, &size, &err);
	CHECK(rc == -1 && strcmp(err.tag, "D_MACRO_UNUSED") == 0 &&
	      strstr(err.msg, "extraneous argument 'hello' ($2 is not "
		     "referenced)"), "[%s] %s", err.tag, err.msg);
	rc = dt_compile(c, "BEGIN { trace($7); }", "t.d", DT_SPEC_PROGRAM,
			&dof, &size, &err);
	CHECK(rc == -1 && strcmp(err.tag, "D_MACRO_UNDEF") == 0,
	      "[%s] %s", err.tag, err.msg);
	dt_compiler_destroy(c);

	/* -x defaultargs: unset $1 is 0, unset $$2 is "" */
	o.macro_argc = 1;
	o.macro_argv = argv;
	o.flags = DT_CF_DEFAULTARGS;
	c = dt_compiler_create(&o);
	rc = dt_compile(c, "BEGIN { trace($1 + 1); trace($$2); }", "t.d",
			DT_SPEC_PROGRAM, &dof, &size, &err);
	CHECK(rc == 0, "defaultargs: [%s] %s", err.tag, err.msg);
	if (rc == 0)
		free(dof);
	dt_compiler_destroy(c);
	o.flags = 0;

	/* -f and -m specs fill the description from their own field */
	o.macro_argc = 0;
	o.macro_argv = NULL;
	c = dt_compiler_create(&o);
	rc = dt_compile(c, "syscall::read", "t.d", DT_SPEC_FUNC, &dof, &size,
			&err);
	CHECK(rc == 0, "-f: [%s] %s", err.tag, err.msg);
	if (rc == 0) {
		dof_open(&d, dof, size);
		CHECK(strcmp(probe_name(&d, ecb(&d, 0), buf, sizeof(buf)),
			     "syscall::read:") == 0, "probe %s", buf);
		free(dof);
	}
	dt_compiler_destroy(c);
}

static void test_atomic_failure(void)
{
	dt_compiler_t *c = new_compiler(0);
	dt_compile_error_t err;
	const dt_prog_t *p;
	unsigned int nstmts;
	void *dof;
	size_t size;
	int rc;

	rc = dt_compile(c, "BEGIN { a = 1; @c = count(); }", "t.d",
			DT_SPEC_PROGRAM, &dof, &size, &err);
	CHECK(rc == 0, "[%s] %s", err.tag, err.msg);
	if (rc == 0)
		free(dof);
	p = dt_compiler_prog(c);
	nstmts = p->nstmts;
	rc = dt_compile(c, "typedef int myint_t; BEGIN { b = a; @d = sum(1);"
			" }\nBEGIN { nosuch( }", "t.d", DT_SPEC_PROGRAM, &dof,
			&size, &err);
	CHECK(rc == -1 && strcmp(err.tag, "D_SYNTAX") == 0 && err.line == 2,
	      "[%s] line %d %s", err.tag, err.line, err.msg);
	CHECK(p->nstmts == nstmts && p->naggs == 1 && p->nclauses == 2,
	      "program description unchanged: %u stmts %u aggs %u clauses",
	      p->nstmts, p->naggs, p->nclauses);
	rc = dt_compile(c, "BEGIN { trace(b); }", "t.d", DT_SPEC_PROGRAM,
			&dof, &size, &err);
	CHECK(rc == -1 && strcmp(err.tag, "D_IDENT_UNDEF") == 0,
	      "b from the failed compile is gone: [%s]", err.tag);
	rc = dt_compile(c, "myint_t x;", "t.d", DT_SPEC_PROGRAM, &dof, &size,
			&err);
	CHECK(rc == -1, "typedef from the failed compile is gone");
	rc = dt_compile(c, "BEGIN { trace(a); @c = count(); }", "t.d",
			DT_SPEC_PROGRAM, &dof, &size, &err);
	CHECK(rc == 0, "a and @c are shared with the first source: [%s] %s",
	      err.tag, err.msg);
	if (rc == 0) {
		dof_t d;

		dof_open(&d, dof, size);
		CHECK(necbs(&d) == 1, "the ERROR enabling is added only once");
		free(dof);
	}
	CHECK(p->naggs == 1, "same aggregation");
	dt_compiler_destroy(c);
}

static void test_disasm(void)
{
	dt_compile_opts_t o;
	dt_compile_error_t err;
	dt_compiler_t *c;
	char *text = NULL;
	size_t len = 0, size;
	void *dof;
	FILE *fp = open_memstream(&text, &len);

	memset(&o, 0, sizeof(o));
	o.flags = DT_CF_DISASM;
	o.strsize = 256;
	o.disasm_fp = fp;
	c = dt_compiler_create(&o);
	if (dt_compile(c, "BEGIN /pid/ { x = 3; trace(x); }", "t.d",
		       DT_SPEC_PROGRAM, &dof, &size, &err) == 0)
		free(dof);
	fclose(fp);
	CHECK(text != NULL && strstr(text, "predicate") &&
	      strstr(text, "OFF OPCODE      INSTRUCTION") &&
	      strstr(text, "setx    DT_INTEGER[0], %r1") &&
	      strstr(text, "! 0x3") && strstr(text, "stgs") &&
	      strstr(text, "ret     %r1"), "disassembly:\n%s", text);
	free(text);
	dt_compiler_destroy(c);
}

static void test_cpp(void)
{
	dt_compile_opts_t o;
	dt_compile_error_t err;
	dt_compiler_t *c;
	char *argv[] = { "-DVALUE=7" };
	void *dof;
	size_t size;
	int rc;

	memset(&o, 0, sizeof(o));
	o.flags = DT_CF_CPP;
	o.strsize = 256;
	o.cpp_argc = 1;
	o.cpp_argv = argv;
	c = dt_compiler_create(&o);
	rc = dt_compile(c, "#define TWICE(x) ((x) * 2)\nBEGIN { trace(TWICE("
			"VALUE)); }\n", "t.d", DT_SPEC_PROGRAM, &dof, &size,
			&err);
	CHECK(rc == 0, "-C: [%s] %s", err.tag, err.msg);
	if (rc == 0)
		free(dof);
	rc = dt_compile(c, "#define X 1\n\n\nBEGIN { trace(nosuch); }\n",
			"t.d", DT_SPEC_PROGRAM, &dof, &size, &err);
	CHECK(rc == -1 && err.line == 4, "-C keeps the user's lines: %d",
	      err.line);
	dt_compiler_destroy(c);
}

int main(void)
{
	if (dtrace_core_init() != 0 || dtrace_providers_init() != 0) {
		UNIT_SETUP_FAILED("cannot start the core");
	}
	test_trace();
	test_clauses_and_predicates();
	test_aggregations();
	test_printf_layout();
	test_language();
	test_destructive();
	test_errors();
	test_pdesc_and_macros();
	test_atomic_failure();
	test_disasm();
	test_cpp();
	return unit_summary();
}
