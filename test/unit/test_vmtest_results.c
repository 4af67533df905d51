/*
 * vmtest's results path without booting: the agent's records as they
 * arrive on the virtio-serial port (complete, cut short), kernel-log
 * splat scanning on sample logs, the hv self-test a guest sends, the
 * outcome of a cell, the reports, and how many cells run at once.
 */
#include "../../vmtest/agent.c"
#include "../../vmtest/cache.c"
#include "../../vmtest/catalog.c"
#include "../../vmtest/cell.c"
#include "../../vmtest/qemu.c"
#include "../../vmtest/report.c"
#include "../../vmtest/schedule.c"
#include "../../vmtest/selftest.c"
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

/*
 * What /proc/dtrace/hv and /proc/dtrace/hv-selftest print in a healthy
 * guest (hv/hv.h): every op passes on a path, two raw paths cannot be
 * taken on this kernel.
 */
static const char hvinfo_text[] =
	"platform: Xen PV dom0\nxen version: 4.17\nbackend: xen\n"
	"trap: api (die notifier: usable; set_trap_table: usable)\n";

static const char selftest_ok[] =
	"trap api pass die notifier: int3 and debug reached the hook\n"
	"trap raw pass set_trap_table: int3 reached the hook\n"
	"text api pass text_poke: planted and removed an int3\n"
	"text raw unsupported the kernel has text_poke; no alias needed\n"
	"xcall api pass smp_call_function: ran on 1 of 1 CPUs\n"
	"xcall raw pass event channel IPI: ran on 1 of 1 CPUs\n"
	"clock api pass monotonic over 1000 reads\n"
	"clock raw unsupported no vcpu_info time area on this kernel\n"
	"selftest pass: 6 pass, 0 fail, 2 unsupported\n";

/*
 * A full, well-formed agent stream for a Xen dom0 cell with one CPU; with
 * selftest NULL, the agent sent no hv records at all.
 */
static char *agent_stream_hv(size_t *len, const char *output, int status,
			     const char *selftest, int read_status, int hung)
{
	static char buf[16384];
	char hv[4096] = "";

	if (selftest)
		snprintf(hv, sizeof(hv), "hvinfo %zu 0 0\n%sselftest %zu %d "
			 "%d\n%s", strlen(hvinfo_text), hvinfo_text,
			 strlen(selftest), read_status, hung, selftest);
	*len = snprintf(buf, sizeof(buf),
			"hello 6.1.0-56-amd64\ncpus 1\nhv xen\n"
			"xen_caps control_d\nxen_guest_type PV\n"
			"module load /w/dtrace.ko\n%s"
			"cmd %d 3 0\noutput %zu\n%s"
			"unload ok\ndmesg %zu\n%sdone\n", hv, status,
			strlen(output), output, strlen(clean_dmesg),
			clean_dmesg);
	return buf;
}

static char *agent_stream(size_t *len, const char *output, int status)
{
	return agent_stream_hv(len, output, status, selftest_ok, 0, 0);
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
	CHECK(r.cpus == 1, "cpus record: %d", r.cpus);
	CHECK(r.hvinfo.sent && !r.hvinfo.status && !r.hvinfo.timed_out &&
	      !strcmp(r.hvinfo.text, hvinfo_text), "hvinfo blob");
	CHECK(r.selftest.sent && !r.selftest.status &&
	      !r.selftest.timed_out && !strcmp(r.selftest.text, selftest_ok),
	      "selftest blob");
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

	cell_init(c, &kernel61, hv, 1, "/results");
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

static int table(FILE *f, struct cell *cells, size_t n)
{
	report_table(f, cells, n);
	return 0;
}

static void test_reports(void)
{
	struct cell cells[3];
	char *argv[] = { "sh", "-c", "echo \"hi\"" };
	static const int smps[] = { 1, 4 };
	struct run_config cfg = { .results_dir = "/results", .cwd = "/w",
				  .argv = argv, .argc = 3, .timeout = 60,
				  .smps = smps, .nsmps = 2 };
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
	CHECK(strstr(buf, "\"smp\": [1, 4]") && strstr(buf, "\"smp\": 1,") &&
	      strstr(buf, "\"cpus\": 1,"), "JSON CPUs");
	CHECK(strstr(buf, "\"hv_selftest\": {\"verdict\": \"pass\", "
		     "\"problem\": \"\", \"summary\": \"selftest pass: 6 pass, "
		     "0 fail, 2 unsupported\", \"pass\": 6, \"fail\": 0, "
		     "\"unsupported\": 2,") &&
	      strstr(buf, "{\"op\": \"xcall\", \"path\": \"raw\", "
		     "\"result\": \"pass\", \"detail\": \"event channel IPI: "
		     "ran on 1 of 1 CPUs\"}") &&
	      strstr(buf, "{\"op\": \"clock\", \"path\": \"raw\", "
		     "\"result\": \"unsupported\", \"detail\": \"no "
		     "vcpu_info time area on this kernel\"}") &&
	      strstr(buf, "\"hv_info\": {\"sent\": true, \"status\": 0, "
		     "\"hung\": false, \"text\": \"platform: Xen PV dom0\\n"),
	      "JSON hv self-test and info:\n%s", buf);
	free(buf);

	s = render(report_tap, cells, 3);
	check_output("TAP", s, "TAP version 13\n1..3\n"
		     "ok 1 - 6.1.0-56-amd64/bare\n"
		     "# hv self-test: 6 pass 0 fail 2 unsupp\n"
		     "# hv self-test: text raw unsupported: the kernel has "
		     "text_poke; no alias needed\n"
		     "# hv self-test: clock raw unsupported: no vcpu_info time "
		     "area on this kernel\n"
		     "not ok 2 - 6.1.0-56-amd64/xen # fail: the command "
		     "exited with status 2\n"
		     "# hv self-test: 6 pass 0 fail 2 unsupp\n"
		     "# hv self-test: text raw unsupported: the kernel has "
		     "text_poke; no alias needed\n"
		     "# hv self-test: clock raw unsupported: no vcpu_info time "
		     "area on this kernel\n"
		     "ok 3 - 6.1.0-56-amd64/xen # SKIP no Xen hypervisor in "
		     "the catalog\n");
	free(s);

	strcpy(cells[0].agent.module_state, "skip");
	strcpy(cells[0].agent.module_text, "no module target");
	s = render(report_tap, cells, 1);
	CHECK(strstr(s, "ok 1 - 6.1.0-56-amd64/bare\n# module: no module "
		     "target\n") != NULL, "TAP module skip note:\n%s", s);
	free(s);

	/* Each self-test line of the two cells that ran is a test case. */
	s = render(report_junit, cells, 3);
	CHECK(strstr(s, "tests=\"19\" failures=\"1\" errors=\"0\" "
		     "skipped=\"5\"") && strstr(s, "<failure type=\"fail\"") &&
	      strstr(s, "&quot;quoted&quot;") && !strstr(s, "\x01") &&
	      strstr(s, "<testcase classname=\"vmtest.6.1.0-56-amd64\" "
		     "name=\"bare hv-selftest clock raw\"><skipped message="
		     "\"unsupported: no vcpu_info time area on this kernel\"/>"
		     "</testcase>") &&
	      strstr(s, "name=\"xen hv-selftest trap api\"><system-out>die "
		     "notifier: int3 and debug reached the hook</system-out>"),
	      "JUnit:\n%s", s);
	free(s);

	s = render(table, cells, 3);
	check_output("table", s,
		     "kernel          hv    cpus  outcome       hv self-test\n"
		     "6.1.0-56-amd64  bare     1  pass          6 pass 0 fail "
		     "2 unsupp\n"
		     "6.1.0-56-amd64  xen      1  fail          6 pass 0 fail "
		     "2 unsupp\n"
		     "6.1.0-56-amd64  xen      1  skip          -\n");
	free(s);
	for (int i = 0; i < 3; i++)
		agent_report_free(&cells[i].agent);
}

static void test_qemu_argv(void)
{
	struct image xen = { .name = "xen-4.17", .kind = IMAGE_XEN };
	struct run_config cfg = { .xen = &xen };
	struct cell c;
	char *argv[64], buf[16384];
	bool has_qemu64 = false, has_module = false, has_smp = false;
	bool has_dom0_vcpus = false, single_thread = false;

	cell_init(&c, &kernel61, HV_XEN, 4, "/results");
	CHECK(qemu_argv(&c, &cfg, false, argv, 64, buf, sizeof(buf)) == 0,
	      "qemu argv");
	for (int i = 0; argv[i]; i++) {
		if (!strcmp(argv[i], "-cpu") && argv[i + 1])
			has_qemu64 = !strcmp(argv[i + 1], "qemu64");
		if (!strcmp(argv[i], "-accel") && argv[i + 1])
			single_thread = !strcmp(argv[i + 1],
						"tcg,thread=single");
		if (!strcmp(argv[i], "-smp") && argv[i + 1])
			has_smp = !strcmp(argv[i + 1], "4");
		if (!strcmp(argv[i], "-append") && argv[i + 1])
			has_dom0_vcpus = strstr(argv[i + 1],
						" dom0_max_vcpus=4 ");
		if (!strcmp(argv[i], "-initrd") && argv[i + 1])
			has_module = strstr(argv[i + 1], "vmlinuz console=hvc0")
				     && strstr(argv[i + 1], ",/");
	}
	CHECK(has_qemu64, "xen cell without -cpu qemu64");
	CHECK(has_module, "xen cell without the dom0 kernel as a module");
	CHECK(has_smp, "4-CPU cell without -smp 4");
	CHECK(has_dom0_vcpus, "4-CPU xen cell without dom0_max_vcpus=4");
	CHECK(single_thread, "xen cell under TCG not single-threaded");
}

/* One-CPU cells keep the names they had before --smp took a list. */
static void test_cell_names(void)
{
	struct cell c;

	cell_init(&c, &kernel61, HV_BARE, 1, "/r");
	CHECK(!strcmp(c.id, "6.1.0-56-amd64/bare") &&
	      !strcmp(c.dir, "/r/6.1.0-56-amd64-bare") &&
	      !strcmp(cell_column(&c), "bare") && c.outcome == OUT_PASS,
	      "1-CPU cell: %s in %s", c.id, c.dir);
	cell_init(&c, &kernel61, HV_XEN, 4, "/r");
	CHECK(!strcmp(c.id, "6.1.0-56-amd64/xen/smp4") &&
	      !strcmp(c.dir, "/r/6.1.0-56-amd64-xen-smp4") &&
	      !strcmp(cell_column(&c), "xen/smp4") && c.smp == 4,
	      "4-CPU cell: %s in %s", c.id, c.dir);
}

/* A bare one-CPU cell whose agent sent this self-test; classified. */
static void selftest_cell(struct cell *c, const char *selftest,
			  int read_status, int hung)
{
	size_t len;
	char *s = agent_stream_hv(&len, "ok\n", 0, selftest, read_status,
				  hung);

	cell_init(c, &kernel61, HV_BARE, 1, "/results");
	agent_parse(&c->agent, s, len);
	cell_classify(c, "", true, false, false);
}

/* selftest_ok with one line replaced (or, with to NULL, removed). */
static const char *selftest_edit(const char *from, const char *to)
{
	static char buf[4096];
	const char *at = strstr(selftest_ok, from);
	const char *rest = at + strcspn(at, "\n") + 1;

	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - selftest_ok),
		 selftest_ok, to ? to : "", rest);
	return buf;
}

/*
 * Self-tests that fail their cell: the text the agent sent (or selftest_ok
 * with the line starting with `from` replaced by `to`), the read's status,
 * whether it hung, and what the cell's reason must hold.
 */
static const struct {
	const char *text, *from, *to;
	int status, hung;
	const char *reason;
} failing_selftests[] = {
	/* A failed path is named with its detail. */
	{ NULL, "xcall raw", "xcall raw fail EVTCHNOP_send returned -22\n"
	  "clock api fail went back 3 ns\n"
	  "selftest fail: 4 pass, 2 fail, 2 unsupported\n", 0, 0,
	  "hv self-test failed: xcall raw: EVTCHNOP_send returned -22; "
	  "clock api: went back 3 ns" },
	{ NULL, "selftest pass", "", 0, 0, "hv self-test incomplete: no "
	  "final 'selftest pass|fail' line after 8 result lines" },
	/* The module loaded but has no self-test file. */
	{ "cat: can't open '/proc/dtrace/hv-selftest': No such file or "
	  "directory\n", NULL, NULL, 1, 0, "hv self-test missing: the "
	  "module loaded but reading /proc/dtrace/hv-selftest failed (status "
	  "1: cat: can't open '/proc/dtrace/hv-selftest': No such file or "
	  "directory)" },
	/* A hung read: what came before it is kept. */
	{ "trap api pass ok\ntrap raw pass ok\n", NULL, NULL, 137, 1,
	  "hv self-test hung: reading /proc/dtrace/hv-selftest did not "
	  "finish within 30 s (2 result lines before that)" },
	/* Lines that break the contract. */
	{ NULL, "clock api", "clock api maybe it works\n", 0, 0,
	  "hv self-test: line 7 not understood: 'clock api maybe it works'" },
	{ NULL, "selftest pass", "selftest pass: 7 pass, 0 fail, 1 "
	  "unsupported\n", 0, 0, "disagrees with the 6 pass lines" },
	{ NULL, "selftest pass", "selftest fail: 6 pass, 0 fail, 2 "
	  "unsupported\n", 0, 0, "hv self-test failed: its final line says "
	  "'selftest fail: 6 pass, 0 fail, 2 unsupported' but no result line "
	  "failed" },
	{ NULL, "selftest pass", "selftest pass: 6 pass, 0 fail, 2 "
	  "unsupported\ntrap api pass again\n", 0, 0, "hv self-test: line "
	  "10 comes after the final line: 'trap api pass again'" },
	/* A complete report from a read that failed. */
	{ NULL, NULL, NULL, 5, 0, "hv self-test: reading /proc/dtrace/"
	  "hv-selftest exited with status 5" },
};

static void test_selftest(void)
{
	char brief[80];
	struct cell c;

	/* Unsupported paths are not failures. */
	selftest_cell(&c, selftest_ok, 0, 0);
	selftest_brief(&c.selftest, brief, sizeof(brief));
	CHECK(c.outcome == OUT_PASS && c.selftest.ran && c.selftest.n == 8 &&
	      !strcmp(brief, "6 pass 0 fail 2 unsupp"),
	      "healthy self-test: %s (%s) %s", outcome_name(c.outcome),
	      c.reason, brief);
	agent_report_free(&c.agent);

	/* The final line may go without its colon. */
	selftest_cell(&c, selftest_edit("selftest pass", "selftest pass 6 "
					"pass, 0 fail, 2 unsupported\n"), 0, 0);
	CHECK(c.outcome == OUT_PASS, "final line without colon: %s",
	      c.reason);
	agent_report_free(&c.agent);

	for (size_t i = 0; i < sizeof(failing_selftests) /
			       sizeof(*failing_selftests); i++) {
		const char *text = failing_selftests[i].text;
		const char *from = failing_selftests[i].from;

		if (!text)
			text = from ? selftest_edit(from,
						    failing_selftests[i].to) :
			       selftest_ok;
		selftest_cell(&c, text, failing_selftests[i].status,
			      failing_selftests[i].hung);
		CHECK(c.outcome == OUT_FAIL &&
		      strstr(c.reason, failing_selftests[i].reason),
		      "failing self-test %zu: %s (%s)", i,
		      outcome_name(c.outcome), c.reason);
		agent_report_free(&c.agent);
	}

	/* What the matrix shows of a failed, a cut short, a missing one. */
	selftest_cell(&c, selftest_edit("xcall raw", "xcall raw fail no\n"),
		      0, 0);
	selftest_brief(&c.selftest, brief, sizeof(brief));
	CHECK(!strcmp(brief, "5 pass 1 fail 2 unsupp"), "brief: %s", brief);
	agent_report_free(&c.agent);
	selftest_cell(&c, selftest_edit("selftest pass", ""), 0, 0);
	selftest_brief(&c.selftest, brief, sizeof(brief));
	CHECK(!strcmp(brief, "6 pass 0 fail 2 unsupp (incomplete)"),
	      "brief: %s", brief);
	agent_report_free(&c.agent);
	selftest_cell(&c, "cat: can't open\n", 1, 0);
	selftest_brief(&c.selftest, brief, sizeof(brief));
	CHECK(!strcmp(brief, "missing"), "brief: %s", brief);
	agent_report_free(&c.agent);

	/* A clean self-test but no /proc/dtrace/hv. */
	selftest_cell(&c, selftest_ok, 0, 0);
	c.agent.hvinfo.status = 1;
	cell_classify(&c, "", true, false, false);
	CHECK(c.outcome == OUT_FAIL && strstr(c.reason, "hv info missing: "
	      "reading /proc/dtrace/hv failed (status 1: platform: Xen PV "
	      "dom0)"), "no hv info: %s", c.reason);
	agent_report_free(&c.agent);

	/* The module loaded and the agent sent no self-test. */
	selftest_cell(&c, NULL, 0, 0);
	CHECK(c.outcome == OUT_FAIL && strstr(c.reason, "hv self-test "
	      "missing: the module loaded but the agent sent no self-test"),
	      "no self-test record: %s", c.reason);
	agent_report_free(&c.agent);

	/* No module, no self-test: not run, and not a failure. */
	static const char no_module[] = "hello 6.1.0-56-amd64\ncpus 1\n"
		"hv none\nmodule skip --no-module\ncmd 0 1 0\noutput 0\n"
		"unload skip nothing loaded\ndmesg 0\ndone\n";

	cell_init(&c, &kernel61, HV_BARE, 1, "/results");
	agent_parse(&c.agent, no_module, strlen(no_module));
	cell_classify(&c, "", true, false, false);
	selftest_brief(&c.selftest, brief, sizeof(brief));
	CHECK(c.outcome == OUT_PASS && !c.selftest.ran && !strcmp(brief, "-"),
	      "no module: %s (%s) %s", outcome_name(c.outcome), c.reason,
	      brief);
	agent_report_free(&c.agent);
}

/* A module that refused to load: the reason quotes its kernel-log lines. */
static void test_module_refused(void)
{
	static const char dmesg[] =
		"[    0.4] dtrace: loading out-of-tree module taints kernel.\n"
		"[    0.4] dtrace: module verification failed: signature and/or "
		"required key missing - tainting kernel\n"
		"[    0.5] dtrace: no backend fits this Xen PV dom0:\n"
		"[    0.5] dtrace:   xen: not built in: build from a tree with "
		"hv/xen\n"
		"[    0.6] other: unrelated\n";
	char stream[1024];
	struct cell c;

	snprintf(stream, sizeof(stream), "hello 6.1.0-56-amd64\ncpus 1\n"
		 "hv xen\nmodule fail insmod /w/dtrace.ko: Invalid argument \n"
		 "cmd 126 0 0\noutput 0\nunload skip nothing loaded\n"
		 "dmesg %zu\n%sdone\n", strlen(dmesg), dmesg);
	cell_init(&c, &kernel61, HV_BARE, 1, "/results");
	agent_parse(&c.agent, stream, strlen(stream));
	cell_classify(&c, "", true, false, false);
	CHECK(c.outcome == OUT_FAIL && !strcmp(c.reason, "module load failed: "
	      "insmod /w/dtrace.ko: Invalid argument; kernel log: no backend "
	      "fits this Xen PV dom0:   xen: not built in: build from a tree "
	      "with hv/xen"), "refused module: %s", c.reason);
	agent_report_free(&c.agent);
}

/* A cell whose guest brought up fewer CPUs than asked for fails. */
static void test_cpus(void)
{
	struct cell c;
	size_t len;
	char *s = agent_stream(&len, "ok\n", 0);

	cell_init(&c, &kernel61, HV_XEN, 4, "/results");
	agent_parse(&c.agent, s, len);
	cell_classify(&c, "", true, false, false);
	CHECK(c.outcome == OUT_FAIL && !strcmp(c.reason, "the guest's kernel "
	      "brought up 1 CPUs, the cell asked for 4 (--smp)"),
	      "CPU count: %s (%s)", outcome_name(c.outcome), c.reason);
	agent_report_free(&c.agent);
}

/* Cells at a time: the guests' CPUs within the host's cores, in order. */
static void test_budget(void)
{
	struct budget limit = { LONG_MAX, 2, 100000 }, running = { 0 };
	struct cell one, four, xen;

	cell_init(&one, &kernel61, HV_BARE, 1, "/r");
	cell_init(&four, &kernel61, HV_BARE, 4, "/r");
	cell_init(&xen, &kernel61, HV_XEN, 1, "/r");
	CHECK(budget_fits(&limit, &running, &four),
	      "a 4-CPU cell does not run alone on 2 cores");
	budget_take(&running, &one, 1);
	CHECK(budget_fits(&limit, &running, &one), "two 1-CPU cells on 2 "
	      "cores");
	CHECK(!budget_fits(&limit, &running, &four), "a 4-CPU cell beside "
	      "a 1-CPU one on 2 cores");
	budget_take(&running, &one, 1);
	CHECK(!budget_fits(&limit, &running, &one), "three 1-CPU cells on 2 "
	      "cores");
	budget_take(&running, &one, -1);
	budget_take(&running, &one, -1);
	CHECK(!running.cells && !running.cpus && !running.mem_mb,
	      "budget not returned");

	limit = (struct budget){ LONG_MAX, 64, 3000 };
	budget_take(&running, &xen, 1);
	CHECK(!budget_fits(&limit, &running, &one), "memory for a bare cell "
	      "beside a Xen one in 3000 MB");
	budget_take(&running, &xen, -1);

	limit = host_budget(1);
	budget_take(&running, &one, 1);
	CHECK(!budget_fits(&limit, &running, &one), "--jobs 1 ran two cells");
	budget_take(&running, &one, -1);
	limit = host_budget(0);
	CHECK(limit.cpus == sysconf(_SC_NPROCESSORS_ONLN) &&
	      limit.cells == LONG_MAX, "automatic budget: %ld CPUs",
	      limit.cpus);
}

int main(void)
{
	test_splats();
	test_agent_parse();
	test_classify();
	test_selftest();
	test_module_refused();
	test_cpus();
	test_reports();
	test_qemu_argv();
	test_cell_names();
	test_budget();
	return unit_summary();
}
