/* @@opts: -q */
BEGIN
{
	printf("plain text\n");
	exit(0);
}
