/*
 * Running a run's cells in parallel: worker threads, each owning one QEMU
 * at a time, take the cells in order.
 *
 * How many run at once.  With --jobs N, N cells.  Otherwise a cell starts
 * when the CPUs of the running guests plus its own fit in the host's
 * cores (each TCG vCPU is a thread that keeps a core busy) and their
 * memory plus its own in what the host has available; a cell that does
 * not fit waits, in order, for running ones to finish, and one cell
 * always runs however large it is (a 4-CPU guest on a 2-core host runs
 * alone).  Cells already decided (skipped, infrastructure errors) do not
 * boot and take nothing.
 */
#include <limits.h>
#include <pthread.h>
#include <unistd.h>

#include "vmtest.h"

#define CELL_MEM_MB_BARE	1300	/* guest RAM plus QEMU's own */
#define CELL_MEM_MB_XEN		1900
#define MAX_THREADS		64	/* cells at a time, at most */

static long mem_available_mb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb < 0 ? -1 : kb / 1024;
}

static long cell_mem_mb(const struct cell *c)
{
	return c->hv == HV_XEN ? CELL_MEM_MB_XEN : CELL_MEM_MB_BARE;
}

struct budget host_budget(int jobs)
{
	struct budget b = { LONG_MAX, LONG_MAX, LONG_MAX };
	long mem = mem_available_mb();

	if (jobs) {
		b.cells = jobs;
		return b;
	}
	b.cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (b.cpus < 1)
		b.cpus = 1;
	if (mem > 0)
		b.mem_mb = mem;
	return b;
}

bool budget_fits(const struct budget *limit, const struct budget *running,
		 const struct cell *c)
{
	return !running->cells ||
	       (running->cells < limit->cells &&
		running->cpus + c->smp <= limit->cpus &&
		running->mem_mb + cell_mem_mb(c) <= limit->mem_mb);
}

void budget_take(struct budget *running, const struct cell *c, int sign)
{
	running->cells += sign;
	running->cpus += sign * c->smp;
	running->mem_mb += sign * cell_mem_mb(c);
}

struct scheduler {
	pthread_mutex_t lock;
	pthread_cond_t freed;		/* a running cell finished */
	struct cell *cells;
	size_t n, next, finished;
	const struct run_config *cfg;
	struct budget limit;
	struct budget running;		/* what the running cells use */
};

/* The next cell, once it may start; NULL when every cell is taken. */
static struct cell *take_cell(struct scheduler *s, bool *boots)
{
	struct cell *c;

	for (;;) {
		if (s->next == s->n)
			return NULL;
		c = &s->cells[s->next];
		*boots = c->outcome == OUT_PASS;	/* "to run" */
		if (!*boots || budget_fits(&s->limit, &s->running, c))
			break;
		pthread_cond_wait(&s->freed, &s->lock);
	}
	s->next++;
	if (*boots) {
		budget_take(&s->running, c, 1);
		fprintf(stderr, "vmtest: [start] %s\n", c->id);
	}
	return c;
}

static void *worker(void *arg)
{
	struct scheduler *s = arg;
	struct cell *c;
	bool boots;

	pthread_mutex_lock(&s->lock);
	while ((c = take_cell(s, &boots))) {
		pthread_mutex_unlock(&s->lock);
		if (boots)
			cell_run(c, s->cfg);
		pthread_mutex_lock(&s->lock);
		if (boots) {
			budget_take(&s->running, c, -1);
			pthread_cond_broadcast(&s->freed);
		}
		s->finished++;
		fprintf(stderr, "vmtest: [%zu/%zu] %s: %s%s%s (%.1fs)\n",
			s->finished, s->n, c->id, outcome_name(c->outcome),
			c->reason[0] ? ": " : "", c->reason, c->seconds);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

void run_cells(struct cell *cells, size_t n, const struct run_config *cfg,
	       int jobs)
{
	struct scheduler s = {
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.freed = PTHREAD_COND_INITIALIZER,
		.cells = cells, .n = n, .cfg = cfg,
		.limit = host_budget(jobs),
	};
	size_t nthreads = n < MAX_THREADS ? n : MAX_THREADS;
	pthread_t threads[MAX_THREADS];

	if (jobs)
		fprintf(stderr, "vmtest: %zu cells, %d at a time (--jobs), "
			"results in %s\n", n, jobs, cfg->results_dir);
	else
		fprintf(stderr, "vmtest: %zu cells, as many at a time as %ld "
			"cores (one per guest CPU) and %ld MB allow, results "
			"in %s\n", n, s.limit.cpus, s.limit.mem_mb,
			cfg->results_dir);
	for (size_t i = 0; i < nthreads; i++)
		pthread_create(&threads[i], NULL, worker, &s);
	for (size_t i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
}
