/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HV_BARE_BARE_H
#define HV_BARE_BARE_H

/*
 * The bare backend's raw paths, one file an op, gathered into the
 * backend's table by bare.c.
 */
#include "hv/hv.h"

/* bare_trap.c: the IDT. */
const char *hv_bare_trap_probe(void);
int hv_bare_trap_describe(int vector, char *buf, size_t size);

/* bare_text.c: a writable alias of the text page. */
int hv_bare_text_write(void *addr, const void *src, size_t len);

/* bare_xcall.c: NMI IPIs. */
const char *hv_bare_xcall_probe(void);
int hv_bare_xcall_init(void);
void hv_bare_xcall_fini(void);
int hv_bare_xcall(const struct cpumask *mask, void (*fn)(void *), void *arg);

/* bare_clock.c: the TSC. */
const char *hv_bare_clock_probe(void);
int hv_bare_clock_init(void);
u64 hv_bare_clock_ns(void);

#endif /* HV_BARE_BARE_H */
