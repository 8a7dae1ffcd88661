#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Build pristine DPDK (no patches, no new files) with the project's options
# and record which of DPDK's fast-tests pass on this machine without
# hugepages. The list (tests/dpdk-fast-tests.txt) is what the assembled
# tree must keep passing. Run by hand when the base release changes.

set -eu -o pipefail
source "$(dirname "$0")/tph-env.sh"

pristine=$("$TPH_TOP/devtools/tph-fetch-dpdk.sh")
builddir=$TPH_BUILD_DIR/pristine
export CCACHE_DIR=${CCACHE_DIR:-$TPH_CACHE_DIR/ccache}
export PATH=/usr/lib/ccache:$PATH

if [ ! -f "$builddir/build.ninja" ]; then
	mapfile -t opts < <(grep -v -e '^#' -e '^$' \
		"$TPH_TOP/devtools/tph-dpdk-options.txt" | sed 's/^/-D/')
	meson setup --native-file "$TPH_TOP/devtools/tph-native.ini" \
		"${opts[@]}" "$builddir" "$pristine" >/dev/null
fi
nice ninja -C "$builddir" >/dev/null
meson test -C "$builddir" --no-rebuild --suite fast-tests \
	>"$TPH_BUILD_DIR/pristine-fast-tests.log" 2>&1 || true

out=$TPH_TOP/tests/dpdk-fast-tests.txt
{
	echo "# DPDK $(basename "$pristine") fast-tests that pass here without"
	echo "# hugepages on the pristine build (devtools/tph-fast-tests-baseline.sh)."
	sed -n 's/^ *[0-9]*\/[0-9]* DPDK:fast-tests \/ \([^ ]*\) *OK .*/\1/p' \
		"$TPH_BUILD_DIR/pristine-fast-tests.log"
} >"$out"
tph_log "$(grep -vc '^#' "$out") fast-tests pass on pristine DPDK; list in $out"
