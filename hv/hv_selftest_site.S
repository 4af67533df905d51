/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The self-test's breakpoint target (hv_selftest.c).
 *
 * hv_selftest_site is the first instruction of hv_selftest_target after
 * its ENDBR64 landing pad (present on kernels built with IBT): a 5-byte
 * NOP, the kind of instruction a tracer plants a breakpoint on.  A 1-byte
 * NOP follows at hv_selftest_site + 5, so that a single step out of the
 * emulated NOP traps at a known address, hv_selftest_site + 6, before the
 * return.
 */
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <linux/version.h>

/* RET (return thunks) appeared in 5.17; before it a plain ret. */
#ifndef RET
#define RET	ret
#endif

/*
 * The addresses of the site and of the two instructions after it are
 * taken (to plant on, to emulate, to check the single step), but nothing
 * calls them: objtool's IBT check (5.18+) is told they need no ENDBR64.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 18, 0)
.macro ANNOTATE_NOENDBR
.endm
#endif

	.text
SYM_FUNC_START(hv_selftest_target)
SYM_INNER_LABEL(hv_selftest_site, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	.byte	0x0f, 0x1f, 0x44, 0x00, 0x00	/* nopl 0x0(%rax,%rax,1) */
	ANNOTATE_NOENDBR
	nop
	ANNOTATE_NOENDBR
	RET
SYM_FUNC_END(hv_selftest_target)
