// SPDX-License-Identifier: GPL-2.0
/*
 * Probe descriptions: DTrace's glob syntax (* ? [set] [!set] [a-z] and
 * backslash escapes) part by part, empty parts matching anything, exact
 * ids, providers creating probes on demand (profile-N / tick-N with their
 * units), and dtrace_probe_iter listing what matches.
 */
#include "core/core_impl.h"
#include "core_harness.h"
#include "unit.h"

static void test_glob(void)
{
	static const struct {
		const char *pat, *s;
		bool match;
	} cases[] = {
		{ "read", "read", true },
		{ "read", "reads", false },
		{ "read*", "read", true },
		{ "read*", "readv", true },
		{ "*read", "pread", true },
		{ "*read*", "xreadx", true },
		{ "*", "", true },
		{ "?", "", false },
		{ "r?ad", "read", true },
		{ "r?ad", "rad", false },
		{ "sys_[rw]*", "sys_write", true },
		{ "sys_[rw]*", "sys_open", false },
		{ "sys_[!rw]*", "sys_open", true },
		{ "sys_[!rw]*", "sys_read", false },
		{ "tick-[0-9]s", "tick-5s", true },
		{ "tick-[0-9]s", "tick-ms", false },
		{ "a\\*b", "a*b", true },
		{ "a\\*b", "axb", false },
		{ "*a*b*c*", "xxaybzc", true },
		{ "*a*b*c*", "xxaybz", false },
		{ "a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false },
		{ "[abc", "a", false },
		{ "", "x", false },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(dtrace_glob_match(cases[i].pat, cases[i].s) ==
		      cases[i].match, "'%s' vs '%s' should %smatch",
		      cases[i].pat, cases[i].s, cases[i].match ? "" : "not ");
}

/* A provider with a fixed set of probes. */
static int noop_enable(void *arg, dtrace_id_t id, void *parg)
{
	return 0;
}

static void noop_disable(void *arg, dtrace_id_t id, void *parg)
{
}

static const dtrace_pops_t test_pops = {
	.enable = noop_enable,
	.disable = noop_disable,
};

struct collect {
	int n;
	char names[16][400];
};

static int collect_one(const dtc_probeinfo_t *pi, void *arg)
{
	struct collect *c = arg;

	if (c->n < 16)
		snprintf(c->names[c->n], sizeof(c->names[0]), "%s:%s:%s:%s",
			 pi->provider, pi->mod, pi->func, pi->name);
	c->n++;
	return 0;
}

static int list(const char *prov, const char *mod, const char *func,
		const char *name, struct collect *c)
{
	dtrace_probedesc_t pd;

	memset(&pd, 0, sizeof(pd));
	memset(c, 0, sizeof(*c));
	snprintf(pd.provider, sizeof(pd.provider), "%s", prov);
	snprintf(pd.mod, sizeof(pd.mod), "%s", mod);
	snprintf(pd.func, sizeof(pd.func), "%s", func);
	snprintf(pd.name, sizeof(pd.name), "%s", name);
	dtrace_probe_iter(&pd, collect_one, c);
	return c->n;
}

static void test_iter(void)
{
	dtrace_provider_id_t pv;
	dtrace_id_t a, dup;
	struct collect c;

	CHECK(dtrace_register("tst", &test_pops, NULL, &pv) == 0, "register");
	CHECK(dtrace_register("tst", &test_pops, NULL, &pv) == -EEXIST,
	      "a second provider of the same name is refused");
	a = dtrace_probe_create(pv, "vmlinux", "vfs_read", "entry", 0, NULL);
	dtrace_probe_create(pv, "vmlinux", "vfs_read", "return", 0, NULL);
	dtrace_probe_create(pv, "vmlinux", "vfs_write", "entry", 0, NULL);
	dtrace_probe_create(pv, "ext4", "ext4_read", "entry", 0, NULL);
	dup = dtrace_probe_lookup(pv, "vmlinux", "vfs_read", "entry");
	CHECK(a != 0 && dup == a, "lookup finds the probe by name");
	CHECK(dtrace_probe_lookup(pv, "vmlinux", "nope", "entry") == 0,
	      "lookup of a missing probe gives 0");

	CHECK(list("tst", "", "", "", &c) == 4, "all 4 probes (%d)", c.n);
	CHECK(list("tst", "vmlinux", "", "entry", &c) == 2, "2 vmlinux "
	      "entries (%d)", c.n);
	CHECK(list("", "", "*_read", "", &c) == 3, "*_read in 3 (%d)", c.n);
	CHECK(list("t?t", "", "vfs_[w]*", "", &c) == 1 &&
	      strcmp(c.names[0], "tst:vmlinux:vfs_write:entry") == 0,
	      "glob in every part");
	CHECK(list("", "", "", "BEGIN", &c) == 1 &&
	      strcmp(c.names[0], "dtrace:::BEGIN") == 0, "dtrace:::BEGIN");
	CHECK(list("dtrace", "", "", "", &c) == 3, "BEGIN, END, ERROR");
	CHECK(list("nope", "", "", "", &c) == 0, "unknown provider: none");
	{
		dtrace_probedesc_t pd;

		memset(&pd, 0, sizeof(pd));
		pd.id = a;
		memset(&c, 0, sizeof(c));
		dtrace_probe_iter(&pd, collect_one, &c);
		CHECK(c.n == 1 && strcmp(c.names[0],
					 "tst:vmlinux:vfs_read:entry") == 0,
		      "an exact id");
	}
	CHECK(dtrace_unregister(pv) == 0, "unregister");
	CHECK(list("tst", "", "", "", &c) == 0, "its probes are gone");
	CHECK(dtrace_probe_get(a) == NULL, "and their ids name nothing");
}

/* Many probes: the table grows and lookup by name stays exact. */
static void test_many(void)
{
	dtrace_provider_id_t pv;
	dtrace_id_t ids[20000];
	struct collect c;
	char func[32];
	int i, bad = 0;

	if (dtrace_register("many", &test_pops, NULL, &pv) != 0)
		return;
	for (i = 0; i < 20000; i++) {
		snprintf(func, sizeof(func), "f%d", i);
		ids[i] = dtrace_probe_create(pv, "m", func, "entry", 0, NULL);
	}
	for (i = 0; i < 20000; i++) {
		snprintf(func, sizeof(func), "f%d", i);
		if (ids[i] == 0 ||
		    dtrace_probe_lookup(pv, "m", func, "entry") != ids[i] ||
		    dtrace_probe_get(ids[i])->id != ids[i])
			bad++;
	}
	CHECK(bad == 0, "20000 probes created and found (%d bad)", bad);
	CHECK(list("many", "", "f1999?", "", &c) == 10, "f1999? in 10 (%d)",
	      c.n);
	CHECK(dtrace_unregister(pv) == 0, "unregister 20000 probes");
	CHECK(dtrace_probe_lookup(pv, "m", "f5", "entry") == 0,
	      "none found afterwards");
}

static void test_profile_names(void)
{
	struct collect c;

	CHECK(list("profile", "", "", "profile-997", &c) == 1,
	      "profile-997 created on demand");
	CHECK(list("profile", "", "", "tick-1s", &c) == 1, "tick-1s");
	CHECK(list("", "", "", "tick-250ms", &c) == 1, "tick-250ms");
	CHECK(list("", "", "", "tick-5000hz", &c) == 1, "tick-5000hz");
	CHECK(list("", "", "", "profile-3min", &c) == 1, "profile-3min");
	CHECK(list("", "", "", "tick-1d", &c) == 1, "tick-1d");
	CHECK(list("", "", "", "tick-10us", &c) == 0,
	      "tick-10us is faster than the 200us minimum");
	CHECK(list("", "", "", "tick-0", &c) == 0, "tick-0 is not a rate");
	CHECK(list("", "", "", "tick-5parsecs", &c) == 0, "bad unit");
	CHECK(list("", "", "", "tick-", &c) == 0, "no number");
	CHECK(list("profile", "", "", "tick-*", &c) >= 5,
	      "a glob lists the usual ticks (%d)", c.n);
	CHECK(list("profile", "", "", "profile-997", &c) == 1,
	      "profile-997 is not created twice");
}

int main(void)
{
	h_core_up();
	test_glob();
	test_iter();
	test_many();
	test_profile_names();
	return unit_summary();
}
