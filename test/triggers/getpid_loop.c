// SPDX-License-Identifier: GPL-2.0
/*
 * getpid_loop COUNT
 *
 * Makes exactly COUNT getpid system calls and exits 0.  The calls go
 * through syscall(2), not the C library's getpid(), so that no library
 * cache can save one: syscall::getpid:entry fires COUNT times for this
 * process (the C runtime makes no getpid call of its own).  Tests count
 * them; bench/probe-effect times the loop.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "trigger.h"

#define USAGE "getpid_loop COUNT"

int main(int argc, char **argv)
{
	unsigned long n;

	if (argc != 2)
		trigger_usage(USAGE);
	n = trigger_count(argv[1], USAGE);
	while (n-- > 0)
		syscall(SYS_getpid);
	return 0;
}
