// SPDX-License-Identifier: GPL-2.0
/*
 * syscall_burst ROUNDS
 *
 * Makes ROUNDS rounds of four system calls, in this order, each with
 * known arguments and a known result:
 *
 *	getppid()			succeeds
 *	getuid()			succeeds
 *	lseek(-1, i, SEEK_SET)		i = 0 .. ROUNDS-1; fails with EBADF
 *	close(-1)			fails with EBADF
 *
 * so each of syscall::{getppid,getuid,lseek,close}:entry fires ROUNDS
 * times for this process, the lseek offsets (arg1) add up to
 * ROUNDS * (ROUNDS - 1) / 2, and lseek and close return errno 9 (EBADF)
 * every time.  The C runtime's own start-up makes none of these calls.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "trigger.h"

#define USAGE "syscall_burst ROUNDS"

int main(int argc, char **argv)
{
	unsigned long rounds, i;

	if (argc != 2)
		trigger_usage(USAGE);
	rounds = trigger_count(argv[1], USAGE);
	for (i = 0; i < rounds; i++) {
		syscall(SYS_getppid);
		syscall(SYS_getuid);
		syscall(SYS_lseek, -1, (long)i, SEEK_SET);
		syscall(SYS_close, -1);
	}
	return 0;
}
