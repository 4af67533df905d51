/* @@line: 3 */
int n;
int a[n];
