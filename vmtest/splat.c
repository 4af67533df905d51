/*
 * Kernel-log reports that fail a cell even when every test passed.  Each
 * pattern is a substring of the first line the kernel prints for that
 * report; "cut here" is not matched on its own since the WARNING or BUG
 * line that follows it names the report.  Specific patterns come first:
 * lockdep and the lockup detectors print "WARNING:" and "BUG:" too, and
 * the first match names the report.  dtrace.ko's own report of memory
 * it did not free by the time it was unloaded (core/os/linux/
 * os_linux_mem.c) is one of them: a leak fails the cell like an oops.
 */
#include <string.h>

#include "vmtest.h"

static const struct {
	const char *needle;
	const char *kind;
} splat_patterns[] = {
	{ "Oops: ",					"oops" },
	{ "general protection fault",			"oops" },
	{ "Kernel panic - not syncing",			"panic" },
	{ "possible circular locking dependency",	"lockdep" },
	{ "possible recursive locking detected",	"lockdep" },
	{ "inconsistent lock state",			"lockdep" },
	{ "suspicious RCU usage",			"lockdep" },
	{ "lock held when returning to user space",	"lockdep" },
	{ "INFO: trying to register non-static key",	"lockdep" },
	{ "KASAN: ",					"KASAN" },
	{ "UBSAN: ",					"UBSAN" },
	{ "rcu_sched self-detected stall",		"RCU stall" },
	{ "rcu_preempt self-detected stall",		"RCU stall" },
	{ "detected stalls on CPUs/tasks",		"RCU stall" },
	{ "rcu: INFO: ",				"RCU stall" },
	{ "soft lockup - CPU#",				"lockup" },
	{ "hard LOCKUP",				"lockup" },
	{ "blocked for more than",			"hung task" },
	{ "dtrace: leak at unload",			"leak" },
	{ "kernel BUG at ",				"BUG" },
	{ "BUG: ",					"BUG" },
	{ "WARNING: ",					"WARNING" },
};

static const char *match(const char *line, size_t len)
{
	for (size_t i = 0; i < sizeof(splat_patterns) / sizeof(*splat_patterns);
	     i++) {
		const char *n = splat_patterns[i].needle;

		if (memmem(line, len, n, strlen(n)))
			return splat_patterns[i].kind;
	}
	return NULL;
}

/* Fills out[] with up to max reports; returns how many were found. */
size_t splat_scan(const char *log, size_t len, struct splat *out,
		  size_t max)
{
	size_t found = 0;
	const char *p = log, *end = log + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t llen = (nl ? nl : end) - p;
		const char *kind = match(p, llen);

		if (kind) {
			if (found < max) {
				out[found].kind = kind;
				snprintf(out[found].line,
					 sizeof(out[found].line), "%.*s",
					 (int)(llen < 199 ? llen : 199), p);
			}
			found++;
		}
		p = nl ? nl + 1 : end;
	}
	return found;
}
