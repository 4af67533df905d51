// SPDX-License-Identifier: GPL-2.0
/*
 * Consumer state: what one consumer (one dtrace(1) run) has enabled, its
 * options, its buffers and its life cycle:
 *
 *   INACTIVE --go--> WARMUP (BEGIN fires) --> ACTIVE --exit()--> DRAINING
 *        ACTIVE or DRAINING --stop--> COOLDOWN (END fires) --> STOPPED
 *        ACTIVE --no status call for DTRACE_DEADMAN_NS--> KILLED
 *
 * Options arrive with the DOF and are fixed at go, when the per-CPU
 * buffers are allocated.  Nothing fires for a state that is not WARMUP,
 * ACTIVE, DRAINING (END only) or COOLDOWN (END only); see probe_fire.c.
 */
#include "core_impl.h"

/* How many bytes of scratch a firing gets, beyond strsize-sized pieces. */
#define SCRATCH_BASE	(32u << 10)
#define SCRATCH_STRS	16u

static dtrace_state_t *dtrace_states;

bool dtrace_states_exist(void)
{
	return dtrace_states != NULL;
}

void dtrace_state_options_default(uint64_t *o)
{
	int i;

	for (i = 0; i < DTRACEOPT_MAX; i++)
		o[i] = DTRACEOPT_UNSET;
	o[DTRACEOPT_BUFSIZE] = 4u << 20;
	o[DTRACEOPT_BUFPOLICY] = DTRACEOPT_BUFPOLICY_SWITCH;
	o[DTRACEOPT_DYNVARSIZE] = 1u << 20;
	o[DTRACEOPT_AGGSIZE] = 4u << 20;
	o[DTRACEOPT_SPECSIZE] = 32u << 10;
	o[DTRACEOPT_NSPEC] = 1;
	o[DTRACEOPT_STRSIZE] = 256;
	o[DTRACEOPT_CLEANRATE] = 1000000000ull / 101;
	o[DTRACEOPT_STACKFRAMES] = 20;
	o[DTRACEOPT_USTACKFRAMES] = 100;
	o[DTRACEOPT_DESTRUCTIVE] = 0;
	o[DTRACEOPT_BUFRESIZE] = DTRACEOPT_BUFRESIZE_AUTO;
}

int dtrace_state_create(unsigned int privs, dtrace_state_t **statep)
{
	dtrace_state_t *s;

	s = os_zalloc(sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	s->privs = privs;
	s->activity = DTRACE_ACTIVITY_INACTIVE;
	dtrace_state_options_default(s->options);
	os_mutex_enter(&dtrace_lock);
	s->next = dtrace_states;
	dtrace_states = s;
	os_mutex_exit(&dtrace_lock);
	*statep = s;
	return 0;
}

uint32_t dtrace_state_strsize(const struct dtrace_state *state)
{
	return (uint32_t)state->options[DTRACEOPT_STRSIZE];
}

uint32_t dtrace_state_epid_size(void *arg, uint32_t epid)
{
	dtrace_state_t *state = arg;

	if (epid == 0 || epid > state->necbs)
		return 0;
	return state->ecbs[epid - 1]->clause->size;
}

static bool cpu_traced(dtrace_state_t *state, int cpu)
{
	uint64_t only = state->options[DTRACEOPT_CPU];

	if (!os_cpu_online(cpu))
		return false;
	return only == DTRACEOPT_UNSET || only == (uint64_t)cpu;
}

static void cpustate_free(dtrace_state_t *state, dtrace_cpustate_t *c)
{
	dtrace_buffer_free(&c->buf);
	dtrace_aggbuffer_free(&c->agg);
	os_free(c->scratch, c->scratch_size);
	os_free(c->locals, c->locals_size);
	os_free(c->key, c->key_size);
}

/* Bytes of the END clauses' records: a fill buffer keeps them free. */
static uint64_t end_reserve(dtrace_state_t *state)
{
	uint64_t n = 0;
	uint32_t i;

	if (state->options[DTRACEOPT_BUFPOLICY] != DTRACEOPT_BUFPOLICY_FILL)
		return 0;
	for (i = 0; i < state->necbs; i++) {
		if (state->ecbs[i]->probe->id == dtrace_probeid_end)
			n += DTRACE_ALIGN(state->ecbs[i]->clause->size, 8);
	}
	return n;
}

static int cpustate_alloc(dtrace_state_t *state, dtrace_cpustate_t *c)
{
	uint64_t *o = state->options;
	uint32_t nlocals = dtrace_vstate_nlocals(state->vstate);
	int rc;

	rc = dtrace_buffer_alloc(&c->buf, o[DTRACEOPT_BUFSIZE],
				 (int)o[DTRACEOPT_BUFPOLICY]);
	if (rc != 0)
		return rc;
	c->buf.epid_size = dtrace_state_epid_size;
	c->buf.epid_arg = state;
	c->buf.end_reserve = end_reserve(state);
	if (c->buf.end_reserve > c->buf.size / 2)
		c->buf.end_reserve = c->buf.size / 2;
	rc = dtrace_aggbuffer_alloc(&c->agg, state->naggs ?
				    o[DTRACEOPT_AGGSIZE] : 64);
	if (rc != 0)
		return rc;
	c->scratch_size = SCRATCH_BASE + SCRATCH_STRS * o[DTRACEOPT_STRSIZE];
	c->scratch = os_zalloc(c->scratch_size);
	c->locals_size = (nlocals ? nlocals : 1) * sizeof(uint64_t);
	c->locals = os_zalloc(c->locals_size);
	c->key_size = state->maxkeysize ? state->maxkeysize : 8;
	c->key = os_zalloc(c->key_size);
	if (c->scratch == NULL || c->locals == NULL || c->key == NULL)
		return -ENOMEM;
	return 0;
}

static void buffers_free(dtrace_state_t *state)
{
	int i;

	if (state->cpus != NULL) {
		for (i = 0; i < state->ncpus; i++)
			cpustate_free(state, &state->cpus[i]);
		os_free(state->cpus, state->ncpus * sizeof(*state->cpus));
	}
	state->cpus = NULL;
	dtrace_speculations_free(state);
}

static int buffers_alloc(dtrace_state_t *state)
{
	int i, rc;

	state->ncpus = os_ncpus();
	state->cpus = os_zalloc(state->ncpus * sizeof(*state->cpus));
	if (state->cpus == NULL)
		return -ENOMEM;
	for (i = 0; i < state->ncpus; i++) {
		if (!cpu_traced(state, i))
			continue;
		rc = cpustate_alloc(state, &state->cpus[i]);
		if (rc != 0)
			return rc;
	}
	return dtrace_speculations_alloc(state);
}

int dtrace_state_go(dtrace_state_t *state, int *cpu)
{
	uint64_t *o = state->options;
	int rc;

	os_mutex_enter(&dtrace_lock);
	if (DTRACE_READ(state->activity) != DTRACE_ACTIVITY_INACTIVE) {
		os_mutex_exit(&dtrace_lock);
		return -EBUSY;
	}
	if (state->vstate == NULL) {
		rc = dtrace_vstate_create(&state->vstate,
					  o[DTRACEOPT_DYNVARSIZE],
					  (uint32_t)o[DTRACEOPT_STRSIZE],
					  os_ncpus());
		if (rc != 0) {
			os_mutex_exit(&dtrace_lock);
			return rc;
		}
	}
	rc = buffers_alloc(state);
	if (rc != 0) {
		buffers_free(state);
		os_mutex_exit(&dtrace_lock);
		return rc;
	}
	DTRACE_PUBLISH(state->alive, os_gethrtime());
	DTRACE_PUBLISH(state->activity, DTRACE_ACTIVITY_WARMUP);
	os_mutex_exit(&dtrace_lock);

	*cpu = dtrace_probe_state(state, dtrace_probeid_begin, 0, 0, 0, 0, 0);

	/* exit() in BEGIN: go straight to draining. */
	DTRACE_PUBLISH(state->activity, DTRACE_READ(state->exiting) ?
		       DTRACE_ACTIVITY_DRAINING : DTRACE_ACTIVITY_ACTIVE);
	return 0;
}

static void xcall_open_end(void *arg)
{
	dtrace_state_t *state = arg;
	int cpu = os_cpu_id();

	if (cpu < state->ncpus && state->cpus[cpu].buf.data[0] != NULL)
		dtrace_buffer_open_end(&state->cpus[cpu].buf);
}

int dtrace_state_stop(dtrace_state_t *state, int *cpu)
{
	uint32_t act;

	os_mutex_enter(&dtrace_lock);
	act = DTRACE_READ(state->activity);
	if (act == DTRACE_ACTIVITY_INACTIVE) {
		os_mutex_exit(&dtrace_lock);
		return -EINVAL;
	}
	if (act == DTRACE_ACTIVITY_STOPPED ||
	    act == DTRACE_ACTIVITY_COOLDOWN ||
	    act == DTRACE_ACTIVITY_KILLED) {
		os_mutex_exit(&dtrace_lock);
		*cpu = os_cpu_id();
		return 0;
	}
	DTRACE_PUBLISH(state->activity, DTRACE_ACTIVITY_COOLDOWN);
	os_xcall(OS_CPU_ALL, xcall_open_end, state);
	os_mutex_exit(&dtrace_lock);

	*cpu = dtrace_probe_state(state, dtrace_probeid_end, 0, 0, 0, 0, 0);

	os_mutex_enter(&dtrace_lock);
	DTRACE_PUBLISH(state->activity, DTRACE_ACTIVITY_STOPPED);
	/* Speculations committed on other CPUs still need copying. */
	dtrace_speculation_clean(state);
	os_mutex_exit(&dtrace_lock);
	return 0;
}

static void ecbs_free(dtrace_state_t *state)
{
	const char *prov;
	uint32_t i;

	for (i = 0; i < state->necbs; i++)
		dtrace_ecb_disable(state->ecbs[i]);
	/* Batch providers disarm; a failure there is theirs to report. */
	dtrace_probe_commit(&prov);
	/* No CPU can still be running one of them after this. */
	dtrace_sync();
	for (i = 0; i < state->necbs; i++) {
		dtrace_clause_release(state->ecbs[i]->clause);
		os_free(state->ecbs[i], sizeof(dtrace_ecb_t));
	}
	os_free(state->ecbs, state->ecbcap * sizeof(*state->ecbs));
	state->ecbs = NULL;
	state->necbs = state->ecbcap = 0;
}

void dtrace_state_destroy(dtrace_state_t *state)
{
	dtrace_state_t **pp;

	os_mutex_enter(&dtrace_lock);
	DTRACE_PUBLISH(state->activity, DTRACE_ACTIVITY_STOPPED);
	ecbs_free(state);
	for (pp = &dtrace_states; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == state) {
			*pp = state->next;
			break;
		}
	}
	buffers_free(state);
	dtrace_state_aggvars_truncate(state, 0);
	os_free(state->aggs, state->aggcap * sizeof(*state->aggs));
	if (state->vstate != NULL)
		dtrace_vstate_destroy(state->vstate);
	os_mutex_exit(&dtrace_lock);
	os_free(state, sizeof(*state));
}

int dtrace_state_load(dtrace_state_t *state, const void *dof, size_t size,
		      unsigned int *nmatched, dtc_loaderr_t *err)
{
	int rc;

	os_memset(err, 0, sizeof(*err));
	err->section = ~0u;
	os_mutex_enter(&dtrace_lock);
	if (DTRACE_READ(state->activity) != DTRACE_ACTIVITY_INACTIVE) {
		err->code = EBUSY;
		os_snprintf(err->msg, sizeof(err->msg), "cannot load a "
			    "program after tracing has started");
		os_mutex_exit(&dtrace_lock);
		return -EBUSY;
	}
	rc = dtrace_dof_load(state, dof, size, nmatched, err);
	os_mutex_exit(&dtrace_lock);
	return rc;
}

/*
 * Clean dynamic variables and finish speculations, at most once per
 * cleanrate: the consumer's periodic status and snapshot calls drive it,
 * since cleaning may not run in probe context (cyclics run there).
 */
static void state_clean(dtrace_state_t *state)
{
	uint64_t now = os_gethrtime();

	if (now - state->last_clean < state->options[DTRACEOPT_CLEANRATE])
		return;
	state->last_clean = now;
	if (state->vstate != NULL)
		dtrace_vstate_clean(state->vstate);
	dtrace_speculation_clean(state);
}

int dtrace_state_status(dtrace_state_t *state, dtc_status_t *st)
{
	int i;

	os_memset(st, 0, sizeof(*st));
	os_mutex_enter(&dtrace_lock);
	DTRACE_PUBLISH(state->alive, os_gethrtime());
	state_clean(state);
	st->killed = (int)DTRACE_READ(state->killed);
	st->errors = DTRACE_READ(state->errors);
	st->specdrops = DTRACE_READ(state->specdrops);
	st->specdrops_busy = DTRACE_READ(state->specdrops_busy);
	st->specdrops_unavail = DTRACE_READ(state->specdrops_unavail);
	st->exiting = DTRACE_READ(state->exiting);
	if (state->cpus != NULL) {
		for (i = 0; i < state->ncpus; i++) {
			if (state->cpus[i].buf.filled)
				st->filled = 1;
		}
	}
	if (state->vstate != NULL)
		dtrace_vstate_status(state->vstate, st);
	os_mutex_exit(&dtrace_lock);
	return 0;
}

/* ---- snapshots ------------------------------------------------------ */

static dtrace_cpustate_t *snap_cpu(dtrace_state_t *state, int cpu)
{
	if (state->cpus == NULL || cpu < 0 || cpu >= state->ncpus ||
	    state->cpus[cpu].buf.data[0] == NULL)
		return NULL;
	return &state->cpus[cpu];
}

static void xcall_buffer_switch(void *arg)
{
	dtrace_buffer_switch(arg);
}

static void xcall_buffer_linearize(void *arg)
{
	dtrace_buffer_linearize(arg);
}

static void xcall_agg_switch(void *arg)
{
	dtrace_aggbuffer_switch(arg);
}

int dtrace_buffer_snapshot(dtrace_state_t *state, int cpu,
			   dtrace_bufdesc_t *desc)
{
	dtrace_cpustate_t *c;
	dtrace_buffer_t *b;
	uint32_t act;

	os_memset(desc, 0, sizeof(*desc));
	os_mutex_enter(&dtrace_lock);
	c = snap_cpu(state, cpu);
	if (c == NULL) {
		os_mutex_exit(&dtrace_lock);
		return state->cpus == NULL ? -EINVAL : -ENOENT;
	}
	state_clean(state);
	b = &c->buf;
	act = DTRACE_READ(state->activity);
	if (b->policy == DTRACEOPT_BUFPOLICY_SWITCH) {
		os_xcall(cpu, xcall_buffer_switch, b);
	} else if ((act == DTRACE_ACTIVITY_STOPPED ||
		    act == DTRACE_ACTIVITY_KILLED) && !b->consumed) {
		/* ring and fill buffers are read once, after stop */
		os_xcall(cpu, xcall_buffer_linearize, b);
		b->consumed = true;
	} else {
		os_mutex_exit(&dtrace_lock);
		return 0;
	}
	desc->data = b->data[b->active ^ 1];
	desc->size = b->snap_size;
	desc->drops = b->snap_drops;
	os_mutex_exit(&dtrace_lock);
	return 0;
}

int dtrace_aggbuffer_snapshot(dtrace_state_t *state, int cpu,
			      dtrace_bufdesc_t *desc)
{
	dtrace_cpustate_t *c;
	dtrace_aggbuffer_t *ab;

	os_memset(desc, 0, sizeof(*desc));
	os_mutex_enter(&dtrace_lock);
	c = snap_cpu(state, cpu);
	if (c == NULL) {
		os_mutex_exit(&dtrace_lock);
		return state->cpus == NULL ? -EINVAL : -ENOENT;
	}
	ab = &c->agg;
	dtrace_aggbuffer_reset_inactive(ab);
	os_xcall(cpu, xcall_agg_switch, ab);
	desc->data = ab->half[ab->active ^ 1].data;
	desc->size = ab->snap_size;
	desc->drops = ab->snap_drops;
	os_mutex_exit(&dtrace_lock);
	return 0;
}

/* ---- descriptions --------------------------------------------------- */

int dtrace_epdesc(dtrace_state_t *state, unsigned int epid,
		  dtc_epdesc_t *desc, size_t size, size_t *needed)
{
	dtrace_clause_t *cl;
	dtrace_ecb_t *ecb;
	uint32_t i, n = 0;
	size_t need;

	os_mutex_enter(&dtrace_lock);
	if (epid == 0 || epid > state->necbs) {
		os_mutex_exit(&dtrace_lock);
		return -ENOENT;
	}
	ecb = state->ecbs[epid - 1];
	cl = ecb->clause;
	need = sizeof(*desc) + cl->nrecs * sizeof(dtc_recdesc_t);
	*needed = need;
	if (size < need) {
		os_mutex_exit(&dtrace_lock);
		return -ENOSPC;
	}
	desc->epid = epid;
	desc->probeid = ecb->probe->id;
	desc->uarg = cl->uarg;
	desc->size = cl->size;
	desc->nrecs = cl->nrecs;
	for (i = 0; i < cl->nactions; i++) {
		if (cl->actions[i].hasrec)
			desc->recs[n++] = cl->actions[i].rec;
	}
	os_mutex_exit(&dtrace_lock);
	return 0;
}

int dtrace_aggdesc(dtrace_state_t *state, unsigned int varid,
		   dtc_aggdesc_t *desc, size_t size, size_t *needed)
{
	dtrace_aggvar_t *av;
	size_t need;

	os_mutex_enter(&dtrace_lock);
	av = dtrace_state_aggvar(state, varid);
	if (av == NULL) {
		os_mutex_exit(&dtrace_lock);
		return -ENOENT;
	}
	need = sizeof(*desc) + av->nkeys * sizeof(dtc_recdesc_t);
	*needed = need;
	if (size < need) {
		os_mutex_exit(&dtrace_lock);
		return -ENOSPC;
	}
	desc->varid = av->varid;
	desc->kind = av->kind;
	desc->arg2 = av->arg2;
	desc->nkeys = av->nkeys;
	desc->keysize = av->keysize;
	desc->valoffset = av->keysize;
	desc->valsize = av->valsize;
	if (av->nkeys)
		os_memcpy(desc->keys, av->keys,
			  av->nkeys * sizeof(dtc_recdesc_t));
	os_mutex_exit(&dtrace_lock);
	return 0;
}
