#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Build a busybox-static initramfs (cpio + gzip) for the emulated TPH guest.
#
# Usage: platform/guest/mkinitramfs.sh -o OUT.cpio.gz [options]
#   -o FILE            output archive (required)
#   -f HOST[:GUEST]    add a file (default guest path /bin/<name>); ELF
#                      files get the shared libraries ldd lists
#   -m KO[:PARAMS]     add a module, loaded by /init before the NIC is bound
#                      (PARAMS: space-separated name=value)
#   -c COMMAND         a guest command (sh syntax), run in order; repeatable
#   -n                 do not bind the NIC to vfio-pci at boot
#   -d BDF             the NIC (default 0000:01:00.0), TPH_NIC in commands
#
# /init mounts proc, sys, devtmpfs, debugfs, hugetlbfs and tmpfs, loads the
# modules, binds the NIC to vfio-pci, then runs every command with its
# output on ttyS1 (a QEMU -serial file) and these markers on the console:
#   @@TPH-BEGIN <n>            @@TPH-END <n> rc=<status>
#   @@TPH-TAINT <value>        @@TPH-DONE
# and powers off.  platform/guest/run.sh reads them.
set -euo pipefail

die() { echo "mkinitramfs.sh: $*" >&2; exit 1; }

out=""
files=()
modules=()
commands=()
bind=1
nic=0000:01:00.0
while getopts "o:f:m:c:nd:" opt; do
	case "$opt" in
	o) out="$OPTARG" ;;
	f) files+=("$OPTARG") ;;
	m) modules+=("$OPTARG") ;;
	c) commands+=("$OPTARG") ;;
	n) bind=0 ;;
	d) nic="$OPTARG" ;;
	*) die "bad option (see the header of $0)" ;;
	esac
done
[ -n "$out" ] || die "-o OUT is required"

BUSYBOX=/bin/busybox
if ! "$BUSYBOX" --list 2>/dev/null | grep -qx insmod ||
   ! file -L "$BUSYBOX" 2>/dev/null | grep -q static; then
	apt-get install -y --no-install-recommends busybox-static file cpio \
		>/dev/null
fi
command -v cpio >/dev/null ||
	apt-get install -y --no-install-recommends cpio >/dev/null

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,root,etc/guest,lib/modules}
cp "$BUSYBOX" "$root/bin/busybox"

# Copy FILE to GUEST path, plus the shared objects it needs.
add_file() {
	local src="$1" dst="$2" lib libs libc
	[ -f "$src" ] || die "no such file: $src"
	mkdir -p "$root$(dirname "$dst")"
	cp -L "$src" "$root$dst"
	# Dynamic ELF objects: pull in what the loader will look for.
	if file -L "$src" | grep -q 'dynamically linked'; then
		libs=$(ldd "$src" | grep -o '/[^ ]*')
		# glibc dlopen()s libgcc_s (next to libc) for pthread_cancel
		# and thread unwinding; ldd does not list it.
		libc=$(echo "$libs" | grep '/libc\.so\.' || true)
		if [ -n "$libc" ] && [ -e "$(dirname "$libc")/libgcc_s.so.1" ]; then
			libs="$libs $(dirname "$libc")/libgcc_s.so.1"
		fi
		for lib in $libs; do
			[ -e "$root$lib" ] && continue
			mkdir -p "$root$(dirname "$lib")"
			cp -L "$lib" "$root$lib"
		done
	fi
}

for spec in "${files[@]+"${files[@]}"}"; do
	src="${spec%%:*}"
	dst="/bin/$(basename "$src")"
	[ "$src" = "$spec" ] || dst="${spec#*:}"
	add_file "$src" "$dst"
done

: >"$root/etc/guest/modules"
for spec in "${modules[@]+"${modules[@]}"}"; do
	ko="${spec%%:*}"
	params=""
	[ "$ko" = "$spec" ] || params="${spec#*:}"
	add_file "$ko" "/lib/modules/$(basename "$ko")"
	echo "/lib/modules/$(basename "$ko") $params" >>"$root/etc/guest/modules"
done

i=0
for cmd in "${commands[@]+"${commands[@]}"}"; do
	i=$((i + 1))
	printf '%s\n' "$cmd" >"$root/etc/guest/cmd.$i"
done
echo "$i" >"$root/etc/guest/ncmds"
echo "$bind" >"$root/etc/guest/bind"
echo "$nic" >"$root/etc/guest/nic"

cat >"$root/bin/tph-bind-vfio" <<'EOF'
#!/bin/sh
# Bind a PCI device (default the NIC) to vfio-pci.
dev="${1:-${TPH_NIC:-0000:01:00.0}}"
d="/sys/bus/pci/devices/$dev"
[ -d "$d" ] || { echo "tph-bind-vfio: no device $dev" >&2; exit 1; }
if [ -e "$d/driver" ]; then
	echo "$dev" >"$d/driver/unbind" || exit 1
fi
echo vfio-pci >"$d/driver_override" || exit 1
echo "$dev" >/sys/bus/pci/drivers_probe || exit 1
[ "$(basename "$(readlink "$d/driver")")" = vfio-pci ] || {
	echo "tph-bind-vfio: $dev did not bind to vfio-pci" >&2; exit 1; }
EOF

cat >"$root/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp
mkdir -p /dev/hugepages
mount -t hugetlbfs hugetlbfs /dev/hugepages
# Objects allocated during boot are not the tests' business.
[ -w /sys/kernel/debug/kmemleak ] && echo clear >/sys/kernel/debug/kmemleak

out=/dev/ttyS1
[ -c "$out" ] || out=/dev/console
TPH_NIC=$(cat /etc/guest/nic)
export TPH_NIC
echo "@@TPH-INIT nproc=$(nproc) cmdline=$(cat /proc/cmdline)"

fail=0
while read -r ko params; do
	[ -n "$ko" ] || continue
	# shellcheck disable=SC2086 # params are separate words
	if ! insmod "$ko" $params; then
		echo "@@TPH-MODULE-FAILED $ko"
		fail=1
	fi
done </etc/guest/modules

if [ "$fail" = 0 ] && [ "$(cat /etc/guest/bind)" = 1 ]; then
	tph-bind-vfio || { echo "@@TPH-BIND-FAILED"; fail=1; }
fi

n=$(cat /etc/guest/ncmds)
i=1
while [ "$i" -le "$n" ]; do
	echo "@@TPH-BEGIN $i"
	echo "@@TPH-BEGIN $i" >"$out"
	if [ "$fail" = 0 ]; then
		(cd /root && sh /etc/guest/cmd.$i) >"$out" 2>&1 </dev/null
		rc=$?
	else
		rc=125
	fi
	echo "@@TPH-END $i rc=$rc" >"$out"
	echo "@@TPH-END $i rc=$rc"
	i=$((i + 1))
done

if [ -w /sys/kernel/debug/kmemleak ]; then
	# Objects must be older than the minimum age to be reported.
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak
fi
echo "@@TPH-TAINT $(cat /proc/sys/kernel/tainted)"
echo "@@TPH-DONE"
poweroff -f
EOF
chmod 755 "$root/init" "$root/bin/tph-bind-vfio"

mkdir -p "$(dirname "$out")"
(cd "$root" && find . -print0 | sort -z |
	cpio --null -o -H newc --quiet --owner=0:0) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
