// SPDX-License-Identifier: GPL-2.0
/*
 * Providers and the probe table.
 *
 * A probe is named provider:module:function:name and has an id, its
 * index in dtrace_probes plus one.  Ids are never reused while the core
 * is up, so a stale id can at worst name no probe.  Probe context finds a
 * probe by id with one bounds check and one load (dtrace_probe_get); the
 * table only grows, and a grown table replaces the old one by a release
 * store followed by dtrace_sync() before the old one is freed.
 *
 * dtrace_probe_lookup finds a probe by its four names through a hash
 * table (providers such as fbt look up every probe they might create).
 *
 * Providers create probes lazily: before a description is matched, each
 * provider whose name matches it gets a provide() call so that, for
 * example, profile-1234 exists as soon as a script names it.
 */
#include "core_impl.h"

#define PROVIDERS_MAX	64

#define HASH_BUCKETS	16384u		/* name lookup, power of two */

static dtrace_probe_t **dtrace_probes;	/* read in probe context */
static dtrace_probe_t **dtrace_byname;	/* hash chains, dtrace_lock */
static uint32_t dtrace_nprobes;		/* read in probe context */
static uint32_t dtrace_probecap;
static dtrace_provider_t *dtrace_providers[PROVIDERS_MAX];

/* Take dtrace_lock unless this thread holds it (provide() callbacks). */
static bool lock_core(void)
{
	if (os_mutex_held(&dtrace_lock))
		return false;
	os_mutex_enter(&dtrace_lock);
	return true;
}

static void unlock_core(bool taken)
{
	if (taken)
		os_mutex_exit(&dtrace_lock);
}

static void copy_name(char *dst, const char *src, size_t size)
{
	size_t n = src ? os_strlen(src) : 0;

	if (n >= size)
		n = size - 1;
	if (n)
		os_memcpy(dst, src, n);
	dst[n] = '\0';
}

dtrace_probe_t *dtrace_probe_get(dtrace_id_t id)
{
	uint32_t n = DTRACE_READ(dtrace_nprobes);
	dtrace_probe_t **tab = DTRACE_READ(dtrace_probes);

	if (id == 0 || id > n)
		return NULL;
	return DTRACE_READ(tab[id - 1]);
}

/* ---- name hash ------------------------------------------------------ */

static uint32_t fnv(uint32_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h * 16777619u;
}

static uint32_t name_hash(const dtrace_provider_t *pv, const char *mod,
			  const char *func, const char *name)
{
	uint32_t h = fnv(fnv(fnv(2166136261u, mod), func), name);

	h ^= (uint32_t)((uintptr_t)pv >> 4);
	return h & (HASH_BUCKETS - 1);
}

static void hash_remove(dtrace_probe_t *p)
{
	dtrace_probe_t **pp;

	pp = &dtrace_byname[name_hash(p->prov, p->mod, p->func, p->name)];
	for (; *pp != NULL; pp = &(*pp)->hash_next) {
		if (*pp == p) {
			*pp = p->hash_next;
			return;
		}
	}
}

/* ---- glob matching -------------------------------------------------- */

/*
 * Does character c belong to the set starting after '[' at *pp?  On
 * return *pp points after the closing ']'.  An unterminated set matches
 * nothing.
 */
static bool set_match(const char **pp, char c, bool *ok)
{
	const char *p = *pp;
	bool negate = false, found = false;
	char lo, hi;

	if (*p == '!') {
		negate = true;
		p++;
	}
	if (*p == ']') {		/* a leading ']' is a member */
		found = (c == ']');
		p++;
	}
	while (*p != '\0' && *p != ']') {
		lo = *p++;
		if (lo == '\\' && *p != '\0')
			lo = *p++;
		hi = lo;
		if (*p == '-' && p[1] != ']' && p[1] != '\0') {
			hi = p[1];
			p += 2;
			if (hi == '\\' && *p != '\0')
				hi = *p++;
		}
		if (c >= lo && c <= hi)
			found = true;
	}
	*ok = (*p == ']');
	if (*ok)
		p++;
	*pp = p;
	return found != negate;
}

/*
 * Iterative glob: on a mismatch after a '*', retry with the star
 * swallowing one more character.  No recursion, linear memory.
 */
bool dtrace_glob_match(const char *pat, const char *s)
{
	const char *star_p = NULL, *star_s = NULL, *p = pat;
	bool ok;

	while (*s != '\0') {
		if (*p == '*') {
			star_p = ++p;
			star_s = s;
			continue;
		}
		if (*p == '?') {
			p++;
			s++;
			continue;
		}
		if (*p == '[') {
			const char *q = p + 1;

			if (set_match(&q, *s, &ok) && ok) {
				p = q;
				s++;
				continue;
			}
		} else {
			const char *q = p;

			if (*q == '\\' && q[1] != '\0')
				q++;
			if (*q != '\0' && *q == *s) {
				p = q + 1;
				s++;
				continue;
			}
		}
		if (star_p == NULL)
			return false;
		p = star_p;
		s = ++star_s;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

static bool part_matches(const char *pat, const char *s)
{
	return pat[0] == '\0' || dtrace_glob_match(pat, s);
}

bool dtrace_probe_matches(const dtrace_probedesc_t *desc,
			  const dtrace_probe_t *p)
{
	if (desc == NULL)
		return true;
	if (desc->id != 0 && desc->id != p->id)
		return false;
	return part_matches(desc->provider, p->prov->name) &&
	       part_matches(desc->mod, p->mod) &&
	       part_matches(desc->func, p->func) &&
	       part_matches(desc->name, p->name);
}

/* ---- providers ------------------------------------------------------ */

int dtrace_register(const char *name, const dtrace_pops_t *pops, void *arg,
		    dtrace_provider_id_t *idp)
{
	dtrace_provider_t *pv;
	bool taken;
	int i, slot = -1;

	if (name == NULL || name[0] == '\0' ||
	    os_strlen(name) >= DTRACE_PROVNAMELEN || pops == NULL)
		return -EINVAL;
	taken = lock_core();
	for (i = 0; i < PROVIDERS_MAX; i++) {
		if (dtrace_providers[i] == NULL) {
			if (slot < 0)
				slot = i;
		} else if (os_strcmp(dtrace_providers[i]->name, name) == 0) {
			unlock_core(taken);
			return -EEXIST;
		}
	}
	pv = slot < 0 ? NULL : os_zalloc(sizeof(*pv));
	if (pv == NULL) {
		unlock_core(taken);
		return slot < 0 ? -ENOSPC : -ENOMEM;
	}
	copy_name(pv->name, name, sizeof(pv->name));
	pv->pops = *pops;
	pv->arg = arg;
	dtrace_providers[slot] = pv;
	*idp = (dtrace_provider_id_t)pv;
	unlock_core(taken);
	return 0;
}

int dtrace_unregister(dtrace_provider_id_t id)
{
	dtrace_provider_t *pv = (dtrace_provider_t *)id;
	dtrace_probe_t *p, *dead = NULL;
	bool taken;
	uint32_t i;
	int slot;

	taken = lock_core();
	for (slot = 0; slot < PROVIDERS_MAX; slot++) {
		if (dtrace_providers[slot] == pv)
			break;
	}
	if (pv == NULL || slot == PROVIDERS_MAX) {
		unlock_core(taken);
		return -EINVAL;
	}
	if (pv->nenabled != 0) {
		unlock_core(taken);
		return -EBUSY;
	}
	for (i = 0; i < dtrace_nprobes; i++) {
		p = dtrace_probes[i];
		if (p == NULL || p->prov != pv)
			continue;
		DTRACE_PUBLISH(dtrace_probes[i], NULL);
		hash_remove(p);
		p->dead_next = dead;
		dead = p;
	}
	dtrace_sync();
	while ((p = dead) != NULL) {
		dead = p->dead_next;
		if (pv->pops.destroy != NULL)
			pv->pops.destroy(pv->arg, p->id, p->parg);
		os_free(p, sizeof(*p));
	}
	dtrace_providers[slot] = NULL;
	unlock_core(taken);
	os_free(pv, sizeof(*pv));
	return 0;
}

/* ---- probes --------------------------------------------------------- */

static int grow_table(void)
{
	uint32_t cap = dtrace_probecap ? dtrace_probecap * 2 : 256;
	dtrace_probe_t **old = dtrace_probes, **tab;

	tab = os_zalloc(cap * sizeof(*tab));
	if (tab == NULL)
		return -ENOMEM;
	if (dtrace_nprobes)
		os_memcpy(tab, old, dtrace_nprobes * sizeof(*tab));
	DTRACE_PUBLISH(dtrace_probes, tab);
	if (old != NULL) {
		dtrace_sync();
		os_free(old, dtrace_probecap * sizeof(*old));
	}
	dtrace_probecap = cap;
	return 0;
}

dtrace_id_t dtrace_probe_create(dtrace_provider_id_t prov, const char *mod,
				const char *func, const char *name,
				int aframes, void *parg)
{
	dtrace_provider_t *pv = (dtrace_provider_t *)prov;
	dtrace_probe_t *p;
	bool taken;
	uint32_t h;

	if (pv == NULL || name == NULL || name[0] == '\0')
		return 0;
	p = os_zalloc(sizeof(*p));
	if (p == NULL)
		return 0;
	taken = lock_core();
	if (dtrace_byname == NULL)
		dtrace_byname = os_zalloc(HASH_BUCKETS * sizeof(*dtrace_byname));
	if (dtrace_byname == NULL ||
	    (dtrace_nprobes == dtrace_probecap && grow_table() != 0)) {
		unlock_core(taken);
		os_free(p, sizeof(*p));
		return 0;
	}
	p->prov = pv;
	p->parg = parg;
	p->aframes = aframes;
	copy_name(p->mod, mod, sizeof(p->mod));
	copy_name(p->func, func, sizeof(p->func));
	copy_name(p->name, name, sizeof(p->name));
	p->names.provider = pv->name;
	p->names.mod = p->mod;
	p->names.func = p->func;
	p->names.name = p->name;
	p->id = dtrace_nprobes + 1;
	h = name_hash(pv, p->mod, p->func, p->name);
	p->hash_next = dtrace_byname[h];
	dtrace_byname[h] = p;
	DTRACE_PUBLISH(dtrace_probes[dtrace_nprobes], p);
	DTRACE_PUBLISH(dtrace_nprobes, dtrace_nprobes + 1);
	unlock_core(taken);
	return p->id;
}

dtrace_id_t dtrace_probe_lookup(dtrace_provider_id_t prov, const char *mod,
				const char *func, const char *name)
{
	dtrace_provider_t *pv = (dtrace_provider_t *)prov;
	dtrace_probe_t *p = NULL;
	bool taken;

	mod = mod ? mod : "";
	func = func ? func : "";
	name = name ? name : "";
	taken = lock_core();
	if (dtrace_byname != NULL)
		p = dtrace_byname[name_hash(pv, mod, func, name)];
	for (; p != NULL; p = p->hash_next) {
		if (p->prov == pv && os_strcmp(p->mod, mod) == 0 &&
		    os_strcmp(p->func, func) == 0 &&
		    os_strcmp(p->name, name) == 0)
			break;
	}
	unlock_core(taken);
	return p ? p->id : 0;
}

int dtrace_probe_remove(dtrace_provider_id_t prov, dtrace_id_t id)
{
	dtrace_provider_t *pv = (dtrace_provider_t *)prov;
	dtrace_probe_t *p;
	bool taken;

	taken = lock_core();
	p = dtrace_probe_get(id);
	if (p == NULL || p->prov != pv) {
		unlock_core(taken);
		return -EINVAL;
	}
	if (p->nenabled != 0) {
		unlock_core(taken);
		return -EBUSY;
	}
	DTRACE_PUBLISH(dtrace_probes[id - 1], NULL);
	hash_remove(p);
	dtrace_sync();
	if (pv->pops.destroy != NULL)
		pv->pops.destroy(pv->arg, p->id, p->parg);
	unlock_core(taken);
	os_free(p, sizeof(*p));
	return 0;
}

void dtrace_probe_provide(const dtrace_probedesc_t *desc)
{
	dtrace_provider_t *pv;
	int i;

	for (i = 0; i < PROVIDERS_MAX; i++) {
		pv = dtrace_providers[i];
		if (pv == NULL || pv->pops.provide == NULL)
			continue;
		if (desc != NULL && !part_matches(desc->provider, pv->name))
			continue;
		pv->pops.provide(pv->arg, desc);
	}
}

int dtrace_probe_foreach(const dtrace_probedesc_t *desc,
			 int (*fn)(dtrace_probe_t *p, void *arg), void *arg)
{
	dtrace_probe_t *p;
	uint32_t i;
	int rc;

	for (i = 0; i < dtrace_nprobes; i++) {
		p = dtrace_probes[i];
		if (p == NULL || !dtrace_probe_matches(desc, p))
			continue;
		rc = fn(p, arg);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int dtrace_probe_enable_one(dtrace_probe_t *p)
{
	int rc = 0;

	if (p->nenabled++ == 0) {
		if (p->prov->pops.enable != NULL)
			rc = p->prov->pops.enable(p->prov->arg, p->id,
						  p->parg);
		if (rc != 0) {
			p->nenabled--;
			return rc;
		}
		p->prov->nenabled++;
	}
	return 0;
}

void dtrace_probe_disable_one(dtrace_probe_t *p)
{
	if (--p->nenabled == 0) {
		if (p->prov->pops.disable != NULL)
			p->prov->pops.disable(p->prov->arg, p->id, p->parg);
		p->prov->nenabled--;
	}
}

int dtrace_probe_commit(const char **failed)
{
	dtrace_provider_t *pv;
	int i, rc, first = 0;

	for (i = 0; i < PROVIDERS_MAX; i++) {
		pv = dtrace_providers[i];
		if (pv == NULL || pv->pops.commit == NULL)
			continue;
		rc = pv->pops.commit(pv->arg);
		if (rc != 0 && first == 0) {
			first = rc;
			*failed = pv->name;
		}
	}
	return first;
}

struct iter_arg {
	int (*fn)(const dtc_probeinfo_t *info, void *arg);
	void *arg;
	dtc_probeinfo_t info;
};

static int iter_one(dtrace_probe_t *p, void *arg)
{
	struct iter_arg *ia = arg;

	os_memset(&ia->info, 0, sizeof(ia->info));
	ia->info.id = p->id;
	copy_name(ia->info.provider, p->prov->name,
		  sizeof(ia->info.provider));
	copy_name(ia->info.mod, p->mod, sizeof(ia->info.mod));
	copy_name(ia->info.func, p->func, sizeof(ia->info.func));
	copy_name(ia->info.name, p->name, sizeof(ia->info.name));
	return ia->fn(&ia->info, ia->arg);
}

int dtrace_probe_iter(const dtrace_probedesc_t *desc,
		      int (*fn)(const dtc_probeinfo_t *info, void *arg),
		      void *arg)
{
	struct iter_arg ia = { fn, arg };
	int rc;

	os_mutex_enter(&dtrace_lock);
	dtrace_probe_provide(desc);
	rc = dtrace_probe_foreach(desc, iter_one, &ia);
	os_mutex_exit(&dtrace_lock);
	return rc;
}

int dtrace_probe_argdesc(dtc_argdesc_t *desc)
{
	dtrace_probe_t *p;
	int rc = 0;

	if (desc->ndx < 0)
		return -EINVAL;
	os_memset(desc->native, 0, sizeof(desc->native));
	os_mutex_enter(&dtrace_lock);
	p = dtrace_probe_get(desc->id);
	if (p == NULL)
		rc = -ENOENT;
	else if (p->prov->pops.getargdesc != NULL &&
		 p->prov->pops.getargdesc(p->prov->arg, p->id, p->parg,
					  desc->ndx, desc->native,
					  sizeof(desc->native)) != 0)
		desc->native[0] = '\0';
	desc->native[sizeof(desc->native) - 1] = '\0';
	os_mutex_exit(&dtrace_lock);
	return rc;
}

void dtrace_probes_fini(void)
{
	uint32_t i;

	os_mutex_enter(&dtrace_lock);
	for (i = 0; i < dtrace_nprobes; i++) {
		if (dtrace_probes[i] != NULL)
			os_free(dtrace_probes[i], sizeof(dtrace_probe_t));
	}
	os_free(dtrace_probes, dtrace_probecap * sizeof(*dtrace_probes));
	os_free(dtrace_byname, HASH_BUCKETS * sizeof(*dtrace_byname));
	dtrace_probes = NULL;
	dtrace_byname = NULL;
	dtrace_nprobes = 0;
	dtrace_probecap = 0;
	for (i = 0; i < PROVIDERS_MAX; i++) {
		if (dtrace_providers[i] != NULL)
			os_free(dtrace_providers[i], sizeof(dtrace_provider_t));
		dtrace_providers[i] = NULL;
	}
	os_mutex_exit(&dtrace_lock);
}
