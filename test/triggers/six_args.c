// SPDX-License-Identifier: GPL-2.0
/*
 * six_args
 *
 * Makes one splice system call, which takes six arguments, with values a
 * test can recognise: splice(-1, 0x11, -2, 0x22, 0x33, 0x44).  The file
 * descriptors are invalid, so the kernel fails it with EBADF before it
 * looks at the others (the offsets are never dereferenced); what matters
 * is that syscall::splice:entry sees all six, arg5 included.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "trigger.h"

int main(int argc, char **argv)
{
	if (argc != 1)
		trigger_usage("six_args");
	syscall(SYS_splice, -1L, 0x11L, -2L, 0x22L, 0x33L, 0x44L);
	return 0;
}
