/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TEST_UNIT_DIF_ASM_H
#define TEST_UNIT_DIF_ASM_H

/*
 * A tiny DIF assembler for the unit tests of the DIF machine: a program
 * is built instruction by instruction with its integer, string and
 * variable tables beside it, then handed to the verifier or the emulator
 * as a dtrace_difo_t that points into it (so it lives as long as the
 * prog_t).  No bounds checks: the tests' programs are small and fixed.
 */
#include <string.h>

#include "core/dif_vm.h"

typedef struct prog {
	dif_instr_t	buf[256];
	uint32_t	len;
	uint64_t	ints[64];
	uint32_t	nints;
	char		str[2048];
	uint32_t	strl;
	dof_difv_t	vars[16];
	uint32_t	nvars;
} prog_t;

static inline void emit(prog_t *p, dif_instr_t in)
{
	p->buf[p->len++] = in;
}

/* rd = v, through the integer table. */
static inline void setx(prog_t *p, int rd, uint64_t v)
{
	p->ints[p->nints] = v;
	emit(p, DIF_INSTR_SETX(p->nints, rd));
	p->nints++;
}

/* Add s to the string table; its offset. */
static inline uint32_t strc(prog_t *p, const char *s)
{
	uint32_t off = p->strl;

	strcpy(p->str + off, s);
	p->strl += strlen(s) + 1;
	return off;
}

/* rd = the address of string s. */
static inline void sets(prog_t *p, int rd, const char *s)
{
	emit(p, DIF_INSTR_SETS(strc(p, s), rd));
}

/* Declare variable 'id' in the vartab (strings are by reference). */
static inline void var(prog_t *p, uint32_t id, int scope, int kind,
		       int tkind, uint32_t size)
{
	dof_difv_t *v = &p->vars[p->nvars++];

	memset(v, 0, sizeof(*v));
	v->name = strc(p, "v");
	v->id = id;
	v->scope = scope;
	v->kind = kind;
	v->type.kind = tkind;
	v->type.size = size;
	if (tkind == DIF_TYPE_STRING)
		v->type.flags = DIF_TF_BYREF;
}

/* The program as the core sees a loaded DIFO. */
static inline dtrace_difo_t difo(prog_t *p)
{
	dtrace_difo_t dp = {
		.buf = p->buf, .len = p->len, .inttab = p->ints,
		.intlen = p->nints, .strtab = p->str, .strlen = p->strl,
		.vartab = p->vars, .varlen = p->nvars,
	};
	return dp;
}

#endif /* TEST_UNIT_DIF_ASM_H */
