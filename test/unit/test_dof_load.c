// SPDX-License-Identifier: GPL-2.0
/*
 * DOF loading: hostile and truncated DOFs are refused with a message that
 * names the problem (and the section), nothing is half-loaded, and random
 * corruption of a valid DOF never crashes the loader (ASan/UBSan watch).
 */
#include "core/core_impl.h"
#include "core_harness.h"
#include "unit.h"

/* A valid program: BEGIN { trace(1); } with an option section. */
static void *valid_dof(size_t *size, dofb_t *b)
{
	dof_actdesc_t a;

	dofb_init(b);
	dofb_option(b, DTRACEOPT_BUFSIZE, 1 << 16);
	a = dofb_action(DTRACEACT_DIFEXPR, dofb_const(b, 1), 0);
	dofb_ecb(b, dofb_probe(b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, &a, 1, 0);
	return dofb_finish(b, size);
}

/* Load; returns the error code and copies the message. */
static int try_load(const void *dof, size_t size, char *msg,
		    unsigned int *necbs)
{
	dtrace_state_t *s;
	dtc_loaderr_t err;
	unsigned int n = 0;
	int rc;

	dtrace_state_create(DTRACE_PRIV_USER, &s);
	memset(&err, 0, sizeof(err));
	rc = dtrace_state_load(s, dof, size, &n, &err);
	snprintf(msg, 300, "%s", err.msg);
	if (necbs)
		*necbs = s->necbs;
	dtrace_state_destroy(s);
	return rc;
}

#define REFUSED(dof, size, what, ...) do {				\
	char m_[300];							\
	unsigned int ne_;						\
	int rc_ = try_load(dof, size, m_, &ne_);			\
	CHECK(rc_ < 0 && m_[0] != '\0' && strstr(m_, what) != NULL &&	\
	      ne_ == 0, __VA_ARGS__);					\
	if (rc_ < 0 && strstr(m_, what) == NULL)			\
		printf("  message was: %s\n", m_);			\
} while (0)

static dof_hdr_t *hdr(void *dof)
{
	return dof;
}

static dof_sec_t *sec(void *dof, unsigned int i)
{
	return (dof_sec_t *)((char *)dof + hdr(dof)->secoff) + i;
}

static unsigned int find_sec(void *dof, unsigned int type)
{
	unsigned int i;

	for (i = 0; i < hdr(dof)->secnum; i++) {
		if (sec(dof, i)->type == type)
			return i;
	}
	return ~0u;
}

static void test_valid(void)
{
	dofb_t b;
	size_t size;
	void *dof = valid_dof(&size, &b);
	char msg[300];
	unsigned int ne;

	CHECK(try_load(dof, size, msg, &ne) == 0 && ne == 1,
	      "the valid DOF loads (%s)", msg);
	free(dof);
}

static void test_header(void)
{
	dofb_t b;
	size_t size;
	void *dof = valid_dof(&size, &b);
	void *copy = malloc(size);

	REFUSED(NULL, 0, "shorter", "NULL DOF refused");
	REFUSED(dof, 10, "shorter", "10 bytes refused");
	memcpy(copy, dof, size);
	((unsigned char *)copy)[1] = 'X';
	REFUSED(copy, size, "magic", "bad magic refused");
	memcpy(copy, dof, size);
	hdr(copy)->version = 9;
	REFUSED(copy, size, "version", "bad version refused");
	memcpy(copy, dof, size);
	hdr(copy)->hdrsize = 12;
	REFUSED(copy, size, "size", "bad header size refused");
	REFUSED(dof, size - 8, "truncated", "truncated DOF refused");
	memcpy(copy, dof, size);
	hdr(copy)->secoff = size - 8;
	REFUSED(copy, size, "section table", "table outside refused");
	memcpy(copy, dof, size);
	hdr(copy)->secnum = 0x7fffffff;
	REFUSED(copy, size, "sections", "absurd secnum refused");
	free(copy);
	free(dof);
}

static void test_sections(void)
{
	dofb_t b;
	size_t size;
	void *dof = valid_dof(&size, &b);
	void *c = malloc(size);
	unsigned int i;

	memcpy(c, dof, size);
	sec(c, 0)->offset = size - 4;
	REFUSED(c, size, "section 0", "section past the end refused");
	memcpy(c, dof, size);
	sec(c, 0)->size = ~0ull - 4;
	REFUSED(c, size, "outside the file", "size overflow refused");
	memcpy(c, dof, size);
	sec(c, 0)->type = 77;
	REFUSED(c, size, "unknown section type", "unknown type refused");
	memcpy(c, dof, size);
	sec(c, 0)->align = 3;
	REFUSED(c, size, "power of two", "alignment 3 refused");
	i = find_sec(c, DOF_SECT_DIF);
	memcpy(c, dof, size);
	sec(c, i)->offset += 2;
	REFUSED(c, size, "misaligned", "misaligned DIF refused");
	memcpy(c, dof, size);
	sec(c, find_sec(c, DOF_SECT_ACTDESC))->entsize = 8;
	REFUSED(c, size, "entry size", "wrong entsize refused");
	memcpy(c, dof, size);
	sec(c, find_sec(c, DOF_SECT_ECBDESC))->size -= 8;
	REFUSED(c, size, "size is wrong", "short ECBDESC refused");
	free(c);
	free(dof);
}

static void test_indices(void)
{
	dofb_t b;
	size_t size;
	void *dof = valid_dof(&size, &b);
	void *c = malloc(size);
	dof_ecbdesc_t *e;
	dof_probedesc_t *pd;
	dof_sec_t *st;

	memcpy(c, dof, size);
	e = (dof_ecbdesc_t *)((char *)c +
			      sec(c, find_sec(c, DOF_SECT_ECBDESC))->offset);
	e->probes = 999;
	REFUSED(c, size, "out of range", "section index 999 refused");
	memcpy(c, dof, size);
	e->probes = find_sec(c, DOF_SECT_ACTDESC);
	REFUSED(c, size, "should be PROBEDESC", "wrong section type refused");
	memcpy(c, dof, size);
	e->pred = find_sec(c, DOF_SECT_STRTAB);
	REFUSED(c, size, "should be DIFOHDR", "predicate not a DIFO refused");

	memcpy(c, dof, size);
	st = sec(c, find_sec(c, DOF_SECT_PROBEDESC));
	pd = (dof_probedesc_t *)((char *)c + st->offset);
	pd->name = 5000;
	REFUSED(c, size, "outside its table", "string offset refused");
	memcpy(c, dof, size);
	st = sec(c, pd->strtab);
	memset((char *)c + st->offset, 'A', st->size);
	REFUSED(c, size, "unterminated", "unterminated string refused");
	free(c);
	free(dof);
}

static void test_bad_dif(void)
{
	static const dif_instr_t badop[] = { 0xff000000u, DIF_INSTR_RET(1) };
	static const dif_instr_t badreg[] = { DIF_INSTR_RET(40) };
	static const dif_instr_t noret[] = { DIF_INSTR_NOP };
	static const dif_instr_t r0w[] = { DIF_INSTR_MOV(1, 0),
					   DIF_INSTR_RET(0) };
	const dif_instr_t *progs[] = { badop, badreg, noret, r0w };
	const size_t lens[] = { 2, 1, 1, 2 };
	dof_actdesc_t a;
	dofb_t b;
	size_t size, i;
	void *dof;

	for (i = 0; i < 4; i++) {
		dofb_init(&b);
		a = dofb_action(DTRACEACT_DIFEXPR,
				dofb_difo(&b, progs[i], lens[i], NULL, 0, NULL,
					  0, dofb_int64()), 0);
		dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
			 DOF_SECIDX_NONE, &a, 1, 0);
		dof = dofb_finish(&b, &size);
		REFUSED(dof, size, "DIF rejected", "bad DIF %zu refused", i);
		free(dof);
	}
}

static void test_actions_and_options(void)
{
	dof_actdesc_t a[2];
	dofb_t b;
	size_t size;
	void *dof;

	dofb_init(&b);
	a[0] = dofb_action(200, dofb_const(&b, 1), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 1, 0);
	dof = dofb_finish(&b, &size);
	REFUSED(dof, size, "unknown kind", "unknown action refused");
	free(dof);

	dofb_init(&b);
	a[0] = dofb_action(DTRACEACT_RAISE, dofb_const(&b, 9), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 1, 0);
	dof = dofb_finish(&b, &size);
	REFUSED(dof, size, "destructive", "raise() without -w refused");
	free(dof);

	dofb_init(&b);
	a[0] = dofb_action(DTRACEAGG_COUNT, DOF_SECIDX_NONE, 1);
	a[0].ntuple = 3;
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 1, 0);
	dof = dofb_finish(&b, &size);
	REFUSED(dof, size, "keys", "ntuple beyond the actions refused");
	free(dof);

	dofb_init(&b);
	a[0] = dofb_action(DTRACEACT_EXIT, DOF_SECIDX_NONE, 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 1, 0);
	dof = dofb_finish(&b, &size);
	REFUSED(dof, size, "needs a value", "exit() without a value refused");
	free(dof);

	dofb_init(&b);
	dofb_option(&b, 99, 1);
	dof = dofb_finish(&b, &size);
	REFUSED(dof, size, "unknown option", "unknown option refused");
	free(dof);

	dofb_init(&b);
	dofb_option(&b, DTRACEOPT_BUFSIZE, 1ull << 40);
	dof = dofb_finish(&b, &size);
	REFUSED(dof, size, "1 GiB", "a 1 TiB buffer refused");
	free(dof);
}

/* A refused load leaves the state as it was: the next one gets epid 1. */
static void test_nothing_half_loaded(void)
{
	dof_actdesc_t a[2];
	dtrace_state_t *s;
	dtc_loaderr_t err;
	unsigned int n;
	size_t size;
	void *dof;
	dofb_t b;

	dtrace_state_create(DTRACE_PRIV_USER, &s);
	dofb_init(&b);
	a[0] = dofb_action(DTRACEACT_DIFEXPR, dofb_const(&b, 1), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "BEGIN"),
		 DOF_SECIDX_NONE, a, 1, 0);
	a[0] = dofb_action(200, dofb_const(&b, 1), 0);
	dofb_ecb(&b, dofb_probe(&b, "dtrace", "", "", "END"),
		 DOF_SECIDX_NONE, a, 1, 0);
	dof = dofb_finish(&b, &size);
	CHECK(dtrace_state_load(s, dof, size, &n, &err) < 0 &&
	      s->necbs == 0, "second clause bad: first not enabled either");
	CHECK(dtrace_probe_get(dtrace_probeid_begin)->ecbs == NULL,
	      "BEGIN has no ECB left");
	free(dof);
	dof = valid_dof(&size, &b);
	CHECK(dtrace_state_load(s, dof, size, &n, &err) == 0 && n == 1 &&
	      s->ecbs[0]->epid == 1, "a good load afterwards gets epid 1");
	free(dof);
	dtrace_state_destroy(s);
}

/* Random corruption: never a crash, every refusal says why. */
static void test_random_corruption(void)
{
	unsigned int seed = 12345, i, k, silent = 0;
	dofb_t b;
	size_t size;
	void *dof = valid_dof(&size, &b);
	unsigned char *c = malloc(size);
	char msg[300];

	for (i = 0; i < 3000; i++) {
		memcpy(c, dof, size);
		for (k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			c[(seed >> 8) % size] = (unsigned char)(seed >> 20);
		}
		if (try_load(c, size - (i % 7 == 0 ? (seed % 16) : 0), msg,
			     NULL) < 0 && msg[0] == '\0')
			silent++;
	}
	CHECK(silent == 0, "%u refusals without a message", silent);
	free(c);
	free(dof);
}

int main(void)
{
	h_core_up();
	test_valid();
	test_header();
	test_sections();
	test_indices();
	test_bad_dif();
	test_actions_and_options();
	test_nothing_half_loaded();
	test_random_corruption();
	return unit_summary();
}
