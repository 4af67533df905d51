/* @@opts: -q */
/* @@args: 5 bar */
BEGIN
{
	printf("%d %s\n", $1, $$2);
	exit(0);
}
