/* @@opts: -q */
BEGIN
{
	printf("%s\n", basename("/usr/lib/libc.so.6"));
	exit(0);
}
