/* @@opts: -q -x bufpolicy=sideways */
/* @@error: bufpolicy */
BEGIN
{
	printf("hello\n");
	exit(0);
}
