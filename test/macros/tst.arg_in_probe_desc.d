/* @@opts: -q */
/* @@args: 10 */
tick-$1ms
{
	printf("%s\n", probename);
	exit(0);
}
