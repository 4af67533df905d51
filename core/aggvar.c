// SPDX-License-Identifier: GPL-2.0
/*
 * A consumer's aggregation variables.  The consumer numbers them (the
 * varid in dof_actdesc_t.arg); every clause that updates the same varid
 * must use the same aggregating function, parameters and key layout,
 * since they share entries.  The key layout is that of the key actions'
 * records (an expression's value, a stack, a symbol's address), laid out
 * like records from offset 0 and padded to 8.
 */
#include "core_impl.h"

dtrace_aggvar_t *dtrace_state_aggvar(dtrace_state_t *state, uint32_t varid)
{
	uint32_t i;

	for (i = 0; i < state->naggs; i++) {
		if (state->aggs[i]->varid == varid)
			return state->aggs[i];
	}
	return NULL;
}

static void aggvar_free(dtrace_aggvar_t *av)
{
	os_free(av->keys,
		(av->nkeys ? av->nkeys : 1) * sizeof(dtc_recdesc_t));
	os_free(av, sizeof(*av));
}

void dtrace_state_aggvars_truncate(dtrace_state_t *state, uint32_t naggs)
{
	while (state->naggs > naggs)
		aggvar_free(state->aggs[--state->naggs]);
}

/* Describe aggregation action i of cl (its keys precede it). */
static dtrace_aggvar_t *aggvar_build(dtrace_clause_t *cl, uint32_t i,
				     uint32_t strsize)
{
	dtrace_action_t *a = &cl->actions[i];
	dtrace_aggvar_t *av;
	uint64_t off = 0;
	uint32_t k;

	av = os_zalloc(sizeof(*av));
	if (av == NULL)
		return NULL;
	av->keys = os_zalloc((a->ntuple ? a->ntuple : 1) *
			     sizeof(dtc_recdesc_t));
	if (av->keys == NULL) {
		os_free(av, sizeof(*av));
		return NULL;
	}
	av->varid = (uint32_t)a->arg;
	av->kind = a->kind;
	av->arg2 = a->arg2;
	av->nkeys = a->ntuple;
	for (k = 0; k < a->ntuple; k++) {
		dtrace_action_t *ka = &cl->actions[i - a->ntuple + k];
		dtc_recdesc_t *r = &av->keys[k];

		dtrace_action_recdesc(ka, strsize, r);
		off = DTRACE_ALIGN(off, r->alignment);
		r->offset = (uint32_t)off;
		off += r->size;
	}
	av->keysize = (uint32_t)DTRACE_ALIGN(off, 8);
	av->valsize = dtrace_aggregate_valsize(av->kind, av->arg2);
	return av;
}

static bool aggvar_same(const dtrace_aggvar_t *a, const dtrace_aggvar_t *b)
{
	uint32_t k;

	if (a->kind != b->kind || a->arg2 != b->arg2 ||
	    a->nkeys != b->nkeys || a->keysize != b->keysize)
		return false;
	for (k = 0; k < a->nkeys; k++) {
		if (a->keys[k].action != b->keys[k].action ||
		    a->keys[k].size != b->keys[k].size ||
		    a->keys[k].offset != b->keys[k].offset ||
		    a->keys[k].flags != b->keys[k].flags)
			return false;
	}
	return true;
}

static int aggvar_add(dtrace_state_t *state, dtrace_aggvar_t *av)
{
	dtrace_aggvar_t **tab;

	if (state->naggs == state->aggcap) {
		tab = os_zalloc((state->aggcap + 16) * sizeof(*tab));
		if (tab == NULL)
			return -ENOMEM;
		if (state->naggs)
			os_memcpy(tab, state->aggs,
				  state->naggs * sizeof(*tab));
		os_free(state->aggs, state->aggcap * sizeof(*tab));
		state->aggs = tab;
		state->aggcap += 16;
	}
	state->aggs[state->naggs++] = av;
	if (av->keysize > state->maxkeysize)
		state->maxkeysize = av->keysize;
	return 0;
}

int dtrace_clause_aggvars(dtrace_state_t *state, dtrace_clause_t *cl,
			  char *msg, size_t len)
{
	uint32_t strsize = (uint32_t)state->options[DTRACEOPT_STRSIZE];
	dtrace_aggvar_t *av, *old;
	const char *why = "";
	uint32_t i;
	int rc;

	for (i = 0; i < cl->nactions; i++) {
		dtrace_action_t *a = &cl->actions[i];

		if (!DTRACEAGG_ISAGG(a->kind))
			continue;
		if (a->arg == 0 || a->arg > 0xffffffffull) {
			os_snprintf(msg, len, "action %u: aggregation id %llu "
				    "is not 1..2^32-1", i,
				    (unsigned long long)a->arg);
			return -EINVAL;
		}
		if (dtrace_aggregate_check(a->kind, a->arg2, &why) != 0) {
			os_snprintf(msg, len, "action %u: %s", i, why);
			return -EINVAL;
		}
		av = aggvar_build(cl, i, strsize);
		if (av == NULL)
			return -ENOMEM;
		old = dtrace_state_aggvar(state, av->varid);
		if (old != NULL) {
			if (!aggvar_same(old, av)) {
				os_snprintf(msg, len, "action %u: aggregation "
					    "%u is used with another function"
					    " or other keys elsewhere", i,
					    av->varid);
				aggvar_free(av);
				return -EINVAL;
			}
			aggvar_free(av);
			a->agg = old;
			continue;
		}
		rc = aggvar_add(state, av);
		if (rc != 0) {
			aggvar_free(av);
			return rc;
		}
		a->agg = av;
	}
	return 0;
}
