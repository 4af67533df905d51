/* Included by tst.include.d and tst.I_option.d. */
#define INCLUDED_VALUE 7
#define INCLUDED_NAME "from-header"
