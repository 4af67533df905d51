/* @@opts: -q */
BEGIN
{
	this->a = (uint32_t *)alloca(sizeof (uint32_t));
	*this->a = htonl(0x0a000001);
	printf("%s\n", inet_ntop(2, this->a));
	exit(0);
}
