/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PROVIDERS_FBT_FBT_COMPAT_H
#define PROVIDERS_FBT_FBT_COMPAT_H

/*
 * Every kernel-version difference fbt depends on, in one place.
 *
 * HOW A FUNCTION IS HOOKED.  Both ways below end in the same kernel
 * machinery: an ftrace_ops whose filter holds the ips of every armed
 * function (one registration, one code update for thousands of
 * functions) for the entry, and a rethook node planted on the return
 * address for the return.
 *
 *  - FBT_HOOK_FPROBE: the kernel has fprobe with the 6.5 .. 6.13 handler
 *    signatures (pt_regs, ret_ip, entry_data, an int entry handler that
 *    can decline the return).  register_fprobe_ips() is exported; this is
 *    the path on Debian's 6.12.  6.14 moved fprobe onto fgraph with
 *    ftrace_regs handlers: a new branch here when such a kernel is in
 *    the matrix.
 *
 *  - FBT_HOOK_FTRACE_RETHOOK: the kernel has no fprobe (Debian's 6.1 is
 *    built without CONFIG_FPROBE) but has rethook (CONFIG_RETHOOK, used
 *    by kretprobes) with its pre-6.5 interface: fbt does what fprobe
 *    does itself, with register_ftrace_function() and
 *    ftrace_set_filter_ips() (exported) and the rethook calls, which are
 *    not exported and are found through kallsyms (fbt_symbols.c).
 *
 * Without either, fbt is left out with a message that says why.
 *
 * ENTRY OFFSET.  With IBT (CONFIG_X86_KERNEL_IBT) a function starts with
 * ENDBR64 and its ftrace location is 4 bytes in; without it the location
 * is the symbol itself.
 */
#include <linux/version.h>
#include <linux/kallsyms.h>
#include <linux/module.h>

#if IS_ENABLED(CONFIG_FPROBE) && \
	LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0) && \
	LINUX_VERSION_CODE < KERNEL_VERSION(6, 14, 0)
#define FBT_HOOK_FPROBE		1
#include <linux/fprobe.h>
#elif IS_ENABLED(CONFIG_RETHOOK) && \
	IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_REGS) && \
	LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
#define FBT_HOOK_FTRACE_RETHOOK	1
#include <linux/ftrace.h>
#include <linux/rethook.h>

typedef struct rethook *(*fbt_rethook_alloc_t)(void *data,
					       rethook_handler_t handler);
typedef void (*fbt_rethook_add_node_t)(struct rethook *rh,
				       struct rethook_node *node);
typedef struct rethook_node *(*fbt_rethook_try_get_t)(struct rethook *rh);
typedef void (*fbt_rethook_hook_t)(struct rethook_node *node,
				   struct pt_regs *regs, bool mcount);
typedef void (*fbt_rethook_free_t)(struct rethook *rh);
#endif

#ifdef CONFIG_X86_KERNEL_IBT
#define FBT_ENDBR_SIZE		4
#else
#define FBT_ENDBR_SIZE		0
#endif

/*
 * kallsyms_on_each_symbol() lost its struct module * argument in 6.4.
 * fbt_ksym_walk adapts both to one callback.
 */
struct fbt_ksym_walk {
	int (*fn)(void *arg, const char *name, unsigned long addr);
	void *arg;
};

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
static inline int fbt_ksym_thunk(void *data, const char *name,
				 struct module *mod, unsigned long addr)
#else
static inline int fbt_ksym_thunk(void *data, const char *name,
				 unsigned long addr)
#endif
{
	struct fbt_ksym_walk *w = data;

	return w->fn(w->arg, name, addr);
}

typedef int (*fbt_kallsyms_on_each_symbol_t)(typeof(fbt_ksym_thunk) *fn,
					     void *data);
typedef unsigned long (*fbt_ftrace_location_range_t)(unsigned long start,
						     unsigned long end);
typedef unsigned long (*fbt_kallsyms_lookup_name_t)(const char *name);

#endif /* PROVIDERS_FBT_FBT_COMPAT_H */
