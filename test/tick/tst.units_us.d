/* @@opts: -q */
tick-5000us
{
	printf("tick\n");
	exit(0);
}
