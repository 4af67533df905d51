// SPDX-License-Identifier: GPL-2.0
/*
 * openat_path PATH
 *
 * Makes one openat(AT_FDCWD, PATH, O_RDONLY) system call, then closes the
 * descriptor if it got one.  It exits 0 whether the open succeeded or not:
 * the point is the call, whose path (arg1 at entry) and errno (at return)
 * the tests check.  Give a path that does not exist for ENOENT, a
 * directory that does not exist in the middle of a path for ENOENT too,
 * /dev/null for success.
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
	fd = syscall(SYS_openat, AT_FDCWD, argv[1], O_RDONLY);
	if (fd >= 0)
		close(fd);
	return 0;
}
