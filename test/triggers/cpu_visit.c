// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_visit
 *
 * Runs once on every online CPU, in increasing order, and makes one
 * getppid system call on each, so that a D script can do a per-CPU check
 * from syscall::getppid:entry (`cpu` is then each online CPU in turn).
 * It pins itself with sched_setaffinity and checks with sched_getcpu that
 * it really runs there before the call.  It exits 1 (saying why) when it
 * may not run on some online CPU or cannot get there, because the script
 * would then miss that CPU.
 */
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trigger.h"

static int visit(int cpu)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) != 0) {
		fprintf(stderr, "cpu_visit: cannot move to CPU %d: %s\n", cpu,
			strerror(errno));
		return -1;
	}
	if (sched_getcpu() != cpu) {
		fprintf(stderr, "cpu_visit: pinned to CPU %d but running on "
			"CPU %d\n", cpu, sched_getcpu());
		return -1;
	}
	syscall(SYS_getppid);
	return 0;
}

int main(int argc, char **argv)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t allowed;
	int cpu, seen = 0;

	if (argc != 1)
		trigger_usage("cpu_visit");
	if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) {
		fprintf(stderr, "cpu_visit: sched_getaffinity: %s\n",
			strerror(errno));
		return 1;
	}
	if (CPU_COUNT(&allowed) != online) {
		fprintf(stderr, "cpu_visit: may run on %d CPUs of the %ld "
			"online; run it without an affinity mask\n",
			CPU_COUNT(&allowed), online);
		return 1;
	}
	for (cpu = 0; cpu < CPU_SETSIZE && seen < online; cpu++) {
		if (!CPU_ISSET(cpu, &allowed))
			continue;
		if (visit(cpu) != 0)
			return 1;
		seen++;
	}
	return 0;
}
