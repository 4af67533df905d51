/* @@argv: -l -P dtrace */
/* Runs dtrace with the arguments above. */
