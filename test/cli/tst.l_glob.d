/* @@argv: -l -n 'dtrace:::E*' */
/* Runs dtrace with the arguments above. */
