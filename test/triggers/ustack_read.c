// SPDX-License-Identifier: GPL-2.0
/*
 * ustack_read
 *
 * Reads 7 bytes from /dev/zero with the C library's read(), called from
 * main(): the user stack at syscall::read:entry (arg2 == 7; the dynamic
 * loader's reads are larger) is libc.so.6`read, then ustack_read`main.
 * Then it waits in pause() until a signal ends it, so that dtrace can
 * read its mappings and symbols while it still runs (a test kills it when
 * it is done); alarm() ends it after a minute if no one does.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "trigger.h"

int main(int argc, char **argv)
{
	char buf[7];
	int fd;

	if (argc != 1)
		trigger_usage("ustack_read");
	alarm(60);
	fd = open("/dev/zero", O_RDONLY);
	if (fd < 0 || read(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
		fprintf(stderr, "ustack_read: cannot read /dev/zero: %s\n",
			strerror(errno));
		return 1;
	}
	close(fd);
	return trigger_wait_for_signal();
}
