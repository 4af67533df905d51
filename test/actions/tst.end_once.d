/* @@opts: -q */
BEGIN
{
	exit(0);
}

END
{
	n++;
	printf("end %d\n", n);
}
