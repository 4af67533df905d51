/*
 * The hypervisor layer's self-test, as a cell's guest reported it.
 *
 * After loading dtrace.ko the agent reads /proc/dtrace/hv-selftest (the
 * read runs the test) and sends what it read as the "selftest" blob.  The
 * module's contract (hv/hv.h, hv_selftest()) is one line per op and path,
 *
 *	OP PATH RESULT DETAIL
 *
 * with OP one of trap, text, xcall, clock, PATH api or raw, RESULT pass,
 * fail or unsupported and DETAIL free text, then a final line
 *
 *	selftest pass|fail[:] N pass, N fail, N unsupported
 *
 * The self-test fails its cell when a line says "fail", when the report is
 * not all there (no final line, the read timed out or failed, a line that
 * does not follow the contract, a final line that disagrees with the
 * lines), or when the module loaded and there is no report at all.  An
 * unsupported path is not a failure: it is a path this kernel or platform
 * cannot take, and the module said so instead of trying.
 */
#include <stdarg.h>
#include <string.h>

#include "vmtest.h"

static const char *const ops[] = { "trap", "text", "xcall", "clock" };
static const char *const paths[] = { "api", "raw" };
static const char *const results[] = {
	[SELFTEST_PASS] = "pass",
	[SELFTEST_FAIL] = "fail",
	[SELFTEST_UNSUPPORTED] = "unsupported",
};

const char *selftest_result_name(enum selftest_result r)
{
	return results[r];
}

static int word_index(const char *word, size_t len,
		      const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(words[i]) == len && !memcmp(words[i], word, len))
			return (int)i;
	return -1;
}

static void problem(struct selftest *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The first problem found is the one the cell reports. */
static void problem(struct selftest *st, const char *fmt, ...)
{
	va_list ap;

	if (st->problem[0])
		return;
	va_start(ap, fmt);
	vsnprintf(st->problem, sizeof(st->problem), fmt, ap);
	va_end(ap);
}

/* "OP PATH RESULT DETAIL"; false when the line does not follow it. */
static bool parse_result(struct selftest_line *l, const char *s, size_t len)
{
	const char *end = s + len;
	const char *word[3];
	size_t wlen[3];
	int op, path, result;

	for (int i = 0; i < 3; i++) {
		while (s < end && *s == ' ')
			s++;
		word[i] = s;
		while (s < end && *s != ' ')
			s++;
		wlen[i] = s - word[i];
	}
	op = word_index(word[0], wlen[0], ops, 4);
	path = word_index(word[1], wlen[1], paths, 2);
	result = word_index(word[2], wlen[2], results, 3);
	if (op < 0 || path < 0 || result < 0)
		return false;
	while (s < end && *s == ' ')
		s++;
	snprintf(l->op, sizeof(l->op), "%s", ops[op]);
	snprintf(l->path, sizeof(l->path), "%s", paths[path]);
	l->result = result;
	snprintf(l->detail, sizeof(l->detail), "%.*s", (int)(end - s), s);
	return true;
}

/* "selftest pass|fail[:] N pass, N fail, N unsupported" */
static bool parse_summary(struct selftest *st, const char *s, size_t len)
{
	char line[sizeof(st->summary)], verdict[8];
	int n = 0;

	snprintf(line, sizeof(line), "%.*s", (int)len, s);
	if (sscanf(line, "selftest %4[a-z]%*[: ]%d pass, %d fail, %d "
		   "unsupported%n", verdict, &st->said[SELFTEST_PASS],
		   &st->said[SELFTEST_FAIL], &st->said[SELFTEST_UNSUPPORTED],
		   &n) != 4 || (size_t)n != strlen(line) ||
	    (strcmp(verdict, "pass") && strcmp(verdict, "fail")))
		return false;
	snprintf(st->summary, sizeof(st->summary), "%s", line);
	st->said_fail = !strcmp(verdict, "fail");
	return true;
}

/* Fills st from text; the first line that breaks the contract into bad. */
static void parse_lines(struct selftest *st, const char *text, size_t len,
			char *bad, size_t badlen)
{
	const char *p = text, *end = text + len;
	int lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *line = p;

		p += n + (nl != NULL);
		lineno++;
		if (!n)
			continue;
		if (*bad) {
			continue;
		} else if (st->summary[0]) {
			snprintf(bad, badlen, "hv self-test: line %d comes "
				 "after the final line: '%.*s'", lineno,
				 (int)n, line);
		} else if (n > 9 && !memcmp(line, "selftest ", 9)) {
			if (!parse_summary(st, line, n))
				snprintf(bad, badlen, "hv self-test: final "
					 "line %d not understood: '%.*s' (want "
					 "'selftest pass|fail: N pass, N fail, "
					 "N unsupported')", lineno, (int)n,
					 line);
		} else if (st->n == SELFTEST_MAX_LINES) {
			snprintf(bad, badlen, "hv self-test: more than %d "
				 "result lines", SELFTEST_MAX_LINES);
		} else if (parse_result(&st->lines[st->n], line, n)) {
			st->count[st->lines[st->n++].result]++;
		} else {
			snprintf(bad, badlen, "hv self-test: line %d not "
				 "understood: '%.*s' (want 'OP PATH RESULT "
				 "DETAIL', OP trap|text|xcall|clock, PATH "
				 "api|raw, RESULT pass|fail|unsupported)",
				 lineno, (int)n, line);
		}
	}
}

/* Every failed line, "op path: detail; op path: detail". */
static void name_failures(struct selftest *st)
{
	char list[sizeof(st->problem)] = "";
	size_t used = 0;

	for (size_t i = 0; i < st->n && used < sizeof(list); i++) {
		const struct selftest_line *l = &st->lines[i];

		if (l->result == SELFTEST_FAIL)
			used += snprintf(list + used, sizeof(list) - used,
					 "%s%s %s: %s", used ? "; " : "",
					 l->op, l->path, l->detail);
	}
	problem(st, "hv self-test failed: %s", list);
}

/* The first line of what a read returned (its error message), for reasons. */
static int first_line(const struct agent_proc_read *r)
{
	return r->text ? (int)strcspn(r->text, "\n") : 0;
}

void selftest_judge(struct selftest *st, const struct agent_report *a)
{
	const struct agent_proc_read *r = &a->selftest;
	char bad[sizeof(st->problem)] = "";

	memset(st, 0, sizeof(*st));
	if (strcmp(a->module_state, "load"))
		return;		/* no module, no self-test: not run */
	st->ran = true;
	if (!r->sent) {
		if (a->done)
			problem(st, "hv self-test missing: the module loaded "
				"but the agent sent no self-test");
		else
			problem(st, "hv self-test missing: the guest stopped "
				"before the self-test was read");
		return;
	}
	if (r->text)
		parse_lines(st, r->text, r->len, bad, sizeof(bad));
	if (st->count[SELFTEST_FAIL])
		name_failures(st);
	if (r->timed_out)
		problem(st, "hv self-test hung: reading /proc/dtrace/"
			"hv-selftest did not finish within %d s (%zu result "
			"lines before that)", HV_READ_TIMEOUT, st->n);
	if (!st->n && !st->summary[0] && r->status)
		problem(st, "hv self-test missing: the module loaded but "
			"reading /proc/dtrace/hv-selftest failed (status %d: "
			"%.*s)", r->status, first_line(r),
			r->text ? r->text : "");
	if (*bad)
		problem(st, "%s", bad);
	if (!st->summary[0])
		problem(st, "hv self-test incomplete: no final 'selftest "
			"pass|fail' line after %zu result lines", st->n);
	if (st->said_fail)
		problem(st, "hv self-test failed: its final line says '%s' "
			"but no result line failed", st->summary);
	for (int i = 0; i < SELFTEST_NRESULTS && st->summary[0]; i++)
		if (st->said[i] != (int)st->count[i])
			problem(st, "hv self-test: the final line '%s' "
				"disagrees with the %zu %s lines", st->summary,
				st->count[i], results[i]);
	if (r->status)
		problem(st, "hv self-test: reading /proc/dtrace/hv-selftest "
			"exited with status %d", r->status);
	if (!a->hvinfo.sent)
		problem(st, "hv info missing: the agent sent no "
			"/proc/dtrace/hv");
	else if (a->hvinfo.timed_out || a->hvinfo.status)
		problem(st, "hv info missing: reading /proc/dtrace/hv %s "
			"(status %d: %.*s)", a->hvinfo.timed_out ?
			"did not finish" : "failed", a->hvinfo.status,
			first_line(&a->hvinfo), a->hvinfo.text ?
			a->hvinfo.text : "");
}

void selftest_brief(const struct selftest *st, char *buf, size_t len)
{
	if (!st->ran)
		snprintf(buf, len, "-");
	else if (!st->n && !st->summary[0])
		snprintf(buf, len, "missing");
	else
		snprintf(buf, len, "%zu pass %zu fail %zu unsupp%s",
			 st->count[SELFTEST_PASS], st->count[SELFTEST_FAIL],
			 st->count[SELFTEST_UNSUPPORTED],
			 st->summary[0] ? "" : " (incomplete)");
}
