// SPDX-License-Identifier: GPL-2.0
/*
 * getpid_paced MICROSECONDS
 *
 * Makes a getpid system call, then sleeps MICROSECONDS, over and over
 * until it is killed: a steady stream of system calls (getpid, and the
 * clock_nanosleep of the pause) that costs the CPU little, so that a
 * stress test can keep syscall probes firing on every CPU of a slow,
 * emulated guest without starving the process it is testing.
 */
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trigger.h"

#define USAGE "getpid_paced MICROSECONDS"

int main(int argc, char **argv)
{
	unsigned long us;
	struct timespec pause;

	if (argc != 2)
		trigger_usage(USAGE);
	us = trigger_count(argv[1], USAGE);
	pause.tv_sec = us / 1000000;
	pause.tv_nsec = (us % 1000000) * 1000;
	for (;;) {
		syscall(SYS_getpid);
		nanosleep(&pause, NULL);
	}
}
