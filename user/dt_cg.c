// SPDX-License-Identifier: GPL-2.0
/*
 * Code generation: a checked expression tree into DIF.
 *
 * cg() evaluates a node into a freshly allocated register and returns it;
 * the caller frees it.  Values of by-reference types (strings, structs,
 * arrays) are addresses.  All branches go forward: they are emitted with
 * a zero label and patched once the target is known.  Tuple-stack users
 * (associative arrays, subroutine calls) first evaluate every key or
 * argument into registers, then FLUSHTS and push them, so that no
 * nested call can disturb a half-built tuple.
 */
#include <string.h>

#include "dt_cc.h"

static int cg(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n);

#define EMIT(ins)	dt_emit(cc, dp, (ins))
#define HERE		(dp->len)

static int setx(dt_cc_t *cc, dt_difo_t *dp, unsigned long long v, int line)
{
	int r = dt_reg_alloc(cc, dp, line);

	EMIT(DIF_INSTR_SETX(dt_difo_int(cc, dp, v), r));
	return r;
}

static int op_load(const dt_type_t *t)
{
	const dt_type_t *b = dt_type_base(t);
	int s = dt_type_issigned(b);

	switch (b->size) {
	case 1:
		return s ? DIF_OP_LDSB : DIF_OP_LDUB;
	case 2:
		return s ? DIF_OP_LDSH : DIF_OP_LDUH;
	case 4:
		return s ? DIF_OP_LDSW : DIF_OP_LDUW;
	default:
		return DIF_OP_LDX;
	}
}

static int op_store(const dt_type_t *t)
{
	switch (dt_type_size(t)) {
	case 1:
		return DIF_OP_STB;
	case 2:
		return DIF_OP_STH;
	case 4:
		return DIF_OP_STW;
	default:
		return DIF_OP_STX;
	}
}

/* Load a value of type t from the address in r (in place). */
static void load(dt_cc_t *cc, dt_difo_t *dp, const dt_type_t *t, int r)
{
	if (dt_type_isbyref(t))
		return;
	EMIT(DIF_INSTR_LOAD(op_load(t), r, r));
}

/* Sign- or zero-extend the low 'bits' of r in place. */
static void extend(dt_cc_t *cc, dt_difo_t *dp, int r, unsigned int bits,
		   int issigned, int line)
{
	int rs;

	if (bits >= 64)
		return;
	rs = setx(cc, dp, 64 - bits, line);
	EMIT(DIF_INSTR_ALU(DIF_OP_SLL, r, rs, r));
	EMIT(DIF_INSTR_ALU(issigned ? DIF_OP_SRA : DIF_OP_SRL, r, rs, r));
	dt_reg_free(dp, rs);
}

/* rd = cond ? 1 : 0 after a compare, using branch op 'br'. */
static int materialize(dt_cc_t *cc, dt_difo_t *dp, int br, int rd, int line)
{
	unsigned int bt, ba;

	bt = EMIT(DIF_INSTR_BRANCH(br, 0));
	EMIT(DIF_INSTR_MOV(0, rd));
	ba = EMIT(DIF_INSTR_BRANCH(DIF_OP_BA, 0));
	dt_patch(dp, bt, HERE);
	EMIT(DIF_INSTR_SETX(dt_difo_int(cc, dp, 1), rd));
	dt_patch(dp, ba, HERE);
	return rd;
}

static void push(dt_cc_t *cc, dt_difo_t *dp, const dt_type_t *t, int r,
		 int line)
{
	if (dt_type_isstring(t)) {
		EMIT(DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, r));
	} else if (dt_type_isbyref(t)) {
		int rs = setx(cc, dp, dt_type_size(t), line);

		EMIT(DIF_INSTR_PUSHTR(DIF_TYPE_CTF, rs, r));
		dt_reg_free(dp, rs);
	} else {
		EMIT(DIF_INSTR_PUSHTV(r));
	}
}

/* Evaluate a list into registers, then push them as one tuple. */
static void tuple(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *list, int *regs)
{
	dt_node_t *a;
	int i = 0;

	for (a = list; a != NULL; a = a->next)
		regs[i++] = cg(cc, dp, a);
	EMIT(DIF_INSTR_FLUSHTS);
	for (a = list, i = 0; a != NULL; a = a->next, i++)
		push(cc, dp, a->type, regs[i], a->line);
}

static void push_regs(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *list,
		      const int *regs)
{
	dt_node_t *a;
	int i = 0;

	EMIT(DIF_INSTR_FLUSHTS);
	for (a = list; a != NULL; a = a->next, i++)
		push(cc, dp, a->type, regs[i], a->line);
}

static void free_regs(dt_difo_t *dp, const int *regs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		dt_reg_free(dp, regs[i]);
}

static int var_op(const dt_ident_t *id, int store)
{
	if (id->isassoc)
		return id->scope == DT_SCOPE_THREAD ?
		       (store ? DIF_OP_STTAA : DIF_OP_LDTAA) :
		       (store ? DIF_OP_STGAA : DIF_OP_LDGAA);
	switch (id->scope) {
	case DT_SCOPE_THREAD:
		return store ? DIF_OP_STTS : DIF_OP_LDTS;
	case DT_SCOPE_LOCAL:
		return store ? DIF_OP_STLS : DIF_OP_LDLS;
	default:
		return store ? DIF_OP_STGS : DIF_OP_LDGS;
	}
}

static void check_tuple_depth(dt_cc_t *cc, const dt_node_t *n)
{
	if (dt_node_count(n->args) > DIF_NTUPLE)
		dt_error(cc, n->line, "D_TUPLE_OFLOW",
			 "too many keys or arguments: at most %d", DIF_NTUPLE);
}

static int cg_varref(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	const dt_ident_t *id = n->ident;
	int regs[DIF_NTUPLE], rd;

	dt_difo_var(cc, dp, id, 0);
	if (!id->isassoc) {
		rd = dt_reg_alloc(cc, dp, n->line);
		EMIT(DIF_INSTR_LDV(var_op(id, 0), id->id, rd));
		return rd;
	}
	check_tuple_depth(cc, n);
	tuple(cc, dp, n->args, regs);
	free_regs(dp, regs, dt_node_count(n->args));
	rd = dt_reg_alloc(cc, dp, n->line);
	EMIT(DIF_INSTR_LDV(var_op(id, 0), id->id, rd));
	return rd;
}

/* The address of an lvalue in memory (DEREF or MEMBER). */
static int cg_addr(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int r, ro;

	if (n->kind == DT_N_OP1 && n->op == DT_OP_DEREF)
		return cg(cc, dp, n->l);
	if (n->kind == DT_N_SYM)
		return setx(cc, dp, n->v, n->line);
	if (n->kind == DT_N_MEMBER) {
		r = cg(cc, dp, n->l);
		if (n->mbr->off / 8 != 0) {
			ro = setx(cc, dp, n->mbr->off / 8, n->line);
			EMIT(DIF_INSTR_ALU(DIF_OP_ADD, r, ro, r));
			dt_reg_free(dp, ro);
		}
		return r;
	}
	dt_error(cc, n->line, "D_ADDROF_LVAL",
		 "unacceptable operand for unary & operator");
}

static int cg_member(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	const dt_member_t *m = n->mbr;
	unsigned long unit, uoff;
	int r, ro;

	if (m->bits == 0) {
		r = cg_addr(cc, dp, n);
		load(cc, dp, n->type, r);
		return r;
	}
	/* bit-field: load its unit, shift and mask (little-endian) */
	unit = dt_type_size(m->type) * 8;
	uoff = m->off / unit * unit;
	r = cg(cc, dp, n->l);
	if (uoff / 8 != 0) {
		ro = setx(cc, dp, uoff / 8, n->line);
		EMIT(DIF_INSTR_ALU(DIF_OP_ADD, r, ro, r));
		dt_reg_free(dp, ro);
	}
	EMIT(DIF_INSTR_LOAD(unit == 8 ? DIF_OP_LDUB : unit == 16 ?
			    DIF_OP_LDUH : unit == 32 ? DIF_OP_LDUW :
			    DIF_OP_LDX, r, r));
	if (m->off - uoff != 0) {
		ro = setx(cc, dp, m->off - uoff, n->line);
		EMIT(DIF_INSTR_ALU(DIF_OP_SRL, r, ro, r));
		dt_reg_free(dp, ro);
	}
	extend(cc, dp, r, m->bits, dt_type_issigned(m->type), n->line);
	return r;
}

static int cg_call(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int regs[DIF_NTUPLE], rd;

	check_tuple_depth(cc, n);
	tuple(cc, dp, n->args, regs);
	free_regs(dp, regs, dt_node_count(n->args));
	rd = dt_reg_alloc(cc, dp, n->line);
	EMIT(DIF_INSTR_CALL((unsigned int)n->v, rd));
	return rd;
}

static int cg_cast(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int r = cg(cc, dp, n->l);
	const dt_type_t *to = n->type, *from = n->l->type;
	unsigned long ts = dt_type_size(to), fs = dt_type_size(from);

	if (dt_type_isint(to) && ts < 8 &&
	    (!dt_type_isint(from) || fs > ts ||
	     dt_type_issigned(from) != dt_type_issigned(to)))
		extend(cc, dp, r, ts * 8, dt_type_issigned(to), n->line);
	return r;
}

static int is_unsigned_cmp(const dt_type_t *a, const dt_type_t *b)
{
	unsigned long sa, sb;

	if (!dt_type_isint(a) || !dt_type_isint(b))
		return 1;	/* pointers */
	sa = dt_type_size(a) < 4 ? 4 : dt_type_size(a);
	sb = dt_type_size(b) < 4 ? 4 : dt_type_size(b);
	if (sa > sb)
		return !dt_type_issigned(a) && dt_type_size(a) >= 4;
	if (sb > sa)
		return !dt_type_issigned(b) && dt_type_size(b) >= 4;
	return (!dt_type_issigned(a) && dt_type_size(a) >= 4) ||
	       (!dt_type_issigned(b) && dt_type_size(b) >= 4);
}

static int cg_compare(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	const dt_type_t *a = n->l->type, *b = n->r->type;
	int str = dt_type_isstring(a) || dt_type_isstring(b);
	int u = !str && is_unsigned_cmp(a, b);
	int rl = cg(cc, dp, n->l), rr = cg(cc, dp, n->r), br;

	EMIT(DIF_INSTR_CMP(str ? DIF_OP_SCMP : DIF_OP_CMP, rl, rr));
	dt_reg_free(dp, rr);
	switch (n->op) {
	case '<':
		br = u ? DIF_OP_BLU : DIF_OP_BL;
		break;
	case '>':
		br = u ? DIF_OP_BGU : DIF_OP_BG;
		break;
	case DT_OP_LE:
		br = u ? DIF_OP_BLEU : DIF_OP_BLE;
		break;
	case DT_OP_GE:
		br = u ? DIF_OP_BGEU : DIF_OP_BGE;
		break;
	case DT_OP_EQ:
		br = DIF_OP_BE;
		break;
	default:
		br = DIF_OP_BNE;
		break;
	}
	return materialize(cc, dp, br, rl, n->line);
}

static int cg_logical(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int rd = dt_reg_alloc(cc, dp, n->line), r;
	unsigned int b1, b2, ba;

	if (n->op == DT_OP_LXOR) {
		int rl = cg(cc, dp, n->l), rr;

		EMIT(DIF_INSTR_TST(rl));
		materialize(cc, dp, DIF_OP_BNE, rl, n->line);
		rr = cg(cc, dp, n->r);
		EMIT(DIF_INSTR_TST(rr));
		materialize(cc, dp, DIF_OP_BNE, rr, n->line);
		EMIT(DIF_INSTR_ALU(DIF_OP_XOR, rl, rr, rd));
		dt_reg_free(dp, rl);
		dt_reg_free(dp, rr);
		return rd;
	}
	r = cg(cc, dp, n->l);
	EMIT(DIF_INSTR_TST(r));
	dt_reg_free(dp, r);
	b1 = EMIT(DIF_INSTR_BRANCH(n->op == DT_OP_LAND ? DIF_OP_BE :
				   DIF_OP_BNE, 0));
	r = cg(cc, dp, n->r);
	EMIT(DIF_INSTR_TST(r));
	dt_reg_free(dp, r);
	b2 = EMIT(DIF_INSTR_BRANCH(n->op == DT_OP_LAND ? DIF_OP_BE :
				   DIF_OP_BNE, 0));
	/* fall through: && both true, || both false */
	EMIT(n->op == DT_OP_LAND ?
	     DIF_INSTR_SETX(dt_difo_int(cc, dp, 1), rd) :
	     DIF_INSTR_MOV(0, rd));
	ba = EMIT(DIF_INSTR_BRANCH(DIF_OP_BA, 0));
	dt_patch(dp, b1, HERE);
	dt_patch(dp, b2, HERE);
	EMIT(n->op == DT_OP_LAND ? DIF_INSTR_MOV(0, rd) :
	     DIF_INSTR_SETX(dt_difo_int(cc, dp, 1), rd));
	dt_patch(dp, ba, HERE);
	return rd;
}

/* Scale r by the size of what pointer type t points to. */
static void scale(dt_cc_t *cc, dt_difo_t *dp, const dt_type_t *t, int r,
		  int line)
{
	unsigned long sz = dt_type_size(dt_type_base(t)->ref);
	int rs;

	if (sz <= 1)
		return;
	rs = setx(cc, dp, sz, line);
	EMIT(DIF_INSTR_ALU(DIF_OP_MUL, r, rs, r));
	dt_reg_free(dp, rs);
}

static int is_ptrish(const dt_type_t *t)
{
	return dt_type_isptr(t) || dt_type_base(t)->kind == DT_TK_ARRAY;
}

/* rl = rl <op> rr for arithmetic op codes; frees rr. */
static void alu(dt_cc_t *cc, dt_difo_t *dp, int op, const dt_type_t *lt,
		const dt_type_t *rt, const dt_type_t *restype, int rl,
		int rr, int line)
{
	int u = !dt_type_issigned(restype) || is_ptrish(restype);
	int dop;

	switch (op) {
	case '+':
	case '-':
		if (is_ptrish(lt) && dt_type_isint(rt))
			scale(cc, dp, lt, rr, line);
		else if (is_ptrish(rt) && dt_type_isint(lt))
			scale(cc, dp, rt, rl, line);
		dop = op == '+' ? DIF_OP_ADD : DIF_OP_SUB;
		EMIT(DIF_INSTR_ALU(dop, rl, rr, rl));
		if (op == '-' && is_ptrish(lt) && is_ptrish(rt)) {
			unsigned long sz = dt_type_size(dt_type_base(lt)->ref);

			if (sz > 1) {
				int rs = setx(cc, dp, sz, line);

				EMIT(DIF_INSTR_ALU(DIF_OP_SDIV, rl, rs, rl));
				dt_reg_free(dp, rs);
			}
		}
		break;
	case '*':
		EMIT(DIF_INSTR_ALU(DIF_OP_MUL, rl, rr, rl));
		break;
	case '/':
		EMIT(DIF_INSTR_ALU(u ? DIF_OP_UDIV : DIF_OP_SDIV, rl, rr, rl));
		break;
	case '%':
		EMIT(DIF_INSTR_ALU(u ? DIF_OP_UREM : DIF_OP_SREM, rl, rr, rl));
		break;
	case '&':
		EMIT(DIF_INSTR_ALU(DIF_OP_AND, rl, rr, rl));
		break;
	case '|':
		EMIT(DIF_INSTR_ALU(DIF_OP_OR, rl, rr, rl));
		break;
	case '^':
		EMIT(DIF_INSTR_ALU(DIF_OP_XOR, rl, rr, rl));
		break;
	case DT_OP_SHL:
		EMIT(DIF_INSTR_ALU(DIF_OP_SLL, rl, rr, rl));
		break;
	case DT_OP_SHR:
		EMIT(DIF_INSTR_ALU(dt_type_issigned(lt) ? DIF_OP_SRA :
				   DIF_OP_SRL, rl, rr, rl));
		break;
	}
	dt_reg_free(dp, rr);
}

/*
 * unit = (unit & ~(mask << shift)) | ((rv & mask) << shift), little-endian;
 * rv keeps the value truncated to the field, as C's assignment result.
 */
static void store_bitfield(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *l, int rv)
{
	const dt_member_t *m = l->mbr;
	unsigned long unit = dt_type_size(m->type) * 8;
	unsigned long uoff = m->off / unit * unit, shift = m->off - uoff;
	unsigned long long mask = m->bits >= 64 ? ~0ULL :
				  (1ULL << m->bits) - 1;
	int ld = unit == 8 ? DIF_OP_LDUB : unit == 16 ? DIF_OP_LDUH :
		 unit == 32 ? DIF_OP_LDUW : DIF_OP_LDX;
	int st = unit == 8 ? DIF_OP_STB : unit == 16 ? DIF_OP_STH :
		 unit == 32 ? DIF_OP_STW : DIF_OP_STX;
	int ra = cg(cc, dp, l->l), ru, rm, rs, rt;

	if (uoff / 8 != 0) {
		rt = setx(cc, dp, uoff / 8, l->line);
		EMIT(DIF_INSTR_ALU(DIF_OP_ADD, ra, rt, ra));
		dt_reg_free(dp, rt);
	}
	ru = dt_reg_alloc(cc, dp, l->line);
	EMIT(DIF_INSTR_LOAD(ld, ra, ru));
	rm = setx(cc, dp, mask << shift, l->line);
	EMIT(DIF_INSTR_NOT(rm, rm));
	EMIT(DIF_INSTR_ALU(DIF_OP_AND, ru, rm, ru));
	dt_reg_free(dp, rm);
	rm = setx(cc, dp, mask, l->line);
	EMIT(DIF_INSTR_ALU(DIF_OP_AND, rv, rm, rv));
	dt_reg_free(dp, rm);
	rt = dt_reg_alloc(cc, dp, l->line);
	rs = setx(cc, dp, shift, l->line);
	EMIT(DIF_INSTR_ALU(DIF_OP_SLL, rv, rs, rt));
	dt_reg_free(dp, rs);
	EMIT(DIF_INSTR_ALU(DIF_OP_OR, ru, rt, ru));
	dt_reg_free(dp, rt);
	EMIT(DIF_INSTR_STORE(st, ru, ra));
	dt_reg_free(dp, ru);
	dt_reg_free(dp, ra);
	if (dt_type_issigned(m->type))
		extend(cc, dp, rv, m->bits, 1, l->line);
}

/* Store rv into lvalue l; key registers of an assoc ref are given. */
static void store(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *l, int rv,
		  const int *keys)
{
	int ra;

	if (l->kind == DT_N_VARREF) {
		dt_difo_var(cc, dp, l->ident, 1);
		if (l->ident->isassoc)
			push_regs(cc, dp, l->args, keys);
		EMIT(DIF_INSTR_STV(var_op(l->ident, 1), l->ident->id, rv));
		return;
	}
	if (l->kind == DT_N_MEMBER && l->mbr->bits != 0) {
		store_bitfield(cc, dp, l, rv);
		return;
	}
	if (dt_type_isbyref(l->type))
		dt_error(cc, l->line, "D_UNKNOWN",
			 "not implemented: assignment of %s through a pointer",
			 dt_type_str(cc, l->type));
	ra = cg_addr(cc, dp, l);
	EMIT(DIF_INSTR_STORE(op_store(l->type), rv, ra));
	dt_reg_free(dp, ra);
}

/* Read the current value of lvalue l (for compound assignments). */
static int fetch(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *l, const int *keys)
{
	int rd;

	if (l->kind == DT_N_VARREF) {
		dt_difo_var(cc, dp, l->ident, 0);
		if (l->ident->isassoc)
			push_regs(cc, dp, l->args, keys);
		rd = dt_reg_alloc(cc, dp, l->line);
		EMIT(DIF_INSTR_LDV(var_op(l->ident, 0), l->ident->id, rd));
		return rd;
	}
	return cg(cc, dp, l);
}

static int compound_op(int op)
{
	switch (op) {
	case DT_OP_ADD_ASSIGN: return '+';
	case DT_OP_SUB_ASSIGN: return '-';
	case DT_OP_MUL_ASSIGN: return '*';
	case DT_OP_DIV_ASSIGN: return '/';
	case DT_OP_MOD_ASSIGN: return '%';
	case DT_OP_AND_ASSIGN: return '&';
	case DT_OP_OR_ASSIGN: return '|';
	case DT_OP_XOR_ASSIGN: return '^';
	case DT_OP_SHL_ASSIGN: return DT_OP_SHL;
	case DT_OP_SHR_ASSIGN: return DT_OP_SHR;
	default: return 0;
	}
}

static void eval_keys(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *l, int *keys)
{
	dt_node_t *k;
	int i = 0;

	if (l->kind != DT_N_VARREF || !l->ident->isassoc)
		return;
	check_tuple_depth(cc, l);
	for (k = l->args; k != NULL; k = k->next)
		keys[i++] = cg(cc, dp, k);
}

static void free_keys(dt_difo_t *dp, dt_node_t *l, const int *keys)
{
	if (l->kind == DT_N_VARREF && l->ident->isassoc)
		free_regs(dp, keys, dt_node_count(l->args));
}

static int cg_assign(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int keys[DIF_NTUPLE], rv, rc;
	int op = compound_op(n->op);

	rv = cg(cc, dp, n->r);
	eval_keys(cc, dp, n->l, keys);
	if (op != 0) {
		rc = fetch(cc, dp, n->l, keys);
		alu(cc, dp, op, n->l->type, n->r->type, n->l->type, rc, rv,
		    n->line);
		rv = rc;
	} else if (dt_type_isint(n->l->type) &&
		   dt_type_size(n->l->type) < dt_type_size(n->r->type)) {
		extend(cc, dp, rv, dt_type_size(n->l->type) * 8,
		       dt_type_issigned(n->l->type), n->line);
	}
	store(cc, dp, n->l, rv, keys);
	free_keys(dp, n->l, keys);
	return rv;
}

static int cg_incdec(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int keys[DIF_NTUPLE], rv, r1, rold = 0;
	int post = n->op == DT_OP_POSTINC || n->op == DT_OP_POSTDEC;
	int inc = n->op == DT_OP_INC || n->op == DT_OP_POSTINC;
	unsigned long step = 1;

	if (dt_type_isptr(n->l->type))
		step = dt_type_size(dt_type_base(n->l->type)->ref);
	eval_keys(cc, dp, n->l, keys);
	rv = fetch(cc, dp, n->l, keys);
	if (post) {
		rold = dt_reg_alloc(cc, dp, n->line);
		EMIT(DIF_INSTR_MOV(rv, rold));
	}
	r1 = setx(cc, dp, step ? step : 1, n->line);
	EMIT(DIF_INSTR_ALU(inc ? DIF_OP_ADD : DIF_OP_SUB, rv, r1, rv));
	dt_reg_free(dp, r1);
	store(cc, dp, n->l, rv, keys);
	free_keys(dp, n->l, keys);
	if (post) {
		dt_reg_free(dp, rv);
		return rold;
	}
	return rv;
}

static int cg_op1(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int r, rz;

	switch (n->op) {
	case DT_OP_INC:
	case DT_OP_DEC:
	case DT_OP_POSTINC:
	case DT_OP_POSTDEC:
		return cg_incdec(cc, dp, n);
	case DT_OP_ADDR:
		return cg_addr(cc, dp, n->l);
	case DT_OP_DEREF:
		r = cg(cc, dp, n->l);
		load(cc, dp, n->type, r);
		return r;
	case DT_OP_STRINGOF:
		return cg(cc, dp, n->l);
	case '!':
		r = cg(cc, dp, n->l);
		EMIT(DIF_INSTR_TST(r));
		return materialize(cc, dp, DIF_OP_BE, r, n->line);
	case '~':
		r = cg(cc, dp, n->l);
		EMIT(DIF_INSTR_NOT(r, r));
		return r;
	case DT_OP_NEG:
		r = cg(cc, dp, n->l);
		rz = dt_reg_alloc(cc, dp, n->line);
		EMIT(DIF_INSTR_ALU(DIF_OP_SUB, 0, r, rz));
		dt_reg_free(dp, r);
		return rz;
	default:
		return cg(cc, dp, n->l);
	}
}

static int cg_op3(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int rd = dt_reg_alloc(cc, dp, n->line), r;
	unsigned int be, ba;

	r = cg(cc, dp, n->l);
	EMIT(DIF_INSTR_TST(r));
	dt_reg_free(dp, r);
	be = EMIT(DIF_INSTR_BRANCH(DIF_OP_BE, 0));
	r = cg(cc, dp, n->r);
	EMIT(DIF_INSTR_MOV(r, rd));
	dt_reg_free(dp, r);
	ba = EMIT(DIF_INSTR_BRANCH(DIF_OP_BA, 0));
	dt_patch(dp, be, HERE);
	r = cg(cc, dp, n->x);
	EMIT(DIF_INSTR_MOV(r, rd));
	dt_reg_free(dp, r);
	dt_patch(dp, ba, HERE);
	return rd;
}

/* xlate<T>(e): a zeroed T in scratch, its translated members stored. */
static int cg_xlate(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int rd = setx(cc, dp, dt_type_size(n->type), n->line), rv, ra, ro;
	dt_node_t *m;

	EMIT(DIF_INSTR_ALLOCS(rd, rd));
	for (m = n->args; m != NULL; m = m->next) {
		rv = cg(cc, dp, m);
		ra = dt_reg_alloc(cc, dp, n->line);
		ro = setx(cc, dp, m->mbr->off / 8, n->line);
		EMIT(DIF_INSTR_ALU(DIF_OP_ADD, rd, ro, ra));
		dt_reg_free(dp, ro);
		EMIT(DIF_INSTR_STORE(op_store(m->mbr->type), rv, ra));
		dt_reg_free(dp, ra);
		dt_reg_free(dp, rv);
	}
	return rd;
}

static int cg(dt_cc_t *cc, dt_difo_t *dp, dt_node_t *n)
{
	int r, rr;

	cc->line = n->line;
	switch (n->kind) {
	case DT_N_INT:
		return setx(cc, dp, n->v, n->line);
	case DT_N_STR:
		r = dt_reg_alloc(cc, dp, n->line);
		EMIT(DIF_INSTR_SETS(dt_difo_str(cc, dp, n->s), r));
		return r;
	case DT_N_BUILTIN:
		if (n->ident->id == DIF_VAR_ARGS) {
			/* a typed argument narrower than 64 bits: its bits */
			r = cg(cc, dp, n->l);
			EMIT(DIF_INSTR_LDA(DIF_OP_LDGA, DIF_VAR_ARGS, r, r));
			if (dt_type_isint(n->type))
				extend(cc, dp, r, dt_type_size(n->type) * 8,
				       dt_type_issigned(n->type), n->line);
			return r;
		}
		r = dt_reg_alloc(cc, dp, n->line);
		EMIT(DIF_INSTR_LDV(DIF_OP_LDGS, n->ident->id, r));
		return r;
	case DT_N_VARREF:
		return cg_varref(cc, dp, n);
	case DT_N_SYM:
		/* a variable's value, a function's address */
		r = setx(cc, dp, n->v, n->line);
		if (dt_type_base(n->type)->kind != DT_TK_FUNC)
			load(cc, dp, n->type, r);
		return r;
	case DT_N_OP1:
		return cg_op1(cc, dp, n);
	case DT_N_OP2:
		if (n->op >= DT_OP_ASSIGN)
			return cg_assign(cc, dp, n);
		if (n->op == ',') {
			dt_reg_free(dp, cg(cc, dp, n->l));
			return cg(cc, dp, n->r);
		}
		switch (n->op) {
		case '<': case '>': case DT_OP_LE: case DT_OP_GE:
		case DT_OP_EQ: case DT_OP_NE:
			return cg_compare(cc, dp, n);
		case DT_OP_LAND: case DT_OP_LOR: case DT_OP_LXOR:
			return cg_logical(cc, dp, n);
		}
		r = cg(cc, dp, n->l);
		rr = cg(cc, dp, n->r);
		alu(cc, dp, n->op, n->l->type, n->r->type, n->type, r, rr,
		    n->line);
		return r;
	case DT_N_OP3:
		return cg_op3(cc, dp, n);
	case DT_N_MEMBER:
		return cg_member(cc, dp, n);
	case DT_N_CALL:
		return cg_call(cc, dp, n);
	case DT_N_CAST:
		return cg_cast(cc, dp, n);
	case DT_N_XLATE:
		return cg_xlate(cc, dp, n);
	default:
		dt_error(cc, n->line, "D_UNKNOWN",
			 "internal error: cannot generate code for node "
			 "kind %d", n->kind);
	}
}

dt_difo_t *dt_cg_difo(dt_cc_t *cc, dt_node_t *e)
{
	dt_difo_t *dp = dt_difo_new(cc);
	int r;

	r = cg(cc, dp, e);
	EMIT(DIF_INSTR_RET(r));
	dt_reg_free(dp, r);
	dp->rtype = dt_type_dif(cc, e->type);
	return dp;
}

dt_difo_t *dt_cg_builtin_difo(dt_cc_t *cc, unsigned int var,
			      const dt_type_t *t)
{
	dt_difo_t *dp = dt_difo_new(cc);
	int r = dt_reg_alloc(cc, dp, cc->line);

	EMIT(DIF_INSTR_LDV(DIF_OP_LDGS, var, r));
	EMIT(DIF_INSTR_RET(r));
	dp->rtype = dt_type_dif(cc, t);
	return dp;
}
