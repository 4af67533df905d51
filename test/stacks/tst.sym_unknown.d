/* @@opts: -q */
/*
 * Addresses in no module print in hex, in the field of 50 that the
 * symbol actions print in, even under -q, as DTrace does.
 */
BEGIN
{
	sym(0);
	printf("|\n");
	mod(16);
	printf("|\n");
	printf("%a|\n", 32);
	exit(0);
}
