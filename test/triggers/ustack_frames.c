// SPDX-License-Identifier: GPL-2.0
/*
 * ustack_frames
 *
 * Makes one getppid system call from the innermost of three functions
 * written in assembly, so that the user stack at syscall::getppid:entry
 * is known to the byte whatever the compiler:
 *
 *	ustack_frames`ustack_leaf+0x7		after its syscall; no frame
 *						of its own, as libc's system
 *						call wrappers
 *	ustack_frames`ustack_middle+0x9		after its call, frame pointer
 *	ustack_frames`ustack_outer+0x9		after its call, frame pointer
 *	ustack_frames`main+...
 *
 * Then it waits in pause() until a signal ends it, so that dtrace can
 * read its mappings and symbols while it still runs (a test kills it when
 * it is done); alarm() ends it after a minute if no one does.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trigger.h"

long ustack_outer(void);

/* push %rbp: 1 byte; mov %rsp,%rbp: 3; call: 5; mov $n,%eax: 5. */
__asm__(
	"	.text\n"
	"	.globl	ustack_leaf\n"
	"	.type	ustack_leaf, @function\n"
	"ustack_leaf:\n"
	"	movl	$" TRIGGER_STR(SYS_getppid) ", %eax\n"
	"	syscall\n"
	"	ret\n"
	"	.size	ustack_leaf, . - ustack_leaf\n"
	"	.globl	ustack_middle\n"
	"	.type	ustack_middle, @function\n"
	"ustack_middle:\n"
	"	pushq	%rbp\n"
	"	movq	%rsp, %rbp\n"
	"	call	ustack_leaf\n"
	"	popq	%rbp\n"
	"	ret\n"
	"	.size	ustack_middle, . - ustack_middle\n"
	"	.globl	ustack_outer\n"
	"	.type	ustack_outer, @function\n"
	"ustack_outer:\n"
	"	pushq	%rbp\n"
	"	movq	%rsp, %rbp\n"
	"	call	ustack_middle\n"
	"	popq	%rbp\n"
	"	ret\n"
	"	.size	ustack_outer, . - ustack_outer\n");

int main(int argc, char **argv)
{
	if (argc != 1)
		trigger_usage("ustack_frames");
	alarm(60);
	ustack_outer();
	return trigger_wait_for_signal();
}
