/*
 * One cell of the matrix: a kernel under a hypervisor ("bare" or "xen").
 *
 *   1. module: when the Makefile has a `module` target, build it on the
 *      host for this kernel (KDIR from images/fetch --headers); otherwise
 *      the step is reported as skipped with that reason, never as passed.
 *   2. plan: CELL/plan, a shell fragment the guest agent sources.
 *   3. boot QEMU and watch CELL/agent.out (the virtio-serial port):
 *      no "hello" within the boot timeout kills QEMU (boot timeout); no
 *      "done" within boot timeout + the two hv proc reads + command
 *      timeout + slack kills it too (test timeout).  The agent enforces
 *      the per-command and per-read timeouts itself.
 *   4. classify from the agent's records, the console log, the kernel
 *      log the agent sent (splat.c) and the hv self-test (selftest.c).
 *
 * Everything the cell produced stays in CELL/: plan, console.log,
 * agent.out, output.txt, dmesg.txt, hv-info.txt, hv-selftest.txt,
 * qemu.log, module-build.log.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vmtest.h"

#define WATCHDOG_SLACK	60	/* seconds beyond boot + command */
#define POWEROFF_GRACE	15	/* seconds for QEMU to exit after "done" */
#define HEARTBEAT	60	/* seconds between "still running" lines */

static pthread_mutex_t module_build_lock = PTHREAD_MUTEX_INITIALIZER;

const char *outcome_name(enum outcome o)
{
	static const char *const names[] = {
		[OUT_PASS] = "pass",
		[OUT_FAIL] = "fail",
		[OUT_SKIP] = "skip",
		[OUT_PANIC] = "panic",
		[OUT_BOOT_TIMEOUT] = "boot-timeout",
		[OUT_TEST_TIMEOUT] = "test-timeout",
		[OUT_BOOT_FAILURE] = "boot-failure",
		[OUT_INFRA] = "infra-error",
	};
	return names[o];
}

const char *hv_name(enum hv hv)
{
	return hv == HV_XEN ? "xen" : "bare";
}

/*
 * A cell's name and directory: KERNEL/HV and RESULTS/KERNEL-HV, with
 * "/smpN" and "-smpN" added when the guest has N > 1 CPUs (so the names
 * of one-CPU cells are those of the runs before --smp took a list).
 */
void cell_init(struct cell *c, const struct image *kernel, enum hv hv,
	       int smp, const char *results_dir)
{
	char smp_id[16] = "", smp_dir[16] = "";

	memset(c, 0, sizeof(*c));
	c->kernel = kernel;
	c->hv = hv;
	c->smp = smp;
	c->outcome = OUT_PASS;	/* "to run", until it ran */
	if (smp != 1) {
		snprintf(smp_id, sizeof(smp_id), "/smp%d", smp);
		snprintf(smp_dir, sizeof(smp_dir), "-smp%d", smp);
	}
	snprintf(c->id, sizeof(c->id), "%.150s/%s%s", kernel->name,
		 hv_name(hv), smp_id);
	snprintf(c->dir, sizeof(c->dir), "%.2048s/%.512s-%s%s", results_dir,
		 kernel->name, hv_name(hv), smp_dir);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void set_outcome(struct cell *c, enum outcome o, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_outcome(struct cell *c, enum outcome o, const char *fmt, ...)
{
	va_list ap;

	c->outcome = o;
	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
}

/* Write s as one shell word in single quotes. */
static void shell_quote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

int cell_write_plan(const struct cell *c, const struct run_config *cfg,
		    const char *mode, const char *module, const char *skip)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof(path), "%s/plan", c->dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "# vmtest plan for %s (sourced by the guest agent)\n",
		c->id);
	fprintf(f, "VMTEST_MODE=%s\nVMTEST_CWD=", mode);
	shell_quote(f, cfg->cwd);
	fprintf(f, "\nVMTEST_TIMEOUT=%d\nVMTEST_HV_TIMEOUT=%d\nVMTEST_CMD=",
		cfg->timeout, HV_READ_TIMEOUT);
	shell_quote(f, cfg->command ? cfg->command : "");
	fputs("\nVMTEST_MODULE=", f);
	shell_quote(f, module ? module : "");
	fputs("\nVMTEST_MODULE_SKIP=", f);
	shell_quote(f, skip ? skip : "");
	fputc('\n', f);
	return fclose(f);
}

static bool makefile_has_module_target(const char *repo)
{
	char path[4200], *mk;
	bool found;

	snprintf(path, sizeof(path), "%s/Makefile", repo);
	mk = read_file(path, NULL);
	if (!mk)
		return false;
	found = !strncmp(mk, "module:", 7) || strstr(mk, "\nmodule:");
	free(mk);
	return found;
}

static const char *kernel_release(const struct image *img)
{
	const char *slash;

	if (!img->user)
		return img->name;
	slash = strrchr(img->user_modules, '/');
	return slash && slash[1] ? slash + 1 : img->user_modules;
}

/*
 * The module is built once per kernel per run; the cells of that kernel
 * (bare and xen) share the result.  Builds are serialized (they share the
 * tree's build/), and this table is read and written under the same lock.
 */
struct module_build {
	const struct image *kernel;
	int rc;			/* 0 built, -1 failed */
	enum outcome outcome;
	char reason[600];
	char module[4200];
};

static struct module_build module_builds[64];
static size_t n_module_builds;

/* The first compiler or make error in a build log, for the cell's reason. */
static void first_error(const char *log, char *out, size_t len)
{
	char *text = read_file(log, NULL), *p;

	*out = 0;
	if (!text)
		return;
	p = strstr(text, "error:");
	if (!p)
		p = strstr(text, "Error ");
	if (p) {
		while (p > text && p[-1] != '\n')
			p--;
		snprintf(out, len, ": %.*s", (int)strcspn(p, "\n"), p);
	}
	free(text);
}

static int make_module(struct cell *c, const struct run_config *cfg,
		       char *module, size_t len)
{
	char cmd[12000], log[4200], err[300];
	char *kdir;

	kdir = image_headers_dir(c->kernel, cfg->images_dir);
	if (!kdir) {
		set_outcome(c, OUT_INFRA, "no headers for %s: images/fetch "
			    "--headers %s failed", c->kernel->name,
			    c->kernel->name);
		return -1;
	}
	snprintf(log, sizeof(log), "%s/module-build.log", c->dir);
	snprintf(cmd, sizeof(cmd), "make -C '%s' -s module KDIR='%s' "
		 ">'%s' 2>&1", cfg->repo_dir, kdir, log);
	free(kdir);
	if (system(cmd) != 0) {
		first_error(log, err, sizeof(err));
		set_outcome(c, OUT_FAIL, "module build failed (make module, "
			    "log in %s)%s", log, err);
		return -1;
	}
	snprintf(module, len, "%s/build/module/%s/dtrace.ko", cfg->repo_dir,
		 kernel_release(c->kernel));
	if (access(module, R_OK)) {
		set_outcome(c, OUT_FAIL, "make module succeeded but %s does "
			    "not exist", module);
		return -1;
	}
	return 0;
}

/*
 * Returns 0 with module set (or empty, and *skip set, when there is no
 * module to load), -1 with the cell's outcome set.
 */
static int build_module(struct cell *c, const struct run_config *cfg,
			char *module, size_t len, const char **skip)
{
	struct module_build *b = NULL;
	int rc;

	*module = 0;
	if (cfg->no_module) {
		*skip = "module step skipped: --no-module";
		return 0;
	}
	if (!makefile_has_module_target(cfg->repo_dir)) {
		*skip = "module step skipped: the Makefile has no 'module' "
			"target yet (make module KDIR=...)";
		return 0;
	}
	pthread_mutex_lock(&module_build_lock);
	for (size_t i = 0; i < n_module_builds; i++)
		if (module_builds[i].kernel == c->kernel)
			b = &module_builds[i];
	if (b) {
		rc = b->rc;
		if (rc)
			set_outcome(c, b->outcome, "%s", b->reason);
		snprintf(module, len, "%s", b->module);
	} else {
		rc = make_module(c, cfg, module, len);
		if (n_module_builds < sizeof(module_builds) /
				      sizeof(*module_builds)) {
			b = &module_builds[n_module_builds++];
			b->kernel = c->kernel;
			b->rc = rc;
			b->outcome = c->outcome;
			snprintf(b->reason, sizeof(b->reason), "%s", c->reason);
			snprintf(b->module, sizeof(b->module), "%s", module);
		}
	}
	pthread_mutex_unlock(&module_build_lock);
	return rc;
}

static pid_t spawn_qemu(struct cell *c, char **argv)
{
	char log[4200];
	pid_t pid;

	snprintf(log, sizeof(log), "%s/qemu.log", c->dir);
	pid = fork();
	if (pid != 0)
		return pid;
	int in = open("/dev/null", O_RDONLY);
	int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (in < 0 || out < 0)
		_exit(126);
	dup2(in, 0);
	dup2(out, 1);
	dup2(out, 2);
	/* QEMU stays in our process group (Ctrl-C stops it with us) and
	 * dies with us if we are killed. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	execvp(argv[0], argv);
	fprintf(stderr, "vmtest: cannot run %s: %s\n", argv[0],
		strerror(errno));
	_exit(127);
}

static void read_agent(struct cell *c)
{
	char path[4200];
	size_t len;
	char *buf;

	snprintf(path, sizeof(path), "%s/agent.out", c->dir);
	buf = read_file(path, &len);
	agent_report_free(&c->agent);
	memset(&c->agent, 0, sizeof(c->agent));
	if (buf)
		agent_parse(&c->agent, buf, len);
	free(buf);
}

struct watch {
	bool boot_killed, watchdog_killed;
	int status;
};

static void kill_qemu(pid_t pid, int *status)
{
	kill(pid, SIGKILL);
	waitpid(pid, status, 0);
}

/* Wait for QEMU, enforcing the boot timeout and the cell watchdog. */
static void watch_qemu(struct cell *c, const struct run_config *cfg,
		       pid_t pid, struct watch *w)
{
	double start = now(), done_at = 0, next_note = HEARTBEAT;
	double watchdog = cfg->boot_timeout + 2 * HV_READ_TIMEOUT +
			  cfg->timeout + WATCHDOG_SLACK;
	struct timespec tick = { 0, 250 * 1000 * 1000 };

	for (;;) {
		double t;

		if (waitpid(pid, &w->status, WNOHANG) == pid)
			return;
		nanosleep(&tick, NULL);
		t = now() - start;
		read_agent(c);
		if (t >= next_note) {
			next_note += HEARTBEAT;
			fprintf(stderr, "vmtest: [running] %s: %s, %.0fs\n",
				c->id, !c->agent.hello ? "booting" :
				c->agent.cmd_ran ? "finishing" :
				"command running", t);
		}
		if (c->agent.done && !done_at)
			done_at = t;
		if (done_at && t - done_at > POWEROFF_GRACE) {
			kill_qemu(pid, &w->status);
			return;
		}
		if (!c->agent.hello && t > cfg->boot_timeout) {
			w->boot_killed = true;
			kill_qemu(pid, &w->status);
			return;
		}
		if (t > watchdog) {
			w->watchdog_killed = true;
			kill_qemu(pid, &w->status);
			return;
		}
	}
}

/* The last line of text holding needle, into out. */
static bool find_line(const char *text, const char *needle, char *out,
		      size_t len)
{
	const char *p = text, *hit = NULL;

	while (text && (p = strstr(p, needle)))
		hit = p++;
	if (!hit)
		return false;
	while (hit > text && hit[-1] != '\n')
		hit--;
	snprintf(out, len, "%.*s", (int)strcspn(hit, "\r\n"), hit);
	return true;
}

/*
 * A Xen cell passes only if the guest really is a PV dom0: the agent saw
 * /sys/hypervisor/type "xen" and "control_d" in /proc/xen/capabilities,
 * the guest type (where the kernel reports it) is PV, and the kernel log
 * says it booted on Xen as a paravirtualized kernel.
 */
void cell_explain_xen(struct cell *c)
{
	const struct agent_report *a = &c->agent;
	const char *d = a->dmesg ? a->dmesg : "";

	c->xen_boot_msg = strstr(d, "Booting kernel on Xen") ||
			  strstr(d, "Booting paravirtualized kernel on Xen\n");
	c->xen_pv_dom0 = !strcmp(a->hv_type, "xen") &&
			 strstr(a->xen_caps, "control_d") &&
			 (!*a->xen_guest_type ||
			  !strcmp(a->xen_guest_type, "PV")) &&
			 c->xen_boot_msg;
}

/*
 * Why a module refused to load is in the kernel log, not in insmod's
 * "Invalid argument": the module's own lines ("dtrace: ..."), less the
 * kernel's taint notices, joined into "; kernel log: ...".
 */
static const char *module_said(const struct agent_report *a, char *out,
			       size_t len)
{
	const char *p = a->dmesg, *end;
	size_t used;

	if (!p)
		return "";
	end = p + a->dmesg_len;
	used = snprintf(out, len, "; kernel log:");
	while (p < end && used + 1 < len) {
		const char *nl = memchr(p, '\n', end - p);
		const char *eol = nl ? nl : end;
		const char *text = memmem(p, eol - p, "] dtrace: ", 10);

		p = eol + (nl != NULL);
		if (!text)
			continue;
		text += 10;
		if (!strncmp(text, "loading out-of-tree", 19) ||
		    !strncmp(text, "module verification failed", 26))
			continue;
		used += snprintf(out + used, len - used, " %.*s",
				 (int)(eol - text), text);
	}
	return used > strlen("; kernel log:") ? out : "";
}

void cell_classify(struct cell *c, const char *console, bool qemu_started,
		   bool boot_killed, bool watchdog_killed)
{
	const struct agent_report *a = &c->agent;
	char line[300], said[400];

	if (!qemu_started)
		return;		/* outcome already set */
	selftest_judge(&c->selftest, a);
	if (find_line(console, "Kernel panic - not syncing", line,
		      sizeof(line))) {
		set_outcome(c, OUT_PANIC, "%s", line);
		return;
	}
	if (find_line(console, "Panic on CPU", line, sizeof(line))) {
		/* Xen prints the reason on the line after "Panic on CPU N:" */
		const char *next = strstr(strstr(console, line), "\n");
		int len = next ? (int)strcspn(next + 1, "\r\n") : 0;

		set_outcome(c, OUT_PANIC, "Xen panic: %.*s", len,
			    next ? next + 1 : "");
		return;
	}
	if (!a->hello) {
		if (boot_killed)
			set_outcome(c, OUT_BOOT_TIMEOUT, "no word from the "
				    "guest agent; see console.log");
		else if (find_line(console, "vmtest-init:", line,
				   sizeof(line)))
			set_outcome(c, OUT_BOOT_FAILURE, "%s", line);
		else
			set_outcome(c, OUT_BOOT_FAILURE, "the guest stopped "
				    "before its agent started; see "
				    "console.log and qemu.log");
		return;
	}
	if (!a->done) {
		if (watchdog_killed)
			set_outcome(c, OUT_TEST_TIMEOUT, "cell watchdog: the "
				    "agent did not finish; QEMU killed");
		else
			set_outcome(c, OUT_FAIL, "the guest stopped before "
				    "its agent finished; see console.log");
		return;
	}
	c->nsplats = splat_scan(a->dmesg ? a->dmesg : "", a->dmesg_len,
				c->splats, CELL_MAX_SPLATS);
	if (c->nsplats > CELL_MAX_SPLATS)
		c->nsplats = CELL_MAX_SPLATS;
	if (c->hv == HV_XEN)
		cell_explain_xen(c);
	if (a->cmd_killed)
		set_outcome(c, OUT_TEST_TIMEOUT, "the command was killed "
			    "after %d s (--timeout)", a->cmd_seconds);
	else if (!strcmp(a->module_state, "fail"))
		set_outcome(c, OUT_FAIL, "module load failed: %s%s",
			    a->module_text, module_said(a, said,
							sizeof(said)));
	else if (c->nsplats)
		set_outcome(c, OUT_FAIL, "kernel log: %s: %s",
			    c->splats[0].kind, c->splats[0].line);
	else if (c->hv == HV_XEN && !c->xen_pv_dom0)
		set_outcome(c, OUT_FAIL, "not a Xen PV dom0 (hypervisor "
			    "'%s', capabilities '%s', guest type '%s', "
			    "boot message %s)", a->hv_type, a->xen_caps,
			    a->xen_guest_type, c->xen_boot_msg ? "seen" :
			    "missing");
	else if (a->cpus != c->smp)
		set_outcome(c, OUT_FAIL, "the guest's kernel brought up %d "
			    "CPUs, the cell asked for %d (--smp)", a->cpus,
			    c->smp);
	else if (c->selftest.problem[0])
		set_outcome(c, OUT_FAIL, "%s", c->selftest.problem);
	else if (a->cmd_ran && a->cmd_status != 0)
		set_outcome(c, OUT_FAIL, "the command exited with status %d",
			    a->cmd_status);
	else if (!strcmp(a->unload_state, "fail"))
		set_outcome(c, OUT_FAIL, "module unload failed: %s",
			    a->unload_text);
	else
		set_outcome(c, OUT_PASS, "%s", a->module_state[0] &&
			    !strcmp(a->module_state, "skip") ?
			    a->module_text : "");
}

static void save_blob(const struct cell *c, const char *name,
		      const char *data, size_t len)
{
	char path[4200];

	if (!data)
		return;
	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	write_file(path, data, len);
}

static void save_blobs(const struct cell *c)
{
	const struct agent_report *a = &c->agent;

	save_blob(c, "output.txt", a->output, a->output_len);
	save_blob(c, "dmesg.txt", a->dmesg, a->dmesg_len);
	save_blob(c, "hv-info.txt", a->hvinfo.text, a->hvinfo.len);
	save_blob(c, "hv-selftest.txt", a->selftest.text, a->selftest.len);
}

void cell_run(struct cell *c, const struct run_config *cfg)
{
	char module[4200], path[4200], buf[32768];
	const char *skip = NULL;
	char *argv[64], *console;
	struct watch w = { 0 };
	double start = now();
	pid_t pid;

	memset(&c->agent, 0, sizeof(c->agent));
	if (mkdir_p(c->dir)) {
		set_outcome(c, OUT_INFRA, "cannot create %s: %s", c->dir,
			    strerror(errno));
		return;
	}
	if (build_module(c, cfg, module, sizeof(module), &skip))
		goto out;
	if (cell_write_plan(c, cfg, "run", *module ? module : NULL, skip) ||
	    qemu_argv(c, cfg, false, argv, 64, buf, sizeof(buf))) {
		set_outcome(c, OUT_INFRA, "cannot write the plan or the QEMU "
			    "command line in %s", c->dir);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/agent.out", c->dir);
	unlink(path);
	pid = spawn_qemu(c, argv);
	if (pid < 0) {
		set_outcome(c, OUT_INFRA, "fork: %s", strerror(errno));
		goto out;
	}
	watch_qemu(c, cfg, pid, &w);
	read_agent(c);
	save_blobs(c);
	snprintf(path, sizeof(path), "%s/console.log", c->dir);
	console = read_file(path, NULL);
	if (!c->agent.hello && !w.boot_killed && (!console || !*console) &&
	    !(WIFEXITED(w.status) && WEXITSTATUS(w.status) == 0)) {
		snprintf(path, sizeof(path), "%s/qemu.log", c->dir);
		char *qlog = read_file(path, NULL);

		set_outcome(c, OUT_INFRA, "QEMU failed to start: %.300s",
			    qlog && *qlog ? qlog : "(no output)");
		free(qlog);
	} else {
		cell_classify(c, console, true, w.boot_killed,
			      w.watchdog_killed);
	}
	free(console);
out:
	c->seconds = now() - start;
}

/* Interactive: the guest's console on the terminal, a shell in the guest. */
int cell_shell(struct cell *c, const struct run_config *cfg)
{
	char buf[32768], module[4200];
	const char *skip = NULL;
	char *argv[64];
	int status;
	pid_t pid;

	if (mkdir_p(c->dir) ||
	    build_module(c, cfg, module, sizeof(module), &skip)) {
		fprintf(stderr, "vmtest: %s\n", c->reason[0] ? c->reason :
			"cannot create the cell directory");
		return -1;
	}
	if (cell_write_plan(c, cfg, "shell", *module ? module : NULL, skip) ||
	    qemu_argv(c, cfg, true, argv, 64, buf, sizeof(buf)))
		return -1;
	fprintf(stderr, "vmtest: booting %s (Ctrl-A X quits QEMU)\n", c->id);
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "vmtest: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
