#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Control path benchmark on the emulated TPH platform: TPH ioctls per port
# start and per rebinding for Q = 1, 2, 4, 8, 16 queue pairs, counted by
# lib/tph (telemetry) and cross-checked by the kernel's config accesses
# (tph_emu), plus the config accesses of one N-entry SET_ST against N
# one-entry SET_STs. One guest boot per Q (bench/control.py has the steps
# and the report).
#
# Usage: bench/control.sh [--no-build] [--queues "1 2 4 8 16"]
#                         [--testpmd PATH] [--label NAME]
#   --no-build   use the kernel, tph_emu and guest tools already built
#   --testpmd    testpmd to run in the guest (default: ours, build/dpdk)
#   --label      names the results: build/bench/control[-NAME].json
# Needs root (tap devices) like platform/e2e. Takes a few minutes.

set -uo pipefail
E2E_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The end-to-end suite's build steps (kernel, tph_emu, stripped testpmd).
# shellcheck source=platform/e2e/e2e-lib.sh
source "$E2E_ROOT/platform/e2e/e2e-lib.sh"
BENCH=$E2E_ROOT/bench
OUT=$TPH_BUILD_DIR/bench
GBIN=$OUT/guest
# Table in the capability, as large as it can be there (64 entries), so
# every ST write is a config access tph_emu counts.
EMU_PARAMS="modes=3 st_loc=cap st_size=64"

build=1
queues="1 2 4 8 16"
testpmd=""
label=""
while [ $# -gt 0 ]; do
	case "$1" in
	--no-build) build=0 ;;
	--queues) queues="$2"; shift ;;
	--testpmd) testpmd="$2"; shift ;;
	--label) label="$2"; shift ;;
	*) sed -n '13,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
	shift
done
mkdir -p "$OUT/logs" "$GBIN"

if [ "$build" = 1 ]; then
	if [ -n "$testpmd" ]; then
		e2e_step "Debian packages" "$OUT/logs/control-apt.log" e2e_deps &&
		e2e_build_kernel plain &&
		e2e_step "tph_emu module" "$OUT/logs/control-tph_emu.log" \
			e2e_snapshot_kernel plain &&
		e2e_step "guest tools" "$OUT/logs/control-tools.log" \
			e2e_build_tools || exit 1
	else
		e2e_build_all plain || exit 1
	fi
fi
testpmd=${testpmd:-$E2E_TESTPMD_SRC}
[ -x "$testpmd" ] || tph_die "no testpmd at $testpmd"
uapi=$E2E_ROOT/build/kernel/plain/usr/include
[ -f "$uapi/linux/vfio.h" ] || tph_die "no kernel UAPI headers in $uapi (build the plain kernel)"
for f in bzImage tph_emu.ko; do
	[ -f "$E2E_OUT/plain/$f" ] || tph_die "no $E2E_OUT/plain/$f (run without --no-build)"
done

# Guest programs: static, so the initramfs needs no libraries for them.
cflags=(-O2 -Wall -Wextra -Werror -std=gnu11 -static)
gcc "${cflags[@]}" -o "$GBIN/tph_bench_snap" "$BENCH/guest/tph_bench_snap.c" ||
	exit 1
conf=$E2E_ROOT/platform/conformance
gcc "${cflags[@]}" -pthread -I"$uapi" -I"$conf" -o "$GBIN/tph_bench_batch" \
	"$BENCH/guest/tph_bench_batch.c" "$conf/tph_guest.c" "$conf/tph_test.c" \
	"$conf/tph_vfio.c" || exit 1
# Debug info is half of testpmd: a smaller initramfs boots faster.
strip -o "$GBIN/dpdk-testpmd" "$testpmd" || exit 1

sfx=${label:+-$label}
logs=()
first=1
for q in $queues; do
	name=control$sfx-q$q
	"$E2E_PY" "$BENCH/control.py" steps "$q" >"$OUT/$name.steps" || exit 1
	args=(-k "$E2E_OUT/plain/bzImage" -s 4 -q "$q" -t 1800
	      -l "$OUT/logs/$name" -A "$E2E_OUT/tph-dsm.aml"
	      -m "$E2E_OUT/plain/tph_emu.ko:$EMU_PARAMS"
	      -f "$GBIN/dpdk-testpmd" -f "$GBIN/tph_bench_snap"
	      -f "$E2E_OUT/bin/tph_e2e_linebuf.so:/lib/tph_e2e_linebuf.so"
	      -f "$E2E_DIR/guest-session.sh:/bin/tph-e2e-session"
	      -f "$OUT/$name.steps:/etc/bench.steps")
	# The direct ioctl comparison needs the device free: before testpmd.
	if [ "$first" = 1 ]; then
		args+=(-f "$GBIN/tph_bench_batch" -c "tph_bench_batch 0000:01:00.0 5")
		first=0
	fi
	args+=(-c "sh /bin/tph-e2e-session /etc/bench.steps")
	e2e_say "[Q=$q] booting the guest ($q queue pairs, tph_emu $EMU_PARAMS)"
	"$E2E_ROOT/platform/guest/run.sh" "${args[@]}" >"$OUT/logs/$name.report" 2>&1 ||
		{ tail -n 20 "$OUT/logs/$name.report"; tph_die "guest run for Q=$q failed"; }
	logs+=("$OUT/logs/$name.out")
done

"$E2E_PY" "$BENCH/control.py" report --out "$OUT/control$sfx.json" \
	--label "${label:-ours}" --testpmd "$testpmd" \
	--platform "tph_emu $EMU_PARAMS, 4 CPUs, TCG" "${logs[@]}"
