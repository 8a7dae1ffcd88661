#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Guest side of the end-to-end scenarios of a non-interactive DPDK
# application such as l3fwd (busybox sh), run from guest-session.sh "sh"
# steps: the application runs in the background between two steps, so
# that other steps (dev, cpus) read the device while it forwards.
#
# Usage: tph-e2e-app start NAME READY CMD [ARGS]...
#          start CMD with stdout line buffered, wait until its output holds
#          the text READY, print its output so far
#        tph-e2e-app stop NAME
#          SIGINT, wait for it to exit, print the rest of its output and
#          "E2E-EXIT rc=N"
# Fails (status 1, an "E2E-ERROR" line) when the application exits before
# READY, or does not become ready or exit within WAIT_S.

LINEBUF=/lib/tph_e2e_linebuf.so
# Generous, as in guest-session.sh: only whether it happens is checked.
WAIT_S=600
DIR=/tmp/e2e-app

# poll_until CONDITION: run CONDITION every 0.2 s until it holds (status 0)
# or WAIT_S passed (status 1).
poll_until() {
	n=0
	until eval "$1"; do
		[ "$n" -lt "$((WAIT_S * 5))" ] || return 1
		usleep 200000
		n=$((n + 1))
	done
}

alive() {
	kill -0 "$(cat "$DIR/$1.pid" 2>/dev/null)" 2>/dev/null
}

app_start() {
	name=$1 ready=$2
	shift 2
	mkdir -p "$DIR" /var/run/dpdk
	rm -f "$DIR/$name".*
	: >"$DIR/$name.out"
	# The subshell outlives this step and records the exit status.
	(
		LD_PRELOAD=$LINEBUF sh -c 'echo $$ >"$0"; exec "$@"' \
			"$DIR/$name.pid" "$@" >"$DIR/$name.out" 2>&1 </dev/null
		echo "$?" >"$DIR/$name.rc"
	) >/dev/null 2>&1 &
	poll_until "[ -s '$DIR/$name.pid' ]"
	poll_until "grep -q '$ready' '$DIR/$name.out' || [ -f '$DIR/$name.rc' ]"
	cat "$DIR/$name.out"
	wc -c <"$DIR/$name.out" >"$DIR/$name.off"
	grep -q "$ready" "$DIR/$name.out" && return 0
	if [ -f "$DIR/$name.rc" ]; then
		echo "E2E-ERROR $name exited (status $(cat "$DIR/$name.rc")) before '$ready'"
	else
		echo "E2E-ERROR no '$ready' from $name in ${WAIT_S}s"
	fi
	return 1
}

app_stop() {
	name=$1
	alive "$name" || [ -f "$DIR/$name.rc" ] ||
		{ echo "E2E-ERROR $name is not running"; return 1; }
	kill -INT "$(cat "$DIR/$name.pid")" 2>/dev/null
	if ! poll_until "[ -f '$DIR/$name.rc' ]"; then
		echo "E2E-ERROR $name did not exit in ${WAIT_S}s"
		kill -9 "$(cat "$DIR/$name.pid")"
		poll_until "[ -f '$DIR/$name.rc' ]"
	fi
	tail -c +"$(($(cat "$DIR/$name.off") + 1))" "$DIR/$name.out"
	echo "E2E-EXIT rc=$(cat "$DIR/$name.rc")"
}

case "${1:-}" in
start) [ $# -ge 4 ] || { echo "usage: tph-e2e-app start NAME READY CMD..." >&2; exit 2; }
	shift; app_start "$@" ;;
stop) [ $# -eq 2 ] || { echo "usage: tph-e2e-app stop NAME" >&2; exit 2; }
	app_stop "$2" ;;
*) echo "usage: tph-e2e-app start NAME READY CMD... | stop NAME" >&2; exit 2 ;;
esac
