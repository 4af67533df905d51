/* @@argv: -q -n 'BEGIN { exit(2); }' */
/* @@exit: 2 */
/* Runs dtrace with the arguments above. */
