/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HV_XEN_XEN_H
#define HV_XEN_XEN_H

/*
 * The Xen PV backend's raw paths, one file an op, gathered into the
 * backend's table by xen.c.  Every one of them asks Xen, by hypercall,
 * for what bare metal does with privileged instructions.
 */
#include "hv/hv.h"

/* xen_trap.c: the virtual IDT, set_trap_table. */
const char *hv_xen_trap_probe(void);
int hv_xen_trap_install(void);
void hv_xen_trap_remove(void);
int hv_xen_trap_describe(int vector, char *buf, size_t size);

/*
 * xen_trap_entry.S: the entry stubs registered for int3 and debug, the
 * C half of the debug one, and the kernel addresses the stubs leave to
 * (set by hv_xen_trap_probe).
 */
void hv_xen_trap_int3_entry(void);
void hv_xen_trap_debug_entry(void);
bool hv_xen_trap_debug(struct pt_regs *regs);
extern unsigned long hv_xen_trap_iret;
extern unsigned long hv_xen_trap_kernel_int3;
extern unsigned long hv_xen_trap_kernel_debug;

/* xen_text.c: update_va_mapping of the text page's PTE. */
const char *hv_xen_text_probe(void);
int hv_xen_text_write(void *addr, const void *src, size_t len);

/* xen_xcall.c: loopback event channels, one per vCPU. */
int hv_xen_xcall_init(void);
void hv_xen_xcall_fini(void);
int hv_xen_xcall(const struct cpumask *mask, void (*fn)(void *), void *arg);

/* xen_clock.c: pvclock arithmetic over each vCPU's vcpu_info time. */
const char *hv_xen_clock_probe(void);
u64 hv_xen_clock_ns(void);

#endif /* HV_XEN_XEN_H */
