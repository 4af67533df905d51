/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PROVIDERS_FBT_FBT_IMPL_H
#define PROVIDERS_FBT_FBT_IMPL_H

/*
 * What the three parts of the fbt provider share:
 *
 *	fbt_symbols.c	which functions exist: the ftrace locations of
 *			vmlinux and of every loaded module, found through
 *			kallsyms (the kernel exports no list of them)
 *	fbt_fire.c	arming: one ftrace registration for every armed
 *			function, and the handlers that fire the probes
 *	fbt_provider.c	the provider: lazy probe creation, enable and
 *			disable as bookkeeping, commit, module lifetimes
 *
 * The version-dependent kernel interfaces are in fbt_compat.h.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/types.h>

#include "../../core/dtrace_core.h"

/*
 * A function has up to four probes: entry and return under its module's
 * name, and for vmlinux also under "kernel", the older spelling
 * (fbt:kernel:vfs_read:entry), created only when a description names
 * that module literally.
 */
enum fbt_kind {
	FBT_ENTRY,
	FBT_RETURN,
	FBT_KERNEL_ENTRY,
	FBT_KERNEL_RETURN,
	FBT_NKINDS
};

static inline bool fbt_kind_is_return(enum fbt_kind kind)
{
	return kind == FBT_RETURN || kind == FBT_KERNEL_RETURN;
}

/* One traceable function.  Aligned to 8: a probe's parg is (f | kind). */
struct fbt_func {
	unsigned long	ip;		/* its ftrace location (fentry call) */
	u32		name;		/* offset in its fbt_mod's names */
	u8		armed;		/* 1 << kind for each kind enabled */
	dtrace_id_t	id[FBT_NKINDS];	/* its probes; 0 until created */
} __aligned(8);

/* The functions of vmlinux or of one module, sorted by ip. */
struct fbt_mod {
	struct list_head link;
	struct module	*mod;		/* NULL for vmlinux */
	const char	*name;		/* "vmlinux" or the module's name */
	struct fbt_func	*funcs;
	unsigned int	nfuncs;
	char		*names;		/* NUL-terminated names, packed */
	size_t		names_size;
	bool		held;		/* a module reference for armed probes */
};

static inline const char *fbt_func_name(const struct fbt_mod *m,
					const struct fbt_func *f)
{
	return m->names + f->name;
}

/* ---- fbt_symbols.c ------------------------------------------------- */

/* Find the kernel symbols fbt needs; -ENOENT (logged) when one is missing. */
int fbt_symbols_init(void);
/* The address of a kernel function fbt calls, checked callable; or NULL. */
void *fbt_kernel_function(const char *name);
/* Fill m with the traceable functions of vmlinux (mod NULL) or of mod. */
int fbt_scan(struct fbt_mod *m, struct module *mod);
void fbt_mod_free(struct fbt_mod *m);
/* Call fn for every live module but this one; stops at a non-zero return. */
int fbt_for_each_module(int (*fn)(struct module *mod, void *arg), void *arg);

/* ---- fbt_fire.c ---------------------------------------------------- */

/* An armed function: the probes to fire at its entry and its return. */
struct fbt_site {
	unsigned long	ip;
	dtrace_id_t	entry[2];	/* vmlinux/module name, "kernel" */
	dtrace_id_t	ret[2];
};

int fbt_fire_init(void);
/*
 * Replace the armed set by 'sites' (sorted by ip, nret of them with a
 * return probe; fbt_fire owns the array from now on).  nsites 0 disarms.
 * Waits until no handler of the old set is running.
 */
int fbt_arm(struct fbt_site *sites, unsigned int nsites, unsigned int nret);

#endif /* PROVIDERS_FBT_FBT_IMPL_H */
