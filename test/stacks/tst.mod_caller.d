/* @@opts: -q */
/*
 * mod() names the module of an address: BEGIN was called from the
 * dtrace module (or program).  Module keys of one module are one key.
 */
BEGIN
{
	mod(caller);
	@[mod(caller)] = count();
	@[mod(caller + 1)] = count();
	exit(0);
}
