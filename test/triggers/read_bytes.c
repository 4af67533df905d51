// SPDX-License-Identifier: GPL-2.0
/*
 * read_bytes FILE SIZE TIMES
 *
 * Opens FILE and makes TIMES read system calls of SIZE bytes each, from
 * one buffer, stopping early only on an error or at end of file.  From
 * /dev/zero every read returns SIZE, so syscall::read:entry sees
 * arg2 == SIZE and syscall::read:return sees arg0 == SIZE, TIMES times.
 * Exits 0 when every read returned SIZE bytes, 1 otherwise (with the
 * reason on stderr).
 */
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trigger.h"

#define USAGE "read_bytes FILE SIZE TIMES"

int main(int argc, char **argv)
{
	unsigned long size, times, i;
	char *buf;
	long got;
	int fd;

	if (argc != 4)
		trigger_usage(USAGE);
	size = trigger_count(argv[2], USAGE);
	times = trigger_count(argv[3], USAGE);
	buf = malloc(size ? size : 1);
	if (buf == NULL) {
		fprintf(stderr, "read_bytes: no memory for %lu bytes\n", size);
		return 1;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "read_bytes: cannot open %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	for (i = 0; i < times; i++) {
		got = syscall(SYS_read, fd, buf, size);
		if (got != (long)size) {
			fprintf(stderr, "read_bytes: read %lu of %s returned "
				"%ld, not %lu%s%s\n", i + 1, argv[1], got,
				size, got < 0 ? ": " : "",
				got < 0 ? strerror(errno) : "");
			return 1;
		}
	}
	close(fd);
	free(buf);
	return 0;
}
