/* @@opts: -q */
BEGIN
{
	printf("%d %d %d %d %d %d\n", "abc" == "abc", "abc" != "abd",
	    "abc" < "abd", "b" > "abc", "abc" <= "abc", "a" >= "b");
	exit(0);
}
