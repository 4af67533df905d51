/* @@opts: -q */
/* a comment before the clause */
BEGIN /* inside the description */
{
	/*
	 * a multi-line comment
	 */
	printf("ok\n");	/* after a statement */
	exit(0);
}
