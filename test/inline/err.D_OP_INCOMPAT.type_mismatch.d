/* @@line: 2 */
inline int X = "str";
