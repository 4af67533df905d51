/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_DIF_VM_H
#define CORE_DIF_VM_H

#include "dtrace_core.h"

/*
 * The contract between the DIF machine (dif_vm.c, dif_verify.c,
 * dif_subr.c, dynvar.c) and the rest of the core (probe firing, ECBs,
 * buffers, DOF loading: probe.c, ecb.c, state.c, dof_load.c, ...).
 *
 * A DIFO is loaded from DOF by dof_load.c into a dtrace_difo_t (core-owned
 * copies of every table), verified by dtrace_difo_verify() against the
 * consumer's variable state, and then run any number of times in probe
 * context by dtrace_dif_emulate().
 */

typedef struct dtrace_difo {
	dif_instr_t	*buf;		/* instructions */
	uint32_t	len;		/* number of instructions */
	uint64_t	*inttab;
	uint32_t	intlen;
	char		*strtab;	/* also holds variable names */
	uint32_t	strlen;
	dof_difv_t	*vartab;	/* variables the DIFO uses */
	uint32_t	varlen;
	dif_type_t	rtype;
} dtrace_difo_t;

/* What a firing probe is, for probeprov/probemod/probefunc/probename. */
typedef struct dtrace_probe_names {
	const char	*provider;
	const char	*mod;
	const char	*func;
	const char	*name;
} dtrace_probe_names_t;

/*
 * Machine state of one firing of one ECB, built by dtrace_probe() on the
 * firing CPU's stack.  Scratch memory (strings built by subroutines,
 * alloca, copyin) is carved from [scratch_base, scratch_base +
 * scratch_size) by bumping scratch_ptr; it lives until the ECB's actions
 * are done.  When the VM faults it sets 'fault' (DTRACEFLT_*), 'illval'
 * (the offending address or value) and 'fault_pc' (the instruction
 * index), and returns 0; the caller then fires ERROR and abandons the
 * rest of the ECB.
 */
typedef struct dtrace_mstate {
	uint64_t	args[DTRACE_NARGS];	/* arg0 .. arg9 */
	dtrace_id_t	probeid;
	uint32_t	epid;
	int		cpu;
	const dtrace_probe_names_t *probe;
	int		aframes;	/* the probe's (dtrace_probe_create) */
	uintptr_t	from;		/* return address into the code that
					   called dtrace_probe() */
	uint64_t	timestamp;	/* os_gethrtime() at the firing */
	uintptr_t	scratch_base;
	uintptr_t	scratch_ptr;
	size_t		scratch_size;
	uint64_t	*locals;	/* clause-local storage, one slot per
					   local variable id (by-ref values
					   point into scratch) */
	uint32_t	fault;		/* DTRACEFLT_* or 0 */
	uint64_t	illval;
	uint32_t	fault_pc;
	struct dtrace_state *state;	/* the consumer whose ECB fires */
} dtrace_mstate_t;

/*
 * The variable state of one consumer: global scalars, global and
 * thread-local associative arrays (dynamic variable space, sized by the
 * dynvarsize option, with drops counted when it is full), and the layout of
 * clause-local variables.  Opaque outside dynvar.c / dif_vm.c.
 */
typedef struct dtrace_vstate dtrace_vstate_t;

int dtrace_vstate_create(dtrace_vstate_t **vsp, size_t dynvarsize,
			 uint32_t strsize, int ncpus);
void dtrace_vstate_destroy(dtrace_vstate_t *vs);
/* Declare the variables a verified DIFO uses (sizes, scopes, types). */
int dtrace_vstate_add_difo(dtrace_vstate_t *vs, const dtrace_difo_t *dp,
			   char *errmsg, size_t len);
/* Number of clause-local slots needed by mstate.locals. */
uint32_t dtrace_vstate_nlocals(const dtrace_vstate_t *vs);
/* Reclaim thread-local variables of threads that are gone, zeroed
   entries, ...; called periodically (cleanrate), never in probe ctx. */
void dtrace_vstate_clean(dtrace_vstate_t *vs);
/* Drop counters, added into dtc_status_t. */
void dtrace_vstate_status(const dtrace_vstate_t *vs, dtc_status_t *st);

/*
 * Check a DIFO before it may run: every opcode known, every register in
 * range and %r0 never written, branches forward and in range, integer and
 * string table indices in range, variable ids declared in its vartab or
 * built in, subroutine ids known, the program ends with RET, the tuple
 * stack cannot overflow on any straight path.  Returns 0 or -EINVAL with
 * the first problem in errmsg ("DIF offset 12: invalid register 40").
 */
int dtrace_difo_verify(const dtrace_difo_t *dp, char *errmsg, size_t len);

/* Run a verified DIFO in probe context. [probe] */
uint64_t dtrace_dif_emulate(const dtrace_difo_t *dp, dtrace_mstate_t *mst,
			    dtrace_vstate_t *vs);

/*
 * Provided by the framework for the VM (speculation() subroutine): a free
 * speculation id, or 0 when none is available (counted as a drop). [probe]
 */
uint64_t dtrace_speculation_new(struct dtrace_state *state);
/* The consumer's strsize option, for string subroutines. [probe] */
uint32_t dtrace_state_strsize(const struct dtrace_state *state);

/*
 * Stacks (stack.c), for the firing path's stack() and ustack() records and
 * the VM's caller, stackdepth, ucaller and ustackdepth. [probe]
 * dtrace_stack_record: nframes kernel pcs, zero after the last;
 * dtrace_ustack_record: rec[0] the pid, then nframes user pcs.
 */
void dtrace_stack_record(const dtrace_mstate_t *mst, uint64_t *pcs,
			 uint32_t nframes);
void dtrace_ustack_record(const dtrace_mstate_t *mst, uint64_t *rec,
			  uint32_t nframes);
uint64_t dtrace_stack_caller(const dtrace_mstate_t *mst);
uint64_t dtrace_stack_depth(const dtrace_mstate_t *mst);
uint64_t dtrace_ustack_caller(const dtrace_mstate_t *mst);
uint64_t dtrace_ustack_depth(const dtrace_mstate_t *mst);

#endif /* CORE_DIF_VM_H */
