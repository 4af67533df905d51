/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HV_HV_IMPL_H
#define HV_HV_IMPL_H

/*
 * Inside the hypervisor layer: what its own files share.  Core and the
 * providers see only hv.h.
 */
#include "hv/hv.h"

/* hv_detect.c: what the kernel runs on, and Xen's version there. */
const char *hv_detect_platform(void);
void hv_detect_xen_version(char *buf, size_t size);

/*
 * hv.c: one path of the chosen backend, and the operations the self-test
 * needs on a path that may not be the active one.
 *
 * hv_text_write_path writes through that path and then serialises every
 * CPU (through the active xcall path), so no CPU keeps executing the old
 * bytes from its pipeline; hv_text_write is this on the active path.
 *
 * hv_trap_hold installs a trap path if it is not installed yet and
 * hv_trap_release removes it again if hv_trap_hold installed it; the
 * active path stays installed from hv_init to hv_fini.
 */
const struct hv_path_ops *hv_path_ops(enum hv_op op, enum hv_path path);
int hv_text_write_path(enum hv_path path, void *addr, const void *src,
		       size_t len);
int hv_trap_hold(enum hv_path path);
void hv_trap_release(enum hv_path path);

/*
 * hv_ksym.c: addresses of kernel symbols that are not exported to
 * modules.  hv_ksym_lookup returns 0 when the symbol cannot be found,
 * with *why saying why kallsyms itself is out of reach, or NULL when the
 * symbol is simply not there; hv_ksym_call_why_not says whether a function found that way
 * may be called through a pointer (NULL) or why not (an IBT-enforcing CPU
 * and a function whose landing pad the kernel sealed).
 */
unsigned long hv_ksym_lookup(const char *name, const char **why);
const char *hv_ksym_call_why_not(unsigned long addr);

/* hv_proc.c: /proc/dtrace/hv and /proc/dtrace/hv-selftest. */
int hv_proc_init(void);
void hv_proc_fini(void);

/*
 * hv_selftest_site.S: the self-test's breakpoint target.  Calling
 * hv_selftest_target executes hv_selftest_site, a 5-byte NOP, then a
 * 1-byte NOP (hv_selftest_site + 5), then returns.
 */
#define HV_SELFTEST_SITE_LEN	5
void hv_selftest_target(void);
extern const u8 hv_selftest_site[];

#endif /* HV_HV_IMPL_H */
