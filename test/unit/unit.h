/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TEST_UNIT_UNIT_H
#define TEST_UNIT_UNIT_H

/*
 * What every unit test shares: the pass/fail counters, CHECK() that counts
 * and says where a failure happened, SKIP() for a check that cannot run
 * on this machine (with the reason), CHECK_OUTPUT() for printed text, and
 * the closing line "N passed, N failed[, N skipped]" that test/run-all
 * and CI read.
 * A test's main() ends with `return unit_summary();`.
 */
#include <stdio.h>
#include <string.h>

static int passed, failed, skipped;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		passed++;						\
	} else {							\
		failed++;						\
		printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);	\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

/* A check that cannot run here: counted, with the reason, never passed. */
#define SKIP(...) do {							\
	skipped++;							\
	printf("SKIP %s:%d: ", __FILE__, __LINE__);			\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

/* Compare printed output with what a user should see, whole. */
static inline void check_output(const char *name, const char *got,
				const char *want)
{
	if (strcmp(got, want) != 0) {
		printf("FAIL %s:\n--- got ---\n%s\n--- want ---\n%s\n---\n",
		       name, got, want);
		failed++;
	} else {
		passed++;
	}
}

static inline int unit_summary(void)
{
	if (skipped != 0)
		printf("%d passed, %d failed, %d skipped\n", passed, failed,
		       skipped);
	else
		printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}

/* A test that cannot even set up counts as one failure and stops. */
#define UNIT_SETUP_FAILED(what) do {					\
	printf("%s\n0 passed, 1 failed\n", (what));			\
	exit(1);							\
} while (0)

#endif /* TEST_UNIT_UNIT_H */
