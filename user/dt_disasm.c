// SPDX-License-Identifier: GPL-2.0
/*
 * The -S disassembler: each DIFO as DTrace prints it, a header naming the
 * clause and what the DIFO computes, one row per instruction (offset,
 * encoding, mnemonic, operands, and a comment with the constant or
 * variable it names), then the variable table.
 */
#include <stdio.h>
#include <string.h>

#include "dt_cc.h"

static const char *const dt_opnames[DIF_OP_MAX + 1] = {
	[DIF_OP_OR] = "or", [DIF_OP_XOR] = "xor", [DIF_OP_AND] = "and",
	[DIF_OP_SLL] = "sll", [DIF_OP_SRL] = "srl", [DIF_OP_SUB] = "sub",
	[DIF_OP_ADD] = "add", [DIF_OP_MUL] = "mul", [DIF_OP_SDIV] = "sdiv",
	[DIF_OP_UDIV] = "udiv", [DIF_OP_SREM] = "srem", [DIF_OP_UREM] = "urem",
	[DIF_OP_NOT] = "not", [DIF_OP_MOV] = "mov", [DIF_OP_CMP] = "cmp",
	[DIF_OP_TST] = "tst", [DIF_OP_BA] = "ba", [DIF_OP_BE] = "be",
	[DIF_OP_BNE] = "bne", [DIF_OP_BG] = "bg", [DIF_OP_BGU] = "bgu",
	[DIF_OP_BGE] = "bge", [DIF_OP_BGEU] = "bgeu", [DIF_OP_BL] = "bl",
	[DIF_OP_BLU] = "blu", [DIF_OP_BLE] = "ble", [DIF_OP_BLEU] = "bleu",
	[DIF_OP_LDSB] = "ldsb", [DIF_OP_LDSH] = "ldsh", [DIF_OP_LDSW] = "ldsw",
	[DIF_OP_LDUB] = "ldub", [DIF_OP_LDUH] = "lduh", [DIF_OP_LDUW] = "lduw",
	[DIF_OP_LDX] = "ldx", [DIF_OP_RET] = "ret", [DIF_OP_NOP] = "nop",
	[DIF_OP_SETX] = "setx", [DIF_OP_SETS] = "sets", [DIF_OP_SCMP] = "scmp",
	[DIF_OP_LDGA] = "ldga", [DIF_OP_LDGS] = "ldgs", [DIF_OP_STGS] = "stgs",
	[DIF_OP_LDTA] = "ldta", [DIF_OP_LDTS] = "ldts", [DIF_OP_STTS] = "stts",
	[DIF_OP_SRA] = "sra", [DIF_OP_CALL] = "call", [DIF_OP_PUSHTR] = "pushtr",
	[DIF_OP_PUSHTV] = "pushtv", [DIF_OP_POPTS] = "popts",
	[DIF_OP_FLUSHTS] = "flushts", [DIF_OP_LDGAA] = "ldgaa",
	[DIF_OP_LDTAA] = "ldtaa", [DIF_OP_STGAA] = "stgaa",
	[DIF_OP_STTAA] = "sttaa", [DIF_OP_LDLS] = "ldls", [DIF_OP_STLS] = "stls",
	[DIF_OP_ALLOCS] = "allocs", [DIF_OP_COPYS] = "copys",
	[DIF_OP_STB] = "stb", [DIF_OP_STH] = "sth", [DIF_OP_STW] = "stw",
	[DIF_OP_STX] = "stx",
};

static const char *var_name(const dt_difo_t *dp, unsigned int id,
			    char *buf, size_t len)
{
	static const char *const names[] = { "args", "regs", "uregs" };
	unsigned int i;

	for (i = 0; i < dp->nvar; i++)
		if (dp->vartab[i].id == id)
			return dp->strtab + dp->vartab[i].name;
	if (id < 3)
		return names[id];
	snprintf(buf, len, "%#x", id);
	return buf;
}

static const char *builtin_name(unsigned int id, char *buf, size_t len)
{
	static const char *const n[] = {
		"curthread", "timestamp", "vtimestamp", "ipl", "epid", "id",
		"arg0", "arg1", "arg2", "arg3", "arg4", "arg5", "arg6", "arg7",
		"arg8", "arg9", "stackdepth", "caller", "probeprov",
		"probemod", "probefunc", "probename", "pid", "tid", "execname",
		"zonename", "walltimestamp", "ustackdepth", "ucaller", "ppid",
		"uid", "gid", "errno", "cpu",
	};

	if (id >= DIF_VAR_OTHER_MIN &&
	    id - DIF_VAR_OTHER_MIN < sizeof(n) / sizeof(n[0]))
		return n[id - DIF_VAR_OTHER_MIN];
	snprintf(buf, len, "%#x", id);
	return buf;
}

static const char *type_desc(const dif_type_t *t, char *buf, size_t len)
{
	static const char *const ck[] = {
		"void", "int", "uint", "pointer", "struct", "array", "float",
	};

	if (t->kind == DIF_TYPE_STRING)
		snprintf(buf, len, "D type string (by ref) size %u", t->size);
	else
		snprintf(buf, len, "C type %s%s size %u",
			 t->ckind < 7 ? ck[t->ckind] : "?",
			 t->flags & DIF_TF_BYREF ? " (by ref)" : "", t->size);
	return buf;
}

static void instr(FILE *fp, const dt_difo_t *dp, unsigned int pc)
{
	dif_instr_t in = dp->buf[pc];
	unsigned int op = DIF_INSTR_OP(in), r1 = DIF_INSTR_R1(in),
		     r2 = DIF_INSTR_R2(in), rd = DIF_INSTR_RD(in);
	const char *name = op <= DIF_OP_MAX && dt_opnames[op] ?
			   dt_opnames[op] : "???";
	char buf[64];
	unsigned int v;

	fprintf(fp, "%02u: %08x    %-8s", pc, in, name);
	switch (op) {
	case DIF_OP_NOT: case DIF_OP_MOV:
		fprintf(fp, "%%r%u, %%r%u", r1, rd);
		break;
	case DIF_OP_CMP: case DIF_OP_SCMP:
		fprintf(fp, "%%r%u, %%r%u", r1, r2);
		break;
	case DIF_OP_TST:
		fprintf(fp, "%%r%u", r1);
		break;
	case DIF_OP_BA: case DIF_OP_BE: case DIF_OP_BNE: case DIF_OP_BG:
	case DIF_OP_BGU: case DIF_OP_BGE: case DIF_OP_BGEU: case DIF_OP_BL:
	case DIF_OP_BLU: case DIF_OP_BLE: case DIF_OP_BLEU:
		fprintf(fp, "%u", DIF_INSTR_LABEL(in));
		break;
	case DIF_OP_LDSB: case DIF_OP_LDSH: case DIF_OP_LDSW:
	case DIF_OP_LDUB: case DIF_OP_LDUH: case DIF_OP_LDUW: case DIF_OP_LDX:
		fprintf(fp, "[%%r%u], %%r%u", r1, rd);
		break;
	case DIF_OP_STB: case DIF_OP_STH: case DIF_OP_STW: case DIF_OP_STX:
		fprintf(fp, "%%r%u, [%%r%u]", r1, rd);
		break;
	case DIF_OP_RET:
		fprintf(fp, "%%r%u", rd);
		break;
	case DIF_OP_SETX:
		v = DIF_INSTR_INTEGER(in);
		fprintf(fp, "DT_INTEGER[%u], %%r%u", v, rd);
		if (v < dp->nint)
			fprintf(fp, "\t! %#llx", dp->inttab[v]);
		break;
	case DIF_OP_SETS:
		v = DIF_INSTR_STRING(in);
		fprintf(fp, "DT_STRING[%u], %%r%u", v, rd);
		if (v < dp->strlen)
			fprintf(fp, "\t! \"%s\"", dp->strtab + v);
		break;
	case DIF_OP_LDGS: case DIF_OP_LDTS: case DIF_OP_LDLS:
	case DIF_OP_LDGAA: case DIF_OP_LDTAA:
		v = DIF_INSTR_VAR(in);
		fprintf(fp, "DT_VAR(%u), %%r%u\t! DT_VAR(%u) = \"%s\"", v, rd,
			v, v < DIF_VAR_OTHER_UBASE ?
			builtin_name(v, buf, sizeof(buf)) :
			var_name(dp, v, buf, sizeof(buf)));
		break;
	case DIF_OP_STGS: case DIF_OP_STTS: case DIF_OP_STLS:
	case DIF_OP_STGAA: case DIF_OP_STTAA:
		v = DIF_INSTR_VAR(in);
		fprintf(fp, "%%r%u, DT_VAR(%u)\t! DT_VAR(%u) = \"%s\"", rd, v,
			v, var_name(dp, v, buf, sizeof(buf)));
		break;
	case DIF_OP_LDGA:
		fprintf(fp, "DT_VAR(%u), %%r%u, %%r%u\t! DT_VAR(%u) = \"%s\"",
			r1, r2, rd, r1, var_name(dp, r1, buf, sizeof(buf)));
		break;
	case DIF_OP_CALL:
		fprintf(fp, "DIF_SUBR(%u), %%r%u", DIF_INSTR_SUBR(in), rd);
		break;
	case DIF_OP_PUSHTR:
		fprintf(fp, "DT_TYPE(%u), %%r%u, %%r%u", r1, r2, rd);
		break;
	case DIF_OP_PUSHTV:
		fprintf(fp, "%%r%u", rd);
		break;
	case DIF_OP_POPTS: case DIF_OP_FLUSHTS: case DIF_OP_NOP:
		break;
	case DIF_OP_ALLOCS:
		fprintf(fp, "%%r%u, %%r%u", r1, rd);
		break;
	default:
		fprintf(fp, "%%r%u, %%r%u, %%r%u", r1, r2, rd);
		break;
	}
	fputc('\n', fp);
}

void dt_disasm(dt_cc_t *cc, FILE *fp, const dt_difo_t *dp,
	       const char *clause)
{
	static const char *const scope[] = { "glb", "tls", "loc" };
	char buf[96];
	unsigned int i;

	fprintf(fp, "\nDIFO %p returns %s\n", (const void *)dp,
		type_desc(&dp->rtype, buf, sizeof(buf)));
	fprintf(fp, "! %s: %s\n", clause, dp->what ? dp->what : "");
	fprintf(fp, "\nOFF OPCODE      INSTRUCTION\n");
	for (i = 0; i < dp->len; i++)
		instr(fp, dp, i);
	if (dp->nvar == 0)
		return;
	fprintf(fp, "\nNAME             ID     KND SCP FLAG TYPE\n");
	for (i = 0; i < dp->nvar; i++) {
		const dof_difv_t *v = &dp->vartab[i];

		fprintf(fp, "%-16s %-6x %-3s %s %-4s %s\n",
			dp->strtab + v->name, v->id,
			v->kind == DIF_VKIND_ARRAY ? "arr" : "scl",
			v->scope < 3 ? scope[v->scope] : "???",
			(v->flags & (DIF_VFLAG_REF | DIF_VFLAG_MOD)) ==
			(DIF_VFLAG_REF | DIF_VFLAG_MOD) ? "r/w" :
			v->flags & DIF_VFLAG_MOD ? "w" : "r",
			type_desc(&v->type, buf, sizeof(buf)));
	}
}
