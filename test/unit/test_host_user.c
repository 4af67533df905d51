// SPDX-License-Identifier: GPL-2.0
/*
 * The in-process host (user/dt_host_user.c) as libdtrace drives it:
 * open, load, go, buffer and aggregation snapshots, descriptions, probe
 * listing, stop, close; errors come back as positive errno values with
 * a message.
 */
#include "user/dt_host.h"
#include "core_harness.h"
#include "unit.h"

static int count_probe(const dtc_probeinfo_t *pi, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

int main(void)
{
	dt_host_t h = { &dt_host_user_ops };
	dtc_epdesc_t *ep = NULL;
	dtc_aggdesc_t *ad = NULL;
	dtc_loaderr_t err;
	dof_actdesc_t a[2];
	const void *data;
	unsigned int n;
	uint64_t drops;
	size_t size;
	void *dof;
	dofb_t b;
	int cpu, nprobes = 0;

	CHECK(h.ops->open(&h) == 0, "open: %s", h.errmsg);
	CHECK(h.ops->ncpus(&h) == 1, "one virtual CPU");
	CHECK(strstr(h.ops->describe(&h), "in-process") != NULL,
	      "describe says where the core runs");

	dof = malloc(16);
	memset(dof, 0, 16);
	CHECK(h.ops->load(&h, dof, 16, &n, &err) == EINVAL &&
	      h.errmsg[0] != '\0', "a bad DOF: EINVAL and a message (%s)",
	      h.errmsg);
	free(dof);

	dofb_init(&b);
	a[0] = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 5), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 1, 0);
	a[0] = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 3), 0);
	a[1] = dofb_action(DTRACEAGG_COUNT, DOF_SECIDX_NONE, 1);
	a[1].ntuple = 1;
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 2, 1);
	dof = dofb_finish(&b, &size);
	CHECK(h.ops->load(&h, dof, size, &n, &err) == 0 && n == 2,
	      "load: %s", h.errmsg);
	free(dof);
	CHECK(h.ops->go(&h, &cpu) == 0, "go");
	CHECK(h.ops->buf_snapshot(&h, 0, &data, &size, &drops) == 0 &&
	      size == 24 && drops == 0, "one 24-byte record (%zu)", size);
	CHECK(h.ops->epdesc(&h, 1, &ep) == 0 && ep->nrecs == 1 &&
	      ep->recs[0].offset == 16, "epdesc of epid 1");
	free(ep);
	CHECK(h.ops->epdesc(&h, 99, &ep) == ENOENT && h.errmsg[0] != '\0',
	      "unknown epid: ENOENT");
	CHECK(h.ops->agg_snapshot(&h, 0, &data, &size, &drops) == 0 &&
	      size == 24, "one aggregation entry (%zu)", size);
	CHECK(h.ops->aggdesc(&h, 1, &ad) == 0 && ad->nkeys == 1 &&
	      ad->kind == DTRACEAGG_COUNT, "aggdesc of @1");
	free(ad);
	CHECK(h.ops->probe_iter(&h, "dtrace", NULL, NULL, NULL, count_probe,
				&nprobes) == 0 && nprobes == 3,
	      "dtrace provider lists 3 probes (%d)", nprobes);
	CHECK(h.ops->stop(&h, &cpu) == 0, "stop");
	h.ops->close(&h);
	CHECK(h.priv == NULL, "closed");
	return unit_summary();
}
