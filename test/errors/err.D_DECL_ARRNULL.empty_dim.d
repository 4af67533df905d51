/* @@line: 2 */
string names[];
