// SPDX-License-Identifier: GPL-2.0
/*
 * The core's lifetime: the framework lock, initialization (the per-CPU
 * probe-context flags and the dtrace provider) and dtrace_sync().
 */
#include "core_impl.h"
#include "../providers/providers.h"

os_mutex_t dtrace_lock;
static bool core_up;

static void sync_nothing(void *arg)
{
}

void dtrace_sync(void)
{
	os_xcall(OS_CPU_ALL, sync_nothing, NULL);
}

int dtrace_core_init(void)
{
	int rc;

	if (core_up)
		return 0;
	os_mutex_init(&dtrace_lock);
	rc = dtrace_fire_init();
	if (rc != 0)
		return rc;
	rc = dtrace_provider_init();
	if (rc != 0) {
		dtrace_fire_fini();
		return rc;
	}
	core_up = true;
	return 0;
}

int dtrace_core_fini(void)
{
	int rc;

	if (!core_up)
		return 0;
	os_mutex_enter(&dtrace_lock);
	rc = dtrace_states_exist() ? -EBUSY : 0;
	os_mutex_exit(&dtrace_lock);
	if (rc != 0)
		return rc;
	rc = dtrace_provider_fini();
	if (rc != 0)
		return rc;
	dtrace_probes_fini();
	dtrace_fire_fini();
	core_up = false;
	return 0;
}
