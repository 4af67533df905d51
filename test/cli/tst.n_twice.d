/* @@argv: -q -n 'BEGIN { printf("a\n"); }' -n 'BEGIN { exit(0); }' */
/* Runs dtrace with the arguments above. */
