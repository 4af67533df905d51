/* @@error: nosuchoption */
#pragma D option nosuchoption

BEGIN
{
	printf("hello\n");
	exit(0);
}
