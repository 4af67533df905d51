/* @@opts: -q */
BEGIN
{
	@ = count();
	printf("before exit\n");
	exit(0);
}
