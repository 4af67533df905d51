/* @@opts: -q */
BEGIN
{
	printf("%d\n", strlen("\a\b\f\v\r"));
	exit(0);
}
