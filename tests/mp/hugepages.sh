# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Hugepages for a multi-process test (sourced by the runners here). DPDK
# secondary processes map the primary's memory from hugetlbfs files,
# which --no-huge does not create, so a test needs free hugepages and a
# mounted hugetlbfs. As root, mp_hugepages_get reserves and mounts what is
# missing and mp_hugepages_put gives it back; without root and without
# them the test is skipped (exit 77), saying why. Runs are serialised, so
# two multi-process tests never share or release each other's pages.

mp_nr_file=/proc/sys/vm/nr_hugepages
mp_page_kb=$(awk '/^Hugepagesize:/ {print $2}' /proc/meminfo)
mp_old_nr=
mp_mounted_here=

mp_free_mb() {
	awk -v kb="${mp_page_kb:-0}" '/^HugePages_Free:/ {print int($2 * kb / 1024)}' \
		/proc/meminfo
}

# usage: mp_hugepages_get <test name> <MB needed>; exits 77 without them.
mp_hugepages_get() {
	exec 8>/tmp/dpdk-tph-mp-test.lock
	flock 8
	mp_old_nr=$(cat "$mp_nr_file")
	if [ "$(mp_free_mb)" -lt "$2" ] && [ "$(id -u)" = 0 ] &&
			[ "${mp_page_kb:-0}" -gt 0 ]; then
		echo $(( mp_old_nr + $2 * 1024 / mp_page_kb )) > "$mp_nr_file" || true
	fi
	if ! grep -q ' hugetlbfs ' /proc/mounts && [ "$(id -u)" = 0 ]; then
		mkdir -p /tmp/dpdk-tph-mp-hugepages
		mount -t hugetlbfs none /tmp/dpdk-tph-mp-hugepages &&
			mp_mounted_here=/tmp/dpdk-tph-mp-hugepages
	fi
	if [ "$(mp_free_mb)" -lt "$2" ]; then
		echo "$1 skipped: $(mp_free_mb) MB of free hugepages, a secondary process needs $2 MB (echo 64 > /proc/sys/vm/nr_hugepages, as root)"
		mp_hugepages_put
		exit 77
	fi
	if ! grep -q ' hugetlbfs ' /proc/mounts; then
		echo "$1 skipped: no hugetlbfs mounted (mount -t hugetlbfs none /dev/hugepages, as root)"
		mp_hugepages_put
		exit 77
	fi
}

# usage: mp_hugepages_put [<file prefix>]: remove the prefix's hugepage
# files (EAL keeps them for secondaries), give back what was reserved.
mp_hugepages_put() {
	if [ -n "${1:-}" ]; then
		for dir in $(awk '$3 == "hugetlbfs" {print $2}' /proc/mounts); do
			rm -f "$dir/${1}map_"*
		done
	fi
	[ -z "$mp_mounted_here" ] || umount "$mp_mounted_here" 2>/dev/null || true
	mp_mounted_here=
	[ -z "$mp_old_nr" ] || [ "$(cat "$mp_nr_file")" = "$mp_old_nr" ] ||
		echo "$mp_old_nr" > "$mp_nr_file" 2>/dev/null || true
}
