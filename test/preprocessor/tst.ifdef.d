/* @@opts: -q -C */
#ifdef DEBUG
BEGIN
{
	printf("debug\n");
	exit(0);
}
#else
BEGIN
{
	printf("release\n");
	exit(0);
}
#endif
