/* @@opts: -q -C */
#include "inc/dtest_values.h"

BEGIN
{
	printf("%d %s\n", INCLUDED_VALUE, INCLUDED_NAME);
	exit(0);
}
