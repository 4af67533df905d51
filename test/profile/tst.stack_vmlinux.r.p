#!/bin/sh
# The stacks of tst.stack_vmlinux.d reduced to what holds on every machine:
# there are stacks, the first frame of each (the interrupted function) has
# a symbol (module`name+0xoff), and kernel proper frames are vmlinux`.
exec awk '
/^$/		{ first = 1; next }
/^ +[0-9]+$/	{ stacks++; next }
		{ if (first && $1 !~ /^[A-Za-z0-9_]+`[A-Za-z0-9_.]+(\+0x[0-9a-f]+)?$/)
			bad++
		  first = 0
		  if ($1 ~ /^vmlinux`[A-Za-z0-9_.]+/)
			vmlinux++ }
END		{ print stacks ? "stacks" : "no stacks"
		  print bad ? "first frames without a symbol" : \
			"first frames with a symbol"
		  print vmlinux ? "vmlinux frames" : "no vmlinux frames" }'
