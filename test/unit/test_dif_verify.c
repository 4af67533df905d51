// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the DIF verifier: a sane program passes, and each kind of
 * broken program is refused with a message that names the offset and the
 * problem.
 */
#include <stdio.h>
#include <string.h>

#include "core/dif_vm.h"
#include "dif_asm.h"
#include "unit.h"

#define U0	DIF_VAR_OTHER_UBASE


/* A program from instructions; the tables hold one int and "hi", "x". */
static prog_t make(int n, const dif_instr_t *in)
{
	prog_t p = { .nints = 1, .ints = { 5 }, .strl = 5 };

	memcpy(p.str, "hi\0x", 5);
	memcpy(p.buf, in, n * sizeof(*in));
	p.len = n;
	return p;
}

static void add_var(prog_t *p, uint32_t id, int scope, int kind)
{
	dof_difv_t *v = &p->vars[p->nvars++];

	memset(v, 0, sizeof(*v));
	v->name = 3;		/* "x" */
	v->id = id;
	v->scope = scope;
	v->kind = kind;
	v->type.kind = DIF_TYPE_CTF;
	v->type.size = 8;
}

static char err[256];

static int verify(prog_t *p)
{
	dtrace_difo_t dp = difo(p);

	err[0] = '\0';
	return dtrace_difo_verify(&dp, err, sizeof(err));
}

#define P(...)	make(sizeof((dif_instr_t[]){ __VA_ARGS__ }) /		\
		     sizeof(dif_instr_t), (dif_instr_t[]){ __VA_ARGS__ })

/* Expect a refusal whose message contains 'what'. */
#define REFUSED(prog, what) do {					\
	prog_t p_ = (prog);						\
	int rc_ = verify(&p_);						\
	CHECK(rc_ == -EINVAL && strstr(err, what) != NULL,		\
	      "want \"%s\", got %d \"%s\"", what, rc_, err);		\
} while (0)

static void test_accepts(void)
{
	prog_t p = P(DIF_INSTR_SETX(0, 1),
		     DIF_INSTR_SETS(3, 2),
		     DIF_INSTR_TST(1),
		     DIF_INSTR_BRANCH(DIF_OP_BE, 6),
		     DIF_INSTR_FLUSHTS,
		     DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 2),
		     DIF_INSTR_CALL(DIF_SUBR_STRLEN, 3),
		     DIF_INSTR_LDV(DIF_OP_LDGS, DIF_VAR_PID, 4),
		     DIF_INSTR_STV(DIF_OP_STGS, U0, 4),
		     DIF_INSTR_LDA(DIF_OP_LDGA, DIF_VAR_ARGS, 1, 5),
		     DIF_INSTR_RET(3));

	add_var(&p, U0, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR);
	CHECK(verify(&p) == 0, "a sane program: %s", err);
}

static void test_structure(void)
{
	prog_t p = P(DIF_INSTR_RET(0));

	p.len = 0;
	REFUSED(p, "empty");
	REFUSED(P(DIF_INSTR_NOP), "DIF offset 0: the last instruction is "
		"not RET");
	REFUSED(P(DIF_INSTR_FMT(0, 0, 0, 0), DIF_INSTR_RET(0)),
		"DIF offset 0: invalid opcode 0");
	REFUSED(P(DIF_INSTR_NOP, DIF_INSTR_FMT(DIF_OP_LDTA, 0, 0, 1),
		  DIF_INSTR_RET(0)), "DIF offset 1: invalid opcode 43");
	REFUSED(P(DIF_INSTR_FMT(64, 0, 0, 0), DIF_INSTR_RET(0)),
		"invalid opcode 64");
}

static void test_registers(void)
{
	REFUSED(P(DIF_INSTR_ALU(DIF_OP_ADD, 1, 40, 2), DIF_INSTR_RET(2)),
		"DIF offset 0: invalid register 40");
	REFUSED(P(DIF_INSTR_ALU(DIF_OP_ADD, 1, 2, 32), DIF_INSTR_RET(2)),
		"invalid register 32");
	REFUSED(P(DIF_INSTR_RET(33)), "invalid register 33");
	REFUSED(P(DIF_INSTR_MOV(1, 0), DIF_INSTR_RET(0)),
		"DIF offset 0: cannot write to %r0");
	REFUSED(P(DIF_INSTR_SETX(0, 0), DIF_INSTR_RET(0)),
		"cannot write to %r0");
	REFUSED(P(DIF_INSTR_CALL(DIF_SUBR_RAND, 0), DIF_INSTR_RET(0)),
		"cannot write to %r0");
}

static void test_branches(void)
{
	REFUSED(P(DIF_INSTR_NOP, DIF_INSTR_BRANCH(DIF_OP_BA, 0),
		  DIF_INSTR_RET(0)), "DIF offset 1: backward branch to 0");
	REFUSED(P(DIF_INSTR_BRANCH(DIF_OP_BA, 0), DIF_INSTR_RET(0)),
		"backward branch");
	REFUSED(P(DIF_INSTR_BRANCH(DIF_OP_BE, 2), DIF_INSTR_RET(0)),
		"DIF offset 0: branch past the end to 2");
}

static void test_tables(void)
{
	prog_t p;

	REFUSED(P(DIF_INSTR_SETX(1, 1), DIF_INSTR_RET(1)),
		"integer table index out of range 1");
	REFUSED(P(DIF_INSTR_SETS(5, 1), DIF_INSTR_RET(1)),
		"string table offset out of range 5");
	p = P(DIF_INSTR_SETS(3, 1), DIF_INSTR_RET(1));
	p.str[4] = 'y';		/* "xy" runs off the end of the table */
	REFUSED(p, "string not terminated");
}

static void test_variables(void)
{
	prog_t p;

	REFUSED(P(DIF_INSTR_LDA(DIF_OP_LDGA, 7, 0, 1), DIF_INSTR_RET(1)),
		"unknown built-in array 7");
	REFUSED(P(DIF_INSTR_LDV(DIF_OP_LDGS, 0x130, 1), DIF_INSTR_RET(1)),
		"unknown built-in variable 304");
	REFUSED(P(DIF_INSTR_STV(DIF_OP_STGS, DIF_VAR_PID, 1),
		  DIF_INSTR_RET(1)), "invalid variable id");
	REFUSED(P(DIF_INSTR_LDV(DIF_OP_LDGS, U0, 1), DIF_INSTR_RET(1)),
		"global variable 1280 is not in the variable table");
	p = P(DIF_INSTR_LDV(DIF_OP_LDTS, U0, 1), DIF_INSTR_RET(1));
	add_var(&p, U0, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR);
	REFUSED(p, "thread-local variable 1280 is not in the variable table");
	p = P(DIF_INSTR_LDV(DIF_OP_LDGAA, U0, 1), DIF_INSTR_RET(1));
	add_var(&p, U0, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR);
	REFUSED(p, "scalar variable used as an associative array");
	p = P(DIF_INSTR_LDV(DIF_OP_LDLS, U0, 1), DIF_INSTR_RET(1));
	add_var(&p, U0, DIF_VSCOPE_LOCAL, DIF_VKIND_SCALAR);
	CHECK(verify(&p) == 0, "clause-local: %s", err);
}

static void test_operands(void)
{
	REFUSED(P(DIF_INSTR_CALL(DIF_SUBR_MAX, 1), DIF_INSTR_RET(1)),
		"unknown subroutine");
	REFUSED(P(DIF_INSTR_PUSHTR(5, 0, 1), DIF_INSTR_RET(1)),
		"unknown PUSHTR type 5");
	REFUSED(P(DIF_INSTR_FMT(DIF_OP_NOT, 1, 2, 3), DIF_INSTR_RET(3)),
		"nonzero reserved bits, opcode 13");
	REFUSED(P(DIF_INSTR_FMT(DIF_OP_CMP, 1, 2, 3), DIF_INSTR_RET(3)),
		"nonzero reserved bits");
	REFUSED(P(DIF_INSTR_FMT(DIF_OP_NOP, 0, 0, 1), DIF_INSTR_RET(0)),
		"nonzero reserved bits, opcode 36");
	REFUSED(P(DIF_INSTR_FMT(DIF_OP_RET, 1, 0, 0)), "nonzero reserved");
	REFUSED(P(DIF_INSTR_FMT(DIF_OP_PUSHTV, 0, 1, 1), DIF_INSTR_RET(0)),
		"nonzero reserved");
}

static void test_tuple_depth(void)
{
	dif_instr_t in[40];
	prog_t p;
	int i;

	for (i = 0; i < DIF_NTUPLE; i++)
		in[i] = DIF_INSTR_PUSHTV(1);
	in[i] = DIF_INSTR_RET(0);
	p = make(DIF_NTUPLE + 1, in);
	CHECK(verify(&p) == 0, "%d pushes fit: %s", DIF_NTUPLE, err);

	in[DIF_NTUPLE] = DIF_INSTR_PUSHTV(1);
	in[DIF_NTUPLE + 1] = DIF_INSTR_RET(0);
	REFUSED(make(DIF_NTUPLE + 2, in), "tuple stack overflow");

	in[8] = DIF_INSTR_FLUSHTS;
	p = make(DIF_NTUPLE + 2, in);
	CHECK(verify(&p) == 0, "a flush empties the stack: %s", err);
}

static void test_vartab(void)
{
	prog_t p;

	p = P(DIF_INSTR_RET(0));
	add_var(&p, U0, DIF_VSCOPE_GLOBAL, DIF_VKIND_SCALAR);
	p.vars[0].name = 40;
	REFUSED(p, "entry 0 (id 1280) has a name offset outside");
	p.vars[0].name = 3;
	p.vars[0].scope = 3;
	REFUSED(p, "unknown scope");
	p.vars[0].scope = DIF_VSCOPE_LOCAL;
	p.vars[0].kind = DIF_VKIND_ARRAY;
	REFUSED(p, "clause-local associative array");
	p.vars[0].kind = 2;
	REFUSED(p, "unknown kind");
	p.vars[0].kind = DIF_VKIND_SCALAR;
	p.vars[0].id = 5;
	REFUSED(p, "id outside the user variable range");
	p.vars[0].id = U0;
	add_var(&p, U0, DIF_VSCOPE_LOCAL, DIF_VKIND_SCALAR);
	REFUSED(p, "entry 1 (id 1280) is declared twice");
	p.vars[1].scope = DIF_VSCOPE_THREAD;
	CHECK(verify(&p) == 0, "one id in two scopes: %s", err);
}

int main(void)
{
	test_accepts();
	test_structure();
	test_registers();
	test_branches();
	test_tables();
	test_variables();
	test_operands();
	test_tuple_depth();
	test_vartab();
	return unit_summary();
}
