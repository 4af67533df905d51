/* @@line: 2 */
int char x;
