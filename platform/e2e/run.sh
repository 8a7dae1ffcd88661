#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# End-to-end suite on the emulated TPH platform: our testpmd (--tph-mode,
# --iova-mode=pa, no-IOMMU vfio) drives the virtio-net device of a QEMU
# guest (4 CPUs, 2 queue pairs on a multi-queue tap) whose TPH Requester
# capability tph_emu emulates. After each testpmd command of interest the
# guest reads the device's ST entries and TPH control register; this side
# computes every expected tag from the test SSDT's formula and asserts
# (platform/e2e/e2e.py holds the scenarios, steps and checks).
#
# Usage: platform/e2e/run.sh [--no-build] [--only NAME]... [--list]
#   --no-build   use what is built (fails if something is missing)
#   --only NAME  run one configuration (repeatable); --list shows them
#
# Ends with "N passed, N failed" and the run time; exits non-zero on any
# failure.
set -uo pipefail

E2E_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=platform/e2e/e2e-lib.sh
source "$E2E_ROOT/platform/e2e/e2e-lib.sh"

# name | kernel | tph_emu parameters | kernel arguments | scenario | check options
#      | CPU layout (e2e_boot)
# flr_keeps_state: an FLR at close must not be what clears the registers.
CONFIGS=(
"msix|plain|modes=3 st_loc=msix ext_req=1 completer=ext flr_keeps_state=1||iv|--width 16 --loc msix"
"cap|plain|modes=3 st_loc=cap st_size=8 flr_keeps_state=1||iv|--width 8 --loc cap"
"ds-refused|plain|modes=7 st_loc=cap st_size=8 flr_keeps_state=1||ds|--width 8 --loc cap"
"ds-allowed|plain|modes=7 st_loc=cap st_size=8 flr_keeps_state=1|vfio_pci.enable_unsafe_tph_ds_mode=1|ds|--width 8 --loc cap --ds-allowed"
"noseries|plain-noseries|modes=3 st_loc=msix ext_req=1 completer=ext||noseries|"
"l3fwd|plain|modes=7 st_loc=msix ext_req=1 completer=ext flr_keeps_state=1||l3fwd|--width 16 --loc msix"
"uid-map|plain|modes=3 st_loc=msix ext_req=1 completer=ext flr_keeps_state=1||iv|--width 16 --loc msix --uid-map|uid-map"
)

build=1
only=()
while [ $# -gt 0 ]; do
	case "$1" in
	--no-build) build=0 ;;
	--only) [ $# -ge 2 ] || { echo "--only needs a name" >&2; exit 2; }
		only+=("$2"); shift ;;
	--list) printf '%s\n' "${CONFIGS[@]}" | cut -d'|' -f1; exit 0 ;;
	*) sed -n '13,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
	shift
done

selected=()
for cfg in "${CONFIGS[@]}"; do
	name=${cfg%%|*}
	if [ ${#only[@]} -eq 0 ] || printf '%s\n' "${only[@]}" | grep -qx "$name"; then
		selected+=("$cfg")
	fi
done
[ ${#selected[@]} -gt 0 ] || { echo "run.sh: no configuration matches ${only[*]}" >&2; exit 2; }

kernels=()
for cfg in "${selected[@]}"; do
	k=$(echo "$cfg" | cut -d'|' -f2)
	printf '%s\n' "${kernels[@]+"${kernels[@]}"}" | grep -qx "$k" || kernels+=("$k")
done

passed=0
failed=0
count() { # PASS|FAIL line
	case "$1" in
	PASS*) passed=$((passed + 1)) ;;
	FAIL*) failed=$((failed + 1)) ;;
	esac
	echo "  $1"
}

if [ "$build" = 1 ]; then
	if ! e2e_build_all "${kernels[@]}"; then
		count "FAIL build: see the log named above"
		echo "e2e: run time $(e2e_elapsed)s"
		echo "$passed passed, $failed failed"
		exit 1
	fi
else
	mkdir -p "$E2E_OUT/logs"
	e2e_build_tools || { echo "$passed passed, 1 failed"; exit 1; }
	for k in "${kernels[@]}"; do
		if [ ! -f "$E2E_OUT/$k/bzImage" ] || [ ! -f "$E2E_OUT/$k/tph_emu.ko" ]; then
			echo "run.sh: no $k kernel snapshot; run without --no-build" >&2
			exit 1
		fi
	done
fi

summary=()
for cfg in "${selected[@]}"; do
	IFS='|' read -r name k params kargs scenario opts layout <<<"$cfg"
	t=$(date +%s)
	e2e_say "[$name] booting the $k kernel, tph_emu $params${kargs:+, $kargs}: scenario $scenario"
	e2e_boot "$name" "$k" "$params" "$kargs" "$scenario" "$layout" \
		>"$E2E_OUT/logs/$name.report" 2>&1
	rc=$?
	p0=$passed
	f0=$failed
	# One case per boot: the guest ran to its end with a clean kernel log.
	if [ "$rc" = 0 ]; then
		count "PASS [$name] guest finished, kernel log clean"
	else
		count "FAIL [$name] guest finished, kernel log clean: $(grep 'run.sh: FAIL' \
			"$E2E_OUT/logs/$name.report" | tr '\n' ' ')"
	fi
	# shellcheck disable=SC2086 # opts are separate words
	while IFS= read -r line; do
		count "$line"
	done < <("$E2E_PY" "$E2E_DIR/e2e.py" check "$scenario" "$E2E_OUT/logs/$name.out" \
			$opts --prefix "[$name] " 2>&1 || true)
	dt=$(( $(date +%s) - t ))
	summary+=("$(printf '%-11s %3d passed %2d failed %4ds' "$name" \
		$((passed - p0)) $((failed - f0)) "$dt")")
	e2e_say "[$name] $((passed - p0)) passed, $((failed - f0)) failed in ${dt}s (logs $E2E_OUT/logs/$name.*)"
done

echo
echo "End-to-end summary:"
printf '  %s\n' "${summary[@]}"
echo "e2e: run time $(e2e_elapsed)s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
