/* @@argv: -q -n 'BEGIN { printf("hi\n"); exit(0); }' */
/* Runs dtrace with the arguments above. */
