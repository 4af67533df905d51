/* @@opts: -q */
#pragma D option bufpolicy=ring

BEGIN
{
	printf("hello\n");
	exit(0);
}
