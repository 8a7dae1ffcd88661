#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Run tph_mp_autotest (lib/tph state) or another multi-process autotest
# (ethdev_tph_mp_autotest: ethdev state) seen from a real secondary process.
# DPDK secondary processes map the primary's memory from hugetlbfs files,
# which --no-huge does not create, so the test needs free hugepages and a
# mounted hugetlbfs. As root the runner reserves and mounts what is
# missing for the run and gives it back afterwards; without root and without
# them the test is skipped (exit 77), saying why. Runs are serialised, so two
# multi-process tests never share or release each other's pages.
#
# Usage: tph-mp-test.sh <dpdk-test> [<autotest>]

set -eu
dpdk_test=$1
test_name=${2:-tph_mp_autotest}
need_mb=64

exec 8>/tmp/dpdk-tph-mp-test.lock
flock 8

nr_file=/proc/sys/vm/nr_hugepages
page_kb=$(awk '/^Hugepagesize:/ {print $2}' /proc/meminfo)
free_mb() {
	awk -v kb="${page_kb:-0}" '/^HugePages_Free:/ {print int($2 * kb / 1024)}' \
		/proc/meminfo
}
old_nr=$(cat "$nr_file")
mounted_here=
restore() {
	[ -z "$mounted_here" ] || umount "$mounted_here" 2>/dev/null || true
	[ "$(cat "$nr_file")" = "$old_nr" ] || echo "$old_nr" > "$nr_file" 2>/dev/null || true
}
trap restore EXIT

if [ "$(free_mb)" -lt "$need_mb" ] && [ "$(id -u)" = 0 ] && [ "${page_kb:-0}" -gt 0 ]; then
	echo $(( old_nr + need_mb * 1024 / page_kb )) > "$nr_file" || true
fi
if ! grep -q ' hugetlbfs ' /proc/mounts && [ "$(id -u)" = 0 ]; then
	mnt=/tmp/dpdk-tph-mp-hugepages
	mkdir -p "$mnt"
	mount -t hugetlbfs none "$mnt" && mounted_here=$mnt
fi
if [ "$(free_mb)" -lt "$need_mb" ]; then
	echo "$test_name skipped: $(free_mb) MB of free hugepages, a secondary process needs ${need_mb} MB (echo 64 > /proc/sys/vm/nr_hugepages, as root)"
	exit 77
fi
if ! grep -q ' hugetlbfs ' /proc/mounts; then
	echo "$test_name skipped: no hugetlbfs mounted (mount -t hugetlbfs none /dev/hugepages, as root)"
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
