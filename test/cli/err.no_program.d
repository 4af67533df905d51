/* @@argv:  */
/* Runs dtrace with the arguments above. */
