/* @@line: 2 */
this int a[int];
