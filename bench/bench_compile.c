// SPDX-License-Identifier: GPL-2.0
/*
 * Compile latency as a user sees it: the whole-process wall time of
 * `dtrace -x host=user -e -s SCRIPT` (start, open the in-process host,
 * compile, exit) for a set of representative scripts, against the time of
 * spawning /bin/true the same way, measured in the same run (the machines
 * are noisy: compare the ratios, not the milliseconds, across runs).
 *
 * The target for a one-liner is under 5 ms.  kernel-task_struct reads
 * kernel types (-x ktypes=/sys/kernel/btf/vmlinux): the cost of parsing
 * and indexing vmlinux's BTF and converting the types one script uses.
 *
 * Usage: bench_compile [-n RUNS] [-d PATH_TO_DTRACE]
 * Output, one line per script:
 *   oneliner-printf        1.83 ms   ratio  2.10 of /bin/true
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define VMLINUX_BTF	"/sys/kernel/btf/vmlinux"

static const struct {
	const char *name;
	const char *text;
	const char *ktypes;	/* -x ktypes=, or NULL */
} scripts[] = {
	{ "oneliner-printf", "BEGIN { printf(\"%d\\n\", 1); }\n" },
	{ "oneliner-exit", "BEGIN { exit(0); }\n" },
	{ "aggregations",
	  "tick-1ms { @c[\"ticks\"] = count(); @q = quantize(timestamp & "
	  "1023); @l = lquantize(timestamp & 63, 0, 64, 8); }\n"
	  "tick-1s { printa(\"%s %@d\\n\", @c); trunc(@c); }\n"
	  "END { printa(@q); }\n" },
	{ "variables-predicates",
	  "#pragma D option quiet\n"
	  "int n;\n"
	  "self int depth;\n"
	  "BEGIN { n = 0; start = timestamp; }\n"
	  "profile-997 /n < 100/ { n++; self->depth = n % 7; "
	  "t[n % 10] = timestamp - start; }\n"
	  "profile-997 /self->depth > 3/ { @d[self->depth] = avg(n); }\n"
	  "tick-1s /n >= 100/ { printf(\"%d %s\\n\", n, "
	  "strjoin(\"done\", \"!\")); exit(0); }\n" },
	{ "strings-speculation",
	  "BEGIN { s = speculation(); }\n"
	  "tick-10ms { speculate(s); printf(\"%s-%d\\n\", "
	  "substr(\"abcdef\", 1, 3), strlen(\"xyz\")); }\n"
	  "tick-100ms { commit(s); s = speculation(); }\n"
	  "END { discard(s); }\n" },
	/* the kernel's BTF read, indexed, struct task_struct converted */
	{ "kernel-task_struct",
	  "BEGIN { this->t = (struct task_struct *)arg0; "
	  "printf(\"%d %s %d\\n\", this->t->pid, stringof(this->t->comm), "
	  "this->t->real_parent->tgid); }\n", VMLINUX_BTF },
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Spawn argv, wait; the wall time in ms, or -1 if it failed. */
static double run_once(char *const argv[], int quiet_fd)
{
	posix_spawn_file_actions_t fa;
	double t0, t1;
	int status;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, quiet_fd, STDOUT_FILENO);
	t0 = now_ms();
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	waitpid(pid, &status, 0);
	t1 = now_ms();
	posix_spawn_file_actions_destroy(&fa);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return t1 - t0;
}

/* The median of 'runs' runs, or -1 if any failed. */
static double median_ms(char *const argv[], int runs, int quiet_fd)
{
	double *t = calloc(runs, sizeof(*t)), m;
	int i, j;

	if (t == NULL)
		return -1;
	for (i = 0; i < runs; i++) {
		t[i] = run_once(argv, quiet_fd);
		if (t[i] < 0) {
			free(t);
			return -1;
		}
	}
	for (i = 1; i < runs; i++)	/* insertion sort: runs is small */
		for (j = i; j > 0 && t[j - 1] > t[j]; j--) {
			m = t[j];
			t[j] = t[j - 1];
			t[j - 1] = m;
		}
	m = t[runs / 2];
	free(t);
	return m;
}

int main(int argc, char **argv)
{
	const char *dtrace = "build/dtrace";
	char dir[] = "/tmp/bench_compile.XXXXXX", path[256];
	char *true_argv[] = { "/bin/true", NULL };
	int runs = 50, opt, nullfd, status = 0;
	double base, t;
	size_t i;

	while ((opt = getopt(argc, argv, "n:d:")) != -1) {
		if (opt == 'n')
			runs = atoi(optarg) > 0 ? atoi(optarg) : 1;
		else if (opt == 'd')
			dtrace = optarg;
		else {
			fprintf(stderr, "usage: bench_compile [-n RUNS] "
				"[-d PATH_TO_DTRACE]\n");
			return 2;
		}
	}
	if (access(dtrace, X_OK) != 0) {
		fprintf(stderr, "bench_compile: %s: %s (build it with make)\n",
			dtrace, strerror(errno));
		return 1;
	}
	nullfd = open("/dev/null", O_WRONLY);
	if (nullfd < 0 || mkdtemp(dir) == NULL) {
		fprintf(stderr, "bench_compile: cannot set up: %s\n",
			strerror(errno));
		return 1;
	}
	base = median_ms(true_argv, runs, nullfd);
	printf("%-22s %7.2f ms   (baseline, median of %d)\n", "/bin/true",
	       base, runs);
	for (i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
		char ktypes[64];
		char *dargv[] = { (char *)dtrace, "-x", "host=user", "-e", "-s",
				  path, NULL, NULL, NULL };
		FILE *fp;

		if (scripts[i].ktypes != NULL) {
			if (access(scripts[i].ktypes, R_OK) != 0) {
				printf("%-22s  SKIPPED (no %s: %s)\n",
				       scripts[i].name, scripts[i].ktypes,
				       strerror(errno));
				continue;
			}
			snprintf(ktypes, sizeof(ktypes), "ktypes=%s",
				 scripts[i].ktypes);
			dargv[6] = "-x";
			dargv[7] = ktypes;
		}

		snprintf(path, sizeof(path), "%s/%s.d", dir, scripts[i].name);
		fp = fopen(path, "w");
		if (fp == NULL || fputs(scripts[i].text, fp) < 0) {
			fprintf(stderr, "bench_compile: cannot write %s\n",
				path);
			return 1;
		}
		fclose(fp);
		t = median_ms(dargv, runs, nullfd);
		if (t < 0) {
			printf("%-22s  FAILED (dtrace -x host=user -e -s %s "
			       "did not exit 0)\n", scripts[i].name, path);
			status = 1;
		} else {
			printf("%-22s %7.2f ms   ratio %5.2f of /bin/true\n",
			       scripts[i].name, t, base > 0 ? t / base : 0);
		}
		unlink(path);
	}
	rmdir(dir);
	return status;
}
