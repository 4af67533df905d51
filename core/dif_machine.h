/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_DIF_MACHINE_H
#define CORE_DIF_MACHINE_H

#include "dif_vm.h"

/*
 * Private to the DIF machine: dif_vm.c (the emulator and its memory
 * checks), dif_subr.c (subroutines), dynvar.c (variable state) and
 * dif_verify.c.  Nothing outside these four files includes this.
 *
 * MEMORY THE MACHINE OWNS.  A DIF address is "core memory" when it lies
 * in the firing's scratch space [scratch_base, scratch_ptr), in the
 * DIFO's string table, or in the variable state's storage (by-reference
 * globals, the dynamic variable pool, the zero area).  Core memory is
 * read directly; every other address is read through os_load()/os_copy()
 * and may fault.  Stores go only to allocated scratch and to variable
 * storage (never to the string table or the zero area).
 *
 * THE TUPLE STACK lives in per-CPU storage of the variable state, not on
 * the emulator's stack (its frame must stay small).  Probe context does
 * not nest on a CPU, so one tuple stack per CPU is enough.  A by-reference
 * entry always points into core memory: PUSHTR copies foreign bytes into
 * scratch first, so that hashing, comparing and subroutines read keys and
 * arguments without faulting.
 *
 * STRINGS.  A D string holds at most strsize characters (the strsize
 * option), as in DTrace: a string of exactly strsize characters is a full
 * string, not a truncated one.  Inside the machine every string buffer
 * (scratch strings, string variables of all scopes, dynamic variable
 * values, strtok's copy) is strsize + 1 bytes, so a string in core memory
 * the machine wrote is always NUL-terminated; lengths are bounded by
 * strsize.  Only records in the trace buffers are strsize bytes, NUL-padded
 * when shorter and unterminated when full (probe_fire.c); the consumer
 * reads at most a record's size.
 */

typedef struct dif_tuple {
	uint64_t	val;	/* the value, or the address of the bytes */
	uint32_t	size;	/* 0: by value; else bytes at val (strings:
				   length + 1, the NUL included) */
	uint32_t	type;	/* DIF_TYPE_* of a by-reference entry */
} dif_tuple_t;

/* Per-CPU machine state (see dynvar.c for its allocation). */
typedef struct dif_percpu {
	dif_tuple_t	tuple[DIF_NTUPLE];
	uint64_t	rand;		/* xorshift64 state, never 0 */
	char		*strtok;	/* strsize + 1 bytes: strtok's string */
	uint32_t	strtok_off;	/* next position in strtok[] */
	uint32_t	strtok_len;	/* length of the string in strtok[] */
	char		*key;		/* keymax bytes: a serialized key */
} dif_percpu_t;

/* One firing of one DIFO: what subroutines and variable code need. */
typedef struct dif_ctx {
	const dtrace_difo_t *dp;
	dtrace_mstate_t	*mst;
	dtrace_vstate_t	*vs;
	dif_percpu_t	*pcpu;
	uint32_t	strsize;	/* the strsize option */
	uint32_t	ntuple;		/* entries on the tuple stack */
} dif_ctx_t;

/* A declared user variable, in one of the three scopes. */
typedef struct dif_var {
	dif_type_t	type;
	uint8_t		declared;
	uint8_t		kind;		/* DIF_VKIND_* */
	uint32_t	size;		/* storage bytes of a by-ref value
					   (strings: strsize + 1) */
	uint64_t	value;		/* a global by-value scalar */
	void		*data;		/* a global by-ref scalar's storage */
} dif_var_t;

static inline bool dif_type_byref(const dif_type_t *t)
{
	return t->kind == DIF_TYPE_STRING || (t->flags & DIF_TF_BYREF);
}

/* ---- dif_vm.c: faults and memory ---------------------------------- */

/* Record a fault (the first one wins); the emulator adds fault_pc. */
void dif_fault(dif_ctx_t *c, uint32_t code, uint64_t illval);
/* Bytes of core memory readable (or, with store, writable) at addr. */
size_t dif_core_span(const dif_ctx_t *c, uintptr_t addr, bool store);
/* Copy n bytes from any DIF address; faults BADADDR and returns false. */
bool dif_read(dif_ctx_t *c, uintptr_t addr, void *dst, size_t n);
/* n zeroed bytes of scratch, 8-byte aligned; NULL after NOSCRATCH. */
void *dif_scratch(dif_ctx_t *c, size_t n);
/*
 * The string at addr as core memory: returns a pointer to at least *lenp
 * valid bytes (the string's length, <= strsize) and NULL after a fault.
 * Foreign strings are copied into scratch (strsize + 1 bytes at most,
 * NUL-terminated).  A string already in core memory is returned in place:
 * it is NUL-terminated unless it was cut at strsize characters (a string
 * longer than strsize in the DIFO's string table, or bytes a D program
 * stored by hand), so use *lenp, never the NUL.
 */
const char *dif_string(dif_ctx_t *c, uintptr_t addr, size_t *lenp);
/*
 * Copy the by-reference value at src into v->size bytes of storage at dst
 * (strings: up to the NUL, at most v->size - 1 = strsize characters and
 * always NUL-terminated; src 0 zeroes the storage).
 */
bool dif_copy_value(dif_ctx_t *c, const dif_var_t *v, void *dst,
		    uint64_t src);

/* ---- dif_subr.c ---------------------------------------------------- */

/* Run subroutine 'subr' on the tuple stack's entries. */
uint64_t dif_subr_call(dif_ctx_t *c, uint32_t subr);

/* ---- dynvar.c ------------------------------------------------------ */

dif_var_t *dif_vstate_var(dtrace_vstate_t *vs, uint32_t scope, uint32_t id);
dif_percpu_t *dif_vstate_percpu(dtrace_vstate_t *vs, int cpu);
uint32_t dif_vstate_strsize(const dtrace_vstate_t *vs);
/* Bytes of variable storage at addr (store: excluding the zero area). */
size_t dif_vstate_span(const dtrace_vstate_t *vs, uintptr_t addr,
		       bool store);
/*
 * Associative arrays and thread-local scalars: the key is the tuple stack
 * (none for a thread-local scalar).  Loads of a missing element return 0,
 * or for a by-reference type the address of the zero area.
 */
uint64_t dif_dynvar_load(dif_ctx_t *c, uint32_t scope, uint32_t id,
			 uint32_t ntuple);
void dif_dynvar_store(dif_ctx_t *c, uint32_t scope, uint32_t id,
		      uint32_t ntuple, uint64_t val);

/* ---- dif_verify.c -------------------------------------------------- */

/* Whether an opcode writes its rd field (used to track SETX sizes). */
bool dif_op_writes_rd(uint32_t op);

#endif /* CORE_DIF_MACHINE_H */
