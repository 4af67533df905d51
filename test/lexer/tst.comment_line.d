/* @@opts: -q */
// a C++ comment
BEGIN
{
	printf("ok\n");	// trailing
	exit(0);
}
