/* @@opts: -q */
/* @@requires: kernel */
BEGIN
{
	printf("%d\n", sizeof (`int));
	exit(0);
}
