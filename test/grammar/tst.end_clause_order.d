/* @@opts: -q */
END
{
	printf("end 1\n");
}

END
{
	printf("end 2\n");
}

BEGIN
{
	exit(0);
}
