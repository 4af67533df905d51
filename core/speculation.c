// SPDX-License-Identifier: GPL-2.0
/*
 * Speculations: nspec speculative buffers, each with one switch-policy
 * buffer of specsize bytes per CPU.
 *
 *   speculation()  takes an INACTIVE speculation (-> ACTIVE) and returns
 *                  its id (1..nspec), or 0 and counts specdrops_unavail.
 *   speculate(id)  sends the rest of the clause's record to this CPU's
 *                  buffer of an ACTIVE speculation; a full buffer drops
 *                  it (specdrops), a committing or discarding one too
 *                  (specdrops_busy).
 *   commit(id)     copies this CPU's buffer into this CPU's principal
 *                  buffer; discard(id) empties it.
 *
 * Other CPUs' buffers cannot be touched from probe context.  With one
 * CPU the speculation is INACTIVE again at once.  With several it goes
 * COMMITTING (or DISCARDING) and dtrace_speculation_clean, run by the
 * consumer's periodic status and snapshot calls, cross-calls every CPU
 * to commit or empty its own buffer there (interrupts off, so no firing
 * on that CPU is half-way through), then makes it INACTIVE.  Until then
 * speculate(id) on it is refused as busy.
 */
#include "core_impl.h"

int dtrace_speculations_alloc(dtrace_state_t *state)
{
	uint64_t nspec = state->options[DTRACEOPT_NSPEC];
	uint64_t specsize = state->options[DTRACEOPT_SPECSIZE];
	dtrace_speculation_t *sp;
	uint32_t i;
	int cpu, rc;

	if (nspec == 0)
		return 0;
	state->specs = os_zalloc(nspec * sizeof(*state->specs));
	if (state->specs == NULL)
		return -ENOMEM;
	state->nspec = (uint32_t)nspec;
	for (i = 0; i < state->nspec; i++) {
		sp = &state->specs[i];
		sp->bufs = os_zalloc(state->ncpus * sizeof(*sp->bufs));
		if (sp->bufs == NULL)
			return -ENOMEM;
		for (cpu = 0; cpu < state->ncpus; cpu++) {
			if (state->cpus[cpu].buf.data[0] == NULL)
				continue;
			rc = dtrace_buffer_alloc(&sp->bufs[cpu], specsize,
						 DTRACEOPT_BUFPOLICY_SWITCH);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

void dtrace_speculations_free(dtrace_state_t *state)
{
	uint32_t i;
	int cpu;

	for (i = 0; i < state->nspec && state->specs != NULL; i++) {
		if (state->specs[i].bufs == NULL)
			continue;
		for (cpu = 0; cpu < state->ncpus; cpu++)
			dtrace_buffer_free(&state->specs[i].bufs[cpu]);
		os_free(state->specs[i].bufs,
			state->ncpus * sizeof(dtrace_buffer_t));
	}
	os_free(state->specs, state->nspec * sizeof(*state->specs));
	state->specs = NULL;
	state->nspec = 0;
}

static bool cas_state(dtrace_speculation_t *sp, uint32_t from, uint32_t to)
{
	return __atomic_compare_exchange_n(&sp->state, &from, to, false,
					   __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE);
}

uint64_t dtrace_speculation_new(struct dtrace_state *state)
{
	uint32_t i;

	for (i = 0; i < state->nspec; i++) {
		if (cas_state(&state->specs[i], DTRACESPEC_INACTIVE,
			      DTRACESPEC_ACTIVE))
			return i + 1;
	}
	__atomic_add_fetch(&state->specdrops_unavail, 1, __ATOMIC_RELAXED);
	return 0;
}

static dtrace_speculation_t *spec_get(dtrace_state_t *state, uint64_t id)
{
	if (id == 0 || id > state->nspec)
		return NULL;
	return &state->specs[id - 1];
}

dtrace_buffer_t *dtrace_speculation_buffer(dtrace_state_t *state,
					   uint64_t id, int cpu)
{
	dtrace_speculation_t *sp = spec_get(state, id);
	uint32_t st;

	if (sp == NULL)
		return NULL;
	st = DTRACE_READ(sp->state);
	if (st == DTRACESPEC_ACTIVE)
		return &sp->bufs[cpu];
	if (st != DTRACESPEC_INACTIVE)
		__atomic_add_fetch(&state->specdrops_busy, 1,
				   __ATOMIC_RELAXED);
	return NULL;
}

/* Copy one CPU's speculative records into its principal buffer. */
static void commit_cpu(dtrace_state_t *state, dtrace_buffer_t *sb, int cpu)
{
	dtrace_buffer_t *pb = &state->cpus[cpu].buf;
	int64_t off;

	if (sb->offset == 0)
		return;
	off = dtrace_buffer_reserve(pb, sb->offset);
	if (off < 0) {
		__atomic_add_fetch(&state->specdrops, 1, __ATOMIC_RELAXED);
	} else {
		os_memcpy(dtrace_buffer_active(pb) + off,
			  dtrace_buffer_active(sb), sb->offset);
		dtrace_buffer_commit(pb, off, sb->offset);
	}
	sb->offset = 0;
}

/* After this CPU is done: the speculation is free when it is the only. */
static void finish(dtrace_state_t *state, dtrace_speculation_t *sp,
		   uint32_t next)
{
	if (state->ncpus == 1)
		cas_state(sp, DTRACESPEC_ACTIVE, DTRACESPEC_INACTIVE);
	else
		cas_state(sp, DTRACESPEC_ACTIVE, next);
}

void dtrace_speculation_commit(dtrace_state_t *state, uint64_t id, int cpu)
{
	dtrace_speculation_t *sp = spec_get(state, id);

	if (sp == NULL || DTRACE_READ(sp->state) != DTRACESPEC_ACTIVE)
		return;
	commit_cpu(state, &sp->bufs[cpu], cpu);
	finish(state, sp, DTRACESPEC_COMMITTING);
}

void dtrace_speculation_discard(dtrace_state_t *state, uint64_t id, int cpu)
{
	dtrace_speculation_t *sp = spec_get(state, id);

	if (sp == NULL || DTRACE_READ(sp->state) != DTRACESPEC_ACTIVE)
		return;
	sp->bufs[cpu].offset = 0;
	finish(state, sp, DTRACESPEC_DISCARDING);
}

struct clean_arg {
	dtrace_state_t *state;
	dtrace_speculation_t *sp;
};

static void clean_on_cpu(void *arg)
{
	struct clean_arg *ca = arg;
	int cpu = os_cpu_id();
	dtrace_buffer_t *sb;

	if (cpu >= ca->state->ncpus || ca->state->cpus[cpu].buf.data[0] ==
	    NULL)
		return;
	sb = &ca->sp->bufs[cpu];
	if (ca->sp->state == DTRACESPEC_COMMITTING)
		commit_cpu(ca->state, sb, cpu);
	else
		sb->offset = 0;
}

void dtrace_speculation_clean(dtrace_state_t *state)
{
	struct clean_arg ca = { state, NULL };
	uint32_t i, st;

	for (i = 0; i < state->nspec; i++) {
		ca.sp = &state->specs[i];
		st = DTRACE_READ(ca.sp->state);
		if (st != DTRACESPEC_COMMITTING &&
		    st != DTRACESPEC_DISCARDING)
			continue;
		os_xcall(OS_CPU_ALL, clean_on_cpu, &ca);
		DTRACE_PUBLISH(ca.sp->state, DTRACESPEC_INACTIVE);
	}
}
