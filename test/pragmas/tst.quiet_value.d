#pragma D option quiet=1

BEGIN
{
	printf("hello\n");
	exit(0);
}
