/* @@requires: user */
/* @@opts: -q */
/* %a and %A print an address as its symbol, with the offset. */
BEGIN
{
	printf("%a|%A|%-30A|\n", caller, ucaller, ucaller);
	exit(0);
}
