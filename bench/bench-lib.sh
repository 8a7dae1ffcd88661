# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
# shellcheck shell=bash disable=SC2034 # the variables are for the scripts
#
# Shared by the bench/ scripts (sourced, not run): paths, and the two
# release builds the data path comparison needs. Both are configured the
# same way (devtools/tph-dpdk-options.txt, meson's default buildtype of
# DPDK: release, -O3), from the pristine 22.11 source and from the
# assembled tree, so that the source is the only difference.

# shellcheck source=devtools/tph-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../devtools/tph-env.sh"

BENCH_DIR=$TPH_TOP/bench
BENCH_OUT=$TPH_BUILD_DIR/bench
BENCH_PY=/usr/bin/python3
BENCH_PRISTINE_BUILD=$TPH_BUILD_DIR/pristine
BENCH_RELEASE_BUILD=$BENCH_OUT/dpdk-release

bench_deps() {
	tph_apt_install python3 gcc pkg-config meson ninja-build ccache \
		python3-pyelftools libnuma-dev valgrind
}

# Configure (once) and build targets of a DPDK tree with the project's
# options: bench_dpdk_build SOURCE BUILDDIR TARGET...
bench_dpdk_build() {
	local src="$1" dir="$2" opts
	shift 2
	export CCACHE_DIR=${CCACHE_DIR:-$TPH_CACHE_DIR/ccache}
	export PATH=/usr/lib/ccache:$PATH
	if [ ! -f "$dir/build.ninja" ]; then
		mapfile -t opts < <(grep -v -e '^#' -e '^$' \
			"$TPH_TOP/devtools/tph-dpdk-options.txt" | sed 's/^/-D/')
		tph_log "configuring $dir"
		meson setup --native-file "$TPH_TOP/devtools/tph-native.ini" \
			"${opts[@]}" "$dir" "$src" >"$dir.setup.log" 2>&1 ||
			{ tail -n 30 "$dir.setup.log" >&2;
			  tph_die "meson setup of $dir failed"; }
	fi
	tph_log "building $* in $dir"
	nice ninja -C "$dir" "$@" >"$dir.build.log" 2>&1 ||
		{ grep -E -A8 'error:|FAILED' "$dir.build.log" | tail -n 40 >&2;
		  tph_die "build of $* in $dir failed (log $dir.build.log)"; }
}

# Pristine DPDK 22.11, as devtools/tph-fast-tests-baseline.sh builds it.
bench_build_pristine() {
	local src
	src=$("$TPH_TOP/devtools/tph-fetch-dpdk.sh") || exit 1
	mkdir -p "$TPH_BUILD_DIR"
	bench_dpdk_build "$src" "$BENCH_PRISTINE_BUILD" "$@"
}

# The assembled tree (pristine + patch queue + our files), built apart
# from build/dpdk: the top-level project builds it as a subproject with
# the parent's buildtype (debug, -O0), which says nothing about speed.
bench_build_release() {
	"$TPH_TOP/devtools/tph-assemble.sh" || exit 1
	mkdir -p "$BENCH_OUT"
	bench_dpdk_build "$TPH_TOP/subprojects/dpdk" "$BENCH_RELEASE_BUILD" "$@"
}
