#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Scaling benchmark: lib/tph's time to check, resolve and submit a batch of
# 1, 64 and 2048 steering tag entries to a backend that only counts
# (tph_perf_autotest), with one backend call per batch checked.
#
# Usage: bench/scaling.sh [--smoke] [--dpdk-test PATH]
#   --smoke       a few batches, no build: build/dpdk's dpdk-test (-O0)
#   --dpdk-test   the dpdk-test binary to run instead
# Without either, dpdk-test is built in release mode (-O3, as pristine
# DPDK builds) from the assembled tree, so the times are the library's.
# Results: build/bench/scaling.json (smoke: build/bench/smoke/).

set -eu -o pipefail
# shellcheck source=bench/bench-lib.sh
source "$(dirname "$0")/bench-lib.sh"

smoke=0
dpdk_test=""
while [ $# -gt 0 ]; do
	case $1 in
	--smoke) smoke=1 ;;
	--dpdk-test) dpdk_test=$2; shift ;;
	*) sed -n '9,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
	shift
done

tph_apt_install python3
args=()
if [ $smoke -eq 1 ]; then
	out=$BENCH_OUT/smoke/scaling.json
	dpdk_test=${dpdk_test:-$TPH_BUILD_DIR/dpdk/subprojects/dpdk/app/test/dpdk-test}
	build="build/dpdk (debug, -O0)"
	args+=(--smoke)
else
	out=$BENCH_OUT/scaling.json
	if [ -z "$dpdk_test" ]; then
		bench_deps
		bench_build_release app/test/dpdk-test
		dpdk_test=$BENCH_RELEASE_BUILD/app/test/dpdk-test
		build="release (-O3), assembled tree"
	else
		build="$dpdk_test"
	fi
fi
mkdir -p "$(dirname "$out")"
exec "$BENCH_PY" "$BENCH_DIR/scaling.py" --dpdk-test "$dpdk_test" \
	--build "$build" --out "$out" "${args[@]}"
