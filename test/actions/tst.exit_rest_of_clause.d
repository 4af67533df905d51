/* @@opts: -q */
BEGIN
{
	exit(0);
	printf("still in clause\n");
}
