/* @@argv: -s ./no-such-file.d */
/* @@error: no-such-file.d */
/* Runs dtrace with the arguments above. */
