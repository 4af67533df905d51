/* @@line: 3 */
BEGIN
x = 1;
