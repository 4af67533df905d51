/* @@argv: -q -n 'BEGIN { @ = count(); exit(0); }' */
/* Runs dtrace with the arguments above. */
