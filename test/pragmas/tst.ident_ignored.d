/* @@opts: -q */
#pragma ident "test"

BEGIN
{
	printf("hello\n");
	exit(0);
}
