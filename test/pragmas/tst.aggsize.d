/* @@opts: -q */
#pragma D option aggsize=1m

BEGIN
{
	@ = count();
	exit(0);
}
