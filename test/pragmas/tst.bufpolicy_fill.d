/* @@opts: -q */
#pragma D option bufpolicy=fill

BEGIN
{
	printf("hello\n");
	exit(0);
}
