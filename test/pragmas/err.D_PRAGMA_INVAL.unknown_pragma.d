/* @@line: 2 */
#pragma D nosuchpragma
