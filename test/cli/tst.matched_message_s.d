/* @@error: dtrace: script 'tst.matched_message_s.d' matched 2 probes */

BEGIN
{
	exit(0);
}

END
{
}
