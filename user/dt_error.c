// SPDX-License-Identifier: GPL-2.0
/*
 * The handle's error message: every libdtrace call that fails leaves one
 * sentence here saying what failed and, where we know, what to do.
 * dtrace(1) prefixes it with its own context ("failed to compile script
 * F: ", "invalid probe specifier D: ").
 */
#include <stdarg.h>
#include <stdio.h>

#include "dt_consumer.h"

int dt_set_errmsg(dtrace_hdl_t *dtp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dtp->errmsg, sizeof(dtp->errmsg), fmt, ap);
	va_end(ap);
	return -1;
}

const char *dtrace_errmsg(const dtrace_hdl_t *dtp)
{
	return dtp->errmsg;
}
