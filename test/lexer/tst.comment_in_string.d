/* @@opts: -q */
BEGIN
{
	printf("/* not a comment */\n");
	exit(0);
}
