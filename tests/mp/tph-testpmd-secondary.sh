#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# testpmd as a secondary process of a testpmd primary with TPH state.
#
# Both load net_tph_sim (tph_sim_pmd.c, EAL -d): one port with a
# simulated TPH device, 2 Rx and 2 Tx queues. The primary sets TPH mode
# iv and starts forwarding on lcore 1, which binds every queue to it. The
# secondary must then show the primary's TPH state (mode and each queue's
# binding, line for line as the primary shows them), and refuse every
# command that would change it, each with lib/tph's text for
# -E_RTE_SECONDARY; the primary's state must be unchanged afterwards.
# Waiting is on testpmd's output, never on time: the time limits only
# stop a hung run.
#
# usage: tph-testpmd-secondary.sh <dpdk-testpmd> <tph_sim_pmd.so>

set -u -o pipefail

[ $# -eq 2 ] || { echo "usage: $0 <dpdk-testpmd> <tph_sim_pmd.so>" >&2; exit 2; }
testpmd=$1
plugin=$(realpath "$2")
# EAL loads a -d plugin only if no directory above it is world-writable
# (a tree under /tmp): then load a copy from a private directory in /run.
world_writable_above() {
	local d
	d=$(dirname "$1")
	while [ "$d" != / ]; do
		[ -z "$(find "$d" -maxdepth 0 -perm -o+w)" ] || { echo "$d"; return; }
		d=$(dirname "$d")
	done
}
plugin_dir=
open_dir=$(world_writable_above "$plugin")
if [ -n "$open_dir" ]; then
	plugin_dir=$(mktemp -d /run/tph-plugin.XXXXXX) &&
		cp "$plugin" "$plugin_dir/" &&
		[ -z "$(world_writable_above "$plugin_dir/x")" ] || {
		echo "$0: EAL refuses plugins below the world-writable $open_dir" \
			"and no private copy could be made in /run" >&2
		[ -z "$plugin_dir" ] || rm -rf "$plugin_dir"
		exit 1
	}
	plugin=$plugin_dir/$(basename "$plugin")
fi
name=testpmd-tph-secondary
prefix=tph-testpmd-secondary
need_mb=64
refused='TPH state belongs to the primary process; a secondary process cannot change it'

. "$(dirname "$0")/hugepages.sh"
mp_hugepages_get "$name" "$need_mb"

work=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX")
primary_pid=
cleanup() {
	if [ -n "$primary_pid" ] && kill -0 "$primary_pid" 2>/dev/null; then
		kill "$primary_pid" 2>/dev/null
		wait "$primary_pid" 2>/dev/null
	fi
	exec 3>&- 2>/dev/null
	rm -rf "$work"
	[ -z "$plugin_dir" ] || rm -rf "$plugin_dir"
	mp_hugepages_put "$prefix"
}
trap cleanup EXIT

failures=0
fail() {
	echo "$name: FAIL: $*"
	failures=$((failures + 1))
}
dump() {
	echo "----- $1 -----"
	cat "$2"
	echo "----- end of $1 -----"
}

eal=(-l 0-1 -m "$need_mb" --no-pci -d "$plugin" --file-prefix="$prefix")
pmd=(-i --rxq=2 --txq=2 --nb-cores=1 --total-num-mbufs=2048)

# The primary reads its commands from a FIFO kept open here, so that it
# waits for the next one instead of seeing the end of its input, and
# writes its output line by line (stdbuf), so that its replies can be
# waited for.
mkfifo "$work/primary.in"
exec 3<>"$work/primary.in"
timeout 120 stdbuf -oL "$testpmd" "${eal[@]}" --vdev net_tph_sim0 --proc-type=primary \
	-- "${pmd[@]}" <"$work/primary.in" >"$work/primary.out" 2>&1 &
primary_pid=$!

# Wait until the primary printed TEXT (n-th occurrence): 0, or 1 if it exited.
wait_primary() { # TEXT [N]
	while [ "$(grep -cF -- "$1" "$work/primary.out")" -lt "${2:-1}" ]; do
		kill -0 "$primary_pid" 2>/dev/null || return 1
		sleep 0.2
	done
}
# The TPH lines of the last "show port 0 tph" in a file.
tph_show() { # FILE
	awk '/^Port 0 TPH:/ {n = 0; delete l} /^Port 0 TPH:/, /^  txq 1:/ {l[n++] = $0}
		END {for (i = 0; i < n; i++) print l[i]}' "$1"
}

if ! wait_primary 'testpmd>'; then
	dump "primary testpmd" "$work/primary.out"
	exit 1
fi
printf 'port config 0 tph mode iv\nstart\nshow port 0 tph\n' >&3
if ! wait_primary '  txq 1:'; then
	dump "primary testpmd" "$work/primary.out"
	exit 1
fi
tph_show "$work/primary.out" >"$work/before"
grep -q '^  Mode: iv$' "$work/before" || fail "the primary is not in iv mode"
[ "$(grep -c 'lcore 1, CPU 1, ST index' "$work/before")" -eq 4 ] ||
	fail "the primary did not bind its 4 queues to lcore 1"

cat >"$work/secondary.in" <<'CMDS'
show port 0 tph
port config 0 tph mode off
port config 0 tph mode ds
port config all tph mode iv
port config 0 rxq 1 tph lcore 0
port config 0 txq 0 tph auto
show port 0 tph
quit
CMDS
timeout 120 "$testpmd" "${eal[@]}" --proc-type=secondary -- "${pmd[@]}" \
	<"$work/secondary.in" >"$work/secondary.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail "secondary testpmd exit status $rc"

# It shows what the primary shows, before and after its refused commands.
awk '/^Port 0 TPH:/ {n++} n == 1' "$work/secondary.out" | tph_show /dev/stdin \
	>"$work/secondary-first"
tph_show "$work/secondary.out" >"$work/secondary-last"
for f in secondary-first secondary-last; do
	diff -u "$work/before" "$work/$f" >"$work/diff" ||
		{ fail "$f 'show port 0 tph' differs from the primary's"; cat "$work/diff"; }
done
for reply in \
		"Port 0: TPH mode off not set: $refused" \
		"Port 0: TPH mode ds not set: $refused" \
		"Port 0: TPH mode iv not set: $refused" \
		"Port 0 rxq 1: TPH binding to lcore 0 failed: $refused" \
		"Port 0 txq 0: TPH binding not made automatic: $refused"; do
	grep -qxF -- "$reply" "$work/secondary.out" || fail "missing reply: $reply"
done

# The primary's state is as it was.
printf 'show port 0 tph\n' >&3
if wait_primary 'Port 0 TPH:' 2; then
	wait_primary '  txq 1:' 2
	tph_show "$work/primary.out" >"$work/after"
	diff -u "$work/before" "$work/after" ||
		fail "the primary's TPH state changed while the secondary ran"
else
	fail "the primary exited while the secondary ran"
fi
printf 'stop\nquit\n' >&3
exec 3>&-
wait "$primary_pid"
rc=$?
primary_pid=
[ "$rc" -eq 0 ] || fail "primary testpmd exit status $rc"

if [ $failures -gt 0 ]; then
	dump "primary testpmd" "$work/primary.out"
	dump "secondary testpmd" "$work/secondary.out"
	exit 1
fi
echo "$name: OK"
