/* @@line: 2 */
int;
