#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Copyright(c) 2026 The dpdk-tph authors
#
# Check the kernel series kernel-patches/linux-6.12 the way a reviewer
# would, against Debian's Linux 6.12 (see build.sh):
#   1. scripts/checkpatch.pl --strict on every patch: no error, warning
#      or check;
#   2. order: no patch lets user space enable TPH (VFIO_PCI_TPH_ENABLE)
#      before the patches that keep user stores away from an ST table in
#      MSI-X (mmap fault handler) and clear TPH on resets and close;
#   3. apply with git am and build the plain flavor (build.sh);
#   4. W=1 build of drivers/pci/ and drivers/vfio/pci/, with and without
#      the series: no new warning;
#   5. optional (--per-patch): apply the patches one at a time and build
#      after each, so every patch builds on its own;
#   6. optional (--debug): build the debug flavor (KASAN, UBSAN, lockdep).
#
# Usage: platform/kernel/check-series.sh [--per-patch] [--debug] [--no-build]
#   --no-build runs checkpatch and git am only (fast, for CI).
# Exit status 0 when every check passed. Timings are printed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SERIES_DIR="$ROOT/kernel-patches/linux-6.12"
BUILD="$HERE/build.sh"
JOBS="${TPH_KERNEL_JOBS:-$(nproc)}"
GIT_ID=(-c user.name="dpdk-tph developers" -c user.email="dev@dpdk-tph.invalid")

per_patch=0
debug=0
build=1
while [ $# -gt 0 ]; do
	case "$1" in
	--per-patch) per_patch=1 ;;
	--debug) debug=1 ;;
	--no-build) build=0 ;;
	-h|--help) sed -n '5,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "check-series.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done

# checkpatch runs scripts/spdxcheck.py, which needs ply and GitPython from
# the system Python (a pyenv python3 on PATH may lack them).
pkgs=(perl git python3 python3-ply python3-git)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		"${missing[@]}" >&2
fi
export PATH="/usr/bin:$PATH"

T0=$(date +%s)
failed=0
log() { echo "check-series: $*"; }
fail() { echo "check-series: FAIL: $*" >&2; failed=1; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

mapfile -t PATCHES < <(ls "$SERIES_DIR"/[0-9][0-9][0-9][0-9]-*.patch |
	grep -v '/0000-cover-letter.patch$')
[ ${#PATCHES[@]} -gt 0 ] || { echo "no patches in $SERIES_DIR" >&2; exit 1; }

# The pristine tree (extracted and committed by build.sh, once).
PRISTINE=$(TPH_KERNEL_SRC_ONLY=1 "$BUILD" --no-series 2>/dev/null | tail -n1)
[ -d "$PRISTINE/.git" ] || { echo "no pristine tree from build.sh" >&2; exit 1; }
VERSION_DIR=$(dirname "$PRISTINE")

# 1. checkpatch
t=$(date +%s)
for p in "${PATCHES[@]}"; do
	out=$(cd "$PRISTINE" && ./scripts/checkpatch.pl --strict -q \
		"$p" 2>&1 || true)
	if [ -n "$out" ]; then
		fail "checkpatch $(basename "$p"):"
		echo "$out" >&2
	fi
done
log "checkpatch --strict on ${#PATCHES[@]} patches: $([ $failed = 0 ] && echo clean || echo PROBLEMS) ($(elapsed "$t"))"

# 2. order: the first patch adding each line, by pattern
first_adding() { # ERE
	local i
	for ((i = 0; i < ${#PATCHES[@]}; i++)); do
		if grep -qE "^\+.*$1" "${PATCHES[$i]}"; then
			echo $((i + 1))
			return
		fi
	done
	echo 0
}
enable_at=$(first_adding 'case VFIO_PCI_TPH_ENABLE:')
mmap_at=$(first_adding 'vfio_pci_tph_hides_pages\(vdev, bar')
reset_at=$(first_adding 'vfio_pci_tph_clear_locked\(vdev\);')
if [ "$enable_at" = 0 ] || [ "$mmap_at" = 0 ] || [ "$reset_at" = 0 ]; then
	fail "order: ENABLE (patch $enable_at), mmap protection ($mmap_at) or reset clearing ($reset_at) not found"
elif [ "$enable_at" -le "$mmap_at" ] || [ "$enable_at" -le "$reset_at" ]; then
	fail "order: patch $enable_at exposes ENABLE before its protections (mmap: patch $mmap_at, resets: patch $reset_at)"
else
	log "order: ENABLE in patch $enable_at, after the mmap protection ($mmap_at) and the reset clearing ($reset_at)"
fi

# 3. git am into a scratch worktree (build.sh applies to its own tree)
t=$(date +%s)
SCRATCH="$VERSION_DIR/check"
git -C "$PRISTINE" worktree prune
[ -e "$SCRATCH/.git" ] ||
	git -C "$PRISTINE" worktree add -q -B check "$SCRATCH" pristine
git -C "$SCRATCH" am --abort >/dev/null 2>&1 || true
git -C "$SCRATCH" reset -q --hard pristine
if git -C "$SCRATCH" "${GIT_ID[@]}" am -q "${PATCHES[@]}"; then
	log "git am of ${#PATCHES[@]} patches: ok ($(elapsed "$t"))"
else
	git -C "$SCRATCH" am --abort >/dev/null 2>&1 || true
	fail "git am"
	exit 1
fi

[ $build = 1 ] || { log "done in $(elapsed "$T0"), build skipped"; exit $failed; }

# 4. builds, then W=1 of the touched directories with and without series
t=$(date +%s)
"$BUILD" --no-series >/dev/null || fail "build without series"
"$BUILD" >/dev/null || fail "build with series"
log "plain builds: $([ $failed = 0 ] && echo ok || echo FAILED) ($(elapsed "$t"))"

w1_warnings() {
	local src="$1" out="$2"
	# W=1 changes the flags, so these objects are rebuilt; the next
	# normal build rebuilds them again (ccache makes both cheap).
	flock "$(dirname "$VERSION_DIR")/.lock" \
	nice make -C "$src" O="$out" CC="ccache gcc" -j"$JOBS" -s W=1 \
		drivers/pci/ drivers/vfio/pci/ 2>&1 >/dev/null |
		{ grep -E 'warning:' || true; } |
		sed -E -e 's#^.*/(drivers|include|arch)/#\1/#' \
		       -e 's#:[0-9]+:[0-9]+:#:#' |
		sort -u
}
t=$(date +%s)
SRC_SERIES=$(TPH_KERNEL_SRC_ONLY=1 "$BUILD" 2>/dev/null | tail -n1)
w1_warnings "$PRISTINE" "$ROOT/build/kernel/plain-noseries" >"$ROOT/build/kernel/w1-pristine.txt"
w1_warnings "$SRC_SERIES" "$ROOT/build/kernel/plain" >"$ROOT/build/kernel/w1-series.txt"
new=$(comm -13 "$ROOT/build/kernel/w1-pristine.txt" "$ROOT/build/kernel/w1-series.txt")
if [ -n "$new" ]; then
	fail "new W=1 warnings in drivers/pci/ or drivers/vfio/pci/:"
	echo "$new" >&2
else
	log "W=1 drivers/pci/ drivers/vfio/pci/: no new warning" \
	    "($(wc -l <"$ROOT/build/kernel/w1-pristine.txt") before and after, $(elapsed "$t"))"
fi
# Put the normal objects back so the next build.sh run is quick.
"$BUILD" --no-series >/dev/null
"$BUILD" >/dev/null

# 5. every patch builds on its own. This reuses build.sh's series tree and
# plain build directory, so that ccache and make only redo what each patch
# changes; build.sh puts the full series back afterwards.
if [ $per_patch = 1 ]; then
	t=$(date +%s)
	SERIES_TREE="$VERSION_DIR/series"
	OUT="$ROOT/build/kernel/plain"
	exec 9>"$(dirname "$VERSION_DIR")/.lock"
	flock 9
	cp "$OUT/.config" "$VERSION_DIR/full-series.config"
	git -C "$SERIES_TREE" reset -q --hard pristine
	n=0
	for p in "${PATCHES[@]}"; do
		n=$((n + 1))
		tp=$(date +%s)
		git -C "$SERIES_TREE" "${GIT_ID[@]}" am -q "$p"
		# Options a patch does not know yet are dropped by olddefconfig.
		cp "$VERSION_DIR/full-series.config" "$OUT/.config"
		if nice make -C "$SERIES_TREE" O="$OUT" CC="ccache gcc" -j"$JOBS" -s \
			olddefconfig bzImage modules >"$OUT/per-patch-$n.log" 2>&1; then
			warn=$(grep -c 'warning:' "$OUT/per-patch-$n.log" || true)
			log "patch $n/${#PATCHES[@]} $(basename "$p"): builds, $warn warnings ($(elapsed "$tp"))"
			[ "$warn" = 0 ] || grep 'warning:' "$OUT/per-patch-$n.log" >&2
		else
			fail "patch $n $(basename "$p") does not build, see $OUT/per-patch-$n.log"
			tail -20 "$OUT/per-patch-$n.log" >&2
			break
		fi
	done
	cp "$VERSION_DIR/full-series.config" "$OUT/.config"
	flock -u 9
	"$BUILD" >/dev/null || fail "rebuild of the full series"
	log "per-patch builds: $(elapsed "$t")"
fi

# 6. debug flavor
if [ $debug = 1 ]; then
	t=$(date +%s)
	if "$BUILD" --flavor debug >/dev/null; then
		log "debug flavor build: ok ($(elapsed "$t"))"
	else
		fail "debug flavor build"
	fi
fi

log "done in $(elapsed "$T0"): $([ $failed = 0 ] && echo PASS || echo FAIL)"
exit $failed
