/* @@opts: -q */
profile:::tick-1ms
{
	printf("%s\n", probename);
	exit(0);
}
