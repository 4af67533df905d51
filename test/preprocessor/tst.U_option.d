/* @@opts: -q -C -DGONE -UGONE */
#ifdef GONE
BEGIN
{
	printf("defined\n");
	exit(0);
}
#else
BEGIN
{
	printf("undefined\n");
	exit(0);
}
#endif
