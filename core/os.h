/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_OS_H
#define CORE_OS_H

/*
 * Everything the core needs from its host.  The core includes this and
 * dif.h/dof.h/abi.h, never a system header: that is what lets the same
 * core run inside the kernel module (core/os/linux) and inside a user
 * process (core/os/user) under sanitizers and fuzzers.
 *
 * The host header included below supplies the fixed-width integer types
 * (uint8_t .. uint64_t, int8_t .. int64_t, uintptr_t, size_t, bool, NULL)
 * and the os_mutex_t type; the functions are implemented by the host.
 *
 * PROBE CONTEXT.  Functions marked [probe] may be called from probe
 * context: with interrupts disabled on the current CPU, possibly from an
 * interrupt or NMI-like context, holding no core lock.  They must not
 * sleep, allocate, take a sleeping lock or fault.  Everything else may
 * sleep and is called with at most core's own mutexes held.
 */

#ifdef __KERNEL__
#include "os/linux/os_linux.h"
#else
#include "os/user/os_user.h"
#endif

/* Memory.  os_zalloc returns zeroed memory or NULL; never in probe ctx. */
void *os_zalloc(size_t size);
void os_free(void *p, size_t size);

/* Sleeping mutexes for core's own state (never taken in probe context). */
void os_mutex_init(os_mutex_t *m);
void os_mutex_enter(os_mutex_t *m);
void os_mutex_exit(os_mutex_t *m);
bool os_mutex_held(os_mutex_t *m);

/*
 * Probe-context entry.  os_probe_enter disables interrupts on this CPU (in
 * the user host: takes the single virtual CPU) and returns a cookie for
 * os_probe_exit.  Nested calls on the same CPU are allowed. [probe]
 */
typedef unsigned long os_cookie_t;
os_cookie_t os_probe_enter(void);
void os_probe_exit(os_cookie_t cookie);

/* CPUs: ids are 0 .. os_ncpus() - 1; not every id is online. [probe] */
int os_ncpus(void);
int os_cpu_id(void);
bool os_cpu_online(int cpu);

/*
 * Run fn(arg) on 'cpu' (or on every online CPU when cpu == OS_CPU_ALL)
 * with interrupts disabled there, and wait for every call to return.
 * This is how core switches buffers and synchronizes with probe context
 * (dtrace_sync).  Never called from probe context.
 */
#define OS_CPU_ALL	(-1)
void os_xcall(int cpu, void (*fn)(void *), void *arg);

/* Time in nanoseconds: monotonic, and wall-clock since the epoch. [probe] */
uint64_t os_gethrtime(void);
uint64_t os_getwalltime(void);

/*
 * Fault-safe loads of 'size' (1, 2, 4 or 8) bytes from any address.  On a
 * bad address they return false and leave *val untouched. [probe]
 */
bool os_load(uintptr_t addr, size_t size, uint64_t *val);
/* Fault-safe copies: kernel (or process) memory, and user memory. [probe] */
bool os_copy(uintptr_t src, void *dst, size_t size);
bool os_copyin(uintptr_t uaddr, void *dst, size_t size);
/* Copy a user string of at most size - 1 bytes, always terminated. [probe] */
bool os_copyinstr(uintptr_t uaddr, char *dst, size_t size);

/* The current thread, as D's built-in variables see it. [probe] */
uint64_t os_curthread(void);		/* curthread: an opaque address */
uint64_t os_thread_key(void);		/* unique per live thread */
int os_pid(void);
int os_tid(void);
int os_ppid(void);
unsigned int os_uid(void);
unsigned int os_gid(void);
int os_errno(void);			/* errno of the last system call */
void os_execname(char *buf, size_t size);
uint64_t os_vtimestamp(void);		/* on-CPU time of this thread */
/* true when the current process is 'pid' or descends from it. [probe] */
bool os_progenyof(int pid);

/*
 * A periodic callout ("cyclic"): fn(arg, kpc, upc) every interval_ns on
 * 'cpu' (OS_CPU_ALL: on every online CPU), in probe-safe context.  kpc is
 * the interrupted kernel pc when the CPU was in the kernel, else 0; upc
 * the interrupted user pc when it was in user mode, else 0 (as DTrace's
 * profile probes give them in arg0 and arg1).  Returns a handle, or NULL
 * when it cannot be created.  os_cyclic_remove waits for running
 * callbacks to finish.
 */
typedef struct os_cyclic os_cyclic_t;
typedef void (*os_cyclic_fn_t)(void *arg, uint64_t kpc, uint64_t upc);
os_cyclic_t *os_cyclic_add(int cpu, uint64_t interval_ns, os_cyclic_fn_t fn,
			   void *arg);
void os_cyclic_remove(os_cyclic_t *c);

/*
 * Stacks, innermost frame first. [probe]
 *
 * os_stack stores into pcs[0 .. max - 1] the pcs of the stack that probe
 * context runs on: the kernel stack in the module, the process's own
 * stack in the user host.  The record begins at the frame that holds
 * 'from' and leaves out 'skip' more frames after it; everything inside
 * that frame is the core's and the provider's own.  'from' is a return
 * address into the code that fired the probe, or the interrupted pc of a
 * probe that fires from an interrupt (the walk meets it where it crosses
 * into the interrupted context).  When 'from' is not on the stack,
 * nothing is stored: a stack without its probe's frame would be a guess.
 *
 * os_ustack stores the user-mode stack of the current thread: pcs[0] is
 * the pc where it left user mode, then its callers as far as they can be
 * found (frame pointers in the module).  A thread without a user context
 * (a kernel thread) has none.  'from' is for the user host, whose probe
 * context runs on the user stack itself: it starts that walk as for
 * os_stack; the module ignores it.
 *
 * Both return how many frames they stored; with pcs == NULL they only
 * count them (at most max).
 */
int os_stack(uint64_t *pcs, int max, uintptr_t from, int skip);
int os_ustack(uint64_t *pcs, int max, uintptr_t from);

/* Destructive actions under -w. [probe] (they only post the request) */
void os_raise(int sig);
void os_stop(void);
void os_chill(uint64_t ns);

/* Diagnostics for the host's log (never in the trace output). */
void os_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Freestanding helpers the core may use anywhere. [probe] */
void *os_memcpy(void *dst, const void *src, size_t n);
void *os_memset(void *dst, int c, size_t n);
int os_memcmp(const void *a, const void *b, size_t n);
size_t os_strlen(const char *s);
int os_strcmp(const char *a, const char *b);
int os_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* CORE_OS_H */
