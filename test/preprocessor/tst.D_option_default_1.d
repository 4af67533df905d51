/* @@opts: -q -C -DFLAG */
#if FLAG == 1
BEGIN
{
	printf("flag\n");
	exit(0);
}
#endif
