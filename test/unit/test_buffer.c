// SPDX-License-Identifier: GPL-2.0
/*
 * Principal buffers: the switch, fill and ring policies on their own, then
 * through the in-process core: BEGIN/END/ERROR/tick records, record
 * alignment, predicates, exit(), drops with a small bufsize, and
 * speculations committed and discarded.
 */
#include <time.h>
#include <unistd.h>

#include "core/core_impl.h"
#include "core_harness.h"
#include "unit.h"

/* ---- the policies on a bare buffer -------------------------------- */

static uint32_t size48(void *arg, uint32_t epid)
{
	return epid == 1 ? 48 : 0;
}

/* Write a 48-byte record whose timestamp is its sequence number. */
static bool put(dtrace_buffer_t *b, unsigned long long seq)
{
	int64_t off = dtrace_buffer_reserve(b, 48);
	dtc_rechdr_t *h;

	if (off < 0)
		return false;
	h = (dtc_rechdr_t *)(dtrace_buffer_active(b) + off);
	h->epid = 1;
	h->cpu = 0;
	h->timestamp = seq;
	dtrace_buffer_commit(b, off, 48);
	return true;
}

static void test_switch_policy(void)
{
	dtrace_buffer_t b;
	int i, ok = 0;

	CHECK(dtrace_buffer_alloc(&b, 200, DTRACEOPT_BUFPOLICY_SWITCH) == 0,
	      "alloc");
	for (i = 0; i < 6; i++)
		ok += put(&b, i);
	CHECK(ok == 4, "4 records of 48 fit in 200 (->208) bytes, got %d", ok);
	CHECK(b.drops == 2, "2 drops counted, got %llu",
	      (unsigned long long)b.drops);
	dtrace_buffer_switch(&b);
	CHECK(b.snap_size == 192 && b.snap_drops == 2,
	      "switch hands out 192 bytes and 2 drops (%llu, %llu)",
	      (unsigned long long)b.snap_size,
	      (unsigned long long)b.snap_drops);
	CHECK(b.offset == 0 && b.drops == 0, "new half starts empty");
	CHECK(((dtc_rechdr_t *)(b.data[b.active ^ 1] + 144))->timestamp == 3,
	      "fourth record at offset 144");
	CHECK(put(&b, 9), "records fit again after the switch");
	dtrace_buffer_free(&b);
}

static void test_fill_policy(void)
{
	dtrace_buffer_t b;
	int i, ok = 0;

	CHECK(dtrace_buffer_alloc(&b, 160, DTRACEOPT_BUFPOLICY_FILL) == 0,
	      "alloc");
	for (i = 0; i < 5; i++)
		ok += put(&b, i);
	CHECK(ok == 3 && b.filled, "3 records, then filled (%d, %d)", ok,
	      b.filled);
	/* once filled, even a record that would fit is refused */
	CHECK(dtrace_buffer_reserve(&b, 8) < 0, "filled takes nothing more");
	dtrace_buffer_linearize(&b);
	CHECK(b.snap_size == 144, "fill hands out its 3 records (%llu)",
	      (unsigned long long)b.snap_size);
	dtrace_buffer_free(&b);
}

static void test_ring_policy(void)
{
	dtrace_buffer_t b;
	const dtc_rechdr_t *h;
	uint64_t off;
	int i, n = 0;
	bool inorder = true;
	unsigned long long last = 0;

	CHECK(dtrace_buffer_alloc(&b, 160, DTRACEOPT_BUFPOLICY_RING) == 0,
	      "alloc");
	b.epid_size = size48;
	for (i = 1; i <= 10; i++)
		CHECK(put(&b, i), "ring always takes a record (%d)", i);
	dtrace_buffer_linearize(&b);
	for (off = 0; off + 48 <= b.snap_size; off += 48) {
		h = (const dtc_rechdr_t *)(b.data[b.active ^ 1] + off);
		if (h->epid != 1 || (n > 0 && h->timestamp != last + 1))
			inorder = false;
		last = h->timestamp;
		n++;
	}
	CHECK(b.snap_size % 48 == 0, "ring copy is whole records (%llu)",
	      (unsigned long long)b.snap_size);
	CHECK(inorder && n >= 2 && last == 10,
	      "ring keeps the newest records in order (n %d, last %llu)", n,
	      last);
	dtrace_buffer_free(&b);
}

/* ---- through the core ------------------------------------------------ */

static void test_begin_end(void)
{
	dofb_t b;
	dof_actdesc_t a;
	dtrace_state_t *s;
	h_snap_t sn;
	unsigned int n;
	int cpu;

	dofb_init(&b);
	a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 42), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, &a, 1, 0);
	a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 7), 0);
	dofb_ecb(&b, dofb_probe(&b, "", "", "", "END"), DOF_SECIDX_NONE, &a,
		 1, 1);
	s = h_load(&b, &n);
	if (s == NULL)
		return;
	CHECK(n == 2, "BEGIN and END matched (%u)", n);
	CHECK(dtrace_state_go(s, &cpu) == 0 && cpu == 0, "go");
	h_snapshot(s, &sn);
	CHECK(h_count(s, &sn, 0) == 1, "BEGIN wrote one record (%d)",
	      h_count(s, &sn, 0));
	CHECK(h_value(s, &sn, 1, 16, 8) == 42, "BEGIN traced 42");
	free(sn.data);
	CHECK(dtrace_state_stop(s, &cpu) == 0, "stop");
	h_snapshot(s, &sn);
	CHECK(h_count(s, &sn, 2) == 1 && h_count(s, &sn, 0) == 1,
	      "END fired once, alone");
	CHECK(h_value(s, &sn, 2, 16, 8) == 7, "END traced 7");
	free(sn.data);
	CHECK(dtrace_state_stop(s, &cpu) == 0, "a second stop is harmless");
	h_snapshot(s, &sn);
	CHECK(sn.size == 0, "END does not fire twice");
	free(sn.data);
	dtrace_state_destroy(s);
}

/* A DIFO that loads 4 bytes from address 8: a fault. */
static unsigned int bad_load(dofb_t *b)
{
	static const dif_instr_t ins[] = {
		DIF_INSTR_SETX(0, 1), DIF_INSTR_LOAD(DIF_OP_LDSW, 1, 2),
		DIF_INSTR_RET(2)
	};
	unsigned long long eight = 8;

	return dofb_difo(b, ins, 3, &eight, 1, NULL, 0, dofb_int64());
}

static void test_error_probe(void)
{
	dof_actdesc_t a[5];
	dtrace_state_t *s;
	dtc_status_t st;
	dofb_t b;
	h_snap_t sn;
	int cpu, i;

	dofb_init(&b);
	a[0] = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 1), 0);
	a[1] = dofb_action(DTRACEACT_DIFEXPR, bad_load(&b), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 2, 0);
	/* a second BEGIN clause still runs after the first faults */
	a[0] = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 5), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 1, 1);
	for (i = 0; i < 5; i++)
		a[i] = dofb_action(DTRACEACT_DIFEXPR, dofb_arg(&b, i + 1), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "ERROR"),
		 DOF_SECIDX_NONE, a, 5, 2);
	/* a fault inside ERROR is counted, not fired again */
	a[0] = dofb_action(DTRACEACT_DIFEXPR, bad_load(&b), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "ERROR"),
		 DOF_SECIDX_NONE, a, 1, 3);
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	CHECK(dtrace_state_go(s, &cpu) == 0, "go");
	h_snapshot(s, &sn);
	CHECK(h_count(s, &sn, 1) == 0, "the faulting record is abandoned");
	CHECK(h_count(s, &sn, 2) == 1, "the other BEGIN clause recorded");
	CHECK(h_count(s, &sn, 3) == 1, "ERROR fired once (%d)",
	      h_count(s, &sn, 3));
	CHECK(h_value(s, &sn, 3, 16, 8) == 1, "arg1 = epid 1 (%lld)",
	      h_value(s, &sn, 3, 16, 8));
	CHECK(h_value(s, &sn, 3, 24, 8) == 2, "arg2 = action index 2 (%lld)",
	      h_value(s, &sn, 3, 24, 8));
	CHECK(h_value(s, &sn, 3, 40, 8) == DTRACEFLT_BADADDR,
	      "arg4 = DTRACEFLT_BADADDR (%lld)", h_value(s, &sn, 3, 40, 8));
	CHECK(h_value(s, &sn, 3, 48, 8) == 8, "arg5 = address 8 (%lld)",
	      h_value(s, &sn, 3, 48, 8));
	free(sn.data);
	dtrace_state_status(s, &st);
	CHECK(st.errors == 2, "two faults counted (%llu)", st.errors);
	dtrace_state_stop(s, &cpu);
	dtrace_state_destroy(s);
}

static void test_alignment(void)
{
	static const dif_instr_t ins[] = {
		DIF_INSTR_SETX(0, 1), DIF_INSTR_RET(1)
	};
	dif_type_t ch = { DIF_TYPE_CTF, DIF_CKIND_INT, 0, 0, 1 };
	unsigned long long v = 'x';
	dtc_epdesc_t *d = NULL;
	dof_actdesc_t a[4];
	dtrace_state_t *s;
	h_snap_t sn;
	dofb_t b;
	int cpu;

	dofb_init(&b);
	dofb_option(&b, DTRACEOPT_STRSIZE, 13);
	a[0] = dofb_action(DTRACEACT_DIFEXPR,
			   dofb_difo(&b, ins, 2, &v, 1, NULL, 0, ch), 0);
	a[1] = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 99), 0);
	a[2] = dofb_action(DTRACEACT_DIFEXPR, dofb_string(&b, "hello"), 0);
	a[3] = dofb_action(DTRACEACT_EXIT, dofb_const(&b, 3), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 4, 0);
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	CHECK(h_epsize(s, 1, &d) == 56 && d != NULL && d->nrecs == 4,
	      "record is 56 bytes with 4 records");
	if (d != NULL && d->nrecs == 4) {
		CHECK(d->recs[0].offset == 16 && d->recs[0].size == 1,
		      "char at 16");
		CHECK(d->recs[1].offset == 24 && d->recs[1].size == 8,
		      "int64 aligned to 24 (%u)", d->recs[1].offset);
		CHECK(d->recs[2].offset == 32 && d->recs[2].size == 13 &&
		      (d->recs[2].flags & DTC_RECF_STRING),
		      "string of strsize at 32");
		CHECK(d->recs[3].offset == 48 && d->recs[3].size == 4,
		      "exit status aligned to 48 (%u)", d->recs[3].offset);
	}
	free(d);
	CHECK(dtrace_state_go(s, &cpu) == 0, "go");
	h_snapshot(s, &sn);
	CHECK(sn.size == 56, "one 56-byte record (%zu)", sn.size);
	if (sn.size == 56) {
		CHECK(sn.data[16] == 'x', "char recorded");
		CHECK(memcmp(sn.data + 32, "hello\0\0\0\0\0\0\0\0", 13) == 0,
		      "string recorded NUL-padded");
		CHECK(h_value(s, &sn, 1, 48, 4) == 3, "exit(3) recorded");
	}
	free(sn.data);
	{
		dtc_status_t st;

		dtrace_state_status(s, &st);
		CHECK(st.exiting == 1, "exit() sets status.exiting");
	}
	dtrace_state_stop(s, &cpu);
	dtrace_state_destroy(s);
}

/*
 * String records are strsize bytes and a D string holds strsize
 * characters: a string of exactly strsize fills its record without a NUL,
 * a longer one is cut to strsize, an empty one is all NULs, and none of
 * them spills into the record after it.
 */
static void test_full_string_records(void)
{
	static const char *const strs[] = {
		"abcdefghijklm", "ABCDEFGHIJKLMNOP", "",
	};
	static const char *const want[] = {
		"abcdefghijklm", "ABCDEFGHIJKLM", "\0\0\0\0\0\0\0\0\0\0\0\0\0",
	};
	dtc_epdesc_t *d = NULL;
	dof_actdesc_t a[4];
	dtrace_state_t *s;
	unsigned int i;
	h_snap_t sn;
	dofb_t b;
	int cpu;

	dofb_init(&b);
	dofb_option(&b, DTRACEOPT_STRSIZE, 13);
	for (i = 0; i < 3; i++)
		a[i] = dofb_action(DTRACEACT_DIFEXPR, dofb_string(&b, strs[i]),
				   0);
	a[3] = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 77), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 4, 0);
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	if (h_epsize(s, 1, &d) == 0 || d == NULL || d->nrecs != 4) {
		CHECK(0, "four records");
		free(d);
		dtrace_state_destroy(s);
		return;
	}
	CHECK(dtrace_state_go(s, &cpu) == 0, "go");
	h_snapshot(s, &sn);
	for (i = 0; i < 3 && sn.size >= d->recs[3].offset + 8; i++) {
		CHECK(d->recs[i].size == 13, "string record %u is strsize "
		      "bytes (%u)", i, d->recs[i].size);
		CHECK(memcmp(sn.data + d->recs[i].offset, want[i], 13) == 0,
		      "string record %u holds \"%.13s\"", i,
		      (const char *)sn.data + d->recs[i].offset);
	}
	CHECK(i == 3, "the record was written (%zu bytes)", sn.size);
	if (i == 3)
		CHECK(h_value(s, &sn, 1, d->recs[3].offset, 8) == 77,
		      "the record after the strings is intact");
	free(sn.data);
	free(d);
	dtrace_state_stop(s, &cpu);
	dtrace_state_destroy(s);
}

/* A DIFO that stores 5 to this->x (store) or returns this->x (load). */
static unsigned int local_x(dofb_t *b, bool store)
{
	static const dif_instr_t st[] = {
		DIF_INSTR_SETX(0, 1), DIF_INSTR_STV(DIF_OP_STLS, 0x500, 1),
		DIF_INSTR_RET(1)
	};
	static const dif_instr_t ld[] = {
		DIF_INSTR_LDV(DIF_OP_LDLS, 0x500, 1), DIF_INSTR_RET(1)
	};
	unsigned long long five = 5;
	dof_difohdr_t h;
	dof_difv_t v;

	memset(&v, 0, sizeof(v));
	v.name = 0;
	v.id = 0x500;
	v.kind = DIF_VKIND_SCALAR;
	v.scope = DIF_VSCOPE_LOCAL;
	v.flags = store ? DIF_VFLAG_MOD : DIF_VFLAG_REF;
	v.type = dofb_int64();
	memset(&h, 0, sizeof(h));
	h.rtype = dofb_int64();
	h.dif = dofb_sec(b, DOF_SECT_DIF, 4, 4, store ? st : ld,
			 (store ? 3 : 2) * sizeof(dif_instr_t));
	h.inttab = store ? dofb_sec(b, DOF_SECT_INTTAB, 8, 8, &five, 8) :
			   DOF_SECIDX_NONE;
	h.strtab = dofb_sec(b, DOF_SECT_STRTAB, 1, 0, "x", 2);
	h.vartab = dofb_sec(b, DOF_SECT_VARTAB, 4, sizeof(v), &v, sizeof(v));
	return dofb_sec(b, DOF_SECT_DIFOHDR, 8, 0, &h, sizeof(h));
}

/* this->x set in one clause is seen by the next clause of the firing. */
static void test_clause_locals(void)
{
	dof_actdesc_t a;
	dtrace_state_t *s;
	dofb_t b;
	h_snap_t sn;
	int cpu;

	dofb_init(&b);
	a = dofb_action(DTRACEACT_DIFEXPR, local_x(&b, true), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, &a, 1, 0);
	a = dofb_action(DTRACEACT_DIFEXPR, local_x(&b, false), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, &a, 1, 1);
	a = dofb_action(DTRACEACT_DIFEXPR, local_x(&b, false), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "END"),
		 DOF_SECIDX_NONE, &a, 1, 2);
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	dtrace_state_go(s, &cpu);
	dtrace_state_stop(s, &cpu);
	h_snapshot(s, &sn);
	CHECK(h_value(s, &sn, 2, 16, 8) == 5,
	      "the second clause sees this->x = 5 (%lld)",
	      h_value(s, &sn, 2, 16, 8));
	CHECK(h_value(s, &sn, 3, 16, 8) == 0,
	      "another firing starts with this->x = 0 (%lld)",
	      h_value(s, &sn, 3, 16, 8));
	free(sn.data);
	dtrace_state_destroy(s);
}

static void test_predicate_and_drops(void)
{
	dof_actdesc_t a;
	dtrace_state_t *s;
	dofb_t b;
	h_snap_t sn;
	int cpu, i;

	dofb_init(&b);
	dofb_option(&b, DTRACEOPT_BUFSIZE, 64);
	a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 1), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 dofb_const(&b, 0), &a, 1, 0);
	for (i = 0; i < 6; i++) {
		a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, i), 0);
		dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
			 dofb_const(&b, 1), &a, 1, 0);
	}
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	CHECK(dtrace_state_go(s, &cpu) == 0, "go");
	h_snapshot(s, &sn);
	CHECK(h_count(s, &sn, 1) == 0, "false predicate records nothing");
	CHECK(h_count(s, &sn, 0) == 2, "64 bytes hold two 24-byte records "
	      "(%d)", h_count(s, &sn, 0));
	CHECK(sn.drops == 4, "the other four are drops (%llu)", sn.drops);
	free(sn.data);
	dtrace_state_stop(s, &cpu);
	dtrace_state_destroy(s);
}

/* fill: BEGIN fills the buffer, END still finds its reserved room. */
static void test_fill_keeps_end(void)
{
	dof_actdesc_t a;
	dtrace_state_t *s;
	dtc_status_t st;
	dofb_t b;
	h_snap_t sn;
	int cpu, i;

	dofb_init(&b);
	dofb_option(&b, DTRACEOPT_BUFSIZE, 96);
	dofb_option(&b, DTRACEOPT_BUFPOLICY, DTRACEOPT_BUFPOLICY_FILL);
	for (i = 0; i < 6; i++) {
		a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, i), 0);
		dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
			 DOF_SECIDX_NONE, &a, 1, 0);
	}
	a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 99), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "END"),
		 DOF_SECIDX_NONE, &a, 1, 1);
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	CHECK(dtrace_state_go(s, &cpu) == 0, "go");
	dtrace_state_status(s, &st);
	CHECK(st.filled == 1, "status.filled");
	h_snapshot(s, &sn);
	CHECK(sn.size == 0, "a fill buffer is read after stop only");
	free(sn.data);
	dtrace_state_stop(s, &cpu);
	h_snapshot(s, &sn);
	CHECK(h_count(s, &sn, 0) == 4 && h_count(s, &sn, 7) == 1 &&
	      h_value(s, &sn, 7, 16, 8) == 99,
	      "3 BEGIN records and the END record (%d)", h_count(s, &sn, 0));
	CHECK(sn.drops == 3, "3 BEGIN records dropped (%llu)", sn.drops);
	free(sn.data);
	h_snapshot(s, &sn);
	CHECK(sn.size == 0, "and it is read once");
	free(sn.data);
	dtrace_state_destroy(s);
}

/* ring: the newest BEGIN records survive, read in order after stop. */
static void test_ring_core(void)
{
	dof_actdesc_t a;
	dtrace_state_t *s;
	dofb_t b;
	h_snap_t sn;
	int cpu, i;

	dofb_init(&b);
	dofb_option(&b, DTRACEOPT_BUFSIZE, 80);
	dofb_option(&b, DTRACEOPT_BUFPOLICY, DTRACEOPT_BUFPOLICY_RING);
	for (i = 0; i < 8; i++) {
		a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, i), 0);
		dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
			 DOF_SECIDX_NONE, &a, 1, 0);
	}
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	CHECK(dtrace_state_go(s, &cpu) == 0, "go");
	dtrace_state_stop(s, &cpu);
	h_snapshot(s, &sn);
	CHECK(h_count(s, &sn, 0) >= 2 && h_count(s, &sn, 8) == 1 &&
	      h_count(s, &sn, 1) == 0, "ring kept the newest (%d records)",
	      h_count(s, &sn, 0));
	CHECK(sn.size >= 24 &&
	      ((dtc_rechdr_t *)(sn.data + sn.size - 24))->epid == 8,
	      "the newest record comes last");
	free(sn.data);
	dtrace_state_destroy(s);
}

static void test_tick(void)
{
	dof_actdesc_t a;
	dtrace_state_t *s;
	dofb_t b;
	h_snap_t sn;
	unsigned int n;
	int cpu, cnt;

	dofb_init(&b);
	a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 1), 0);
	dofb_ecb(&b, dofb_probe(&b, "profile", "", "", "tick-10ms"),
		 DOF_SECIDX_NONE, &a, 1, 0);
	s = h_load(&b, &n);
	if (s == NULL)
		return;
	CHECK(n == 1, "tick-10ms created on demand (%u)", n);
	CHECK(dtrace_state_go(s, &cpu) == 0, "go");
	usleep(300 * 1000);
	dtrace_state_stop(s, &cpu);
	h_snapshot(s, &sn);
	cnt = h_count(s, &sn, 1);
	CHECK(cnt >= 10 && cnt <= 40, "tick-10ms fired ~30 times in 300ms "
	      "(%d)", cnt);
	free(sn.data);
	usleep(50 * 1000);
	h_snapshot(s, &sn);
	CHECK(sn.size == 0, "nothing fires after stop (%zu)", sn.size);
	free(sn.data);
	dtrace_state_destroy(s);
}

/* speculation() as a DIFO: CALL speculation; RET. */
static unsigned int new_spec(dofb_t *b)
{
	static const dif_instr_t ins[] = {
		DIF_INSTR_CALL(DIF_SUBR_SPECULATION, 1), DIF_INSTR_RET(1)
	};

	return dofb_difo(b, ins, 2, NULL, 0, NULL, 0, dofb_int64());
}

static void test_speculation(unsigned int settle)
{
	dof_actdesc_t a[2];
	dtrace_state_t *s;
	dtc_status_t st;
	dofb_t b;
	h_snap_t sn;
	int cpu;

	dofb_init(&b);
	dofb_option(&b, DTRACEOPT_NSPEC, 1);
	a[0] = dofb_action(DTRACEACT_SPECULATE, new_spec(&b), 0);
	a[1] = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 77), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 2, 0);
	/* the only speculation is taken: this one is unavailable */
	a[0] = dofb_action(DTRACEACT_SPECULATE, new_spec(&b), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 2, 1);
	a[0] = dofb_action(settle, dofb_const(&b, 1), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "END"),
		 DOF_SECIDX_NONE, a, 1, 2);
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	CHECK(dtrace_state_go(s, &cpu) == 0, "go");
	h_snapshot(s, &sn);
	CHECK(sn.size == 0, "speculative records stay out (%zu)", sn.size);
	free(sn.data);
	dtrace_state_stop(s, &cpu);
	h_snapshot(s, &sn);
	if (settle == DTRACEACT_COMMIT) {
		CHECK(h_count(s, &sn, 1) == 1 && h_value(s, &sn, 1, 24, 8) ==
		      77, "commit() copies the speculative record");
	} else {
		CHECK(h_count(s, &sn, 1) == 0, "discard() drops it");
	}
	CHECK(h_count(s, &sn, 3) == 1, "the END record is there");
	free(sn.data);
	dtrace_state_status(s, &st);
	CHECK(st.specdrops_unavail == 1, "one speculation() unavailable "
	      "(%llu)", st.specdrops_unavail);
	dtrace_state_destroy(s);
}

static void test_destroy_while_firing(void)
{
	dof_actdesc_t a;
	dtrace_state_t *s;
	dofb_t b;
	int cpu, i;

	for (i = 0; i < 5; i++) {
		dofb_init(&b);
		a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 1), 0);
		dofb_ecb(&b, dofb_probe(&b, "profile", "", "",
					"profile-4999"),
			 DOF_SECIDX_NONE, &a, 1, 0);
		s = h_load(&b, NULL);
		if (s == NULL)
			return;
		dtrace_state_go(s, &cpu);
		usleep(3000);
		dtrace_state_destroy(s);
	}
	CHECK(1, "destroying states with probes firing does not crash");
}

static int noop_enable(void *arg, dtrace_id_t id, void *parg)
{
	return 0;
}

static void noop_disable(void *arg, dtrace_id_t id, void *parg)
{
}

static const dtrace_pops_t fire_pops = {
	.enable = noop_enable,
	.disable = noop_disable,
};

/* A consumer silent for longer than the deadman allows is killed. */
static void test_deadman(void)
{
	dtrace_provider_id_t pv;
	dof_actdesc_t a;
	dtrace_state_t *s;
	dtc_status_t st;
	dtrace_id_t id;
	h_snap_t sn;
	dofb_t b;
	int cpu;

	if (dtrace_register("fire", &fire_pops, NULL, &pv) != 0)
		return;
	id = dtrace_probe_create(pv, "", "", "now", 0, NULL);
	dofb_init(&b);
	a = dofb_action(DTRACEACT_DIFEXPR, dofb_arg(&b, 0), 0);
	dofb_ecb(&b, dofb_probe(&b, "fire", "", "", "now"), DOF_SECIDX_NONE,
		 &a, 1, 0);
	s = h_load(&b, NULL);
	if (s == NULL)
		return;
	dtrace_state_go(s, &cpu);
	dtrace_probe(id, 11, 0, 0, 0, 0);
	s->alive -= DTRACE_DEADMAN_NS + 1000000000ull;
	dtrace_probe(id, 12, 0, 0, 0, 0);
	dtrace_state_status(s, &st);
	CHECK(st.killed == 1, "status.killed after the deadman");
	dtrace_probe(id, 13, 0, 0, 0, 0);
	h_snapshot(s, &sn);
	CHECK(h_count(s, &sn, 1) == 1 && h_value(s, &sn, 1, 16, 8) == 11,
	      "only the firing before the deadman recorded (%d)",
	      h_count(s, &sn, 1));
	free(sn.data);
	CHECK(dtrace_state_stop(s, &cpu) == 0, "stop after kill");
	dtrace_state_destroy(s);
	CHECK(dtrace_unregister(pv) == 0, "unregister after destroy");
}

int main(void)
{
	h_core_up();
	test_switch_policy();
	test_fill_policy();
	test_ring_policy();
	test_begin_end();
	test_error_probe();
	test_alignment();
	test_full_string_records();
	test_predicate_and_drops();
	test_clause_locals();
	test_fill_keeps_end();
	test_ring_core();
	test_tick();
	test_speculation(DTRACEACT_COMMIT);
	test_speculation(DTRACEACT_DISCARD);
	test_destroy_while_firing();
	test_deadman();
	return unit_summary();
}
