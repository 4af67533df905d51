// SPDX-License-Identifier: GPL-2.0
/*
 * The profile provider: profile-N fires on every CPU, tick-N on one, at
 * the rate N names.  N is a number with an optional unit: ns (nsec), us
 * (usec), ms (msec), s (sec), m (min), h (hour), d (day) for a period, or
 * hz for a frequency, the default (profile-997 fires 997 times a second,
 * tick-1s once a second, tick-10ms a hundred times).
 *
 * Probes are created on demand: provide() makes the one a description
 * names exactly, or the usual set when it asks for all of them or uses
 * a glob (dtrace -l).  Each enabled probe is one cyclic (os_cyclic_add),
 * so the same code runs in the user host and in the kernel module.
 *
 * arg0 is the interrupted kernel pc (0 when the CPU was in user mode),
 * arg1 the interrupted user pc (0 when it was in the kernel); both are 0
 * in the user host, which interrupts nothing.  The probes are created
 * with DTRACE_AFRAMES_INTR: stack() begins at the interrupted pc and is
 * empty when the CPU was in user mode.
 */
#include "core/dtrace_core.h"
#include "providers/providers.h"

#define NANOSEC		1000000000ull
#define INTERVAL_MIN	(NANOSEC / 5000)	/* 200us, as DTrace */

typedef struct profile_probe {
	uint64_t	interval;
	bool		tick;		/* one CPU, else every CPU */
	dtrace_id_t	id;
	os_cyclic_t	*cyclic;
} profile_probe_t;

static dtrace_provider_id_t profile_prov;

static const struct {
	const char	*suffix;
	uint64_t	mult;		/* ns per unit; 0: hz */
} profile_units[] = {
	{ "", 0 }, { "hz", 0 },
	{ "ns", 1 }, { "nsec", 1 },
	{ "us", 1000 }, { "usec", 1000 },
	{ "ms", 1000000 }, { "msec", 1000000 },
	{ "s", NANOSEC }, { "sec", NANOSEC },
	{ "m", 60 * NANOSEC }, { "min", 60 * NANOSEC },
	{ "h", 3600 * NANOSEC }, { "hour", 3600 * NANOSEC },
	{ "d", 86400 * NANOSEC }, { "day", 86400 * NANOSEC },
};

/* The usual set, as listed by dtrace -l. */
static const char *const profile_defaults[] = {
	"profile-97", "profile-199", "profile-499", "profile-997",
	"profile-1999", "profile-4001", "profile-4999",
	"tick-1", "tick-10", "tick-100", "tick-500", "tick-1000",
	"tick-5000", "tick-1s", "tick-10s",
};

static bool starts_with(const char *s, const char *prefix, const char **rest)
{
	while (*prefix != '\0') {
		if (*s++ != *prefix++)
			return false;
	}
	*rest = s;
	return true;
}

/* Parse profile-N / tick-N; false when it is not a valid rate. */
static bool profile_parse(const char *name, bool *tick, uint64_t *interval)
{
	const char *p;
	uint64_t n = 0, mult;
	size_t i;

	if (starts_with(name, "profile-", &p))
		*tick = false;
	else if (starts_with(name, "tick-", &p))
		*tick = true;
	else
		return false;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9') {
		if (n > NANOSEC * 1000)
			return false;
		n = n * 10 + (uint64_t)(*p++ - '0');
	}
	for (i = 0; i < sizeof(profile_units) / sizeof(profile_units[0]);
	     i++) {
		if (os_strcmp(p, profile_units[i].suffix) != 0)
			continue;
		mult = profile_units[i].mult;
		if (n == 0)
			return false;
		if (mult == 0)
			*interval = NANOSEC / n;
		else if (n > ~0ull / mult)
			return false;
		else
			*interval = n * mult;
		return *interval >= INTERVAL_MIN;
	}
	return false;
}

static void profile_create(const char *name)
{
	profile_probe_t *pp;
	uint64_t interval;
	bool tick;

	if (!profile_parse(name, &tick, &interval) ||
	    dtrace_probe_lookup(profile_prov, "", "", name) != 0)
		return;
	pp = os_zalloc(sizeof(*pp));
	if (pp == NULL)
		return;
	pp->interval = interval;
	pp->tick = tick;
	pp->id = dtrace_probe_create(profile_prov, "", "", name,
				     DTRACE_AFRAMES_INTR, pp);
	if (pp->id == 0)
		os_free(pp, sizeof(*pp));
}

static bool has_glob(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '*' || *s == '?' || *s == '[' || *s == '\\')
			return true;
	}
	return false;
}

static void profile_provide(void *arg, const dtrace_probedesc_t *desc)
{
	size_t i;

	if (desc != NULL && desc->name[0] != '\0' && !has_glob(desc->name)) {
		profile_create(desc->name);
		return;
	}
	for (i = 0; i < sizeof(profile_defaults) /
		    sizeof(profile_defaults[0]); i++)
		profile_create(profile_defaults[i]);
}

static void profile_fire(void *arg, uint64_t kpc, uint64_t upc)
{
	profile_probe_t *pp = arg;

	dtrace_probe(pp->id, kpc, upc, 0, 0, 0);
}

static int first_online_cpu(void)
{
	int cpu;

	for (cpu = 0; cpu < os_ncpus(); cpu++) {
		if (os_cpu_online(cpu))
			return cpu;
	}
	return 0;
}

static int profile_enable(void *arg, dtrace_id_t id, void *parg)
{
	profile_probe_t *pp = parg;

	pp->cyclic = os_cyclic_add(pp->tick ? first_online_cpu() : OS_CPU_ALL,
				   pp->interval, profile_fire, pp);
	return pp->cyclic ? 0 : -ENOMEM;
}

static void profile_disable(void *arg, dtrace_id_t id, void *parg)
{
	profile_probe_t *pp = parg;

	os_cyclic_remove(pp->cyclic);
	pp->cyclic = NULL;
}

static void profile_destroy(void *arg, dtrace_id_t id, void *parg)
{
	os_free(parg, sizeof(profile_probe_t));
}

static const dtrace_pops_t profile_pops = {
	.provide = profile_provide,
	.enable = profile_enable,
	.disable = profile_disable,
	.destroy = profile_destroy,
};

int profile_provider_init(void)
{
	if (profile_prov != 0)
		return 0;
	return dtrace_register("profile", &profile_pops, NULL,
			       &profile_prov);
}

int profile_provider_fini(void)
{
	int rc;

	if (profile_prov == 0)
		return 0;
	rc = dtrace_unregister(profile_prov);
	if (rc == 0)
		profile_prov = 0;
	return rc;
}
