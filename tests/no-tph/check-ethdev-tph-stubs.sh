#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# The ethdev TPH API of a DPDK built without lib/tph, as an application
# sees it: install the build (devtools/tph-build.sh --no-tph) into a
# scratch directory, check that it installs rte_tph_types.h but not
# rte_tph.h, build ethdev_tph_stubs.c against the installed headers and
# libdpdk.pc only, and run it on a net_null port: every function the
# installed rte_ethdev_tph.h declares must return -ENOTSUP.
#
# usage: check-ethdev-tph-stubs.sh <build-dir-without-tph>

set -eu -o pipefail

[ $# -eq 1 ] || { echo "usage: $0 <build-dir-without-tph>" >&2; exit 2; }
builddir=$1
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "ethdev TPH without lib/tph: FAIL: $*"; exit 1; }

grep -q 'RTE_LIB_TPH' "$builddir/rte_build_config.h" &&
	fail "$builddir was built with lib/tph"

work=$(mktemp -d "${TMPDIR:-/tmp}/tph-stubs.XXXXXX")
trap 'rm -rf "$work"' EXIT
meson install -C "$builddir" --no-rebuild --quiet --destdir "$work/root" \
	>"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "meson install"; }

header=$(find "$work/root" -name rte_ethdev_tph.h)
[ -n "$header" ] || fail "rte_ethdev_tph.h not installed"
incdir=$(dirname "$header")
[ -f "$incdir/rte_tph_types.h" ] || fail "rte_tph_types.h not installed"
leaked=$(find "$work/root" -name rte_tph.h -o -name rte_tph_driver.h)
[ -z "$leaked" ] || fail "lib/tph's API installed without lib/tph: $leaked"
echo "installed: rte_ethdev_tph.h, rte_tph_types.h; not installed: rte_tph.h"

pc=$(find "$work/root" -name libdpdk.pc)
[ -n "$pc" ] || fail "libdpdk.pc not installed"
export PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR=$work/root
# shellcheck disable=SC2046 # pkg-config prints several flags
cc -std=gnu11 -Wall -Wextra -Werror -DALLOW_EXPERIMENTAL_API \
	-o "$work/ethdev_tph_stubs" "$here/ethdev_tph_stubs.c" \
	$(pkg-config --cflags --static libdpdk) \
	$(pkg-config --libs --static libdpdk) >"$work/cc.log" 2>&1 ||
	{ cat "$work/cc.log"; fail "the application does not build against rte_ethdev_tph.h"; }

# One call per function the header declares, whatever it declares: every
# __rte_experimental declaration of an rte_eth_dev_tph_* function, whatever
# its return type and wherever DPDK style breaks its line.
count_declared() {
	tr '\n' ' ' <"$1" |
		grep -oE '__rte_experimental[^;{}()]*[^_[:alnum:]]rte_eth_dev_tph_[_[:alnum:]]+[[:space:]]*\(' |
		wc -l
}
declared=$(count_declared "$header")
[ "$declared" -gt 0 ] || fail "no rte_eth_dev_tph_* function in $header"
"$work/ethdev_tph_stubs" --no-huge -m 256 --no-pci --vdev net_null0 -l 0 \
	--file-prefix=tph-stubs --log-level=lib.eal:error >"$work/run.log" 2>&1 ||
	{ cat "$work/run.log"; fail "a call did not return -ENOTSUP"; }
cat "$work/run.log"
grep -qx "$declared of $declared ethdev TPH calls returned -ENOTSUP" \
	"$work/run.log" ||
	fail "the header declares $declared functions, the program checked another number"
echo "ethdev TPH without lib/tph: OK"
