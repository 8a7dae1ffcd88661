#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# The main job: build DPDK with TPH support (devtools/tph-build.sh), then run
# testpmd with --tph-mode=iv on two net_null ports, forward for a moment and
# show what TPH reports for every port. net_null has no PCIe device, so the
# expected verdict is "TPH not supported", with the port forwarding as
# before.

set -eu -o pipefail
source "$(dirname "$0")/tph-env.sh"

"$TPH_TOP/devtools/tph-build.sh"
testpmd=$TPH_BUILD_DIR/dpdk/subprojects/dpdk/app/dpdk-testpmd
out=$(mktemp)
trap 'rm -f "$out"' EXIT

tph_log "running testpmd --tph-mode=iv on net_null0, net_null1"
printf '%s\n' 'show port all tph' 'start' 'show port stats all' 'stop' \
	'quit' |
	timeout 120 "$testpmd" --no-huge -m 1024 --no-pci \
		--vdev net_null0 --vdev net_null1 -l 0-1 \
		--file-prefix=tph-demo --tph-mode=iv -- -i \
		--total-num-mbufs=8192 >"$out" 2>&1 ||
	{ cat "$out"; tph_die "testpmd failed"; }

echo
echo "What testpmd said about TPH:"
grep -E 'TPH|Port [0-9]+ TPH' "$out" | sed 's/^/  /'
tx=$(grep -E 'TX-packets: [0-9]+' "$out" | tail -n 1 | awk '{print $2}')
echo
if grep -q 'TPH: not supported' "$out" && [ "${tx:-0}" -gt 0 ]; then
	echo "Verdict: OK: TPH reported unsupported on net_null; ports forwarded ($tx packets sent by the last port)."
else
	echo "Verdict: FAILED: unexpected testpmd output"
	cat "$out"
	exit 1
fi
