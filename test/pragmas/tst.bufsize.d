/* @@opts: -q */
#pragma D option bufsize=64k

BEGIN
{
	printf("hello\n");
	exit(0);
}
