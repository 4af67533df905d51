/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * The user stack of a system call, frame by frame: the trigger makes its
 * getppid call from three functions written in assembly, so the frames
 * and their offsets are known to the byte (test/triggers/ustack_frames.c):
 * the leaf has no frame of its own (as libc's system call wrappers), its
 * callers keep frame pointers.  ucaller is the second frame.
 *
 * The trigger then waits in pause() so that its symbols can be read;
 * END prints, then kills it.
 */
BEGIN
{
	system("../../build/triggers/ustack_frames &");
}

syscall::getppid:entry
/execname == "ustack_frames"/
{
	@[ustack(3)] = count();
	ufunc(ucaller);
	printf("|\n");
	umod(ucaller);
	printf("|\n");
	printf("%A|\n", ucaller);
}

syscall::pause:entry
/execname == "ustack_frames"/
{
	target = pid;
	exit(0);
}

END
{
	printa(@);
	system("kill %d", target);
}
