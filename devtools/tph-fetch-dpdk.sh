#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Download Debian's dpdk source package once, verify it and extract the
# upstream tree into the cache. Prints the path of the pristine tree.
#
# The pinned release is DPDK_DEB_VERSION (tph-env.sh). If the archive has
# moved on to a later 22.11.y, that one is used with a warning: the patch
# queue is meant to apply to any 22.11 stable release.

set -eu -o pipefail
source "$(dirname "$0")/tph-env.sh"

src_cache=$TPH_CACHE_DIR/dpdk
mkdir -p "$src_cache"
cd "$src_cache"

orig=dpdk_${DPDK_UPSTREAM_VERSION}.orig.tar.xz
version=$DPDK_UPSTREAM_VERSION
expect_sha=$DPDK_ORIG_SHA256

if [ ! -f "$orig" ]; then
	tph_apt_install dpkg-dev xz-utils
	tph_apt_sources
	if ! apt-get source --download-only "dpdk=$DPDK_DEB_VERSION" \
			>download.log 2>&1; then
		avail=$(apt-cache showsrc dpdk 2>/dev/null |
			sed -n 's/^Version: \(22\.11\.[0-9]*\)-.*/\1/p' |
			sort -V | tail -n 1)
		[ -n "$avail" ] || tph_die "no dpdk 22.11.y source package available (see $src_cache/download.log)"
		tph_log "WARNING: dpdk $DPDK_DEB_VERSION is gone from the archive; using $avail"
		apt-get source --download-only dpdk >download.log 2>&1 ||
			tph_die "apt-get source dpdk failed (see $src_cache/download.log)"
		version=$avail
		orig=dpdk_${version}.orig.tar.xz
		# apt verified the .dsc signature chain; take its checksum.
		expect_sha=$(sed -n '/^Checksums-Sha256:/,/^[^ ]/p' dpdk_*.dsc |
			awk -v f="$orig" '$3 == f { print $1 }' | tail -n 1)
	fi
fi

[ -f "$orig" ] || orig=$(ls dpdk_22.11.*.orig.tar.xz | sort -V | tail -n 1)
version=${orig#dpdk_}
version=${version%.orig.tar.xz}
if [ "$version" != "$DPDK_UPSTREAM_VERSION" ]; then
	tph_log "WARNING: building DPDK $version, not the pinned $DPDK_UPSTREAM_VERSION"
	expect_sha=$(sed -n '/^Checksums-Sha256:/,/^[^ ]/p' dpdk_*.dsc |
		awk -v f="$orig" '$3 == f { print $1 }' | tail -n 1)
fi
actual_sha=$(sha256sum "$orig" | cut -d' ' -f1)
[ "$actual_sha" = "$expect_sha" ] ||
	tph_die "$orig: sha256 $actual_sha, expected $expect_sha"

tree=$src_cache/dpdk-stable-$version
if [ ! -f "$tree/.tph-extracted" ]; then
	rm -rf "$tree" "$tree.tmp"
	mkdir "$tree.tmp"
	tar -xJf "$orig" -C "$tree.tmp" --strip-components=1
	touch "$tree.tmp/.tph-extracted"
	mv "$tree.tmp" "$tree"
fi
echo "$tree"
