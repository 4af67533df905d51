// SPDX-License-Identifier: GPL-2.0
/*
 * dtrace_probe(): the firing path.
 *
 * PROBE CONTEXT.  Everything in this file runs in probe context, between
 * os_probe_enter() and os_probe_exit():
 *
 *   - Interrupts are disabled on this CPU (the user host: this thread
 *     holds the virtual CPU), so nothing else runs on this CPU until the
 *     firing is over, including the cross calls that switch buffers.
 *     That is the whole synchronization with the consumer: a buffer is
 *     switched by os_xcall on its CPU, which cannot land in the middle of
 *     a firing, and an ECB or state is freed only after dtrace_sync() has
 *     seen every CPU leave the firings that might still use it.
 *   - We may be inside any kernel code, an interrupt or an NMI-like
 *     context.  Nothing here sleeps, allocates, takes a lock, recurses or
 *     touches memory it does not own except through the fault-safe os_*
 *     loads.  What we write is this CPU's part of a consumer's state:
 *     its principal, aggregation and speculative buffers, its scratch,
 *     clause-local and key space, plus counters updated atomically.
 *   - A probe that fires while this CPU is already in probe context (a
 *     probe in code the firing path calls) is dropped: the per-CPU
 *     in_probe flag says so.  ERROR is the one exception; the core fires
 *     it itself (fire_error) after abandoning the faulting ECB, and a
 *     fault in an ERROR clause is counted, not fired: no recursion.
 *
 * For each ECB of the probe whose consumer is in the right phase
 * (state.c) and not presumed dead (the deadman), the predicate runs; if
 * it holds, the ECB's record is reserved in the CPU's principal buffer
 * and the actions run in order; the record is committed only when the
 * last action has run.  A fault abandons the rest of that
 * ECB (its record is never committed) and fires dtrace:::ERROR with
 * arg1 = epid, arg2 = action index (0: predicate), arg3 = DIF offset,
 * arg4 = fault, arg5 = the offending value.
 */
#include "core_impl.h"

#define PAGE_BYTES	4096u

/* A cache line per CPU (64 bytes): each CPU writes only its own. */
typedef struct dtrace_cpuflags {
	uint32_t	in_probe;
	char		pad[60];
} dtrace_cpuflags_t;

static dtrace_cpuflags_t *dtrace_cpuflags;
static int dtrace_ncpuflags;

dtrace_id_t dtrace_probeid_begin;
dtrace_id_t dtrace_probeid_end;
dtrace_id_t dtrace_probeid_error;

int dtrace_fire_init(void)
{
	dtrace_ncpuflags = os_ncpus();
	dtrace_cpuflags = os_zalloc(dtrace_ncpuflags *
				    sizeof(*dtrace_cpuflags));
	return dtrace_cpuflags ? 0 : -ENOMEM;
}

void dtrace_fire_fini(void)
{
	os_free(dtrace_cpuflags, dtrace_ncpuflags * sizeof(*dtrace_cpuflags));
	dtrace_cpuflags = NULL;
}

/* Kill an active state whose consumer stopped asking for its status. */
static void deadman(dtrace_state_t *state, uint64_t now)
{
	uint32_t active = DTRACE_ACTIVITY_ACTIVE;
	uint64_t alive = DTRACE_READ(state->alive);

	if (now < alive || now - alive <= DTRACE_DEADMAN_NS)
		return;
	if (__atomic_compare_exchange_n(&state->activity, &active,
					DTRACE_ACTIVITY_KILLED, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		DTRACE_PUBLISH(state->killed, 1);
}

/* May an ECB of this state record on this probe now? */
static bool phase_allows(dtrace_state_t *state, dtrace_id_t id,
			 uint64_t now)
{
	uint32_t act;

	deadman(state, now);
	act = DTRACE_READ(state->activity);

	if (id == dtrace_probeid_begin)
		return act == DTRACE_ACTIVITY_WARMUP;
	if (id == dtrace_probeid_end)
		return act == DTRACE_ACTIVITY_COOLDOWN;
	if (id == dtrace_probeid_error)
		return act >= DTRACE_ACTIVITY_WARMUP &&
		       act <= DTRACE_ACTIVITY_COOLDOWN;
	return act == DTRACE_ACTIVITY_ACTIVE;
}

static bool in_range(uintptr_t a, uintptr_t base, size_t size)
{
	return a >= base && a - base < size;
}

/*
 * Copy a D string into a string record of 'size' bytes (the strsize
 * option): at most size characters, NUL-padded when shorter and not
 * terminated when the string fills the record, as in DTrace (a D string
 * holds strsize characters).  The consumer never reads past the record.
 * Strings in this firing's scratch are ours; anything else is read
 * fault-safely, a page at a time so that a string ending just before a
 * hole is fine.
 */
static bool copy_string(dtrace_mstate_t *mst, uintptr_t src, char *dst,
			size_t size)
{
	size_t done = 0, chunk, i;

	os_memset(dst, 0, size);
	if (in_range(src, mst->scratch_base, mst->scratch_size)) {
		size_t max = mst->scratch_base + mst->scratch_size - src;
		const char *s = (const char *)src;

		for (i = 0; i < size && i < max && s[i] != '\0'; i++)
			dst[i] = s[i];
		return true;
	}
	while (done < size) {
		chunk = PAGE_BYTES - ((src + done) & (PAGE_BYTES - 1));
		if (chunk > size - done)
			chunk = size - done;
		if (!os_copy(src + done, dst + done, chunk)) {
			os_memset(dst + done, 0, size - done);
			return false;
		}
		for (i = 0; i < chunk; i++) {
			if (dst[done + i] == '\0') {
				os_memset(dst + done + i, 0,
					  size - done - i);
				return true;
			}
		}
		done += chunk;
	}
	return true;
}

static void fault(dtrace_mstate_t *mst, uint32_t flt, uint64_t illval)
{
	mst->fault = flt;
	mst->illval = illval;
	mst->fault_pc = 0;
}

/* Store value v as record r at base + r->offset. */
static bool store_value(dtrace_mstate_t *mst, const dtc_recdesc_t *r,
			char *base, uint64_t v)
{
	char *dst = base + r->offset;
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	if (r->size == 0)
		return true;
	if (r->flags & DTC_RECF_STRING) {
		if (!copy_string(mst, (uintptr_t)v, dst, r->size)) {
			fault(mst, DTRACEFLT_BADADDR, v);
			return false;
		}
		return true;
	}
	if (r->flags & DTC_RECF_BYREF) {
		if (!os_copy((uintptr_t)v, dst, r->size)) {
			fault(mst, DTRACEFLT_BADADDR, v);
			return false;
		}
		return true;
	}
	switch (r->size) {
	case 1:
		os_memcpy(dst, &u8, 1);
		break;
	case 2:
		os_memcpy(dst, &u16, 2);
		break;
	case 4:
		os_memcpy(dst, &u32, 4);
		break;
	default:
		os_memcpy(dst, &v, 8);
	}
	return true;
}

static uint64_t run_difo(const dtrace_difo_t *dp, dtrace_mstate_t *mst)
{
	return dtrace_dif_emulate(dp, mst, mst->state->vstate);
}

/*
 * Write the record 'r' of an action of this kind at base + r->offset:
 * the DIFO's value v as it is, or what the action makes of it (stacks,
 * pid-and-address pairs, traced memory of dynamic size 'dynsize').  The
 * same for principal-buffer records and for aggregation keys.
 */
static bool store_record(dtrace_mstate_t *mst, uint32_t kind,
			 const dtc_recdesc_t *r, char *base, uint64_t v,
			 uint64_t dynsize)
{
	char *dst = base + r->offset;
	uint64_t n, pid = (uint64_t)os_pid();

	switch (kind) {
	case DTRACEACT_TRACEMEM:
		n = r->size < dynsize ? r->size : dynsize;
		os_memset(dst, 0, r->size);
		if (!os_copy((uintptr_t)v, dst, n)) {
			fault(mst, DTRACEFLT_BADADDR, v);
			return false;
		}
		return true;
	case DTRACEACT_STACK:
		dtrace_stack_record(mst, (uint64_t *)dst, r->size / 8);
		return true;
	case DTRACEACT_USTACK:
		dtrace_ustack_record(mst, (uint64_t *)dst, r->size / 8 - 1);
		return true;
	case DTRACEACT_USYM:
	case DTRACEACT_UMOD:
	case DTRACEACT_UADDR:
		os_memcpy(dst, &pid, 8);
		os_memcpy(dst + 8, &v, 8);
		return true;
	default:
		return store_value(mst, r, base, v);
	}
}

/* Build the key of aggregation action i and update the aggregation. */
static bool aggregate(dtrace_clause_t *cl, uint32_t i, dtrace_cpustate_t *c,
		      dtrace_mstate_t *mst, uint32_t *ndx)
{
	dtrace_action_t *a = &cl->actions[i];
	const dtrace_aggvar_t *av = a->agg;
	uint64_t v = 0, incr = 1, kv;
	dtrace_action_t *ka;
	int64_t *val;
	uint32_t k, ki;

	os_memset(c->key, 0, av->keysize);
	for (k = 0; k < a->ntuple; k++) {
		ki = i - a->ntuple + k;
		ka = &cl->actions[ki];
		*ndx = ki + 1;
		kv = ka->difo != NULL ? run_difo(ka->difo, mst) : 0;
		if (mst->fault || !store_record(mst, ka->kind, &av->keys[k],
						c->key, kv, ~0ull))
			return false;
	}
	*ndx = i + 1;
	if (a->difo != NULL) {
		v = run_difo(a->difo, mst);
		if (mst->fault)
			return false;
	}
	if (a->incr != NULL) {
		incr = run_difo(a->incr, mst);
		if (mst->fault)
			return false;
	}
	val = dtrace_aggbuffer_lookup(&c->agg, av, c->key);
	if (val != NULL)
		dtrace_aggregate_apply(av, val, (int64_t)v, (int64_t)incr);
	return true;
}

/* One firing of a probe: its arguments, where it came from, its time. */
typedef struct dtrace_firing {
	uint64_t	args[DTRACE_NARGS];
	uintptr_t	from;		/* see dtrace_probe() */
	uint64_t	now;		/* os_gethrtime() */
} dtrace_firing_t;

/* Where the rest of the record goes: a buffer and an offset in it. */
typedef struct dtrace_target {
	dtrace_buffer_t	*buf;
	int64_t		off;
	char		*base;
} dtrace_target_t;

/* speculate(id): move the record reserved so far into the speculation. */
static bool speculate(dtrace_state_t *state, dtrace_clause_t *cl,
		      uint64_t id, int cpu, dtrace_target_t *t)
{
	dtrace_buffer_t *sb = dtrace_speculation_buffer(state, id, cpu);
	int64_t off;

	if (sb == NULL)
		return false;
	off = dtrace_buffer_reserve(sb, cl->size);
	if (off < 0) {
		__atomic_add_fetch(&state->specdrops, 1, __ATOMIC_RELAXED);
		return false;
	}
	os_memcpy(dtrace_buffer_active(sb) + off, t->base, cl->size);
	t->buf = sb;
	t->off = off;
	t->base = dtrace_buffer_active(sb) + off;
	return true;
}

static void record_exit(dtrace_state_t *state)
{
	uint32_t active = DTRACE_ACTIVITY_ACTIVE;

	DTRACE_PUBLISH(state->exiting, 1);
	__atomic_compare_exchange_n(&state->activity, &active,
				    DTRACE_ACTIVITY_DRAINING, false,
				    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/*
 * Actions with a side effect beyond their record.  Returns false to
 * abandon the rest of the ECB without an error (speculate() refused).
 */
static bool act(dtrace_state_t *state, dtrace_clause_t *cl,
		dtrace_action_t *a, uint64_t v, int cpu, dtrace_target_t *t,
		uint64_t *commit_id, uint64_t *dynsize)
{
	switch (a->kind) {
	case DTRACEACT_SPECULATE:
		return speculate(state, cl, v, cpu, t);
	case DTRACEACT_COMMIT:
		*commit_id = v;
		break;
	case DTRACEACT_DISCARD:
		dtrace_speculation_discard(state, v, cpu);
		break;
	case DTRACEACT_EXIT:
		record_exit(state);
		break;
	case DTRACEACT_RAISE:
		os_raise((int)v);
		break;
	case DTRACEACT_STOP:
		os_stop();
		break;
	case DTRACEACT_CHILL:
		os_chill(v);
		break;
	case DTRACEACT_TRACEMEM_DYNSIZE:
		*dynsize = v;
		break;
	}
	return true;
}

static void mstate_init(dtrace_mstate_t *mst, dtrace_ecb_t *ecb,
			dtrace_cpustate_t *c, const dtrace_firing_t *f, int cpu)
{
	os_memcpy(mst->args, f->args, sizeof(mst->args));
	mst->probeid = ecb->probe->id;
	mst->epid = ecb->epid;
	mst->cpu = cpu;
	mst->probe = &ecb->probe->names;
	mst->aframes = ecb->probe->aframes;
	mst->from = f->from;
	mst->timestamp = f->now;
	mst->scratch_base = (uintptr_t)c->scratch;
	mst->scratch_ptr = (uintptr_t)c->scratch;
	mst->scratch_size = c->scratch_size;
	mst->locals = c->locals;
	mst->fault = 0;
	mst->illval = 0;
	mst->fault_pc = 0;
	mst->state = ecb->state;
}

/*
 * Run one ECB.  Returns false when it faulted: *ndx is the action index
 * (0 for the predicate) and mst says what happened.
 */
static bool run_ecb(dtrace_ecb_t *ecb, dtrace_cpustate_t *c,
		    const dtrace_firing_t *f, int cpu, dtrace_mstate_t *mst,
		    uint32_t *ndx)
{
	dtrace_state_t *state = ecb->state;
	dtrace_clause_t *cl = ecb->clause;
	uint64_t v, commit_id = 0, dynsize = ~0ull;
	dtrace_target_t t;
	dtc_rechdr_t *hdr;
	dtrace_action_t *a;
	uint32_t i;

	mstate_init(mst, ecb, c, f, cpu);
	*ndx = 0;
	if (cl->pred != NULL) {
		v = run_difo(cl->pred, mst);
		if (mst->fault)
			return false;
		if (v == 0)
			return true;
	}
	t.buf = NULL;
	t.off = 0;
	t.base = NULL;
	if (cl->size != 0) {
		t.buf = &c->buf;
		t.off = dtrace_buffer_reserve(t.buf, cl->size);
		if (t.off < 0)
			return true;
		t.base = dtrace_buffer_active(t.buf) + t.off;
		/* no stale bytes in padding or unwritten records */
		os_memset(t.base, 0, cl->size);
		hdr = (dtc_rechdr_t *)t.base;
		hdr->epid = ecb->epid;
		hdr->cpu = (uint32_t)cpu;
		hdr->timestamp = f->now;
	}

	for (i = 0; i < cl->nactions; i++) {
		a = &cl->actions[i];
		if (a->iskey)
			continue;
		if (DTRACEAGG_ISAGG(a->kind)) {
			if (!aggregate(cl, i, c, mst, ndx))
				return false;
			continue;
		}
		*ndx = i + 1;
		v = 0;
		if (a->difo != NULL) {
			v = run_difo(a->difo, mst);
			if (mst->fault)
				return false;
		}
		if (!act(state, cl, a, v, cpu, &t, &commit_id, &dynsize))
			return true;
		if (a->hasrec && !store_record(mst, a->kind, &a->rec, t.base, v,
					       dynsize))
			return false;
	}
	if (t.buf != NULL)
		dtrace_buffer_commit(t.buf, t.off, cl->size);
	if (commit_id != 0)
		dtrace_speculation_commit(state, commit_id, cpu);
	return true;
}

/*
 * The CPU state an ECB records into on this firing, or NULL when it may
 * not fire now.  Clause-local variables live for one firing of a probe,
 * across its clauses: they are cleared at the first ECB of each state.
 */
static dtrace_cpustate_t *ecb_ready(dtrace_ecb_t *ecb, dtrace_state_t *only,
				    dtrace_id_t id, int cpu, uint64_t now,
				    dtrace_state_t **cleared)
{
	dtrace_state_t *state = ecb->state;
	dtrace_cpustate_t *c;

	if ((only != NULL && state != only) || !phase_allows(state, id, now))
		return NULL;
	c = &state->cpus[cpu];
	if (c->buf.data[0] == NULL)
		return NULL;	/* the cpu option excludes this CPU */
	if (state != *cleared) {
		os_memset(c->locals, 0, sizeof(uint64_t) *
			  dtrace_vstate_nlocals(state->vstate));
		*cleared = state;
	}
	return c;
}

/*
 * ERROR for a fault in ECB 'ecb' at action 'ndx', for its state only.  A
 * fault in an ERROR clause is counted and goes no further: this loop
 * never calls back into itself or into fire_ecbs.
 */
static void fire_error(dtrace_ecb_t *ecb, uint32_t ndx,
		       const dtrace_mstate_t *fmst, int cpu,
		       const dtrace_firing_t *f)
{
	dtrace_probe_t *ep = dtrace_probe_get(dtrace_probeid_error);
	dtrace_state_t *cleared = ecb->state;	/* shares this-> */
	dtrace_firing_t ef = { .args = { 0 }, .from = f->from, .now = f->now };
	dtrace_cpustate_t *c;
	dtrace_mstate_t mst;
	dtrace_ecb_t *e;
	uint32_t endx;

	__atomic_add_fetch(&ecb->state->errors, 1, __ATOMIC_RELAXED);
	if (ep == NULL)
		return;
	ef.args[1] = ecb->epid;
	ef.args[2] = ndx;
	ef.args[3] = fmst->fault_pc;
	ef.args[4] = fmst->fault;
	ef.args[5] = fmst->illval;
	for (e = DTRACE_READ(ep->ecbs); e != NULL; e = DTRACE_READ(e->next)) {
		c = ecb_ready(e, ecb->state, ep->id, cpu, f->now, &cleared);
		if (c != NULL && !run_ecb(e, c, &ef, cpu, &mst, &endx))
			__atomic_add_fetch(&e->state->errors, 1,
					   __ATOMIC_RELAXED);
	}
}

static void fire_ecbs(dtrace_state_t *only, dtrace_probe_t *p,
		      const dtrace_firing_t *f, int cpu)
{
	dtrace_state_t *cleared = NULL;
	dtrace_cpustate_t *c;
	dtrace_mstate_t mst;
	dtrace_ecb_t *ecb;
	uint32_t ndx;

	for (ecb = DTRACE_READ(p->ecbs); ecb != NULL;
	     ecb = DTRACE_READ(ecb->next)) {
		c = ecb_ready(ecb, only, p->id, cpu, f->now, &cleared);
		if (c == NULL)
			continue;
		if (!run_ecb(ecb, c, f, cpu, &mst, &ndx))
			fire_error(ecb, ndx, &mst, cpu, f);
	}
}

/*
 * f->args holds arg0 .. arg9 (the unused ones 0) and f->from the return
 * address of the entry point the provider called; the time is taken here.
 */
static int fire(dtrace_state_t *only, dtrace_id_t id, dtrace_firing_t *f)
{
	os_cookie_t cookie;
	dtrace_probe_t *p;
	int cpu;

	cookie = os_probe_enter();
	cpu = os_cpu_id();
	p = dtrace_probe_get(id);
	if (p == NULL || DTRACE_READ(p->ecbs) == NULL ||
	    cpu >= dtrace_ncpuflags || dtrace_cpuflags[cpu].in_probe) {
		os_probe_exit(cookie);
		return cpu;
	}
	dtrace_cpuflags[cpu].in_probe = 1;
	f->now = os_gethrtime();
	fire_ecbs(only, p, f, cpu);
	dtrace_cpuflags[cpu].in_probe = 0;
	os_probe_exit(cookie);
	return cpu;
}

/*
 * The entry points record their own return address: the pc in the code
 * that fired the probe, where its stack() begins (stack.c).  They must
 * stay real calls for that, hence noinline.
 */
#define DTRACE_CALLER_PC	((uintptr_t)__builtin_return_address(0))

__attribute__((noinline))
void dtrace_probe(dtrace_id_t id, uint64_t arg0, uint64_t arg1,
		  uint64_t arg2, uint64_t arg3, uint64_t arg4)
{
	dtrace_firing_t f = { .args = { arg0, arg1, arg2, arg3, arg4 },
			      .from = DTRACE_CALLER_PC };

	fire(NULL, id, &f);
}

__attribute__((noinline))
void dtrace_probe_args(dtrace_id_t id, const uint64_t *args,
		       unsigned int nargs)
{
	dtrace_firing_t f = { .args = { 0 }, .from = DTRACE_CALLER_PC };
	unsigned int i;

	for (i = 0; i < nargs && i < DTRACE_NARGS; i++)
		f.args[i] = args[i];
	fire(NULL, id, &f);
}

__attribute__((noinline))
int dtrace_probe_state(dtrace_state_t *only, dtrace_id_t id,
		       uint64_t arg0, uint64_t arg1, uint64_t arg2,
		       uint64_t arg3, uint64_t arg4)
{
	dtrace_firing_t f = { .args = { arg0, arg1, arg2, arg3, arg4 },
			      .from = DTRACE_CALLER_PC };

	return fire(only, id, &f);
}
