/* @@line: 2 */
static int x;
