/* @@line: 2 */
short char c;
