#!/bin/sh
# tst.stack_interrupted_pc.d prints, per sample, %a of arg0 on one line and
# the first frame of stack() on the next: count the pairs that differ.
exec awk '
NR % 2 == 1	{ pc = $0; next }
		{ n++; if ($0 != pc) differ++ }
END		{ print n " samples"
		  print differ ? differ " first frames are not arg0" : \
			"first frames are arg0" }'
