/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * read:entry sees the byte count in arg2 and read:return the bytes read
 * in arg0: the trigger reads 4000 bytes from /dev/zero three times (the
 * C runtime's own reads are of other sizes).
 */
BEGIN
{
	system("../../build/triggers/read_bytes /dev/zero 4000 3");
}

syscall::read:entry
/execname == "read_bytes" && arg2 == 4000/
{
	self->size = arg2;
}

syscall::read:return
/self->size/
{
	printf("asked %d, got %d\n", self->size, arg0);
	self->size = 0;
}

syscall::exit_group:entry
/execname == "read_bytes"/
{
	exit(0);
}
