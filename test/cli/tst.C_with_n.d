/* @@argv: -q -C -D VAL=3 -n 'BEGIN { printf("%d\n", VAL); exit(0); }' */
/* Runs dtrace with the arguments above. */
