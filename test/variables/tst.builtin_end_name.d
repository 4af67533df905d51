/* @@opts: -q */
BEGIN
{
	exit(0);
}

END
{
	printf("%s\n", probename);
}
