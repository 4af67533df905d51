/* @@opts: -q -x switchrate=100hz -x aggrate=100hz -x statusrate=10hz */
BEGIN
{
	printf("hello\n");
	exit(0);
}
