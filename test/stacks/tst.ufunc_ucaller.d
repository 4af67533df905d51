/* @@requires: user */
/* @@opts: -q */
/*
 * The user symbol actions on the user caller: ufunc() and usym() name
 * the function, umod() the object, uaddr() the address with its offset.
 */
BEGIN
{
	ufunc(ucaller);
	printf("|\n");
	usym(ucaller);
	printf("|\n");
	umod(ucaller);
	printf("|\n");
	uaddr(ucaller);
	printf("|\n");
	exit(0);
}
