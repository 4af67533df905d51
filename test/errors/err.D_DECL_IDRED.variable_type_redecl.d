/* @@line: 3 */
int x;
string x;
