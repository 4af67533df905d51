/* @@argv: -n 'nosuch:::probe' */
/* @@error: does not match any probes */
/* Runs dtrace with the arguments above. */
