/* @@line: 2 */
long string s;
