// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the DIF emulator and its subroutines: small programs are
 * assembled here, verified, declared to a variable state and run the way
 * a probe firing runs them, against the real user-space host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "core/dif_vm.h"
#include "dif_asm.h"
#include "unit.h"

/* speculation() comes from the framework; a stand-in when not linked. */
__attribute__((weak)) uint64_t dtrace_speculation_new(struct dtrace_state *s)
{
	return 7;
}

/* ---- a firing -------------------------------------------------------- */

#define STRSIZE	64

static dtrace_vstate_t *vs;
static char scratch[4096] __attribute__((aligned(8)));
static uint64_t locals[16];
static dtrace_mstate_t mst;
static const dtrace_probe_names_t names = { "prov", "mod", "func", "name" };
static uintptr_t probe_site;	/* mst.from of the firings */

static void firing(void)
{
	int i;

	memset(&mst, 0, sizeof(mst));
	for (i = 0; i < 10; i++)
		mst.args[i] = 100 + i;
	mst.probeid = 42;
	mst.epid = 9;
	mst.probe = &names;
	mst.timestamp = 123456789;
	mst.scratch_base = mst.scratch_ptr = (uintptr_t)scratch;
	mst.scratch_size = sizeof(scratch);
	mst.locals = locals;
	mst.from = probe_site;
}

/* Verify, declare and run; a verifier refusal is a test failure. */
static uint64_t run(prog_t *p)
{
	dtrace_difo_t dp = difo(p);
	char err[256];

	firing();
	if (dtrace_difo_verify(&dp, err, sizeof(err)) != 0) {
		printf("verify: %s\n", err);
		mst.fault = 99;
		return 0;
	}
	if (dtrace_vstate_add_difo(vs, &dp, err, sizeof(err)) != 0) {
		printf("add_difo: %s\n", err);
		mst.fault = 98;
		return 0;
	}
	return dtrace_dif_emulate(&dp, &mst, vs);
}

/* rd = a OP b; ret rd */
static uint64_t alu(int op, uint64_t a, uint64_t b)
{
	prog_t p = { 0 };

	setx(&p, 1, a);
	setx(&p, 2, b);
	emit(&p, DIF_INSTR_ALU(op, 1, 2, 3));
	emit(&p, DIF_INSTR_RET(3));
	return run(&p);
}

static void test_alu(void)
{
	int64_t a = -7, b = 2;

	CHECK(alu(DIF_OP_ADD, 5, 3) == 8, "add");
	CHECK(alu(DIF_OP_SUB, 5, 8) == (uint64_t)-3, "sub");
	CHECK(alu(DIF_OP_MUL, 6, 7) == 42, "mul");
	CHECK((int64_t)alu(DIF_OP_SDIV, a, b) == a / b, "sdiv");
	CHECK((int64_t)alu(DIF_OP_SREM, a, b) == a % b, "srem");
	CHECK(alu(DIF_OP_UDIV, (uint64_t)a, b) == (uint64_t)a / 2, "udiv");
	CHECK(alu(DIF_OP_UREM, 17, 5) == 2, "urem");
	CHECK(alu(DIF_OP_AND, 0xf0f0, 0xff00) == 0xf000, "and");
	CHECK(alu(DIF_OP_OR, 0xf0f0, 0x0f00) == 0xfff0, "or");
	CHECK(alu(DIF_OP_XOR, 0xff, 0x0f) == 0xf0, "xor");
	CHECK(alu(DIF_OP_SLL, 1, 40) == 1ull << 40, "sll");
	CHECK(alu(DIF_OP_SRL, (uint64_t)a, 60) == 0xf, "srl is logical");
	CHECK((int64_t)alu(DIF_OP_SRA, (uint64_t)a, 1) == a >> 1,
	      "sra is arithmetic");
	CHECK((int64_t)alu(DIF_OP_SDIV, INT64_MIN, -1) == INT64_MIN,
	      "INT64_MIN / -1 wraps instead of trapping");
	CHECK(mst.fault == 0, "no fault: %u", mst.fault);
}

static void test_divzero(void)
{
	alu(DIF_OP_UDIV, 1, 0);
	CHECK(mst.fault == DTRACEFLT_DIVZERO, "fault %u", mst.fault);
	CHECK(mst.fault_pc == 2, "fault_pc %u", mst.fault_pc);
	alu(DIF_OP_SREM, 1, 0);
	CHECK(mst.fault == DTRACEFLT_DIVZERO, "srem fault %u", mst.fault);
}

/* 1 when branch 'op' is taken after cmp a, b; else 0. */
static uint64_t branch(int op, uint64_t a, uint64_t b)
{
	prog_t p = { 0 };

	setx(&p, 1, a);
	setx(&p, 2, b);
	setx(&p, 3, 1);
	emit(&p, DIF_INSTR_CMP(DIF_OP_CMP, 1, 2));
	emit(&p, DIF_INSTR_BRANCH(op, 6));
	emit(&p, DIF_INSTR_MOV(0, 3));
	emit(&p, DIF_INSTR_RET(3));
	return run(&p);
}

static void test_branches(void)
{
	uint64_t m1 = (uint64_t)-1;

	CHECK(branch(DIF_OP_BL, m1, 1) == 1, "-1 < 1 signed");
	CHECK(branch(DIF_OP_BLU, m1, 1) == 0, "-1 > 1 unsigned");
	CHECK(branch(DIF_OP_BGU, m1, 1) == 1, "bgu");
	CHECK(branch(DIF_OP_BG, m1, 1) == 0, "bg");
	CHECK(branch(DIF_OP_BE, 4, 4) == 1, "be");
	CHECK(branch(DIF_OP_BNE, 4, 4) == 0, "bne");
	CHECK(branch(DIF_OP_BGE, 4, 4) == 1, "bge equal");
	CHECK(branch(DIF_OP_BLE, 5, 4) == 0, "ble");
	CHECK(branch(DIF_OP_BLEU, 4, 5) == 1, "bleu");
	CHECK(branch(DIF_OP_BGEU, 3, 5) == 0, "bgeu");
	CHECK(branch(DIF_OP_BA, 0, 0) == 1, "ba");
	CHECK(branch(DIF_OP_BL, INT64_MIN, 1) == 1,
	      "signed compare does not overflow");
}

static int64_t scmp(const char *a, const char *b)
{
	prog_t p = { 0 };

	sets(&p, 1, a);
	sets(&p, 2, b);
	setx(&p, 3, 1);
	setx(&p, 4, -1);
	emit(&p, DIF_INSTR_CMP(DIF_OP_SCMP, 1, 2));
	emit(&p, DIF_INSTR_BRANCH(DIF_OP_BG, 10));	/* a > b: 1 */
	emit(&p, DIF_INSTR_BRANCH(DIF_OP_BL, 9));	/* a < b: -1 */
	emit(&p, DIF_INSTR_MOV(0, 3));			/* equal: 0 */
	emit(&p, DIF_INSTR_RET(3));
	emit(&p, DIF_INSTR_RET(4));
	emit(&p, DIF_INSTR_RET(3));
	return (int64_t)run(&p);
}

static void test_scmp(void)
{
	CHECK(scmp("abc", "abd") == -1, "abc < abd");
	CHECK(scmp("abd", "abc") == 1, "abd > abc");
	CHECK(scmp("abc", "abc") == 0, "equal");
	CHECK(scmp("ab", "abc") == -1, "prefix sorts first");
}

static uint64_t target = 0x1122334455667788ull;

static uint64_t load(int op, uint64_t addr)
{
	prog_t p = { 0 };

	setx(&p, 1, addr);
	emit(&p, DIF_INSTR_LOAD(op, 1, 2));
	emit(&p, DIF_INSTR_RET(2));
	return run(&p);
}

static void test_loads(void)
{
	uintptr_t t = (uintptr_t)&target;
	int8_t neg = -5;

	CHECK(load(DIF_OP_LDX, t) == target, "ldx from process memory");
	CHECK(load(DIF_OP_LDUB, t) == 0x88, "ldub");
	CHECK(load(DIF_OP_LDUW, t + 4) == 0x11223344, "lduw");
	CHECK((int64_t)load(DIF_OP_LDSB, (uintptr_t)&neg) == -5, "ldsb");
	load(DIF_OP_LDX, 8);
	CHECK(mst.fault == DTRACEFLT_BADADDR && mst.illval == 8,
	      "bad address: fault %u illval %llu", mst.fault,
	      (unsigned long long)mst.illval);
	CHECK(mst.fault_pc == 1, "fault_pc %u", mst.fault_pc);
	load(DIF_OP_LDX, t + 1);
	CHECK(mst.fault == DTRACEFLT_BADALIGN, "misaligned: %u", mst.fault);
}

/* store v with 'op' to addr, then load it back with ldx from addr */
static uint64_t store(int op, uint64_t addr, uint64_t v)
{
	prog_t p = { 0 };

	setx(&p, 1, v);
	setx(&p, 2, addr);
	emit(&p, DIF_INSTR_STORE(op, 1, 2));
	emit(&p, DIF_INSTR_RET(0));
	return run(&p);
}

static void test_stores(void)
{
	prog_t p = { 0 };
	uint64_t r;

	/* allocs 16; stw 0xdeadbeef at +4; ldx at 0 */
	setx(&p, 1, 16);
	emit(&p, DIF_INSTR_ALLOCS(1, 2));
	setx(&p, 3, 4);
	emit(&p, DIF_INSTR_ALU(DIF_OP_ADD, 2, 3, 4));
	setx(&p, 5, 0xdeadbeef);
	emit(&p, DIF_INSTR_STORE(DIF_OP_STW, 5, 4));
	emit(&p, DIF_INSTR_LOAD(DIF_OP_LDX, 2, 6));
	emit(&p, DIF_INSTR_RET(6));
	r = run(&p);
	CHECK(mst.fault == 0 && r == 0xdeadbeef00000000ull,
	      "store into scratch: fault %u r %llx", mst.fault,
	      (unsigned long long)r);

	store(DIF_OP_STX, (uintptr_t)&target, 1);
	CHECK(mst.fault == DTRACEFLT_BADADDR && target != 1,
	      "store outside core memory refused: %u", mst.fault);
	store(DIF_OP_STB, (uintptr_t)scratch + 100, 1);
	CHECK(mst.fault == DTRACEFLT_BADADDR,
	      "store past the allocated scratch refused: %u", mst.fault);
}

/* copys: from the string table into scratch, and to a forbidden place */
static void test_copys(void)
{
	prog_t p = { 0 };
	uint64_t r;

	setx(&p, 1, 8);
	emit(&p, DIF_INSTR_ALLOCS(1, 2));
	sets(&p, 3, "hello");
	setx(&p, 4, 6);
	emit(&p, DIF_INSTR_COPYS(3, 4, 2));
	emit(&p, DIF_INSTR_RET(2));
	r = run(&p);
	CHECK(mst.fault == 0 && strcmp((char *)r, "hello") == 0,
	      "copys into scratch: fault %u", mst.fault);

	/* a string that fills its scratch allocation without a NUL */
	memset(&p, 0, sizeof(p));
	setx(&p, 1, 3);
	emit(&p, DIF_INSTR_ALLOCS(1, 2));
	sets(&p, 3, "xyz");
	emit(&p, DIF_INSTR_COPYS(3, 1, 2));
	emit(&p, DIF_INSTR_FLUSHTS);
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 2));
	emit(&p, DIF_INSTR_CALL(DIF_SUBR_STRLEN, 4));
	emit(&p, DIF_INSTR_RET(4));
	r = run(&p);
	CHECK(mst.fault == 0 && r == 3,
	      "an unterminated scratch string ends with its allocation: "
	      "fault %u, strlen %llu", mst.fault, (unsigned long long)r);

	memset(&p, 0, sizeof(p));
	sets(&p, 3, "hello");
	setx(&p, 4, 6);
	setx(&p, 2, (uintptr_t)&target);
	emit(&p, DIF_INSTR_COPYS(3, 4, 2));
	emit(&p, DIF_INSTR_RET(0));
	run(&p);
	CHECK(mst.fault == DTRACEFLT_BADADDR && mst.illval ==
	      (uintptr_t)&target, "copys outside core memory: %u", mst.fault);
}

static void test_scratch_exhaustion(void)
{
	prog_t p = { 0 };

	setx(&p, 1, sizeof(scratch) + 1);
	emit(&p, DIF_INSTR_ALLOCS(1, 2));
	emit(&p, DIF_INSTR_RET(2));
	run(&p);
	CHECK(mst.fault == DTRACEFLT_NOSCRATCH, "fault %u", mst.fault);
}

static uint64_t builtin(uint32_t id)
{
	prog_t p = { 0 };

	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGS, id, 1));
	emit(&p, DIF_INSTR_RET(1));
	return run(&p);
}

static uint64_t ldga(uint64_t ndx)
{
	prog_t p = { 0 };

	setx(&p, 1, ndx);
	emit(&p, DIF_INSTR_LDA(DIF_OP_LDGA, DIF_VAR_ARGS, 1, 2));
	emit(&p, DIF_INSTR_RET(2));
	return run(&p);
}

static void test_builtins(void)
{
	char comm[16];

	CHECK(builtin(DIF_VAR_ARG0 + 3) == 103, "arg3");
	CHECK(ldga(9) == 109, "args[9]");
	CHECK(ldga(12) == 0, "args[12]");
	CHECK(builtin(DIF_VAR_PID) == (uint64_t)getpid(), "pid");
	CHECK(builtin(DIF_VAR_PPID) == (uint64_t)getppid(), "ppid");
	CHECK(builtin(DIF_VAR_UID) == getuid(), "uid");
	CHECK(builtin(DIF_VAR_EPID) == 9, "epid");
	CHECK(builtin(DIF_VAR_ID) == 42, "id");
	CHECK(builtin(DIF_VAR_TIMESTAMP) == 123456789, "timestamp");
	CHECK(builtin(DIF_VAR_CURCPU) == 0, "cpu");
	CHECK(strcmp((char *)builtin(DIF_VAR_PROBEFUNC), "func") == 0,
	      "probefunc");
	CHECK(strcmp((char *)builtin(DIF_VAR_PROBEPROV), "prov") == 0,
	      "probeprov");
	snprintf(comm, sizeof(comm), "%s", program_invocation_short_name);
	CHECK(strcmp((char *)builtin(DIF_VAR_EXECNAME), comm) == 0,
	      "execname");
	CHECK(builtin(DIF_VAR_WALLTIMESTAMP) > 1500000000ull * 1000000000,
	      "walltimestamp is after 2017");
}

/*
 * Stacks begin at the probe site, the return address dtrace_probe()
 * records in mst.from: here, the frame this function returns to.
 * Without one on the stack there is no stack at all.
 */
static void test_stack_builtins(void)
{
	uint64_t depth, caller;

	probe_site = (uintptr_t)__builtin_return_address(0);
	depth = builtin(DIF_VAR_STACKDEPTH);
	caller = builtin(DIF_VAR_CALLER);
	CHECK(mst.fault == 0 && depth >= 2 && depth < 64,
	      "stackdepth %llu, fault %u", (unsigned long long)depth,
	      mst.fault);
	CHECK(caller != 0 && caller != probe_site, "caller 0x%llx",
	      (unsigned long long)caller);
	CHECK(builtin(DIF_VAR_USTACKDEPTH) == depth, "ustackdepth (the "
	      "user host's user stack is its stack)");
	CHECK(builtin(DIF_VAR_UCALLER) == caller, "ucaller");
	probe_site = 0;
	CHECK(builtin(DIF_VAR_STACKDEPTH) == 0 && builtin(DIF_VAR_CALLER) == 0,
	      "no probe site, no frames");
}

static void test_globals_and_locals(void)
{
	uint32_t g = DIF_VAR_OTHER_UBASE, s = DIF_VAR_OTHER_UBASE + 1;
	prog_t p = { 0 };
	uint64_t r;

	/* g = 41; s = "hello" (store), in a first firing */
	var(&p, g, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR, DIF_TYPE_CTF, 8);
	var(&p, s, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR, DIF_TYPE_STRING,
	    STRSIZE);
	setx(&p, 1, 41);
	emit(&p, DIF_INSTR_STV(DIF_OP_STGS, g, 1));
	sets(&p, 2, "hello");
	emit(&p, DIF_INSTR_STV(DIF_OP_STGS, s, 2));
	emit(&p, DIF_INSTR_RET(0));
	run(&p);
	CHECK(mst.fault == 0, "stores: fault %u", mst.fault);

	/* a later firing: g + 1 and the string */
	memset(&p, 0, sizeof(p));
	var(&p, g, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR, DIF_TYPE_CTF, 8);
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGS, g, 1));
	setx(&p, 2, 1);
	emit(&p, DIF_INSTR_ALU(DIF_OP_ADD, 1, 2, 1));
	emit(&p, DIF_INSTR_RET(1));
	CHECK(run(&p) == 42, "global scalar keeps its value");

	memset(&p, 0, sizeof(p));
	var(&p, s, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR, DIF_TYPE_STRING,
	    STRSIZE);
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGS, s, 1));
	emit(&p, DIF_INSTR_RET(1));
	r = run(&p);
	CHECK(r != 0 && strcmp((char *)r, "hello") == 0,
	      "global string is copied into its storage");

	/* this->x = arg1 * 2; return this->x */
	memset(&p, 0, sizeof(p));
	var(&p, g, DIF_VSCOPE_LOCAL, DIF_VKIND_SCALAR, DIF_TYPE_CTF, 8);
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGS, DIF_VAR_ARG0 + 1, 1));
	emit(&p, DIF_INSTR_ALU(DIF_OP_ADD, 1, 1, 1));
	emit(&p, DIF_INSTR_STV(DIF_OP_STLS, g, 1));
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDLS, g, 2));
	emit(&p, DIF_INSTR_RET(2));
	CHECK(run(&p) == 202, "clause-local");

	/* this->s = "abc": the value is copied into scratch */
	memset(&p, 0, sizeof(p));
	var(&p, s, DIF_VSCOPE_LOCAL, DIF_VKIND_SCALAR, DIF_TYPE_STRING,
	    STRSIZE);
	sets(&p, 1, "abc");
	emit(&p, DIF_INSTR_STV(DIF_OP_STLS, s, 1));
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDLS, s, 2));
	emit(&p, DIF_INSTR_RET(2));
	r = run(&p);
	CHECK(mst.fault == 0 && r >= (uintptr_t)scratch &&
	      r < (uintptr_t)scratch + sizeof(scratch) &&
	      strcmp((char *)r, "abc") == 0,
	      "clause-local string lives in scratch");
	CHECK(dtrace_vstate_nlocals(vs) >= 1, "nlocals counts the local");
}

/* ---- subroutines ------------------------------------------------- */

/* An argument: a string (pushed by reference) or an integer. */
typedef struct sarg {
	const char	*s;
	uint64_t	v;
} sarg_t;

#define S(x)	((sarg_t){ .s = (x) })
#define V(x)	((sarg_t){ .v = (uint64_t)(x) })

static uint64_t call(uint32_t subr, int n, const sarg_t *args)
{
	prog_t p = { 0 };
	int i;

	emit(&p, DIF_INSTR_FLUSHTS);
	for (i = 0; i < n; i++) {
		if (args[i].s) {
			sets(&p, 1, args[i].s);
			emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
		} else {
			setx(&p, 1, args[i].v);
			emit(&p, DIF_INSTR_PUSHTV(1));
		}
	}
	emit(&p, DIF_INSTR_CALL(subr, 2));
	emit(&p, DIF_INSTR_RET(2));
	return run(&p);
}

#define CALL(subr, ...) \
	call(subr, sizeof((sarg_t[]){ __VA_ARGS__ }) / sizeof(sarg_t), \
	     (sarg_t[]){ __VA_ARGS__ })

/* The string a subroutine returned, or "<NULL>" / "<fault N>". */
static const char *sres(uint64_t r)
{
	static char buf[32];

	if (mst.fault) {
		snprintf(buf, sizeof(buf), "<fault %u>", mst.fault);
		return buf;
	}
	return r ? (const char *)r : "<NULL>";
}

#define CHECK_STR(expr, want) do {					\
	const char *got_ = sres(expr);					\
	CHECK(strcmp(got_, want) == 0, "%s: got \"%s\", want \"%s\"",	\
	      #expr, got_, want);					\
} while (0)

static void test_string_subrs(void)
{
	char big[2 * STRSIZE];

	CHECK(CALL(DIF_SUBR_STRLEN, S("hello")) == 5, "strlen");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(CALL(DIF_SUBR_STRLEN, V((uintptr_t)big)) == STRSIZE,
	      "strlen is bounded by strsize");
	CHECK_STR(CALL(DIF_SUBR_STRJOIN, S("foo"), S("bar")), "foobar");
	CHECK(strlen(sres(CALL(DIF_SUBR_STRJOIN, S(big + STRSIZE),
			       S(big + STRSIZE)))) == STRSIZE,
	      "strjoin is bounded by strsize");
	CHECK_STR(CALL(DIF_SUBR_SUBSTR, S("hello world"), V(6)), "world");
	CHECK_STR(CALL(DIF_SUBR_SUBSTR, S("hello"), V(1), V(3)), "ell");
	CHECK_STR(CALL(DIF_SUBR_SUBSTR, S("hello"), V(-3)), "llo");
	CHECK_STR(CALL(DIF_SUBR_SUBSTR, S("hello"), V(-7), V(4)), "he");
	CHECK_STR(CALL(DIF_SUBR_SUBSTR, S("hello"), V(1), V(-1)), "ell");
	CHECK_STR(CALL(DIF_SUBR_SUBSTR, S("hello"), V(9)), "");
	CHECK(CALL(DIF_SUBR_INDEX, S("foofoo"), S("foo")) == 0, "index");
	CHECK(CALL(DIF_SUBR_INDEX, S("foofoo"), S("foo"), V(1)) == 3,
	      "index with start");
	CHECK((int64_t)CALL(DIF_SUBR_INDEX, S("foo"), S("bar")) == -1,
	      "index not found");
	CHECK(CALL(DIF_SUBR_RINDEX, S("foofoo"), S("foo")) == 3, "rindex");
	CHECK(CALL(DIF_SUBR_RINDEX, S("foofoo"), S("foo"), V(2)) == 0,
	      "rindex with start");
	CHECK_STR(CALL(DIF_SUBR_STRCHR, S("a/b/c"), V('/')), "/b/c");
	CHECK_STR(CALL(DIF_SUBR_STRRCHR, S("a/b/c"), V('/')), "/c");
	CHECK_STR(CALL(DIF_SUBR_STRCHR, S("abc"), V('z')), "<NULL>");
	CHECK_STR(CALL(DIF_SUBR_STRSTR, S("hello world"), S("o w")),
		  "o world");
	CHECK_STR(CALL(DIF_SUBR_STRSTR, S("hello"), S("xyz")), "<NULL>");
	CHECK_STR(CALL(DIF_SUBR_TOUPPER, S("MiXed 1")), "MIXED 1");
	CHECK_STR(CALL(DIF_SUBR_TOLOWER, S("MiXed 1")), "mixed 1");
	CHECK(CALL(DIF_SUBR_STRTOLL, S("  -1234")) == (uint64_t)-1234,
	      "strtoll");
	CHECK(CALL(DIF_SUBR_STRTOLL, S("0x1f"), V(16)) == 31,
	      "strtoll base 16");
	CHECK(CALL(DIF_SUBR_STRTOLL, S("777"), V(8)) == 511,
	      "strtoll base 8");
}

static void test_lltostr(void)
{
	char want[32];

	snprintf(want, sizeof(want), "%lld", (long long)INT64_MIN);
	CHECK_STR(CALL(DIF_SUBR_LLTOSTR, V(INT64_MIN)), want);
	CHECK_STR(CALL(DIF_SUBR_LLTOSTR, V(-42)), "-42");
	CHECK_STR(CALL(DIF_SUBR_LLTOSTR, V(0)), "0");
	CHECK_STR(CALL(DIF_SUBR_LLTOSTR, V(255), V(16)), "0xff");
	CHECK_STR(CALL(DIF_SUBR_LLTOSTR, V(8), V(8)), "010");
	CHECK_STR(CALL(DIF_SUBR_LLTOSTR, V(5), V(2)), "101");
	CALL(DIF_SUBR_LLTOSTR, V(5), V(1));
	CHECK(mst.fault == DTRACEFLT_ILLOP, "base 1 faults: %u", mst.fault);
}

static void test_paths(void)
{
	CHECK_STR(CALL(DIF_SUBR_BASENAME, S("/usr/lib/libc.so")), "libc.so");
	CHECK_STR(CALL(DIF_SUBR_BASENAME, S("/usr/lib/")), "lib");
	CHECK_STR(CALL(DIF_SUBR_BASENAME, S("/")), "/");
	CHECK_STR(CALL(DIF_SUBR_BASENAME, S("")), ".");
	CHECK_STR(CALL(DIF_SUBR_BASENAME, S("file")), "file");
	CHECK_STR(CALL(DIF_SUBR_DIRNAME, S("/usr/lib/libc.so")), "/usr/lib");
	CHECK_STR(CALL(DIF_SUBR_DIRNAME, S("/usr/lib//")), "/usr");
	CHECK_STR(CALL(DIF_SUBR_DIRNAME, S("/usr")), "/");
	CHECK_STR(CALL(DIF_SUBR_DIRNAME, S("file")), ".");
	CHECK_STR(CALL(DIF_SUBR_DIRNAME, S("/")), "/");
	CHECK_STR(CALL(DIF_SUBR_CLEANPATH, S("/a//b/./c/../d")), "/a/b/d");
	CHECK_STR(CALL(DIF_SUBR_CLEANPATH, S("/../a")), "/a");
	CHECK_STR(CALL(DIF_SUBR_CLEANPATH, S("../a/../../b")), "../../b");
	CHECK_STR(CALL(DIF_SUBR_CLEANPATH, S("/a/b/../..")), "/");
}

static void test_strtok(void)
{
	CHECK_STR(CALL(DIF_SUBR_STRTOK, S(",,a,bc,,d"), S(",")), "a");
	CHECK_STR(CALL(DIF_SUBR_STRTOK, V(0), S(",")), "bc");
	CHECK_STR(CALL(DIF_SUBR_STRTOK, V(0), S(",")), "d");
	CHECK_STR(CALL(DIF_SUBR_STRTOK, V(0), S(",")), "<NULL>");
	CHECK_STR(CALL(DIF_SUBR_STRTOK, S("x y"), S(" ")), "x");
}

/* strtok(NULL, " ") with NULL pushed as a string reference */
static void test_strtok_null_string(void)
{
	prog_t p = { 0 };

	emit(&p, DIF_INSTR_FLUSHTS);
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 0));
	sets(&p, 1, " ");
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
	emit(&p, DIF_INSTR_CALL(DIF_SUBR_STRTOK, 2));
	emit(&p, DIF_INSTR_RET(2));
	CHECK_STR(run(&p), "y");
}

static void test_net(void)
{
	uint8_t v4[4] = { 192, 168, 1, 20 };
	struct in6_addr a6;
	char want[64];
	static const char *const six[] = {
		"2001:db8::1", "::", "::1", "fe80::1:2:3:4", "1:0:0:1::1",
		"::ffff:10.1.2.3", "1:2:3:4:5:6:7:8", "2001:db8:0:1::",
	};
	size_t i;

	CHECK(CALL(DIF_SUBR_HTONS, V(0x1234)) == htons(0x1234), "htons");
	CHECK(CALL(DIF_SUBR_NTOHL, V(0x12345678)) == ntohl(0x12345678),
	      "ntohl");
	CHECK(CALL(DIF_SUBR_HTONLL, V(0x0102030405060708ull)) ==
	      0x0807060504030201ull, "htonll");
	CHECK_STR(CALL(DIF_SUBR_INET_NTOA, V((uintptr_t)v4)), "192.168.1.20");
	CHECK_STR(CALL(DIF_SUBR_INET_NTOP, V(AF_INET), V((uintptr_t)v4)),
		  "192.168.1.20");
	for (i = 0; i < sizeof(six) / sizeof(six[0]); i++) {
		inet_pton(AF_INET6, six[i], &a6);
		inet_ntop(AF_INET6, &a6, want, sizeof(want));
		CHECK_STR(CALL(DIF_SUBR_INET_NTOA6, V((uintptr_t)&a6)), want);
		CHECK_STR(CALL(DIF_SUBR_INET_NTOP, V(AF_INET6),
			       V((uintptr_t)&a6)), want);
	}
	CALL(DIF_SUBR_INET_NTOA, V(16));
	CHECK(mst.fault == DTRACEFLT_BADADDR, "bad address: %u", mst.fault);
}

static void test_memory_subrs(void)
{
	static const char user[] = "from user space";
	uint64_t a, b, r;
	prog_t p = { 0 };

	CHECK_STR(CALL(DIF_SUBR_COPYINSTR, V((uintptr_t)user)), user);
	CHECK_STR(CALL(DIF_SUBR_COPYINSTR, V((uintptr_t)user), V(4)), "from");
	r = CALL(DIF_SUBR_COPYIN, V((uintptr_t)user), V(4));
	CHECK(mst.fault == 0 && memcmp((void *)r, user, 4) == 0, "copyin");
	CALL(DIF_SUBR_COPYIN, V(24), V(4));
	CHECK(mst.fault == DTRACEFLT_BADADDR && mst.illval == 24,
	      "copyin of a bad address: %u", mst.fault);
	a = CALL(DIF_SUBR_ALLOCA, V(3));
	CHECK(mst.fault == 0 && a % 8 == 0, "alloca is 8-byte aligned");

	/* bcopy(user, alloca(8), 8) then read the first 8 bytes back */
	setx(&p, 1, 8);
	emit(&p, DIF_INSTR_PUSHTV(1));
	emit(&p, DIF_INSTR_CALL(DIF_SUBR_ALLOCA, 2));
	emit(&p, DIF_INSTR_FLUSHTS);
	setx(&p, 3, (uintptr_t)user);
	emit(&p, DIF_INSTR_PUSHTV(3));
	emit(&p, DIF_INSTR_PUSHTV(2));
	emit(&p, DIF_INSTR_PUSHTV(1));
	emit(&p, DIF_INSTR_CALL(DIF_SUBR_BCOPY, 4));
	emit(&p, DIF_INSTR_LOAD(DIF_OP_LDX, 2, 5));
	emit(&p, DIF_INSTR_RET(5));
	r = run(&p);
	memcpy(&b, user, 8);
	CHECK(mst.fault == 0 && r == b, "bcopy into alloca'd scratch");

	CALL(DIF_SUBR_BCOPY, V((uintptr_t)user), V((uintptr_t)&target), V(8));
	CHECK(mst.fault == DTRACEFLT_BADADDR, "bcopy outside scratch: %u",
	      mst.fault);
	CHECK(CALL(DIF_SUBR_PROGENYOF, V(getpid())) == 1, "progenyof(self)");
	CHECK(CALL(DIF_SUBR_PROGENYOF, V(getpid() + 100000)) == 0,
	      "progenyof(stranger)");
	CHECK(CALL(DIF_SUBR_SPECULATION) == 7, "speculation");
	a = CALL(DIF_SUBR_RAND);
	b = CALL(DIF_SUBR_RAND);
	CHECK(a != b, "rand moves on");
	CALL(DIF_SUBR_STRLEN);
	CHECK(mst.fault == DTRACEFLT_ILLOP, "missing argument: %u",
	      mst.fault);
}

/* ---- strings of strsize characters ------------------------------ */

/* A string of n copies of 'x' followed by 'last' (when not NUL). */
static const char *xs(size_t n, char last)
{
	static char buf[4][2 * STRSIZE + 2];
	static int next;
	char *b = buf[next++ % 4];

	memset(b, 'x', n);
	b[n] = last;
	b[n + 1] = '\0';
	return b;
}

/* Store s into a global string variable, then load it back. */
static const char *global_roundtrip(const char *s)
{
	uint32_t id = DIF_VAR_OTHER_UBASE + 5;
	static char copy[2 * STRSIZE];
	prog_t p = { 0 };
	uint64_t r;

	var(&p, id, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR, DIF_TYPE_STRING,
	    STRSIZE);
	setx(&p, 1, (uintptr_t)s);
	emit(&p, DIF_INSTR_STV(DIF_OP_STGS, id, 1));
	emit(&p, DIF_INSTR_RET(0));
	run(&p);
	if (mst.fault)
		return "<fault>";
	memset(&p, 0, sizeof(p));
	var(&p, id, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR, DIF_TYPE_STRING,
	    STRSIZE);
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGS, id, 1));
	emit(&p, DIF_INSTR_RET(1));
	r = run(&p);
	/* the storage must hold its NUL: read it as a C string */
	snprintf(copy, sizeof(copy), "%s", (const char *)r);
	return copy;
}

/* Store v at a[key] in a global array of int, or load a[key] (v 0). */
static uint64_t assoc(const char *key, uint64_t v, bool store)
{
	uint32_t id = DIF_VAR_OTHER_UBASE + 6;
	prog_t p = { 0 };

	var(&p, id, DIF_VSCOPE_GLOBAL, DIF_VKIND_ARRAY, DIF_TYPE_CTF, 8);
	emit(&p, DIF_INSTR_FLUSHTS);
	setx(&p, 1, (uintptr_t)key);
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
	if (store) {
		setx(&p, 2, v);
		emit(&p, DIF_INSTR_STV(DIF_OP_STGAA, id, 2));
	} else {
		emit(&p, DIF_INSTR_LDV(DIF_OP_LDGAA, id, 2));
	}
	emit(&p, DIF_INSTR_RET(2));
	return run(&p);
}

/* self->s = s, then the C string self->s reads back as. */
static const char *thread_roundtrip(const char *s)
{
	uint32_t id = DIF_VAR_OTHER_UBASE + 7;
	static char copy[2 * STRSIZE];
	prog_t p = { 0 };
	uint64_t r;

	var(&p, id, DIF_VSCOPE_THREAD, DIF_VKIND_SCALAR, DIF_TYPE_STRING,
	    STRSIZE);
	setx(&p, 1, (uintptr_t)s);
	emit(&p, DIF_INSTR_STV(DIF_OP_STTS, id, 1));
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDTS, id, 2));
	emit(&p, DIF_INSTR_RET(2));
	r = run(&p);
	if (mst.fault || r == 0)
		return "<fault>";
	snprintf(copy, sizeof(copy), "%s", (const char *)r);
	return copy;
}

/*
 * A D string holds strsize characters: a string of exactly STRSIZE
 * characters is kept whole everywhere, one of STRSIZE + 1 loses its last
 * character, and the empty string stays empty.
 */
static void test_strsize_boundary(void)
{
	dtrace_vstate_t *shared = vs;
	char full[STRSIZE + 1], over[STRSIZE + 2], want[STRSIZE + 1];

	/* a state of its own: its arrays are sized by these programs */
	if (dtrace_vstate_create(&vs, 1 << 16, STRSIZE, 1) != 0) {
		CHECK(0, "cannot create a variable state");
		vs = shared;
		return;
	}
	/* declare the dynamic variables first: chunks are sized once */
	{
		prog_t p = { 0 };

		var(&p, DIF_VAR_OTHER_UBASE + 6, DIF_VSCOPE_GLOBAL,
		    DIF_VKIND_ARRAY, DIF_TYPE_CTF, 8);
		var(&p, DIF_VAR_OTHER_UBASE + 7, DIF_VSCOPE_THREAD,
		    DIF_VKIND_SCALAR, DIF_TYPE_STRING, STRSIZE);
		emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
		emit(&p, DIF_INSTR_LDV(DIF_OP_LDGAA, DIF_VAR_OTHER_UBASE + 6,
				       1));
		emit(&p, DIF_INSTR_RET(1));
		run(&p);
	}
	snprintf(full, sizeof(full), "%s", xs(STRSIZE - 1, 'A'));
	snprintf(over, sizeof(over), "%s", xs(STRSIZE, 'B'));

	CHECK(CALL(DIF_SUBR_STRLEN, V((uintptr_t)full)) == STRSIZE,
	      "strlen of a string of strsize characters");
	CHECK(CALL(DIF_SUBR_STRLEN, V((uintptr_t)over)) == STRSIZE,
	      "strlen of strsize + 1 characters is strsize");
	CHECK(CALL(DIF_SUBR_STRLEN, V((uintptr_t)"")) == 0, "strlen of \"\"");

	CHECK(strcmp(global_roundtrip(full), full) == 0,
	      "a global keeps all strsize characters");
	memcpy(want, over, STRSIZE);	/* what is left of it */
	want[STRSIZE] = '\0';
	CHECK(strlen(want) == STRSIZE &&
	      strcmp(global_roundtrip(over), want) == 0,
	      "a global keeps the first strsize of strsize + 1 characters");
	CHECK(strcmp(global_roundtrip(""), "") == 0,
	      "a global keeps the empty string");
	CHECK(strcmp(thread_roundtrip(full), full) == 0,
	      "a thread-local keeps all strsize characters");
	CHECK(strcmp(thread_roundtrip(over), want) == 0,
	      "a thread-local keeps the first strsize of strsize + 1");

	snprintf(want, sizeof(want), "%sz", xs(STRSIZE - 2, 'y'));
	CHECK_STR(CALL(DIF_SUBR_STRJOIN, S(xs(STRSIZE - 2, 'y')), S("z")),
		  want);
	CHECK_STR(CALL(DIF_SUBR_STRJOIN, S(xs(STRSIZE - 2, 'y')), S("zz")),
		  want);
	CHECK(CALL(DIF_SUBR_STRLEN, S(xs(STRSIZE, 'Q'))) == STRSIZE,
	      "a longer string-table string is strsize characters");
	CHECK_STR(CALL(DIF_SUBR_SUBSTR, S(xs(STRSIZE, 'Q')), V(1)),
		  xs(STRSIZE - 2, 'x'));
	CHECK_STR(CALL(DIF_SUBR_TOLOWER, V((uintptr_t)full)),
		  xs(STRSIZE - 1, 'a'));

	CHECK(scmp(xs(STRSIZE - 1, 'A'), xs(STRSIZE - 1, 'B')) == -1,
	      "strings of strsize characters differing in the last one");
	CHECK(scmp(xs(STRSIZE, 'A'), xs(STRSIZE, 'B')) == 0,
	      "strings equal in their first strsize characters");
	CHECK(scmp("", "") == 0, "empty strings are equal");

	assoc(xs(STRSIZE - 1, 'A'), 11, true);
	assoc(xs(STRSIZE - 1, 'B'), 22, true);
	CHECK(mst.fault == 0, "stores: fault %u", mst.fault);
	CHECK(assoc(xs(STRSIZE - 1, 'A'), 0, false) == 11 &&
	      assoc(xs(STRSIZE - 1, 'B'), 0, false) == 22,
	      "keys of strsize characters differing in the last one are "
	      "two elements");
	assoc(xs(STRSIZE, 'C'), 33, true);
	CHECK(assoc(xs(STRSIZE, 'D'), 0, false) == 33,
	      "keys equal in their first strsize characters are one element");
	CHECK(assoc(xs(STRSIZE - 1, 'x'), 0, false) == 33,
	      "that element is the key of strsize characters");
	assoc("", 44, true);
	CHECK(assoc("", 0, false) == 44 && assoc("x", 0, false) == 0,
	      "the empty key is a key of its own");
	dtrace_vstate_destroy(vs);
	vs = shared;
}

static void test_tuple_overflow(void)
{
	/* no verifier here: it would refuse this program */
	prog_t p = { 0 };
	dtrace_difo_t dp;
	int i;

	for (i = 0; i <= DIF_NTUPLE; i++)
		emit(&p, DIF_INSTR_PUSHTV(0));
	emit(&p, DIF_INSTR_RET(0));
	dp = difo(&p);
	firing();
	dtrace_dif_emulate(&dp, &mst, vs);
	CHECK(mst.fault == DTRACEFLT_TUPOFLOW, "fault %u", mst.fault);
}

/* A random instruction, biased towards ones the verifier accepts. */
static dif_instr_t random_instr(uint32_t pc, uint32_t len)
{
	uint32_t op = 1 + rand() % DIF_OP_MAX;
	uint32_t r1 = rand() % DIF_NREGS, r2 = rand() % DIF_NREGS;
	uint32_t rd = 1 + rand() % (DIF_NREGS - 1);

	switch (op) {
	case DIF_OP_BA ... DIF_OP_BLEU:
		return DIF_INSTR_BRANCH(op, pc + 1 + rand() % (len - pc));
	case DIF_OP_SETX:
		return DIF_INSTR_SETX(rand() % 4, rd);
	case DIF_OP_SETS:
		return DIF_INSTR_SETS(rand() % 8, rd);
	case DIF_OP_LDGS:
		return DIF_INSTR_LDV(op, DIF_VAR_OTHER_MIN + rand() % 0x22, rd);
	case DIF_OP_LDGA:
		return DIF_INSTR_LDA(op, 0, r2, rd);
	case DIF_OP_LDTS:
	case DIF_OP_LDLS:
	case DIF_OP_LDGAA:
	case DIF_OP_LDTAA:
		return DIF_INSTR_LDV(op, DIF_VAR_OTHER_UBASE + 10 + rand() % 4,
				     rd);
	case DIF_OP_STGS:
	case DIF_OP_STTS:
	case DIF_OP_STLS:
	case DIF_OP_STGAA:
	case DIF_OP_STTAA:
		return DIF_INSTR_STV(op, DIF_VAR_OTHER_UBASE + 10 + rand() % 4,
				     r1);
	case DIF_OP_CALL:
		return DIF_INSTR_CALL(rand() % DIF_SUBR_MAX, rd);
	case DIF_OP_PUSHTR:
		return DIF_INSTR_PUSHTR(rand() % 2, r2, r1);
	case DIF_OP_PUSHTV:
		return DIF_INSTR_PUSHTV(r1);
	case DIF_OP_NOT:
	case DIF_OP_MOV:
	case DIF_OP_LDSB ... DIF_OP_LDX:
	case DIF_OP_ALLOCS:
		return DIF_INSTR_FMT(op, r1, 0, rd);
	case DIF_OP_STB ... DIF_OP_STX:
		return DIF_INSTR_FMT(op, r1, 0, r2);
	case DIF_OP_CMP:
	case DIF_OP_SCMP:
		return DIF_INSTR_CMP(op, r1, r2);
	case DIF_OP_TST:
		return DIF_INSTR_TST(r1);
	case DIF_OP_RET:
		return DIF_INSTR_RET(r1);
	case DIF_OP_NOP:
	case DIF_OP_POPTS:
	case DIF_OP_FLUSHTS:
		return DIF_INSTR_FMT(op, 0, 0, 0);
	default:
		return DIF_INSTR_FMT(op, r1, r2, rd);
	}
}

/*
 * Hostile programs: whatever the verifier accepts must run without a
 * memory error (ASan aborts the test if one happens), end with a known
 * fault code or none, and leave the scratch pointer inside scratch.
 */
static void test_random_programs(void)
{
	static const uint64_t ints[] = { 0, 8, (uintptr_t)&target, -1ull };
	uint32_t u = DIF_VAR_OTHER_UBASE + 10;
	prog_t p, decl = { 0 };
	dtrace_difo_t dp;
	char err[256];
	int i, accepted = 0, bad = 0;
	uint32_t pc;

	/* the variables random programs use, and the largest key */
	var(&decl, u, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR, DIF_TYPE_CTF, 8);
	var(&decl, u + 1, DIF_VSCOPE_GLOBAL, DIF_VKIND_ARRAY, DIF_TYPE_STRING,
	    STRSIZE);
	var(&decl, u + 2, DIF_VSCOPE_THREAD, DIF_VKIND_ARRAY, DIF_TYPE_CTF, 8);
	var(&decl, u + 3, DIF_VSCOPE_LOCAL, DIF_VKIND_SCALAR, DIF_TYPE_STRING,
	    STRSIZE);
	for (i = 0; i < DIF_NTUPLE; i++)
		emit(&decl, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
	emit(&decl, DIF_INSTR_LDV(DIF_OP_LDGAA, u + 1, 1));
	emit(&decl, DIF_INSTR_RET(1));
	dp = difo(&decl);
	CHECK(dtrace_difo_verify(&dp, err, sizeof(err)) == 0 &&
	      dtrace_vstate_add_difo(vs, &dp, err, sizeof(err)) == 0,
	      "declarations: %s", err);

	srand(1);
	for (i = 0; i < 20000; i++) {
		memset(&p, 0, sizeof(p));
		p.len = 2 + rand() % 24;
		for (pc = 0; pc + 1 < p.len; pc++)
			p.buf[pc] = random_instr(pc, p.len - 1);
		p.buf[pc] = DIF_INSTR_RET(rand() % DIF_NREGS);
		memcpy(p.ints, ints, sizeof(ints));
		p.nints = 4;
		memcpy(p.str, "a\0bc\0/x/../y", 13);
		p.strl = 13;
		memcpy(p.vars, decl.vars, sizeof(decl.vars));
		p.nvars = decl.nvars;
		dp = difo(&p);
		if (dtrace_difo_verify(&dp, err, sizeof(err)) != 0)
			continue;
		/* keys larger than the declared ones are refused: skip */
		if (dtrace_vstate_add_difo(vs, &dp, err, sizeof(err)) != 0)
			continue;
		accepted++;
		firing();
		dtrace_dif_emulate(&dp, &mst, vs);
		if (mst.fault > DTRACEFLT_BADSTACK ||
		    mst.scratch_ptr > mst.scratch_base + mst.scratch_size)
			bad++;
	}
	CHECK(accepted > 1000, "enough programs pass the verifier: %d",
	      accepted);
	CHECK(bad == 0, "%d runs ended in an unknown state", bad);
}

int main(void)
{
	if (dtrace_vstate_create(&vs, 1 << 16, STRSIZE, 1) != 0) {
		UNIT_SETUP_FAILED("cannot create a variable state");
	}
	test_alu();
	test_divzero();
	test_branches();
	test_scmp();
	test_loads();
	test_stores();
	test_copys();
	test_scratch_exhaustion();
	test_builtins();
	test_stack_builtins();
	test_globals_and_locals();
	test_string_subrs();
	test_lltostr();
	test_paths();
	test_strtok();
	test_strtok_null_string();
	test_net();
	test_memory_subrs();
	test_strsize_boundary();
	test_tuple_overflow();
	test_random_programs();
	dtrace_vstate_destroy(vs);
	return unit_summary();
}
