// SPDX-License-Identifier: GPL-2.0
/*
 * Building one DIF object: the instruction buffer, its integer and string
 * tables (deduplicated), its variable table, and the register allocator.
 * Every table index fits the 16 bits that DIF instructions give it; a
 * program that needs more is refused with an error, never truncated.
 */
#include <string.h>

#include "dt_cc.h"

#define DT_DIF_MAXTAB	0xffff

dt_difo_t *dt_difo_new(dt_cc_t *cc)
{
	return dt_zalloc(cc, sizeof(dt_difo_t));
}

static void *grow(dt_cc_t *cc, void *old, unsigned int *cap,
		  unsigned int n, size_t esize)
{
	unsigned int ncap;
	void *p;

	if (n < *cap)
		return old;
	ncap = *cap ? *cap * 2 : 32;
	p = dt_zalloc(cc, (size_t)ncap * esize);
	if (old != NULL)
		memcpy(p, old, (size_t)n * esize);
	*cap = ncap;
	return p;
}

unsigned int dt_emit(dt_cc_t *cc, dt_difo_t *dp, dif_instr_t ins)
{
	if (dp->len >= 0xffffff)
		dt_error(cc, cc->line, "D_DIF_SIZE",
			 "program too large for a DIF object");
	dp->buf = grow(cc, dp->buf, &dp->cap, dp->len, sizeof(dif_instr_t));
	dp->buf[dp->len] = ins;
	return dp->len++;
}

/* Point the branch at 'at' to instruction 'label'. */
void dt_patch(dt_difo_t *dp, unsigned int at, unsigned int label)
{
	dp->buf[at] = (dp->buf[at] & 0xff000000u) | (label & 0xffffff);
}

unsigned int dt_difo_int(dt_cc_t *cc, dt_difo_t *dp, unsigned long long v)
{
	unsigned int i;

	for (i = 0; i < dp->nint; i++)
		if (dp->inttab[i] == v)
			return i;
	if (dp->nint > DT_DIF_MAXTAB)
		dt_error(cc, cc->line, "D_DIF_SIZE",
			 "too many integer constants in one DIF object");
	dp->inttab = grow(cc, dp->inttab, &dp->intcap, dp->nint,
			  sizeof(unsigned long long));
	dp->inttab[dp->nint] = v;
	return dp->nint++;
}

unsigned int dt_difo_str(dt_cc_t *cc, dt_difo_t *dp, const char *s)
{
	size_t n = strlen(s) + 1;
	unsigned int off = 0, need;

	while (off < dp->strlen) {
		if (strcmp(dp->strtab + off, s) == 0)
			return off;
		off += strlen(dp->strtab + off) + 1;
	}
	off = dp->strlen;
	if (off + n > DT_DIF_MAXTAB)
		dt_error(cc, cc->line, "D_DIF_SIZE",
			 "string table of a DIF object exceeds 64KB");
	need = off + n;
	while (need > dp->strcap) {
		unsigned int ncap = dp->strcap ? dp->strcap * 2 : 256;
		char *p = dt_zalloc(cc, ncap);

		if (dp->strtab != NULL)
			memcpy(p, dp->strtab, dp->strlen);
		dp->strtab = p;
		dp->strcap = ncap;
	}
	memcpy(dp->strtab + off, s, n);
	dp->strlen = need;
	return off;
}

void dt_difo_var(dt_cc_t *cc, dt_difo_t *dp, const dt_ident_t *id, int write)
{
	unsigned short flag = write ? DIF_VFLAG_MOD : DIF_VFLAG_REF;
	dof_difv_t *v;
	unsigned int i;

	for (i = 0; i < dp->nvar; i++) {
		if (dp->vartab[i].id == id->id) {
			dp->vartab[i].flags |= flag;
			return;
		}
	}
	dp->vartab = grow(cc, dp->vartab, &dp->varcap, dp->nvar,
			  sizeof(dof_difv_t));
	v = &dp->vartab[dp->nvar++];
	v->name = dt_difo_str(cc, dp, id->name);
	v->id = id->id;
	v->kind = id->isassoc ? DIF_VKIND_ARRAY : DIF_VKIND_SCALAR;
	v->scope = id->scope == DT_SCOPE_THREAD ? DIF_VSCOPE_THREAD :
		   id->scope == DT_SCOPE_LOCAL ? DIF_VSCOPE_LOCAL :
						 DIF_VSCOPE_GLOBAL;
	v->flags = flag;
	v->type = dt_type_dif(cc, id->type);
}

int dt_reg_alloc(dt_cc_t *cc, dt_difo_t *dp, int line)
{
	int r;

	for (r = 1; r < DIF_NREGS; r++) {
		if (!(dp->regs & (1u << r))) {
			dp->regs |= 1u << r;
			return r;
		}
	}
	dt_error(cc, line, "D_NOREG",
		 "insufficient registers to generate code: simplify the "
		 "expression");
}

void dt_reg_free(dt_difo_t *dp, int reg)
{
	if (reg > 0)
		dp->regs &= ~(1u << reg);
}
