// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_spin MILLISECONDS
 *
 * Keeps one CPU busy in user mode for MILLISECONDS of wall-clock time and
 * exits 0.  It reads the clock only every million iterations, through
 * the vDSO where the kernel has one, so nearly every profile-N sample
 * that lands on it interrupts user code (arg1, the user pc, is set).
 */
#include <time.h>

#include "trigger.h"

#define USAGE "cpu_spin MILLISECONDS"

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	unsigned long long end;
	volatile unsigned long sink = 0;
	unsigned long i;

	if (argc != 2)
		trigger_usage(USAGE);
	end = now_ms() + trigger_count(argv[1], USAGE);
	while (now_ms() < end)
		for (i = 0; i < 1000000; i++)
			sink += i;
	return 0;
}
