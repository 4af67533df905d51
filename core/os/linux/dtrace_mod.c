// SPDX-License-Identifier: GPL-2.0
/*
 * dtrace.ko: the hypervisor layer, the core, its providers and
 * /dev/dtrace/dtrace.
 *
 * Start-up order is bottom-up (hv, core, providers, then the device) so that
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
#include "../../../hv/hv.h"
#include "dtrace_mod.h"

/*
 * hv=auto|bare|xen: the hypervisor backend (hv/hv.h).  A backend that
 * does not fit the platform is refused at load with the reason.
 */
static char dtrace_mod_hv[8] = "auto";
module_param_string(hv, dtrace_mod_hv, sizeof(dtrace_mod_hv), 0444);
MODULE_PARM_DESC(hv, "hypervisor backend: auto (default), bare or xen");

static int __init dtrace_mod_init(void)
{
	int rv;

	os_linux_init();
	rv = hv_init(dtrace_mod_hv);
	if (rv)
		goto fail_os;
	rv = dtrace_core_init();
	if (rv) {
		pr_err("dtrace: core initialisation failed (%d)\n", rv);
		goto fail_hv;
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
fail_hv:
	hv_fini();
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
	hv_fini();
	os_linux_fini();
	os_linux_mem_fini();
}

module_init(dtrace_mod_init);
module_exit(dtrace_mod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("DTrace-compatible dynamic tracing: core, providers and /dev/dtrace/dtrace");
