/* @@opts: -q -C */
#if 2 * 3 == 6
BEGIN
{
	printf("six\n");
	exit(0);
}
#endif
