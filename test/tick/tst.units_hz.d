/* @@opts: -q */
tick-100hz
{
	printf("tick\n");
	exit(0);
}
