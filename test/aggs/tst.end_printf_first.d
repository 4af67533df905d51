/* @@opts: -q */
BEGIN
{
	@ = sum(9);
	exit(0);
}

END
{
	printf("end\n");
}
