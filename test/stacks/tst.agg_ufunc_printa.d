/* @@requires: user */
/* @@opts: -q */
/* printa prints ufunc() keys with %A, and ustack() keys with %k. */
BEGIN
{
	@f[ufunc(ucaller)] = count();
	@u[ustack(2)] = count();
	exit(0);
}

END
{
	printa("%A %@d\n", @f);
	printa("%k%@d\n", @u);
}
