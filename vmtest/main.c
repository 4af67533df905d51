/*
 * vmtest: the command line.
 *
 *   vmtest list
 *   vmtest run --kernel SPEC [--hv bare,xen] [--smp N] [--jobs N]
 *              [--timeout S] [--boot-timeout S] [--json FILE]
 *              [--results DIR] [--no-module] [-- CMD...]
 *   vmtest shell --kernel NAME [--hv bare|xen] [--no-module]
 *
 * run: every kernel of SPEC under every hypervisor of --hv is a cell;
 * missing images are fetched first (one at a time, with progress), then
 * cells run in parallel, each in a worker thread that owns one QEMU.
 * Exit status: 0 all cells green, 1 some cell not green, 2 usage or setup
 * error, 3 nothing to run.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vmtest.h"

#define CELL_MEM_MB_BARE	1300	/* guest RAM plus QEMU's own */
#define CELL_MEM_MB_XEN		1900

struct options {
	const char *spec;
	const char *hvs;
	const char *json;
	const char *results;
	int smp, jobs, timeout, boot_timeout;
	bool no_module;
};

static void usage(FILE *f)
{
	fputs("usage: vmtest list\n"
	      "       vmtest run --kernel SPEC [--hv bare,xen] [--smp N] "
	      "[--jobs N]\n"
	      "                  [--timeout S] [--boot-timeout S] "
	      "[--json FILE] [--results DIR]\n"
	      "                  [--no-module]\n"
	      "                  [-- CMD...]\n"
	      "       vmtest shell --kernel NAME [--hv bare|xen] "
	      "[--no-module]\n"
	      "SPEC: names, versions (6.1), ranges (6.1..6.12, 2.6.18..3.5),"
	      " globs (6.1.0-*),\n"
	      "      flavours (rt-amd64), comma-separated; VERSION:FLAVOUR "
	      "picks a flavour.\n"
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

static long mem_available_mb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb < 0 ? -1 : kb / 1024;
}

/* As many cells as cores (each TCG vCPU is a thread) and memory allow. */
static int auto_jobs(int smp, bool xen)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	long mem = mem_available_mb();
	long by_cpu = cpus / (smp > 0 ? smp : 1);
	long by_mem = mem / (xen ? CELL_MEM_MB_XEN : CELL_MEM_MB_BARE);
	long jobs = by_cpu < by_mem || mem < 0 ? by_cpu : by_mem;

	return jobs < 1 ? 1 : (int)jobs;
}

struct scheduler {
	pthread_mutex_t lock;
	struct cell *cells;
	size_t n, next, finished;
	const struct run_config *cfg;
};

static void *worker(void *arg)
{
	struct scheduler *s = arg;

	for (;;) {
		struct cell *c;

		pthread_mutex_lock(&s->lock);
		if (s->next == s->n) {
			pthread_mutex_unlock(&s->lock);
			return NULL;
		}
		c = &s->cells[s->next++];
		if (c->outcome == OUT_PASS)
			fprintf(stderr, "vmtest: [start] %s\n", c->id);
		pthread_mutex_unlock(&s->lock);

		/* Cells set up as skip or infra error do not boot. */
		if (c->outcome == OUT_PASS)
			cell_run(c, s->cfg);

		pthread_mutex_lock(&s->lock);
		s->finished++;
		fprintf(stderr, "vmtest: [%zu/%zu] %s: %s%s%s (%.1fs)\n",
			s->finished, s->n, c->id, outcome_name(c->outcome),
			c->reason[0] ? ": " : "", c->reason, c->seconds);
		pthread_mutex_unlock(&s->lock);
	}
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
		case 's': o->smp = atoi(optarg); break;
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
	if (o->smp < 1 || o->timeout < 1 || o->boot_timeout < 1 ||
	    o->jobs < 0) {
		fprintf(stderr, "vmtest: --smp, --timeout and --boot-timeout "
			"must be positive\n");
		return -1;
	}
	return 0;
}

static size_t make_cells(const struct selection *sel, const bool hv[2],
			 const char *results, struct cell **out)
{
	struct cell *cells = calloc(sel->n * 2, sizeof(*cells));
	size_t n = 0;

	for (size_t i = 0; cells && i < sel->n; i++) {
		for (int h = 0; h < 2; h++) {
			struct cell *c = &cells[n];

			if (!hv[h])
				continue;
			c->kernel = sel->images[i];
			c->hv = h;
			c->outcome = OUT_PASS;	/* "to run", until it ran */
			snprintf(c->id, sizeof(c->id), "%s/%s",
				 c->kernel->name, hv_name(h));
			snprintf(c->dir, sizeof(c->dir), "%.2048s/%.512s-%s",
				 results, c->kernel->name, hv_name(h));
			n++;
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
	struct options o = { .hvs = "bare", .smp = 1, .timeout = 600,
			     .boot_timeout = 180 };
	char results[4096], cwd[2048], path[8192];
	struct selection sel;
	struct cell *cells;
	bool hv[2];
	size_t n, green = 0;

	if (parse_options(argc, argv, &o) || parse_hvs(o.hvs, hv)) {
		usage(stderr);
		return 2;
	}
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
	cfg->smp = o.smp;
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
	n = make_cells(&sel, hv, results, &cells);
	selection_free(&sel);
	if (shell && n != 1) {
		fprintf(stderr, "vmtest: shell needs exactly one kernel and "
			"one hypervisor; '%s' under '%s' gives %zu\n", o.spec,
			o.hvs, n);
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

	struct scheduler s = { PTHREAD_MUTEX_INITIALIZER, cells, n, 0, 0,
			       cfg };
	int jobs = o.jobs ? o.jobs : auto_jobs(o.smp, hv[HV_XEN]);
	pthread_t threads[64];

	if (jobs > 64)
		jobs = 64;
	if ((size_t)jobs > n)
		jobs = n;
	fprintf(stderr, "vmtest: %zu cells, %d at a time, results in %s\n", n,
		jobs, results);
	for (int i = 0; i < jobs; i++)
		pthread_create(&threads[i], NULL, worker, &s);
	for (int i = 0; i < jobs; i++)
		pthread_join(threads[i], NULL);

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
