/* @@opts: -q -Z */
nosuchprovider:::nosuchprobe
{
}

BEGIN
{
	printf("hello\n");
	exit(0);
}
