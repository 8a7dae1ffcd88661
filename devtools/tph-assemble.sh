#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Assemble the DPDK tree that meson builds (subprojects/dpdk):
#   pristine 22.11 source
#   + dpdk-patches/series applied in order (changes to upstream files)
#   + symlinks to this repository's new files (lib/ drivers/ app/ doc/ examples/)
# Only files whose content changed are rewritten, so ninja rebuilds only
# what a change touches. Does nothing when its inputs are unchanged.

set -eu -o pipefail
source "$(dirname "$0")/tph-env.sh"

tph_apt_install rsync patch
pristine=$("$TPH_TOP/devtools/tph-fetch-dpdk.sh")
dest=$TPH_TOP/subprojects/dpdk
series=$TPH_TOP/dpdk-patches/series
overlay_dirs=(lib drivers app doc examples)

cd "$TPH_TOP"
mapfile -t patches < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$series")
mapfile -t overlay < <(find "${overlay_dirs[@]}" -type f 2>/dev/null | sort)

stamp=$( {
	echo "$pristine"
	for p in "${patches[@]}"; do sha256sum "dpdk-patches/$p"; done
	printf '%s\n' "${overlay[@]}"
} | sha256sum | cut -d' ' -f1)
if [ -f "$dest/.tph-stamp" ] && [ "$(cat "$dest/.tph-stamp")" = "$stamp" ]; then
	exit 0
fi

tph_log "assembling $dest (${#patches[@]} patches, ${#overlay[@]} files)"
stage=$TPH_BUILD_DIR/assemble-stage
rm -rf "$stage"
mkdir -p "$TPH_BUILD_DIR"
cp -a "$pristine" "$stage"
for p in "${patches[@]}"; do
	patch -d "$stage" -p1 --batch --forward --quiet --no-backup-if-mismatch \
		< "dpdk-patches/$p" >"$stage.log" 2>&1 ||
		{ cat "$stage.log" >&2; tph_die "patch $p does not apply"; }
done
for f in "${overlay[@]}"; do
	[ -e "$pristine/$f" ] &&
		tph_die "$f exists upstream: change it with a patch in dpdk-patches/"
	mkdir -p "$stage/$(dirname "$f")"
	ln -s "$TPH_TOP/$f" "$stage/$f"
done
echo "$stamp" > "$stage/.tph-stamp"

# Checksum compare, no times: unchanged files keep their mtime.
mkdir -p "$dest"
rsync -rl --checksum --delete "$stage/" "$dest/"
rm -rf "$stage" "$stage.log"
