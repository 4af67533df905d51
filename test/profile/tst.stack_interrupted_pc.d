/* @@requires: kernel */
/* @@opts: -q */
/*
 * A profile probe's stack begins at the interrupted kernel pc, arg0: the
 * first frame of stack() and %a of arg0 name the same place.  The check
 * (tst.stack_interrupted_pc.r.p) compares them for 20 samples of CPU 0
 * (one CPU: n is not shared between firings on several).
 */
profile-997
/cpu == 0 && arg0 != 0 && n < 20/
{
	n++;
	printf("%a%k", arg0, stack(1));
}

profile-997
/cpu == 0 && n == 20/
{
	exit(0);
}
