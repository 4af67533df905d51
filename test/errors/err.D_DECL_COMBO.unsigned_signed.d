/* @@line: 2 */
unsigned signed int y;
