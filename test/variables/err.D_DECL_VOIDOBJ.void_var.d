/* @@line: 2 */
void v;
