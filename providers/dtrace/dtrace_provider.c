// SPDX-License-Identifier: GPL-2.0
/*
 * The dtrace provider: dtrace:::BEGIN, dtrace:::END and dtrace:::ERROR.
 * The probes exist for the life of the core and need no arming: the core
 * fires BEGIN in dtrace_state_go, END in dtrace_state_stop and ERROR
 * after a fault, each for the one consumer concerned.
 */
#include "core/core_impl.h"
#include "providers/providers.h"

static dtrace_provider_id_t dtrace_prov;

static int dtrace_enable(void *arg, dtrace_id_t id, void *parg)
{
	return 0;
}

static void dtrace_disable(void *arg, dtrace_id_t id, void *parg)
{
}

static const dtrace_pops_t dtrace_pops = {
	.enable = dtrace_enable,
	.disable = dtrace_disable,
};

int dtrace_provider_init(void)
{
	int rc;

	rc = dtrace_register("dtrace", &dtrace_pops, NULL, &dtrace_prov);
	if (rc != 0)
		return rc;
	dtrace_probeid_begin = dtrace_probe_create(dtrace_prov, "", "",
						   "BEGIN", 0, NULL);
	dtrace_probeid_end = dtrace_probe_create(dtrace_prov, "", "", "END",
						 0, NULL);
	dtrace_probeid_error = dtrace_probe_create(dtrace_prov, "", "",
						   "ERROR", 0, NULL);
	if (dtrace_probeid_begin == 0 || dtrace_probeid_end == 0 ||
	    dtrace_probeid_error == 0) {
		dtrace_unregister(dtrace_prov);
		return -ENOMEM;
	}
	return 0;
}

int dtrace_provider_fini(void)
{
	int rc = dtrace_unregister(dtrace_prov);

	if (rc == 0)
		dtrace_probeid_begin = dtrace_probeid_end =
			dtrace_probeid_error = 0;
	return rc;
}
