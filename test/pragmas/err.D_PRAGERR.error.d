/* @@line: 2 */
#pragma D error "stop here"
