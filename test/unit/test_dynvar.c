// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the variable state: associative arrays and thread-local
 * variables in dynamic variable space (keys by content, deletion, drops
 * when the space is full), declarations, and the memory rules that keep
 * D programs inside value storage.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dif_vm.h"
#include "dif_asm.h"
#include "unit.h"

__attribute__((weak)) uint64_t dtrace_speculation_new(struct dtrace_state *s)
{
	return 0;
}

/* ---- firings ---------------------------------------------------------- */

#define STRSIZE		32
#define ID_A		(DIF_VAR_OTHER_UBASE + 0)	/* global int a[] */
#define ID_S		(DIF_VAR_OTHER_UBASE + 1)	/* global string s[] */
#define ID_T		(DIF_VAR_OTHER_UBASE + 2)	/* self->t (int) */
#define ID_TA		(DIF_VAR_OTHER_UBASE + 3)	/* self->ta[] (int) */

static dtrace_vstate_t *vs;
static char scratch[2048] __attribute__((aligned(8)));
static dtrace_mstate_t mst;

static uint64_t run_on(dtrace_vstate_t *v, prog_t *p)
{
	dtrace_difo_t dp = difo(p);
	char err[256];

	memset(&mst, 0, sizeof(mst));
	mst.scratch_base = mst.scratch_ptr = (uintptr_t)scratch;
	mst.scratch_size = sizeof(scratch);
	if (dtrace_difo_verify(&dp, err, sizeof(err)) != 0 ||
	    dtrace_vstate_add_difo(v, &dp, err, sizeof(err)) != 0) {
		printf("refused: %s\n", err);
		mst.fault = 99;
		return 0;
	}
	return dtrace_dif_emulate(&dp, &mst, v);
}

/* A key element: a string (by reference) or an integer. */
typedef struct key {
	const char	*s;
	uint64_t	v;
} tkey_t;

static void push_keys(prog_t *p, int n, const tkey_t *k)
{
	int i;

	emit(p, DIF_INSTR_FLUSHTS);
	for (i = 0; i < n; i++) {
		if (k[i].s) {
			setx(p, 1, (uintptr_t)k[i].s);
			emit(p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
		} else {
			setx(p, 1, k[i].v);
			emit(p, DIF_INSTR_PUSHTV(1));
		}
	}
}

static void declare(prog_t *p, uint32_t id)
{
	switch (id) {
	case ID_A:
		var(p, id, DIF_VSCOPE_GLOBAL, DIF_VKIND_ARRAY, DIF_TYPE_CTF, 8);
		break;
	case ID_S:
		var(p, id, DIF_VSCOPE_GLOBAL, DIF_VKIND_ARRAY,
		    DIF_TYPE_STRING, 0);
		break;
	case ID_T:
		var(p, id, DIF_VSCOPE_THREAD, DIF_VKIND_SCALAR, DIF_TYPE_CTF,
		    8);
		break;
	default:
		var(p, id, DIF_VSCOPE_THREAD, DIF_VKIND_ARRAY, DIF_TYPE_CTF, 8);
		break;
	}
}

static int opcode(uint32_t id, bool store)
{
	switch (id) {
	case ID_A:
	case ID_S:
		return store ? DIF_OP_STGAA : DIF_OP_LDGAA;
	case ID_T:
		return store ? DIF_OP_STTS : DIF_OP_LDTS;
	default:
		return store ? DIF_OP_STTAA : DIF_OP_LDTAA;
	}
}

/* var[keys] = val (val is an address for string-valued variables) */
static void store(uint32_t id, uint64_t val, int n, const tkey_t *k)
{
	prog_t p = { 0 };

	declare(&p, id);
	push_keys(&p, n, k);
	setx(&p, 2, val);
	emit(&p, DIF_INSTR_STV(opcode(id, true), id, 2));
	emit(&p, DIF_INSTR_RET(0));
	run_on(vs, &p);
}

static uint64_t load(uint32_t id, int n, const tkey_t *k)
{
	prog_t p = { 0 };

	declare(&p, id);
	push_keys(&p, n, k);
	emit(&p, DIF_INSTR_LDV(opcode(id, false), id, 2));
	emit(&p, DIF_INSTR_RET(2));
	return run_on(vs, &p);
}

/*
 * The consumer declares every DIFO before tracing starts: one program
 * that uses all four variables and the largest key (two strings) fixes
 * the chunk geometry the way a whole D program would.
 */
static void declare_all(void)
{
	prog_t p = { 0 };
	dtrace_difo_t dp;
	char err[256];

	declare(&p, ID_A);
	declare(&p, ID_S);
	declare(&p, ID_T);
	declare(&p, ID_TA);
	emit(&p, DIF_INSTR_FLUSHTS);
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGAA, ID_A, 1));
	emit(&p, DIF_INSTR_RET(1));
	dp = difo(&p);
	CHECK(dtrace_difo_verify(&dp, err, sizeof(err)) == 0 &&
	      dtrace_vstate_add_difo(vs, &dp, err, sizeof(err)) == 0,
	      "the whole program is declared: %s", err);
}

#define K(...)	sizeof((tkey_t[]){ __VA_ARGS__ }) / sizeof(tkey_t), \
		(tkey_t[]){ __VA_ARGS__ }
#define KS(x)	((tkey_t){ .s = (x) })
#define KV(x)	((tkey_t){ .v = (x) })

static void test_int_keys(void)
{
	store(ID_A, 5, K(KV(123)));
	CHECK(mst.fault == 0, "store: fault %u", mst.fault);
	CHECK(load(ID_A, K(KV(123))) == 5, "a[123] == 5");
	CHECK(load(ID_A, K(KV(124))) == 0, "a[124] is missing: 0");
	store(ID_A, 6, K(KV(123)));
	CHECK(load(ID_A, K(KV(123))) == 6, "overwrite");
	store(ID_A, 0, K(KV(123)));
	CHECK(load(ID_A, K(KV(123))) == 0, "storing 0 deletes");
}

static void test_string_keys(void)
{
	char copy[8];

	strcpy(copy, "foo");
	store(ID_A, 1, K(KS("foo")));
	CHECK(load(ID_A, K(KS(copy))) == 1,
	      "string keys compare by content, not address");
	store(ID_A, 2, K(KS("ab"), KS("c")));
	CHECK(load(ID_A, K(KS("a"), KS("bc"))) == 0,
	      "(\"ab\", \"c\") and (\"a\", \"bc\") are different keys");
	CHECK(load(ID_A, K(KS("ab"), KS("c"))) == 2, "two-string key");
	store(ID_A, 3, K(KS("x"), KV(7)));
	CHECK(load(ID_A, K(KS("x"), KV(7))) == 3, "mixed key");
	CHECK(load(ID_A, K(KV(7), KS("x"))) == 0, "key order matters");
}

/* a[*(struct of 12 bytes)]: a by-reference C key, pushed with its size */
static uint64_t struct_key(const void *key, bool store)
{
	prog_t p = { 0 };

	declare(&p, ID_A);
	emit(&p, DIF_INSTR_FLUSHTS);
	setx(&p, 1, (uintptr_t)key);
	setx(&p, 3, 12);
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_CTF, 3, 1));
	setx(&p, 2, 9);
	if (store)
		emit(&p, DIF_INSTR_STV(DIF_OP_STGAA, ID_A, 2));
	else
		emit(&p, DIF_INSTR_LDV(DIF_OP_LDGAA, ID_A, 2));
	emit(&p, DIF_INSTR_RET(2));
	return run_on(vs, &p);
}

static void test_struct_keys(void)
{
	char k1[12] = "abcdefghijk", k2[12], k3[12];

	memcpy(k2, k1, sizeof(k1));
	memcpy(k3, k1, sizeof(k1));
	k3[11] = 'z';		/* differs only after the NUL a string has */
	struct_key(k1, true);
	CHECK(mst.fault == 0, "store: fault %u", mst.fault);
	CHECK(struct_key(k2, false) == 9, "same bytes elsewhere: same key");
	CHECK(struct_key(k3, false) == 0, "all 12 bytes are the key");
}

static void test_string_values(void)
{
	uint64_t r;

	r = load(ID_S, K(KV(1)));
	CHECK(mst.fault == 0 && r != 0 && *(char *)r == '\0',
	      "a missing string element reads as \"\"");
	store(ID_S, (uintptr_t)"value", K(KV(1)));
	r = load(ID_S, K(KV(1)));
	CHECK(r != 0 && strcmp((char *)r, "value") == 0, "string value");
	store(ID_S, (uintptr_t)"", K(KV(1)));
	r = load(ID_S, K(KV(1)));
	CHECK(r != 0 && *(char *)r == '\0', "storing \"\" deletes");
}

/* Writes through the address of a by-reference value stay in it. */
static void test_value_storage(void)
{
	prog_t p = { 0 };

	store(ID_S, (uintptr_t)"abc", K(KV(2)));
	declare(&p, ID_S);
	push_keys(&p, K(KV(2)));
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGAA, ID_S, 2));
	setx(&p, 3, 'X');
	emit(&p, DIF_INSTR_STORE(DIF_OP_STB, 3, 2));
	emit(&p, DIF_INSTR_RET(2));
	run_on(vs, &p);
	CHECK(mst.fault == 0, "store into the value: fault %u", mst.fault);
	CHECK(strcmp((char *)load(ID_S, K(KV(2))), "Xbc") == 0,
	      "the value changed in place");

	memset(&p, 0, sizeof(p));
	declare(&p, ID_S);
	push_keys(&p, K(KV(2)));
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGAA, ID_S, 2));
	setx(&p, 3, 8);
	emit(&p, DIF_INSTR_ALU(DIF_OP_SUB, 2, 3, 2));
	emit(&p, DIF_INSTR_STORE(DIF_OP_STX, 0, 2));
	emit(&p, DIF_INSTR_RET(0));
	run_on(vs, &p);
	CHECK(mst.fault == DTRACEFLT_BADADDR,
	      "a store before the value (into the chunk header) faults: %u",
	      mst.fault);
	CHECK(strcmp((char *)load(ID_S, K(KV(2))), "Xbc") == 0,
	      "the element survived");

	memset(&p, 0, sizeof(p));
	declare(&p, ID_S);
	push_keys(&p, K(KV(999)));
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGAA, ID_S, 2));
	setx(&p, 3, 'X');
	emit(&p, DIF_INSTR_STORE(DIF_OP_STB, 3, 2));
	emit(&p, DIF_INSTR_RET(0));
	run_on(vs, &p);
	CHECK(mst.fault == DTRACEFLT_BADADDR,
	      "the shared zero value of missing elements is read-only: %u",
	      mst.fault);
}

static void *other_thread(void *arg)
{
	*(uint64_t *)arg = load(ID_T, 0, NULL) + 1000 * load(ID_TA,
							      K(KV(1)));
	return NULL;
}

static void test_thread_locals(void)
{
	pthread_t t;
	uint64_t seen = 12345;

	store(ID_T, 7, 0, NULL);
	store(ID_TA, 8, K(KV(1)));
	CHECK(load(ID_T, 0, NULL) == 7, "self->t in its thread");
	CHECK(load(ID_TA, K(KV(1))) == 8, "self->ta[1] in its thread");
	pthread_create(&t, NULL, other_thread, &seen);
	pthread_join(t, NULL);
	CHECK(seen == 0, "another thread sees its own (unset) values: %llu",
	      (unsigned long long)seen);
	store(ID_T, 0, 0, NULL);
	CHECK(load(ID_T, 0, NULL) == 0, "self->t = 0 deletes");
}

/* A small space fills up: stores are dropped and counted. */
static void test_drops(void)
{
	dtrace_vstate_t *big = vs;
	dtc_status_t st;
	uint64_t i, stored = 0;

	if (dtrace_vstate_create(&vs, 1024, STRSIZE, 1) != 0) {
		CHECK(0, "create a small state");
		vs = big;
		return;
	}
	declare_all();
	for (i = 1; i <= 200; i++)
		store(ID_A, i, K(KV(i)));
	for (i = 1; i <= 200; i++)
		stored += load(ID_A, K(KV(i))) == i;
	memset(&st, 0, sizeof(st));
	dtrace_vstate_status(vs, &st);
	CHECK(stored > 0 && stored < 200, "some stored: %llu",
	      (unsigned long long)stored);
	CHECK(st.dyndrops == 200 - stored, "drops %llu, stored %llu",
	      st.dyndrops, (unsigned long long)stored);
	/* free one element: its chunk takes the next new key */
	store(ID_A, 0, K(KV(1)));
	store(ID_A, 555, K(KV(555)));
	CHECK(load(ID_A, K(KV(555))) == 555, "deleted space is reused");
	memset(&st, 0, sizeof(st));
	dtrace_vstate_status(vs, &st);
	CHECK(st.dyndrops == 200 - stored, "no new drop");
	dtrace_vstate_destroy(vs);
	vs = big;
}

static void test_declarations(void)
{
	prog_t p = { 0 };
	dtrace_difo_t dp;
	char err[256] = "";
	int rc;

	/* ID_A again, now declared as a string array */
	var(&p, ID_A, DIF_VSCOPE_GLOBAL, DIF_VKIND_ARRAY, DIF_TYPE_STRING, 0);
	emit(&p, DIF_INSTR_RET(0));
	dp = difo(&p);
	rc = dtrace_vstate_add_difo(vs, &dp, err, sizeof(err));
	CHECK(rc == -EINVAL && strstr(err, "different types"),
	      "type clash refused: %d %s", rc, err);

	/* a key larger than any declared once elements exist */
	memset(&p, 0, sizeof(p));
	declare(&p, ID_A);
	emit(&p, DIF_INSTR_FLUSHTS);
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
	emit(&p, DIF_INSTR_PUSHTR(DIF_TYPE_STRING, 0, 1));
	emit(&p, DIF_INSTR_LDV(DIF_OP_LDGAA, ID_A, 1));
	emit(&p, DIF_INSTR_RET(1));
	dp = difo(&p);
	rc = dtrace_vstate_add_difo(vs, &dp, err, sizeof(err));
	CHECK(rc == -EBUSY && strstr(err, "tracing has started"),
	      "late growth refused: %d %s", rc, err);
}

int main(void)
{
	if (dtrace_vstate_create(&vs, 1 << 16, STRSIZE, 1) != 0) {
		UNIT_SETUP_FAILED("cannot create a variable state");
	}
	declare_all();
	test_int_keys();
	test_string_keys();
	test_struct_keys();
	test_string_values();
	test_value_storage();
	test_thread_locals();
	test_drops();
	test_declarations();
	dtrace_vstate_destroy(vs);
	return unit_summary();
}
