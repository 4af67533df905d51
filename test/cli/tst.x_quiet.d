/* @@argv: -x quiet -n 'BEGIN { printf("x\n"); exit(0); }' */
/* Runs dtrace with the arguments above. */
