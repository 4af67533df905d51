/* @@opts: -q */
#pragma D option switchrate=10hz

BEGIN
{
	printf("hello\n");
	exit(0);
}
