/* @@argv: -q -n 'BEGIN /1 == 1/ { printf("p\n"); exit(0); }' */
/* Runs dtrace with the arguments above. */
