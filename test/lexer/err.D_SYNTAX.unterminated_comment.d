BEGIN
{
	/* no end
	exit(0);
}
