/* @@opts: -q */
/* @@args: "two words" */
BEGIN
{
	printf("[%s]\n", $$1);
	exit(0);
}
