/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PROVIDERS_PROVIDERS_H
#define PROVIDERS_PROVIDERS_H

/*
 * Provider entry points.  Each init registers its provider with the core
 * (dtrace_register) and returns 0 or a negative errno; each fini
 * unregisters it and returns -EBUSY while one of its probes is enabled.
 *
 * The dtrace provider (BEGIN, END, ERROR) is registered by
 * dtrace_core_init itself.  dtrace_providers_init starts every other
 * provider the host has (the user host: profile; the kernel module adds
 * syscall, fbt, sdt, ...) and is implemented by each host.
 */

int dtrace_provider_init(void);
int dtrace_provider_fini(void);

int profile_provider_init(void);
int profile_provider_fini(void);

int dtrace_providers_init(void);
int dtrace_providers_fini(void);

#endif /* PROVIDERS_PROVIDERS_H */
