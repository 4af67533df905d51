/* @@line: 2 */
struct nosuch x;
