// SPDX-License-Identifier: GPL-2.0
/*
 * openat_path PATH
 *
 * Makes one getppid system call, a marker, then one openat(AT_FDCWD,
 * PATH, O_RDONLY) system call, then closes the descriptor if it got one.
 * The C runtime's start-up opens files of its own (the dynamic linker's
 * cache, libraries); a script that sets a thread-local flag at
 * syscall::getppid:entry for this process sees only the openat that
 * follows it.
 *
 * It exits 0 whether the open succeeded or not: the point is the call,
 * whose path (arg1 at entry) and errno (at return) the tests check.  Give
 * a path that does not exist for ENOENT, /dev/null for success.
 */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trigger.h"

int main(int argc, char **argv)
{
	long fd;

	if (argc != 2)
		trigger_usage("openat_path PATH");
	syscall(SYS_getppid);
	fd = syscall(SYS_openat, AT_FDCWD, argv[1], O_RDONLY);
	if (fd >= 0)
		close(fd);
	return 0;
}
