/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_OS_LINUX_DTRACE_MOD_H
#define CORE_OS_LINUX_DTRACE_MOD_H

/* The module's parts, as dtrace_mod.c starts and stops them. */

/* /dev/dtrace/dtrace (dtrace_dev.c). */
int dtrace_dev_init(void);
void dtrace_dev_fini(void);

/*
 * The account of the module's memory (os_linux_mem.c): reports a leak,
 * loudly, when anything is still allocated.  Called last at unload.
 */
void os_linux_mem_fini(void);

#endif /* CORE_OS_LINUX_DTRACE_MOD_H */
