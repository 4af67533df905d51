/* @@opts: -q */
tick-1ms
{
	printf("%s:%s:%s\n", probeprov, probefunc, probename);
	exit(0);
}
