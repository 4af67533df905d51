/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PROVIDERS_SYSCALL_SYSCALL_H
#define PROVIDERS_SYSCALL_SYSCALL_H

/*
 * The syscall provider (kernel module only): syscall:vmlinux:NAME:entry
 * and :return for every native system call.  init registers it with the
 * core; fini unregisters it (-EBUSY while one of its probes is enabled)
 * and waits until no tracepoint callback of it is still running.
 */
int syscall_provider_init(void);
int syscall_provider_fini(void);

#endif /* PROVIDERS_SYSCALL_SYSCALL_H */
