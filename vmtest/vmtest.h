/*
 * vmtest: boot kernel x hypervisor matrices under QEMU (and Xen under QEMU)
 * and run a command in every guest.
 *
 * The parts, one file each:
 *   catalog.c   the image catalog (images/catalog and user files)
 *   spec.c      --kernel SPEC: names, globs, flavours, version ranges;
 *               --smp LIST
 *   cache.c     where images live on the host, fetching them
 *   agent.c     parsing the guest agent's records (virtio-serial port)
 *   selftest.c  judging the hypervisor layer's self-test a guest sent
 *   splat.c     finding oopses, BUGs, WARNINGs... in a kernel log
 *   qemu.c      the QEMU command line, the KVM probe
 *   cell.c      one cell: plan, boot, watchdog, outcome
 *   schedule.c  running cells in parallel within the host's cores and memory
 *   report.c    the terminal table, JSON, TAP, JUnit
 *   main.c      the command line
 */
#ifndef VMTEST_H
#define VMTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define VERSION_MAX_PARTS 8

enum image_kind {
	IMAGE_KERNEL,
	IMAGE_XEN,
};

struct image {
	char *name;
	char *version;
	char *flavour;
	char *source;		/* "debian:PKG" or "user:kernel=...,..." */
	enum image_kind kind;
	bool user;		/* a user-supplied kernel */
	char *user_kernel;	/* user: kernel=, modules=, headers= */
	char *user_modules;
	char *user_headers;
	int ver[VERSION_MAX_PARTS];
	int nver;
};

struct catalog {
	struct image *images;
	size_t n;
};

/* catalog.c */
int version_parse(const char *s, int *parts, int max);
int version_cmp_prefix(const int *a, int na, const int *b, int nb);
int catalog_add_line(struct catalog *cat, const char *line, char *err,
		     size_t errlen);
int catalog_load_file(struct catalog *cat, const char *path, FILE *errf);
const struct image *catalog_xen(const struct catalog *cat);
void catalog_free(struct catalog *cat);

/* spec.c */
struct selection {
	const struct image **images;
	size_t n;
};
int spec_resolve(const struct catalog *cat, const char *spec,
		 struct selection *sel, FILE *errf);
void selection_free(struct selection *sel);

#define SMP_MAX		64	/* CPUs a guest may have */
#define SMP_LIST_MAX	16	/* CPU counts in one --smp */
size_t smp_list_parse(const char *list, int *smps, size_t max, FILE *errf);

/* cache.c */
const char *cache_dir(void);
bool image_cached(const struct image *img);
int image_fetch(const struct image *img, const char *images_dir);
void image_paths(const struct image *img, char *kernel, char *initrd,
		 size_t len);
bool image_lacks_host_access(const struct image *img, char *why,
			     size_t len);
char *image_headers_dir(const struct image *img, const char *images_dir);

/* splat.c: one kernel-log report that fails a cell */
struct splat {
	const char *kind;	/* "oops", "BUG", "WARNING", "lockdep", ... */
	char line[200];		/* the log line that showed it */
};
size_t splat_scan(const char *log, size_t len, struct splat *out,
		  size_t max);

/*
 * agent.c: what the guest agent reported.
 *
 * A proc file the agent read after loading the module (/proc/dtrace/hv,
 * /proc/dtrace/hv-selftest): what the read printed, its exit status, and
 * whether it was still running after HV_READ_TIMEOUT seconds (a hung
 * self-test), in which case the agent gave up on it.
 */
#define HV_READ_TIMEOUT 30

struct agent_proc_read {
	bool sent;
	int status;
	bool timed_out;
	char *text;
	size_t len;
};

struct agent_report {
	bool hello;
	char release[128];
	int cpus;		/* CPUs the guest's kernel sees, 0 if unsaid */
	char hv_type[32];
	char xen_caps[64];
	char xen_guest_type[16];
	char xen_version[64];
	char module_state[8];	/* load, skip, fail, "" */
	char module_text[400];
	struct agent_proc_read hvinfo;
	struct agent_proc_read selftest;
	bool cmd_ran;
	int cmd_status;
	int cmd_seconds;
	bool cmd_killed;
	char *output;
	size_t output_len;
	char unload_state[8];
	char unload_text[400];
	char *dmesg;
	size_t dmesg_len;
	bool done;
};
void agent_parse(struct agent_report *r, const char *buf, size_t len);
void agent_report_free(struct agent_report *r);

/* selftest.c: the hv self-test's lines and the verdict on them */
enum selftest_result {
	SELFTEST_PASS,
	SELFTEST_FAIL,
	SELFTEST_UNSUPPORTED,
	SELFTEST_NRESULTS
};

#define SELFTEST_MAX_LINES 32	/* 4 ops x 2 paths, with room to spare */

struct selftest_line {
	char op[8];			/* trap, text, xcall, clock */
	char path[8];			/* api, raw */
	enum selftest_result result;
	char detail[512];
};

struct selftest {
	bool ran;			/* the module loaded, so it had to run */
	struct selftest_line lines[SELFTEST_MAX_LINES];
	size_t n;
	size_t count[SELFTEST_NRESULTS];	/* lines per result */
	char summary[200];		/* the final line, "" if missing */
	bool said_fail;			/* the final line says "fail" */
	int said[SELFTEST_NRESULTS];	/* the final line's counts */
	char problem[600];		/* why it fails the cell, or "" */
};

const char *selftest_result_name(enum selftest_result r);
void selftest_judge(struct selftest *st, const struct agent_report *a);
void selftest_brief(const struct selftest *st, char *buf, size_t len);

/* cell.c */
enum outcome {
	OUT_PASS,
	OUT_FAIL,
	OUT_SKIP,
	OUT_PANIC,
	OUT_BOOT_TIMEOUT,
	OUT_TEST_TIMEOUT,
	OUT_BOOT_FAILURE,
	OUT_INFRA,
};
const char *outcome_name(enum outcome o);

enum hv {
	HV_BARE,
	HV_XEN,
};
const char *hv_name(enum hv hv);

#define CELL_MAX_SPLATS 16

struct run_config {
	const char *images_dir;
	const char *results_dir;
	const char *repo_dir;		/* where `make module` runs */
	const char *cwd;
	char *command;			/* shell command line, or NULL */
	char **argv;			/* the command as given */
	int argc;
	const int *smps;		/* --smp: the CPU counts of the run */
	size_t nsmps;
	int timeout;			/* per command, seconds */
	int boot_timeout;		/* seconds until the agent's hello */
	bool kvm;
	bool no_module;			/* --no-module */
	const struct image *xen;
};

struct cell {
	const struct image *kernel;
	enum hv hv;
	int smp;			/* the guest's CPUs */
	char id[200];
	char dir[4096];
	enum outcome outcome;
	char reason[600];
	double seconds;
	struct agent_report agent;
	struct selftest selftest;
	bool xen_pv_dom0;
	bool xen_boot_msg;
	struct splat splats[CELL_MAX_SPLATS];
	size_t nsplats;
};

void cell_init(struct cell *c, const struct image *kernel, enum hv hv,
	       int smp, const char *results_dir);
void cell_run(struct cell *c, const struct run_config *cfg);
void cell_explain_xen(struct cell *c);
void cell_classify(struct cell *c, const char *console, bool qemu_started,
		   bool boot_killed, bool watchdog_killed);
int cell_write_plan(const struct cell *c, const struct run_config *cfg,
		    const char *mode, const char *module, const char *skip);
int cell_shell(struct cell *c, const struct run_config *cfg);

/* schedule.c: the cells at a time; --jobs N, or the host's cores and memory */
struct budget {
	long cells, cpus, mem_mb;
};
struct budget host_budget(int jobs);
bool budget_fits(const struct budget *limit, const struct budget *running,
		 const struct cell *c);
void budget_take(struct budget *running, const struct cell *c, int sign);
void run_cells(struct cell *cells, size_t n, const struct run_config *cfg,
	       int jobs);

/* qemu.c */
int qemu_argv(const struct cell *c, const struct run_config *cfg,
	      bool interactive, char **argv, size_t max, char *buf,
	      size_t buflen);
bool kvm_usable(const struct image *kernel);

/* report.c */
void report_table(FILE *f, struct cell *cells, size_t n);
int report_json(FILE *f, const struct run_config *cfg, struct cell *cells,
		size_t n);
int report_tap(FILE *f, struct cell *cells, size_t n);
int report_junit(FILE *f, struct cell *cells, size_t n);
bool outcome_green(enum outcome o);
void json_string(FILE *f, const char *s, size_t len);

/* small helpers shared by the files above (cache.c) */
char *read_file(const char *path, size_t *len);
int write_file(const char *path, const char *data, size_t len);
int mkdir_p(const char *path);

#endif
