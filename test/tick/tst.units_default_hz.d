/* @@opts: -q */
tick-200
{
	printf("tick\n");
	exit(0);
}
