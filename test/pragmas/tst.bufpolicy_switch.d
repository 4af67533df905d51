/* @@opts: -q */
#pragma D option bufpolicy=switch

BEGIN
{
	printf("hello\n");
	exit(0);
}
