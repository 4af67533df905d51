// SPDX-License-Identifier: GPL-2.0
/*
 * The providers of the user-space host: profile (profile-N, tick-N).
 * BEGIN, END and ERROR come with dtrace_core_init.  Probes that need a
 * kernel (syscall, fbt, sdt, pid) exist only in the module.
 */
#include "core/os.h"
#include "providers/providers.h"

int dtrace_providers_init(void)
{
	return profile_provider_init();
}

int dtrace_providers_fini(void)
{
	return profile_provider_fini();
}
