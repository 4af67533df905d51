/* @@opts: -q */
/*
 * printa with %k: the frames of the key, indented by the width of a
 * left-aligned %-Nk, then the rest of the format.
 */
BEGIN
{
	@s[stack(1)] = count();
	exit(0);
}

END
{
	printa("%k", @s);
	printa("%-4k%@d\n", @s);
}
