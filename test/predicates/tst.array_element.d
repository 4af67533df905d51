/* @@opts: -q */
BEGIN
{
	seen["x"] = 1;
}

BEGIN
/seen["x"]/
{
	printf("seen x\n");
}

BEGIN
/seen["y"]/
{
	printf("seen y\n");
}

BEGIN
{
	exit(0);
}
