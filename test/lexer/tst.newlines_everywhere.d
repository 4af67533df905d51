/* @@opts: -q */
BEGIN
{
	printf(
	    "%d\n"
	    ,
	    4
	    *
	    5
	);
	exit
	(
	0
	)
	;
}
