#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Assemble the DPDK tree that meson builds (subprojects/dpdk):
#   pristine 22.11 source
#   + dpdk-patches/series applied in order (changes to upstream files)
#   + symlinks to this repository's new files (lib/ drivers/ app/ doc/
#     examples/), each assigned to a patch in dpdk-patches/files
# Only files whose content changed are rewritten, so ninja rebuilds only
# what a change touches. Does nothing when its inputs are unchanged.

set -eu -o pipefail
source "$(dirname "$0")/tph-env.sh"

tph_apt_install rsync patch
pristine=$("$TPH_TOP/devtools/tph-fetch-dpdk.sh")
dest=$TPH_TOP/subprojects/dpdk
series=$TPH_TOP/dpdk-patches/series
files=$TPH_TOP/dpdk-patches/files
overlay_dirs=(lib drivers app doc examples)

cd "$TPH_TOP"
mapfile -t patches < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$series")
# Every new file belongs to exactly one patch of the series, or to none
# ("-": the project's own material, not overlaid).
problems=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$files" | awk -v series="${patches[*]}" '
	BEGIN { n = split(series, s, " "); for (i = 1; i <= n; i++) known[s[i]] = 1 }
	NF != 2 { print "dpdk-patches/files: bad line: " $0; next }
	$1 in seen { print $1 ": assigned twice (" seen[$1] ", " $2 ")" }
	{ seen[$1] = $2 }
	$2 != "-" && !($2 in known) { print $1 ": " $2 " is not in dpdk-patches/series" }
	' || true)
mapfile -t found < <(find "${overlay_dirs[@]}" -type f 2>/dev/null | sort)
mapfile -t listed < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$files" | awk '{print $1}' | sort -u)
missing=$(comm -23 <(printf '%s\n' "${found[@]}") <(printf '%s\n' "${listed[@]}"))
gone=$(comm -13 <(printf '%s\n' "${found[@]}") <(printf '%s\n' "${listed[@]}"))
[ -z "$missing" ] || problems+=$'\n'$(sed 's/$/: not assigned to a patch in dpdk-patches\/files/' <<<"$missing")
[ -z "$gone" ] || problems+=$'\n'$(sed 's/$/: in dpdk-patches\/files but not in the repository/' <<<"$gone")
problems=$(sed '/^$/d' <<<"$problems")
[ -z "$problems" ] || { echo "$problems" >&2; tph_die "dpdk-patches/files does not match the new files"; }
mapfile -t overlay < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$files" |
	awk '$2 != "-" { print $1 }' | sort)

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
