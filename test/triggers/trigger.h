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
#include <sys/syscall.h>
#include <unistd.h>

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

/* A macro's value as a string (for inline assembly). */
#define TRIGGER_STR_(x)	#x
#define TRIGGER_STR(x)	TRIGGER_STR_(x)

/*
 * Wait until a signal ends the process: for triggers whose process must
 * still run when dtrace prints what it recorded (user symbols are read
 * from the live process).  Returns only if pause() fails.
 */
static inline int trigger_wait_for_signal(void)
{
	for (;;)
		if (syscall(SYS_pause) != 0 && errno != EINTR)
			return 1;
}

#endif /* TRIGGER_H */
