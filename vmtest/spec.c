/*
 * The matrix's dimensions as the command line gives them: --kernel SPEC
 * and --smp LIST.
 *
 * --kernel SPEC: a comma-separated list of terms, each resolved against
 * the catalog's kernels (never the hypervisor):
 *
 *   6.1.0-56-rt-amd64   an image name, exactly
 *   6.1  6.12.117       a version: every kernel whose version starts with
 *                       those parts (6.1 matches 6.1.0-56, not 6.12)
 *   6.1..6.12  ..5.4    an inclusive range of versions, either end open
 *   6.1.0-*-rt-*        a shell glob over image names
 *   rt-amd64            a flavour: every kernel of that flavour
 *
 * A version or range term may end in ":FLAVOUR" (":*" for all); without
 * it, it selects the "amd64" flavour of Debian kernels and every user
 * kernel.  A term that selects nothing is reported with what to add to the
 * catalog; the caller decides that an empty selection is "nothing to run".
 *
 * --smp LIST: comma-separated CPU counts (1,4), each 1..SMP_MAX, in the
 * order given, a repeated count once.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "vmtest.h"

/* The kernel series a range can name, as version parts (2.6.x, then M.m). */
static const struct {
	int major, first, last;
} series_spans[] = {
	{ 2, 0, 39 },	/* 2.6.0 .. 2.6.39 */
	{ 3, 0, 19 },
	{ 4, 0, 20 },
	{ 5, 0, 19 },
	{ 6, 0, 20 },
};

static int selection_add(struct selection *sel, const struct image *img)
{
	for (size_t i = 0; i < sel->n; i++)
		if (sel->images[i] == img)
			return 0;
	const struct image **v = realloc(sel->images,
					  (sel->n + 1) * sizeof(*v));
	if (!v)
		return -1;
	sel->images = v;
	sel->images[sel->n++] = img;
	return 1;
}

static bool flavour_ok(const struct image *img, const char *flavour)
{
	if (flavour)
		return !strcmp(flavour, "*") || !strcmp(flavour, img->flavour);
	return img->user || !strcmp(img->flavour, "amd64");
}

static bool in_range(const struct image *img, const int *lo, int nlo,
		     const int *hi, int nhi)
{
	if (nlo > 0 && version_cmp_prefix(img->ver, img->nver, lo, nlo) < 0)
		return false;
	if (nhi > 0 && version_cmp_prefix(img->ver, img->nver, hi, nhi) > 0)
		return false;
	return true;
}

static bool series_covered(const struct catalog *cat, const int *s, int ns)
{
	for (size_t i = 0; i < cat->n; i++) {
		const struct image *img = &cat->images[i];

		if (img->kind == IMAGE_KERNEL &&
		    !version_cmp_prefix(img->ver, img->nver, s, ns))
			return true;
	}
	return false;
}

/* Print the kernel series inside lo..hi that no catalog kernel covers. */
static size_t report_missing_series(const struct catalog *cat,
				    const int *lo, int nlo, const int *hi,
				    int nhi, FILE *errf)
{
	size_t missing = 0;

	for (size_t i = 0; i < sizeof(series_spans) / sizeof(*series_spans);
	     i++) {
		for (int m = series_spans[i].first; m <= series_spans[i].last;
		     m++) {
			int s[3] = { series_spans[i].major, m, 0 };
			int ns = 2;
			struct image probe = { 0 };

			if (s[0] == 2) {
				s[1] = 6;
				s[2] = m;
				ns = 3;
			}
			memcpy(probe.ver, s, sizeof(s));
			probe.nver = ns;
			if (!in_range(&probe, lo, nlo, hi, nhi) ||
			    series_covered(cat, s, ns))
				continue;
			if (!missing++)
				fprintf(errf, "vmtest: no kernel in the "
					"catalog for:");
			if (ns == 3)
				fprintf(errf, " %d.%d.%d", s[0], s[1], s[2]);
			else
				fprintf(errf, " %d.%d", s[0], s[1]);
		}
	}
	if (missing)
		fputc('\n', errf);
	return missing;
}

static void explain_how_to_add(FILE *errf)
{
	fprintf(errf, "vmtest: to add a kernel you built, put a line in "
		"images/catalog.local (or a file named by VMTEST_CATALOG):\n"
		"  NAME VERSION FLAVOUR user:kernel=BZIMAGE,modules=DIR"
		"[,headers=DIR]\n"
		"vmtest: Debian offers only 6.1 and 6.12 here "
		"(apt-cache search linux-image-6); see docs/vmtest.md\n");
}

static int resolve_range(const struct catalog *cat, const char *base,
			 const char *flavour, struct selection *sel,
			 FILE *errf, size_t *added)
{
	const char *dots = strstr(base, "..");
	char lo_s[128] = "", hi_s[128] = "";
	int lo[VERSION_MAX_PARTS], hi[VERSION_MAX_PARTS], nlo = 0, nhi = 0;

	snprintf(lo_s, sizeof(lo_s), "%.*s", (int)(dots - base), base);
	snprintf(hi_s, sizeof(hi_s), "%s", dots + 2);
	if ((*lo_s && (nlo = version_parse(lo_s, lo, VERSION_MAX_PARTS)) < 1) ||
	    (*hi_s && (nhi = version_parse(hi_s, hi, VERSION_MAX_PARTS)) < 1)) {
		fprintf(errf, "vmtest: bad range '%s': expected "
			"VERSION..VERSION (6.1..6.12, 2.6.18..3.5)\n", base);
		return -1;
	}
	for (size_t i = 0; i < cat->n; i++) {
		const struct image *img = &cat->images[i];

		if (img->kind == IMAGE_KERNEL && flavour_ok(img, flavour) &&
		    in_range(img, lo, nlo, hi, nhi))
			*added += selection_add(sel, img) > 0;
	}
	if (report_missing_series(cat, lo, nlo, hi, nhi, errf) && !*added)
		explain_how_to_add(errf);
	return 0;
}

static int resolve_term(const struct catalog *cat, char *term,
			struct selection *sel, FILE *errf)
{
	char *flavour = strrchr(term, ':');
	size_t added = 0;
	int ver[VERSION_MAX_PARTS], nver;

	if (flavour)
		*flavour++ = 0;
	for (size_t i = 0; i < cat->n; i++) {
		const struct image *img = &cat->images[i];

		if (img->kind != IMAGE_KERNEL)
			continue;
		if (!strcmp(img->name, term) ||
		    (!flavour && !strcmp(img->flavour, term)) ||
		    (strpbrk(term, "*?[") && !fnmatch(term, img->name, 0) &&
		     (!flavour || flavour_ok(img, flavour))))
			added += selection_add(sel, img) > 0;
	}
	if (strstr(term, "..")) {
		if (resolve_range(cat, term, flavour, sel, errf, &added))
			return -1;
	} else if (!added &&
		   (nver = version_parse(term, ver, VERSION_MAX_PARTS)) > 0) {
		for (size_t i = 0; i < cat->n; i++) {
			const struct image *img = &cat->images[i];

			if (img->kind == IMAGE_KERNEL &&
			    flavour_ok(img, flavour) &&
			    !version_cmp_prefix(img->ver, img->nver, ver, nver))
				added += selection_add(sel, img) > 0;
		}
		if (!added && (nver > 2 || ver[0] < 6))
			explain_how_to_add(errf);
	}
	if (!added)
		fprintf(errf, "vmtest: '%s%s%s' selects no kernel in the "
			"catalog (vmtest list shows it)\n", term,
			flavour ? ":" : "", flavour ? flavour : "");
	return 0;
}

/*
 * Returns 0 with the kernels in sel (in catalog order per term, without
 * duplicates), -1 on a malformed spec.  An empty selection is not an
 * error here.
 */
int spec_resolve(const struct catalog *cat, const char *spec,
		 struct selection *sel, FILE *errf)
{
	char *copy = strdup(spec), *save = NULL, *term;
	int rc = 0;

	sel->images = NULL;
	sel->n = 0;
	if (!copy)
		return -1;
	for (term = strtok_r(copy, ",", &save); term && !rc;
	     term = strtok_r(NULL, ",", &save))
		rc = resolve_term(cat, term, sel, errf);
	free(copy);
	return rc;
}

void selection_free(struct selection *sel)
{
	free(sel->images);
	sel->images = NULL;
	sel->n = 0;
}

/*
 * Returns how many CPU counts LIST holds (into smps), or 0 with the
 * problem on errf.
 */
size_t smp_list_parse(const char *list, int *smps, size_t max, FILE *errf)
{
	const char *p = list;
	size_t n = 0;

	for (;;) {
		char *end;
		long v = strtol(p, &end, 10);
		size_t i;

		if (end == p || (*end && *end != ',') || *p == '-' ||
		    *p == '+' || *p == ' ' || v < 1 || v > SMP_MAX) {
			fprintf(errf, "vmtest: --smp '%s': '%.*s' is not a CPU "
				"count (want numbers 1..%d, comma-separated: "
				"1,4)\n", list, (int)strcspn(p, ","), p,
				SMP_MAX);
			return 0;
		}
		for (i = 0; i < n && smps[i] != v; i++)
			;
		if (i == n) {
			if (n == max) {
				fprintf(errf, "vmtest: --smp '%s': more than "
					"%zu CPU counts\n", list, max);
				return 0;
			}
			smps[n++] = (int)v;
		}
		if (!*end)
			return n;
		p = end + 1;
	}
}
