/* @@opts: -q */
BEGIN
{
	this->b = (uint8_t *)alloca(16);
	this->b[0] = 0xfe;
	this->b[1] = 0x80;
	this->b[2] = 0x00;
	this->b[3] = 0x00;
	this->b[4] = 0x00;
	this->b[5] = 0x00;
	this->b[6] = 0x00;
	this->b[7] = 0x00;
	this->b[8] = 0x00;
	this->b[9] = 0x00;
	this->b[10] = 0x00;
	this->b[11] = 0x00;
	this->b[12] = 0x00;
	this->b[13] = 0x00;
	this->b[14] = 0x00;
	this->b[15] = 0x01;
	printf("%s\n", inet_ntoa6((void *)this->b));
	exit(0);
}
