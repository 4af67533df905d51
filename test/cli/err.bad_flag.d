/* @@argv: -Y */
/* @@exit: 2 */
/* Runs dtrace with the arguments above. */
