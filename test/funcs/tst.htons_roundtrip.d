/* @@opts: -q */
BEGIN
{
	printf("%d\n", ntohs(htons(8080)));
	exit(0);
}
