/* @@opts: -q */
tick-1ms
/n++ == 5/
{
	printf("%d\n", n);
	exit(0);
}
