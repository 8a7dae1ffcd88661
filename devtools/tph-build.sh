#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Build DPDK with TPH support: install build dependencies, fetch and verify
# the DPDK source, assemble the tree and build it in build/dpdk.
# Safe to re-run: every step is skipped when its output is current.
#
# --no-tph: instead, build the assembled tree without lib/tph
# (-Ddisable_libs=tph) in build/dpdk-no-tph, with only what shows that the
# rest builds and runs without it: the drivers that carry TPH code,
# net/null and testpmd, no tests, no optional library.

set -eu -o pipefail
source "$(dirname "$0")/tph-env.sh"

variant=
case ${1:-} in
'') ;;
--no-tph) variant=no-tph ;;
*) tph_die "usage: $0 [--no-tph]" ;;
esac

tph_apt_install gcc pkg-config meson ninja-build ccache python3 \
	python3-pyelftools libnuma-dev rsync patch dpkg-dev xz-utils util-linux

builddir=$TPH_BUILD_DIR/dpdk
mkdir -p "$TPH_BUILD_DIR"
# One build at a time in this tree: several shells may call this.
exec 9>"$TPH_BUILD_DIR/.build.lock"
flock 9

export CCACHE_DIR=${CCACHE_DIR:-$TPH_CACHE_DIR/ccache}
export PATH=/usr/lib/ccache:$PATH
# Run a meson or ninja step with its output in a log; on failure show the
# end of it (or the lines of filter when given) and stop.
# usage: run_logged LOG WHAT FILTER CMD...
run_logged() {
	local log=$1 what=$2 filter=$3
	shift 3
	"$@" >"$log" 2>&1 && return 0
	if [ -n "$filter" ]; then
		grep -E -B2 -A8 "$filter" "$log" | tail -n 60 >&2
	else
		tail -n 40 "$log" >&2
	fi
	tph_die "$what failed (log: $log)"
}

start=$(date +%s)
"$TPH_TOP/devtools/tph-assemble.sh"

if [ "$variant" = no-tph ]; then
	builddir=$TPH_BUILD_DIR/dpdk-no-tph
	# Every optional library but the ones testpmd or these drivers use.
	no_tph_options=(-Ddisable_libs=tph,bitratestats,cfgfile,flow_classify,gpudev,gro,gso,kni,jobstats,latencystats,metrics,node,pdump,pipeline,port,power,table,vhost
		-Denable_drivers=bus/pci,bus/vdev,mempool/ring,net/null,net/virtio,net/e1000
		-Denable_apps=test-pmd -Dtests=false -Denable_docs=false
		-Denable_kmods=false -Ddefault_library=static -Dplatform=generic
		-Dbuildtype=release)
	if [ "$(cat "$builddir/.tph-options" 2>/dev/null)" != "${no_tph_options[*]}" ]; then
		tph_log "configuring $builddir (no lib/tph)"
		rm -rf "$builddir"
		run_logged "$TPH_BUILD_DIR/meson-setup-no-tph.log" "meson setup" "" \
			meson setup --native-file "$TPH_TOP/devtools/tph-native.ini" \
			"${no_tph_options[@]}" "$builddir" "$TPH_TOP/subprojects/dpdk"
		echo "${no_tph_options[*]}" > "$builddir/.tph-options"
	fi
	tph_log "building without lib/tph (ninja -C $builddir)"
	run_logged "$TPH_BUILD_DIR/ninja-no-tph.log" "build without lib/tph" \
		'error:|FAILED' nice ninja -C "$builddir"
	! grep -q 'RTE_LIB_TPH' "$builddir/rte_build_config.h" ||
		tph_die "$builddir was built with lib/tph"
	# meson skips a driver whose dependency is missing: these must build.
	for d in BUS_PCI NET_VIRTIO NET_E1000; do
		grep -q "define RTE_$d 1" "$builddir/rte_build_config.h" ||
			tph_die "RTE_$d was not built without lib/tph (log: $TPH_BUILD_DIR/meson-setup-no-tph.log)"
	done
	tph_log "build without lib/tph done in $(( $(date +%s) - start )) s"
	exit 0
fi
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
	run_logged "$TPH_BUILD_DIR/meson-setup.log" "meson setup" "" \
		meson setup "${wipe[@]}" --native-file "$TPH_TOP/devtools/tph-native.ini" \
		"$builddir" "$TPH_TOP"
	echo "$options" > "$builddir/.tph-options"
fi
tph_log "building (ninja -C $builddir)"
run_logged "$TPH_BUILD_DIR/ninja.log" "build" 'error:|FAILED' \
	nice ninja -C "$builddir"
tph_log "build done in $(( $(date +%s) - start )) s"
