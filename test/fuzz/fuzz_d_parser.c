// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: arbitrary text into the D compiler.
 *
 * The input is compiled as a whole program.  It may fail with any error,
 * but it must fail with a tag and a message, never crash, hang or leak;
 * and whatever compiles must produce a DOF that the core's loader accepts
 * (the compiler never emits what the verifier refuses).
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <stdlib.h>

#include "core/dtrace_core.h"
#include "providers/providers.h"
#include "user/dt_compile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialized;
	dt_compile_opts_t opts;
	dt_compile_error_t err;
	dt_compiler_t *c;
	dtrace_state_t *state;
	dtc_loaderr_t lerr;
	unsigned int nmatched;
	void *dof = NULL;
	size_t dofsize = 0;
	char *text;

	if (size > 4096)
		return 0;
	if (!initialized) {
		if (dtrace_core_init() != 0 || dtrace_providers_init() != 0)
			abort();
		initialized = 1;
	}
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';

	memset(&opts, 0, sizeof(opts));
	opts.flags = DT_CF_ZDEFS;
	opts.strsize = 256;
	c = dt_compiler_create(&opts);
	if (c == NULL)
		abort();
	memset(&err, 0, sizeof(err));
	if (dt_compile(c, text, "fuzz.d", DT_SPEC_PROGRAM, &dof, &dofsize,
		       &err) == 0) {
		if (dtrace_state_create(DTRACE_PRIV_USER, &state) != 0)
			abort();
		if (dtrace_state_load(state, dof, dofsize, &nmatched,
				      &lerr) != 0)
			abort();	/* the compiler emitted bad DOF */
		dtrace_state_destroy(state);
		free(dof);
	} else if (err.tag[0] == '\0' || err.msg[0] == '\0') {
		abort();	/* an error must carry its tag and message */
	}
	dt_compiler_destroy(c);
	free(text);
	return 0;
}
