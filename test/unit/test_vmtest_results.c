/*
 * vmtest's results path without booting: the agent's records as they
 * arrive on the virtio-serial port (complete, cut short), kernel-log
 * splat scanning on sample logs, the outcome of a cell, and the reports.
 */
#include "../../vmtest/agent.c"
#include "../../vmtest/cache.c"
#include "../../vmtest/catalog.c"
#include "../../vmtest/cell.c"
#include "../../vmtest/qemu.c"
#include "../../vmtest/report.c"
#include "../../vmtest/splat.c"
#include "unit.h"

static const char clean_dmesg[] =
	"[    0.000000] Linux version 6.1.0-56-amd64 (gcc-12) #1 SMP\n"
	"[    0.991215] Booting kernel on Xen\n"
	"[    2.100000] 9p: Installing v9fs 9p2000 file system support\n"
	"[    3.000000] dtrace: loaded\n";

static const char *const splat_logs[][2] = {
	{ "[   12.1] BUG: kernel NULL pointer dereference, address: 0000000000000008\n", "BUG" },
	{ "[   12.1] ------------[ cut here ]------------\n"
	  "[   12.1] WARNING: CPU: 0 PID: 1 at kernel/foo.c:10 foo+0x1/0x2\n", "WARNING" },
	{ "[   12.1] Oops: 0002 [#1] PREEMPT SMP NOPTI\n", "oops" },
	{ "[   12.1] kernel BUG at mm/slub.c:1234!\n", "BUG" },
	{ "[   12.1] ======================================================\n"
	  "[   12.1] WARNING: possible circular locking dependency detected\n", "lockdep" },
	{ "[   12.1] inconsistent lock state\n", "lockdep" },
	{ "[   12.1] KASAN: slab-out-of-bounds in dtrace_probe+0x10/0x20\n", "KASAN" },
	{ "[   40.0] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:\n", "RCU stall" },
	{ "[   40.0] watchdog: BUG: soft lockup - CPU#0 stuck for 22s!\n", "lockup" },
	{ "[  120.0] INFO: task insmod:99 blocked for more than 120 seconds.\n", "hung task" },
	{ "[   12.1] general protection fault, probably for non-canonical address\n", "oops" },
	{ "[   99.2] dtrace: leak at unload: 4096 bytes in 2 allocations were never freed; this is a bug in dtrace.ko, please report it with this kernel log\n", "leak" },
};

static void test_splats(void)
{
	struct splat s[4];

	CHECK(splat_scan(clean_dmesg, strlen(clean_dmesg), s, 4) == 0,
	      "clean log reported a splat");
	for (size_t i = 0; i < sizeof(splat_logs) / sizeof(*splat_logs); i++) {
		const char *log = splat_logs[i][0];
		size_t n = splat_scan(log, strlen(log), s, 4);

		CHECK(n == 1 && !strcmp(s[0].kind, splat_logs[i][1]),
		      "log %zu: %zu splats, kind %s, want %s", i, n,
		      n ? s[0].kind : "-", splat_logs[i][1]);
	}
	/* Several reports: all counted, the first kept first. */
	const char *many = "WARNING: a\nok\nBUG: b\nKASAN: c\n";

	CHECK(splat_scan(many, strlen(many), s, 2) == 3 &&
	      !strcmp(s[0].line, "WARNING: a") && !strcmp(s[1].line, "BUG: b"),
	      "several splats");
}

/* A full, well-formed agent stream for a Xen dom0 cell. */
static char *agent_stream(size_t *len, const char *output, int status)
{
	static char buf[8192];

	*len = snprintf(buf, sizeof(buf),
			"hello 6.1.0-56-amd64\nhv xen\nxen_caps control_d\n"
			"xen_guest_type PV\nmodule load /w/dtrace.ko\n"
			"cmd %d 3 0\noutput %zu\n%s"
			"unload ok\ndmesg %zu\n%sdone\n", status,
			strlen(output), output, strlen(clean_dmesg),
			clean_dmesg);
	return buf;
}

static void test_agent_parse(void)
{
	struct agent_report r = { 0 };
	const char *out = "line one\ndone\nhello fake\n";
	size_t len;
	char *s = agent_stream(&len, out, 0);

	agent_parse(&r, s, len);
	CHECK(r.hello && !strcmp(r.release, "6.1.0-56-amd64"), "hello");
	CHECK(!strcmp(r.hv_type, "xen") && !strcmp(r.xen_caps, "control_d") &&
	      !strcmp(r.xen_guest_type, "PV"), "xen records");
	CHECK(!strcmp(r.module_state, "load") &&
	      !strcmp(r.module_text, "/w/dtrace.ko"), "module record");
	CHECK(r.cmd_ran && r.cmd_status == 0 && r.cmd_seconds == 3 &&
	      !r.cmd_killed, "cmd record");
	/* Record-like lines inside the output blob stay output. */
	CHECK(r.output_len == strlen(out) && !strcmp(r.output, out) &&
	      !strcmp(r.release, "6.1.0-56-amd64"), "output blob");
	CHECK(!strcmp(r.unload_state, "ok"), "unload record");
	CHECK(r.dmesg && !strcmp(r.dmesg, clean_dmesg), "dmesg blob");
	CHECK(r.done, "done");
	agent_report_free(&r);

	/* Cut in the middle of the output blob: no done, output truncated. */
	memset(&r, 0, sizeof(r));
	agent_parse(&r, s, strstr(s, "line one") + 4 - s);
	CHECK(r.hello && r.cmd_ran && !r.done && r.output_len == 4,
	      "truncated stream: done=%d output_len=%zu", r.done,
	      r.output_len);
	agent_report_free(&r);

	/* A partial last line is not a record yet. */
	memset(&r, 0, sizeof(r));
	agent_parse(&r, "hello 6.1", 9);
	CHECK(!r.hello, "partial line parsed");
}

static struct image kernel61 = {
	.name = "6.1.0-56-amd64", .version = "6.1.0-56", .flavour = "amd64",
	.source = "debian:linux-image-6.1.0-56-amd64",
};

static void make_cell(struct cell *c, enum hv hv, const char *output,
		      int status)
{
	size_t len;
	char *s = agent_stream(&len, output, status);

	memset(c, 0, sizeof(*c));
	c->kernel = &kernel61;
	c->hv = hv;
	snprintf(c->id, sizeof(c->id), "%s/%s", kernel61.name, hv_name(hv));
	snprintf(c->dir, sizeof(c->dir), "/results/%s-%s", kernel61.name,
		 hv_name(hv));
	agent_parse(&c->agent, s, len);
}

static void test_classify(void)
{
	struct cell c;

	make_cell(&c, HV_XEN, "ok\n", 0);
	cell_classify(&c, "console\n", true, false, false);
	CHECK(c.outcome == OUT_PASS && c.xen_pv_dom0,
	      "xen dom0 cell: %s (%s)", outcome_name(c.outcome), c.reason);
	agent_report_free(&c.agent);

	make_cell(&c, HV_BARE, "1 failed\n", 1);
	cell_classify(&c, "", true, false, false);
	CHECK(c.outcome == OUT_FAIL && strstr(c.reason, "status 1"),
	      "failing command: %s", c.reason);
	agent_report_free(&c.agent);

	/* A splat fails the cell even though the command passed. */
	make_cell(&c, HV_BARE, "ok\n", 0);
	free(c.agent.dmesg);
	c.agent.dmesg = strdup("[ 1.0] WARNING: CPU: 0 PID: 1 at x.c:1\n");
	c.agent.dmesg_len = strlen(c.agent.dmesg);
	cell_classify(&c, "", true, false, false);
	CHECK(c.outcome == OUT_FAIL && c.nsplats == 1 &&
	      strstr(c.reason, "WARNING"), "splat: %s", c.reason);
	agent_report_free(&c.agent);

	/* Not a PV dom0: an HVM guest under Xen fails the xen cell. */
	make_cell(&c, HV_XEN, "ok\n", 0);
	strcpy(c.agent.xen_guest_type, "HVM");
	cell_classify(&c, "", true, false, false);
	CHECK(c.outcome == OUT_FAIL && strstr(c.reason, "not a Xen PV dom0"),
	      "HVM guest: %s", c.reason);
	agent_report_free(&c.agent);

	memset(&c, 0, sizeof(c));
	c.kernel = &kernel61;
	cell_classify(&c, "[ 2.0] Kernel panic - not syncing: VFS: Unable "
		      "to mount root fs\n", true, false, false);
	CHECK(c.outcome == OUT_PANIC && strstr(c.reason, "Unable to mount"),
	      "panic: %s", c.reason);

	memset(&c, 0, sizeof(c));
	c.kernel = &kernel61;
	cell_classify(&c, "(XEN) ****\n(XEN) Panic on CPU 0:\n(XEN) Could "
		      "not construct domain 0\n(XEN) ****\n", true, false,
		      false);
	CHECK(c.outcome == OUT_PANIC &&
	      strstr(c.reason, "Could not construct domain 0"),
	      "xen panic: %s", c.reason);

	memset(&c, 0, sizeof(c));
	c.kernel = &kernel61;
	cell_classify(&c, "Linux version\n", true, true, false);
	CHECK(c.outcome == OUT_BOOT_TIMEOUT, "boot timeout: %s",
	      outcome_name(c.outcome));

	memset(&c, 0, sizeof(c));
	c.kernel = &kernel61;
	cell_classify(&c, "vmtest-init: cannot mount the host root over 9p\n",
		      true, false, false);
	CHECK(c.outcome == OUT_BOOT_FAILURE && strstr(c.reason, "9p"),
	      "boot failure: %s", c.reason);

	memset(&c, 0, sizeof(c));
	c.kernel = &kernel61;
	agent_parse(&c.agent, "hello x\ncmd 137 600 1\n", 22);
	cell_classify(&c, "", true, false, true);
	CHECK(c.outcome == OUT_TEST_TIMEOUT, "watchdog: %s",
	      outcome_name(c.outcome));
	agent_report_free(&c.agent);

	memset(&c, 0, sizeof(c));
	c.kernel = &kernel61;
	const char *st = "hello x\ncmd 137 30 1\noutput 0\ndone\n";

	agent_parse(&c.agent, st, strlen(st));
	cell_classify(&c, "", true, false, false);
	CHECK(c.outcome == OUT_TEST_TIMEOUT && strstr(c.reason, "--timeout") &&
	      strstr(c.reason, "30 s"),
	      "command timeout: %s (%s)", outcome_name(c.outcome), c.reason);
	agent_report_free(&c.agent);
}

static char *render(int (*fn)(FILE *, struct cell *, size_t),
		    struct cell *cells, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fn(f, cells, n);
	fclose(f);
	return buf;
}

static void test_reports(void)
{
	struct cell cells[3];
	char *argv[] = { "sh", "-c", "echo \"hi\"" };
	struct run_config cfg = { .results_dir = "/results", .cwd = "/w",
				  .argv = argv, .argc = 3, .timeout = 60,
				  .smp = 1 };
	char *buf = NULL, *s;
	size_t len = 0;
	FILE *f;

	make_cell(&cells[0], HV_BARE, "tab\there \"quoted\" \x01\n", 0);
	cell_classify(&cells[0], "", true, false, false);
	make_cell(&cells[1], HV_XEN, "boom\n", 2);
	cell_classify(&cells[1], "", true, false, false);
	make_cell(&cells[2], HV_XEN, "", 0);
	cells[2].outcome = OUT_SKIP;
	strcpy(cells[2].reason, "no Xen hypervisor in the catalog");

	f = open_memstream(&buf, &len);
	report_json(f, &cfg, cells, 3);
	fclose(f);
	CHECK(strstr(buf, "\"output\": \"tab\\there \\\"quoted\\\" \\u0001\\n\"")
	      != NULL, "JSON escaping of output");
	CHECK(strstr(buf, "\"argv\": [\"sh\", \"-c\", \"echo \\\"hi\\\"\"]") != NULL,
	      "JSON argv");
	CHECK(strstr(buf, "\"outcome\": \"fail\"") && strstr(buf,
	      "\"outcome\": \"skip\"") && strstr(buf, "\"green\": false"),
	      "JSON outcomes");
	CHECK(strstr(buf, "\"xen_pv_dom0\": true") != NULL, "JSON dom0 proof");
	free(buf);

	s = render(report_tap, cells, 3);
	CHECK(!strcmp(s, "TAP version 13\n1..3\n"
		      "ok 1 - 6.1.0-56-amd64/bare\n"
		      "not ok 2 - 6.1.0-56-amd64/xen # fail: the command "
		      "exited with status 2\n"
		      "ok 3 - 6.1.0-56-amd64/xen # SKIP no Xen hypervisor in "
		      "the catalog\n"), "TAP:\n%s", s);
	free(s);

	strcpy(cells[0].agent.module_state, "skip");
	strcpy(cells[0].agent.module_text, "no module target");
	s = render(report_tap, cells, 1);
	CHECK(strstr(s, "ok 1 - 6.1.0-56-amd64/bare\n# module: no module "
		     "target\n") != NULL, "TAP module skip note:\n%s", s);
	free(s);

	s = render(report_junit, cells, 3);
	CHECK(strstr(s, "tests=\"3\" failures=\"1\" errors=\"0\" "
		     "skipped=\"1\"") && strstr(s, "<failure type=\"fail\"") &&
	      strstr(s, "&quot;quoted&quot;") && !strstr(s, "\x01"),
	      "JUnit:\n%s", s);
	free(s);

	buf = NULL;
	f = open_memstream(&buf, &len);
	report_table(f, cells, 2);
	fclose(f);
	CHECK(strstr(buf, "bare") && strstr(buf, "xen") &&
	      strstr(buf, "6.1.0-56-amd64  pass          fail"),
	      "table:\n%s", buf);
	free(buf);
	for (int i = 0; i < 3; i++)
		agent_report_free(&cells[i].agent);
}

static void test_qemu_argv(void)
{
	struct image xen = { .name = "xen-4.17", .kind = IMAGE_XEN };
	struct run_config cfg = { .smp = 2, .xen = &xen };
	struct cell c;
	char *argv[64], buf[16384];
	bool has_qemu64 = false, has_module = false;

	make_cell(&c, HV_XEN, "", 0);
	CHECK(qemu_argv(&c, &cfg, false, argv, 64, buf, sizeof(buf)) == 0,
	      "qemu argv");
	for (int i = 0; argv[i]; i++) {
		if (!strcmp(argv[i], "-cpu") && argv[i + 1])
			has_qemu64 = !strcmp(argv[i + 1], "qemu64");
		if (!strcmp(argv[i], "-initrd") && argv[i + 1])
			has_module = strstr(argv[i + 1], "vmlinuz console=hvc0")
				     && strstr(argv[i + 1], ",/");
	}
	CHECK(has_qemu64, "xen cell without -cpu qemu64");
	CHECK(has_module, "xen cell without the dom0 kernel as a module");
	agent_report_free(&c.agent);
}

int main(void)
{
	test_splats();
	test_agent_parse();
	test_classify();
	test_reports();
	test_qemu_argv();
	return unit_summary();
}
