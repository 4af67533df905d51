/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TEST_UNIT_DOF_BUILDER_H
#define TEST_UNIT_DOF_BUILDER_H

/*
 * A small DOF writer for the core's unit tests: sections are appended one
 * by one and dofb_finish() lays out header, section table and data as
 * dof.h describes.  Tests use it to build valid programs and then to
 * break them on purpose.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dof.h"
#include "core/abi.h"

#define DOFB_MAXSECS	128
#define DOFB_MAXDATA	(64 << 10)

typedef struct dofb {
	dof_sec_t	secs[DOFB_MAXSECS];
	unsigned int	nsecs;
	unsigned char	data[DOFB_MAXDATA];
	size_t		len;
} dofb_t;

static inline void dofb_init(dofb_t *b)
{
	memset(b, 0, sizeof(*b));
}

/* Append a section; returns its index. */
static inline unsigned int dofb_sec(dofb_t *b, unsigned int type,
				    unsigned int align, unsigned int entsize,
				    const void *data, size_t size)
{
	dof_sec_t *s = &b->secs[b->nsecs];

	b->len = (b->len + 7) & ~(size_t)7;
	s->type = type;
	s->align = align;
	s->entsize = entsize;
	s->offset = b->len;
	s->size = size;
	memcpy(b->data + b->len, data, size);
	b->len += size;
	return b->nsecs++;
}

/* A DIFO: instructions, integer table, string table (may be NULL). */
static inline unsigned int dofb_difo(dofb_t *b, const dif_instr_t *ins,
				     size_t nins,
				     const unsigned long long *ints,
				     size_t nints, const char *strs,
				     size_t strsize, dif_type_t rtype)
{
	dof_difohdr_t h;

	memset(&h, 0, sizeof(h));
	h.rtype = rtype;
	h.dif = dofb_sec(b, DOF_SECT_DIF, 4, sizeof(dif_instr_t), ins,
			 nins * sizeof(dif_instr_t));
	h.inttab = nints ? dofb_sec(b, DOF_SECT_INTTAB, 8, 8, ints,
				    nints * 8) : DOF_SECIDX_NONE;
	h.strtab = strsize ? dofb_sec(b, DOF_SECT_STRTAB, 1, 0, strs,
				      strsize) : DOF_SECIDX_NONE;
	h.vartab = DOF_SECIDX_NONE;
	return dofb_sec(b, DOF_SECT_DIFOHDR, 8, 0, &h, sizeof(h));
}

static inline dif_type_t dofb_int64(void)
{
	dif_type_t t = { DIF_TYPE_CTF, DIF_CKIND_INT, 0, 0, 8 };

	return t;
}

/* A DIFO returning the constant v. */
static inline unsigned int dofb_const(dofb_t *b, unsigned long long v)
{
	static const dif_instr_t ins[] = {
		DIF_INSTR_SETX(0, 1), DIF_INSTR_RET(1)
	};

	return dofb_difo(b, ins, 2, &v, 1, NULL, 0, dofb_int64());
}

/* A DIFO returning argN (N 0..9). */
static inline unsigned int dofb_arg(dofb_t *b, unsigned int n)
{
	dif_instr_t ins[] = {
		DIF_INSTR_LDV(DIF_OP_LDGS, DIF_VAR_ARG0 + n, 1),
		DIF_INSTR_RET(1)
	};

	return dofb_difo(b, ins, 2, NULL, 0, NULL, 0, dofb_int64());
}

/* A DIFO returning the string s. */
static inline unsigned int dofb_string(dofb_t *b, const char *s)
{
	static const dif_instr_t ins[] = {
		DIF_INSTR_SETS(0, 1), DIF_INSTR_RET(1)
	};
	dif_type_t t = { DIF_TYPE_STRING, 0, DIF_TF_BYREF, 0, 0 };

	return dofb_difo(b, ins, 2, NULL, 0, s, strlen(s) + 1, t);
}

static inline unsigned int dofb_probe(dofb_t *b, const char *prov,
				      const char *mod, const char *func,
				      const char *name)
{
	char strs[512];
	size_t n = 0;
	dof_probedesc_t pd;

	memset(&pd, 0, sizeof(pd));
	pd.provider = n;
	n += sprintf(strs + n, "%s", prov) + 1;
	pd.mod = n;
	n += sprintf(strs + n, "%s", mod) + 1;
	pd.func = n;
	n += sprintf(strs + n, "%s", func) + 1;
	pd.name = n;
	n += sprintf(strs + n, "%s", name) + 1;
	pd.strtab = dofb_sec(b, DOF_SECT_STRTAB, 1, 0, strs, n);
	return dofb_sec(b, DOF_SECT_PROBEDESC, 8, 0, &pd, sizeof(pd));
}

static inline dof_actdesc_t dofb_action(unsigned int kind,
					unsigned int difo,
					unsigned long long arg)
{
	dof_actdesc_t a;

	memset(&a, 0, sizeof(a));
	a.kind = kind;
	a.difo = difo;
	a.incr = DOF_SECIDX_NONE;
	a.arg = arg;
	return a;
}

static inline unsigned int dofb_ecb(dofb_t *b, unsigned int probe,
				    unsigned int pred,
				    const dof_actdesc_t *acts, size_t nacts,
				    unsigned long long uarg)
{
	dof_ecbdesc_t e;

	memset(&e, 0, sizeof(e));
	e.probes = probe;
	e.pred = pred;
	e.actions = nacts ? dofb_sec(b, DOF_SECT_ACTDESC, 8,
				     sizeof(dof_actdesc_t), acts,
				     nacts * sizeof(*acts)) :
			    DOF_SECIDX_NONE;
	e.uarg = uarg;
	return dofb_sec(b, DOF_SECT_ECBDESC, 8, 0, &e, sizeof(e));
}

static inline unsigned int dofb_option(dofb_t *b, unsigned int opt,
				       unsigned long long v)
{
	dof_optdesc_t o;

	memset(&o, 0, sizeof(o));
	o.option = opt;
	o.value = v;
	return dofb_sec(b, DOF_SECT_OPTDESC, 8, sizeof(o), &o, sizeof(o));
}

/* Lay the DOF out; returns a malloc'd buffer of *size bytes. */
static inline void *dofb_finish(dofb_t *b, size_t *size)
{
	size_t tab = sizeof(dof_hdr_t);
	size_t data = tab + b->nsecs * sizeof(dof_sec_t);
	dof_hdr_t *h;
	dof_sec_t *s;
	unsigned char *out;
	unsigned int i;

	data = (data + 7) & ~(size_t)7;
	*size = data + b->len;
	out = calloc(1, *size);
	h = (dof_hdr_t *)out;
	h->ident[0] = DOF_MAG0;
	h->ident[1] = DOF_MAG1;
	h->ident[2] = DOF_MAG2;
	h->ident[3] = DOF_MAG3;
	h->version = DOF_VERSION;
	h->hdrsize = sizeof(dof_hdr_t);
	h->secsize = sizeof(dof_sec_t);
	h->secnum = b->nsecs;
	h->secoff = tab;
	h->filesz = *size;
	s = (dof_sec_t *)(out + tab);
	for (i = 0; i < b->nsecs; i++) {
		s[i] = b->secs[i];
		s[i].offset += data;
	}
	memcpy(out + data, b->data, b->len);
	return out;
}

#endif /* TEST_UNIT_DOF_BUILDER_H */
