// SPDX-License-Identifier: GPL-2.0
/*
 * The DOF writer: the enablings of one compile into the container that
 * core/dof_load.c reads (layout in core/dof.h).  Sections are collected
 * in order, then laid out after the header and the section table, each
 * at its alignment.  A DIFO shared by several ECBs (a clause with several
 * probe descriptions) is written once and referred to by index.
 */
#include <stdlib.h>
#include <string.h>

#include "dt_cc.h"

typedef struct dt_sec {
	dof_sec_t	hdr;
	const void	*data;
} dt_sec_t;

typedef struct dt_dof {
	dt_sec_t	*secs;
	unsigned int	n, cap;
} dt_dof_t;

static dof_secidx_t sec_add(dt_cc_t *cc, dt_dof_t *d, unsigned int type,
			    unsigned int align, unsigned int entsize,
			    const void *data, unsigned long long size)
{
	dt_sec_t *s;

	if (d->n == d->cap) {
		unsigned int cap = d->cap ? d->cap * 2 : 64;
		dt_sec_t *v = dt_zalloc(cc, cap * sizeof(*v));

		if (d->secs != NULL)
			memcpy(v, d->secs, d->n * sizeof(*v));
		d->secs = v;
		d->cap = cap;
	}
	s = &d->secs[d->n];
	s->hdr.type = type;
	s->hdr.align = align;
	s->hdr.entsize = entsize;
	s->hdr.size = size;
	s->data = data;
	return d->n++;
}

static dof_secidx_t difo_write(dt_cc_t *cc, dt_dof_t *d, dt_difo_t *dp)
{
	dof_difohdr_t *h;

	if (dp == NULL)
		return DOF_SECIDX_NONE;
	if (dp->dofsec != 0)
		return dp->dofsec - 1;
	h = dt_zalloc(cc, sizeof(*h));
	h->rtype = dp->rtype;
	h->dif = sec_add(cc, d, DOF_SECT_DIF, sizeof(dif_instr_t),
			 sizeof(dif_instr_t), dp->buf,
			 (unsigned long long)dp->len * sizeof(dif_instr_t));
	h->inttab = dp->nint == 0 ? DOF_SECIDX_NONE :
		    sec_add(cc, d, DOF_SECT_INTTAB, 8, 8, dp->inttab,
			    dp->nint * 8ULL);
	h->strtab = dp->strlen == 0 ? DOF_SECIDX_NONE :
		    sec_add(cc, d, DOF_SECT_STRTAB, 1, 0, dp->strtab,
			    dp->strlen);
	h->vartab = dp->nvar == 0 ? DOF_SECIDX_NONE :
		    sec_add(cc, d, DOF_SECT_VARTAB, 4, sizeof(dof_difv_t),
			    dp->vartab, dp->nvar * sizeof(dof_difv_t));
	dp->dofsec = sec_add(cc, d, DOF_SECT_DIFOHDR, 4, 0, h,
			     sizeof(*h)) + 1;
	return dp->dofsec - 1;
}

static dof_secidx_t probe_write(dt_cc_t *cc, dt_dof_t *d, const dt_ecb_t *e)
{
	const char *parts[4] = { e->prov, e->mod, e->func, e->name };
	size_t len = 1, off = 1;
	dof_probedesc_t *pd = dt_zalloc(cc, sizeof(*pd));
	dof_stridx_t *idx[4] = { &pd->provider, &pd->mod, &pd->func,
				 &pd->name };
	char *tab;
	int i;

	for (i = 0; i < 4; i++)
		len += strlen(parts[i]) + 1;
	tab = dt_zalloc(cc, len);	/* offset 0 is "" */
	for (i = 0; i < 4; i++) {
		if (parts[i][0] == '\0') {
			*idx[i] = 0;
			continue;
		}
		strcpy(tab + off, parts[i]);
		*idx[i] = off;
		off += strlen(parts[i]) + 1;
	}
	pd->strtab = sec_add(cc, d, DOF_SECT_STRTAB, 1, 0, tab, off);
	return sec_add(cc, d, DOF_SECT_PROBEDESC, 4, 0, pd, sizeof(*pd));
}

static void ecb_write(dt_cc_t *cc, dt_dof_t *d, const dt_ecb_t *e)
{
	dof_ecbdesc_t *ed = dt_zalloc(cc, sizeof(*ed));
	dof_actdesc_t *ad = NULL;
	unsigned int i;

	ed->probes = probe_write(cc, d, e);
	ed->pred = difo_write(cc, d, e->pred);
	ed->uarg = e->clause;
	if (e->nacts > 0)
		ad = dt_zalloc(cc, e->nacts * sizeof(*ad));
	for (i = 0; i < e->nacts; i++) {
		const dt_action_t *a = &e->acts[i];

		ad[i].difo = difo_write(cc, d, a->difo);
		ad[i].incr = difo_write(cc, d, a->incr);
		ad[i].kind = a->kind;
		ad[i].ntuple = a->ntuple;
		ad[i].arg = a->arg;
		ad[i].arg2 = a->arg2;
		ad[i].uarg = a->uarg;
	}
	ed->actions = e->nacts == 0 ? DOF_SECIDX_NONE :
		      sec_add(cc, d, DOF_SECT_ACTDESC, 8, sizeof(*ad), ad,
			      e->nacts * sizeof(*ad));
	sec_add(cc, d, DOF_SECT_ECBDESC, 8, 0, ed, sizeof(*ed));
}

static unsigned long long align_up(unsigned long long v, unsigned int a)
{
	return (v + a - 1) & ~((unsigned long long)a - 1);
}

int dt_dof_write(dt_cc_t *cc, dt_ecb_t **ecbs, unsigned int n, void **dofp,
		 size_t *sizep)
{
	dt_dof_t d = { 0 };
	dof_hdr_t *h;
	unsigned long long off;
	unsigned int i;
	char *buf;

	for (i = 0; i < n; i++)
		ecb_write(cc, &d, ecbs[i]);
	off = align_up(sizeof(dof_hdr_t), 8) +
	      (unsigned long long)d.n * sizeof(dof_sec_t);
	for (i = 0; i < d.n; i++) {
		off = align_up(off, d.secs[i].hdr.align);
		d.secs[i].hdr.offset = off;
		off += d.secs[i].hdr.size;
	}
	off = align_up(off, 8);
	if (off > DOF_MAXSIZE)
		dt_error(cc, 0, "D_DOF_SIZE",
			 "compiled program too large: %llu bytes of DOF, the "
			 "limit is %u", off, DOF_MAXSIZE);
	buf = calloc(1, off);
	if (buf == NULL)
		dt_error(cc, 0, "D_NOMEM", "out of memory");
	h = (dof_hdr_t *)buf;
	h->ident[0] = DOF_MAG0;
	h->ident[1] = DOF_MAG1;
	h->ident[2] = DOF_MAG2;
	h->ident[3] = DOF_MAG3;
	h->version = DOF_VERSION;
	h->hdrsize = sizeof(dof_hdr_t);
	h->secsize = sizeof(dof_sec_t);
	h->secnum = d.n;
	h->secoff = align_up(sizeof(dof_hdr_t), 8);
	h->filesz = off;
	for (i = 0; i < d.n; i++) {
		memcpy(buf + h->secoff + i * sizeof(dof_sec_t), &d.secs[i].hdr,
		       sizeof(dof_sec_t));
		if (d.secs[i].hdr.size != 0)
			memcpy(buf + d.secs[i].hdr.offset, d.secs[i].data,
			       d.secs[i].hdr.size);
	}
	*dofp = buf;
	*sizep = off;
	return 0;
}
