// SPDX-License-Identifier: GPL-2.0
/*
 * The variable state of one consumer: user variables in their three
 * scopes, the dynamic variable space behind associative arrays and
 * thread-local variables, and the DIF machine's per-CPU storage.
 *
 * DECLARATIONS.  dtrace_vstate_add_difo() is called for every verified
 * DIFO while the consumer loads its program (never in probe context, and
 * before tracing starts).  It records each variable's scope, kind and type
 * (a clash between two DIFOs is a load error), allocates the storage of
 * by-reference global scalars, and sizes the dynamic variable chunks.
 *
 * DYNAMIC VARIABLE SPACE.  One allocation of dynvarsize bytes, carved into
 * chunks of one fixed size on demand.  A chunk is a header, the serialized
 * key and the value:
 *
 *	dynvar_t | key (keymax bytes, padded to 8) | value (valmax, padded)
 *
 * keymax is the largest key any loaded DIFO can build, found by walking
 * its tuple pushes (strings count strsize + 1, their characters and NUL;
 * a by-reference C value counts the size SETX put in its size register,
 * or strsize when unknown); a key that turns out bigger at run time is
 * dropped.  valmax is the largest value of any dynamic variable (strings:
 * strsize + 1 bytes, so that a stored string of strsize characters keeps
 * its NUL; see dif_machine.h).  The chunk size is fixed once the first
 * chunk is handed out.
 *
 * A key is serialized as, per tuple entry, a 32-bit header (0 for a value,
 * else the byte count of a reference) followed by the 8 value bytes or the
 * referenced bytes (strings: their bytes and a NUL).  Thread-local
 * variables add os_thread_key() to the key, and the variable's scope and
 * id complete it; the hash covers all of it.
 *
 * CONCURRENCY.  Chunks hang off a power-of-two array of hash chains and
 * return to a free list as soon as an element is deleted (by storing 0 or
 * an empty string).  One spinlock guards chains, free list and the chunk
 * contents; it is taken only in probe context (interrupts off, and probe
 * context never nests on a CPU), so a holder is never interrupted by a
 * contender on its own CPU.  A by-reference value is handed out as the
 * address of its chunk's value area: if another CPU deletes the element
 * meanwhile the reader sees stale or reused bytes, never memory outside
 * the pool, and dif_vstate_span() keeps D loads and stores inside value
 * areas so that chunk headers are never reachable from a D program.
 *
 * When no chunk is free the store is dropped and counted in dyndrops.
 * Deleted elements are reclaimed at once; thread-local variables of
 * threads that exit without clearing them stay until the consumer goes
 * away, because os.h offers no way to learn that a thread has exited.
 */
#include "dif_machine.h"

#define DYNVAR_ALIGN(x)	(((x) + 7) & ~(size_t)7)

typedef struct dynvar {
	struct dynvar	*next;		/* hash chain or free list */
	uint64_t	tkey;		/* os_thread_key() or 0 */
	uint32_t	hash;
	uint32_t	keysize;	/* serialized key bytes */
	uint16_t	id;
	uint8_t		scope;
	uint8_t		pad[5];
} dynvar_t;

typedef struct vstate_ref {
	uintptr_t	base;
	size_t		size;
} vstate_ref_t;

struct dtrace_vstate {
	uint32_t	strsize;
	int		ncpus;
	dif_var_t	*vars[3];	/* by scope, indexed by id - UBASE */
	uint32_t	nvars[3];
	uint32_t	nlocals;
	vstate_ref_t	*refs;		/* by-reference global storage */
	uint32_t	nrefs;

	char		*pool;		/* dynamic variable space */
	size_t		poolsize;
	size_t		pool_used;	/* bytes carved into chunks */
	dynvar_t	*free;
	dynvar_t	**buckets;
	uint32_t	nbuckets;	/* a power of two */
	uint32_t	keymax;
	uint32_t	valmax;
	uint32_t	chunksize;	/* 0 until a dynamic var is declared */
	uint32_t	valoff;
	int		lock;
	uint64_t	drops;

	char		*zero;		/* valmax zero bytes: missing values */
	uint32_t	zerosize;
	dif_percpu_t	*percpu;	/* ncpus */
	uint32_t	keybufsize;	/* bytes of each percpu[].key */
};

/* ---- creation and declarations ------------------------------------- */

int dtrace_vstate_create(dtrace_vstate_t **vsp, size_t dynvarsize,
			 uint32_t strsize, int ncpus)
{
	dtrace_vstate_t *vs;
	uint32_t nb = 16;
	int i;

	if (strsize < 2 || ncpus < 1)
		return -EINVAL;
	vs = os_zalloc(sizeof(*vs));
	if (vs == NULL)
		return -ENOMEM;
	vs->strsize = strsize;
	vs->ncpus = ncpus;
	while (nb < (1u << 20) && nb < dynvarsize / 128)
		nb <<= 1;
	vs->nbuckets = nb;
	vs->poolsize = dynvarsize & ~(size_t)7;
	vs->buckets = os_zalloc(nb * sizeof(dynvar_t *));
	vs->percpu = os_zalloc(ncpus * sizeof(dif_percpu_t));
	vs->pool = vs->poolsize ? os_zalloc(vs->poolsize) : NULL;
	if (vs->buckets == NULL || vs->percpu == NULL ||
	    (vs->poolsize && vs->pool == NULL))
		goto nomem;
	for (i = 0; i < ncpus; i++) {
		dif_percpu_t *p = &vs->percpu[i];

		p->strtok = os_zalloc(strsize + 1);
		if (p->strtok == NULL)
			goto nomem;
		p->rand = (os_gethrtime() ^ 0x9e3779b97f4a7c15ull) *
			  (uint64_t)(2 * i + 1);
		if (p->rand == 0)
			p->rand = 0x2545f4914f6cdd1dull;
	}
	*vsp = vs;
	return 0;
nomem:
	dtrace_vstate_destroy(vs);
	return -ENOMEM;
}

void dtrace_vstate_destroy(dtrace_vstate_t *vs)
{
	uint32_t s, i;

	if (vs == NULL)
		return;
	for (s = 0; s < 3; s++) {
		for (i = 0; s == DIF_VSCOPE_GLOBAL && i < vs->nvars[s]; i++)
			if (vs->vars[s][i].data != NULL)
				os_free(vs->vars[s][i].data,
					vs->vars[s][i].size);
		os_free(vs->vars[s], vs->nvars[s] * sizeof(dif_var_t));
	}
	os_free(vs->refs, vs->nrefs * sizeof(vstate_ref_t));
	if (vs->percpu != NULL) {
		for (i = 0; i < (uint32_t)vs->ncpus; i++) {
			os_free(vs->percpu[i].strtok, vs->strsize + 1);
			os_free(vs->percpu[i].key, vs->keybufsize);
		}
		os_free(vs->percpu, vs->ncpus * sizeof(dif_percpu_t));
	}
	os_free(vs->pool, vs->poolsize);
	os_free(vs->buckets, vs->nbuckets * sizeof(dynvar_t *));
	os_free(vs->zero, vs->zerosize);
	os_free(vs, sizeof(*vs));
}

/* Grow a zeroed buffer to 'size' bytes (contents are not kept). */
static int vstate_grow(char **bufp, uint32_t *sizep, uint32_t size)
{
	char *p;

	if (size <= *sizep)
		return 0;
	p = os_zalloc(size);
	if (p == NULL)
		return -ENOMEM;
	os_free(*bufp, *sizep);
	*bufp = p;
	*sizep = size;
	return 0;
}

static dif_var_t *vstate_slot(dtrace_vstate_t *vs, uint32_t scope,
			      uint32_t id)
{
	uint32_t n = id - DIF_VAR_OTHER_UBASE + 1;
	dif_var_t *v;

	if (n > vs->nvars[scope]) {
		v = os_zalloc(n * sizeof(dif_var_t));
		if (v == NULL)
			return NULL;
		if (vs->nvars[scope] != 0)
			os_memcpy(v, vs->vars[scope],
				  vs->nvars[scope] * sizeof(dif_var_t));
		os_free(vs->vars[scope], vs->nvars[scope] * sizeof(dif_var_t));
		vs->vars[scope] = v;
		vs->nvars[scope] = n;
	}
	return &vs->vars[scope][id - DIF_VAR_OTHER_UBASE];
}

static int vstate_add_ref(dtrace_vstate_t *vs, void *data, size_t size)
{
	vstate_ref_t *r = os_zalloc((vs->nrefs + 1) * sizeof(*r));

	if (r == NULL)
		return -ENOMEM;
	if (vs->nrefs != 0)
		os_memcpy(r, vs->refs, vs->nrefs * sizeof(*r));
	os_free(vs->refs, vs->nrefs * sizeof(*r));
	r[vs->nrefs].base = (uintptr_t)data;
	r[vs->nrefs].size = size;
	vs->refs = r;
	vs->nrefs++;
	return 0;
}

/*
 * The bytes one PUSHTV/PUSHTR adds to a key (its 4-byte header aside): a
 * string its characters, at most strsize (or the smaller size SETX put in
 * its size register), and a NUL; a C value the size SETX put there (strsize when it is not
 * known), a value 8.
 */
static uint32_t pushed_size(dif_instr_t in, uint32_t known,
			    const uint64_t *setx, uint32_t strsize)
{
	uint32_t r2 = DIF_INSTR_R2(in);
	uint64_t size = (known >> r2 & 1) ? setx[r2] : 0;

	if (DIF_INSTR_OP(in) == DIF_OP_PUSHTV)
		return 8;
	if (DIF_INSTR_TYPE(in) == DIF_TYPE_STRING)
		return (size != 0 && size < strsize ? (uint32_t)size :
			strsize) + 1;
	if (r2 == 0)
		return 8;		/* size 0: the natural size */
	if (!(known >> r2 & 1))
		return strsize;
	return size == 0 ? 8 : size > 0xffff ? 0xffff : (uint32_t)size;
}

/*
 * The largest serialized key the DIFO can build before an associative
 * array access, following its pushes on the straight path (the verifier
 * already bounded the depth by DIF_NTUPLE).
 */
static uint32_t difo_keymax(const dtrace_difo_t *dp, uint32_t strsize)
{
	uint64_t setx[DIF_NREGS];
	uint32_t known = 0, sizes[DIF_NTUPLE], depth = 0, cur = 0, max = 0;
	uint32_t pc, op, rd, size;
	dif_instr_t in;

	for (pc = 0; pc < dp->len; pc++) {
		in = dp->buf[pc];
		op = DIF_INSTR_OP(in);
		switch (op) {
		case DIF_OP_SETX:
			rd = DIF_INSTR_RD(in);
			setx[rd] = dp->inttab[DIF_INSTR_INTEGER(in)];
			known |= 1u << rd;
			continue;
		case DIF_OP_PUSHTV:
		case DIF_OP_PUSHTR:
			if (depth >= DIF_NTUPLE)
				continue;
			size = pushed_size(in, known, setx, strsize);
			sizes[depth++] = 4 + size;
			cur += 4 + size;
			continue;
		case DIF_OP_POPTS:
			if (depth > 0)
				cur -= sizes[--depth];
			continue;
		case DIF_OP_FLUSHTS:
			depth = cur = 0;
			continue;
		case DIF_OP_LDGAA:
		case DIF_OP_STGAA:
		case DIF_OP_LDTAA:
		case DIF_OP_STTAA:
			if (cur > max)
				max = cur;
			continue;
		default:
			if (dif_op_writes_rd(op))
				known &= ~(1u << DIF_INSTR_RD(in));
			continue;
		}
	}
	return max;
}

/* Record one vartab entry; errors name the variable. */
static int vstate_declare(dtrace_vstate_t *vs, const dtrace_difo_t *dp,
			  const dof_difv_t *dv, char *errmsg, size_t len)
{
	const char *name = dp->strtab + dv->name;
	bool byref = dif_type_byref(&dv->type);
	uint32_t size = dv->type.kind == DIF_TYPE_STRING ? vs->strsize + 1 :
			dv->type.size;
	dif_var_t *v = vstate_slot(vs, dv->scope, dv->id);

	if (v == NULL)
		return -ENOMEM;
	if (v->declared) {
		if (v->kind != dv->kind || v->type.kind != dv->type.kind ||
		    v->type.size != dv->type.size ||
		    dif_type_byref(&v->type) != byref) {
			os_snprintf(errmsg, len, "variable %s (id %u) is "
				    "declared with two different types or "
				    "kinds; recompile the program as a whole",
				    name, dv->id);
			return -EINVAL;
		}
		return 0;
	}
	if (byref && size == 0) {
		os_snprintf(errmsg, len, "variable %s (id %u): a by-reference "
			    "type needs a size", name, dv->id);
		return -EINVAL;
	}
	v->declared = 1;
	v->kind = dv->kind;
	v->type = dv->type;
	v->size = byref ? size : 0;
	if (dv->scope == DIF_VSCOPE_LOCAL) {
		if (dv->id - DIF_VAR_OTHER_UBASE + 1 > vs->nlocals)
			vs->nlocals = dv->id - DIF_VAR_OTHER_UBASE + 1;
		return 0;
	}
	if (dv->scope == DIF_VSCOPE_GLOBAL && dv->kind == DIF_VKIND_SCALAR) {
		if (!byref)
			return 0;
		v->data = os_zalloc(size);
		if (v->data == NULL)
			return -ENOMEM;
		return vstate_add_ref(vs, v->data, size);
	}
	/* a dynamic variable: global array, thread scalar or array */
	size = byref ? size : sizeof(uint64_t);
	if (size > vs->valmax)
		vs->valmax = size;
	return 0;
}

/* Fix the chunk geometry and per-CPU key buffers for keymax/valmax. */
static int vstate_size_chunks(dtrace_vstate_t *vs, char *errmsg,
			      size_t len)
{
	size_t valoff = sizeof(dynvar_t) + DYNVAR_ALIGN(vs->keymax);
	size_t chunk = valoff + DYNVAR_ALIGN(vs->valmax);
	int i, err;

	if (vs->valmax == 0 || chunk == vs->chunksize)
		return 0;
	if (vs->pool_used != 0) {
		os_snprintf(errmsg, len, "dynamic variables cannot change "
			    "size once tracing has started; load the whole "
			    "program before starting");
		return -EBUSY;
	}
	err = vstate_grow(&vs->zero, &vs->zerosize, vs->valmax);
	for (i = 0; err == 0 && i < vs->ncpus; i++) {
		uint32_t size = vs->keybufsize;

		err = vstate_grow(&vs->percpu[i].key, &size, vs->keymax + 8);
	}
	if (err != 0)
		return err;
	/* every CPU's key buffer now holds keymax bytes at least */
	if (vs->keymax + 8 > vs->keybufsize)
		vs->keybufsize = vs->keymax + 8;
	vs->valoff = (uint32_t)valoff;
	vs->chunksize = (uint32_t)chunk;
	return 0;
}

int dtrace_vstate_add_difo(dtrace_vstate_t *vs, const dtrace_difo_t *dp,
			   char *errmsg, size_t len)
{
	const dof_difv_t *dv;
	uint32_t i, keymax;
	int err;

	for (i = 0; i < dp->varlen; i++) {
		dv = &dp->vartab[i];
		if (dv->scope > DIF_VSCOPE_LOCAL ||
		    dv->id < DIF_VAR_OTHER_UBASE ||
		    dv->id > DIF_VAR_OTHER_MAX || dv->name >= dp->strlen) {
			os_snprintf(errmsg, len, "variable table entry %u is "
				    "invalid; run the DIF verifier first", i);
			return -EINVAL;
		}
		err = vstate_declare(vs, dp, dv, errmsg, len);
		if (err == -ENOMEM)
			os_snprintf(errmsg, len, "out of memory declaring "
				    "variables");
		if (err != 0)
			return err;
	}
	keymax = difo_keymax(dp, vs->strsize);
	if (keymax > vs->keymax)
		vs->keymax = keymax;
	err = vstate_size_chunks(vs, errmsg, len);
	if (err == -ENOMEM)
		os_snprintf(errmsg, len, "out of memory sizing dynamic "
			    "variables");
	return err;
}

uint32_t dtrace_vstate_nlocals(const dtrace_vstate_t *vs)
{
	return vs->nlocals;
}

/*
 * Deleted elements go back to the free list when they are deleted, so
 * there is nothing to rinse here; see the block comment at the top for
 * the thread-locals of exited threads.
 */
void dtrace_vstate_clean(dtrace_vstate_t *vs)
{
}

void dtrace_vstate_status(const dtrace_vstate_t *vs, dtc_status_t *st)
{
	st->dyndrops += __atomic_load_n(&vs->drops, __ATOMIC_RELAXED);
}

/* ---- probe context ----------------------------------------------- */

dif_var_t *dif_vstate_var(dtrace_vstate_t *vs, uint32_t scope, uint32_t id)
{
	uint32_t i = id - DIF_VAR_OTHER_UBASE;

	if (vs == NULL || scope > DIF_VSCOPE_LOCAL ||
	    id < DIF_VAR_OTHER_UBASE || i >= vs->nvars[scope] ||
	    !vs->vars[scope][i].declared)
		return NULL;
	return &vs->vars[scope][i];
}

dif_percpu_t *dif_vstate_percpu(dtrace_vstate_t *vs, int cpu)
{
	if (vs == NULL || cpu < 0 || cpu >= vs->ncpus)
		return NULL;
	return &vs->percpu[cpu];
}

uint32_t dif_vstate_strsize(const dtrace_vstate_t *vs)
{
	return vs ? vs->strsize : 256;
}

size_t dif_vstate_span(const dtrace_vstate_t *vs, uintptr_t addr,
		       bool store)
{
	uintptr_t pool = (uintptr_t)vs->pool;
	size_t off;
	uint32_t i;

	if (vs->chunksize != 0 && addr >= pool &&
	    addr < pool + vs->pool_used) {
		/* only value areas: chunk headers stay out of reach */
		off = (addr - pool) % vs->chunksize;
		return off >= vs->valoff ? vs->chunksize - off : 0;
	}
	for (i = 0; i < vs->nrefs; i++)
		if (addr >= vs->refs[i].base &&
		    addr < vs->refs[i].base + vs->refs[i].size)
			return vs->refs[i].base + vs->refs[i].size - addr;
	if (!store && vs->zero != NULL && addr >= (uintptr_t)vs->zero &&
	    addr < (uintptr_t)vs->zero + vs->zerosize)
		return (uintptr_t)vs->zero + vs->zerosize - addr;
	return 0;
}

static void dynvar_lock(dtrace_vstate_t *vs)
{
	while (__atomic_exchange_n(&vs->lock, 1, __ATOMIC_ACQUIRE) != 0)
		while (__atomic_load_n(&vs->lock, __ATOMIC_RELAXED) != 0)
			;
}

static void dynvar_unlock(dtrace_vstate_t *vs)
{
	__atomic_store_n(&vs->lock, 0, __ATOMIC_RELEASE);
}

/*
 * Serialize the top ntuple entries into the CPU's key buffer.  Returns the
 * key's size, or -1 when it is larger than any chunk can hold.
 */
static int dynvar_key(dif_ctx_t *c, uint32_t ntuple)
{
	char *key = c->pcpu->key;
	uint64_t max = c->vs->keybufsize - 8, n = 0;
	uint32_t i, hdr, len;
	const dif_tuple_t *t;

	for (i = 0; i < ntuple; i++) {
		t = &c->pcpu->tuple[i];
		hdr = t->size;
		len = t->size ? t->size : sizeof(uint64_t);
		if (n + 4 + len > max)
			return -1;
		os_memcpy(key + n, &hdr, 4);
		n += 4;
		if (t->size == 0) {
			os_memcpy(key + n, &t->val, sizeof(uint64_t));
		} else if (t->type == DIF_TYPE_STRING) {
			if (len > 1)
				os_memcpy(key + n,
					  (const void *)(uintptr_t)t->val,
					  len - 1);
			key[n + len - 1] = '\0';
		} else {
			os_memcpy(key + n, (const void *)(uintptr_t)t->val,
				  len);
		}
		n += len;
	}
	return (int)n;
}

static uint32_t dynvar_hash(const char *key, uint32_t size, uint64_t tkey,
			    uint32_t scope, uint32_t id)
{
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a, 64-bit */
	uint32_t i;

	h = (h ^ tkey) * 0x100000001b3ull;
	h = (h ^ (scope << 16 | id)) * 0x100000001b3ull;
	for (i = 0; i < size; i++)
		h = (h ^ (unsigned char)key[i]) * 0x100000001b3ull;
	return (uint32_t)(h ^ (h >> 32));
}

/* The link that points at the matching element, or NULL.  Lock held. */
static dynvar_t **dynvar_find(dtrace_vstate_t *vs, uint32_t hash,
			      uint32_t scope, uint32_t id, uint64_t tkey,
			      const char *key, uint32_t keysize)
{
	dynvar_t **link = &vs->buckets[hash & (vs->nbuckets - 1)];
	dynvar_t *d;

	for (; (d = *link) != NULL; link = &d->next)
		if (d->hash == hash && d->id == id && d->scope == scope &&
		    d->tkey == tkey && d->keysize == keysize &&
		    os_memcmp(d + 1, key, keysize) == 0)
			return link;
	return NULL;
}

static dynvar_t *dynvar_alloc(dtrace_vstate_t *vs)
{
	dynvar_t *d = vs->free;

	if (d != NULL) {
		vs->free = d->next;
		return d;
	}
	if (vs->poolsize - vs->pool_used < vs->chunksize)
		return NULL;
	d = (dynvar_t *)(vs->pool + vs->pool_used);
	vs->pool_used += vs->chunksize;
	return d;
}

uint64_t dif_dynvar_load(dif_ctx_t *c, uint32_t scope, uint32_t id,
			 uint32_t ntuple)
{
	dtrace_vstate_t *vs = c->vs;
	dif_var_t *v = dif_vstate_var(vs, scope, id);
	uint64_t tkey, val;
	dynvar_t **link;
	uint32_t hash;
	bool byref;
	int ksize;

	if (v == NULL || vs->chunksize == 0) {
		dif_fault(c, DTRACEFLT_ILLOP, id);
		return 0;
	}
	byref = dif_type_byref(&v->type);
	val = byref ? (uintptr_t)vs->zero : 0;
	ksize = dynvar_key(c, ntuple);
	if (ksize < 0)
		return val;		/* too big to have been stored */
	tkey = scope == DIF_VSCOPE_THREAD ? os_thread_key() : 0;
	hash = dynvar_hash(c->pcpu->key, ksize, tkey, scope, id);
	dynvar_lock(vs);
	link = dynvar_find(vs, hash, scope, id, tkey, c->pcpu->key, ksize);
	if (link != NULL) {
		char *value = (char *)*link + vs->valoff;

		if (byref)
			val = (uintptr_t)value;
		else
			os_memcpy(&val, value, sizeof(val));
	}
	dynvar_unlock(vs);
	return val;
}

/* Whether storing val deletes the element: 0, or an empty string. */
static bool dynvar_is_delete(dif_ctx_t *c, const dif_var_t *v, uint64_t val,
			     const char **strp, size_t *lenp)
{
	if (val == 0)
		return true;
	if (v->type.kind != DIF_TYPE_STRING)
		return false;
	*strp = dif_string(c, val, lenp);
	return *strp != NULL && *lenp == 0;
}

void dif_dynvar_store(dif_ctx_t *c, uint32_t scope, uint32_t id,
		      uint32_t ntuple, uint64_t val)
{
	dtrace_vstate_t *vs = c->vs;
	dif_var_t *v = dif_vstate_var(vs, scope, id);
	const char *str = NULL;
	size_t len = 0;
	uint64_t tkey;
	dynvar_t **link, *d;
	uint32_t hash;
	bool del;
	int ksize;
	char *value;

	if (v == NULL || vs->chunksize == 0) {
		dif_fault(c, DTRACEFLT_ILLOP, id);
		return;
	}
	del = dynvar_is_delete(c, v, val, &str, &len);
	if (c->mst->fault)
		return;
	ksize = dynvar_key(c, ntuple);
	if (ksize < 0) {
		if (!del)
			__atomic_add_fetch(&vs->drops, 1, __ATOMIC_RELAXED);
		return;
	}
	tkey = scope == DIF_VSCOPE_THREAD ? os_thread_key() : 0;
	hash = dynvar_hash(c->pcpu->key, ksize, tkey, scope, id);

	dynvar_lock(vs);
	link = dynvar_find(vs, hash, scope, id, tkey, c->pcpu->key, ksize);
	if (del) {
		if (link != NULL) {
			d = *link;
			*link = d->next;
			d->next = vs->free;
			vs->free = d;
		}
		dynvar_unlock(vs);
		return;
	}
	if (link != NULL) {
		d = *link;
	} else {
		d = dynvar_alloc(vs);
		if (d == NULL) {
			dynvar_unlock(vs);
			__atomic_add_fetch(&vs->drops, 1, __ATOMIC_RELAXED);
			return;
		}
		d->tkey = tkey;
		d->hash = hash;
		d->keysize = ksize;
		d->id = (uint16_t)id;
		d->scope = (uint8_t)scope;
		os_memcpy(d + 1, c->pcpu->key, ksize);
		link = &vs->buckets[hash & (vs->nbuckets - 1)];
		d->next = *link;
		*link = d;
	}
	value = (char *)d + vs->valoff;
	if (dif_type_byref(&v->type)) {
		/* a string was brought into core memory above */
		if (!dif_copy_value(c, v, value, str ? (uintptr_t)str : val)) {
			/* a bad source: drop the half-made element */
			*link = d->next;
			d->next = vs->free;
			vs->free = d;
		}
	} else {
		os_memcpy(value, &val, sizeof(val));
	}
	dynvar_unlock(vs);
}
