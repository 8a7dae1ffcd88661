#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Run one scripted testpmd session and check its output.
#
# usage: run-session.sh <dpdk-testpmd> <case>
#
# <case> is a path prefix naming up to three files:
#   <case>.args    extra EAL arguments, one per line (optional)
#   <case>.cmds    the commands fed to testpmd's prompt on stdin
#   <case>.expect  what the session must show, one check per line:
#                    rc 0 | rc nonzero     exit status of testpmd
#                    has TEXT              TEXT appears at least once
#                    count N TEXT          TEXT appears on exactly N lines
#                    lacks TEXT            TEXT never appears
#                  TEXT is a fixed string matched against each line of the
#                  merged stdout and stderr; '#' starts a comment line.
# Ports: two net_null vdevs, lcores 0-1, no hugepages, no PCI scan.

set -u -o pipefail

[ $# -eq 2 ] || { echo "usage: $0 <dpdk-testpmd> <case>" >&2; exit 2; }
testpmd=$1
case_path=$2
name=$(basename "$case_path")

[ -x "$testpmd" ] || { echo "$name: no testpmd at $testpmd" >&2; exit 2; }
[ -f "$case_path.cmds" ] && [ -f "$case_path.expect" ] ||
	{ echo "$name: missing $case_path.cmds or .expect" >&2; exit 2; }

extra=()
if [ -f "$case_path.args" ]; then
	mapfile -t extra < <(sed -e '/^#/d' "$case_path.args")
fi

out=$(mktemp "${TMPDIR:-/tmp}/tph-session-$name.XXXXXX")
trap 'rm -f "$out"' EXIT

timeout 120 "$testpmd" --no-huge -m 1024 --no-pci \
	--vdev net_null0 --vdev net_null1 -l 0-1 --file-prefix="tph-$name" \
	"${extra[@]}" -- -i --total-num-mbufs=8192 \
	< "$case_path.cmds" > "$out" 2>&1
rc=$?

failures=0
fail() {
	echo "$name: FAIL: $*"
	failures=$((failures + 1))
}

while IFS= read -r line; do
	case $line in
	''|'#'*) continue ;;
	'rc 0')
		[ "$rc" -eq 0 ] || fail "exit status $rc, expected 0" ;;
	'rc nonzero')
		# 124: killed by timeout, 128+: signal: neither is a clean refusal.
		[ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && [ "$rc" -lt 128 ] ||
			fail "exit status $rc, expected a non-zero exit" ;;
	'has '*)
		text=${line#has }
		grep -qF -- "$text" "$out" || fail "missing: $text" ;;
	'lacks '*)
		text=${line#lacks }
		if grep -qF -- "$text" "$out"; then fail "unexpected: $text"; fi ;;
	'count '*)
		rest=${line#count }
		want=${rest%% *}
		text=${rest#* }
		got=$(grep -cF -- "$text" "$out")
		[ "$got" -eq "$want" ] || fail "$got lines with: $text (expected $want)" ;;
	*)
		echo "$name: bad check line: $line" >&2
		exit 2 ;;
	esac
done < "$case_path.expect"

if [ $failures -gt 0 ]; then
	echo "----- $name: testpmd output (exit status $rc) -----"
	cat "$out"
	echo "----- end of $name -----"
	exit 1
fi
echo "$name: OK (exit status $rc)"
