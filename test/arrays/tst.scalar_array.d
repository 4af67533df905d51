/* @@opts: -q */
int arr[5];

BEGIN
{
	arr[0] = 1;
	arr[4] = 5;
	printf("%d %d %d\n", arr[0], arr[2], arr[4]);
	exit(0);
}
