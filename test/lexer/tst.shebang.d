/* @@opts: -q */
#!/usr/sbin/dtrace -qs
BEGIN
{
	printf("ok\n");
	exit(0);
}
