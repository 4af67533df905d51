/* @@opts: -q */
BEGIN
{
	printf("%x\n", htonl(0x12345678));
	exit(0);
}
