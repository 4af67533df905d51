# shellcheck shell=bash
#
# What the guest stress scripts (test/stress/load-unload, test/stress/kill9)
# share: their command line, loading and unloading dtrace.ko with checks,
# the module's memory account, the kernel log, and the closing summary.
# Sourced, never run.
#
# The scripts run as root inside a vmtest guest (or any machine that can
# load modules), from the repository root, with build/dtrace and
# build/triggers built.  Every check that fails prints one line starting
# "FAIL" that says what was expected and what happened; the summary line
# at the end counts cycles and failures, and the exit status is non-zero
# when anything failed.
#
# KERNEL TEXT.  Before the first cycle the kernel's text is saved
# (test/stress/kernel-text); after every rmmod it must be the same, byte
# for byte: whatever dtrace patched while it traced (the syscall
# tracepoints' static keys, fbt's probe points) is back.  A kernel that
# does not let us read its text (no /proc/kcore) skips that check, and
# the summary says so.
#
# THE MEMORY ACCOUNT.  dtrace.ko counts what it has allocated and not
# freed in /sys/module/dtrace/parameters/alloc_count and alloc_bytes
# (core/os/linux/os_linux_mem.c).  Right after insmod they hold the load
# value; after a consumer has come and gone they hold the idle value,
# which adds the probes that consumer made the providers create.  The
# same program always creates the same probes, so a program's idle value
# is the same in every cycle that reloads the module, and a consumer that
# ends in any way (exit, kill -9) must leave exactly that behind.  At
# rmmod the module itself reports what it still holds, in a kernel-log
# line "dtrace: leak at unload: ...", which fails the cycle here and the
# cell in vmtest.

STRESS_MOD=dtrace
STRESS_PARAMS=/sys/module/$STRESS_MOD/parameters
STRESS_DTRACE=${DTRACE:-build/dtrace}
STRESS_TRIGGERS=${TRIGGERS:-build/triggers}

stress_failures=0
stress_klog_mark=0
stress_text=	# the saved kernel text, or empty: not checked
stress_text_why=

# Scratch space, removed at exit; a script that starts processes defines
# stress_on_exit to stop them.
STRESS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/stress.XXXXXX") || exit 1
stress_exit() {
	declare -F stress_on_exit >/dev/null && stress_on_exit
	rm -rf "$STRESS_TMP"
}
trap stress_exit EXIT

fail() {
	echo "FAIL $stress_name: $*"
	stress_failures=$((stress_failures + 1))
}

# Stop at once: what follows cannot run (a module that does not load).
# shellcheck disable=SC2119
die() {
	fail "$*"
	stress_summary
	exit 1
}

# stress_args NAME USAGE "$@": parse [--cycles N] MODULE.ko into
# $stress_cycles and $stress_ko (NAME's default cycle count is in
# $stress_cycles already), go to the repository root and check what the
# script needs: root, the module, build/dtrace.
stress_args() {
	stress_name=$1 usage=$2
	shift 2
	while [ $# -gt 0 ]; do
		case $1 in
		--cycles)
			stress_cycles=${2:-}
			shift 2 ;;
		-h|--help)
			echo "usage: $usage"
			exit 0 ;;
		-*)
			echo "$stress_name: unknown option '$1'" >&2
			echo "usage: $usage" >&2
			exit 2 ;;
		*)
			break ;;
		esac
	done
	if [ $# -ne 1 ] || ! [[ $stress_cycles =~ ^[1-9][0-9]*$ ]]; then
		echo "usage: $usage" >&2
		exit 2
	fi
	stress_ko=$(readlink -f -- "$1")
	cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
	[ "$(id -u)" -eq 0 ] ||
		{ echo "$stress_name: needs root (it loads dtrace.ko)" >&2; exit 2; }
	[ -f "$stress_ko" ] ||
		{ echo "$stress_name: no module at $stress_ko; build it with" \
		    "make module KDIR=/usr/src/linux-headers-$(uname -r)" >&2
		  exit 2; }
	stress_need "$STRESS_DTRACE"
	stress_klog_mark_now "start"
	echo "$stress_name: $stress_cycles cycles, $(nproc) CPUs," \
	    "module $stress_ko, kernel $(uname -r)"
	# The kernel patches its own text once, when its random number
	# generator becomes ready ("crng init done": random.c's static
	# keys), a minute or more into a TCG guest's life.  Reading
	# /dev/random waits for that, so the baseline is taken after it.
	head -c 1 /dev/random >/dev/null
	if stress_text_why=$(test/stress/kernel-text save \
	    "$STRESS_TMP/text" 2>&1); then
		stress_text=$STRESS_TMP/text
	else
		echo "$stress_name: kernel text not checked: $stress_text_why"
	fi
}

# Programs the script runs, which the host must have built.
stress_need() {
	local f

	for f in "$@"; do
		[ -x "$f" ] || { echo "$stress_name: no $f; build it on the" \
		    "host first (make -j2 all)" >&2; exit 2; }
	done
}

# Progress: one line on stdout and the same in the kernel log, where it
# also marks how far stress_klog_check has looked.
stress_progress() {
	echo "$stress_name: $*"
	stress_klog_mark_now "$*"
}

mod_loaded() {
	[ -d "/sys/module/$STRESS_MOD" ]
}

# "COUNT BYTES" of the memory account.
mod_account() {
	echo "$(cat "$STRESS_PARAMS/alloc_count") $(cat "$STRESS_PARAMS/alloc_bytes")"
}

mod_load() {
	local out

	mod_loaded && { fail "insmod: $STRESS_MOD is already loaded"; return 1; }
	out=$(insmod "$stress_ko" 2>&1) ||
		{ fail "insmod $stress_ko failed: $out"; return 1; }
	[ -c /dev/dtrace/dtrace ] ||
		{ fail "insmod: no /dev/dtrace/dtrace after loading"; return 1; }
	[ -r "$STRESS_PARAMS/alloc_count" ] ||
		{ fail "insmod: no $STRESS_PARAMS/alloc_count: is $stress_ko" \
		    "built from this tree?"; return 1; }
}

# rmmod, which must succeed at once: nothing holds the module.
mod_unload() {
	local out

	out=$(rmmod "$STRESS_MOD" 2>&1) ||
		{ fail "rmmod failed: $out (refcnt" \
		    "$(cat "/sys/module/$STRESS_MOD/refcnt" 2>/dev/null))"; return 1; }
	mod_loaded && { fail "rmmod succeeded but /sys/module/$STRESS_MOD" \
	    "is still there"; return 1; }
	stress_after_unload "rmmod"
}

# What every unload must leave: the kernel text as it was, a clean log.
stress_after_unload() {
	local out

	if [ -n "$stress_text" ] &&
	   ! out=$(test/stress/kernel-text compare "$stress_text" 2>&1); then
		fail "kernel text after $1 is not as before the first cycle:"
		echo "$out" | sed 's/^/    /'
	fi
	stress_klog_check "$1"
}

# rmmod while the module is busy: it must fail, say the module is in use
# (kmod's rmmod checks the reference count itself; delete_module(2)
# would refuse too, with EWOULDBLOCK), and leave the module loaded.
mod_unload_refused() {
	local why=$1 out

	if out=$(rmmod "$STRESS_MOD" 2>&1); then
		fail "rmmod succeeded while $why"
		return 1
	fi
	case $out in
	*"in use"*) ;;
	*) fail "rmmod while $why failed, but not as busy: $out"; return 1 ;;
	esac
	mod_loaded || { fail "the module is gone after a refused rmmod"
	    return 1; }
}

# Fail on kernel-log reports that appeared since the last check: the
# module's own leak report and the kernel's oops, BUG, WARNING, lockdep,
# KASAN, RCU stall, lockup and hung-task reports (vmtest/splat.c holds
# the complete list, which fails the whole cell).
STRESS_KLOG_REPORTS='leak at unload|Oops: |general protection fault|kernel BUG at|BUG: |WARNING: |possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|KASAN: |UBSAN: |self-detected stall|detected stalls on CPUs|soft lockup|hard LOCKUP|blocked for more than'

stress_klog_mark_now() {
	stress_klog_mark=$((stress_klog_mark + 1))
	echo "$stress_name: [mark $stress_klog_mark] $*" >/dev/kmsg
}

# The log after the last mark (all of it if the ring buffer has lost the
# mark), then a new mark.
stress_klog_check() {
	local when=$1 new

	new=$(dmesg | awk -v m="$stress_name: [mark $stress_klog_mark] " \
		'index($0, m) { n = 0; next } { l[n++] = $0 }
		 END { for (i = 0; i < n; i++) print l[i] }' |
		grep -E "$STRESS_KLOG_REPORTS")
	stress_klog_mark_now "checked after $when"
	[ -z "$new" ] && return 0
	fail "kernel log after $when:"
	echo "$new" | head -n 20 | sed 's/^/    /'
	return 1
}

# The closing line; the exit status is the verdict.
stress_summary() {
	local text="kernel text restored after every rmmod"

	[ -n "$stress_text" ] || text="kernel text not checked"
	stress_klog_check "the last cycle"
	if [ "$stress_failures" -eq 0 ]; then
		echo "$stress_name: ok: $stress_cycles cycles; $*; $text"
	else
		echo "$stress_name: $stress_failures failures in" \
		    "$stress_cycles cycles"
	fi
	[ "$stress_failures" -eq 0 ]
}
