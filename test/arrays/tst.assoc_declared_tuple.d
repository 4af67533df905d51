/* @@opts: -q */
string names[int, string];

BEGIN
{
	names[1, "a"] = "one-a";
	printf("%s\n", names[1, "a"]);
	exit(0);
}
