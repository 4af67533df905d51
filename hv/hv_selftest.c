// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor layer's self-test: every op on every path the platform
 * supports, run when /proc/dtrace/hv-selftest is read.
 *
 * REPORT FORMAT.  One line per op and path, in the order trap, text,
 * xcall, clock and, within each, api then raw:
 *
 *	OP PATH RESULT DETAIL
 *
 * OP is trap, text, xcall or clock; PATH is api or raw; RESULT is pass,
 * fail or unsupported; DETAIL is free text to the end of the line (what
 * was checked, what went wrong, or why the path is unsupported here).
 * The last line is
 *
 *	selftest RESULT: N pass, N fail, N unsupported
 *
 * with RESULT pass when nothing failed, else fail.  Reading the file
 * always succeeds; a failure is in the text.
 *
 * WHAT EACH TEST CHECKS.
 *
 *   text   plant int3 (0xcc) on hv_selftest_site through the path, read
 *          the byte back, restore the original 5-byte NOP through the
 *          path and compare all 5 bytes.
 *   trap   with the path installed and a hook registered, plant int3 on
 *          the site (active text path) and call hv_selftest_target with
 *          interrupts disabled: the hook must see the int3 at the site
 *          exactly once; it emulates the NOP (ip = site + 5) and sets TF,
 *          so the next instruction single-steps and the hook must see
 *          exactly one debug trap, at site + 6, where it clears TF.  The
 *          bytes are then restored and compared.  Then an int3 the hook
 *          declines must still reach the kernel: a kprobe on site + 5
 *          must see its one hit.
 *   xcall  fn on every online CPU; each CPU must run it exactly once and
 *          with interrupts disabled.  The caller's interrupts are
 *          disabled when the path allows it (irqs_off_ok), else only its
 *          preemption, and the detail says which.
 *   clock  a token goes from CPU to CPU (one cross call each, three
 *          rounds), each CPU reading the path's clock: no reading may be
 *          smaller than the one before.  A clock other than the api one
 *          must also run at the api clock's rate within 1% over ~50 ms.
 *
 * A path that is unsupported here is reported with its reason and not
 * run.  Runs are serialised; the trap hook only claims traps at the site.
 */
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/kprobes.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/debugreg.h>
#include <asm/processor-flags.h>
#include <asm/ptrace.h>

#include "hv/hv_impl.h"

#define HV_ST_DETAIL	256

enum hv_st_result { HV_ST_PASS, HV_ST_FAIL, HV_ST_UNSUPPORTED };

static const char *const hv_st_result_name[] = {
	[HV_ST_PASS]		= "pass",
	[HV_ST_FAIL]		= "fail",
	[HV_ST_UNSUPPORTED]	= "unsupported",
};

static const u8 hv_st_nop5[HV_SELFTEST_SITE_LEN] = {
	0x0f, 0x1f, 0x44, 0x00, 0x00
};
static const u8 hv_st_int3_byte = 0xcc;

static DEFINE_MUTEX(hv_st_lock);

static enum hv_st_result hv_st_fail(char *detail, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(detail, HV_ST_DETAIL, fmt, ap);
	va_end(ap);
	return HV_ST_FAIL;
}

/* The site's bytes now; false when they cannot be read. */
static bool hv_st_read_site(u8 *bytes)
{
	return copy_from_kernel_nofault(bytes, hv_selftest_site,
					HV_SELFTEST_SITE_LEN) == 0;
}

static bool hv_st_site_is_nop(void)
{
	u8 now[HV_SELFTEST_SITE_LEN];

	return hv_st_read_site(now) &&
		memcmp(now, hv_st_nop5, sizeof(now)) == 0;
}

/* ---- text -------------------------------------------------------------- */

static enum hv_st_result hv_st_text(enum hv_path path, char *detail)
{
	void *site = (void *)hv_selftest_site;
	u8 now[HV_SELFTEST_SITE_LEN];
	int rv;

	if (!hv_st_site_is_nop())
		return hv_st_fail(detail, "the site does not hold its 5-byte NOP before the test (left planted by an earlier failure?)");
	rv = hv_text_write_path(path, site, &hv_st_int3_byte, 1);
	if (rv)
		return hv_st_fail(detail, "planting int3 at the site failed (%d)",
				  rv);
	if (!hv_st_read_site(now) || now[0] != hv_st_int3_byte) {
		hv_text_write_path(path, site, hv_st_nop5, sizeof(hv_st_nop5));
		return hv_st_fail(detail, "after planting int3 the site reads %*ph",
				  HV_SELFTEST_SITE_LEN, now);
	}
	rv = hv_text_write_path(path, site, hv_st_nop5, sizeof(hv_st_nop5));
	if (rv)
		return hv_st_fail(detail, "restoring the NOP failed (%d); the site keeps an int3",
				  rv);
	if (!hv_st_site_is_nop())
		return hv_st_fail(detail, "the restored site differs from the NOP it held");
	scnprintf(detail, HV_ST_DETAIL,
		  "planted int3 at %pS and read it back; restored the 5-byte NOP and compared it",
		  site);
	return HV_ST_PASS;
}

/* ---- trap -------------------------------------------------------------- */

static struct {
	unsigned int	int3_hits;
	unsigned int	debug_hits;
	bool		stepping;
	unsigned long	step_ip;	/* where the single step trapped */
} hv_st_trap;

static bool hv_st_int3_hook(struct pt_regs *regs, unsigned long addr)
{
	if (addr != (unsigned long)hv_selftest_site)
		return false;
	hv_st_trap.int3_hits++;
	regs->ip = addr + HV_SELFTEST_SITE_LEN;
	regs->flags |= X86_EFLAGS_TF;
	hv_st_trap.stepping = true;
	return true;
}

static bool hv_st_debug_hook(struct pt_regs *regs, unsigned long dr6)
{
	if (!hv_st_trap.stepping || !(dr6 & DR_STEP))
		return false;
	hv_st_trap.stepping = false;
	regs->flags &= ~X86_EFLAGS_TF;
	hv_st_trap.step_ip = regs->ip;
	hv_st_trap.debug_hits++;
	return true;
}

static struct hv_trap_hook hv_st_hook = {
	.int3	= hv_st_int3_hook,
	.debug	= hv_st_debug_hook,
};

/*
 * An int3 no hook claims must reach the kernel: a kprobe on the 1-byte
 * NOP after the site (a post handler keeps it from being optimised into
 * a jump) must see its breakpoint once, with the path installed.
 * Returns the hits, or -errno when no kprobe could be placed.
 */
static unsigned int hv_st_kprobe_hits;

static int hv_st_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	hv_st_kprobe_hits++;
	return 0;
}

static void hv_st_kprobe_post(struct kprobe *kp, struct pt_regs *regs,
			      unsigned long flags)
{
}

static int hv_st_trap_declined(void)
{
	struct kprobe kp = {
		.addr		= (kprobe_opcode_t *)(hv_selftest_site +
						      HV_SELFTEST_SITE_LEN),
		.pre_handler	= hv_st_kprobe_pre,
		.post_handler	= hv_st_kprobe_post,
	};
	int rv;

	hv_st_kprobe_hits = 0;
	rv = register_kprobe(&kp);
	if (rv)
		return rv;
	hv_selftest_target();
	unregister_kprobe(&kp);
	return hv_st_kprobe_hits;
}

static enum hv_st_result hv_st_trap_path(enum hv_path path, char *detail)
{
	void *site = (void *)hv_selftest_site;
	unsigned long want_ip = (unsigned long)site + HV_SELFTEST_SITE_LEN + 1;
	unsigned long flags;
	int rv, restored, declined;
	size_t len;

	if (!hv_st_site_is_nop())
		return hv_st_fail(detail, "the site does not hold its 5-byte NOP before the test (left planted by an earlier failure?)");
	rv = hv_trap_hold(path);
	if (rv)
		return hv_st_fail(detail, "installing the path failed (%d)", rv);
	memset(&hv_st_trap, 0, sizeof(hv_st_trap));
	hv_trap_register(&hv_st_hook);
	rv = hv_text_write(site, &hv_st_int3_byte, 1);
	if (rv == 0) {
		local_irq_save(flags);
		hv_selftest_target();
		local_irq_restore(flags);
	}
	restored = hv_text_write(site, hv_st_nop5, sizeof(hv_st_nop5));
	declined = hv_st_trap_declined();
	hv_trap_unregister(&hv_st_hook);
	hv_trap_release(path);

	if (rv)
		return hv_st_fail(detail, "planting int3 through the active text path failed (%d)",
				  rv);
	if (restored || !hv_st_site_is_nop())
		return hv_st_fail(detail, "restoring the site's NOP failed (%d)",
				  restored);
	if (hv_st_trap.int3_hits != 1)
		return hv_st_fail(detail, "the int3 hook saw %u hits at the site, not 1",
				  hv_st_trap.int3_hits);
	if (hv_st_trap.debug_hits != 1)
		return hv_st_fail(detail, "the debug hook saw %u single steps, not 1",
				  hv_st_trap.debug_hits);
	if (hv_st_trap.step_ip != want_ip)
		return hv_st_fail(detail, "the single step trapped at %pS, not at %pS",
				  (void *)hv_st_trap.step_ip, (void *)want_ip);
	if (declined >= 0 && declined != 1)
		return hv_st_fail(detail, "an int3 the hooks declined (a kprobe's) reached the kernel %d times, not once",
				  declined);
	len = scnprintf(detail, HV_ST_DETAIL,
			"int3 at %pS reached the hook once; single step after the emulated NOP trapped once at %pS; bytes restored",
			site, (void *)want_ip);
	if (declined < 0)
		scnprintf(detail + len, HV_ST_DETAIL - len,
			  "; declined int3 not checked: no kprobe (%d)",
			  declined);
	else
		scnprintf(detail + len, HV_ST_DETAIL - len,
			  "; a declined int3 (kprobe) reached the kernel");
	return HV_ST_PASS;
}

/* An unsupported trap path still shows what its diagnostics read. */
static void hv_st_trap_describe(enum hv_path path, char *detail)
{
	const struct hv_path_ops *p = hv_path_ops(HV_OP_TRAP, path);
	size_t len = strlen(detail);
	char gate[128];

	if (!p->trap_describe)
		return;
	if (p->trap_describe(3, gate, sizeof(gate)) < 0)
		scnprintf(detail + len, HV_ST_DETAIL - len,
			  " (reading the int3 gate failed too)");
	else
		scnprintf(detail + len, HV_ST_DETAIL - len,
			  " (int3 gate: %s)", gate);
}

/* ---- xcall ------------------------------------------------------------- */

struct hv_st_xcall {
	atomic_t	*runs;		/* per CPU */
	atomic_t	irqs_on;	/* calls that ran with interrupts on */
};

static void hv_st_xcall_fn(void *arg)
{
	struct hv_st_xcall *x = arg;

	atomic_inc(&x->runs[smp_processor_id()]);
	if (!irqs_disabled())
		atomic_inc(&x->irqs_on);
}

static enum hv_st_result hv_st_xcall_check(struct hv_st_xcall *x,
					   char *detail)
{
	unsigned int cpu, n = 0;
	int runs;

	for_each_possible_cpu(cpu) {
		runs = atomic_read(&x->runs[cpu]);
		if (cpu_online(cpu) && runs != 1)
			return hv_st_fail(detail, "CPU %u ran fn %d times, not once",
					  cpu, runs);
		if (!cpu_online(cpu) && runs != 0)
			return hv_st_fail(detail, "offline CPU %u ran fn %d times",
					  cpu, runs);
		n += runs;
	}
	if (atomic_read(&x->irqs_on))
		return hv_st_fail(detail, "%d of %u calls ran with interrupts enabled",
				  atomic_read(&x->irqs_on), n);
	return HV_ST_PASS;
}

static enum hv_st_result hv_st_xcall(enum hv_path path, char *detail)
{
	const struct hv_path_ops *p = hv_path_ops(HV_OP_XCALL, path);
	struct hv_st_xcall x = { .irqs_on = ATOMIC_INIT(0) };
	enum hv_st_result result;
	unsigned long flags;
	int rv;

	x.runs = kcalloc(nr_cpu_ids, sizeof(*x.runs), GFP_KERNEL);
	if (!x.runs)
		return hv_st_fail(detail, "out of memory for the per-CPU counts");
	cpus_read_lock();
	if (p->irqs_off_ok) {
		local_irq_save(flags);
		rv = p->xcall(cpu_online_mask, hv_st_xcall_fn, &x);
		local_irq_restore(flags);
	} else {
		preempt_disable();
		rv = p->xcall(cpu_online_mask, hv_st_xcall_fn, &x);
		preempt_enable();
	}
	if (rv)
		result = hv_st_fail(detail, "the cross call failed (%d)", rv);
	else
		result = hv_st_xcall_check(&x, detail);
	if (result == HV_ST_PASS)
		scnprintf(detail, HV_ST_DETAIL,
			  "every online CPU (%u) ran fn once, with interrupts disabled; %s",
			  num_online_cpus(),
			  p->irqs_off_ok ?
			  "the caller's interrupts were disabled" :
			  "the caller had only preemption disabled (this path needs the caller's interrupts enabled)");
	cpus_read_unlock();
	kfree(x.runs);
	return result;
}

/* ---- clock ------------------------------------------------------------- */

#define HV_ST_CLOCK_ROUNDS	3
#define HV_ST_RATE_MS		50
#define HV_ST_RATE_TRIES	16

struct hv_st_clock {
	u64		(*clock_ns)(void);
	u64		last;
	unsigned int	readings;
	unsigned int	backwards;
	u64		worst;		/* largest step back, ns */
};

static void hv_st_clock_token(void *arg)
{
	struct hv_st_clock *c = arg;
	u64 now = c->clock_ns();

	if (c->readings && now < c->last) {
		c->backwards++;
		c->worst = max(c->worst, c->last - now);
	}
	c->last = now;
	c->readings++;
}

/*
 * One reading of the clock under test, paired with the api clock read
 * just before and after it; of several tries the one with the narrowest
 * bracket wins, so a vCPU descheduled in the middle of a pair does not
 * skew the comparison.  *api is the bracket's middle.
 */
static void hv_st_clock_pair(u64 (*clock_ns)(void), u64 (*api_ns)(void),
			     u64 *clk, u64 *api, u64 *bracket)
{
	unsigned long flags;
	u64 a0, c, a1;
	int i;

	*bracket = U64_MAX;
	for (i = 0; i < HV_ST_RATE_TRIES; i++) {
		local_irq_save(flags);
		a0 = api_ns();
		c = clock_ns();
		a1 = api_ns();
		local_irq_restore(flags);
		if (a1 - a0 < *bracket) {
			*bracket = a1 - a0;
			*clk = c;
			*api = a0 + (a1 - a0) / 2;
		}
	}
}

/* The clock's rate against the api clock's over HV_ST_RATE_MS. */
static enum hv_st_result hv_st_clock_rate(u64 (*clock_ns)(void),
					  char *detail, size_t len)
{
	u64 (*api_ns)(void) = hv_path_ops(HV_OP_CLOCK, HV_PATH_API)->clock_ns;
	u64 c0, a0, b0, c1, a1, b1, dc, da, diff;

	hv_st_clock_pair(clock_ns, api_ns, &c0, &a0, &b0);
	msleep(HV_ST_RATE_MS);
	hv_st_clock_pair(clock_ns, api_ns, &c1, &a1, &b1);
	dc = c1 - c0;
	da = a1 - a0;
	diff = dc > da ? dc - da : da - dc;
	if (diff * 100 > da)
		return hv_st_fail(detail, "over %llu ns of the api clock this clock advanced %llu ns: more than 1%% apart",
				  da, dc);
	scnprintf(detail + len, HV_ST_DETAIL - len,
		  "; rate within 1%% of the api clock (%llu ns against %llu ns, brackets %llu/%llu ns)",
		  dc, da, b0, b1);
	return HV_ST_PASS;
}

static enum hv_st_result hv_st_clock(enum hv_path path, char *detail)
{
	struct hv_st_clock c = {
		.clock_ns = hv_path_ops(HV_OP_CLOCK, path)->clock_ns,
	};
	unsigned int cpu, round;
	size_t len;
	int rv = 0;

	cpus_read_lock();
	for (round = 0; round < HV_ST_CLOCK_ROUNDS && !rv; round++)
		for_each_online_cpu(cpu) {
			rv = hv_xcall(cpumask_of(cpu), hv_st_clock_token, &c);
			if (rv)
				break;
		}
	cpus_read_unlock();
	if (rv)
		return hv_st_fail(detail, "passing the token by cross call failed (%d)",
				  rv);
	if (c.backwards)
		return hv_st_fail(detail, "%u of %u readings went backwards, by up to %llu ns",
				  c.backwards, c.readings, c.worst);
	len = scnprintf(detail, HV_ST_DETAIL,
			"never went backwards in %u readings passed CPU to CPU (%u online CPUs, %u rounds)",
			c.readings, num_online_cpus(), HV_ST_CLOCK_ROUNDS);
	if (path == HV_PATH_API)
		return HV_ST_PASS;
	if (hv_info()->why_not[HV_OP_CLOCK][HV_PATH_API]) {
		scnprintf(detail + len, HV_ST_DETAIL - len,
			  "; no rate check: the api clock is unsupported here");
		return HV_ST_PASS;
	}
	return hv_st_clock_rate(c.clock_ns, detail, len);
}

/* ---- the run ----------------------------------------------------------- */

static enum hv_st_result hv_st_run(enum hv_op op, enum hv_path path,
				   char *detail)
{
	const char *why = hv_info()->why_not[op][path];

	if (why) {
		scnprintf(detail, HV_ST_DETAIL, "%s", why);
		if (op == HV_OP_TRAP)
			hv_st_trap_describe(path, detail);
		return HV_ST_UNSUPPORTED;
	}
	switch (op) {
	case HV_OP_TRAP:
		return hv_st_trap_path(path, detail);
	case HV_OP_TEXT:
		return hv_st_text(path, detail);
	case HV_OP_XCALL:
		return hv_st_xcall(path, detail);
	case HV_OP_CLOCK:
		return hv_st_clock(path, detail);
	default:
		return hv_st_fail(detail, "no test for this op");
	}
}

int hv_selftest(struct seq_file *m)
{
	unsigned int count[3] = { 0 };
	char detail[HV_ST_DETAIL];
	enum hv_st_result r;
	int op, path;

	mutex_lock(&hv_st_lock);
	for (op = 0; op < HV_NOPS; op++)
		for (path = 0; path < HV_NPATHS; path++) {
			detail[0] = '\0';
			r = hv_st_run(op, path, detail);
			count[r]++;
			seq_printf(m, "%s %s %s %s\n", hv_op_name(op),
				   hv_path_name(path), hv_st_result_name[r],
				   detail);
		}
	mutex_unlock(&hv_st_lock);
	seq_printf(m, "selftest %s: %u pass, %u fail, %u unsupported\n",
		   count[HV_ST_FAIL] ? "fail" : "pass", count[HV_ST_PASS],
		   count[HV_ST_FAIL], count[HV_ST_UNSUPPORTED]);
	return count[HV_ST_FAIL] ? -EIO : 0;
}
