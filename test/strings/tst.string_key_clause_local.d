/* @@opts: -q */
BEGIN
{
	this->s = strjoin("this", "->s");
	printf("%s\n", this->s);
	exit(0);
}
