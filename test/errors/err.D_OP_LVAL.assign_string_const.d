/* @@line: 4 */
BEGIN
{
	"abc" = "def";
}
