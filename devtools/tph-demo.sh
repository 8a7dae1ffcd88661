#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# The main command: build whatever is missing (DPDK with TPH, the guest
# kernel with the series, the tph_emu module, the guest tools), boot the
# emulated TPH platform (QEMU q35 with a virtio-net NIC whose TPH Requester
# capability tph_emu emulates, and the ACPI _DSM of a test SSDT), run
# testpmd --tph-mode=iv on the NIC through vfio-pci, and show for every
# queue the tag the device holds next to the tag expected for the CPU of
# the lcore that polls it. Ends with a verdict; exits non-zero on failure.
#
# Usage: devtools/tph-demo.sh [--cap | --null | --l3fwd]
#   --cap    ST table in the TPH capability (8-bit tags) instead of the
#            MSI-X table (16-bit tags)
#   --null   no emulation: testpmd on two net_null ports, which have no
#            PCIe device (TPH reported unsupported, ports forward as before)
#   --l3fwd  l3fwd instead of testpmd: its queue pairs on lcores 1 and 2
#            (--config; --relax-rx-offload, as virtio-net has no IPv4
#            checksum offload), packets sent into the NIC from the host; then with
#            lcore 2 idle, on lcores 1 and 3 (no tag for CPU 3), then
#            asking for DS mode (refused: virtio-net has no tag register)

set -u -o pipefail
E2E_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=platform/e2e/e2e-lib.sh
source "$E2E_ROOT/platform/e2e/e2e-lib.sh"

emu="modes=3 st_loc=msix ext_req=1 completer=ext"
check_opts=(--width 16 --loc msix)
where="in the MSI-X table, 16-bit tags"
case "${1:-}" in
"") ;;
--cap)
	emu="modes=3 st_loc=cap st_size=8"
	check_opts=(--width 8 --loc cap)
	where="in the TPH capability, 8-bit tags" ;;
--null) ;;
--l3fwd) ;;
*) sed -n '/^# Usage:/,/^$/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

# Fallback: the ports forward as before where no PCIe device has TPH.
null_demo() {
	local testpmd=$E2E_TESTPMD_SRC out
	e2e_build_dpdk || exit 1
	out=$(mktemp)
	null_out=$out
	trap 'rm -f "$null_out"' EXIT
	e2e_say "testpmd --tph-mode=iv on net_null0, net_null1"
	printf '%s\n' 'show port all tph' 'start' 'show port stats all' 'stop' \
		'quit' |
		timeout 120 "$testpmd" --no-huge -m 1024 --no-pci \
			--vdev net_null0 --vdev net_null1 -l 0-1 \
			--file-prefix=tph-demo --tph-mode=iv -- -i \
			--total-num-mbufs=8192 >"$out" 2>&1 ||
		{ cat "$out"; echo "Verdict: FAILED: testpmd failed"; exit 1; }
	echo
	echo "What testpmd said about TPH:"
	grep -E 'TPH' "$out" | sed 's/^/  /'
	local tx
	tx=$(grep -E 'TX-packets: [0-9]+' "$out" | tail -n 1 | awk '{print $2}')
	echo
	if grep -q 'TPH: not supported' "$out" && [ "${tx:-0}" -gt 0 ]; then
		echo "Verdict: OK: TPH reported unsupported on net_null; ports forwarded ($tx packets sent by the last port)."
	else
		echo "Verdict: FAILED: unexpected testpmd output"
		cat "$out"
		exit 1
	fi
}

demo_app=testpmd
[ "${1:-}" != --l3fwd ] || demo_app=l3fwd
echo "dpdk-tph demo: $demo_app --tph-mode=iv steering a NIC's queues to their lcores"
if [ "${1:-}" = --null ]; then
	null_demo
	exit 0
fi
echo "Platform: emulated (QEMU TCG q35, 4 CPUs, virtio-net 0000:01:00.0 with 2 queue"
echo "pairs, TPH Requester emulated by tph_emu, ST table $where,"
echo "kernel 6.12 + kernel-patches series, vfio-pci no-IOMMU)"
echo

# The session: testpmd (scenario demo), or l3fwd (scenario l3fwd).
scenario=demo
view="testpmd's 'show port 0 tph'"
if [ "$demo_app" = l3fwd ]; then
	# As platform/e2e/run.sh: the device offers DS mode too (virtio
	# refuses it), and an FLR keeps the registers, so that the clear
	# table after l3fwd exits is DPDK's doing.
	scenario=l3fwd
	emu="modes=7 st_loc=msix ext_req=1 completer=ext flr_keeps_state=1"
	view="l3fwd's line for port 0"
fi
e2e_build_all plain || { echo "Verdict: FAILED: build (see the log above)"; exit 1; }
e2e_step "emulated platform: boot, $demo_app session" "$E2E_OUT/logs/$scenario.report" \
	e2e_boot "$scenario" plain "$emu" "" "$scenario"
boot_rc=$?

out=$E2E_OUT/logs/$scenario.out
echo
echo "Steering tags: $view (queue -> lcore -> CPU -> ST"
echo "index) against the device's ST entries read in the guest at the same"
echo "moment; expected tag = the test SSDT's _DSM tag of that CPU (volatile)."
checks=$("$E2E_PY" "$E2E_DIR/e2e.py" check "$scenario" "$out" "${check_opts[@]}" --table)
check_rc=$?
echo "$checks" | grep -v -E '^(PASS|FAIL|SKIP) '
if [ "$demo_app" = l3fwd ]; then
	echo
	echo "l3fwd's lines (the second run leaves lcore 2 without a queue, the"
	echo "third puts queue pair 1 on lcore 3, whose CPU has no tag, the fourth"
	echo "asks for DS mode, which virtio-net cannot use), and the frames sent"
	echo "into the NIC from the host:"
	grep -E '^Port [0-9]+ TPH ' "$out" | sed 's/^/  /'
	sed 's/^/  /' "$E2E_OUT/logs/$scenario.inject" 2>/dev/null
fi
echo
echo "Checks:"
echo "$checks" | grep -E '^(PASS|FAIL|SKIP) ' | sed 's/^/  /'
npass=$(echo "$checks" | grep -c '^PASS ')
nfail=$(echo "$checks" | grep -c '^FAIL ')
[ "$boot_rc" = 0 ] || { nfail=$((nfail + 1)); echo "  FAIL guest run (kernel log, end marker): $E2E_OUT/logs/$scenario.report"; }
echo
echo "Logs: $E2E_OUT/logs/$scenario.{out,console,report}; total time $(e2e_elapsed)s"
if [ "$check_rc" = 0 ] && [ "$nfail" = 0 ] && [ "$demo_app" = l3fwd ]; then
	echo "Verdict: OK: l3fwd bound every queue of its --config to the lcore polling it, each ST entry holds the tag of that lcore's CPU, packets sent into the NIC came back routed, and TPH was off with a clear table after l3fwd exited ($npass checks)."
	exit 0
fi
if [ "$check_rc" = 0 ] && [ "$nfail" = 0 ]; then
	echo "Verdict: OK: every queue's ST entry holds the tag of the CPU polling it, the entries followed the new lcore mapping, packets flowed, and TPH was off with a clear table after testpmd exited ($npass checks)."
	exit 0
fi
echo "Verdict: FAILED: $nfail of $((npass + nfail)) checks failed"
exit 1
