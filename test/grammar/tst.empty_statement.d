/* @@opts: -q */
BEGIN
{
	;
	;
	printf("ok\n");
	exit(0);
}
