/* @@opts: -q */
BEGIN
{
	names[1] = "one";
	printf("[%s]\n", names[9]);
	exit(0);
}
