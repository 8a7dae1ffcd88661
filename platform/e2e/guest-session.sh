#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Guest side of the end-to-end suite (busybox sh): drives one interactive
# testpmd through a FIFO and, between its commands, reads what the device
# holds, so both views are taken at the same moment.
#
# Usage: tph-e2e-session STEPFILE
# Each line of STEPFILE is "LABEL KIND [ARGS]":
#   testpmd ARGS   start dpdk-testpmd ARGS, wait for its first prompt
#   tp CMD         send a testpmd command, wait until it is done
#   dev            device TPH registers and ST table (tph_e2e_dev dev)
#   cpus           CPU -> APIC ID -> ACPI UID map (tph_e2e_dev cpus)
#   txgrow PORT    "show port stats PORT" until TX-packets grows
#   quit           send quit, wait for testpmd to exit
#   sh CMD         a shell command
# Every step prints "@@E2E-BEGIN LABEL KIND", its output, then
# "@@E2E-END LABEL rc=N". A step that cannot run (testpmd gone, timeout)
# has a non-zero rc; the host side decides what that means. A command is
# done when testpmd echoes the comment line sent after it: testpmd's
# stdout is made line buffered (tph_e2e_linebuf.so) so its output is in
# the file by then.

STEPS="$1"
IN=/tmp/e2e.in
OUT=/tmp/e2e.out
LINEBUF=/lib/tph_e2e_linebuf.so
# Generous: TCG on a shared host can be very slow, and nothing here
# depends on how long a step takes, only on whether it ends.
WAIT_S=600

pid=""
off=0
mark=0
# A write to the FIFO after testpmd died must fail, not kill the session.
trap '' PIPE

# Print testpmd's output written since the last call.
emit_new() {
	size=$(wc -c <"$OUT")
	if [ "$size" -gt "$off" ]; then
		tail -c +"$((off + 1))" "$OUT" | head -c "$((size - off))" |
			tr -d '\r'
		echo
	fi
	off=$size
}

alive() {
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# Send a comment line and wait for its echo: everything before it is done.
sync_tp() {
	mark=$((mark + 1))
	printf '#@e2e-mark-%d@\n' "$mark" >&3 || return 1
	t=0
	while ! grep -q "@e2e-mark-$mark@" "$OUT"; do
		alive || { echo "E2E-ERROR testpmd exited"; return 1; }
		[ "$t" -lt "$((WAIT_S * 5))" ] ||
			{ echo "E2E-ERROR no answer from testpmd in ${WAIT_S}s"; return 1; }
		usleep 200000
		t=$((t + 1))
	done
	return 0
}

step_testpmd() {
	mkdir -p /var/run/dpdk
	rm -f "$IN"
	mkfifo "$IN"
	: >"$OUT"
	# shellcheck disable=SC2086 # the arguments are separate words
	LD_PRELOAD=$LINEBUF dpdk-testpmd $1 <"$IN" >"$OUT" 2>&1 &
	pid=$!
	exec 3>"$IN"
	sync_tp
	rc=$?
	emit_new
	return $rc
}

step_tp() {
	alive || { echo "E2E-ERROR testpmd is not running"; return 1; }
	printf '%s\n' "$1" >&3 || { echo "E2E-ERROR cannot write to testpmd"; return 1; }
	sync_tp
	rc=$?
	emit_new
	return $rc
}

# TX-packets of a port, from the last "show port stats" output.
tx_packets() {
	tail -c +"$((off + 1))" "$OUT" | tr -d '\r' |
		sed -n 's/.*TX-packets: *\([0-9][0-9]*\).*/\1/p' | tail -n 1
}

step_txgrow() {
	before=""
	t=0
	while [ "$t" -lt "$WAIT_S" ]; do
		alive || { echo "E2E-ERROR testpmd is not running"; return 1; }
		printf 'show port stats %s\n' "$1" >&3
		sync_tp || { emit_new; return 1; }
		n=$(tx_packets)
		emit_new >/dev/null
		[ -n "$n" ] || { echo "E2E-ERROR no TX-packets in the stats"; return 1; }
		if [ -z "$before" ]; then
			before=$n
		elif [ "$n" -gt "$before" ]; then
			echo "E2E-TX port=$1 before=$before after=$n"
			return 0
		fi
		sleep 1
		t=$((t + 1))
	done
	echo "E2E-TX port=$1 before=$before after=$n"
	echo "E2E-ERROR TX-packets did not grow in ${WAIT_S}s"
	return 1
}

step_quit() {
	alive || { echo "E2E-ERROR testpmd is not running"; emit_new; return 1; }
	printf 'quit\n' >&3
	t=0
	while alive && [ "$t" -lt "$((WAIT_S * 5))" ]; do
		usleep 200000
		t=$((t + 1))
	done
	if alive; then
		echo "E2E-ERROR testpmd did not exit in ${WAIT_S}s"
		kill -9 "$pid"
	fi
	wait "$pid"
	rc=$?
	pid=""
	exec 3>&-
	emit_new
	echo "E2E-EXIT rc=$rc"
	return 0
}

[ -f "$STEPS" ] || { echo "usage: tph-e2e-session STEPFILE" >&2; exit 2; }
while read -r label kind args; do
	[ -n "$label" ] || continue
	echo "@@E2E-BEGIN $label $kind"
	case "$kind" in
	testpmd) step_testpmd "$args" ;;
	tp) step_tp "$args" ;;
	dev) tph_e2e_dev dev </dev/null ;;
	cpus) tph_e2e_dev cpus </dev/null ;;
	txgrow) step_txgrow "$args" ;;
	quit) step_quit ;;
	sh) sh -c "$args" </dev/null 2>&1 ;;
	*) echo "E2E-ERROR unknown step kind '$kind'"; false ;;
	esac
	echo "@@E2E-END $label rc=$?"
done <"$STEPS"

if alive; then
	kill "$pid"
	wait "$pid"
fi
echo "@@E2E-SESSION-DONE"
exit 0
