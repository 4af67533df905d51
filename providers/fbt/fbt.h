/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PROVIDERS_FBT_FBT_H
#define PROVIDERS_FBT_FBT_H

/*
 * The fbt provider (kernel module only): fbt:MODULE:FUNC:entry and
 * :return for every function ftrace can trace.  init registers it with
 * the core (or leaves it out, with the reason in the kernel log, on a
 * kernel that lacks what it needs); fini unregisters it (-EBUSY while one
 * of its probes is enabled).
 */
int fbt_provider_init(void);
int fbt_provider_fini(void);

#endif /* PROVIDERS_FBT_FBT_H */
