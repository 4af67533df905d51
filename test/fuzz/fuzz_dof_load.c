// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: hostile DOF into the core's loader and verifier.
 *
 * Every input is handed to dtrace_state_load() on a fresh consumer state,
 * exactly as the module's load ioctl would after copying it from user
 * space.  A refused DOF must come back with an error code and a message;
 * an accepted one must also survive going and stopping (BEGIN and END run
 * whatever it enabled).  ASan/UBSan turn any memory error into a crash.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <stdlib.h>

#include "core/dtrace_core.h"
#include "providers/providers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialized;
	dtrace_state_t *state;
	dtc_loaderr_t err;
	unsigned int nmatched = 0;
	int cpu;

	if (!initialized) {
		if (dtrace_core_init() != 0 || dtrace_providers_init() != 0)
			abort();
		initialized = 1;
	}
	if (dtrace_state_create(DTRACE_PRIV_USER, &state) != 0)
		abort();
	memset(&err, 0, sizeof(err));
	if (dtrace_state_load(state, data, size, &nmatched, &err) == 0) {
		if (dtrace_state_go(state, &cpu) == 0)
			dtrace_state_stop(state, &cpu);
	} else if (err.msg[0] == '\0') {
		abort();	/* a refusal must say why */
	}
	dtrace_state_destroy(state);
	return 0;
}
