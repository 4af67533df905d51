/* @@opts: -q -C -Iinc */
#include <dtest_values.h>

BEGIN
{
	printf("%d\n", INCLUDED_VALUE);
	exit(0);
}
