/* @@argv: -n 'BEGIN { x = ; }' */
/* @@error: syntax error */
/* Runs dtrace with the arguments above. */
