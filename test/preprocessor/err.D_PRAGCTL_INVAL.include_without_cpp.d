/* @@line: 2 */
#include "inc/dtest_values.h"
