/* @@argv: -l -n BEGIN */
/* Runs dtrace with the arguments above. */
