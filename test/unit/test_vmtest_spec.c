/*
 * vmtest's catalog, --kernel SPEC resolution and --smp LIST, without
 * booting anything.
 * The vmtest sources are compiled in directly: build/vmtest is a program,
 * not a library.
 */
#include "../../vmtest/catalog.c"
#include "../../vmtest/spec.c"
#include "unit.h"

#include <stdarg.h>

static const char *const catalog_lines[] = {
	"# comment, then a blank line",
	"",
	"6.1.0-56-amd64        6.1.0-56  amd64       debian:linux-image-6.1.0-56-amd64",
	"6.1.0-56-rt-amd64     6.1.0-56  rt-amd64    debian:linux-image-6.1.0-56-rt-amd64",
	"6.1.0-50-amd64        6.1.0-50  amd64       debian:linux-image-6.1.0-50-amd64",
	"6.12.117+deb12-amd64  6.12.117  amd64       debian:linux-image-6.12.117+deb12-amd64",
	"6.12.117+deb12-cloud-amd64 6.12.117 cloud-amd64 debian:linux-image-6.12.117+deb12-cloud-amd64",
	"xen-4.17              4.17      hypervisor  debian:xen-hypervisor-4.17-amd64",
	"3.2.102-mine          3.2.102   custom      user:kernel=/k/bzImage,modules=/k/lib/modules/3.2.102,headers=/k",
};

static void load(struct catalog *cat)
{
	char err[256];

	for (size_t i = 0; i < sizeof(catalog_lines) / sizeof(*catalog_lines);
	     i++)
		CHECK(catalog_add_line(cat, catalog_lines[i], err,
				       sizeof(err)) >= 0,
		      "catalog line %zu rejected: %s", i, err);
}

/* The names SPEC selects, comma-joined, into out. */
static void resolve(const struct catalog *cat, const char *spec, char *out,
		    size_t len, char *msgs, size_t msglen)
{
	struct selection sel;
	FILE *errf = fmemopen(msgs, msglen, "w");

	out[0] = 0;
	if (spec_resolve(cat, spec, &sel, errf)) {
		snprintf(out, len, "ERROR");
		fclose(errf);
		return;
	}
	fclose(errf);
	for (size_t i = 0; i < sel.n; i++) {
		if (i)
			strncat(out, ",", len - strlen(out) - 1);
		strncat(out, sel.images[i]->name, len - strlen(out) - 1);
	}
	selection_free(&sel);
}

static void expect(const struct catalog *cat, const char *spec,
		   const char *want)
{
	char got[1024], msgs[4096] = "";

	resolve(cat, spec, got, sizeof(got), msgs, sizeof(msgs));
	CHECK(!strcmp(got, want), "spec '%s': got '%s', want '%s'", spec, got,
	      want);
}

static void test_versions(void)
{
	int v[8], n;

	n = version_parse("6.1.0-56", v, 8);
	CHECK(n == 4 && v[0] == 6 && v[1] == 1 && v[2] == 0 && v[3] == 56,
	      "6.1.0-56 parsed as %d parts", n);
	n = version_parse("6.12.117+deb12", v, 8);
	CHECK(n == 3 && v[2] == 117, "6.12.117+deb12 parsed as %d parts", n);
	CHECK(version_parse("amd64", v, 8) < 0, "amd64 is not a version");

	int a[] = { 6, 12, 117 }, lo[] = { 6, 1 }, hi[] = { 6, 12 };

	CHECK(version_cmp_prefix(a, 3, lo, 2) > 0, "6.12.117 > 6.1");
	CHECK(version_cmp_prefix(a, 3, hi, 2) == 0, "6.12.117 within 6.12");
}

static void test_catalog_errors(void)
{
	struct catalog cat = { 0 };
	char err[256];

	load(&cat);
	CHECK(cat.n == 7, "7 images loaded, got %zu", cat.n);
	CHECK(catalog_add_line(&cat, "6.1.0-56-amd64 6.1 amd64 debian:x",
			       err, sizeof(err)) < 0 && strstr(err, "already"),
	      "duplicate name accepted");
	CHECK(catalog_add_line(&cat, "a b c", err, sizeof(err)) < 0,
	      "three fields accepted");
	CHECK(catalog_add_line(&cat, "k 3.0 x user:kernel=/bz", err,
			       sizeof(err)) < 0 && strstr(err, "modules"),
	      "user entry without modules= accepted");
	CHECK(catalog_add_line(&cat, "k 3.0 x ftp:foo", err,
			       sizeof(err)) < 0, "unknown source accepted");
	CHECK(catalog_xen(&cat) && !strcmp(catalog_xen(&cat)->name,
					   "xen-4.17"), "xen image not found");

	const struct image *u = &cat.images[6];

	CHECK(u->user && u->user_kernel && !strcmp(u->user_kernel, "/k/bzImage")
	      && !strcmp(u->user_modules, "/k/lib/modules/3.2.102") &&
	      !strcmp(u->user_headers, "/k"), "user entry fields");
	catalog_free(&cat);
}

static void test_specs(void)
{
	struct catalog cat = { 0 };
	char got[1024], msgs[4096];

	load(&cat);
	expect(&cat, "6.1.0-56-rt-amd64", "6.1.0-56-rt-amd64");
	expect(&cat, "6.1", "6.1.0-56-amd64,6.1.0-50-amd64");
	expect(&cat, "6.1.0-56", "6.1.0-56-amd64");
	expect(&cat, "6.1.0-56:*", "6.1.0-56-amd64,6.1.0-56-rt-amd64");
	expect(&cat, "6.12", "6.12.117+deb12-amd64");
	expect(&cat, "6.1,6.12",
	       "6.1.0-56-amd64,6.1.0-50-amd64,6.12.117+deb12-amd64");
	expect(&cat, "6.1..6.12",
	       "6.1.0-56-amd64,6.1.0-50-amd64,6.12.117+deb12-amd64");
	expect(&cat, "6.2..6.12", "6.12.117+deb12-amd64");
	expect(&cat, "6.12..", "6.12.117+deb12-amd64");
	expect(&cat, "..5.4", "3.2.102-mine");
	expect(&cat, "6.1..6.12:cloud-amd64", "6.12.117+deb12-cloud-amd64");
	expect(&cat, "cloud-amd64", "6.12.117+deb12-cloud-amd64");
	expect(&cat, "6.1.0-*", "6.1.0-56-amd64,6.1.0-56-rt-amd64,"
	       "6.1.0-50-amd64");
	expect(&cat, "6.1.0-5?-amd64", "6.1.0-56-amd64,6.1.0-50-amd64");
	expect(&cat, "6.1,6.1.0-56-amd64", "6.1.0-56-amd64,6.1.0-50-amd64");
	expect(&cat, "xen-4.17", "");
	expect(&cat, "6.1..x", "ERROR");

	/* A range the catalog cannot serve names what is missing. */
	resolve(&cat, "2.6.18..3.1", got, sizeof(got), msgs, sizeof(msgs));
	CHECK(!*got, "2.6.18..3.1 selected '%s'", got);
	CHECK(strstr(msgs, "2.6.18") && strstr(msgs, "2.6.39") &&
	      strstr(msgs, " 3.0") && strstr(msgs, " 3.1") &&
	      !strstr(msgs, "2.6.17") && !strstr(msgs, " 3.2"),
	      "missing series not listed: %s", msgs);
	CHECK(strstr(msgs, "catalog.local") && strstr(msgs, "user:kernel="),
	      "no advice on adding kernels: %s", msgs);

	/* 2.6.18..3.5 includes the user's 3.2 and lists the rest. */
	resolve(&cat, "2.6.18..3.5", got, sizeof(got), msgs, sizeof(msgs));
	CHECK(!strcmp(got, "3.2.102-mine"), "2.6.18..3.5 selected '%s'", got);
	CHECK(strstr(msgs, " 3.5") && !strstr(msgs, " 3.2 "),
	      "partially served range: %s", msgs);

	resolve(&cat, "4.19", got, sizeof(got), msgs, sizeof(msgs));
	CHECK(!*got && strstr(msgs, "selects no kernel"),
	      "4.19 selected '%s' (%s)", got, msgs);
	catalog_free(&cat);
}

/* The CPU counts LIST gives, comma-joined, or "ERROR: message". */
static void expect_smp(const char *list, const char *want)
{
	char got[600] = "", msgs[512] = "";
	FILE *errf = fmemopen(msgs, sizeof(msgs), "w");
	int smps[SMP_LIST_MAX];
	size_t n = smp_list_parse(list, smps, SMP_LIST_MAX, errf);

	fclose(errf);
	for (size_t i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%d",
			 i ? "," : "", smps[i]);
	if (!n)
		snprintf(got, sizeof(got), "ERROR: %s", msgs);
	CHECK(!strncmp(got, want, strlen(want)), "--smp '%s': got '%s', "
	      "want '%s'", list, got, want);
}

static void test_smp_lists(void)
{
	expect_smp("1", "1");
	expect_smp("1,4", "1,4");
	expect_smp("4,1", "4,1");
	expect_smp("2,2,1,2", "2,1");
	expect_smp("64", "64");
	expect_smp("", "ERROR: vmtest: --smp '': '' is not a CPU count "
		   "(want numbers 1..64, comma-separated: 1,4)");
	expect_smp("0", "ERROR: vmtest: --smp '0': '0' is not a CPU count");
	expect_smp("65", "ERROR: vmtest: --smp '65': '65' is not");
	expect_smp("1,,4", "ERROR: vmtest: --smp '1,,4': '' is not");
	expect_smp("1,", "ERROR: vmtest: --smp '1,': '' is not");
	expect_smp("1,four", "ERROR: vmtest: --smp '1,four': 'four' is not");
	expect_smp("4x", "ERROR: vmtest: --smp '4x': '4x' is not");
	expect_smp("-4", "ERROR: vmtest: --smp '-4': '-4' is not");
	expect_smp("1, 4", "ERROR: vmtest: --smp '1, 4': ' 4' is not");
	expect_smp("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17",
		   "ERROR: vmtest: --smp '1,2,3,4,5,6,7,8,9,10,11,12,13,14,"
		   "15,16,17': more than 16 CPU counts");
}

int main(void)
{
	test_versions();
	test_catalog_errors();
	test_specs();
	test_smp_lists();
	return unit_summary();
}
