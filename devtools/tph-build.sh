#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Build DPDK with TPH support: install build dependencies, fetch and verify
# the DPDK source, assemble the tree and build it in build/dpdk.
# Safe to re-run: every step is skipped when its output is current.

set -eu -o pipefail
source "$(dirname "$0")/tph-env.sh"

tph_apt_install gcc pkg-config meson ninja-build ccache python3 \
	python3-pyelftools libnuma-dev rsync patch dpkg-dev xz-utils util-linux

builddir=$TPH_BUILD_DIR/dpdk
mkdir -p "$TPH_BUILD_DIR"
# One build at a time in this tree: several shells may call this.
exec 9>"$TPH_BUILD_DIR/.build.lock"
flock 9

export CCACHE_DIR=${CCACHE_DIR:-$TPH_CACHE_DIR/ccache}
export PATH=/usr/lib/ccache:$PATH
start=$(date +%s)
"$TPH_TOP/devtools/tph-assemble.sh"
# Subproject options are fixed at configure time: a changed option list
# means a fresh configuration.
# Top-level defaults (buildtype) are too, so both make up the stamp.
options=$(cat "$TPH_TOP/devtools/tph-dpdk-options.txt"
	sed -n '/^project(/,/)$/p' "$TPH_TOP/meson.build")
wipe=()
if [ -f "$builddir/build.ninja" ] &&
		[ "$options" != "$(cat "$builddir/.tph-options" 2>/dev/null)" ]; then
	wipe=(--wipe)
fi
if [ ! -f "$builddir/build.ninja" ] || [ ${#wipe[@]} -gt 0 ]; then
	tph_log "configuring $builddir"
	meson setup "${wipe[@]}" --native-file "$TPH_TOP/devtools/tph-native.ini" \
		"$builddir" "$TPH_TOP" >"$TPH_BUILD_DIR/meson-setup.log" 2>&1 ||
		{ tail -n 40 "$TPH_BUILD_DIR/meson-setup.log" >&2;
		  tph_die "meson setup failed (log: $TPH_BUILD_DIR/meson-setup.log)"; }
	echo "$options" > "$builddir/.tph-options"
fi
tph_log "building (ninja -C $builddir)"
nice ninja -C "$builddir" >"$TPH_BUILD_DIR/ninja.log" 2>&1 ||
	{ grep -E -B2 -A8 'error:|FAILED' "$TPH_BUILD_DIR/ninja.log" | tail -n 60 >&2;
	  tph_die "build failed (log: $TPH_BUILD_DIR/ninja.log)"; }
tph_log "build done in $(( $(date +%s) - start )) s"
