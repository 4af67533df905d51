/* @@opts: -q */
BEGIN
/probename == "BEGIN"/
{
	printf("matched\n");
	exit(0);
}
