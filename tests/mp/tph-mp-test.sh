#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Run tph_mp_autotest (lib/tph state) or another multi-process autotest
# (ethdev_tph_mp_autotest: ethdev state) seen from a real secondary process,
# with the hugepages that needs (hugepages.sh: reserved as root for the run,
# skipped without them).
#
# Usage: tph-mp-test.sh <dpdk-test> [<autotest>]

set -eu
dpdk_test=$1
test_name=${2:-tph_mp_autotest}
need_mb=64

. "$(dirname "$0")/hugepages.sh"
mp_hugepages_get "$test_name" "$need_mb"
trap 'mp_hugepages_put "$test_name"' EXIT

main_cpu=$(cut -d, -f1 /sys/devices/system/cpu/online | cut -d- -f1)
rc=0
DPDK_TEST=$test_name "$dpdk_test" -l "$main_cpu" -m "$need_mb" \
	--no-pci --file-prefix="$test_name" || rc=$?
exit $rc
