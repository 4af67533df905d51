/* @@opts: -q */
BEGIN
{
	printf("%x\n", ntohs(0xabcd));
	exit(0);
}
