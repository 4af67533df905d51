// SPDX-License-Identifier: GPL-2.0
/*
 * The fbt provider: function boundary tracing, a probe at the entry to
 * and the return from every function ftrace can trace, named as Oracle's
 * Linux DTrace names them:
 *
 *	fbt:vmlinux:vfs_read:entry	arg0 .. arg5: the first six arguments
 *	fbt:vmlinux:vfs_read:return	arg1: the return value; arg0: the
 *					address the function returned to
 *	fbt:9p:v9fs_vfs_lookup:entry	a function of a loaded module
 *	fbt:kernel:vfs_read:entry	"kernel", the older spelling of vmlinux
 *
 * Which functions exist is fbt_symbols.c's business, how they fire
 * fbt_fire.c's; this file is the provider around them.
 *
 * PROBES ARE CREATED LAZILY.  The function tables of vmlinux and of each
 * loaded module are built the first time a description reaches fbt and
 * kept (a module loaded later is scanned at the next description after
 * it went live).  Probes are then created only for the functions and
 * names a description matches: fbt::vfs_read:entry creates one probe,
 * fbt:::entry (or dtrace -l) all of them, about two per function.  A
 * "kernel" probe exists only once a description names that module
 * literally, so that listings show each function once.
 *
 * ENABLING IS BOOKKEEPING.  enable and disable set and clear one bit of
 * a function (its parg is the function, with the kind in the low bits);
 * commit, which the core calls after each batch, builds the sorted site
 * array of every armed function and arms it with one registration
 * (fbt_fire.c).  fbt:::entry on every function is one ftrace update.
 *
 * MODULE LIFETIMES.  While a probe of a module is armed, fbt holds a
 * reference on the module: it cannot be unloaded (rmmod: in use), and
 * dtrace.ko itself is held by its consumers.  When a module goes
 * (MODULE_STATE_GOING, so none of its probes is armed), its table is
 * taken off the list and its probes are destroyed before its memory is
 * freed.
 *
 * LOCKING.  fbt_lock guards the tables, the armed bits and the pending
 * modules.  The core calls provide, enable, disable and commit with its
 * own lock held, so the order is always core lock, then fbt_lock; the
 * module notifier therefore drops fbt_lock before it destroys probes
 * (dtrace_probe_remove takes the core lock).  A module that goes while a
 * scan runs waits in the notifier for fbt_lock, so a scan never reads a
 * freed symbol table.
 *
 * ARGUMENT TYPES.  There is no getargdesc yet: args[N] is argN, an
 * untyped 64-bit value, until the kernel's BTF gives fbt its functions'
 * prototypes.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "fbt.h"
#include "fbt_impl.h"

static const char *const fbt_kind_names[FBT_NKINDS] = {
	[FBT_ENTRY]		= "entry",
	[FBT_RETURN]		= "return",
	[FBT_KERNEL_ENTRY]	= "entry",
	[FBT_KERNEL_RETURN]	= "return",
};

/* A module that went live after the first scan, to scan at next provide. */
struct fbt_pending {
	struct list_head link;
	struct module	*mod;
};

static DEFINE_MUTEX(fbt_lock);
static LIST_HEAD(fbt_mods);		/* struct fbt_mod, vmlinux first */
static LIST_HEAD(fbt_pending);		/* struct fbt_pending */
static LIST_HEAD(fbt_gone);		/* went with a probe still enabled */
static bool fbt_scanned;
static bool fbt_dirty;			/* armed bits changed since commit */
static bool fbt_registered;
static dtrace_provider_id_t fbt_prov;

static void *fbt_parg(struct fbt_func *f, enum fbt_kind kind)
{
	return (void *)((uintptr_t)f | kind);
}

static struct fbt_func *fbt_parg_func(void *parg, enum fbt_kind *kind)
{
	*kind = (uintptr_t)parg & 7;
	return (struct fbt_func *)((uintptr_t)parg & ~(uintptr_t)7);
}

static bool fbt_part_matches(const char *pattern, const char *s)
{
	return pattern[0] == '\0' || dtrace_glob_match(pattern, s);
}

/* ---- tables -------------------------------------------------------- */

static struct fbt_mod *fbt_mod_find(struct module *mod)
{
	struct fbt_mod *m;

	list_for_each_entry(m, &fbt_mods, link) {
		if (m->mod == mod)
			return m;
	}
	return NULL;
}

static int fbt_mod_add(struct module *mod, void *unused)
{
	struct fbt_mod *m;
	int rv;

	if (fbt_mod_find(mod))
		return 0;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	rv = fbt_scan(m, mod);
	if (rv) {
		kfree(m);
		return rv;
	}
	list_add_tail(&m->link, &fbt_mods);
	return 0;
}

static void fbt_mod_destroy(struct fbt_mod *m)
{
	fbt_mod_free(m);
	kfree(m);
}

/* Scan vmlinux and the loaded modules once, then each newly live one. */
static void fbt_scan_new(void)
{
	struct fbt_pending *p, *tmp;
	int rv = 0;

	if (!fbt_scanned) {
		rv = fbt_mod_add(NULL, NULL);
		if (!rv)
			rv = fbt_for_each_module(fbt_mod_add, NULL);
		fbt_scanned = !rv;
	}
	list_for_each_entry_safe(p, tmp, &fbt_pending, link) {
		if (!rv)
			rv = fbt_mod_add(p->mod, NULL);
		list_del(&p->link);
		kfree(p);
	}
	if (rv)
		pr_warn("dtrace: fbt: cannot list the kernel's functions (error %d); fbt probes are incomplete\n",
			rv);
}

/* ---- provider operations ------------------------------------------- */

static void fbt_provide_func(struct fbt_mod *m, struct fbt_func *f,
			     const char *modname, enum fbt_kind first,
			     const dtrace_probedesc_t *desc)
{
	enum fbt_kind k;

	for (k = first; k <= first + 1; k++) {
		if (f->id[k] || !fbt_part_matches(desc->name,
						  fbt_kind_names[k]))
			continue;
		f->id[k] = dtrace_probe_create(fbt_prov, modname,
					       fbt_func_name(m, f),
					       fbt_kind_names[k], 0,
					       fbt_parg(f, k));
	}
}

static void fbt_provide(void *arg, const dtrace_probedesc_t *desc)
{
	static const dtrace_probedesc_t all;
	enum fbt_kind first;
	const char *modname;
	struct fbt_mod *m;
	unsigned int i;

	if (!desc)
		desc = &all;
	mutex_lock(&fbt_lock);
	fbt_scan_new();
	list_for_each_entry(m, &fbt_mods, link) {
		modname = m->name;
		first = FBT_ENTRY;
		if (!m->mod && strcmp(desc->mod, "kernel") == 0) {
			modname = "kernel";
			first = FBT_KERNEL_ENTRY;
		} else if (!fbt_part_matches(desc->mod, m->name)) {
			continue;
		}
		for (i = 0; i < m->nfuncs; i++) {
			if (fbt_part_matches(desc->func,
					     fbt_func_name(m, &m->funcs[i])))
				fbt_provide_func(m, &m->funcs[i], modname,
						 first, desc);
		}
	}
	mutex_unlock(&fbt_lock);
}

static int fbt_enable(void *arg, dtrace_id_t id, void *parg)
{
	enum fbt_kind kind;
	struct fbt_func *f = fbt_parg_func(parg, &kind);

	mutex_lock(&fbt_lock);
	f->armed |= 1 << kind;
	fbt_dirty = true;
	mutex_unlock(&fbt_lock);
	return 0;
}

static void fbt_disable(void *arg, dtrace_id_t id, void *parg)
{
	enum fbt_kind kind;
	struct fbt_func *f = fbt_parg_func(parg, &kind);

	mutex_lock(&fbt_lock);
	f->armed &= ~(1 << kind);
	fbt_dirty = true;
	mutex_unlock(&fbt_lock);
}

static bool fbt_mod_armed(const struct fbt_mod *m)
{
	unsigned int i;

	for (i = 0; i < m->nfuncs; i++) {
		if (m->funcs[i].armed)
			return true;
	}
	return false;
}

/* Take a reference on each module with an armed probe that lacks one. */
static int fbt_hold_modules(void)
{
	struct fbt_mod *m;

	list_for_each_entry(m, &fbt_mods, link) {
		if (!m->mod || m->held || !fbt_mod_armed(m))
			continue;
		if (!try_module_get(m->mod)) {
			pr_warn("dtrace: fbt: module %s is being unloaded; its probes cannot be enabled\n",
				m->name);
			return -ENOENT;
		}
		m->held = true;
	}
	return 0;
}

static void fbt_release_modules(void)
{
	struct fbt_mod *m;

	list_for_each_entry(m, &fbt_mods, link) {
		if (m->held && !fbt_mod_armed(m)) {
			module_put(m->mod);
			m->held = false;
		}
	}
}

static void fbt_site_fill(struct fbt_site *s, const struct fbt_func *f)
{
	s->ip = f->ip;
	s->entry[0] = f->armed & BIT(FBT_ENTRY) ? f->id[FBT_ENTRY] : 0;
	s->entry[1] = f->armed & BIT(FBT_KERNEL_ENTRY) ?
		      f->id[FBT_KERNEL_ENTRY] : 0;
	s->ret[0] = f->armed & BIT(FBT_RETURN) ? f->id[FBT_RETURN] : 0;
	s->ret[1] = f->armed & BIT(FBT_KERNEL_RETURN) ?
		    f->id[FBT_KERNEL_RETURN] : 0;
}

static int fbt_site_cmp(const void *a, const void *b)
{
	const struct fbt_site *sa = a, *sb = b;

	return sa->ip < sb->ip ? -1 : sa->ip > sb->ip;
}

/* The sites of every armed function, sorted by ip. */
static int fbt_sites_build(struct fbt_site **sitesp, unsigned int *np,
			   unsigned int *nretp)
{
	unsigned int i, n = 0, nret = 0;
	struct fbt_site *sites;
	struct fbt_mod *m;

	list_for_each_entry(m, &fbt_mods, link) {
		for (i = 0; i < m->nfuncs; i++)
			n += m->funcs[i].armed != 0;
	}
	*sitesp = NULL;
	*np = n;
	*nretp = 0;
	if (n == 0)
		return 0;
	sites = kvmalloc_array(n, sizeof(*sites), GFP_KERNEL);
	if (!sites)
		return -ENOMEM;
	n = 0;
	list_for_each_entry(m, &fbt_mods, link) {
		for (i = 0; i < m->nfuncs; i++) {
			if (!m->funcs[i].armed)
				continue;
			fbt_site_fill(&sites[n], &m->funcs[i]);
			nret += sites[n].ret[0] || sites[n].ret[1];
			n++;
		}
	}
	sort(sites, n, sizeof(*sites), fbt_site_cmp, NULL);
	*sitesp = sites;
	*nretp = nret;
	return 0;
}

static int fbt_commit(void *arg)
{
	unsigned int n, nret;
	struct fbt_site *sites;
	int rv;

	mutex_lock(&fbt_lock);
	if (!fbt_dirty) {
		mutex_unlock(&fbt_lock);
		return 0;
	}
	fbt_dirty = false;
	rv = fbt_hold_modules();
	if (!rv)
		rv = fbt_sites_build(&sites, &n, &nret);
	if (!rv) {
		rv = fbt_arm(sites, n, nret);
		if (rv)
			pr_warn("dtrace: fbt: arming %u functions failed (error %d)\n",
				n, rv);
	}
	fbt_release_modules();
	mutex_unlock(&fbt_lock);
	return rv;
}

static const dtrace_pops_t fbt_pops = {
	.provide	= fbt_provide,
	.enable		= fbt_enable,
	.disable	= fbt_disable,
	.commit		= fbt_commit,
};

/* ---- module lifetimes ---------------------------------------------- */

static void fbt_module_live(struct module *mod)
{
	struct fbt_pending *p;

	mutex_lock(&fbt_lock);
	if (fbt_scanned) {
		p = kzalloc(sizeof(*p), GFP_KERNEL);
		if (p) {
			p->mod = mod;
			list_add_tail(&p->link, &fbt_pending);
		} else {
			pr_warn("dtrace: fbt: no memory to note module %s; it has no fbt probes\n",
				mod->name);
		}
	}
	mutex_unlock(&fbt_lock);
}

/*
 * Destroy the probes of a module that goes.  One still enabled (its
 * description matched while the module was already going) keeps the
 * table alive on fbt_gone until fbt's own end.
 */
static void fbt_module_going(struct module *mod)
{
	struct fbt_pending *p, *tmp;
	struct fbt_mod *m;
	bool busy = false;
	unsigned int i;
	int k;

	mutex_lock(&fbt_lock);
	list_for_each_entry_safe(p, tmp, &fbt_pending, link) {
		if (p->mod == mod) {
			list_del(&p->link);
			kfree(p);
		}
	}
	m = fbt_mod_find(mod);
	if (m)
		list_del(&m->link);
	mutex_unlock(&fbt_lock);
	if (!m)
		return;
	for (i = 0; i < m->nfuncs; i++) {
		for (k = 0; k < FBT_NKINDS; k++) {
			if (m->funcs[i].id[k] &&
			    dtrace_probe_remove(fbt_prov,
						m->funcs[i].id[k]) == -EBUSY)
				busy = true;
		}
	}
	if (!busy) {
		fbt_mod_destroy(m);
		return;
	}
	pr_warn("dtrace: fbt: module %s unloaded with an fbt probe enabled; the probe no longer fires\n",
		m->name);
	mutex_lock(&fbt_lock);
	list_add_tail(&m->link, &fbt_gone);
	mutex_unlock(&fbt_lock);
}

static int fbt_module_notify(struct notifier_block *nb, unsigned long state,
			     void *data)
{
	if (state == MODULE_STATE_LIVE)
		fbt_module_live(data);
	else if (state == MODULE_STATE_GOING)
		fbt_module_going(data);
	return NOTIFY_DONE;
}

static struct notifier_block fbt_module_nb = {
	.notifier_call = fbt_module_notify,
};

/* ---- init and fini ------------------------------------------------- */

/*
 * A kernel without what fbt needs (fbt_symbols.c, fbt_compat.h) still
 * gets the rest of dtrace: fbt is left out, and the log says why.
 */
int fbt_provider_init(void)
{
	int rv;

	if (fbt_symbols_init() || fbt_fire_init())
		return 0;
	rv = register_module_notifier(&fbt_module_nb);
	if (rv)
		return rv;
	rv = dtrace_register("fbt", &fbt_pops, NULL, &fbt_prov);
	if (rv) {
		unregister_module_notifier(&fbt_module_nb);
		return rv;
	}
	fbt_registered = true;
	return 0;
}

static void fbt_free_list(struct list_head *head)
{
	struct fbt_mod *m, *tmp;

	list_for_each_entry_safe(m, tmp, head, link) {
		list_del(&m->link);
		fbt_mod_destroy(m);
	}
}

int fbt_provider_fini(void)
{
	struct fbt_pending *p, *tmp;
	int rv;

	if (!fbt_registered)
		return 0;
	rv = dtrace_unregister(fbt_prov);
	if (rv)
		return rv;
	unregister_module_notifier(&fbt_module_nb);
	mutex_lock(&fbt_lock);
	fbt_arm(NULL, 0, 0);
	fbt_free_list(&fbt_mods);
	fbt_free_list(&fbt_gone);
	list_for_each_entry_safe(p, tmp, &fbt_pending, link) {
		list_del(&p->link);
		kfree(p);
	}
	fbt_scanned = false;
	fbt_dirty = false;
	mutex_unlock(&fbt_lock);
	fbt_registered = false;
	return 0;
}
