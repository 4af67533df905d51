/* @@argv: -q -s ../macros/tst.two_args.d 8 baz */
/* Runs dtrace with the arguments above. */
