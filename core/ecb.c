// SPDX-License-Identifier: GPL-2.0
/*
 * Enabling control blocks (ECBs): one clause (predicate + actions) enabled
 * on one probe for one consumer.
 *
 * RECORD LAYOUT.  Every action that records writes one record into the
 * ECB's EPID record, at an offset fixed here when the clause is loaded:
 * the first record follows the dtc_rechdr_t; each record starts at its
 * natural alignment (the value's size for scalars, 8 for by-reference
 * bytes, 1 for strings and traced memory); strings take strsize bytes,
 * by-reference values their size, exit() 4 bytes.  The whole EPID record
 * is padded to 8.  Actions that record nothing get a 0-size record so
 * that every statement finds its records (dt_prog.h).  Stacks take 8
 * bytes a frame (ustack one more, for the pid), user symbol actions 16
 * (pid and address), sym() and mod() 8.  Aggregations and the actions
 * that are their keys write no principal record; a
 * clause that only aggregates writes no EPID record at all (size 0),
 * while an empty clause writes a bare header (the probe fired).
 */
#include "core_impl.h"

#define RECORD_MAX	(1u << 20)	/* bytes of one EPID record */

void dtrace_difo_free(dtrace_difo_t *dp)
{
	if (dp == NULL)
		return;
	os_free(dp->buf, dp->len * sizeof(dif_instr_t));
	os_free(dp->inttab, dp->intlen * sizeof(uint64_t));
	os_free(dp->strtab, dp->strlen);
	os_free(dp->vartab, dp->varlen * sizeof(dof_difv_t));
	os_free(dp, sizeof(*dp));
}

void dtrace_clause_release(dtrace_clause_t *cl)
{
	uint32_t i;

	if (cl == NULL || --cl->refs > 0)
		return;
	dtrace_difo_free(cl->pred);
	for (i = 0; i < cl->nactions; i++) {
		dtrace_difo_free(cl->actions[i].difo);
		dtrace_difo_free(cl->actions[i].incr);
	}
	os_free(cl->actions, cl->nactions * sizeof(dtrace_action_t));
	os_free(cl, sizeof(*cl));
}

/* The record of a value a DIFO returns. */
void dtrace_value_record(const dtrace_difo_t *dp, uint32_t strsize,
			 dtc_recdesc_t *r)
{
	uint32_t sz;

	if (dp == NULL) {
		r->size = 0;
		r->alignment = 1;
		return;
	}
	r->type = dp->rtype;
	if (dp->rtype.kind == DIF_TYPE_STRING) {
		r->size = strsize;
		r->alignment = 1;
		r->flags |= DTC_RECF_STRING;
	} else if (dp->rtype.flags & DIF_TF_BYREF) {
		r->size = dp->rtype.size;
		r->alignment = 8;
		r->flags |= DTC_RECF_BYREF;
	} else {
		sz = dp->rtype.size;
		if (sz != 1 && sz != 2 && sz != 4 && sz != 8)
			sz = 8;
		r->size = sz;
		r->alignment = sz;
		if (dp->rtype.ckind == DIF_CKIND_INT)
			r->flags |= DTC_RECF_SIGNED;
	}
}

static bool is_known_action(uint32_t kind)
{
	return kind <= DTRACEACT_DISCARD ||
	       DTRACEAGG_ISAGG(kind);
}

void dtrace_action_recdesc(const dtrace_action_t *a, uint32_t strsize,
			   dtc_recdesc_t *r)
{
	r->action = (unsigned short)a->kind;
	r->arg = a->arg;
	r->uarg = a->uarg;
	switch (a->kind) {
	case DTRACEACT_EXIT:
		if (a->difo != NULL)
			r->type = a->difo->rtype;
		r->size = 4;
		r->alignment = 4;
		r->flags = DTC_RECF_SIGNED;
		break;
	case DTRACEACT_TRACEMEM:
		r->size = (uint32_t)a->arg;
		r->alignment = 1;
		r->flags = DTC_RECF_BYREF;
		break;
	case DTRACEACT_STACK:
		r->size = (uint32_t)a->arg * 8;
		r->alignment = 8;
		break;
	case DTRACEACT_USTACK:
		r->size = ((uint32_t)a->arg + 1) * 8;
		r->alignment = 8;
		break;
	case DTRACEACT_SYM:
	case DTRACEACT_MOD:
		r->size = 8;		/* the address, whatever its type */
		r->alignment = 8;
		break;
	case DTRACEACT_USYM:
	case DTRACEACT_UMOD:
	case DTRACEACT_UADDR:
		r->size = 16;		/* the pid, then the address */
		r->alignment = 8;
		break;
	default:
		dtrace_value_record(a->difo, strsize, r);
	}
	if (r->alignment == 0)
		r->alignment = 1;
}

/*
 * What may be an aggregation key: an expression's value, or one of the
 * actions whose record the consumer turns into text (a stack, a symbol,
 * a module), as DTrace allows them: @[stack()], @[ufunc(pc)].
 */
static bool is_key_action(const dtrace_action_t *a)
{
	switch (a->kind) {
	case DTRACEACT_DIFEXPR:
	case DTRACEACT_SYM:
	case DTRACEACT_MOD:
	case DTRACEACT_USYM:
	case DTRACEACT_UMOD:
	case DTRACEACT_UADDR:
		return a->difo != NULL;
	case DTRACEACT_STACK:
	case DTRACEACT_USTACK:
		return true;
	default:
		return false;
	}
}

/* Mark the ntuple key actions before each aggregation as its keys. */
static int mark_keys(dtrace_clause_t *cl, char *msg, size_t len)
{
	dtrace_action_t *a;
	uint32_t i, k;

	for (i = 0; i < cl->nactions; i++) {
		a = &cl->actions[i];
		if (!DTRACEAGG_ISAGG(a->kind)) {
			if (a->ntuple != 0) {
				os_snprintf(msg, len, "action %u: ntuple %u on "
					    "a non-aggregating action", i,
					    a->ntuple);
				return -EINVAL;
			}
			continue;
		}
		if (a->ntuple > i) {
			os_snprintf(msg, len, "action %u: %u keys but only %u "
				    "actions before it", i, a->ntuple, i);
			return -EINVAL;
		}
		for (k = i - a->ntuple; k < i; k++) {
			if (!is_key_action(&cl->actions[k]) ||
			    cl->actions[k].iskey) {
				os_snprintf(msg, len, "action %u: key %u is "
					    "not a free key action (an "
					    "expression, stack or symbol)",
					    i, k);
				return -EINVAL;
			}
			cl->actions[k].iskey = true;
		}
	}
	return 0;
}

int dtrace_clause_layout(dtrace_clause_t *cl, uint32_t strsize, char *msg,
			 size_t len)
{
	uint64_t off = sizeof(dtc_rechdr_t);
	dtrace_action_t *a;
	uint32_t i;
	int rc;

	rc = mark_keys(cl, msg, len);
	if (rc != 0)
		return rc;
	cl->nrecs = 0;
	for (i = 0; i < cl->nactions; i++) {
		a = &cl->actions[i];
		if (!is_known_action(a->kind)) {
			os_snprintf(msg, len, "action %u: unknown kind %u", i,
				    a->kind);
			return -EINVAL;
		}
		if (a->iskey || DTRACEAGG_ISAGG(a->kind) ||
		    a->kind == DTRACEACT_NONE)
			continue;
		dtrace_action_recdesc(a, strsize, &a->rec);
		off = DTRACE_ALIGN(off, a->rec.alignment);
		a->rec.offset = (uint32_t)off;
		off += a->rec.size;
		if (off > RECORD_MAX) {
			os_snprintf(msg, len, "action %u: the clause records "
				    "more than %u bytes", i, RECORD_MAX);
			return -E2BIG;
		}
		a->hasrec = true;
		cl->nrecs++;
	}
	/* Only aggregations: nothing goes to the principal buffer. */
	if (cl->nrecs == 0 && cl->nactions != 0)
		off = 0;
	cl->size = (uint32_t)DTRACE_ALIGN(off, 8);
	return 0;
}

/*
 * Link an ECB at the end of its probe's list (ECBs fire in the order they
 * were enabled).  The ECB is complete before the release store makes it
 * visible to probe context.
 */
int dtrace_ecb_enable(dtrace_ecb_t *ecb)
{
	dtrace_probe_t *p = ecb->probe;
	dtrace_ecb_t **pp;
	int rc;

	rc = dtrace_probe_enable_one(p);
	if (rc != 0)
		return rc;
	ecb->next = NULL;
	for (pp = &p->ecbs; *pp != NULL; pp = &(*pp)->next)
		;
	DTRACE_PUBLISH(*pp, ecb);
	return 0;
}

/* Unlink; the caller runs dtrace_sync() before freeing the ECB. */
void dtrace_ecb_disable(dtrace_ecb_t *ecb)
{
	dtrace_probe_t *p = ecb->probe;
	dtrace_ecb_t **pp;

	for (pp = &p->ecbs; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == ecb) {
			DTRACE_PUBLISH(*pp, ecb->next);
			break;
		}
	}
	dtrace_probe_disable_one(p);
}
