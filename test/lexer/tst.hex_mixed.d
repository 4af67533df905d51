/* @@opts: -q */
BEGIN
{
	printf("%x\n", 0xDeadBeef);
	exit(0);
}
