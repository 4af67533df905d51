/* @@opts: -q */
profile-997
/n++ == 3/
{
	printf("profile\n");
	exit(0);
}
