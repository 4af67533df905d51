/* @@opts: -q */
BEGIN
{
	printf("%s\n", strtok("one two  three", " "));
	printf("%s\n", strtok(NULL, " "));
	printf("%s\n", strtok(NULL, " "));
	exit(0);
}
