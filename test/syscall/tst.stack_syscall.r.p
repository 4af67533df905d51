#!/bin/sh
# The stacks of tst.stack_syscall.d reduced to what every kernel shares:
# for each stack its outermost frame (without the offset) and its count,
# then whether any frame was dtrace's own.
exec awk '
/^ +[0-9]+$/	{ print last; print $1; next }
/`/		{ last = $1; sub(/\+0x[0-9a-f]+$/, "", last)
		  if (last ~ /^dtrace`/) own = 1 }
END		{ print own ? "dtrace frames" : "no dtrace frames" }'
