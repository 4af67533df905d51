// SPDX-License-Identifier: GPL-2.0
/*
 * The DIF verifier: dtrace_difo_verify() decides whether a DIFO that came
 * from a (possibly hostile) DOF may run in probe context.
 *
 * The emulator trusts what is proved here and checks none of it again:
 *
 *   - every instruction has a known opcode, its register fields name
 *     registers that exist, %r0 is never a destination, and every field
 *     that the encoding leaves unused is zero;
 *   - branches go forward and land inside the program, and the last
 *     instruction is RET, so every run ends after at most len steps;
 *   - SETX and SETS index inside the integer and string tables, and every
 *     string SETS names is NUL-terminated inside the table;
 *   - variables are built-ins that exist, or entries of the DIFO's own
 *     variable table with the scope and kind the opcode needs;
 *   - the tuple stack cannot overflow on the straight path;
 *   - the variable table itself is sane (scope, kind, type, name).
 *
 * Messages name the instruction ("DIF offset 12: invalid register 40")
 * so that a compiler bug is found from the message alone.
 */
#include "dif_machine.h"

/* Instruction formats: which fields an opcode uses. */
enum dif_fmt {
	FMT_BAD = 0,	/* not an opcode */
	FMT_ALU,	/* r1 r2 rd: rd = r1 op r2 */
	FMT_UNARY,	/* r1 0 rd: NOT, MOV, loads, ALLOCS */
	FMT_CMP,	/* r1 r2 0 */
	FMT_TST,	/* r1 0 0 */
	FMT_BRANCH,	/* label */
	FMT_STORE,	/* r1 0 rd: *rd = r1 (rd is read) */
	FMT_SETX,	/* idx rd */
	FMT_SETS,	/* off rd */
	FMT_LDV,	/* var rd */
	FMT_STV,	/* var rs */
	FMT_LDGA,	/* var8 r2 rd */
	FMT_CALL,	/* subr rd */
	FMT_PUSHTR,	/* type r2 rs */
	FMT_PUSHTV,	/* 0 0 rs */
	FMT_NONE,	/* no operand: NOP, POPTS, FLUSHTS */
	FMT_RET,	/* 0 0 rd (rd is read) */
	FMT_COPYS,	/* r1 r2 rd (rd is read) */
};

static const unsigned char dif_fmt[DIF_OP_MAX + 1] = {
	[DIF_OP_OR] = FMT_ALU,		[DIF_OP_XOR] = FMT_ALU,
	[DIF_OP_AND] = FMT_ALU,		[DIF_OP_SLL] = FMT_ALU,
	[DIF_OP_SRL] = FMT_ALU,		[DIF_OP_SUB] = FMT_ALU,
	[DIF_OP_ADD] = FMT_ALU,		[DIF_OP_MUL] = FMT_ALU,
	[DIF_OP_SDIV] = FMT_ALU,	[DIF_OP_UDIV] = FMT_ALU,
	[DIF_OP_SREM] = FMT_ALU,	[DIF_OP_UREM] = FMT_ALU,
	[DIF_OP_SRA] = FMT_ALU,
	[DIF_OP_NOT] = FMT_UNARY,	[DIF_OP_MOV] = FMT_UNARY,
	[DIF_OP_CMP] = FMT_CMP,		[DIF_OP_SCMP] = FMT_CMP,
	[DIF_OP_TST] = FMT_TST,
	[DIF_OP_BA] = FMT_BRANCH,	[DIF_OP_BE] = FMT_BRANCH,
	[DIF_OP_BNE] = FMT_BRANCH,	[DIF_OP_BG] = FMT_BRANCH,
	[DIF_OP_BGU] = FMT_BRANCH,	[DIF_OP_BGE] = FMT_BRANCH,
	[DIF_OP_BGEU] = FMT_BRANCH,	[DIF_OP_BL] = FMT_BRANCH,
	[DIF_OP_BLU] = FMT_BRANCH,	[DIF_OP_BLE] = FMT_BRANCH,
	[DIF_OP_BLEU] = FMT_BRANCH,
	[DIF_OP_LDSB] = FMT_UNARY,	[DIF_OP_LDSH] = FMT_UNARY,
	[DIF_OP_LDSW] = FMT_UNARY,	[DIF_OP_LDUB] = FMT_UNARY,
	[DIF_OP_LDUH] = FMT_UNARY,	[DIF_OP_LDUW] = FMT_UNARY,
	[DIF_OP_LDX] = FMT_UNARY,	[DIF_OP_ALLOCS] = FMT_UNARY,
	[DIF_OP_STB] = FMT_STORE,	[DIF_OP_STH] = FMT_STORE,
	[DIF_OP_STW] = FMT_STORE,	[DIF_OP_STX] = FMT_STORE,
	[DIF_OP_RET] = FMT_RET,		[DIF_OP_NOP] = FMT_NONE,
	[DIF_OP_SETX] = FMT_SETX,	[DIF_OP_SETS] = FMT_SETS,
	[DIF_OP_LDGA] = FMT_LDGA,
	[DIF_OP_LDGS] = FMT_LDV,	[DIF_OP_STGS] = FMT_STV,
	[DIF_OP_LDTS] = FMT_LDV,	[DIF_OP_STTS] = FMT_STV,
	[DIF_OP_LDLS] = FMT_LDV,	[DIF_OP_STLS] = FMT_STV,
	[DIF_OP_LDGAA] = FMT_LDV,	[DIF_OP_STGAA] = FMT_STV,
	[DIF_OP_LDTAA] = FMT_LDV,	[DIF_OP_STTAA] = FMT_STV,
	[DIF_OP_CALL] = FMT_CALL,
	[DIF_OP_PUSHTR] = FMT_PUSHTR,	[DIF_OP_PUSHTV] = FMT_PUSHTV,
	[DIF_OP_POPTS] = FMT_NONE,	[DIF_OP_FLUSHTS] = FMT_NONE,
	[DIF_OP_COPYS] = FMT_COPYS,
	/* DIF_OP_LDTA is reserved: FMT_BAD */
};

bool dif_op_writes_rd(uint32_t op)
{
	if (op > DIF_OP_MAX)
		return false;
	switch (dif_fmt[op]) {
	case FMT_ALU:
	case FMT_UNARY:
	case FMT_SETX:
	case FMT_SETS:
	case FMT_LDV:
	case FMT_LDGA:
	case FMT_CALL:
		return true;
	default:
		return false;
	}
}

typedef struct verify {
	const dtrace_difo_t *dp;
	char		*errmsg;
	size_t		len;
	uint32_t	pc;
} verify_t;

static int vfail(verify_t *v, const char *what, unsigned long long val)
{
	os_snprintf(v->errmsg, v->len, "DIF offset %u: %s %llu", v->pc,
		    what, val);
	return -EINVAL;
}

/* A string-table offset is valid when a NUL follows it in the table. */
static bool strtab_ok(const dtrace_difo_t *dp, uint32_t off)
{
	uint32_t i;

	for (i = off; i < dp->strlen; i++)
		if (dp->strtab[i] == '\0')
			return true;
	return false;
}

static int verify_vartab(const dtrace_difo_t *dp, char *errmsg, size_t len)
{
	const dof_difv_t *dv;
	uint32_t i, j;
	const char *why = NULL;

	for (i = 0; i < dp->varlen && why == NULL; i++) {
		dv = &dp->vartab[i];
		if (dv->name >= dp->strlen || !strtab_ok(dp, dv->name))
			why = "has a name offset outside the string table";
		else if (dv->id < DIF_VAR_OTHER_UBASE ||
			 dv->id > DIF_VAR_OTHER_MAX)
			why = "has an id outside the user variable range";
		else if (dv->scope > DIF_VSCOPE_LOCAL)
			why = "has an unknown scope";
		else if (dv->kind > DIF_VKIND_ARRAY)
			why = "has an unknown kind";
		else if (dv->scope == DIF_VSCOPE_LOCAL &&
			 dv->kind != DIF_VKIND_SCALAR)
			why = "is a clause-local associative array";
		else if (dv->type.kind > DIF_TYPE_STRING)
			why = "has an unknown type kind";
		else if ((dv->type.flags & DIF_TF_BYREF) &&
			 dv->type.kind != DIF_TYPE_STRING &&
			 dv->type.size == 0)
			why = "is by reference with size 0";
		for (j = 0; j < i && why == NULL; j++)
			if (dp->vartab[j].id == dv->id &&
			    dp->vartab[j].scope == dv->scope)
				why = "is declared twice";
	}
	if (why == NULL)
		return 0;
	os_snprintf(errmsg, len, "DIF variable table entry %u (id %u) %s",
		    i - 1, dp->vartab[i - 1].id, why);
	return -EINVAL;
}

static const dof_difv_t *find_var(const dtrace_difo_t *dp, uint32_t id,
				  uint32_t scope)
{
	uint32_t i;

	for (i = 0; i < dp->varlen; i++)
		if (dp->vartab[i].id == id && dp->vartab[i].scope == scope)
			return &dp->vartab[i];
	return NULL;
}

static bool builtin_scalar(uint32_t id)
{
	return id >= DIF_VAR_OTHER_MIN && id <= DIF_VAR_CURCPU;
}

/* The scope and kind a variable opcode needs. */
static void var_needs(uint32_t op, uint32_t *scope, uint32_t *kind)
{
	*kind = DIF_VKIND_SCALAR;
	switch (op) {
	case DIF_OP_LDGAA:
	case DIF_OP_STGAA:
		*kind = DIF_VKIND_ARRAY;
		/* fall through */
	case DIF_OP_LDGS:
	case DIF_OP_STGS:
		*scope = DIF_VSCOPE_GLOBAL;
		break;
	case DIF_OP_LDTAA:
	case DIF_OP_STTAA:
		*kind = DIF_VKIND_ARRAY;
		/* fall through */
	case DIF_OP_LDTS:
	case DIF_OP_STTS:
		*scope = DIF_VSCOPE_THREAD;
		break;
	default:
		*scope = DIF_VSCOPE_LOCAL;
		break;
	}
}

static int verify_var(verify_t *v, uint32_t op, uint32_t id)
{
	static const char *const scopes[] = { "global", "thread-local",
					      "clause-local" };
	const dof_difv_t *dv;
	uint32_t scope, kind;

	if (op == DIF_OP_LDGS && builtin_scalar(id))
		return 0;
	if (id < DIF_VAR_OTHER_UBASE)
		return vfail(v, op == DIF_OP_LDGS ?
			     "unknown built-in variable" :
			     "invalid variable id for this opcode", id);
	var_needs(op, &scope, &kind);
	dv = find_var(v->dp, id, scope);
	if (dv == NULL) {
		os_snprintf(v->errmsg, v->len, "DIF offset %u: %s variable "
			    "%u is not in the variable table", v->pc,
			    scopes[scope], id);
		return -EINVAL;
	}
	if (dv->kind != kind)
		return vfail(v, kind == DIF_VKIND_ARRAY ?
			     "scalar variable used as an associative array" :
			     "associative array used as a scalar", id);
	return 0;
}

static int verify_regs(verify_t *v, uint32_t r1, uint32_t r2, uint32_t rd)
{
	if (r1 >= DIF_NREGS)
		return vfail(v, "invalid register", r1);
	if (r2 >= DIF_NREGS)
		return vfail(v, "invalid register", r2);
	if (rd >= DIF_NREGS)
		return vfail(v, "invalid register", rd);
	return 0;
}

/* Operand checks of one instruction, by format. */
static int verify_instr(verify_t *v, dif_instr_t in)
{
	const dtrace_difo_t *dp = v->dp;
	uint32_t op = DIF_INSTR_OP(in), r1 = DIF_INSTR_R1(in);
	uint32_t r2 = DIF_INSTR_R2(in), rd = DIF_INSTR_RD(in);
	uint32_t fmt = op <= DIF_OP_MAX ? dif_fmt[op] : FMT_BAD;

	if (fmt == FMT_BAD)
		return vfail(v, "invalid opcode", op);
	if (dif_op_writes_rd(op) && rd == 0)
		return vfail(v, "cannot write to %r0, opcode", op);

	switch (fmt) {
	case FMT_ALU:
	case FMT_COPYS:
		return verify_regs(v, r1, r2, rd);
	case FMT_UNARY:
	case FMT_STORE:
		if (r2 != 0)
			return vfail(v, "nonzero reserved bits, opcode", op);
		return verify_regs(v, r1, 0, rd);
	case FMT_CMP:
		if (rd != 0)
			return vfail(v, "nonzero reserved bits, opcode", op);
		return verify_regs(v, r1, r2, 0);
	case FMT_TST:
		if (r2 != 0 || rd != 0)
			return vfail(v, "nonzero reserved bits, opcode", op);
		return verify_regs(v, r1, 0, 0);
	case FMT_BRANCH:
		if (DIF_INSTR_LABEL(in) <= v->pc)
			return vfail(v, "backward branch to",
				     DIF_INSTR_LABEL(in));
		if (DIF_INSTR_LABEL(in) >= dp->len)
			return vfail(v, "branch past the end to",
				     DIF_INSTR_LABEL(in));
		return 0;
	case FMT_SETX:
		if (DIF_INSTR_INTEGER(in) >= dp->intlen)
			return vfail(v, "integer table index out of range",
				     DIF_INSTR_INTEGER(in));
		return verify_regs(v, 0, 0, rd);
	case FMT_SETS:
		if (DIF_INSTR_STRING(in) >= dp->strlen)
			return vfail(v, "string table offset out of range",
				     DIF_INSTR_STRING(in));
		if (!strtab_ok(dp, DIF_INSTR_STRING(in)))
			return vfail(v, "string not terminated in the "
				     "string table, offset",
				     DIF_INSTR_STRING(in));
		return verify_regs(v, 0, 0, rd);
	case FMT_LDV:
	case FMT_STV:
		if (verify_regs(v, 0, 0, rd) != 0)
			return -EINVAL;
		return verify_var(v, op, DIF_INSTR_VAR(in));
	case FMT_LDGA:
		if (r1 != DIF_VAR_ARGS && r1 != DIF_VAR_REGS &&
		    r1 != DIF_VAR_UREGS)
			return vfail(v, "unknown built-in array", r1);
		return verify_regs(v, 0, r2, rd);
	case FMT_CALL:
		if (DIF_INSTR_SUBR(in) >= DIF_SUBR_MAX)
			return vfail(v, "unknown subroutine",
				     DIF_INSTR_SUBR(in));
		return verify_regs(v, 0, 0, rd);
	case FMT_PUSHTR:
		if (r1 != DIF_TYPE_CTF && r1 != DIF_TYPE_STRING)
			return vfail(v, "unknown PUSHTR type", r1);
		return verify_regs(v, 0, r2, rd);
	case FMT_PUSHTV:
		if (r1 != 0 || r2 != 0)
			return vfail(v, "nonzero reserved bits, opcode", op);
		return verify_regs(v, 0, 0, rd);
	case FMT_RET:
		if (r1 != 0 || r2 != 0)
			return vfail(v, "nonzero reserved bits, opcode", op);
		return verify_regs(v, 0, 0, rd);
	default:	/* FMT_NONE */
		if ((in & 0xffffff) != 0)
			return vfail(v, "nonzero reserved bits, opcode", op);
		return 0;
	}
}

/* Tuple stack depth along the straight path. */
static int verify_tuples(verify_t *v)
{
	uint32_t depth = 0, op;

	for (v->pc = 0; v->pc < v->dp->len; v->pc++) {
		op = DIF_INSTR_OP(v->dp->buf[v->pc]);
		if (op == DIF_OP_PUSHTR || op == DIF_OP_PUSHTV) {
			if (++depth > DIF_NTUPLE)
				return vfail(v, "tuple stack overflow, depth",
					     depth);
		} else if (op == DIF_OP_POPTS) {
			if (depth > 0)
				depth--;
		} else if (op == DIF_OP_FLUSHTS) {
			depth = 0;
		}
	}
	return 0;
}

int dtrace_difo_verify(const dtrace_difo_t *dp, char *errmsg, size_t len)
{
	verify_t v = { .dp = dp, .errmsg = errmsg, .len = len };
	int err;

	if (dp->len == 0 || dp->buf == NULL) {
		os_snprintf(errmsg, len, "DIF program is empty");
		return -EINVAL;
	}
	if ((dp->intlen && dp->inttab == NULL) ||
	    (dp->strlen && dp->strtab == NULL) ||
	    (dp->varlen && dp->vartab == NULL)) {
		os_snprintf(errmsg, len, "DIF object has a table length "
			    "without a table");
		return -EINVAL;
	}
	err = verify_vartab(dp, errmsg, len);
	if (err != 0)
		return err;
	for (v.pc = 0; v.pc < dp->len; v.pc++) {
		err = verify_instr(&v, dp->buf[v.pc]);
		if (err != 0)
			return err;
	}
	if (DIF_INSTR_OP(dp->buf[dp->len - 1]) != DIF_OP_RET) {
		os_snprintf(errmsg, len, "DIF offset %u: the last "
			    "instruction is not RET", dp->len - 1);
		return -EINVAL;
	}
	return verify_tuples(&v);
}
