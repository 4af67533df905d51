/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_DTRACE_CORE_H
#define CORE_DTRACE_CORE_H

#include "os.h"
#include "abi.h"
#include "dof.h"

/*
 * The core's interface, used by its two hosts (the module glue in
 * core/os/linux, the in-process library in core/os/user + user/dt_host_user.c)
 * and by providers.
 *
 * Locking: every function here except dtrace_probe() takes the core's
 * mutex itself and may sleep; none may be called from probe context.
 *
 * Errors are negative errno values (-EINVAL, -ENOMEM, -EBUSY, ...), as
 * the kernel spells them; the user host maps them to errno.
 */

/* ---- lifetime ---------------------------------------------------- */

int dtrace_core_init(void);		/* registers the dtrace provider */
/* -EBUSY while a consumer state exists or a probe is enabled. */
int dtrace_core_fini(void);

/* ---- providers ---------------------------------------------------- */

typedef unsigned int dtrace_id_t;	/* probe id, 1-based; 0 = none */
typedef uintptr_t dtrace_provider_id_t;

typedef struct dtrace_probedesc {
	char	provider[DTRACE_PROVNAMELEN];
	char	mod[DTRACE_MODNAMELEN];
	char	func[DTRACE_FUNCNAMELEN];
	char	name[DTRACE_NAMELEN];
	dtrace_id_t id;			/* 0 unless an exact id is wanted */
} dtrace_probedesc_t;

typedef struct dtrace_pops {
	/* Create the probes that match desc (NULL: all); may be NULL. */
	void (*provide)(void *parg, const dtrace_probedesc_t *desc);
	/* Arm / disarm one probe; parg is the probe_create() argument. */
	int (*enable)(void *arg, dtrace_id_t id, void *parg);
	void (*disable)(void *arg, dtrace_id_t id, void *parg);
	/* Called when a probe is destroyed by dtrace_unregister. */
	void (*destroy)(void *arg, dtrace_id_t id, void *parg);
	/*
	 * Native argument types for typed args[] (dtrace_probe_argdesc):
	 * write the C type of argument ndx ("struct file *") into native
	 * and return 0, or return -ENOENT when there is none.  May be NULL.
	 */
	int (*getargdesc)(void *arg, dtrace_id_t id, void *parg, int ndx,
			  char *native, size_t len);
	/*
	 * Apply every enable and disable since the last commit; may be
	 * NULL.  The core calls it after each batch (a DOF's probes
	 * enabled, a state's probes disabled), so that a provider that
	 * arms thousands of probes with one kernel registration (fbt) can
	 * leave enable and disable as bookkeeping.  A failure after a
	 * batch of enables fails that load; after disables it is only
	 * reported by the provider.
	 */
	int (*commit)(void *arg);
} dtrace_pops_t;

int dtrace_register(const char *name, const dtrace_pops_t *pops, void *arg,
		    dtrace_provider_id_t *idp);
/* -EBUSY while any of its probes is enabled. */
int dtrace_unregister(dtrace_provider_id_t id);
/*
 * aframes is how many frames between the provider's call of dtrace_probe()
 * and the probed code are the provider's own (its callbacks): stack()
 * leaves them out, so that a stack begins in the code that was probed.
 * DTRACE_AFRAMES_INTR says that the probe fires from an interrupt with
 * the interrupted kernel pc in arg0 (0 when the CPU was in user mode, as
 * profile probes do): its kernel stack begins at that pc, and is empty
 * when arg0 is 0.
 */
#define DTRACE_AFRAMES_INTR	(-1)
dtrace_id_t dtrace_probe_create(dtrace_provider_id_t prov, const char *mod,
				const char *func, const char *name,
				int aframes, void *parg);
dtrace_id_t dtrace_probe_lookup(dtrace_provider_id_t prov, const char *mod,
				const char *func, const char *name);
/*
 * Destroy one probe of a provider whose target went away (fbt: a module
 * unloaded).  -EBUSY while the probe is enabled, -EINVAL if it is not the
 * provider's.  The id is never reused.
 */
int dtrace_probe_remove(dtrace_provider_id_t prov, dtrace_id_t id);

/*
 * Glob match as DTrace does: * ? [set] [!set] [a-z] and \ escapes.  For
 * providers whose provide() creates only the probes a description names.
 */
bool dtrace_glob_match(const char *pattern, const char *s);

/*
 * Fire probe 'id' on the current CPU. [probe]  Safe to call from any
 * context; a probe that fires while the CPU is already in probe context
 * is dropped, except for ERROR, which core fires itself.
 */
void dtrace_probe(dtrace_id_t id, uint64_t arg0, uint64_t arg1,
		  uint64_t arg2, uint64_t arg3, uint64_t arg4);

/* The same with up to DTRACE_NARGS arguments (syscalls have six). [probe] */
#define DTRACE_NARGS	10		/* arg0 .. arg9 */
void dtrace_probe_args(dtrace_id_t id, const uint64_t *args,
		       unsigned int nargs);

/* ---- consumers ----------------------------------------------------- */

typedef struct dtrace_state dtrace_state_t;

/* privileges of the consumer, checked at load (destructive needs -w). */
#define DTRACE_PRIV_USER	0x1
#define DTRACE_PRIV_KERNEL	0x2
#define DTRACE_PRIV_DESTRUCTIVE	0x4
#define DTRACE_PRIV_ALL		0x7

int dtrace_state_create(unsigned int privs, dtrace_state_t **statep);
/* Stops tracing if active, disables every probe, frees everything. */
void dtrace_state_destroy(dtrace_state_t *state);

/*
 * Load a DOF.  Validates it completely (see dof.h), then creates its ECBs;
 * *nmatched gets the number of probes enabled.  On failure nothing
 * changes and *err says what was wrong.  Only before dtrace_state_go.
 */
int dtrace_state_load(dtrace_state_t *state, const void *dof, size_t size,
		      unsigned int *nmatched, dtc_loaderr_t *err);

/* Start tracing: allocates buffers, fires BEGIN. *cpu: BEGIN's CPU. */
int dtrace_state_go(dtrace_state_t *state, int *cpu);
/* Stop: fires END (once), disables further firing. *cpu: END's CPU. */
int dtrace_state_stop(dtrace_state_t *state, int *cpu);

int dtrace_state_status(dtrace_state_t *state, dtc_status_t *st);

/*
 * Switch a CPU's principal (or aggregation) buffer and describe the
 * inactive one.  The returned bytes stay valid and unchanged until the
 * next switch of that CPU's buffer of the same kind.  *drops: records
 * dropped on that CPU since the last switch.
 */
typedef struct dtrace_bufdesc {
	const void	*data;
	uint64_t	size;		/* bytes used */
	uint64_t	drops;
	uint64_t	errors;		/* reserved: per-CPU error count */
} dtrace_bufdesc_t;

int dtrace_buffer_snapshot(dtrace_state_t *state, int cpu,
			   dtrace_bufdesc_t *desc);
int dtrace_aggbuffer_snapshot(dtrace_state_t *state, int cpu,
			      dtrace_bufdesc_t *desc);

/*
 * Descriptions.  The caller passes a buffer of 'size' bytes; the call
 * returns -ENOSPC and sets *needed when it is too small.
 */
int dtrace_epdesc(dtrace_state_t *state, unsigned int epid,
		  dtc_epdesc_t *desc, size_t size, size_t *needed);
int dtrace_aggdesc(dtrace_state_t *state, unsigned int varid,
		   dtc_aggdesc_t *desc, size_t size, size_t *needed);

/* Probe listing: calls fn for every probe matching desc (globs). */
int dtrace_probe_iter(const dtrace_probedesc_t *desc,
		      int (*fn)(const dtc_probeinfo_t *info, void *arg),
		      void *arg);

/*
 * The type of argument desc->ndx of probe desc->id, from its provider's
 * getargdesc; desc->native is empty when the provider gives none.
 * -ENOENT when there is no such probe, -EINVAL for a negative ndx.
 */
int dtrace_probe_argdesc(dtc_argdesc_t *desc);

#endif /* CORE_DTRACE_CORE_H */
