/* @@opts: -C */
/* @@line: 8 */
#define A 1


BEGIN
{
	x = A +;
}
