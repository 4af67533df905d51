/* @@argv: -n 'BEGIN { printf("q\n"); exit(0); }' -q */
/* Runs dtrace with the arguments above. */
