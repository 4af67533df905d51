/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DT_HOST_H
#define DT_HOST_H

#include <stddef.h>
#include <stdint.h>
#include "../core/abi.h"
#include "../core/dof.h"

/*
 * Where the core runs, as libdtrace sees it.  Two hosts implement this:
 *
 *   user	(dt_host_user.c) the core linked into this process, with the
 *		core/os/user host: BEGIN/END/ERROR and tick/profile only.
 *		Chosen with -x host=user or DTRACE_OPT_HOST=user.
 *   kernel	(dt_host_kernel.c) the dtrace module through ioctls on
 *		/dev/dtrace/dtrace.  The default when the device exists.
 *
 * Every call returns 0 or a positive errno value and, on failure, leaves a
 * message in the host's errmsg.  Pointers a call returns stay valid until
 * the next call of the same kind or dt_host_close.
 */

typedef struct dt_host dt_host_t;

typedef struct dt_host_ops {
	const char *name;
	int (*open)(dt_host_t *h);
	void (*close)(dt_host_t *h);
	int (*ncpus)(dt_host_t *h);
	int (*load)(dt_host_t *h, const void *dof, size_t size,
		    unsigned int *nmatched, dtc_loaderr_t *err);
	int (*go)(dt_host_t *h, int *cpu);
	int (*stop)(dt_host_t *h, int *cpu);
	int (*status)(dt_host_t *h, dtc_status_t *st);
	/* Switch and return one CPU's principal or aggregation buffer. */
	int (*buf_snapshot)(dt_host_t *h, int cpu, const void **data,
			    size_t *size, uint64_t *drops);
	int (*agg_snapshot)(dt_host_t *h, int cpu, const void **data,
			    size_t *size, uint64_t *drops);
	/* Descriptions, allocated with malloc; the caller frees them. */
	int (*epdesc)(dt_host_t *h, unsigned int epid, dtc_epdesc_t **descp);
	int (*aggdesc)(dt_host_t *h, unsigned int varid,
		       dtc_aggdesc_t **descp);
	/* Probes matching the four parts (NULL or "" matches anything). */
	int (*probe_iter)(dt_host_t *h, const char *prov, const char *mod,
			  const char *func, const char *name,
			  int (*fn)(const dtc_probeinfo_t *, void *),
			  void *arg);
	/* The C type of one probe argument (desc->id, desc->ndx in). */
	int (*probe_argdesc)(dt_host_t *h, dtc_argdesc_t *desc);
	/* One line for dtrace -V: what the host runs on. */
	const char *(*describe)(dt_host_t *h);
} dt_host_ops_t;

struct dt_host {
	const dt_host_ops_t *ops;
	void	*priv;		/* the host implementation's state */
	char	errmsg[512];
};

extern const dt_host_ops_t dt_host_user_ops;
extern const dt_host_ops_t dt_host_kernel_ops;

#endif /* DT_HOST_H */
