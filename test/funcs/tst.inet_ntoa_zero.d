/* @@opts: -q */
BEGIN
{
	this->a = (uint32_t *)alloca(sizeof (uint32_t));
	*this->a = 0;
	printf("%s\n", inet_ntoa(this->a));
	exit(0);
}
