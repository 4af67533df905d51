/* @@opts: -q */
tick-1ms
{
	n++;
}

tick-1ms
/n == 3/
{
	printf("%d\n", n);
	exit(0);
}
