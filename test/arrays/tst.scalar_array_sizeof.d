/* @@opts: -q */
int arr[5];

BEGIN
{
	printf("%d\n", sizeof (arr));
	exit(0);
}
