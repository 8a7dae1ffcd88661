#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# l3fwd's TPH change is silent unless asked for: with --tph-mode=off, and
# without the option, our l3fwd prints byte for byte what the released
# l3fwd prints (its 22.11 sources built against the same DPDK libraries,
# so that only the l3fwd change differs). With --tph-mode=iv or ds on ports
# that have no TPH it adds one line per port to stdout and nothing else.
# The output has no timestamps; the one thing normalised is the number of
# dots l3fwd prints while it waits for the links to come up (one per 100 ms
# of waiting: timing, not behaviour).
#
# The ports are two net_tap ports: the released l3fwd insists on Rx
# checksum offloads, which net_tap has and net_null, net_ring lack. The
# test needs tap devices (root with /dev/net/tun, as CI and the e2e suite
# are): without them it fails, it does not skip. A last case runs our
# l3fwd on two net_ring ports (no Rx checksum offload, no RSS), on which
# the released l3fwd exits at start; so does ours by default, and with
# --relax-rx-offload it names the offloads it left out and runs.
#
# Usage: tph-off-output.sh RELEASED_L3FWD OUR_L3FWD
set -u -o pipefail

[ $# -eq 2 ] || { echo "usage: $0 RELEASED_L3FWD OUR_L3FWD" >&2; exit 2; }
released=$1
ours=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! ip tuntap add mode tap name "l3t$$" ||
		! ip tuntap del mode tap name "l3t$$"; then
	echo "FAIL: cannot create tap devices (needs root and /dev/net/tun)"
	exit 1
fi

# One lcore polls both ports: the output order is then fixed. Both
# applications get the same tap names and MAC addresses (both in the
# output).
eal_common=(--no-huge -m 1024 --no-pci -l 0 --file-prefix=l3fwd-tph-output)
eal=("${eal_common[@]}"
     --vdev "net_tap0,iface=l3t$$a,mac=fixed"
     --vdev "net_tap1,iface=l3t$$b,mac=fixed")
app=(-p 0x3 --config '(0,0,0),(1,0,0)' --parse-ptype)
# Up to 120 s to reach the main loop: a loaded machine, never a verdict.
wait_polls=600

# run NAME BINARY [EAL OPTION]: run until the main loop runs, then SIGINT;
# NAME.out, NAME.err and NAME.rc hold stdout (link-check dots removed),
# stderr and the exit status, "no-main-loop" if l3fwd never got there.
run() {
	local name=$1 bin=$2 pid rc n=0
	shift 2
	"$bin" "${eal[@]}" "$@" -- "${app[@]}" \
		>"$work/$name.raw" 2>"$work/$name.err" &
	pid=$!
	while ! grep -q 'entering main loop' "$work/$name.err" &&
			kill -0 "$pid" 2>/dev/null && [ $n -lt $wait_polls ]; do
		sleep 0.2
		n=$((n + 1))
	done
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	if grep -q 'entering main loop' "$work/$name.err"; then
		echo $rc >"$work/$name.rc"
	else
		echo no-main-loop >"$work/$name.rc"
	fi
	sed -E 's/^(Checking link status)\.+/\1/' "$work/$name.raw" \
		>"$work/$name.out"
}

failed=0
pass() { echo "PASS $1"; }
fail() {
	echo "FAIL $1"
	shift
	for f in "$@"; do
		echo "--- $f"
		cat "$work/$f"
	done
	failed=$((failed + 1))
}

# same CASE A B: A and B exited 0, same stdout and stderr.
same() {
	local c=$1 a=$2 b=$3
	if [ "$(cat "$work/$a.rc")" = 0 ] && [ "$(cat "$work/$b.rc")" = 0 ] &&
			cmp -s "$work/$a.out" "$work/$b.out" &&
			cmp -s "$work/$a.err" "$work/$b.err"; then
		pass "$c"
	else
		diff "$work/$a.out" "$work/$b.out" >"$work/$b.diff-out"
		diff "$work/$a.err" "$work/$b.err" >"$work/$b.diff-err"
		fail "$c" "$a.rc" "$b.rc" "$b.diff-out" "$b.diff-err" "$a.out" "$a.err"
	fi
}

run released-off "$released" --tph-mode=off
run ours-off "$ours" --tph-mode=off
same "--tph-mode=off: output identical to the released l3fwd" released-off ours-off

run released-default "$released"
run ours-default "$ours"
same "no --tph-mode: output identical to the released l3fwd" \
	released-default ours-default

# Ports without TPH: one line each says so, the rest of stdout is as before.
for mode in iv ds; do
	c="--tph-mode=$mode without TPH: one line per port, forwarding set up as before"
	run "ours-$mode" "$ours" "--tph-mode=$mode"
	said="^Port [01] TPH $mode mode: not enabled, no queue steered: the port cannot use $mode mode\$"
	grep -E "$said" "$work/ours-$mode.out" >"$work/$mode-lines"
	grep -v -E "$said" "$work/ours-$mode.out" >"$work/$mode-rest"
	if [ "$(cat "$work/ours-$mode.rc")" = 0 ] &&
			[ "$(cut -c1-6 "$work/$mode-lines" | tr '\n' ' ')" = "Port 0 Port 1 " ] &&
			cmp -s "$work/$mode-rest" "$work/released-off.out"; then
		pass "$c"
	else
		diff "$work/released-off.out" "$work/ours-$mode.out" >"$work/$mode.diff"
		fail "$c" "ours-$mode.rc" "$mode.diff"
	fi
done

# Ports without Rx checksum offload nor RSS (dpdk-patches 0001, 0002).
eal=("${eal_common[@]}" --vdev net_ring0 --vdev net_ring1)
c="net_ring ports: the released l3fwd and ours without --relax-rx-offload exit at start"
run released-ring "$released"
run ours-ring "$ours"
if [ "$(cat "$work/released-ring.rc")" = no-main-loop ] &&
		[ "$(cat "$work/ours-ring.rc")" = no-main-loop ] &&
		grep -q 'Cannot configure device' "$work/ours-ring.err" &&
		! grep -q 'lacks Rx offloads' "$work/ours-ring.out"; then
	pass "$c"
else
	fail "$c" released-ring.rc released-ring.err ours-ring.rc ours-ring.out \
		ours-ring.err
fi

# net_ring has no Rx offload at all: the three checksums are named (after
# "Creating queues..." on its line, as l3fwd's RSS hash line is).
c="net_ring ports with --relax-rx-offload: ours names the left-out offloads and runs"
app+=(--relax-rx-offload)
run ours-ring-relaxed "$ours"
said='lacks Rx offloads, configured without them (--relax-rx-offload): IPV4_CKSUM UDP_CKSUM TCP_CKSUM$'
if [ "$(cat "$work/ours-ring-relaxed.rc")" = 0 ] &&
		grep -q "Port 0 $said" "$work/ours-ring-relaxed.out" &&
		grep -q "Port 1 $said" "$work/ours-ring-relaxed.out"; then
	pass "$c"
else
	fail "$c" ours-ring-relaxed.rc ours-ring-relaxed.out ours-ring-relaxed.err
fi

echo "$((6 - failed)) passed, $failed failed"
[ $failed -eq 0 ]
