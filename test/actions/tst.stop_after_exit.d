/* @@opts: -q */
tick-1ms
{
	n++;
}

tick-1ms
/n == 3/
{
	exit(0);
}

END
{
	printf("%d\n", n >= 3);
}
