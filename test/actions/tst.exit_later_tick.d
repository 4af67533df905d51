/* @@opts: -q */
BEGIN
{
	printf("begin\n");
}

tick-1ms
{
	exit(0);
}

END
{
	printf("end\n");
}
