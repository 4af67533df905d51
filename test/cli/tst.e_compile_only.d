/* @@argv: -e -n 'BEGIN { printf("never\n"); }' */
/* Runs dtrace with the arguments above. */
