// SPDX-License-Identifier: GPL-2.0
/*
 * Aggregation throughput: how many probe firings per second the core
 * sustains when each firing updates an aggregation, against the same
 * firings with an empty clause (the baseline, measured in the same run).
 *
 * The bench registers its own provider with one probe, bench:::fire,
 * compiles each script with the real compiler, loads it into an in-process
 * consumer state and calls dtrace_probe() in a loop, so what is measured
 * is the probe-context path: ECB walk, predicate, DIF, aggregation hash.
 *
 * Output, one line per script:
 *   count-keyed          12.3 M firings/s   ratio 0.41 of empty clause
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dtrace_core.h"
#include "providers/providers.h"
#include "user/dt_compile.h"

#define FIRINGS		2000000

static dtrace_id_t fire_id;

static const dtrace_pops_t bench_pops;	/* nothing to arm: we fire it */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/*
 * A bench that measures nothing is worse than none: make sure the firings
 * really produced aggregation data (or, for the empty clause, that none
 * was expected).
 */
static void check_work(const char *name, dtrace_state_t *state,
		       int expect_agg)
{
	dtrace_bufdesc_t desc;

	if (dtrace_aggbuffer_snapshot(state, 0, &desc) != 0 ||
	    (expect_agg && desc.size == 0)) {
		fprintf(stderr, "bench_aggregate: %s: no aggregation data "
			"after %d firings\n", name, FIRINGS);
		exit(1);
	}
}

/* Compile, load and start 'script'; fire FIRINGS times; firings/s. */
static double run_script(const char *name, const char *script,
			 int expect_agg)
{
	dt_compile_opts_t opts = { .strsize = 256 };
	dt_compile_error_t cerr;
	dtc_loaderr_t lerr;
	dtrace_state_t *state;
	dt_compiler_t *c;
	unsigned int nmatched;
	void *dof;
	size_t dofsize;
	uint64_t t0, t1;
	int cpu, i;

	c = dt_compiler_create(&opts);
	if (c == NULL || dt_compile(c, script, name, DT_SPEC_PROGRAM, &dof,
				    &dofsize, &cerr) != 0) {
		fprintf(stderr, "bench_aggregate: %s: compile failed: %s\n",
			name, c ? cerr.msg : "no compiler");
		exit(1);
	}
	if (dtrace_state_create(DTRACE_PRIV_ALL, &state) != 0 ||
	    dtrace_state_load(state, dof, dofsize, &nmatched, &lerr) != 0 ||
	    dtrace_state_go(state, &cpu) != 0) {
		fprintf(stderr, "bench_aggregate: %s: load failed: %s\n",
			name, lerr.msg);
		exit(1);
	}
	t0 = now_ns();
	for (i = 0; i < FIRINGS; i++)
		dtrace_probe(fire_id, (uint64_t)i, (uint64_t)i * 7, 0, 0, 0);
	t1 = now_ns();
	dtrace_state_stop(state, &cpu);
	check_work(name, state, expect_agg);
	dtrace_state_destroy(state);
	free(dof);
	dt_compiler_destroy(c);
	return FIRINGS / ((t1 - t0) / 1e9);
}

int main(void)
{
	static const struct {
		const char *name, *script;
	} scripts[] = {
		{ "count", "bench:::fire { @ = count(); }" },
		{ "count-keyed", "bench:::fire { @[arg0 & 63] = count(); }" },
		{ "sum", "bench:::fire { @ = sum(arg1); }" },
		{ "quantize", "bench:::fire { @ = quantize(arg1); }" },
		{ "avg-2keys",
		  "bench:::fire { @[arg0 & 7, arg0 & 15] = avg(arg1); }" },
	};
	dtrace_provider_id_t prov;
	double base, rate;
	size_t i;

	if (dtrace_core_init() != 0 || dtrace_providers_init() != 0 ||
	    dtrace_register("bench", &bench_pops, NULL, &prov) != 0) {
		fprintf(stderr, "bench_aggregate: cannot start the core\n");
		return 1;
	}
	fire_id = dtrace_probe_create(prov, "", "", "fire", 0, NULL);

	base = run_script("empty", "bench:::fire { }", 0);
	printf("%-16s %8.2f M firings/s   (baseline)\n", "empty-clause",
	       base / 1e6);
	for (i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
		rate = run_script(scripts[i].name, scripts[i].script, 1);
		printf("%-16s %8.2f M firings/s   ratio %.2f of empty clause\n",
		       scripts[i].name, rate / 1e6, rate / base);
	}
	return 0;
}
