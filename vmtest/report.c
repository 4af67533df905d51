/*
 * Reports of a run.  results.json is the source of truth; the terminal
 * table, TAP and JUnit are views of the same cells.  Only "pass" is
 * green: a skipped cell is not a pass, and an infrastructure error is
 * not green either.
 */
#include <string.h>

#include "vmtest.h"

bool outcome_green(enum outcome o)
{
	return o == OUT_PASS;
}

void json_string(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = s[i];

		switch (ch) {
		case '"':  fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				fprintf(f, "\\u%04x", ch);
			else
				fputc(ch, f);
		}
	}
	fputc('"', f);
}

static void jstr(FILE *f, const char *s)
{
	json_string(f, s ? s : "", s ? strlen(s) : 0);
}

/* What a cell's name adds to its kernel's: "bare", "xen/smp4". */
static const char *cell_column(const struct cell *c)
{
	return c->id + strlen(c->kernel->name) + 1;
}

/*
 * One line a cell, in the order cells were given (kernels, hypervisors,
 * CPU counts): kernel, hypervisor, CPUs, outcome, the hv self-test.
 */
void report_table(FILE *f, struct cell *cells, size_t n)
{
	int wk = 6, wh = 2;
	char brief[80];

	for (size_t i = 0; i < n; i++) {
		int k = strlen(cells[i].kernel->name);
		int h = strlen(hv_name(cells[i].hv));

		wk = k > wk ? k : wk;
		wh = h > wh ? h : wh;
	}
	fprintf(f, "%-*s  %-*s  %4s  %-12s  %s\n", wk, "kernel", wh, "hv",
		"cpus", "outcome", "hv self-test");
	for (size_t i = 0; i < n; i++) {
		const struct cell *c = &cells[i];

		selftest_brief(&c->selftest, brief, sizeof(brief));
		fprintf(f, "%-*s  %-*s  %4d  %-12s  %s\n", wk, c->kernel->name,
			wh, hv_name(c->hv), c->smp, outcome_name(c->outcome),
			brief);
	}
}

static void json_proc_read(FILE *f, const struct agent_proc_read *r)
{
	fprintf(f, "{\"sent\": %s", r->sent ? "true" : "false");
	if (r->sent)
		fprintf(f, ", \"status\": %d, \"hung\": %s", r->status,
			r->timed_out ? "true" : "false");
	fputs(", \"text\": ", f);
	json_string(f, r->text ? r->text : "", r->len);
	fputc('}', f);
}

static void json_selftest(FILE *f, const struct cell *c)
{
	const struct selftest *st = &c->selftest;

	fputs(",\n     \"hv_selftest\": {\"verdict\": ", f);
	jstr(f, !st->ran ? "not run" : st->problem[0] ? "fail" : "pass");
	fputs(", \"problem\": ", f);
	jstr(f, st->problem);
	fputs(", \"summary\": ", f);
	jstr(f, st->summary);
	fprintf(f, ", \"pass\": %zu, \"fail\": %zu, \"unsupported\": %zu,"
		"\n      \"results\": [", st->count[SELFTEST_PASS],
		st->count[SELFTEST_FAIL], st->count[SELFTEST_UNSUPPORTED]);
	for (size_t i = 0; i < st->n; i++) {
		const struct selftest_line *l = &st->lines[i];

		fputs(i ? ",\n        {\"op\": " : "\n        {\"op\": ", f);
		jstr(f, l->op);
		fputs(", \"path\": ", f);
		jstr(f, l->path);
		fputs(", \"result\": ", f);
		jstr(f, selftest_result_name(l->result));
		fputs(", \"detail\": ", f);
		jstr(f, l->detail);
		fputc('}', f);
	}
	fputs("],\n      \"read\": ", f);
	json_proc_read(f, &c->agent.selftest);
	fputs("},\n     \"hv_info\": ", f);
	json_proc_read(f, &c->agent.hvinfo);
}

static void json_cell(FILE *f, const struct run_config *cfg,
		      const struct cell *c)
{
	const struct agent_report *a = &c->agent;

	fputs("    {\"kernel\": ", f);
	jstr(f, c->kernel->name);
	fputs(", \"version\": ", f);
	jstr(f, c->kernel->version);
	fputs(", \"flavour\": ", f);
	jstr(f, c->kernel->flavour);
	fputs(", \"hv\": ", f);
	jstr(f, hv_name(c->hv));
	fprintf(f, ", \"smp\": %d", c->smp);
	fputs(",\n     \"outcome\": ", f);
	jstr(f, outcome_name(c->outcome));
	fputs(", \"reason\": ", f);
	jstr(f, c->reason);
	fprintf(f, ", \"seconds\": %.1f, \"dir\": ", c->seconds);
	jstr(f, c->dir);
	fputs(",\n     \"guest\": {\"booted\": ", f);
	fputs(a->hello ? "true" : "false", f);
	fputs(", \"release\": ", f);
	jstr(f, a->release);
	fprintf(f, ", \"cpus\": %d", a->cpus);
	fputs(", \"hypervisor\": ", f);
	jstr(f, a->hv_type);
	fputs(", \"xen_capabilities\": ", f);
	jstr(f, a->xen_caps);
	fputs(", \"xen_version\": ", f);
	jstr(f, a->xen_version);
	fputs(", \"xen_guest_type\": ", f);
	jstr(f, a->xen_guest_type);
	if (c->hv == HV_XEN)
		fprintf(f, ", \"xen_boot_message\": %s, \"xen_pv_dom0\": %s",
			c->xen_boot_msg ? "true" : "false",
			c->xen_pv_dom0 ? "true" : "false");
	fputs(", \"agent_done\": ", f);
	fputs(a->done ? "true" : "false", f);
	fputs("},\n     \"module\": {\"state\": ", f);
	jstr(f, a->module_state[0] ? a->module_state : "not reached");
	fputs(", \"detail\": ", f);
	jstr(f, a->module_text);
	fputs(", \"unload\": ", f);
	jstr(f, a->unload_state[0] ? a->unload_state : "not reached");
	fputs(", \"unload_detail\": ", f);
	jstr(f, a->unload_text);
	fputc('}', f);
	json_selftest(f, c);
	fputs(",\n     \"command\": {\"argv\": [", f);
	for (int i = 0; i < cfg->argc; i++) {
		if (i)
			fputs(", ", f);
		jstr(f, cfg->argv[i]);
	}
	fputs("], \"ran\": ", f);
	fputs(a->cmd_ran ? "true" : "false", f);
	if (a->cmd_ran)
		fprintf(f, ", \"status\": %d, \"seconds\": %d, "
			"\"timed_out\": %s", a->cmd_status, a->cmd_seconds,
			a->cmd_killed ? "true" : "false");
	fputs(", \"output\": ", f);
	json_string(f, a->output ? a->output : "", a->output_len);
	fputs("},\n     \"kernel_log_reports\": [", f);
	for (size_t i = 0; i < c->nsplats; i++) {
		fputs(i ? ", {\"kind\": " : "{\"kind\": ", f);
		jstr(f, c->splats[i].kind);
		fputs(", \"line\": ", f);
		jstr(f, c->splats[i].line);
		fputc('}', f);
	}
	fputs("]}", f);
}

int report_json(FILE *f, const struct run_config *cfg, struct cell *cells,
		size_t n)
{
	size_t green = 0;

	for (size_t i = 0; i < n; i++)
		green += outcome_green(cells[i].outcome);
	fputs("{\n  \"results_dir\": ", f);
	jstr(f, cfg->results_dir);
	fputs(", \"accel\": ", f);
	jstr(f, cfg->kvm ? "kvm" : "tcg");
	fprintf(f, ", \"timeout\": %d, \"smp\": [", cfg->timeout);
	for (size_t i = 0; i < cfg->nsmps; i++)
		fprintf(f, "%s%d", i ? ", " : "", cfg->smps[i]);
	fputs("],\n  \"cwd\": ", f);
	jstr(f, cfg->cwd);
	fprintf(f, ", \"green\": %s,\n  \"cells\": [\n",
		green == n && n ? "true" : "false");
	for (size_t i = 0; i < n; i++) {
		json_cell(f, cfg, &cells[i]);
		fputs(i + 1 < n ? ",\n" : "\n", f);
	}
	fputs("  ]\n}\n", f);
	return ferror(f) ? -1 : 0;
}

/* Reasons go on one line in TAP. */
static void one_line(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\n' || *s == '#' ? ' ' : *s, f);
}

/* The self-test's counts, then every line that did not pass. */
static void tap_selftest(FILE *f, const struct selftest *st)
{
	char brief[80];

	if (!st->ran)
		return;
	selftest_brief(st, brief, sizeof(brief));
	fprintf(f, "# hv self-test: %s\n", brief);
	for (size_t i = 0; i < st->n; i++) {
		const struct selftest_line *l = &st->lines[i];

		if (l->result == SELFTEST_PASS)
			continue;
		fprintf(f, "# hv self-test: %s %s %s: ", l->op, l->path,
			selftest_result_name(l->result));
		one_line(f, l->detail);
		fputc('\n', f);
	}
}

int report_tap(FILE *f, struct cell *cells, size_t n)
{
	fprintf(f, "TAP version 13\n1..%zu\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct cell *c = &cells[i];

		fprintf(f, "%s %zu - %s", outcome_green(c->outcome) ||
			c->outcome == OUT_SKIP ? "ok" : "not ok", i + 1,
			c->id);
		if (c->outcome == OUT_SKIP) {
			fputs(" # SKIP ", f);
			one_line(f, c->reason);
		} else if (!outcome_green(c->outcome)) {
			fprintf(f, " # %s: ", outcome_name(c->outcome));
			one_line(f, c->reason);
		}
		fputc('\n', f);
		/* A skipped module step is visible even on a green cell. */
		if (!strcmp(c->agent.module_state, "skip")) {
			fputs("# module: ", f);
			one_line(f, c->agent.module_text);
			fputc('\n', f);
		}
		tap_selftest(f, &c->selftest);
	}
	return ferror(f) ? -1 : 0;
}

static void xml_text(FILE *f, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = s[i];

		switch (ch) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if (ch >= 0x20 || ch == '\n' || ch == '\t')
				fputc(ch, f);
		}
	}
}

static void xml_str(FILE *f, const char *s)
{
	xml_text(f, s, strlen(s));
}

/*
 * Each line of a cell's self-test is a test case of its own, named after
 * the cell's: a failed line is a failure, an unsupported path a skip.
 */
static void junit_selftest(FILE *f, const struct cell *c)
{
	for (size_t i = 0; i < c->selftest.n; i++) {
		const struct selftest_line *l = &c->selftest.lines[i];

		fputs("  <testcase classname=\"vmtest.", f);
		xml_str(f, c->kernel->name);
		fputs("\" name=\"", f);
		xml_str(f, cell_column(c));
		fprintf(f, " hv-selftest %s %s\">", l->op, l->path);
		if (l->result == SELFTEST_PASS) {
			fputs("<system-out>", f);
			xml_str(f, l->detail);
			fputs("</system-out>", f);
		} else {
			fputs(l->result == SELFTEST_FAIL ?
			      "<failure type=\"hv-selftest\" message=\"" :
			      "<skipped message=\"unsupported: ", f);
			xml_str(f, l->detail);
			fputs("\"/>", f);
		}
		fputs("</testcase>\n", f);
	}
}

int report_junit(FILE *f, struct cell *cells, size_t n)
{
	size_t tests = n, failures = 0, errors = 0, skipped = 0;

	for (size_t i = 0; i < n; i++) {
		const struct selftest *st = &cells[i].selftest;
		enum outcome o = cells[i].outcome;

		skipped += o == OUT_SKIP;
		errors += o == OUT_INFRA;
		failures += !outcome_green(o) && o != OUT_SKIP &&
			    o != OUT_INFRA;
		tests += st->n;
		failures += st->count[SELFTEST_FAIL];
		skipped += st->count[SELFTEST_UNSUPPORTED];
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuite name=\"vmtest\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\" skipped=\"%zu\">\n", tests, failures, errors,
		skipped);
	for (size_t i = 0; i < n; i++) {
		const struct cell *c = &cells[i];
		const char *out = c->agent.output ? c->agent.output : "";
		size_t olen = c->agent.output_len;

		fputs("  <testcase classname=\"vmtest.", f);
		xml_str(f, c->kernel->name);
		fputs("\" name=\"", f);
		xml_str(f, cell_column(c));
		fprintf(f, "\" time=\"%.1f\">\n", c->seconds);
		if (c->outcome == OUT_SKIP) {
			fputs("    <skipped message=\"", f);
			xml_str(f, c->reason);
			fputs("\"/>\n", f);
		} else if (!outcome_green(c->outcome)) {
			fprintf(f, "    <%s type=\"%s\" message=\"",
				c->outcome == OUT_INFRA ? "error" : "failure",
				outcome_name(c->outcome));
			xml_str(f, c->reason);
			fputs("\">", f);
			/* The end of the output holds what went wrong. */
			if (olen > 8192) {
				out += olen - 8192;
				olen = 8192;
			}
			xml_text(f, out, olen);
			fprintf(f, "</%s>\n", c->outcome == OUT_INFRA ?
				"error" : "failure");
		}
		if (c->agent.output && outcome_green(c->outcome)) {
			fputs("    <system-out>", f);
			xml_text(f, c->agent.output, c->agent.output_len);
			fputs("</system-out>\n", f);
		}
		fputs("  </testcase>\n", f);
		junit_selftest(f, c);
	}
	fputs("</testsuite>\n", f);
	return ferror(f) ? -1 : 0;
}
