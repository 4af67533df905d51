// SPDX-License-Identifier: GPL-2.0
/*
 * The user-space host of the core (core/os.h) for a process that links
 * the core in: memory, mutexes, the single virtual CPU, time, the current
 * thread, destructive actions and the freestanding helpers.
 *
 * THE VIRTUAL CPU.  The process has one CPU, id 0.  "Interrupts disabled
 * on it" is modelled by holding vcpu_lock, a recursive mutex: probe
 * context (os_probe_enter .. os_probe_exit), cross calls (os_xcall) and
 * cyclic callbacks all hold it, so they exclude each other exactly as a
 * real CPU's disabled interrupts do, and a probe that fires from inside
 * probe context on the same thread nests instead of deadlocking.
 *
 * Destructive actions (raise, stop, chill) only post a request in probe
 * context; the request is carried out by os_probe_exit once the thread
 * has left the outermost probe context, so no core state is held while
 * the process is signalled, stopped or delayed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "core/os.h"

static pthread_mutex_t vcpu_lock;
static pthread_once_t vcpu_once = PTHREAD_ONCE_INIT;

/* Requests posted in probe context by this thread. */
static __thread unsigned int probe_depth;
static __thread int pending_signal;
static __thread bool pending_stop;
static __thread uint64_t pending_chill_ns;

static void vcpu_init(void)
{
	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&vcpu_lock, &attr);
	pthread_mutexattr_destroy(&attr);
}

static void vcpu_enter(void)
{
	pthread_once(&vcpu_once, vcpu_init);
	pthread_mutex_lock(&vcpu_lock);
}

void *os_zalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

void os_free(void *p, size_t size)
{
	free(p);
}

void os_mutex_init(os_mutex_t *m)
{
	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(m, &attr);
	pthread_mutexattr_destroy(&attr);
}

void os_mutex_enter(os_mutex_t *m)
{
	pthread_mutex_lock(m);
}

void os_mutex_exit(os_mutex_t *m)
{
	pthread_mutex_unlock(m);
}

/* glibc records the owner's tid in the mutex. */
bool os_mutex_held(os_mutex_t *m)
{
	return m->__data.__owner == (int)syscall(SYS_gettid);
}

os_cookie_t os_probe_enter(void)
{
	vcpu_enter();
	probe_depth++;
	return 0;
}

static void run_pending_requests(void)
{
	struct timespec ts;
	int sig = pending_signal;

	pending_signal = 0;
	if (sig)
		raise(sig);
	if (pending_stop) {
		pending_stop = false;
		kill(getpid(), SIGSTOP);
	}
	if (pending_chill_ns) {
		ts.tv_sec = pending_chill_ns / 1000000000ull;
		ts.tv_nsec = pending_chill_ns % 1000000000ull;
		pending_chill_ns = 0;
		nanosleep(&ts, NULL);
	}
}

void os_probe_exit(os_cookie_t cookie)
{
	probe_depth--;
	pthread_mutex_unlock(&vcpu_lock);
	if (probe_depth == 0)
		run_pending_requests();
}

int os_ncpus(void)
{
	return 1;
}

int os_cpu_id(void)
{
	return 0;
}

bool os_cpu_online(int cpu)
{
	return cpu == 0;
}

void os_xcall(int cpu, void (*fn)(void *), void *arg)
{
	if (cpu != OS_CPU_ALL && cpu != 0)
		return;
	vcpu_enter();
	fn(arg);
	pthread_mutex_unlock(&vcpu_lock);
}

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t os_gethrtime(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

uint64_t os_getwalltime(void)
{
	return clock_ns(CLOCK_REALTIME);
}

uint64_t os_vtimestamp(void)
{
	return clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

uint64_t os_curthread(void)
{
	return (uint64_t)pthread_self();
}

uint64_t os_thread_key(void)
{
	return (uint64_t)syscall(SYS_gettid);
}

int os_pid(void)
{
	return getpid();
}

int os_tid(void)
{
	return (int)syscall(SYS_gettid);
}

int os_ppid(void)
{
	return getppid();
}

unsigned int os_uid(void)
{
	return getuid();
}

unsigned int os_gid(void)
{
	return getgid();
}

int os_errno(void)
{
	return errno;
}

/* The kernel's comm: at most 15 characters of the program's name. */
void os_execname(char *buf, size_t size)
{
	size_t n = size > 16 ? 16 : size;

	if (n == 0)
		return;
	snprintf(buf, n, "%s", program_invocation_short_name);
}

/* The parent of 'pid' from /proc, or -1. */
static int parent_of(int pid)
{
	char path[64];
	FILE *f;
	int ppid = -1;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	/* pid (comm) state ppid: comm may hold spaces, skip to the last ')' */
	{
		char line[512], *p;

		if (fgets(line, sizeof(line), f) != NULL &&
		    (p = strrchr(line, ')')) != NULL)
			sscanf(p + 1, " %*c %d", &ppid);
	}
	fclose(f);
	return ppid;
}

bool os_progenyof(int pid)
{
	int p = getpid();

	while (p > 0) {
		if (p == pid)
			return true;
		if (p == 1)
			break;
		p = parent_of(p);
	}
	return false;
}

void os_raise(int sig)
{
	pending_signal = sig;
}

void os_stop(void)
{
	pending_stop = true;
}

void os_chill(uint64_t ns)
{
	pending_chill_ns += ns;
}

void os_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("dtrace core: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Like the kernel's, these accept NULL pointers with a length of 0. */
void *os_memcpy(void *dst, const void *src, size_t n)
{
	return n ? memcpy(dst, src, n) : dst;
}

void *os_memset(void *dst, int c, size_t n)
{
	return n ? memset(dst, c, n) : dst;
}

int os_memcmp(const void *a, const void *b, size_t n)
{
	return n ? memcmp(a, b, n) : 0;
}

size_t os_strlen(const char *s)
{
	return strlen(s);
}

int os_strcmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

int os_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
