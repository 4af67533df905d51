// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the consumer's option handling (user/dt_options.c):
 * value syntax (sizes, times, rates, booleans, keywords), the errors a
 * user sees, DTRACE_OPT_* environment variables, #pragma D option lines,
 * which options may change while tracing, and the options DOF the core
 * receives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "user/dt_consumer.h"
#include "unit.h"

static dtrace_hdl_t *new_handle(void)
{
	dtrace_hdl_t *dtp = calloc(1, sizeof(*dtp));

	dt_options_init(dtp);
	return dtp;
}

static void test_sizes(void)
{
	static const struct {
		const char *s;
		uint64_t v;
	} ok[] = {
		{ "100", 100 }, { "512k", 512 << 10 }, { "4m", 4 << 20 },
		{ "4M", 4 << 20 }, { "1g", 1ULL << 30 }, { "2t", 2ULL << 40 },
		{ "0x10", 16 },
	};
	static const char *const bad[] = { "", "m", "4x", "4mb", "-1",
					   "99999999999999999999" };
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CHECK(dt_parse_size(ok[i].s, &v) == 0 && v == ok[i].v,
		      "size '%s' gave %llu", ok[i].s, (unsigned long long)v);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(dt_parse_size(bad[i], &v) != 0, "size '%s' accepted",
		      bad[i]);
}

static void test_times(void)
{
	static const struct {
		const char *s;
		uint64_t ns;
	} ok[] = {
		{ "5", 5 }, { "5ns", 5 }, { "10us", 10000 },
		{ "10ms", 10000000 }, { "10msec", 10000000 },
		{ "2s", 2000000000ULL }, { "1sec", 1000000000ULL },
		{ "2min", 120000000000ULL }, { "1h", 3600000000000ULL },
		{ "1hz", 1000000000ULL }, { "97hz", 1000000000ULL / 97 },
		{ "10HZ", 100000000 },
	};
	static const char *const bad[] = { "", "hz", "0hz", "10xs", "1.5s" };
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CHECK(dt_parse_time(ok[i].s, &v) == 0 && v == ok[i].ns,
		      "time '%s' gave %llu", ok[i].s, (unsigned long long)v);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(dt_parse_time(bad[i], &v) != 0, "time '%s' accepted",
		      bad[i]);
}

static void test_setopt(void)
{
	dtrace_hdl_t *dtp = new_handle();
	int64_t v;

	CHECK(dtrace_setopt(dtp, "quiet", NULL) == 0 && dtp->opts.quiet,
	      "quiet: %s", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "quiet", "0") == 0 && !dtp->opts.quiet,
	      "quiet=0: %s", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "bufsize", "8m") == 0 &&
	      dtp->coreopt[DTRACEOPT_BUFSIZE] == 8 << 20,
	      "bufsize: %s", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "switchrate", "10hz") == 0 &&
	      dtp->opts.switchrate == 100000000 &&
	      dtp->coreopt[DTRACEOPT_SWITCHRATE] == 100000000,
	      "switchrate: %s", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "bufpolicy", "ring") == 0 &&
	      dtp->coreopt[DTRACEOPT_BUFPOLICY] == DTRACEOPT_BUFPOLICY_RING,
	      "bufpolicy: %s", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "aggsortkeypos", "2") == 0 &&
	      dtp->opts.aggsortkeypos == 2, "aggsortkeypos: %s", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "host", "user") == 0 &&
	      dtp->opts.host == DT_HOST_USER, "host: %s", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "strsize", "512") == 0 &&
	      dtp->copts.strsize == 512, "strsize: %s", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "zdefs", NULL) == 0 &&
	      (dtp->copts.flags & DT_CF_ZDEFS), "zdefs: %s", dtp->errmsg);
	CHECK(dtrace_getopt(dtp, "bufsize", &v) == 0 && v == 8 << 20,
	      "getopt bufsize %lld", (long long)v);

	CHECK(dtrace_setopt(dtp, "nosuchopt", NULL) != 0 &&
	      strstr(dtp->errmsg, "nosuchopt") != NULL,
	      "unknown option: '%s'", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "aggzoom", NULL) != 0 &&
	      strstr(dtp->errmsg, "not supported") != NULL,
	      "unsupported option: '%s'", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "bufsize", "lots") != 0 &&
	      strstr(dtp->errmsg, "bufsize") != NULL &&
	      strstr(dtp->errmsg, "lots") != NULL,
	      "bad size: '%s'", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "bufsize", NULL) != 0,
	      "bufsize without a value accepted");
	CHECK(dtrace_setopt(dtp, "bufpolicy", "sometimes") != 0 &&
	      strstr(dtp->errmsg, "switch, fill or ring") != NULL,
	      "bad policy: '%s'", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "quiet", "maybe") != 0,
	      "quiet=maybe accepted");
	free(dtp);
}

static void test_while_tracing(void)
{
	dtrace_hdl_t *dtp = new_handle();

	dtp->going = 1;
	CHECK(dtrace_setopt(dtp, "bufsize", "1m") != 0 &&
	      strstr(dtp->errmsg, "while tracing") != NULL,
	      "bufsize while tracing: '%s'", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "quiet", NULL) == 0 && dtp->opts.quiet,
	      "quiet while tracing: %s", dtp->errmsg);
	CHECK(dtrace_setopt(dtp, "aggrate", "10ms") == 0 &&
	      dtp->opts.aggrate == 10000000,
	      "aggrate while tracing: %s", dtp->errmsg);
	free(dtp);
}

static void test_environment(void)
{
	dtrace_hdl_t *dtp = new_handle();

	setenv("DTRACE_OPT_BUFSIZE", "2m", 1);
	setenv("DTRACE_OPT_QUIET", "", 1);
	CHECK(dtrace_setopt_env(dtp) == 0, "env: %s", dtp->errmsg);
	CHECK(dtp->coreopt[DTRACEOPT_BUFSIZE] == 2 << 20 && dtp->opts.quiet,
	      "env values not applied");
	setenv("DTRACE_OPT_NOSUCH", "1", 1);
	CHECK(dtrace_setopt_env(dtp) != 0 &&
	      strstr(dtp->errmsg, "DTRACE_OPT_nosuch") != NULL,
	      "bad env option: '%s'", dtp->errmsg);
	unsetenv("DTRACE_OPT_NOSUCH");
	unsetenv("DTRACE_OPT_BUFSIZE");
	unsetenv("DTRACE_OPT_QUIET");
	free(dtp);
}

static void test_pragmas(void)
{
	dtrace_hdl_t *dtp = new_handle();
	dt_prog_option_t po[] = { { "aggsortrev", NULL },
				  { "dynvarsize", "16m" } };
	dt_prog_t prog = { .noptions = 1, .options = po };

	dtp->prog = &prog;
	CHECK(dtrace_setopt_prog(dtp) == 0 && dtp->opts.aggsortrev,
	      "pragma: %s", dtp->errmsg);
	/* A later compile adds an option: only the new one is applied. */
	dtp->opts.aggsortrev = 0;
	prog.noptions = 2;
	CHECK(dtrace_setopt_prog(dtp) == 0 && !dtp->opts.aggsortrev &&
	      dtp->coreopt[DTRACEOPT_DYNVARSIZE] == 16 << 20,
	      "second pragma: %s", dtp->errmsg);
	free(dtp);
}

static void test_options_dof(void)
{
	dtrace_hdl_t *dtp = new_handle();
	const dof_optdesc_t *od;
	const dof_sec_t *sec;
	const dof_hdr_t *h;
	size_t size = 0;
	void *dof;

	CHECK(dt_options_dof(dtp, &size) == NULL,
	      "a DOF although no core option is set");
	dtrace_setopt(dtp, "bufsize", "1m");
	dtrace_setopt(dtp, "nspec", "4");
	dtrace_setopt(dtp, "quiet", NULL);	/* not the core's */
	dof = dt_options_dof(dtp, &size);
	h = dof;
	CHECK(dof != NULL && h->ident[0] == DOF_MAG0 && h->ident[1] == 'D' &&
	      h->version == DOF_VERSION && h->secnum == 1 &&
	      h->filesz == size, "bad DOF header");
	if (dof != NULL) {
		sec = (const dof_sec_t *)((const char *)dof + h->secoff);
		od = (const dof_optdesc_t *)((const char *)dof + sec->offset);
		CHECK(sec->type == DOF_SECT_OPTDESC &&
		      sec->size == 2 * sizeof(*od) &&
		      sec->offset + sec->size <= size &&
		      od[0].option == DTRACEOPT_BUFSIZE &&
		      od[0].value == 1 << 20 &&
		      od[1].option == DTRACEOPT_NSPEC && od[1].value == 4,
		      "bad OPTDESC section");
	}
	free(dof);
	free(dtp);
}

int main(void)
{
	test_sizes();
	test_times();
	test_setopt();
	test_while_tracing();
	test_environment();
	test_pragmas();
	test_options_dof();
	return unit_summary();
}
