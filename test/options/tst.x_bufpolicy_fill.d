/* @@opts: -q -x bufpolicy=fill */
BEGIN
{
	printf("hello\n");
	exit(0);
}
