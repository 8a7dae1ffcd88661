#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Firmware calls per tag batch: boots the emulated platform once on a
# built guest kernel and runs bench/guest/tph_bench_dsm, which sends a
# SET_ST and a GET_ST of N entries over C CPUs and reads the test SSDT's
# _DSM evaluation counters (tph_emu debugfs dsm_evals, dsm_queries).
# The SSDT is platform/acpi/tph-dsm.asl with every processor UID below 64
# given a valid tag, so that all C CPUs resolve.
#
# Usage: bench/dsm.sh [--kernel-dir DIR] [--emu-ko KO] [--asl ASL]
#                     [--label NAME] [--entries N] [--cpus C] [--reps R]
#   --kernel-dir  make O= directory of the guest kernel
#                 (default build/kernel/plain)
#   --emu-ko      tph_emu.ko already built for that kernel (default: build
#                 platform/tph_emu against it)
#   --asl         test SSDT source (default platform/acpi/tph-dsm.asl)
#   --label       names the output: build/bench/dsm[-NAME].txt
# Prints the BENCH-DSM lines (see tph_bench_dsm.c); needs root like
# platform/guest/run.sh.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT=$ROOT/build/bench
kdir=$ROOT/build/kernel/plain
emu_ko=""
asl=$ROOT/platform/acpi/tph-dsm.asl
label=""
entries=64
cpus=4
reps=5
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel-dir) kdir="$2"; shift ;;
	--emu-ko) emu_ko="$2"; shift ;;
	--asl) asl="$2"; shift ;;
	--label) label="$2"; shift ;;
	--entries) entries="$2"; shift ;;
	--cpus) cpus="$2"; shift ;;
	--reps) reps="$2"; shift ;;
	*) sed -n '12,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
	shift
done
sfx=${label:+-$label}
work=$OUT/dsm$sfx
mkdir -p "$work/mod" "$work/logs"
[ -f "$kdir/arch/x86/boot/bzImage" ] ||
	{ echo "dsm.sh: no kernel in $kdir (platform/kernel/build.sh)" >&2; exit 1; }

# tph_emu against this kernel, under the kernel build lock (shared tree).
if [ -z "$emu_ko" ]; then
	cp "$ROOT/platform/tph_emu/tph_emu.c" "$ROOT/platform/tph_emu/Kbuild" \
		"$work/mod/"
	flock "${TPH_CACHE_DIR:-$HOME/.cache/dpdk-tph}/kernel/.lock" \
		nice make -s -C "$kdir" M="$work/mod" modules \
		>"$work/logs/tph_emu.log" 2>&1 ||
		{ cat "$work/logs/tph_emu.log" >&2; exit 1; }
	emu_ko=$work/mod/tph_emu.ko
fi
cp "$kdir/arch/x86/boot/bzImage" "$work/bzImage"

# The test SSDT, with a valid tag for every UID below 64.
sed 's/Name (TPHI, 3)/Name (TPHI, 64)/' "$asl" >"$work/tph-dsm-bench.asl"
grep -q 'Name (TPHI, 64)' "$work/tph-dsm-bench.asl" ||
	{ echo "dsm.sh: cannot raise TPHI in tph-dsm.asl" >&2; exit 1; }
grep -q 'TPHC' "$work/tph-dsm-bench.asl" ||
	{ echo "dsm.sh: tph-dsm.asl has no evaluation counter (TPHC)" >&2; exit 1; }
iasl -p "$work/tph-dsm-bench" "$work/tph-dsm-bench.asl" >"$work/logs/iasl.log" 2>&1 ||
	{ cat "$work/logs/iasl.log" >&2; exit 1; }

uapi=$kdir/usr/include
conf=$ROOT/platform/conformance
gcc -O2 -Wall -Wextra -Werror -std=gnu11 -static -pthread -I"$uapi" -I"$conf" \
	-o "$work/tph_bench_dsm" "$ROOT/bench/guest/tph_bench_dsm.c" \
	"$conf/tph_guest.c" "$conf/tph_test.c" "$conf/tph_vfio.c"

# IV and DS, 64 entries in the capability, 16-bit tags; DS allowed so
# that GET_ST is measured too.
"$ROOT/platform/guest/run.sh" -k "$work/bzImage" -s "$cpus" \
	-A "$work/tph-dsm-bench.aml" -l "$work/logs/guest" \
	-a "vfio_pci.enable_unsafe_tph_ds_mode=1" \
	-m "$emu_ko:modes=7 st_loc=cap st_size=64 ext_req=1 completer=ext" \
	-f "$work/tph_bench_dsm" \
	-c "tph_bench_dsm 0000:01:00.0 $entries $cpus $reps" >"$work/run.txt" 2>&1 ||
	{ cat "$work/run.txt" >&2; exit 1; }
grep -h 'BENCH-DSM' "$work/run.txt" | tr -d '\r' | awk '!seen[$0]++' |
	tee "$OUT/dsm$sfx.txt"
