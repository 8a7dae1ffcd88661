#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Run tph_mp_autotest (lib/tph state) or another multi-process autotest
# (ethdev_tph_mp_autotest: ethdev state) seen from a real secondary process.
# DPDK secondary processes map the primary's memory from hugetlbfs files,
# which --no-huge does not create, so the test needs free hugepages and a
# mounted hugetlbfs. Without them it is skipped (exit 77), saying why.
#
# Usage: tph-mp-test.sh <dpdk-test> [<autotest>]

set -eu
dpdk_test=$1
test_name=${2:-tph_mp_autotest}
need_mb=64

free_pages=$(awk '/^HugePages_Free:/ {print $2}' /proc/meminfo)
page_kb=$(awk '/^Hugepagesize:/ {print $2}' /proc/meminfo)
free_mb=$(( ${free_pages:-0} * ${page_kb:-0} / 1024 ))
if [ "$free_mb" -lt "$need_mb" ]; then
	echo "$test_name skipped: ${free_mb} MB of free hugepages, a secondary process needs ${need_mb} MB (echo 64 > /proc/sys/vm/nr_hugepages)"
	exit 77
fi
if ! grep -q ' hugetlbfs ' /proc/mounts; then
	echo "$test_name skipped: no hugetlbfs mounted (mount -t hugetlbfs none /dev/hugepages)"
	exit 77
fi

main_cpu=$(cut -d, -f1 /sys/devices/system/cpu/online | cut -d- -f1)
rc=0
DPDK_TEST=$test_name "$dpdk_test" -l "$main_cpu" -m "$need_mb" \
	--no-pci --file-prefix="$test_name" || rc=$?
# The secondary needed the hugepage files, so EAL kept them: give the
# pages back.
for dir in $(awk '$3 == "hugetlbfs" {print $2}' /proc/mounts); do
	rm -f "$dir/${test_name}map_"*
done
exit $rc
