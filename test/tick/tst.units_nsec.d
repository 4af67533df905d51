/* @@opts: -q */
tick-5000000nsec
{
	printf("tick\n");
	exit(0);
}
