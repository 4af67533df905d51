// SPDX-License-Identifier: GPL-2.0
/*
 * dtrace.ko: the core, its providers and /dev/dtrace/dtrace.
 *
 * Start-up order is bottom-up (core, providers, then the device) so that
 * no consumer can open the device before everything under it is ready;
 * exit is the reverse.  At exit no file is open (the device's owner is
 * this module), hence no consumer state and no enabled probe: the finis
 * cannot be busy, and if one still says so that is a bug worth a loud
 * message, not a reason to leave the module half-unloaded.  Last of all
 * the memory account must be back to zero (os_linux_mem.c), or the exit
 * says how much leaked.
 */
#include <linux/module.h>
#include <linux/init.h>

#include "../../dtrace_core.h"
#include "../../../providers/providers.h"
#include "dtrace_mod.h"

static int __init dtrace_mod_init(void)
{
	int rv;

	os_linux_init();
	os_linux_hv_init();
	rv = dtrace_core_init();
	if (rv) {
		pr_err("dtrace: core initialisation failed (%d)\n", rv);
		goto fail_os;
	}
	rv = dtrace_providers_init();
	if (rv) {
		pr_err("dtrace: provider initialisation failed (%d)\n", rv);
		goto fail_core;
	}
	rv = dtrace_dev_init();
	if (rv) {
		pr_err("dtrace: cannot register /dev/dtrace/dtrace (%d)\n", rv);
		goto fail_providers;
	}
	return 0;

fail_providers:
	dtrace_providers_fini();
fail_core:
	dtrace_core_fini();
fail_os:
	os_linux_fini();
	os_linux_mem_fini();
	return rv;
}

static void __exit dtrace_mod_exit(void)
{
	int rv;

	dtrace_dev_fini();
	rv = dtrace_providers_fini();
	if (rv)
		pr_err("dtrace: providers still busy at unload (%d)\n", rv);
	rv = dtrace_core_fini();
	if (rv)
		pr_err("dtrace: core still busy at unload (%d)\n", rv);
	os_linux_fini();
	os_linux_mem_fini();
}

module_init(dtrace_mod_init);
module_exit(dtrace_mod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("DTrace-compatible dynamic tracing: core, providers and /dev/dtrace/dtrace");
