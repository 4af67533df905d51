// SPDX-License-Identifier: GPL-2.0
/*
 * The in-process host: the core linked into this process with the
 * core/os/user host underneath (one virtual CPU, cyclics on a timer
 * thread).  Only the dtrace (BEGIN/END/ERROR) and profile (profile-N,
 * tick-N) providers exist here; everything else needs the kernel module.
 *
 * The core speaks negative errno; this host returns positive errno
 * values and leaves the reason in h->errmsg, as dt_host.h asks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_host.h"
#include "../core/dtrace_core.h"
#include "../providers/providers.h"

typedef struct user_host {
	dtrace_state_t	*state;
} user_host_t;

static dtrace_state_t *state_of(dt_host_t *h)
{
	return ((user_host_t *)h->priv)->state;
}

/* Map a core result to dt_host's convention, with a message. */
static int fail(dt_host_t *h, int rc, const char *what)
{
	if (rc == 0)
		return 0;
	snprintf(h->errmsg, sizeof(h->errmsg), "%s: %s", what,
		 strerror(-rc));
	return -rc;
}

static int user_open(dt_host_t *h)
{
	static bool providers_up;
	user_host_t *uh;
	int rc;

	rc = dtrace_core_init();
	if (rc != 0)
		return fail(h, rc, "cannot start the in-process core");
	if (!providers_up) {
		rc = dtrace_providers_init();
		if (rc != 0)
			return fail(h, rc, "cannot start the providers");
		providers_up = true;
	}
	uh = calloc(1, sizeof(*uh));
	if (uh == NULL)
		return fail(h, -ENOMEM, "cannot open the in-process core");
	rc = dtrace_state_create(DTRACE_PRIV_ALL, &uh->state);
	if (rc != 0) {
		free(uh);
		return fail(h, rc, "cannot create a consumer state");
	}
	h->priv = uh;
	return 0;
}

static void user_close(dt_host_t *h)
{
	user_host_t *uh = h->priv;

	if (uh == NULL)
		return;
	dtrace_state_destroy(uh->state);
	free(uh);
	h->priv = NULL;
}

static int user_ncpus(dt_host_t *h)
{
	return os_ncpus();
}

static int user_load(dt_host_t *h, const void *dof, size_t size,
		     unsigned int *nmatched, dtc_loaderr_t *err)
{
	int rc = dtrace_state_load(state_of(h), dof, size, nmatched, err);

	if (rc == 0)
		return 0;
	snprintf(h->errmsg, sizeof(h->errmsg), "%s", err->msg[0] ?
		 err->msg : strerror(-rc));
	return -rc;
}

static int user_go(dt_host_t *h, int *cpu)
{
	return fail(h, dtrace_state_go(state_of(h), cpu),
		    "cannot start tracing");
}

static int user_stop(dt_host_t *h, int *cpu)
{
	return fail(h, dtrace_state_stop(state_of(h), cpu),
		    "cannot stop tracing");
}

static int user_status(dt_host_t *h, dtc_status_t *st)
{
	return fail(h, dtrace_state_status(state_of(h), st),
		    "cannot read the tracing status");
}

/* A CPU the cpu option leaves out has an empty buffer, not an error. */
static int snapshot(dt_host_t *h, int cpu, bool agg, const void **data,
		    size_t *size, uint64_t *drops)
{
	dtrace_bufdesc_t desc;
	int rc;

	rc = agg ? dtrace_aggbuffer_snapshot(state_of(h), cpu, &desc) :
		   dtrace_buffer_snapshot(state_of(h), cpu, &desc);
	if (rc == -ENOENT) {
		memset(&desc, 0, sizeof(desc));
		rc = 0;
	}
	if (rc != 0)
		return fail(h, rc, agg ? "cannot snapshot aggregations" :
				   "cannot snapshot the trace buffer");
	*data = desc.data;
	*size = (size_t)desc.size;
	*drops = desc.drops;
	return 0;
}

static int user_buf_snapshot(dt_host_t *h, int cpu, const void **data,
			     size_t *size, uint64_t *drops)
{
	return snapshot(h, cpu, false, data, size, drops);
}

static int user_agg_snapshot(dt_host_t *h, int cpu, const void **data,
			     size_t *size, uint64_t *drops)
{
	return snapshot(h, cpu, true, data, size, drops);
}

static int user_epdesc(dt_host_t *h, unsigned int epid,
		       dtc_epdesc_t **descp)
{
	size_t need = 0;
	dtc_epdesc_t *d;
	int rc;

	rc = dtrace_epdesc(state_of(h), epid, NULL, 0, &need);
	if (rc != -ENOSPC)
		return fail(h, rc, "cannot describe an enabled probe");
	d = malloc(need);
	if (d == NULL)
		return fail(h, -ENOMEM, "cannot describe an enabled probe");
	rc = dtrace_epdesc(state_of(h), epid, d, need, &need);
	if (rc != 0) {
		free(d);
		return fail(h, rc, "cannot describe an enabled probe");
	}
	*descp = d;
	return 0;
}

static int user_aggdesc(dt_host_t *h, unsigned int varid,
			dtc_aggdesc_t **descp)
{
	size_t need = 0;
	dtc_aggdesc_t *d;
	int rc;

	rc = dtrace_aggdesc(state_of(h), varid, NULL, 0, &need);
	if (rc != -ENOSPC)
		return fail(h, rc, "cannot describe an aggregation");
	d = malloc(need);
	if (d == NULL)
		return fail(h, -ENOMEM, "cannot describe an aggregation");
	rc = dtrace_aggdesc(state_of(h), varid, d, need, &need);
	if (rc != 0) {
		free(d);
		return fail(h, rc, "cannot describe an aggregation");
	}
	*descp = d;
	return 0;
}

static bool set_part(char *dst, size_t size, const char *src)
{
	if (src == NULL)
		src = "";
	if (strlen(src) >= size)
		return false;
	strcpy(dst, src);
	return true;
}

static int user_probe_iter(dt_host_t *h, const char *prov, const char *mod,
			   const char *func, const char *name,
			   int (*fn)(const dtc_probeinfo_t *, void *),
			   void *arg)
{
	dtrace_probedesc_t pd;
	int rc;

	memset(&pd, 0, sizeof(pd));
	/* a part longer than any probe's can match nothing */
	if (!set_part(pd.provider, sizeof(pd.provider), prov) ||
	    !set_part(pd.mod, sizeof(pd.mod), mod) ||
	    !set_part(pd.func, sizeof(pd.func), func) ||
	    !set_part(pd.name, sizeof(pd.name), name))
		return 0;
	rc = dtrace_probe_iter(&pd, fn, arg);
	return rc < 0 ? fail(h, rc, "cannot list probes") : rc;
}

static int user_probe_argdesc(dt_host_t *h, dtc_argdesc_t *desc)
{
	int rc = dtrace_probe_argdesc(desc);

	return rc < 0 ? fail(h, rc, "cannot describe a probe argument") : 0;
}

static const char *user_describe(dt_host_t *h)
{
	return "user (in-process core, 1 virtual CPU)";
}

const dt_host_ops_t dt_host_user_ops = {
	.name = "user",
	.open = user_open,
	.close = user_close,
	.ncpus = user_ncpus,
	.load = user_load,
	.go = user_go,
	.stop = user_stop,
	.status = user_status,
	.buf_snapshot = user_buf_snapshot,
	.agg_snapshot = user_agg_snapshot,
	.epdesc = user_epdesc,
	.aggdesc = user_aggdesc,
	.probe_iter = user_probe_iter,
	.probe_argdesc = user_probe_argdesc,
	.describe = user_describe,
};
