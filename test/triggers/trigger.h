/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every trigger program shares: argument parsing that refuses bad
 * input loudly.  A trigger is run by a kernel test (through system()) or
 * by a bench; it prints nothing on success, so that it never adds to the
 * output a test compares, and says on stderr what went wrong otherwise.
 */
#ifndef TRIGGER_H
#define TRIGGER_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static inline void trigger_usage(const char *usage)
{
	fprintf(stderr, "usage: %s\n", usage);
	exit(2);
}

/* A non-negative decimal count, or exit with the usage line. */
static inline unsigned long trigger_count(const char *arg, const char *usage)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || *arg == '-') {
		fprintf(stderr, "'%s' is not a count\n", arg);
		trigger_usage(usage);
	}
	return n;
}

#endif /* TRIGGER_H */
