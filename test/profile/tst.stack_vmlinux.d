/* @@requires: kernel */
/* @@opts: -q */
/*
 * profile-997 { @[stack()] = count(); } for the samples taken in the
 * kernel: every stack is a list of kernel functions, vmlinux`name+0xoff
 * for the kernel proper, module`name+0xoff for a module.  Which
 * functions were sampled varies: the check (tst.stack_vmlinux.r.p) says
 * whether there were stacks, whether their first frames all had symbols
 * and whether vmlinux frames were among them.
 */
profile-997
/arg0 != 0/
{
	@[stack()] = count();
}

tick-1s
{
	exit(0);
}
