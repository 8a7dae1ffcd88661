#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Kernel conformance run on the emulated TPH platform: builds the guest
# kernels (plain and debug, with the kernel-patches series), the tph_emu
# module, the test SSDT and the guest test programs, then boots one guest
# per configuration and runs the VFIO_DEVICE_PCI_TPH suite in it.
#
# Usage: platform/test-kernel.sh [--no-build] [--no-debug] [--only NAME]
#                                [--with-unpatched] [--pending] [--kernels DIR]
#   --no-build        reuse built kernels (still rebuilds module/programs)
#   --no-debug        skip the debug-kernel stress configuration
#   --only NAME       run one configuration (see CONFIGS below)
#   --with-unpatched  also boot the kernel without the series (-ENOTTY)
#   --pending         also the cases and configurations that need kernel
#                     fixes not merged yet (TPH_PENDING=1; none at present)
#   --kernels DIR     use the kernel build directories DIR/<flavor> (e.g.
#                     another worktree's build/kernel); implies --no-build
#
# Ends with "N passed, N failed" (suite cases plus one check per boot for
# crashes and kernel splats) and exits non-zero on any failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$ROOT/build/platform"
LOGS="$OUT/logs"

build=1
debug=1
only=""
unpatched=0
pending=0
kernels_dir=""
while [ $# -gt 0 ]; do
	case "$1" in
	--no-build) build=0 ;;
	--no-debug) debug=0 ;;
	--only) only="$2"; shift ;;
	--with-unpatched) unpatched=1 ;;
	--pending) pending=1 ;;
	--kernels) kernels_dir="$2"; build=0; shift ;;
	*) sed -n '9,18p' "$0" >&2; exit 2 ;;
	esac
	shift
done

T0=$(date +%s)
log() { echo "test-kernel: $*"; }
die() { echo "test-kernel: error: $*" >&2; exit 1; }

deps=(qemu-system-x86 acpica-tools busybox-static cpio gcc make libc6-dev
      file iproute2 bc bison flex libelf-dev libssl-dev)
missing=()
for p in "${deps[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "installing ${missing[*]}"
	apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null ||
		{ apt-get update >/dev/null && apt-get install -y \
			--no-install-recommends "${missing[@]}" >/dev/null; }
fi

mkdir -p "$LOGS"
# One run at a time: runs share the logs and the module build directories.
exec 9>"$OUT/.lock"
if ! flock -n 9; then
	log "another run holds $OUT/.lock, waiting"
	flock 9
fi
flavors=(plain)
[ "$debug" = 0 ] || flavors+=(debug)

# --- builds ---------------------------------------------------------------
kdir() { echo "${kernels_dir:-$ROOT/build/kernel}/$1"; }
if [ "$build" = 1 ]; then
	for f in "${flavors[@]}"; do
		log "building the $f kernel (log $LOGS/kernel-$f.log)"
		nice "$HERE/kernel/build.sh" --flavor "$f" >"$LOGS/kernel-$f.log" 2>&1 ||
			{ tail -30 "$LOGS/kernel-$f.log"; die "$f kernel build failed"; }
	done
	if [ "$unpatched" = 1 ]; then
		log "building the kernel without the series"
		nice "$HERE/kernel/build.sh" --no-series >"$LOGS/kernel-noseries.log" 2>&1 ||
			{ tail -30 "$LOGS/kernel-noseries.log"; die "unpatched kernel build failed"; }
	fi
fi

# The module is built out of the source tree so the repo stays clean.
build_module() {
	local kd="$1" dst="$2"
	rm -rf "$dst"
	mkdir -p "$dst"
	cp "$HERE/tph_emu/tph_emu.c" "$HERE/tph_emu/Kbuild" "$dst/"
	nice make -s -C "$kd" M="$dst" modules >"$dst.log" 2>&1 ||
		{ cat "$dst.log"; die "tph_emu build against $kd failed"; }
}
kernels=()
for f in "${flavors[@]}"; do kernels+=("$f"); done
[ "$unpatched" = 0 ] || kernels+=(plain-noseries)
for k in "${kernels[@]}"; do
	[ -f "$(kdir "$k")/arch/x86/boot/bzImage" ] || die "no kernel $(kdir "$k")"
	build_module "$(kdir "$k")" "$OUT/tph_emu-$k"
done
log "building the guest test programs against $(kdir plain)/usr/include"
make -s -C "$HERE/conformance" UAPI="$(kdir plain)/usr/include" OUT="$OUT/bin" \
	>"$LOGS/programs.log" 2>&1 || { cat "$LOGS/programs.log"; die "test programs failed to build"; }
TB=$(date +%s)

# The uid-map SSDT: the test SSDT with tags for UIDs 0-3 (TPHI 4).
uidmap_aml="$OUT/tph-dsm-uid-map.aml"
sed 's/Name (TPHI, 3)/Name (TPHI, 4)/' "$HERE/acpi/tph-dsm.asl" >"${uidmap_aml%.aml}.asl"
grep -q 'Name (TPHI, 4)' "${uidmap_aml%.aml}.asl" || die "no TPHI in the test SSDT"
iasl -p "${uidmap_aml%.aml}" "${uidmap_aml%.aml}.asl" >"$LOGS/iasl-uid-map.log" 2>&1 ||
	{ cat "$LOGS/iasl-uid-map.log"; die "uid-map SSDT failed to build"; }

# --- configurations -------------------------------------------------------
# name | kernel | tph_emu parameters | extra kernel args | guest commands
#      | guest/run.sh options
# cap adds an Advanced Features capability at 0xf0, free config space of
# QEMU 7.2's virtio-net-pci (its last capability, MSI-X at 0xdc, ends at 0xe8) (tph_emu refuses the spot if it is not).
# msix-small: ST Table Size field 3 below an MSI-X table of 6. rciep: an
# e1000e on pcie.0, which has AER at 0x100, so the TPH capability goes to
# 0x200. uid-map leaves socket 1 out: Linux CPUs 0-3 have ACPI UIDs 0, 2, 3, 4, and
# its SSDT gives UIDs 0-3 a tag (TPHI 4), so a kernel passing CPU numbers
# for UIDs gets valid but wrong tags.
CONFIGS=(
"cap|plain|modes=3 st_loc=cap st_size=64 ext_req=1 completer=ext flr_keeps_state=1 af_pos=0xf0||tph_conformance cap"
"fw-on|plain|modes=3 st_loc=cap st_size=8 ext_req=1 completer=ext fw_enabled=1||tph_conformance fw-on"
"no-completer|plain|modes=3 st_loc=cap st_size=8 completer=none||tph_conformance no-completer"
"msix-small|plain|modes=3 st_loc=msix st_size=3 ext_req=1 completer=ext||tph_conformance msix-small"
"rciep|plain|modes=3 st_loc=msix ext_req=1 bdf=0000:00:05.0 pos=0x200||tph_conformance rciep|-r"
"uid-map|plain|modes=3 st_loc=cap st_size=16 ext_req=1 completer=ext||tph_conformance uid-map|-s 1,maxcpus=5,sockets=5,cores=1,threads=1 -C socket-id=2 -C socket-id=3 -C socket-id=4 -A $uidmap_aml"
"ds-off|plain|modes=7 st_loc=cap st_size=8 ext_req=1 completer=tph||tph_conformance ds-off"
"ds-on|plain|modes=7 st_loc=cap st_size=8 completer=tph|vfio_pci.enable_unsafe_tph_ds_mode=1|tph_conformance ds-on"
"msix|plain|modes=3 st_loc=msix ext_req=1 completer=ext||tph_conformance msix"
"no-table|plain|modes=5 st_loc=none completer=tph|vfio_pci.enable_unsafe_tph_ds_mode=1|tph_conformance no-table"
"notph|plain|modes=3 st_loc=cap fw_enabled=1 flr_keeps_state=1|pci=notph|tph_conformance notph"
"absent|plain|absent=1||tph_conformance absent"
)
[ "$debug" = 0 ] || CONFIGS+=(
"debug-stress|debug|modes=7 st_loc=cap st_size=16 ext_req=1 completer=ext flr_keeps_state=1|vfio_pci.enable_unsafe_tph_ds_mode=1|tph_stress 12000 4;tph_conformance ds-on;rmmod tph_emu && insmod /lib/modules/tph_emu.ko modes=3 st_loc=msix ext_req=1 completer=ext && tph-bind-vfio && tph_conformance msix && tph_stress 2000 2"
)
[ "$unpatched" = 0 ] || CONFIGS+=(
"unpatched|plain-noseries|modes=3 st_loc=cap||tph_conformance enotty"
)

total_pass=0
total_fail=0
summary=()
for cfg in "${CONFIGS[@]}"; do
	IFS='|' read -r name kflavor params kargs cmds runopts <<<"$cfg"
	[ -z "$only" ] || [ "$only" = "$name" ] || continue
	args=(-k "$(kdir "$kflavor")/arch/x86/boot/bzImage" -s 4
	      -l "$LOGS/$name" -t 900
	      -m "$OUT/tph_emu-$kflavor/tph_emu.ko:$params"
	      -f "$OUT/bin/tph_conformance" -f "$OUT/bin/tph_stress")
	[ -z "$kargs" ] || args+=(-a "$kargs")
	# shellcheck disable=SC2206 # run.sh options are separate words
	[ -z "$runopts" ] || args+=($runopts)
	IFS=';' read -r -a cmdlist <<<"$cmds"
	for c in "${cmdlist[@]}"; do
		[ "$pending" = 0 ] || c="export TPH_PENDING=1; $c"
		args+=(-c "$c")
	done
	log "[$name] booting ($kflavor kernel, tph_emu $params${kargs:+, $kargs})"
	t=$(date +%s)
	set +e
	"$HERE/guest/run.sh" "${args[@]}" >"$LOGS/$name.report" 2>&1
	rc=$?
	set -e
	dt=$(( $(date +%s) - t ))
	# Suite totals from every program's closing line.
	p=0; f=0
	while read -r a b; do
		p=$((p + a)); f=$((f + b))
	done < <(tr -d '\r' <"$LOGS/$name.out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
	grep -E '^(FAIL|stress:|TPH-BATCH-COST|TPH-DSM-EVALS)' "$LOGS/$name.out" | tr -d '\r' | sed "s/^/  [$name] /" || true
	# One more check per boot: the guest finished and the kernel log is clean.
	if [ "$rc" = 0 ]; then
		p=$((p + 1))
	else
		f=$((f + 1))
		grep 'run.sh: FAIL' "$LOGS/$name.report" | sed "s/^/  [$name] /" || true
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	summary+=("$(printf '%-14s %4d passed %3d failed %4ds' "$name" "$p" "$f" "$dt")")
	log "[$name] $p passed, $f failed in ${dt}s (report $LOGS/$name.report)"
done

echo
echo "Kernel conformance summary:"
printf '  %s\n' "${summary[@]}"
if [ -f "$LOGS/cap.out" ] && { [ -z "$only" ] || [ "$only" = cap ]; }; then
	echo "Config accesses per SET_ST batch (tph_emu counters, target <= N + 4):"
	tr -d '\r' <"$LOGS/cap.out" | sed -n 's/^TPH-BATCH-COST n=\([0-9]*\) reads=\([0-9]*\) writes=\([0-9]*\) total=\([0-9]*\).*/  N=\1: \4 accesses (\2 reads, \3 writes)/p'
	echo "_DSM evaluations per SET_ST batch (test SSDT counters, target = distinct CPUs):"
	tr -d '\r' <"$LOGS/cap.out" | sed -n 's/^TPH-DSM-EVALS n=\([0-9]*\) pairs=\([0-9]*\) evals=\([0-9]*\) queries=\([0-9]*\)$/  N=\1 over \2 CPUs: \3 evaluations, \4 support queries/p'
fi
echo "Time: builds $((TB - T0))s, guests $(( $(date +%s) - TB ))s, total $(( $(date +%s) - T0 ))s"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ] && [ "$total_pass" -gt 0 ]
