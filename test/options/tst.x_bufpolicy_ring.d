/* @@opts: -q -x bufpolicy=ring */
BEGIN
{
	printf("hello\n");
	exit(0);
}
