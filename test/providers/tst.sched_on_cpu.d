/* @@opts: -q */
/* @@requires: kernel sched */
sched:::on-cpu
{
	seen = 1;
}

tick-100ms
{
	exit(0);
}

END
{
	printf("%d\n", seen);
}
