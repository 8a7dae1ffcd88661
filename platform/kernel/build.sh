#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Copyright(c) 2026 The dpdk-tph authors
#
# Build the guest kernel: Debian's Linux 6.12 LTS source (pinned .deb,
# checksum-verified), optionally with the kernel-patches/linux-6.12 series,
# from tinyconfig plus the fragments in this directory.
#
# Usage: platform/kernel/build.sh [--flavor plain|debug] [--no-series]
#                                 [--prepare-only] [--extra-make TARGET]...
#
# Output: build/kernel/<flavor>[-noseries]/ (make O= directory) with
# arch/x86/boot/bzImage, Module.symvers (out-of-tree modules build against
# it) and usr/include (installed UAPI headers).
#
# Environment: TPH_CACHE_DIR (default ~/.cache/dpdk-tph), TPH_KERNEL_JOBS
# (default nproc), TPH_KERNEL_SRC_ONLY=1 prints the source tree and exits.
set -euo pipefail

PIN_VERSION="6.12.117-1~deb12u1"
PIN_SHA256="e849faf31ca3555757f3a8877cb01af92122f744f75d1f3102734651c4e14703"
PKG="linux-source-6.12"
GIT_ID=(-c user.name="dpdk-tph developers" -c user.email="dev@dpdk-tph.invalid"
	-c core.autocrlf=false -c gc.auto=0)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SERIES_DIR="$ROOT/kernel-patches/linux-6.12"
CACHE="${TPH_CACHE_DIR:-$HOME/.cache/dpdk-tph}/kernel"
JOBS="${TPH_KERNEL_JOBS:-$(nproc)}"

flavor=plain
use_series=1
prepare_only=0
extra_targets=()

die() { echo "build.sh: error: $*" >&2; exit 1; }
log() { echo "build.sh: $*" >&2; }
usage() {
	sed -n '9,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit "${1:-2}"
}

while [ $# -gt 0 ]; do
	case "$1" in
	--flavor) [ $# -ge 2 ] || usage; flavor="$2"; shift 2 ;;
	--flavor=*) flavor="${1#--flavor=}"; shift ;;
	--no-series) use_series=0; shift ;;
	--prepare-only) prepare_only=1; shift ;;
	--extra-make) [ $# -ge 2 ] || usage; extra_targets+=("$2"); shift 2 ;;
	-h|--help) usage 0 ;;
	*) echo "build.sh: unknown argument '$1'" >&2; usage ;;
	esac
done
case "$flavor" in
plain|debug) ;;
*) die "unknown flavor '$flavor' (plain or debug)" ;;
esac

T0=$(date +%s)
step_t=$T0
step() {
	local now
	now=$(date +%s)
	log "[$((now - step_t))s] $1 done (total $((now - T0))s)"
	step_t=$now
}

# --- apt dependencies (only calls apt-get when something is missing) ------
install_deps() {
	local pkgs=(bc bison flex libelf-dev libssl-dev ccache cpio xz-utils
		dpkg-dev git make gcc perl python3 kmod rsync util-linux)
	local missing=() p
	for p in "${pkgs[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y --no-install-recommends "${missing[@]}" >&2 ||
			{ apt-get update >&2 &&
			  apt-get install -y --no-install-recommends "${missing[@]}" >&2; }
	fi
}
install_deps

mkdir -p "$CACHE"
# One kernel build of this project at a time: the machine is shared.
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
	log "another kernel build holds $CACHE/.lock, waiting"
	flock 9
fi

# --- source package ------------------------------------------------------
sha_of() { sha256sum "$1" | cut -d' ' -f1; }

fetch_deb() {
	local deb="$CACHE/${PKG}_${PIN_VERSION}_all.deb"
	if [ -f "$deb" ] && [ "$(sha_of "$deb")" = "$PIN_SHA256" ]; then
		echo "$deb"
		return
	fi
	rm -f "$deb"
	log "downloading $PKG=$PIN_VERSION"
	if (cd "$CACHE" && apt-get download "$PKG=$PIN_VERSION" >&2 ||
	    { apt-get update >&2 && apt-get download "$PKG=$PIN_VERSION" >&2; }); then
		[ "$(sha_of "$deb")" = "$PIN_SHA256" ] ||
			die "$deb: sha256 $(sha_of "$deb") != pinned $PIN_SHA256"
		echo "$deb"
		return
	fi
	# The security archive drops old versions: fall back, loudly.
	local ver
	ver=$(apt-cache policy "$PKG" | sed -n 's/^ *Candidate: //p')
	[ -n "$ver" ] && [ "$ver" != "(none)" ] ||
		die "no $PKG in the apt archive"
	(cd "$CACHE" && apt-get download "$PKG=$ver" >&2) ||
		die "cannot download $PKG=$ver"
	deb="$CACHE/${PKG}_${ver//:/%3a}_all.deb"
	{
		echo "################################################################"
		echo "WARNING: pinned $PKG $PIN_VERSION is gone from the archive."
		echo "WARNING: using $ver instead, sha256 $(sha_of "$deb") (NOT pinned)."
		echo "WARNING: update PIN_VERSION/PIN_SHA256 in $0"
		echo "################################################################"
	} >&2
	echo "$deb"
}

DEB=$(fetch_deb)
DEB_BASE=$(basename "$DEB" _all.deb)
VERSION_DIR="$CACHE/${DEB_BASE//\~/_}"
PRISTINE="$VERSION_DIR/pristine"
SERIES_TREE="$VERSION_DIR/series"

# Extract once and commit the pristine tree, so `git am` can apply the series.
if [ ! -f "$VERSION_DIR/.pristine-ready" ]; then
	log "extracting $(basename "$DEB") (once)"
	rm -rf "$VERSION_DIR"
	mkdir -p "$VERSION_DIR/deb"
	dpkg-deb -x "$DEB" "$VERSION_DIR/deb"
	tar -xJf "$VERSION_DIR/deb/usr/src/$PKG.tar.xz" -C "$VERSION_DIR"
	rm -rf "$VERSION_DIR/deb"
	mv "$VERSION_DIR/$PKG" "$PRISTINE"
	step "extract"
	log "committing the pristine tree (once)"
	git -C "$PRISTINE" "${GIT_ID[@]}" init -q -b debian
	# -f: the tarball is the truth, even for paths the kernel .gitignore lists.
	git -C "$PRISTINE" "${GIT_ID[@]}" add -f -A .
	git -C "$PRISTINE" "${GIT_ID[@]}" commit -q -m "Debian $PKG $DEB_BASE (pristine)"
	git -C "$PRISTINE" tag pristine
	touch "$VERSION_DIR/.pristine-ready"
	step "pristine git commit"
fi

# The series tree is a worktree of the pristine repository.
if [ ! -e "$SERIES_TREE/.git" ]; then
	log "creating the series worktree (once)"
	rm -rf "$SERIES_TREE" "$VERSION_DIR/series.stamp"
	git -C "$PRISTINE" worktree prune
	git -C "$PRISTINE" "${GIT_ID[@]}" worktree add -q -B series "$SERIES_TREE" pristine
	step "series worktree"
fi

# Apply the series incrementally: keep the commits of the unchanged leading
# patches (so untouched files keep their mtimes), re-apply from the first
# patch that changed.
apply_series() {
	local stamp="$VERSION_DIR/series.stamp"
	local patches=() shas=() p
	shopt -s nullglob
	for p in "$SERIES_DIR"/[0-9][0-9][0-9][0-9]-*.patch; do
		case "$(basename "$p")" in 0000-cover-letter.patch) continue ;; esac
		patches+=("$p")
		shas+=("$(sha_of "$p")")
	done
	shopt -u nullglob
	[ ${#patches[@]} -gt 0 ] ||
		log "WARNING: no patches in $SERIES_DIR, series tree = pristine"

	local old_shas=() old_commits=() line
	if [ -f "$stamp" ]; then
		while read -r line; do
			old_shas+=("${line%% *}")
			old_commits+=("${line##* }")
		done <"$stamp"
	fi
	local keep=0
	while [ $keep -lt ${#shas[@]} ] && [ $keep -lt ${#old_shas[@]} ] &&
	      [ "${shas[$keep]}" = "${old_shas[$keep]}" ]; do
		keep=$((keep + 1))
	done
	local base=pristine
	[ $keep -eq 0 ] || base="${old_commits[$((keep - 1))]}"

	local g=(git -C "$SERIES_TREE" "${GIT_ID[@]}")
	"${g[@]}" am --abort >/dev/null 2>&1 || true
	local want_head
	if [ $keep -eq ${#shas[@]} ] && [ $keep -eq ${#old_shas[@]} ]; then
		want_head="$base"
		[ $keep -gt 0 ] || want_head=$(git -C "$PRISTINE" rev-parse pristine)
		if [ "$("${g[@]}" rev-parse HEAD)" = "$want_head" ] &&
		   [ -z "$("${g[@]}" status --porcelain --untracked-files=no)" ]; then
			return 0
		fi
	fi
	if ! "${g[@]}" cat-file -e "$base^{commit}" 2>/dev/null; then
		base=pristine
		keep=0
	fi
	log "series: keeping $keep patch(es), applying $(( ${#patches[@]} - keep ))"
	rm -f "$stamp"
	"${g[@]}" reset -q --hard "$base"
	"${g[@]}" clean -q -fdx
	local i commits=()
	for ((i = 0; i < keep; i++)); do
		commits+=("${old_commits[$i]}")
	done
	for ((i = keep; i < ${#patches[@]}; i++)); do
		if ! "${g[@]}" am -q --whitespace=nowarn "${patches[$i]}" >&2; then
			"${g[@]}" am --abort >/dev/null 2>&1 || true
			die "patch $(basename "${patches[$i]}") does not apply to $DEB_BASE"
		fi
		commits+=("$("${g[@]}" rev-parse HEAD)")
	done
	for ((i = 0; i < ${#patches[@]}; i++)); do
		echo "${shas[$i]} ${commits[$i]}"
	done >"$stamp"
}

if [ $use_series -eq 1 ]; then
	apply_series
	SRC="$SERIES_TREE"
	OUT="$ROOT/build/kernel/$flavor"
else
	SRC="$PRISTINE"
	OUT="$ROOT/build/kernel/$flavor-noseries"
fi
step "source tree ready"
if [ "${TPH_KERNEL_SRC_ONLY:-0}" = 1 ]; then
	echo "$SRC"
	exit 0
fi

# --- configuration ---------------------------------------------------------
fragments=("$HERE/tiny.config")
[ $use_series -eq 0 ] || fragments+=("$HERE/tph.config")
[ "$flavor" != debug ] || fragments+=("$HERE/debug.config")
[ ! -f "$HERE/guest.config" ] || fragments+=("$HERE/guest.config")

export KBUILD_BUILD_TIMESTAMP="2026-01-01"
export KBUILD_BUILD_USER="dpdk-tph"
export KBUILD_BUILD_HOST="build"
export CCACHE_BASEDIR="$VERSION_DIR"
MAKE=(nice make -C "$SRC" O="$OUT" CC="ccache gcc" -j"$JOBS")
mkdir -p "$OUT"

# Fail loudly when kconfig dropped a requested value (missing dependency).
verify_config() {
	local cfg="$1" frag line sym val bad=0
	shift
	for frag in "$@"; do
		while IFS= read -r line; do
			case "$line" in
			CONFIG_*=*)
				sym="${line%%=*}"; val="${line#*=}"
				if ! grep -qxF "$sym=$val" "$cfg"; then
					echo "  $(basename "$frag"): wanted $sym=$val," \
					     "got: $(grep -E "^(# )?$sym[= ]" "$cfg" || echo unset)" >&2
					bad=1
				fi ;;
			"# CONFIG_"*" is not set")
				sym="${line#\# }"; sym="${sym%% *}"
				if grep -qE "^$sym=" "$cfg"; then
					echo "  $(basename "$frag"): wanted $sym unset," \
					     "got: $(grep -E "^$sym=" "$cfg")" >&2
					bad=1
				fi ;;
			esac
		done <"$frag"
	done
	return $bad
}

cfg_key=$( { echo "$SRC $(git -C "$SRC" rev-parse HEAD)";
	     cat "${fragments[@]}"; } | sha256sum | cut -d' ' -f1)
if [ ! -f "$OUT/.config" ] || [ "$(cat "$OUT/.tph-config-key" 2>/dev/null)" != "$cfg_key" ]; then
	log "configuring $OUT: tinyconfig + ${fragments[*]##*/}"
	old_cfg=""
	if [ -f "$OUT/.config" ]; then
		old_cfg="$OUT/.config.tph-old"
		cp -p "$OUT/.config" "$old_cfg"
	fi
	"${MAKE[@]}" -s tinyconfig >&2
	(cd "$OUT" && KCONFIG_CONFIG=.config \
		"$SRC/scripts/kconfig/merge_config.sh" -m -O "$OUT" .config \
		"${fragments[@]}" >/dev/null)
	"${MAKE[@]}" -s olddefconfig >&2
	if ! verify_config "$OUT/.config" "${fragments[@]}"; then
		rm -f "$OUT/.tph-config-key"
		die "kernel config is missing requested options (see above)"
	fi
	# Same content as before: keep the old mtime so nothing rebuilds.
	if [ -n "$old_cfg" ]; then
		cmp -s "$old_cfg" "$OUT/.config" && touch -r "$old_cfg" "$OUT/.config"
		rm -f "$old_cfg"
	fi
	echo "$cfg_key" >"$OUT/.tph-config-key"
	step "config"
fi
[ $prepare_only -eq 0 ] || { echo "$OUT"; exit 0; }

# --- build -----------------------------------------------------------------
log "building $OUT (make -j$JOBS, ccache)"
"${MAKE[@]}" -s bzImage modules "${extra_targets[@]}" >&2
step "bzImage + modules"
"${MAKE[@]}" -s modules_prepare >&2
"${MAKE[@]}" -s headers_install INSTALL_HDR_PATH="$OUT/usr" >&2
step "modules_prepare + headers_install"

[ -f "$OUT/arch/x86/boot/bzImage" ] || die "no bzImage produced"
[ -f "$OUT/Module.symvers" ] || die "no Module.symvers produced"
log "kernel $(cat "$OUT/include/config/kernel.release") ready in $(( $(date +%s) - T0 ))s"
echo "$OUT/arch/x86/boot/bzImage"
