/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TEST_UNIT_CORE_HARNESS_H
#define TEST_UNIT_CORE_HARNESS_H

/*
 * What the core's unit tests share besides unit.h: helpers that run a DOF
 * in a fresh consumer state of the in-process core and walk the records
 * it produced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dtrace_core.h"
#include "providers/providers.h"
#include "dof_builder.h"
#include "unit.h"

static inline void h_core_up(void)
{
	if (dtrace_core_init() != 0 || dtrace_providers_init() != 0)
		UNIT_SETUP_FAILED("cannot start the core");
}

/* Load the DOF built in b into a new state; NULL (and a FAIL) if refused. */
static inline dtrace_state_t *h_load(dofb_t *b, unsigned int *nmatched)
{
	dtrace_state_t *s;
	dtc_loaderr_t err;
	size_t size;
	void *dof = dofb_finish(b, &size);
	unsigned int n = 0;
	int rc;

	if (dtrace_state_create(DTRACE_PRIV_ALL, &s) != 0) {
		free(dof);
		return NULL;
	}
	rc = dtrace_state_load(s, dof, size, &n, &err);
	free(dof);
	CHECK(rc == 0, "load refused: %s", err.msg);
	if (rc != 0) {
		dtrace_state_destroy(s);
		return NULL;
	}
	if (nmatched)
		*nmatched = n;
	return s;
}

/* A copy of the records of one snapshot of CPU 0. */
typedef struct h_snap {
	unsigned char	*data;
	size_t		size;
	unsigned long long drops;
} h_snap_t;

static inline void h_snapshot(dtrace_state_t *s, h_snap_t *sn)
{
	dtrace_bufdesc_t d;

	memset(sn, 0, sizeof(*sn));
	if (dtrace_buffer_snapshot(s, 0, &d) != 0)
		return;
	sn->data = malloc(d.size + 1);
	if (d.size)
		memcpy(sn->data, d.data, d.size);
	sn->size = d.size;
	sn->drops = d.drops;
}

/* Size of an EPID record, from its description. */
static inline unsigned int h_epsize(dtrace_state_t *s, unsigned int epid,
				    dtc_epdesc_t **descp)
{
	size_t need = 0;
	dtc_epdesc_t *d;

	if (dtrace_epdesc(s, epid, NULL, 0, &need) != -ENOSPC)
		return 0;
	d = malloc(need);
	if (dtrace_epdesc(s, epid, d, need, &need) != 0) {
		free(d);
		return 0;
	}
	if (descp) {
		*descp = d;
		return d->size;
	}
	need = d->size;
	free(d);
	return (unsigned int)need;
}

/* Count records (of epid, or all when 0) in a snapshot. */
static inline int h_count(dtrace_state_t *s, const h_snap_t *sn,
			  unsigned int epid)
{
	size_t off = 0;
	int n = 0;
	unsigned int sz;

	while (off + sizeof(dtc_rechdr_t) <= sn->size) {
		dtc_rechdr_t *r = (dtc_rechdr_t *)(sn->data + off);

		if (r->epid == DTRACE_EPIDNONE)
			break;
		sz = h_epsize(s, r->epid, NULL);
		if (sz == 0)
			return -1;
		if (epid == 0 || r->epid == epid)
			n++;
		off += (sz + 7) & ~7u;
	}
	return n;
}

/* The 'size' byte integer at 'off' of the first record of epid. */
static inline long long h_value(dtrace_state_t *s, const h_snap_t *sn,
				unsigned int epid, unsigned int recoff,
				unsigned int size)
{
	size_t off = 0;
	unsigned int sz;

	while (off + sizeof(dtc_rechdr_t) <= sn->size) {
		dtc_rechdr_t *r = (dtc_rechdr_t *)(sn->data + off);

		sz = h_epsize(s, r->epid, NULL);
		if (sz == 0)
			return -9999;
		if (r->epid == epid) {
			long long v = 0;
			int i32;
			signed char i8;

			if (size == 8)
				memcpy(&v, sn->data + off + recoff, 8);
			else if (size == 4) {
				memcpy(&i32, sn->data + off + recoff, 4);
				v = i32;
			} else {
				memcpy(&i8, sn->data + off + recoff, 1);
				v = i8;
			}
			return v;
		}
		off += (sz + 7) & ~7u;
	}
	return -9999;
}

#endif /* TEST_UNIT_CORE_HARNESS_H */
