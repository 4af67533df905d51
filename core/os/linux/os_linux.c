// SPDX-License-Identifier: GPL-2.0
/*
 * core/os.h implemented with kernel APIs: the kernel host of the core.
 *
 * PROBE CONTEXT IN THE KERNEL.  A probe fires wherever the kernel was
 * when it hit the probe point: a system call, a softirq, a hardirq, an
 * NMI, a timer callback, with or without locks held, and possibly while
 * this very CPU is in the middle of updating the timekeeper, the
 * scheduler's run queue or a task's signal state.  The functions os.h
 * marks [probe] therefore use only what is safe in all those places:
 *
 *   - interrupts are disabled with local_irq_save (os_probe_enter) and no
 *     lock of any kind is taken;
 *   - time comes from the NMI-safe fast accessors (the hypervisor
 *     layer's hv_clock_ns, ktime_get_real_fast_ns), never from
 *     ktime_get_ns, whose seqcount would spin forever if the probe
 *     interrupted the timekeeper's update;
 *   - memory is read only through the *_nofault accessors, which turn a
 *     bad address into an error instead of an oops;
 *   - signals (raise(), stop()) are not sent from probe context: the
 *     request is parked in a per-CPU slot and sent by an irq_work, which
 *     runs after the probe's context has unwound;
 *   - the task's own fields (pid, comm, creds, parent) are read without
 *     its locks: comm may be half-updated by a concurrent prctl, which
 *     DTrace accepts; the parent chain is walked under RCU.
 *
 * Everything else here may sleep and is called from process context with
 * at most the core's own mutexes held.
 */
#include <linux/module.h>
#include <linux/version.h>
#include <linux/mutex.h>
#include <linux/build_bug.h>
#include <linux/mm.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <linux/cpu.h>
#include <linux/timekeeping.h>
#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/task.h>
#include <linux/sched/signal.h>
#include <linux/cred.h>
#include <linux/uaccess.h>
#include <linux/irq_work.h>
#include <linux/delay.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <asm/irq_regs.h>
#include <asm/ptrace.h>

#include "../../os.h"
#include "../../../hv/hv.h"

/* ---- mutexes -------------------------------------------------------- */

/*
 * Every core mutex is initialised here, so lockdep sees them as one lock
 * class: the core never holds two of them at once.  'owner' is written
 * only by the thread that holds the lock, so comparing it with current
 * is exact for the caller.
 */
struct os_mutex_impl {
	struct mutex		lock;
	struct task_struct	*owner;	/* set while held */
};

static_assert(sizeof(struct os_mutex_impl) <= sizeof(os_mutex_t),
	      "os_mutex_t too small for this kernel: raise OS_MUTEX_WORDS");
static_assert(__alignof__(struct os_mutex_impl) <= __alignof__(os_mutex_t),
	      "os_mutex_t under-aligned for this kernel");

static struct os_mutex_impl *os_mutex_impl(os_mutex_t *m)
{
	return (struct os_mutex_impl *)m->opaque;
}

void os_mutex_init(os_mutex_t *m)
{
	struct os_mutex_impl *mi = os_mutex_impl(m);

	mutex_init(&mi->lock);
	mi->owner = NULL;
}

void os_mutex_enter(os_mutex_t *m)
{
	struct os_mutex_impl *mi = os_mutex_impl(m);

	mutex_lock(&mi->lock);
	WRITE_ONCE(mi->owner, current);
}

void os_mutex_exit(os_mutex_t *m)
{
	struct os_mutex_impl *mi = os_mutex_impl(m);

	WRITE_ONCE(mi->owner, NULL);
	mutex_unlock(&mi->lock);
}

bool os_mutex_held(os_mutex_t *m)
{
	return READ_ONCE(os_mutex_impl(m)->owner) == current;
}

/* ---- probe context and CPUs ----------------------------------------- */

os_cookie_t os_probe_enter(void)
{
	unsigned long flags;

	local_irq_save(flags);
	return flags;
}

void os_probe_exit(os_cookie_t cookie)
{
	local_irq_restore(cookie);
}

int os_ncpus(void)
{
	return nr_cpu_ids;
}

/* raw_: also called outside probe context, where migrating is harmless. */
int os_cpu_id(void)
{
	return raw_smp_processor_id();
}

bool os_cpu_online(int cpu)
{
	return cpu >= 0 && cpu < nr_cpu_ids && cpu_online(cpu);
}

/*
 * fn runs with interrupts disabled on the target CPU, the local one
 * included, and the call waits for it: that is what lets the core switch
 * a buffer knowing no probe is half-way through writing it.  The
 * hypervisor layer's xcall op does it the platform's way (IPIs, event
 * channels under Xen PV).  The core calls this from process context with
 * interrupts enabled, where every xcall path works; a failure would leave
 * the core's invariant unproven, so it is logged loudly.
 */
void os_xcall(int cpu, void (*fn)(void *), void *arg)
{
	const struct cpumask *mask;
	int rv;

	mask = cpu == OS_CPU_ALL ? cpu_online_mask : cpumask_of(cpu);
	rv = hv_xcall(mask, fn, arg);
	if (rv && cpu == OS_CPU_ALL)
		pr_err("dtrace: cross call to every CPU failed (%d)\n", rv);
	else if (rv)
		pr_err("dtrace: cross call to CPU %d failed (%d)\n", cpu, rv);
}

/* ---- time ----------------------------------------------------------- */

/* The hypervisor layer's clock: right under a hypervisor, probe-safe. */
uint64_t os_gethrtime(void)
{
	return hv_clock_ns();
}

uint64_t os_getwalltime(void)
{
	return ktime_get_real_fast_ns();
}

/* ---- fault-safe memory access --------------------------------------- */

bool os_load(uintptr_t addr, size_t size, uint64_t *val)
{
	union {
		u8 b;
		u16 h;
		u32 w;
		u64 x;
	} v;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return false;
	if (copy_from_kernel_nofault(&v, (const void *)addr, size))
		return false;
	switch (size) {
	case 1:
		*val = v.b;
		break;
	case 2:
		*val = v.h;
		break;
	case 4:
		*val = v.w;
		break;
	default:
		*val = v.x;
		break;
	}
	return true;
}

bool os_copy(uintptr_t src, void *dst, size_t size)
{
	return copy_from_kernel_nofault(dst, (const void *)src, size) == 0;
}

bool os_copyin(uintptr_t uaddr, void *dst, size_t size)
{
	return copy_from_user_nofault(dst, (const void __user *)uaddr,
				      size) == 0;
}

/*
 * The kernel does not export strncpy_from_user_nofault, so the string is
 * copied a page at a time: within one page either every byte is readable
 * or none is, so a string that ends before an unmapped page is copied
 * whole and one that runs into it fails.
 */
bool os_copyinstr(uintptr_t uaddr, char *dst, size_t size)
{
	size_t done = 0;

	if (size == 0)
		return false;
	while (done < size - 1) {
		size_t chunk = PAGE_SIZE - ((uaddr + done) & ~PAGE_MASK);

		chunk = min(chunk, size - 1 - done);
		if (copy_from_user_nofault(dst + done,
				(const void __user *)(uaddr + done), chunk))
			return false;
		if (memchr(dst + done, '\0', chunk))
			return true;
		done += chunk;
	}
	dst[size - 1] = '\0';
	return true;
}

/* ---- the current thread --------------------------------------------- */

uint64_t os_curthread(void)
{
	return (uintptr_t)current;
}

/*
 * Thread-local variables are keyed by thread and by context level, as in
 * DTrace: an interrupt handler running on top of a thread must not see
 * that thread's self-> variables.  task_struct is cache-line aligned, so
 * the low bits of its address are free for the level.
 */
uint64_t os_thread_key(void)
{
	uint64_t level = 0;

	if (in_nmi())
		level = 3;
	else if (in_hardirq())
		level = 2;
	else if (in_serving_softirq())
		level = 1;
	return (uintptr_t)current | level;
}

int os_pid(void)
{
	return task_tgid_nr(current);
}

int os_tid(void)
{
	return task_pid_nr(current);
}

int os_ppid(void)
{
	int ppid;

	rcu_read_lock();
	ppid = task_tgid_nr(rcu_dereference(current->real_parent));
	rcu_read_unlock();
	return ppid;
}

unsigned int os_uid(void)
{
	return from_kuid(&init_user_ns, current_uid());
}

unsigned int os_gid(void)
{
	return from_kgid(&init_user_ns, current_gid());
}

/*
 * errno: the kernel keeps no per-thread errno.  The syscall provider
 * publishes the error of the system call that is returning, for the
 * probes it fires there (os_linux_errno_set); everywhere else errno is 0.
 */
struct os_errno_slot {
	struct task_struct *task;
	int err;
};
static DEFINE_PER_CPU(struct os_errno_slot, os_errno_slot);

void os_linux_errno_set(int err)
{
	this_cpu_write(os_errno_slot.err, err);
	this_cpu_write(os_errno_slot.task, current);
}

void os_linux_errno_clear(void)
{
	this_cpu_write(os_errno_slot.task, NULL);
}

int os_errno(void)
{
	if (this_cpu_read(os_errno_slot.task) != current)
		return 0;
	return this_cpu_read(os_errno_slot.err);
}

void os_execname(char *buf, size_t size)
{
	strscpy(buf, current->comm, size);
}

/*
 * On-CPU time of the current thread: what the scheduler has accounted,
 * plus the time since it last accounted, read from the same per-CPU
 * clock the scheduler uses (local_clock is safe in any context).
 */
uint64_t os_vtimestamp(void)
{
	struct sched_entity *se = &current->se;
	u64 now = local_clock();
	u64 t = READ_ONCE(se->sum_exec_runtime);
	u64 start = READ_ONCE(se->exec_start);

	if (now > start)
		t += now - start;
	return t;
}

/* The parent chain ends at the idle task, whose parent is itself. */
#define OS_PROGENY_MAXDEPTH	4096

bool os_progenyof(int pid)
{
	struct task_struct *p = current;
	bool found = false;
	int depth;

	rcu_read_lock();
	for (depth = 0; depth < OS_PROGENY_MAXDEPTH; depth++) {
		struct task_struct *parent;

		if (task_tgid_nr(p) == pid) {
			found = true;
			break;
		}
		parent = rcu_dereference(p->real_parent);
		if (parent == p)
			break;
		p = parent;
	}
	rcu_read_unlock();
	return found;
}

/* ---- cyclics: per-CPU pinned hrtimers ------------------------------- */

/*
 * A cyclic is one hrtimer per CPU it runs on, armed on that CPU with
 * HRTIMER_MODE_ABS_PINNED_HARD: it stays there and its callback runs in
 * hard interrupt context with interrupts disabled (also on PREEMPT_RT),
 * which is probe context.  The callback passes the interrupted kernel pc
 * (0 when the CPU was in user mode) as arg0, for profile's arg0.
 *
 * OS_CPU_ALL means the CPUs online when the cyclic is added; a CPU that
 * goes offline later has its timer migrated by the kernel, a CPU that
 * comes online later gets none.  os_cyclic_remove cancels every timer,
 * waiting for a running callback to finish.
 */

/* Faster than this, a hostile program could keep a CPU in interrupts. */
#define OS_CYCLIC_MIN_NS	(100 * NSEC_PER_USEC)

struct os_cyclic_timer {
	struct hrtimer		timer;
	struct os_cyclic	*cyc;
	bool			armed;
};

struct os_cyclic {
	u64			interval;
	os_cyclic_fn_t		fn;
	void			*arg;
	int			ntimers;	/* nr_cpu_ids or 1 */
	struct os_cyclic_timer	timers[];
};

static enum hrtimer_restart os_cyclic_fire(struct hrtimer *timer)
{
	struct os_cyclic_timer *t =
		container_of(timer, struct os_cyclic_timer, timer);
	struct os_cyclic *cyc = t->cyc;
	struct pt_regs *regs = get_irq_regs();
	uint64_t kpc = 0, upc = 0;

	if (regs && user_mode(regs))
		upc = instruction_pointer(regs);
	else if (regs)
		kpc = instruction_pointer(regs);
	cyc->fn(cyc->arg, kpc, upc);
	hrtimer_forward_now(timer, ns_to_ktime(cyc->interval));
	return HRTIMER_RESTART;
}

/* Runs on the target CPU (IPI), so that the pinned timer lands there. */
static void os_cyclic_arm(void *arg)
{
	struct os_cyclic_timer *t = arg;
	ktime_t first = ktime_add_ns(ktime_get(), t->cyc->interval);

	hrtimer_start(&t->timer, first, HRTIMER_MODE_ABS_PINNED_HARD);
}

static void os_cyclic_start(struct os_cyclic *cyc, int slot, int cpu)
{
	struct os_cyclic_timer *t = &cyc->timers[slot];

	t->cyc = cyc;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
	hrtimer_setup(&t->timer, os_cyclic_fire, CLOCK_MONOTONIC,
		      HRTIMER_MODE_ABS_PINNED_HARD);
#else
	hrtimer_init(&t->timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_PINNED_HARD);
	t->timer.function = os_cyclic_fire;
#endif
	if (smp_call_function_single(cpu, os_cyclic_arm, t, 1) == 0)
		t->armed = true;
}

os_cyclic_t *os_cyclic_add(int cpu, uint64_t interval_ns, os_cyclic_fn_t fn,
			   void *arg)
{
	struct os_cyclic *cyc;
	int n = cpu == OS_CPU_ALL ? nr_cpu_ids : 1;
	int c;

	if (interval_ns < OS_CYCLIC_MIN_NS) {
		os_warn("cyclic interval %llu ns is below the minimum %lu ns",
			(unsigned long long)interval_ns, OS_CYCLIC_MIN_NS);
		return NULL;
	}
	if (cpu != OS_CPU_ALL && !os_cpu_online(cpu))
		return NULL;
	cyc = os_zalloc(struct_size(cyc, timers, n));
	if (!cyc)
		return NULL;
	cyc->interval = interval_ns;
	cyc->fn = fn;
	cyc->arg = arg;
	cyc->ntimers = n;

	cpus_read_lock();
	if (cpu != OS_CPU_ALL)
		os_cyclic_start(cyc, 0, cpu);
	else
		for_each_online_cpu(c)
			os_cyclic_start(cyc, c, c);
	cpus_read_unlock();
	return cyc;
}

void os_cyclic_remove(os_cyclic_t *cyc)
{
	int i;

	for (i = 0; i < cyc->ntimers; i++)
		if (cyc->timers[i].armed)
			hrtimer_cancel(&cyc->timers[i].timer);
	os_free(cyc, struct_size(cyc, timers, cyc->ntimers));
}

/* ---- destructive actions -------------------------------------------- */

/*
 * raise() and stop() from probe context: the probe may have fired with
 * the target's siglock held, so the signal is sent later by an irq_work
 * (hard interrupt context on most kernels, a kthread on PREEMPT_RT),
 * which the CPU runs once interrupts are enabled again.  One request per
 * CPU can be pending; a second one before it is sent is dropped.
 */
struct os_signal_post {
	struct irq_work		work;
	struct task_struct	*task;	/* referenced; NULL when free */
	int			sig;
};

static void os_signal_send(struct irq_work *work)
{
	struct os_signal_post *post =
		container_of(work, struct os_signal_post, work);
	struct task_struct *task = READ_ONCE(post->task);
	int sig = post->sig;

	if (!task)
		return;
	barrier();
	WRITE_ONCE(post->task, NULL);
	send_sig(sig, task, 1);
	put_task_struct(task);
}

static DEFINE_PER_CPU(struct os_signal_post, os_signal_posts);

static void os_signal_request(int sig)
{
	struct os_signal_post *post = this_cpu_ptr(&os_signal_posts);

	if (READ_ONCE(post->task))
		return;
	get_task_struct(current);
	post->sig = sig;
	barrier();
	WRITE_ONCE(post->task, current);
	irq_work_queue(&post->work);
}

void os_raise(int sig)
{
	if (sig > 0 && sig < _NSIG)
		os_signal_request(sig);
}

void os_stop(void)
{
	os_signal_request(SIGSTOP);
}

/*
 * chill(): spin in probe context.  As in DTrace, a CPU spends at most
 * 500 ms of every second chilling, whatever the program asks: beyond
 * that the request is cut short, so no script can lock a CPU up.
 */
#define OS_CHILL_MAX_NS		(500 * NSEC_PER_MSEC)
#define OS_CHILL_WINDOW_NS	NSEC_PER_SEC

struct os_chill_budget {
	u64	window;		/* start of the current second */
	u64	used;		/* ns chilled in it */
};
static DEFINE_PER_CPU(struct os_chill_budget, os_chill_budgets);

void os_chill(uint64_t ns)
{
	struct os_chill_budget *b = this_cpu_ptr(&os_chill_budgets);
	u64 now = ktime_get_mono_fast_ns();
	u64 end;

	if (now - b->window >= OS_CHILL_WINDOW_NS) {
		b->window = now;
		b->used = 0;
	}
	ns = min_t(u64, ns, OS_CHILL_MAX_NS - b->used);
	b->used += ns;
	end = now + ns;
	while (ktime_get_mono_fast_ns() < end)
		cpu_relax();
}

/* Called at module start, before any probe can fire. */
void os_linux_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		init_irq_work(per_cpu_ptr(&os_signal_posts.work, cpu),
			      os_signal_send);
}

/* Called at module exit: no signal request may outlive the module. */
void os_linux_fini(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		irq_work_sync(per_cpu_ptr(&os_signal_posts.work, cpu));
}

/* ---- diagnostics and freestanding helpers --------------------------- */

void os_warn(const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	size_t len = strlen(fmt);

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	if (len > 0 && fmt[len - 1] == '\n')
		pr_warn("dtrace: %pV", &vaf);
	else
		pr_warn("dtrace: %pV\n", &vaf);
	va_end(ap);
}

void *os_memcpy(void *dst, const void *src, size_t n)
{
	return memcpy(dst, src, n);
}

void *os_memset(void *dst, int c, size_t n)
{
	return memset(dst, c, n);
}

int os_memcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
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
