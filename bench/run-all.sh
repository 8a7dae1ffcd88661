#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# All benchmarks, full runs: data path (bench/datapath.sh), scaling
# (bench/scaling.sh) and control path on the emulated platform
# (bench/control.sh). Each prints its table and writes its JSON under
# build/bench/; a failing one does not stop the others.
#
# Usage: bench/run-all.sh [--no-control]
#   --no-control   skip the emulated platform (kernel build, QEMU guests)
# Takes 10 to 30 minutes on 2 CPUs, more when the builds are not there.

set -u -o pipefail
here=$(cd "$(dirname "$0")" && pwd)

control=1
case ${1:-} in
'') ;;
--no-control) control=0 ;;
*) sed -n '10,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

failed=()
run() {
	local name=$1
	shift
	echo "===== $name: $*"
	"$@" || failed+=("$name")
}
run datapath "$here/datapath.sh"
run scaling "$here/scaling.sh"
[ $control -eq 0 ] || run control "$here/control.sh"

if [ ${#failed[@]} -gt 0 ]; then
	echo "bench: failed: ${failed[*]}"
	exit 1
fi
echo "bench: all done; results in build/bench/*.json"
