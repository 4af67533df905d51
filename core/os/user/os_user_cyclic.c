// SPDX-License-Identifier: GPL-2.0
/*
 * Cyclics for the user-space host: one timer thread fires every cyclic at
 * its absolute deadline (CLOCK_MONOTONIC), so a tick-1s probe fires once
 * a second on average however long each callback took.  A cyclic that
 * falls more than one interval behind (the process was stopped, the
 * machine was loaded) skips the missed firings instead of bursting.
 *
 * Callbacks run on the timer thread with no host lock held; they enter
 * probe context themselves (dtrace_probe takes the virtual CPU).
 * os_cyclic_remove waits until a running callback of that cyclic has
 * returned, unless it is called from a callback (then it only unlinks).
 */
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "core/os.h"

struct os_cyclic {
	struct os_cyclic *next;
	uint64_t	interval;
	uint64_t	deadline;
	os_cyclic_fn_t	fn;
	void		*arg;
};

static pthread_mutex_t cyc_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cyc_cond;		/* list changed, callback done */
static struct os_cyclic *cyc_list;
static struct os_cyclic *cyc_running;
static pthread_t cyc_thread;
static bool cyc_started;

static void ns_to_timespec(uint64_t ns, struct timespec *ts)
{
	ts->tv_sec = ns / 1000000000ull;
	ts->tv_nsec = ns % 1000000000ull;
}

static struct os_cyclic *earliest(void)
{
	struct os_cyclic *c, *best = NULL;

	for (c = cyc_list; c != NULL; c = c->next) {
		if (best == NULL || c->deadline < best->deadline)
			best = c;
	}
	return best;
}

static void *cyclic_thread(void *unused)
{
	struct os_cyclic *c;
	struct timespec ts;
	uint64_t now;

	pthread_mutex_lock(&cyc_lock);
	for (;;) {
		c = earliest();
		if (c == NULL) {
			pthread_cond_wait(&cyc_cond, &cyc_lock);
			continue;
		}
		now = os_gethrtime();
		if (now < c->deadline) {
			ns_to_timespec(c->deadline, &ts);
			pthread_cond_timedwait(&cyc_cond, &cyc_lock, &ts);
			continue;
		}
		c->deadline += c->interval;
		if (c->deadline + c->interval < now)
			c->deadline = now + c->interval;
		cyc_running = c;
		pthread_mutex_unlock(&cyc_lock);
		c->fn(c->arg, 0, 0);	/* no interrupted context here */
		pthread_mutex_lock(&cyc_lock);
		cyc_running = NULL;
		pthread_cond_broadcast(&cyc_cond);
	}
	return NULL;
}

/* Start the timer thread once; its condvar waits on CLOCK_MONOTONIC. */
static bool start_thread(void)
{
	pthread_condattr_t attr;
	sigset_t all, old;
	int rc;

	if (cyc_started)
		return true;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&cyc_cond, &attr);
	pthread_condattr_destroy(&attr);
	/* Signals belong to the consumer's threads, not to the timer. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&cyc_thread, NULL, cyclic_thread, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return false;
	pthread_detach(cyc_thread);
	cyc_started = true;
	return true;
}

os_cyclic_t *os_cyclic_add(int cpu, uint64_t interval_ns, os_cyclic_fn_t fn,
			   void *arg)
{
	struct os_cyclic *c;

	if (interval_ns == 0 || (cpu != OS_CPU_ALL && cpu != 0))
		return NULL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->interval = interval_ns;
	c->fn = fn;
	c->arg = arg;
	pthread_mutex_lock(&cyc_lock);
	if (!start_thread()) {
		pthread_mutex_unlock(&cyc_lock);
		free(c);
		return NULL;
	}
	c->deadline = os_gethrtime() + interval_ns;
	c->next = cyc_list;
	cyc_list = c;
	pthread_cond_broadcast(&cyc_cond);
	pthread_mutex_unlock(&cyc_lock);
	return c;
}

void os_cyclic_remove(os_cyclic_t *c)
{
	struct os_cyclic **pp;

	if (c == NULL)
		return;
	pthread_mutex_lock(&cyc_lock);
	for (pp = &cyc_list; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	while (cyc_running == c && !pthread_equal(pthread_self(), cyc_thread))
		pthread_cond_wait(&cyc_cond, &cyc_lock);
	pthread_cond_broadcast(&cyc_cond);
	pthread_mutex_unlock(&cyc_lock);
	free(c);
}
