// SPDX-License-Identifier: GPL-2.0
/*
 * The providers of the kernel host: profile (profile-N, tick-N),
 * syscall and fbt.  BEGIN, END and ERROR come with dtrace_core_init.
 * They are started in this order and stopped in the reverse one.
 */
#include "../../os.h"
#include "../../../providers/providers.h"
#include "../../../providers/syscall/syscall.h"
#include "../../../providers/fbt/fbt.h"

int dtrace_providers_init(void)
{
	int rv;

	rv = profile_provider_init();
	if (rv)
		return rv;
	rv = syscall_provider_init();
	if (rv)
		goto fail_syscall;
	rv = fbt_provider_init();
	if (rv)
		goto fail_fbt;
	return 0;

fail_fbt:
	syscall_provider_fini();
fail_syscall:
	profile_provider_fini();
	return rv;
}

int dtrace_providers_fini(void)
{
	int rv;

	rv = fbt_provider_fini();
	if (rv)
		return rv;
	rv = syscall_provider_fini();
	if (rv)
		return rv;
	return profile_provider_fini();
}
