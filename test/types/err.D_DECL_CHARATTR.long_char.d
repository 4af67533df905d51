/* @@line: 2 */
long char c;
