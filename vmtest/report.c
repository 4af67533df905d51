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

/* Kernels down, hypervisors across, in the order cells were given. */
void report_table(FILE *f, struct cell *cells, size_t n)
{
	const char *kernels[256];
	size_t nk = 0, w = 6;
	bool has[2] = { false, false };

	for (size_t i = 0; i < n; i++) {
		size_t j;

		has[cells[i].hv] = true;
		for (j = 0; j < nk; j++)
			if (!strcmp(kernels[j], cells[i].kernel->name))
				break;
		if (j == nk && nk < 256)
			kernels[nk++] = cells[i].kernel->name;
		if (strlen(cells[i].kernel->name) > w)
			w = strlen(cells[i].kernel->name);
	}
	fprintf(f, "%-*s", (int)w + 2, "kernel");
	for (int h = 0; h < 2; h++)
		if (has[h])
			fprintf(f, "%-14s", hv_name(h));
	fputc('\n', f);
	for (size_t k = 0; k < nk; k++) {
		fprintf(f, "%-*s", (int)w + 2, kernels[k]);
		for (int h = 0; h < 2; h++) {
			const char *cell = "-";

			if (!has[h])
				continue;
			for (size_t i = 0; i < n; i++)
				if (cells[i].hv == (enum hv)h &&
				    !strcmp(cells[i].kernel->name, kernels[k]))
					cell = outcome_name(cells[i].outcome);
			fprintf(f, "%-14s", cell);
		}
		fputc('\n', f);
	}
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
	fputs("},\n     \"command\": {\"argv\": [", f);
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
	fprintf(f, ", \"timeout\": %d, \"smp\": %d,\n  \"cwd\": ",
		cfg->timeout, cfg->smp);
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

int report_junit(FILE *f, struct cell *cells, size_t n)
{
	size_t failures = 0, errors = 0, skipped = 0;

	for (size_t i = 0; i < n; i++) {
		enum outcome o = cells[i].outcome;

		skipped += o == OUT_SKIP;
		errors += o == OUT_INFRA;
		failures += !outcome_green(o) && o != OUT_SKIP &&
			    o != OUT_INFRA;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuite name=\"vmtest\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\" skipped=\"%zu\">\n", n, failures, errors,
		skipped);
	for (size_t i = 0; i < n; i++) {
		const struct cell *c = &cells[i];
		const char *out = c->agent.output ? c->agent.output : "";
		size_t olen = c->agent.output_len;

		fputs("  <testcase classname=\"vmtest.", f);
		xml_str(f, c->kernel->name);
		fputs("\" name=\"", f);
		xml_str(f, hv_name(c->hv));
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
	}
	fputs("</testsuite>\n", f);
	return ferror(f) ? -1 : 0;
}
