/* @@line: 2 */
int a[];
