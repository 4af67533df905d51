/* @@line: 2 */
unsigned string s;
