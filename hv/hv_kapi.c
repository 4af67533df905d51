// SPDX-License-Identifier: GPL-2.0
/*
 * The API paths of the four ops (hv_kapi.h): what the kernel itself
 * offers, paravirt-safe on every platform it runs on.
 *
 * TRAP.  A die notifier sees DIE_INT3 from do_int3() (after kprobes has
 * declined the breakpoint) and DIE_DEBUG from the #DB handler, for user
 * and kernel mode alike; hooks only want kernel mode, so user-mode traps
 * are passed on untouched.  For DIE_DEBUG die_args.err is a pointer to
 * the handler's copy of DR6, in which a notifier clears the bits it
 * consumed; a hook that claims the trap has consumed the single step.
 * The notifier runs in NMI-like context (irqentry_nmi_enter) with
 * interrupts disabled, which is what hv_trap_int3/hv_trap_debug expect.
 *
 * TEXT.  text_poke() writes through a temporary mapping and requires
 * text_mutex; neither is exported, so both are found by name (hv_ksym).
 * The write itself is made visible to instruction fetch on every CPU by
 * hv.c's serialising cross call after it.
 *
 * XCALL.  on_each_cpu_mask(..., wait) runs fn on the local CPU (with
 * interrupts disabled) and through IPIs (event channels under Xen PV) on
 * the others, and waits.  It must not be called with interrupts
 * disabled: two CPUs waiting on each other's IPI would deadlock.
 *
 * CLOCK.  ktime_get_mono_fast_ns() reads the kernel's clocksource without
 * its seqcount retry loop, so it is safe in probe context, NMI included;
 * under Xen or KVM that clocksource is the hypervisor's paravirt clock.
 */
#include <linux/kdebug.h>
#include <linux/notifier.h>
#include <linux/mutex.h>
#include <linux/memory.h>
#include <linux/smp.h>
#include <linux/timekeeping.h>
#include <asm/debugreg.h>
#include <asm/ptrace.h>
#include <asm/text-patching.h>

#include "hv/hv_kapi.h"
#include "hv/hv_impl.h"

/* ---- trap: the die notifier ------------------------------------------ */

static int hv_kapi_die_notify(struct notifier_block *nb, unsigned long val,
			      void *data)
{
	struct die_args *args = data;
	unsigned long *dr6;

	if (user_mode(args->regs))
		return NOTIFY_DONE;
	switch (val) {
	case DIE_INT3:
		if (hv_trap_int3(args->regs))
			return NOTIFY_STOP;
		break;
	case DIE_DEBUG:
		dr6 = (unsigned long *)args->err;
		if (hv_trap_debug(args->regs, *dr6)) {
			*dr6 &= ~DR_STEP;
			return NOTIFY_STOP;
		}
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block hv_kapi_die_nb = {
	.notifier_call = hv_kapi_die_notify,
};

int hv_kapi_trap_install(void)
{
	return register_die_notifier(&hv_kapi_die_nb);
}

/* unregister_die_notifier waits (RCU) for notifiers still running. */
void hv_kapi_trap_remove(void)
{
	unregister_die_notifier(&hv_kapi_die_nb);
}

/* ---- text: text_poke under text_mutex -------------------------------- */

typedef void *(*hv_text_poke_fn)(void *addr, const void *opcode,
				 size_t len);

static hv_text_poke_fn hv_kapi_text_poke;
static struct mutex *hv_kapi_text_mutex;

const char *hv_kapi_text_probe(void)
{
	unsigned long poke, mutex;
	const char *why;

	poke = hv_ksym_lookup("text_poke", &why);
	if (!poke)
		return why ? why : "text_poke is not in kallsyms";
	why = hv_ksym_call_why_not(poke);
	if (why)
		return why;
	mutex = hv_ksym_lookup("text_mutex", &why);
	if (!mutex)
		return why ? why : "text_mutex is not in kallsyms (a kernel "
			"without CONFIG_KALLSYMS_ALL lists no data symbols)";
	hv_kapi_text_poke = (hv_text_poke_fn)poke;
	hv_kapi_text_mutex = (struct mutex *)mutex;
	return NULL;
}

int hv_kapi_text_write(void *addr, const void *src, size_t len)
{
	mutex_lock(hv_kapi_text_mutex);
	hv_kapi_text_poke(addr, src, len);
	mutex_unlock(hv_kapi_text_mutex);
	return 0;
}

/* ---- xcall: on_each_cpu_mask ----------------------------------------- */

int hv_kapi_xcall(const struct cpumask *mask, void (*fn)(void *), void *arg)
{
	on_each_cpu_mask(mask, fn, arg, true);
	return 0;
}

/* ---- clock: ktime_get_mono_fast_ns ----------------------------------- */

u64 hv_kapi_clock_ns(void)
{
	return ktime_get_mono_fast_ns();
}
