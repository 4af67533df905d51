/* @@requires: kernel */
/* @@opts: -q -w */
/*
 * A profile probe that interrupted user mode (arg0 == 0) has an empty
 * kernel stack: all those samples are one key, printed as a bare
 * newline.  A spinning process makes sure there are some.
 */
BEGIN
{
	system("../../build/triggers/cpu_spin 1500 &");
}

profile-997
/arg0 == 0 && arg1 != 0/
{
	@[stack()] = max(1);
}

tick-2s
{
	exit(0);
}
