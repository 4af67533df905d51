// SPDX-License-Identifier: GPL-2.0
/*
 * The DIF virtual machine: dtrace_dif_emulate() runs one verified DIFO in
 * probe context.
 *
 * PROBE CONTEXT.  Everything here runs with interrupts disabled on the
 * firing CPU, possibly in interrupt context.  Hence:
 *
 *   - no allocation, no sleeping lock, no recursion, no floating point;
 *     the emulator's frame holds the 32 registers and little else (the
 *     tuple stack is per-CPU storage of the variable state);
 *   - every address the program computes is untrusted.  Loads from core
 *     memory (see dif_machine.h) are direct; any other load goes through
 *     os_load()/os_copy(), and a failed load records the fault in the
 *     machine state and ends the run at once with the value 0.  The
 *     caller then fires ERROR and abandons the rest of the ECB;
 *   - stores are checked against scratch and variable storage only, so a
 *     D program can never write to memory the core does not own;
 *   - the verifier has already proved that every opcode is known, every
 *     register index is in range, %r0 is never written, every branch goes
 *     forward to an instruction that exists, every table index is in range
 *     and the program ends with RET: the loop below relies on all of it
 *     and checks none of it again.
 *
 * SPEED.  ALU and branch instructions are handled inline in one switch
 * with the registers in a local array; only loads, stores, variables and
 * calls leave the loop body.  Condition codes are kept as the two
 * compared operands, so each conditional branch is one C comparison with
 * exactly the meaning of the flags of r1 - r2.  Nothing is stored per
 * instruction besides the destination register (a per-instruction store
 * of the pc cost a factor of four): helpers only record the fault, and
 * the loop, which notices it right after the faulting instruction, sets
 * fault_pc from its instruction pointer.
 *
 * GCC's cross-jumping merges the identical "store rd, jump to the top"
 * tails of the ALU cases into one, and with that one shared path the
 * CPU's indirect-branch predictor no longer tells the dispatches apart:
 * the emulator runs four to five times slower (measured with
 * bench/bench_dif_vm).  DIF_VM_HOT turns that one optimization off for the
 * emulator alone.  Clang does not merge them and needs nothing.
 */
#include "dif_machine.h"

/* Helpers of the rarer instructions stay out of the emulator's frame. */
#define DIF_COLD	__attribute__((noinline))

void dif_fault(dif_ctx_t *c, uint32_t code, uint64_t illval)
{
	if (c->mst->fault != 0)
		return;		/* the first fault is the one reported */
	c->mst->fault = code;
	c->mst->illval = illval;
}

size_t dif_core_span(const dif_ctx_t *c, uintptr_t addr, bool store)
{
	const dtrace_mstate_t *mst = c->mst;
	uintptr_t strtab = (uintptr_t)c->dp->strtab;

	if (addr >= mst->scratch_base && addr < mst->scratch_ptr)
		return mst->scratch_ptr - addr;
	if (!store && strtab != 0 && addr >= strtab &&
	    addr < strtab + c->dp->strlen)
		return strtab + c->dp->strlen - addr;
	if (c->vs == NULL)
		return 0;
	return dif_vstate_span(c->vs, addr, store);
}

/*
 * memmove for core memory: x = strchr(x, 'c') copies a string into its
 * own storage, and COPYS may copy between overlapping scratch ranges.
 */
static void dif_move(char *dst, const char *src, size_t len)
{
	size_t i;

	if (dst == src || len == 0)
		return;
	if (src < dst && dst < src + len) {
		for (i = len; i > 0; i--)
			dst[i - 1] = src[i - 1];
	} else if (dst < src && src < dst + len) {
		for (i = 0; i < len; i++)
			dst[i] = src[i];
	} else {
		os_memcpy(dst, src, len);
	}
}

bool dif_read(dif_ctx_t *c, uintptr_t addr, void *dst, size_t n)
{
	if (n == 0)
		return true;
	if (dif_core_span(c, addr, false) >= n) {
		dif_move(dst, (const char *)addr, n);
		return true;
	}
	if (!os_copy(addr, dst, n)) {
		dif_fault(c, DTRACEFLT_BADADDR, addr);
		return false;
	}
	return true;
}

void *dif_scratch(dif_ctx_t *c, size_t n)
{
	dtrace_mstate_t *mst = c->mst;
	uintptr_t end = mst->scratch_base + mst->scratch_size;
	uintptr_t p = (mst->scratch_ptr + 7) & ~(uintptr_t)7;

	if (p > end || n > end - p) {
		dif_fault(c, DTRACEFLT_NOSCRATCH, n);
		return NULL;
	}
	os_memset((void *)p, 0, n);
	mst->scratch_ptr = p + n;
	return (void *)p;
}

/*
 * Read up to n bytes of a string at addr into dst.  Foreign reads never
 * cross a 64-byte boundary, so a string that ends just before an unmapped
 * page reads without a fault.  Returns the bytes read, 0 after a fault.
 */
static size_t dif_str_chunk(dif_ctx_t *c, uintptr_t addr, char *dst,
			    size_t n)
{
	size_t span = dif_core_span(c, addr, false);

	if (span != 0) {
		if (n > span)
			n = span;
		os_memcpy(dst, (const void *)addr, n);
		return n;
	}
	if (n > 64 - (addr & 63))
		n = 64 - (addr & 63);
	if (!os_copy(addr, dst, n)) {
		dif_fault(c, DTRACEFLT_BADADDR, addr);
		return 0;
	}
	return n;
}

const char *dif_string(dif_ctx_t *c, uintptr_t addr, size_t *lenp)
{
	size_t max = c->strsize;
	size_t span = dif_core_span(c, addr, false);
	size_t n = 0, got, i;
	char *buf;

	if (span != 0) {
		const char *s = (const char *)addr;
		size_t lim = span < max ? span : max;

		while (n < lim && s[n] != '\0')
			n++;
		*lenp = n;
		if (n < lim || lim == max)
			return s;
		/* core memory ends before a NUL: so does the string */
		buf = dif_scratch(c, n + 1);
		if (buf != NULL)
			os_memcpy(buf, s, n);
		return buf;
	}
	buf = dif_scratch(c, max + 1);
	if (buf == NULL)
		return NULL;
	while (n < max) {
		got = dif_str_chunk(c, addr + n, buf + n, max - n);
		if (got == 0)
			return NULL;
		for (i = 0; i < got && buf[n + i] != '\0'; i++)
			;
		n += i;
		if (i < got)
			break;
	}
	buf[n] = '\0';
	/* give back the unused tail: this was the last allocation */
	c->mst->scratch_ptr = (uintptr_t)buf + n + 1;
	*lenp = n;
	return buf;
}

bool dif_copy_value(dif_ctx_t *c, const dif_var_t *v, void *dst,
		    uint64_t src)
{
	const char *s;
	size_t len;

	if (src == 0) {
		os_memset(dst, 0, v->size);
		return true;
	}
	if (v->type.kind != DIF_TYPE_STRING)
		return dif_read(c, src, dst, v->size);
	s = dif_string(c, src, &len);
	if (s == NULL)
		return false;
	if (len > v->size - 1)
		len = v->size - 1;
	dif_move(dst, s, len);
	((char *)dst)[len] = '\0';
	return true;
}

/*
 * Load 'size' bytes (1, 2, 4 or 8) from addr, zero-extended.  Core memory
 * is read directly (any alignment); other addresses must be aligned and
 * go through the fault-safe path.
 */
static DIF_COLD bool dif_load(dif_ctx_t *c, uintptr_t addr, size_t size,
		     uint64_t *val)
{
	uint8_t b;
	uint16_t h;
	uint32_t w;
	uint64_t x;

	if (dif_core_span(c, addr, false) >= size) {
		switch (size) {
		case 1:
			os_memcpy(&b, (const void *)addr, 1);
			*val = b;
			break;
		case 2:
			os_memcpy(&h, (const void *)addr, 2);
			*val = h;
			break;
		case 4:
			os_memcpy(&w, (const void *)addr, 4);
			*val = w;
			break;
		default:
			os_memcpy(&x, (const void *)addr, 8);
			*val = x;
			break;
		}
		return true;
	}
	if (addr & (size - 1)) {
		dif_fault(c, DTRACEFLT_BADALIGN, addr);
		return false;
	}
	if (!os_load(addr, size, val)) {
		dif_fault(c, DTRACEFLT_BADADDR, addr);
		return false;
	}
	return true;
}

/* STB..STX: only to allocated scratch and variable storage. */
static DIF_COLD void dif_store(dif_ctx_t *c, uintptr_t addr, size_t size,
		      uint64_t val)
{
	uint8_t b = (uint8_t)val;
	uint16_t h = (uint16_t)val;
	uint32_t w = (uint32_t)val;

	if (dif_core_span(c, addr, true) < size) {
		dif_fault(c, DTRACEFLT_BADADDR, addr);
		return;
	}
	switch (size) {
	case 1:
		os_memcpy((void *)addr, &b, 1);
		break;
	case 2:
		os_memcpy((void *)addr, &h, 2);
		break;
	case 4:
		os_memcpy((void *)addr, &w, 4);
		break;
	default:
		os_memcpy((void *)addr, &val, 8);
		break;
	}
}

/* COPYS: n bytes from src (checked like a load) to dst (like a store). */
static DIF_COLD void dif_copys(dif_ctx_t *c, uintptr_t src, uintptr_t dst,
		      uint64_t n)
{
	if (n == 0)
		return;
	if (dif_core_span(c, dst, true) < n) {
		dif_fault(c, DTRACEFLT_BADADDR, dst);
		return;
	}
	dif_read(c, src, (void *)dst, n);
}

/* SCMP: compare two strings by content, at most strsize bytes. */
static DIF_COLD int dif_strcmp(dif_ctx_t *c, uintptr_t a, uintptr_t b)
{
	char ba[32], bb[32];
	size_t max = c->strsize, off = 0, n, na, nb, i;

	if (a == b)
		return 0;
	if (a == 0 || b == 0)
		return a == 0 ? -1 : 1;	/* NULL sorts first */
	while (off < max) {
		n = max - off < sizeof(ba) ? max - off : sizeof(ba);
		na = dif_str_chunk(c, a + off, ba, n);
		nb = na ? dif_str_chunk(c, b + off, bb, n) : 0;
		if (nb == 0)
			return 0;	/* faulted */
		n = na < nb ? na : nb;
		for (i = 0; i < n; i++) {
			if (ba[i] != bb[i])
				return (unsigned char)ba[i] -
				       (unsigned char)bb[i];
			if (ba[i] == '\0')
				return 0;
		}
		off += n;
	}
	return 0;
}

static uint64_t dif_execname(dif_ctx_t *c)
{
	size_t size = c->strsize < 31 ? c->strsize + 1 : 32;
	char *buf = dif_scratch(c, size);

	if (buf != NULL)
		os_execname(buf, size);
	return (uintptr_t)buf;
}

static uint64_t dif_probe_name(const dtrace_mstate_t *mst, uint32_t id)
{
	static const char none[] = "";
	const dtrace_probe_names_t *p = mst->probe;

	if (p == NULL)
		return (uintptr_t)none;
	switch (id) {
	case DIF_VAR_PROBEPROV:
		return (uintptr_t)p->provider;
	case DIF_VAR_PROBEMOD:
		return (uintptr_t)p->mod;
	case DIF_VAR_PROBEFUNC:
		return (uintptr_t)p->func;
	default:
		return (uintptr_t)p->name;
	}
}

/*
 * Built-in scalar variables.  caller, stackdepth, ucaller and ustackdepth
 * walk a stack (stack.c) each time they are read.
 */
static uint64_t dif_builtin(dif_ctx_t *c, uint32_t id)
{
	static const char zonename[] = "global";
	const dtrace_mstate_t *mst = c->mst;

	if (id >= DIF_VAR_ARG0 && id <= DIF_VAR_ARG9)
		return mst->args[id - DIF_VAR_ARG0];
	switch (id) {
	case DIF_VAR_CURTHREAD:
		return os_curthread();
	case DIF_VAR_TIMESTAMP:
		return mst->timestamp;
	case DIF_VAR_VTIMESTAMP:
		return os_vtimestamp();
	case DIF_VAR_IPL:
		return 0;
	case DIF_VAR_EPID:
		return mst->epid;
	case DIF_VAR_ID:
		return mst->probeid;
	case DIF_VAR_PROBEPROV:
	case DIF_VAR_PROBEMOD:
	case DIF_VAR_PROBEFUNC:
	case DIF_VAR_PROBENAME:
		return dif_probe_name(mst, id);
	case DIF_VAR_PID:
		return (uint64_t)(int64_t)os_pid();
	case DIF_VAR_TID:
		return (uint64_t)(int64_t)os_tid();
	case DIF_VAR_PPID:
		return (uint64_t)(int64_t)os_ppid();
	case DIF_VAR_UID:
		return os_uid();
	case DIF_VAR_GID:
		return os_gid();
	case DIF_VAR_ERRNO:
		return (uint64_t)(int64_t)os_errno();
	case DIF_VAR_EXECNAME:
		return dif_execname(c);
	case DIF_VAR_ZONENAME:
		return (uintptr_t)zonename;
	case DIF_VAR_WALLTIMESTAMP:
		return os_getwalltime();
	case DIF_VAR_CURCPU:
		return (uint64_t)(int64_t)mst->cpu;
	case DIF_VAR_CALLER:
		return dtrace_stack_caller(mst);
	case DIF_VAR_STACKDEPTH:
		return dtrace_stack_depth(mst);
	case DIF_VAR_UCALLER:
		return dtrace_ustack_caller(mst);
	case DIF_VAR_USTACKDEPTH:
		return dtrace_ustack_depth(mst);
	default:
		dif_fault(c, DTRACEFLT_ILLOP, id);
		return 0;
	}
}

static DIF_COLD uint64_t dif_ldgs(dif_ctx_t *c, uint32_t id)
{
	dif_var_t *v;

	if (id < DIF_VAR_OTHER_UBASE)
		return dif_builtin(c, id);
	v = dif_vstate_var(c->vs, DIF_VSCOPE_GLOBAL, id);
	if (v == NULL) {
		dif_fault(c, DTRACEFLT_ILLOP, id);
		return 0;
	}
	return dif_type_byref(&v->type) ? (uintptr_t)v->data : v->value;
}

static DIF_COLD void dif_stgs(dif_ctx_t *c, uint32_t id, uint64_t val)
{
	dif_var_t *v = dif_vstate_var(c->vs, DIF_VSCOPE_GLOBAL, id);

	if (v == NULL) {
		dif_fault(c, DTRACEFLT_ILLOP, id);
		return;
	}
	if (dif_type_byref(&v->type))
		dif_copy_value(c, v, v->data, val);
	else
		v->value = val;
}

/* Clause-local slots; a by-reference value is copied into scratch. */
static DIF_COLD uint64_t *dif_local_slot(dif_ctx_t *c, uint32_t id)
{
	uint32_t slot = id - DIF_VAR_OTHER_UBASE;

	if (c->mst->locals == NULL || id < DIF_VAR_OTHER_UBASE ||
	    slot >= dtrace_vstate_nlocals(c->vs)) {
		dif_fault(c, DTRACEFLT_ILLOP, id);
		return NULL;
	}
	return &c->mst->locals[slot];
}

static DIF_COLD void dif_stls(dif_ctx_t *c, uint32_t id, uint64_t val)
{
	dif_var_t *v = dif_vstate_var(c->vs, DIF_VSCOPE_LOCAL, id);
	uint64_t *slot = dif_local_slot(c, id);
	void *copy;

	if (slot == NULL)
		return;
	if (v != NULL && dif_type_byref(&v->type) && val != 0) {
		copy = dif_scratch(c, v->size);
		if (copy == NULL || !dif_copy_value(c, v, copy, val))
			return;
		val = (uintptr_t)copy;
	}
	*slot = val;
}

static DIF_COLD uint64_t dif_ldga(dif_ctx_t *c, uint32_t var, uint64_t ndx)
{
	if (var != DIF_VAR_ARGS) {
		/* regs[] and uregs[] need the trap frame: not offered yet */
		dif_fault(c, DTRACEFLT_ILLOP, var);
		return 0;
	}
	return ndx < 10 ? c->mst->args[ndx] : 0;
}

/*
 * PUSHTR: push a reference.  Strings are measured (at most strsize
 * characters, and at most 'size' when it is given and smaller); foreign
 * bytes are copied into scratch so that every tuple entry points into core
 * memory.  A string entry's size counts its NUL: the key holds the length,
 * so keys of exactly strsize characters compare by all their characters.
 */
static DIF_COLD void dif_pushtr(dif_ctx_t *c, uint32_t type, uint64_t size,
		       uint64_t addr)
{
	dif_tuple_t *t;
	const char *s;
	size_t len;
	void *copy;

	if (c->ntuple >= DIF_NTUPLE) {
		dif_fault(c, DTRACEFLT_TUPOFLOW, c->ntuple);
		return;
	}
	t = &c->pcpu->tuple[c->ntuple];
	if (type == DIF_TYPE_STRING && addr == 0) {
		/* a NULL string: strtok(NULL, ...), or a key that reads "" */
		t->val = 0;
		t->size = 1;
	} else if (type == DIF_TYPE_STRING) {
		s = dif_string(c, addr, &len);
		if (s == NULL)
			return;
		if (size != 0 && len > size)
			len = size;
		t->val = (uintptr_t)s;
		t->size = len + 1;
	} else {
		if (size == 0)
			size = sizeof(uint64_t);
		if ((uint32_t)size != size) {
			dif_fault(c, DTRACEFLT_NOSCRATCH, size);
			return;
		}
		if (dif_core_span(c, addr, false) < size) {
			copy = dif_scratch(c, size);
			if (copy == NULL || !dif_read(c, addr, copy, size))
				return;
			addr = (uintptr_t)copy;
		}
		t->val = addr;
		t->size = (uint32_t)size;
	}
	t->type = type;
	c->ntuple++;
}

static DIF_COLD void dif_pushtv(dif_ctx_t *c, uint64_t val)
{
	dif_tuple_t *t;

	if (c->ntuple >= DIF_NTUPLE) {
		dif_fault(c, DTRACEFLT_TUPOFLOW, c->ntuple);
		return;
	}
	t = &c->pcpu->tuple[c->ntuple++];
	t->val = val;
	t->size = 0;
	t->type = DIF_TYPE_CTF;
}

static bool dif_ctx_init(dif_ctx_t *c, const dtrace_difo_t *dp,
			 dtrace_mstate_t *mst, dtrace_vstate_t *vs)
{
	c->dp = dp;
	c->mst = mst;
	c->vs = vs;
	c->ntuple = 0;
	c->strsize = dif_vstate_strsize(vs);
	c->pcpu = dif_vstate_percpu(vs, mst->cpu);
	if (c->pcpu == NULL) {
		dif_fault(c, DTRACEFLT_ILLOP, (uint64_t)(int64_t)mst->cpu);
		return false;
	}
	return true;
}

#if defined(__GNUC__) && !defined(__clang__)
#define DIF_VM_HOT	__attribute__((optimize("no-crossjumping")))
#else
#define DIF_VM_HOT
#endif

DIF_VM_HOT
uint64_t dtrace_dif_emulate(const dtrace_difo_t *dp, dtrace_mstate_t *mst,
			    dtrace_vstate_t *vs)
{
	const dif_instr_t *text = dp->buf, *ip = dp->buf;
	uint64_t regs[DIF_NREGS] = { 0 };
	uint64_t cc_a = 0, cc_b = 0;	/* operands of the last compare */
	uint32_t r1, r2, rd;
	dif_instr_t in;
	dif_ctx_t c;
	int cmp;

	mst->fault = 0;
	mst->fault_pc = 0;
	if (!dif_ctx_init(&c, dp, mst, vs))
		return 0;

	for (;;) {
		in = *ip++;
		r1 = DIF_INSTR_R1(in);
		r2 = DIF_INSTR_R2(in);
		rd = DIF_INSTR_RD(in);

		switch (DIF_INSTR_OP(in)) {
		case DIF_OP_OR:
			regs[rd] = regs[r1] | regs[r2];
			continue;
		case DIF_OP_XOR:
			regs[rd] = regs[r1] ^ regs[r2];
			continue;
		case DIF_OP_AND:
			regs[rd] = regs[r1] & regs[r2];
			continue;
		case DIF_OP_SLL:
			regs[rd] = regs[r1] << (regs[r2] & 63);
			continue;
		case DIF_OP_SRL:
			regs[rd] = regs[r1] >> (regs[r2] & 63);
			continue;
		case DIF_OP_SRA:
			regs[rd] = (uint64_t)((int64_t)regs[r1] >>
					      (regs[r2] & 63));
			continue;
		case DIF_OP_SUB:
			regs[rd] = regs[r1] - regs[r2];
			continue;
		case DIF_OP_ADD:
			regs[rd] = regs[r1] + regs[r2];
			continue;
		case DIF_OP_MUL:
			regs[rd] = regs[r1] * regs[r2];
			continue;
		case DIF_OP_SDIV:
			if (regs[r2] == 0)
				goto divzero;
			if ((int64_t)regs[r2] == -1)	/* INT64_MIN / -1 */
				regs[rd] = 0 - regs[r1];
			else
				regs[rd] = (uint64_t)((int64_t)regs[r1] /
						      (int64_t)regs[r2]);
			continue;
		case DIF_OP_UDIV:
			if (regs[r2] == 0)
				goto divzero;
			regs[rd] = regs[r1] / regs[r2];
			continue;
		case DIF_OP_SREM:
			if (regs[r2] == 0)
				goto divzero;
			if ((int64_t)regs[r2] == -1)
				regs[rd] = 0;
			else
				regs[rd] = (uint64_t)((int64_t)regs[r1] %
						      (int64_t)regs[r2]);
			continue;
		case DIF_OP_UREM:
			if (regs[r2] == 0)
				goto divzero;
			regs[rd] = regs[r1] % regs[r2];
			continue;
		case DIF_OP_NOT:
			regs[rd] = ~regs[r1];
			continue;
		case DIF_OP_MOV:
			regs[rd] = regs[r1];
			continue;
		case DIF_OP_CMP:
			cc_a = regs[r1];
			cc_b = regs[r2];
			continue;
		case DIF_OP_TST:
			cc_a = regs[r1];
			cc_b = 0;
			continue;
		case DIF_OP_SCMP:
			cmp = dif_strcmp(&c, regs[r1], regs[r2]);
			if (mst->fault)
				goto fault;
			/* 0, 1, 2 against 1: right for signed and unsigned */
			cc_a = cmp < 0 ? 0 : cmp > 0 ? 2 : 1;
			cc_b = 1;
			continue;
		case DIF_OP_BA:
			ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BE:
			if (cc_a == cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BNE:
			if (cc_a != cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BG:
			if ((int64_t)cc_a > (int64_t)cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BGU:
			if (cc_a > cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BGE:
			if ((int64_t)cc_a >= (int64_t)cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BGEU:
			if (cc_a >= cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BL:
			if ((int64_t)cc_a < (int64_t)cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BLU:
			if (cc_a < cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BLE:
			if ((int64_t)cc_a <= (int64_t)cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_BLEU:
			if (cc_a <= cc_b)
				ip = text + DIF_INSTR_LABEL(in);
			continue;
		case DIF_OP_LDSB:
			if (!dif_load(&c, regs[r1], 1, &regs[rd]))
				goto fault;
			regs[rd] = (uint64_t)(int64_t)(int8_t)regs[rd];
			continue;
		case DIF_OP_LDSH:
			if (!dif_load(&c, regs[r1], 2, &regs[rd]))
				goto fault;
			regs[rd] = (uint64_t)(int64_t)(int16_t)regs[rd];
			continue;
		case DIF_OP_LDSW:
			if (!dif_load(&c, regs[r1], 4, &regs[rd]))
				goto fault;
			regs[rd] = (uint64_t)(int64_t)(int32_t)regs[rd];
			continue;
		case DIF_OP_LDUB:
			if (!dif_load(&c, regs[r1], 1, &regs[rd]))
				goto fault;
			continue;
		case DIF_OP_LDUH:
			if (!dif_load(&c, regs[r1], 2, &regs[rd]))
				goto fault;
			continue;
		case DIF_OP_LDUW:
			if (!dif_load(&c, regs[r1], 4, &regs[rd]))
				goto fault;
			continue;
		case DIF_OP_LDX:
			if (!dif_load(&c, regs[r1], 8, &regs[rd]))
				goto fault;
			continue;
		case DIF_OP_RET:
			return regs[rd];
		case DIF_OP_NOP:
			continue;
		case DIF_OP_SETX:
			regs[rd] = dp->inttab[DIF_INSTR_INTEGER(in)];
			continue;
		case DIF_OP_SETS:
			regs[rd] = (uintptr_t)(dp->strtab +
					       DIF_INSTR_STRING(in));
			continue;
		case DIF_OP_LDGA:
			regs[rd] = dif_ldga(&c, DIF_INSTR_ARRAYVAR(in),
					    regs[r2]);
			break;
		case DIF_OP_LDGS:
			regs[rd] = dif_ldgs(&c, DIF_INSTR_VAR(in));
			break;
		case DIF_OP_STGS:
			dif_stgs(&c, DIF_INSTR_VAR(in), regs[rd]);
			break;
		case DIF_OP_LDTS:
			regs[rd] = dif_dynvar_load(&c, DIF_VSCOPE_THREAD,
						   DIF_INSTR_VAR(in), 0);
			break;
		case DIF_OP_STTS:
			dif_dynvar_store(&c, DIF_VSCOPE_THREAD,
					 DIF_INSTR_VAR(in), 0, regs[rd]);
			break;
		case DIF_OP_LDLS: {
			uint64_t *slot = dif_local_slot(&c, DIF_INSTR_VAR(in));

			if (slot == NULL)
				goto fault;
			regs[rd] = *slot;
			continue;
		}
		case DIF_OP_STLS:
			dif_stls(&c, DIF_INSTR_VAR(in), regs[rd]);
			break;
		case DIF_OP_LDGAA:
			regs[rd] = dif_dynvar_load(&c, DIF_VSCOPE_GLOBAL,
						   DIF_INSTR_VAR(in), c.ntuple);
			break;
		case DIF_OP_STGAA:
			dif_dynvar_store(&c, DIF_VSCOPE_GLOBAL,
					 DIF_INSTR_VAR(in), c.ntuple, regs[rd]);
			break;
		case DIF_OP_LDTAA:
			regs[rd] = dif_dynvar_load(&c, DIF_VSCOPE_THREAD,
						   DIF_INSTR_VAR(in), c.ntuple);
			break;
		case DIF_OP_STTAA:
			dif_dynvar_store(&c, DIF_VSCOPE_THREAD,
					 DIF_INSTR_VAR(in), c.ntuple, regs[rd]);
			break;
		case DIF_OP_CALL:
			regs[rd] = dif_subr_call(&c, DIF_INSTR_SUBR(in));
			break;
		case DIF_OP_PUSHTR:
			dif_pushtr(&c, DIF_INSTR_TYPE(in), regs[r2], regs[rd]);
			break;
		case DIF_OP_PUSHTV:
			dif_pushtv(&c, regs[rd]);
			break;
		case DIF_OP_POPTS:
			if (c.ntuple > 0)
				c.ntuple--;
			continue;
		case DIF_OP_FLUSHTS:
			c.ntuple = 0;
			continue;
		case DIF_OP_ALLOCS:
			regs[rd] = (uintptr_t)dif_scratch(&c, regs[r1]);
			break;
		case DIF_OP_COPYS:
			dif_copys(&c, regs[r1], regs[rd], regs[r2]);
			break;
		case DIF_OP_STB:
			dif_store(&c, regs[rd], 1, regs[r1]);
			break;
		case DIF_OP_STH:
			dif_store(&c, regs[rd], 2, regs[r1]);
			break;
		case DIF_OP_STW:
			dif_store(&c, regs[rd], 4, regs[r1]);
			break;
		case DIF_OP_STX:
			dif_store(&c, regs[rd], 8, regs[r1]);
			break;
		default:
			dif_fault(&c, DTRACEFLT_ILLOP, in);
			goto fault;
		}
		/* the out-of-line cases end here: they may have faulted */
		if (mst->fault)
			goto fault;
	}

divzero:
	dif_fault(&c, DTRACEFLT_DIVZERO, 0);
fault:
	mst->fault_pc = (uint32_t)(ip - text) - 1;
	return 0;
}
