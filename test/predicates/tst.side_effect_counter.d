/* @@opts: -q */
tick-1ms
/++n == 4/
{
	printf("fourth\n");
	exit(0);
}
