/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_CORE_IMPL_H
#define CORE_CORE_IMPL_H

#include "dtrace_core.h"
#include "dif_vm.h"

/*
 * The framework's private structures: probes and providers (probe.c),
 * enablings (ecb.c), consumer state (state.c), principal buffers
 * (buffer.c), aggregation buffers (aggregate.c), speculations
 * (speculation.c), DOF loading (dof_load.c) and the firing path
 * (probe_fire.c).
 *
 * LOCKING.  dtrace_lock (a sleeping mutex) serializes every change to
 * these structures: providers and probes, states, ECBs, options.  Probe
 * context never takes it.  Instead, everything probe context reads is
 * published with release stores before it becomes reachable (an ECB is
 * complete before it is linked on its probe; a grown probe table is
 * filled before the pointer to it is replaced), and nothing it might be
 * reading is freed before dtrace_sync() (an os_xcall to every CPU that
 * does nothing) has returned: a CPU in probe context has interrupts
 * disabled, so when the cross call has run everywhere no CPU can still
 * be inside a firing that started before the unlink.
 */

#define DTRACE_ALIGN(x, a)	(((x) + ((a) - 1)) & ~((uint64_t)(a) - 1))

#define DTRACE_INT64_MAX	((int64_t)0x7fffffffffffffffLL)
#define DTRACE_INT64_MIN	(-DTRACE_INT64_MAX - 1)

#define DTRACE_PUBLISH(p, v) \
	__atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
#define DTRACE_READ(p)		__atomic_load_n(&(p), __ATOMIC_ACQUIRE)

extern os_mutex_t dtrace_lock;

/* Run nothing on every CPU: afterwards no CPU is in an older firing. */
void dtrace_sync(void);

/* ---- providers and probes (probe.c) ------------------------------- */

typedef struct dtrace_provider {
	char		name[DTRACE_PROVNAMELEN];
	dtrace_pops_t	pops;
	void		*arg;
	unsigned int	nenabled;	/* its enabled probes */
} dtrace_provider_t;

struct dtrace_ecb;

typedef struct dtrace_probe {
	dtrace_id_t	id;
	dtrace_provider_t *prov;
	void		*parg;
	int		aframes;
	unsigned int	nenabled;	/* ECBs linked on it */
	struct dtrace_ecb *ecbs;	/* read in probe context */
	struct dtrace_probe *dead_next;	/* being unregistered */
	struct dtrace_probe *hash_next;	/* same name hash */
	dtrace_probe_names_t names;	/* point at the strings below */
	char		mod[DTRACE_MODNAMELEN];
	char		func[DTRACE_FUNCNAMELEN];
	char		name[DTRACE_NAMELEN];
} dtrace_probe_t;

/* The probe of an id, or NULL. [probe] */
dtrace_probe_t *dtrace_probe_get(dtrace_id_t id);

/* Does 'desc' (empty parts match anything) name probe 'p'? */
bool dtrace_probe_matches(const dtrace_probedesc_t *desc,
			  const dtrace_probe_t *p);
/* Let every provider create the probes desc names (dtrace_lock held). */
void dtrace_probe_provide(const dtrace_probedesc_t *desc);
/* Call fn for each probe matching desc (dtrace_lock held). */
int dtrace_probe_foreach(const dtrace_probedesc_t *desc,
			 int (*fn)(dtrace_probe_t *p, void *arg), void *arg);
int dtrace_probe_enable_one(dtrace_probe_t *p);
void dtrace_probe_disable_one(dtrace_probe_t *p);
/*
 * After a batch of enables or disables: every provider's commit()
 * (dtrace_lock held).  Returns the first failure; *failed names the
 * provider that failed.
 */
int dtrace_probe_commit(const char **failed);
void dtrace_probes_fini(void);

/* BEGIN, END and ERROR (providers/dtrace), known to the firing path. */
extern dtrace_id_t dtrace_probeid_begin;
extern dtrace_id_t dtrace_probeid_end;
extern dtrace_id_t dtrace_probeid_error;

/* ---- principal buffers (buffer.c) --------------------------------- */

/*
 * One CPU's principal buffer: two halves of 'size' bytes, one active
 * (written in probe context) and one inactive (read by the consumer
 * after a switch).  Ring and fill buffers use only the active half while
 * tracing; the inactive one receives the ordered copy at the end.
 */
typedef struct dtrace_buffer {
	char		*data[2];
	uint64_t	size;
	int		active;		/* index of the active half */
	int		policy;		/* DTRACEOPT_BUFPOLICY_* */
	uint64_t	offset;		/* bytes used, active half */
	uint64_t	drops;		/* since the last switch */
	bool		filled;		/* fill: no more records */
	uint64_t	end_reserve;	/* fill: bytes kept for END */
	bool		end_open;	/* fill: END fires, may use them */
	/* ring: valid bytes are [head, wrap_end) then [0, offset). */
	bool		wrapped;
	uint64_t	head;
	uint64_t	wrap_end;
	bool		consumed;	/* ring/fill: final copy read */
	/* what the last switch handed out */
	uint64_t	snap_size;
	uint64_t	snap_drops;
	/* record size of an epid, for walking ring records */
	uint32_t	(*epid_size)(void *arg, uint32_t epid);
	void		*epid_arg;
} dtrace_buffer_t;

int dtrace_buffer_alloc(dtrace_buffer_t *b, uint64_t size, int policy);
void dtrace_buffer_free(dtrace_buffer_t *b);
/* Offset of 'needed' bytes (8-aligned) in the active half, or -1. [probe] */
int64_t dtrace_buffer_reserve(dtrace_buffer_t *b, uint64_t needed);
/* END fires: a fill buffer's reserve is usable. (on the buffer's CPU) */
void dtrace_buffer_open_end(dtrace_buffer_t *b);
/* Make bytes [off, off + size) part of the buffer. [probe] */
void dtrace_buffer_commit(dtrace_buffer_t *b, int64_t off, uint64_t size);
/* Active half's data. [probe] */
static inline char *dtrace_buffer_active(dtrace_buffer_t *b)
{
	return b->data[b->active];
}
/* Switch halves (call on the buffer's CPU, interrupts off). */
void dtrace_buffer_switch(dtrace_buffer_t *b);
/* Ring/fill: copy the records in order into the inactive half. */
void dtrace_buffer_linearize(dtrace_buffer_t *b);

/* ---- aggregation buffers (aggregate.c) ----------------------------- */

/* One aggregation variable: its kind, parameters and key layout. */
typedef struct dtrace_aggvar {
	uint32_t	varid;
	uint32_t	kind;
	uint64_t	arg2;
	uint32_t	nkeys;
	uint32_t	keysize;	/* padded to 8 */
	uint32_t	valsize;
	dtc_recdesc_t	*keys;
} dtrace_aggvar_t;

/*
 * One CPU's aggregation buffer: entries laid out as the consumer reads
 * them (abi.h), found through an open-addressing table of entry offsets.
 */
typedef struct dtrace_aggbuf_half {
	char		*data;
	uint64_t	offset;
	uint32_t	*slots;		/* entry offset + 1, 0 = empty */
	uint32_t	nused;
	uint64_t	drops;
} dtrace_aggbuf_half_t;

typedef struct dtrace_aggbuffer {
	dtrace_aggbuf_half_t half[2];
	int		active;
	uint64_t	size;
	uint32_t	nslots;		/* power of two */
	uint64_t	snap_size;
	uint64_t	snap_drops;
} dtrace_aggbuffer_t;

int dtrace_aggbuffer_alloc(dtrace_aggbuffer_t *ab, uint64_t size);
void dtrace_aggbuffer_free(dtrace_aggbuffer_t *ab);
/* Empty the inactive half (before a switch). */
void dtrace_aggbuffer_reset_inactive(dtrace_aggbuffer_t *ab);
/* Switch halves (on the buffer's CPU). */
void dtrace_aggbuffer_switch(dtrace_aggbuffer_t *ab);
/* Value words for (varid, key), created at its identity; NULL: drop. */
int64_t *dtrace_aggbuffer_lookup(dtrace_aggbuffer_t *ab,
				 const dtrace_aggvar_t *av, const void *key);
/* Apply one value (with weight 'incr') to an aggregation. [probe] */
void dtrace_aggregate_apply(const dtrace_aggvar_t *av, int64_t *val,
			    int64_t v, int64_t incr);
/* Value bytes and identity of an aggregating function. */
uint32_t dtrace_aggregate_valsize(uint32_t kind, uint64_t arg2);
void dtrace_aggregate_init_value(uint32_t kind, int64_t *val,
				 uint32_t valsize);
/* Check lquantize/llquantize parameters; 0 or -EINVAL with a reason. */
int dtrace_aggregate_check(uint32_t kind, uint64_t arg2, const char **why);
/* The quantize bucket of a value. */
int dtrace_quantize_bucket(int64_t v);

/* ---- ECBs (ecb.c) --------------------------------------------------- */

typedef struct dtrace_action {
	uint32_t	kind;
	uint32_t	ntuple;
	uint64_t	arg;
	uint64_t	arg2;
	uint64_t	uarg;
	dtrace_difo_t	*difo;
	dtrace_difo_t	*incr;
	bool		iskey;		/* an aggregation key */
	bool		hasrec;		/* writes a record */
	dtc_recdesc_t	rec;		/* where (when hasrec) */
	dtrace_aggvar_t	*agg;		/* aggregations */
} dtrace_action_t;

/*
 * An enabling control block: one clause enabled on one probe.  The
 * actions and DIFOs are shared by every ECB created from the same
 * clause (dtrace_clause_t) and freed with the last of them.
 */
typedef struct dtrace_clause {
	unsigned int	refs;
	dtrace_difo_t	*pred;
	uint32_t	nactions;
	dtrace_action_t	*actions;
	uint32_t	size;		/* EPID record bytes (8s) */
	uint32_t	nrecs;
	uint64_t	uarg;
} dtrace_clause_t;

typedef struct dtrace_ecb {
	uint32_t	epid;
	dtrace_state_t	*state;
	dtrace_probe_t	*probe;
	dtrace_clause_t	*clause;
	struct dtrace_ecb *next;	/* on the probe's list */
} dtrace_ecb_t;

/*
 * The record an action writes (kind, size, alignment, flags): its value,
 * or what the action records instead (stacks, pid and address...).  The
 * same for principal-buffer records and aggregation keys.
 */
void dtrace_action_recdesc(const dtrace_action_t *a, uint32_t strsize,
			   dtc_recdesc_t *r);
/* The record of the value a DIFO returns (size, alignment, flags). */
void dtrace_value_record(const dtrace_difo_t *dp, uint32_t strsize,
			 dtc_recdesc_t *r);
/* Find or create the aggregation variables of a clause's actions. */
int dtrace_clause_aggvars(dtrace_state_t *state, dtrace_clause_t *cl,
			  char *msg, size_t len);
/* Forget aggregation variables created after the first 'naggs'. */
void dtrace_state_aggvars_truncate(dtrace_state_t *state, uint32_t naggs);
/* Lay out records; 0 or -EINVAL with a message. */
int dtrace_clause_layout(dtrace_clause_t *cl, uint32_t strsize,
			 char *msg, size_t len);
void dtrace_clause_release(dtrace_clause_t *cl);
void dtrace_difo_free(dtrace_difo_t *dp);
/* Link an ECB on its probe, arming the probe if it is the first. */
int dtrace_ecb_enable(dtrace_ecb_t *ecb);
void dtrace_ecb_disable(dtrace_ecb_t *ecb);

/* ---- speculations (speculation.c) ----------------------------------- */

typedef struct dtrace_speculation {
	uint32_t	state;		/* DTRACESPEC_* */
	dtrace_buffer_t	*bufs;		/* per CPU, switch */
} dtrace_speculation_t;

#define DTRACESPEC_INACTIVE	0
#define DTRACESPEC_ACTIVE	1	/* handed out by speculation() */
#define DTRACESPEC_COMMITTING	2	/* other CPUs still to commit */
#define DTRACESPEC_DISCARDING	3

int dtrace_speculations_alloc(dtrace_state_t *state);
void dtrace_speculations_free(dtrace_state_t *state);
/* The buffer speculate(id) writes on this CPU, or NULL. [probe] */
dtrace_buffer_t *dtrace_speculation_buffer(dtrace_state_t *state,
					   uint64_t id, int cpu);
void dtrace_speculation_commit(dtrace_state_t *state, uint64_t id,
			       int cpu);
void dtrace_speculation_discard(dtrace_state_t *state, uint64_t id,
				int cpu);
/* Finish commits/discards left on other CPUs (not in probe context). */
void dtrace_speculation_clean(dtrace_state_t *state);

/* ---- consumer state (state.c) --------------------------------------- */

#define DTRACE_ACTIVITY_INACTIVE 0	/* loaded, not started */
#define DTRACE_ACTIVITY_WARMUP	1	/* BEGIN is firing */
#define DTRACE_ACTIVITY_ACTIVE	2
#define DTRACE_ACTIVITY_DRAINING 3	/* exit() ran: only END records */
#define DTRACE_ACTIVITY_COOLDOWN 4	/* END is firing */
#define DTRACE_ACTIVITY_STOPPED	5
#define DTRACE_ACTIVITY_KILLED	6	/* the deadman stopped it */

/*
 * The deadman: a consumer that has not asked for its status for this
 * long while tracing is presumed dead (or the system unresponsive under
 * its probes) and its state is killed, as DTrace does.
 */
#define DTRACE_DEADMAN_NS	(30ull * 1000000000ull)

typedef struct dtrace_cpustate {
	dtrace_buffer_t	buf;
	dtrace_aggbuffer_t agg;
	char		*scratch;
	size_t		scratch_size;
	uint64_t	*locals;
	size_t		locals_size;
	char		*key;		/* aggregation key */
	size_t		key_size;
} dtrace_cpustate_t;

struct dtrace_state {
	uint32_t	activity;	/* DTRACE_ACTIVITY_* */
	unsigned int	privs;
	uint64_t	options[DTRACEOPT_MAX];
	dtrace_vstate_t	*vstate;
	/* ECBs, indexed by epid - 1 */
	dtrace_ecb_t	**ecbs;
	uint32_t	necbs;
	uint32_t	ecbcap;
	/* aggregation variables, indexed by slot, looked up by varid */
	dtrace_aggvar_t	**aggs;
	uint32_t	naggs;
	uint32_t	aggcap;		/* slots allocated at aggs */
	uint32_t	maxkeysize;
	/* per CPU, allocated at go */
	dtrace_cpustate_t *cpus;
	int		ncpus;
	dtrace_speculation_t *specs;
	uint32_t	nspec;
	/* counters updated in probe context */
	uint64_t	errors;
	uint64_t	specdrops;
	uint64_t	specdrops_busy;
	uint64_t	specdrops_unavail;
	uint32_t	exiting;
	uint32_t	killed;		/* the deadman fired */
	uint64_t	alive;		/* time of the last status */
	uint64_t	last_clean;	/* time of the last cleaning */
	struct dtrace_state *next;
};

/* DTrace's defaults for every option. */
void dtrace_state_options_default(uint64_t *opts);
/* Is any consumer state open? (dtrace_lock held) */
bool dtrace_states_exist(void);
dtrace_aggvar_t *dtrace_state_aggvar(dtrace_state_t *state, uint32_t varid);
/* Record size of an epid (for ring walking). [probe] */
uint32_t dtrace_state_epid_size(void *state, uint32_t epid);

/* ---- DOF loading (dof_load.c) --------------------------------------- */

int dtrace_dof_load(dtrace_state_t *state, const void *dof, size_t size,
		    unsigned int *nmatched, dtc_loaderr_t *err);

/* ---- firing (probe_fire.c) ------------------------------------------ */

/*
 * Fire a probe for one consumer only (BEGIN and END are fired by
 * dtrace_state_go/stop for the state that starts or stops).  Returns the
 * CPU it fired on.
 */
int dtrace_probe_state(dtrace_state_t *only, dtrace_id_t id,
		       uint64_t arg0, uint64_t arg1, uint64_t arg2,
		       uint64_t arg3, uint64_t arg4);
/* Per-CPU probe-context flags, allocated by dtrace_core_init. */
int dtrace_fire_init(void);
void dtrace_fire_fini(void);

#endif /* CORE_CORE_IMPL_H */
