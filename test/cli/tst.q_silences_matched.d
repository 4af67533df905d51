/* @@argv: -q -n 'BEGIN { exit(0); }' */
/* @@stderr: empty.err */
/* Runs dtrace with the arguments above. */
