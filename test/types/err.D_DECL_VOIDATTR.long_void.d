/* @@line: 2 */
long void *p;
