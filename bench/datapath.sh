#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Data path benchmark: pristine DPDK 22.11 testpmd against ours with
# --tph-mode=iv, io forwarding on two net_null ports; Mpps (alternated
# runs, medians, ratio) and instructions per packet (callgrind).
# bench/datapath.py does the runs; this script builds both testpmds in
# release mode, alike, and installs what they need.
#
# Usage: bench/datapath.sh [--smoke] [--runs N] [--ours PATH]
#                          [--pristine PATH] [--no-callgrind]
#   --smoke      one short run of each, no build: ours defaults to
#                build/dpdk's testpmd and pristine to build/pristine's,
#                or to ours when pristine DPDK is not built (the figures
#                are then only checked for being there)
#   --ours, --pristine   testpmd binaries to compare instead
# Results: build/bench/datapath.json (smoke: build/bench/smoke/).

set -eu -o pipefail
# shellcheck source=bench/bench-lib.sh
source "$(dirname "$0")/bench-lib.sh"

smoke=0
ours=""
pristine=""
pyargs=()
while [ $# -gt 0 ]; do
	case $1 in
	--smoke) smoke=1 ;;
	--runs) pyargs+=(--runs "$2"); shift ;;
	--ours) ours=$2; shift ;;
	--pristine) pristine=$2; shift ;;
	--no-callgrind) pyargs+=(--no-callgrind) ;;
	*) sed -n '11,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
	shift
done

bench_deps
notes=()
if [ $smoke -eq 1 ]; then
	out=$BENCH_OUT/smoke/datapath.json
	ours=${ours:-$TPH_BUILD_DIR/dpdk/subprojects/dpdk/app/dpdk-testpmd}
	if [ -z "$pristine" ]; then
		pristine=$BENCH_PRISTINE_BUILD/app/dpdk-testpmd
		if [ ! -x "$pristine" ]; then
			pristine=$ours
			notes+=(--note "pristine DPDK not built: ours against itself")
		fi
	fi
	pyargs+=(--smoke)
else
	out=$BENCH_OUT/datapath.json
	if [ -z "$pristine" ]; then
		bench_build_pristine app/dpdk-testpmd
		pristine=$BENCH_PRISTINE_BUILD/app/dpdk-testpmd
	fi
	if [ -z "$ours" ]; then
		bench_build_release app/dpdk-testpmd
		ours=$BENCH_RELEASE_BUILD/app/dpdk-testpmd
		notes+=(--note "ours: assembled tree built like pristine (release)")
	fi
	notes+=(--note "shared 2-CPU machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at start")
fi
mkdir -p "$(dirname "$out")"
exec "$BENCH_PY" "$BENCH_DIR/datapath.py" --pristine "$pristine" \
	--ours "$ours" --out "$out" "${notes[@]}" "${pyargs[@]}"
