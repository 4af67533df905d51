// SPDX-License-Identifier: GPL-2.0
/*
 * The providers of the kernel host: profile (profile-N, tick-N) and
 * syscall.  BEGIN, END and ERROR come with dtrace_core_init.  They are
 * started in this order and stopped in the reverse one.
 */
#include "../../os.h"
#include "../../../providers/providers.h"
#include "../../../providers/syscall/syscall.h"

int dtrace_providers_init(void)
{
	int rv;

	rv = profile_provider_init();
	if (rv)
		return rv;
	rv = syscall_provider_init();
	if (rv)
		profile_provider_fini();
	return rv;
}

int dtrace_providers_fini(void)
{
	int rv;

	rv = syscall_provider_fini();
	if (rv)
		return rv;
	return profile_provider_fini();
}
