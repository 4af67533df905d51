// SPDX-License-Identifier: GPL-2.0
/*
 * Addresses of kernel symbols that are not exported to modules (text_poke
 * and text_mutex for the API text path).
 *
 * Before 5.7 kallsyms_lookup_name is exported and called directly.  From
 * 5.7 on it is not; but kprobes resolves a probe's symbol_name through
 * it, so registering a kprobe on "kallsyms_lookup_name" itself and
 * reading back the address the kprobe was placed at yields the function.
 * The kprobe is removed at once.  A kernel without kprobes (or one that
 * refuses a probe there) leaves the lookup unavailable, and the paths
 * that need it report themselves unsupported with that reason.
 *
 * IBT.  On kernels built with IBT, kprobes places a probe after the
 * function's ENDBR64, so the entry is 4 bytes before the probe address
 * when an ENDBR64 sits there.  When the CPU enforces IBT, an indirect
 * call must land on a genuine ENDBR64; a function the kernel never calls
 * indirectly has its landing pad sealed at boot, and calling it through a
 * pointer would raise #CP.  hv_ksym_call_why_not refuses such a function
 * instead, and refuses kallsyms_lookup_name itself the same way.
 */
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#include "hv/hv_impl.h"
#include "hv/hv_compat.h"

typedef unsigned long (*hv_kallsyms_lookup_fn)(const char *name);

static DEFINE_MUTEX(hv_ksym_lock);
static bool hv_ksym_done;
static hv_kallsyms_lookup_fn hv_ksym_kallsyms;
static const char *hv_ksym_why;

/* The address an indirect call to the function at or around addr takes. */
static unsigned long hv_ksym_entry(unsigned long addr)
{
	u32 insn;

	if (HV_ENDBR_SIZE &&
	    !copy_from_kernel_nofault(&insn, (void *)(addr - HV_ENDBR_SIZE),
				      sizeof(insn)) &&
	    hv_is_endbr(insn))
		return addr - HV_ENDBR_SIZE;
	return addr;
}

const char *hv_ksym_call_why_not(unsigned long addr)
{
	u32 insn;

	if (!hv_ibt_enforced())
		return NULL;
	if (copy_from_kernel_nofault(&insn, (void *)addr, sizeof(insn)))
		return "the function's entry cannot be read";
	if (!hv_is_endbr(insn))
		return "this CPU enforces IBT and the kernel sealed the "
			"function's ENDBR64 landing pad, so a module cannot "
			"call it through a pointer";
	return NULL;
}

#if HV_KALLSYMS_VIA_KPROBE
static const char *hv_ksym_find_kallsyms(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long entry;
	const char *why;

	if (register_kprobe(&kp) < 0)
		return "kallsyms_lookup_name is not exported (5.7+) and no "
			"kprobe could be placed on it to find it "
			"(CONFIG_KPROBES)";
	entry = hv_ksym_entry((unsigned long)kp.addr);
	unregister_kprobe(&kp);
	why = hv_ksym_call_why_not(entry);
	if (why)
		return "kallsyms_lookup_name cannot be called: this CPU "
			"enforces IBT and its ENDBR64 is sealed";
	hv_ksym_kallsyms = (hv_kallsyms_lookup_fn)entry;
	return NULL;
}
#else
static const char *hv_ksym_find_kallsyms(void)
{
	hv_ksym_kallsyms = kallsyms_lookup_name;
	return NULL;
}
#endif

unsigned long hv_ksym_lookup(const char *name, const char **why)
{
	unsigned long addr = 0;

	mutex_lock(&hv_ksym_lock);
	if (!hv_ksym_done) {
		hv_ksym_why = hv_ksym_find_kallsyms();
		hv_ksym_done = true;
	}
	*why = hv_ksym_why;
	if (hv_ksym_kallsyms)
		addr = hv_ksym_kallsyms(name);
	mutex_unlock(&hv_ksym_lock);
	return addr;
}
