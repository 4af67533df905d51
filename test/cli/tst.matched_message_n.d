/* @@argv: -n 'BEGIN { exit(0); }' */
/* @@error: dtrace: description 'BEGIN ' matched 1 probe */
/* Runs dtrace with the arguments above: not quiet, so the notice shows. */
