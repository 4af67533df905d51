// SPDX-License-Identifier: GPL-2.0
/*
 * -C: the program text goes through the system C preprocessor first, with
 * the -D, -U and -I options in command-line order.  cpp's line markers
 * ("# 12 "<stdin>"") are left in the output: the lexer uses them to put
 * errors back on the user's lines.  cpp's own diagnostics go to stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dt_cc.h"

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

char *dt_cpp_run(dt_cc_t *cc, const char *text)
{
	char tmpl[] = "/tmp/dtrace-cpp-XXXXXX";
	int in = mkstemp(tmpl), out[2], status, i, argc = 0;
	char **argv, *buf = NULL, *res;
	size_t len = 0, cap = 0;
	pid_t pid;

	if (in < 0)
		dt_error(cc, 0, "D_PREPROC",
			 "failed to create a temporary file for cpp: %s",
			 strerror(errno));
	unlink(tmpl);
	if (write_all(in, text, strlen(text)) != 0 ||
	    lseek(in, 0, SEEK_SET) != 0 || pipe(out) != 0) {
		close(in);
		dt_error(cc, 0, "D_PREPROC", "failed to run cpp: %s",
			 strerror(errno));
	}
	argv = dt_zalloc(cc, (cc->opts.cpp_argc + 8) * sizeof(char *));
	argv[argc++] = "cpp";
	argv[argc++] = "-xc";
	argv[argc++] = "-D__linux__";
	argv[argc++] = "-D__SUNW_D=1";
	for (i = 0; i < cc->opts.cpp_argc; i++)
		argv[argc++] = cc->opts.cpp_argv[i];
	argv[argc++] = "-";
	argv[argc] = NULL;

	pid = fork();
	if (pid == 0) {
		dup2(in, 0);
		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		close(in);
		execvp("cpp", argv);
		fprintf(stderr, "dtrace: failed to run cpp: %s\n",
			strerror(errno));
		_exit(127);
	}
	close(in);
	close(out[1]);
	if (pid < 0) {
		close(out[0]);
		dt_error(cc, 0, "D_PREPROC", "failed to fork cpp: %s",
			 strerror(errno));
	}
	for (;;) {
		ssize_t r;

		if (len + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (nb == NULL)
				break;
			buf = nb;
		}
		r = read(out[0], buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(out[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (buf == NULL || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		free(buf);
		dt_error(cc, 0, "D_PREPROC",
			 "failed to preprocess %s: cpp exited with status %d",
			 cc->srcname ? cc->srcname : "the program",
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	buf[len] = '\0';
	res = dt_strdup(cc, buf);
	free(buf);
	return res;
}
