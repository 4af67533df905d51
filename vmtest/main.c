/*
 * vmtest: the command line.
 *
 *   vmtest list
 *   vmtest run --kernel SPEC [--hv bare,xen] [--smp N,...] [--jobs N]
 *              [--timeout S] [--boot-timeout S] [--json FILE]
 *              [--results DIR] [--no-module] [-- CMD...]
 *   vmtest shell --kernel NAME [--hv bare|xen] [--smp N] [--no-module]
 *
 * run: every kernel of SPEC under every hypervisor of --hv with every CPU
 * count of --smp is a cell; missing images are fetched first (one at a
 * time, with progress), then cells run in parallel (schedule.c).
 * Exit status: 0 all cells green, 1 some cell not green, 2 usage or setup
 * error, 3 nothing to run.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vmtest.h"

struct options {
	const char *spec;
	const char *hvs;
	const char *smps;
	const char *json;
	const char *results;
	int jobs, timeout, boot_timeout;
	bool no_module;
};

static void usage(FILE *f)
{
	fputs("usage: vmtest list\n"
	      "       vmtest run --kernel SPEC [--hv bare,xen] [--smp N,...] "
	      "[--jobs N]\n"
	      "                  [--timeout S] [--boot-timeout S] "
	      "[--json FILE] [--results DIR]\n"
	      "                  [--no-module]\n"
	      "                  [-- CMD...]\n"
	      "       vmtest shell --kernel NAME [--hv bare|xen] [--smp N] "
	      "[--no-module]\n"
	      "SPEC: names, versions (6.1), ranges (6.1..6.12, 2.6.18..3.5),"
	      " globs (6.1.0-*),\n"
	      "      flavours (rt-amd64), comma-separated; VERSION:FLAVOUR "
	      "picks a flavour.\n"
	      "--smp: the guests' CPU counts, comma-separated (1,4): every "
	      "kernel x hv x count\n"
	      "      is a cell; cells with more than 1 CPU are named "
	      "KERNEL/HV/smpN.\n"
	      "--jobs: cells at a time; by default as many as the host's "
	      "cores (one per guest\n"
	      "      CPU) and memory allow.\n"
	      "See docs/vmtest.md.\n", f);
}

/* The repository: build/vmtest lives in REPO/build. */
static void find_dirs(char *repo, size_t len, char *images, size_t ilen)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("VMTEST_IMAGES");

	if (n > 0) {
		exe[n] = 0;
		snprintf(repo, len, "%s", dirname(dirname(exe)));
	} else {
		snprintf(repo, len, ".");
	}
	if (access(repo, F_OK) || strcmp(repo, "/") == 0)
		snprintf(repo, len, ".");
	if (env && *env)
		snprintf(images, ilen, "%s", env);
	else
		snprintf(images, ilen, "%s/images", repo);
}

static int load_catalog(struct catalog *cat, const char *images)
{
	char path[4200];
	const char *env = getenv("VMTEST_CATALOG");
	int bad = 0;

	snprintf(path, sizeof(path), "%s/catalog", images);
	if (access(path, R_OK)) {
		fprintf(stderr, "vmtest: cannot read %s (set VMTEST_IMAGES to "
			"the images/ directory)\n", path);
		return -1;
	}
	bad |= catalog_load_file(cat, path, stderr);
	snprintf(path, sizeof(path), "%s/catalog.local", images);
	bad |= catalog_load_file(cat, path, stderr);
	if (env && *env) {
		char *copy = strdup(env), *save = NULL;

		for (char *p = strtok_r(copy, ":", &save); p;
		     p = strtok_r(NULL, ":", &save)) {
			if (access(p, R_OK)) {
				fprintf(stderr, "vmtest: VMTEST_CATALOG: "
					"cannot read %s\n", p);
				bad = -1;
			}
			bad |= catalog_load_file(cat, p, stderr);
		}
		free(copy);
	}
	return bad ? -1 : 0;
}

static int cmd_list(const struct catalog *cat)
{
	printf("%-28s %-10s %-12s %-7s %s\n", "NAME", "VERSION", "FLAVOUR",
	       "CACHED", "SOURCE");
	for (size_t i = 0; i < cat->n; i++) {
		const struct image *img = &cat->images[i];

		printf("%-28s %-10s %-12s %-7s %s\n", img->name, img->version,
		       img->flavour, image_cached(img) ? "yes" : "no",
		       img->source);
	}
	printf("cache: %s\n", cache_dir());
	return 0;
}

static char *join_command(char **argv, int argc)
{
	size_t len = 1;
	char *s, *p;

	for (int i = 0; i < argc; i++)
		len += 4 * strlen(argv[i]) + 3;
	s = p = malloc(len);
	if (!s)
		return NULL;
	for (int i = 0; i < argc; i++) {
		if (i)
			*p++ = ' ';
		*p++ = '\'';
		for (const char *q = argv[i]; *q; q++) {
			if (*q == '\'') {
				memcpy(p, "'\\''", 4);
				p += 4;
			} else {
				*p++ = *q;
			}
		}
		*p++ = '\'';
	}
	*p = 0;
	return s;
}

static int write_report(const char *path, int (*fn)(FILE *, struct cell *,
						      size_t),
			struct cell *cells, size_t n)
{
	FILE *f = fopen(path, "w");
	int rc;

	if (!f) {
		fprintf(stderr, "vmtest: cannot write %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	rc = fn(f, cells, n);
	return fclose(f) || rc ? -1 : 0;
}

static int write_json(const char *path, const struct run_config *cfg,
		      struct cell *cells, size_t n)
{
	FILE *f = fopen(path, "w");
	int rc;

	if (!f) {
		fprintf(stderr, "vmtest: cannot write %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	rc = report_json(f, cfg, cells, n);
	return fclose(f) || rc ? -1 : 0;
}

static int parse_hvs(const char *list, bool hv[2])
{
	char *copy = strdup(list), *save = NULL;
	int bad = 0;

	hv[HV_BARE] = hv[HV_XEN] = false;
	for (char *p = strtok_r(copy, ",", &save); p;
	     p = strtok_r(NULL, ",", &save)) {
		if (!strcmp(p, "bare")) {
			hv[HV_BARE] = true;
		} else if (!strcmp(p, "xen")) {
			hv[HV_XEN] = true;
		} else {
			fprintf(stderr, "vmtest: unknown hypervisor '%s' "
				"(bare, xen)\n", p);
			bad = 1;
		}
	}
	free(copy);
	return bad || (!hv[HV_BARE] && !hv[HV_XEN]) ? -1 : 0;
}

/* Fetch what the cells need; a failure marks the cells that need it. */
static void fetch_images(struct cell *cells, size_t n,
			 const struct run_config *cfg)
{
	bool xen_failed = false, xen_tried = false;
	char why[200];

	for (size_t i = 0; i < n; i++) {
		struct cell *c = &cells[i];
		bool done_before = false;

		for (size_t j = 0; j < i; j++)
			if (cells[j].kernel == c->kernel)
				done_before = true;
		/* fetch is quick for a cached image (it refreshes the
		 * initramfs when images/ changed). */
		if (!done_before && image_fetch(c->kernel, cfg->images_dir)) {
			fprintf(stderr, "vmtest: fetching %s failed\n",
				c->kernel->name);
		}
		if (!image_cached(c->kernel)) {
			c->outcome = OUT_INFRA;
			snprintf(c->reason, sizeof(c->reason), "image %s is "
				 "not in the cache: images/fetch %s failed",
				 c->kernel->name, c->kernel->name);
			continue;
		}
		if (image_lacks_host_access(c->kernel, why, sizeof(why))) {
			c->outcome = OUT_SKIP;
			snprintf(c->reason, sizeof(c->reason), "kernel %s "
				 "lacks %s, so the guest cannot mount the host "
				 "tree over 9p", c->kernel->name, why);
			continue;
		}
		if (c->hv != HV_XEN)
			continue;
		if (!cfg->xen) {
			c->outcome = OUT_SKIP;
			snprintf(c->reason, sizeof(c->reason), "no Xen "
				 "hypervisor in the catalog");
			continue;
		}
		if (!xen_tried) {
			xen_tried = true;
			xen_failed = image_fetch(cfg->xen, cfg->images_dir);
		}
		if (xen_failed || !image_cached(cfg->xen)) {
			c->outcome = OUT_INFRA;
			snprintf(c->reason, sizeof(c->reason), "cannot fetch "
				 "%s", cfg->xen->name);
		}
	}
}

static void default_results_dir(char *buf, size_t len, const char *repo)
{
	time_t t = time(NULL);
	struct tm tm;
	char stamp[32];

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(buf, len, "%s/build/vmtest-results/%s-%d", repo, stamp,
		 (int)getpid());
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "hv", required_argument, NULL, 'H' },
		{ "smp", required_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "boot-timeout", required_argument, NULL, 'b' },
		{ "json", required_argument, NULL, 'J' },
		{ "results", required_argument, NULL, 'r' },
		{ "no-module", no_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "+k:H:s:j:t:b:J:r:Mh", longopts,
				 NULL)) != -1) {
		switch (ch) {
		case 'k': o->spec = optarg; break;
		case 'H': o->hvs = optarg; break;
		case 's': o->smps = optarg; break;
		case 'j': o->jobs = atoi(optarg); break;
		case 't': o->timeout = atoi(optarg); break;
		case 'b': o->boot_timeout = atoi(optarg); break;
		case 'J': o->json = optarg; break;
		case 'r': o->results = optarg; break;
		case 'M': o->no_module = true; break;
		case 'h': usage(stdout); exit(0);
		default: return -1;
		}
	}
	if (!o->spec) {
		fprintf(stderr, "vmtest: --kernel SPEC is required\n");
		return -1;
	}
	if (o->timeout < 1 || o->boot_timeout < 1 || o->jobs < 0) {
		fprintf(stderr, "vmtest: --timeout and --boot-timeout must be "
			"positive\n");
		return -1;
	}
	return 0;
}

/* Kernels, then hypervisors, then CPU counts, in the order given. */
static size_t make_cells(const struct selection *sel, const bool hv[2],
			 const struct run_config *cfg, struct cell **out)
{
	struct cell *cells = calloc(sel->n * 2 * cfg->nsmps, sizeof(*cells));
	size_t n = 0;

	for (size_t i = 0; cells && i < sel->n; i++) {
		for (int h = 0; h < 2; h++) {
			if (!hv[h])
				continue;
			for (size_t k = 0; k < cfg->nsmps; k++)
				cell_init(&cells[n++], sel->images[i], h,
					  cfg->smps[k], cfg->results_dir);
		}
	}
	*out = cells;
	return n;
}

static void print_summary(const struct run_config *cfg, struct cell *cells,
			  size_t n, const char *json)
{
	size_t count[OUT_INFRA + 1] = { 0 };

	putchar('\n');
	report_table(stdout, cells, n);
	for (size_t i = 0; i < n; i++) {
		count[cells[i].outcome]++;
		if (!outcome_green(cells[i].outcome))
			printf("%s: %s: %s\n", cells[i].id,
			       outcome_name(cells[i].outcome), cells[i].reason);
	}
	printf("results: %s (results.json, results.tap, junit.xml%s%s)\n",
	       cfg->results_dir, json ? ", " : "", json ? json : "");
	printf("vmtest: %zu cells:", n);
	for (int o = 0; o <= OUT_INFRA; o++)
		if (count[o])
			printf(" %zu %s", count[o], outcome_name(o));
	putchar('\n');
}

static int cmd_run(int argc, char **argv, const struct catalog *cat,
		   struct run_config *cfg, bool shell)
{
	struct options o = { .hvs = "bare", .smps = "1", .timeout = 600,
			     .boot_timeout = 180 };
	char results[4096], cwd[2048], path[8192];
	int smps[SMP_LIST_MAX];
	struct selection sel;
	struct cell *cells;
	bool hv[2];
	size_t n, green = 0;

	if (parse_options(argc, argv, &o) || parse_hvs(o.hvs, hv)) {
		usage(stderr);
		return 2;
	}
	cfg->nsmps = smp_list_parse(o.smps, smps, SMP_LIST_MAX, stderr);
	if (cfg->nsmps == 0)
		return 2;
	cfg->smps = smps;
	if (spec_resolve(cat, o.spec, &sel, stderr))
		return 2;
	if (!sel.n) {
		fprintf(stderr, "vmtest: nothing to run for --kernel %s\n",
			o.spec);
		return 3;
	}
	if (!getcwd(cwd, sizeof(cwd)))
		return 2;
	cfg->cwd = cwd;
	cfg->no_module = o.no_module;
	cfg->timeout = o.timeout;
	cfg->boot_timeout = o.boot_timeout;
	cfg->argv = argv + optind;
	cfg->argc = argc - optind;
	cfg->command = cfg->argc ? join_command(cfg->argv, cfg->argc) : NULL;
	cfg->xen = catalog_xen(cat);
	if (o.results)
		snprintf(results, sizeof(results), "%s", o.results);
	else if (getenv("VMTEST_RESULTS"))
		snprintf(results, sizeof(results), "%s",
			 getenv("VMTEST_RESULTS"));
	else
		default_results_dir(results, sizeof(results), cfg->repo_dir);
	if (results[0] != '/') {	/* the guest needs an absolute path */
		snprintf(path, sizeof(path), "%s/%s", cwd, results);
		snprintf(results, sizeof(results), "%.4000s", path);
	}
	if (strpbrk(results, " ,\t\n'")) {
		/* It goes on the guest's kernel command line and into
		 * QEMU's comma-separated options. */
		fprintf(stderr, "vmtest: the results directory '%s' must not "
			"hold blanks, commas or quotes (use --results DIR)\n",
			results);
		return 2;
	}
	cfg->results_dir = results;
	if (mkdir_p(results)) {
		fprintf(stderr, "vmtest: cannot create %s: %s\n", results,
			strerror(errno));
		return 2;
	}
	n = make_cells(&sel, hv, cfg, &cells);
	selection_free(&sel);
	if (shell && n != 1) {
		fprintf(stderr, "vmtest: shell needs exactly one kernel, one "
			"hypervisor and one CPU count; '%s' under '%s' with "
			"--smp %s gives %zu cells\n", o.spec, o.hvs, o.smps, n);
		return 2;
	}
	fetch_images(cells, n, cfg);
	for (size_t i = 0; i < n && !cfg->kvm; i++)
		if (cells[i].outcome == OUT_PASS)
			cfg->kvm = kvm_usable(cells[i].kernel);
	fprintf(stderr, "vmtest: accelerator %s%s\n", cfg->kvm ? "kvm" : "tcg",
		cfg->kvm ? "" : " (KVM unusable or disabled; VMTEST_ACCEL=kvm "
		"forces it)");
	if (shell) {
		if (cells[0].outcome != OUT_PASS) {
			fprintf(stderr, "vmtest: %s\n", cells[0].reason);
			return 2;
		}
		return cell_shell(&cells[0], cfg) ? 1 : 0;
	}

	run_cells(cells, n, cfg, o.jobs);

	snprintf(path, sizeof(path), "%s/results.json", results);
	write_json(path, cfg, cells, n);
	if (o.json)
		write_json(o.json, cfg, cells, n);
	snprintf(path, sizeof(path), "%s/results.tap", results);
	write_report(path, report_tap, cells, n);
	snprintf(path, sizeof(path), "%s/junit.xml", results);
	write_report(path, report_junit, cells, n);
	print_summary(cfg, cells, n, o.json);
	for (size_t i = 0; i < n; i++) {
		green += outcome_green(cells[i].outcome);
		agent_report_free(&cells[i].agent);
	}
	free(cells);
	free(cfg->command);
	return green == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	char repo[2048], images[4096];
	struct catalog cat = { 0 };
	struct run_config cfg = { 0 };
	int rc;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	find_dirs(repo, sizeof(repo), images, sizeof(images));
	cfg.repo_dir = repo;
	cfg.images_dir = images;
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (load_catalog(&cat, images)) {
		catalog_free(&cat);
		return 2;
	}
	if (!strcmp(argv[1], "list"))
		rc = cmd_list(&cat);
	else if (!strcmp(argv[1], "run") || !strcmp(argv[1], "shell"))
		rc = cmd_run(argc - 1, argv + 1, &cat, &cfg,
			     !strcmp(argv[1], "shell"));
	else {
		fprintf(stderr, "vmtest: unknown command '%s'\n", argv[1]);
		usage(stderr);
		rc = 2;
	}
	catalog_free(&cat);
	return rc;
}
