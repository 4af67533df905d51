/* @@opts: -q */
BEGIN
{
	printf("%llx\n", htonll(0x0102030405060708ULL));
	exit(0);
}
