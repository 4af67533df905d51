/* @@argv: -x quiet -n 'BEGIN { exit(0); }' */
/* @@stderr: empty.err */
/* -x quiet, like -q, suppresses dtrace(1)'s notices. */
