# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Shared by platform/e2e/run.sh and devtools/tph-demo.sh (sourced, not
# run): build what the emulated end-to-end run needs, reusing every
# existing build, with one progress line per step, and boot one guest
# session.
#
# Needs: E2E_ROOT (repository top). Honours TPH_BUILD_DIR (DPDK build, and
# this directory's outputs under $TPH_BUILD_DIR/platform/e2e) and
# TPH_CACHE_DIR (downloads, ccache).
# shellcheck shell=bash

# shellcheck source=devtools/tph-env.sh
source "$E2E_ROOT/devtools/tph-env.sh"

E2E_DIR=$E2E_ROOT/platform/e2e
E2E_OUT=$TPH_BUILD_DIR/platform/e2e
E2E_TESTPMD_SRC=$TPH_BUILD_DIR/dpdk/subprojects/dpdk/app/dpdk-testpmd
E2E_L3FWD_SRC=$TPH_BUILD_DIR/dpdk/subprojects/dpdk/examples/dpdk-l3fwd
E2E_PY=/usr/bin/python3
E2E_T0=${E2E_T0:-$(date +%s)}

e2e_elapsed() { echo $(( $(date +%s) - E2E_T0 )); }
e2e_say() { printf '[%4ss] %s\n' "$(e2e_elapsed)" "$*"; }

# Run a step with its output in a log; print when it starts, every minute
# while it runs, and when it ends with its duration. On failure show the
# end of the log.
e2e_step() {
	local what="$1" log="$2" t0 pid hb rc
	shift 2
	t0=$(date +%s)
	e2e_say "$what ..."
	mkdir -p "$(dirname "$log")"
	"$@" >"$log" 2>&1 &
	pid=$!
	# The sleeps must not hold the caller's stdout (a pipe) open.
	(while sleep 60 >/dev/null 2>&1; do
		e2e_say "    ... $what: still running ($(( $(date +%s) - t0 ))s, log $log)"
	done) &
	hb=$!
	wait "$pid"
	rc=$?
	kill "$hb" 2>/dev/null
	wait "$hb" 2>/dev/null
	if [ "$rc" -ne 0 ]; then
		tail -n 30 "$log" | sed 's/^/    | /'
		e2e_say "$what: FAILED after $(( $(date +%s) - t0 ))s (log $log)"
		return "$rc"
	fi
	e2e_say "$what: done in $(( $(date +%s) - t0 ))s"
}

E2E_PKGS=(qemu-system-x86 acpica-tools busybox-static cpio gcc make libc6-dev
	  file iproute2 binutils python3 bc bison flex libelf-dev libssl-dev
	  util-linux)

# All installed already? One dpkg-query instead of one per package.
e2e_deps_present() {
	[ "$(dpkg-query -W -f='${db:Status-Abbrev}\n' "${E2E_PKGS[@]}" 2>/dev/null |
		grep -c '^ii')" -eq ${#E2E_PKGS[@]} ]
}

e2e_deps() {
	tph_apt_install "${E2E_PKGS[@]}"
}

# Newest modification time (epoch) among files.
e2e_newest() {
	find "$@" -type f -printf '%T@\n' 2>/dev/null | sort -n | tail -n 1 |
		cut -d. -f1
}

# Is $1 present and newer than every file in the rest?
e2e_fresh() {
	local out="$1" t
	shift
	[ -f "$out" ] || return 1
	t=$(e2e_newest "$@")
	[ -z "$t" ] || [ "$(stat -c %Y "$out")" -gt "$t" ]
}

e2e_build_dpdk() {
	e2e_step "DPDK with TPH (devtools/tph-build.sh)" "$E2E_OUT/logs/dpdk-build.log" \
		"$E2E_ROOT/devtools/tph-build.sh"
}

# Kernel flavor directory name: plain or plain-noseries.
e2e_kdir() { echo "$E2E_ROOT/build/kernel/$1"; }

# Build a guest kernel unless its bzImage is newer than the series, the
# fragments and the build script (build.sh itself is incremental, but
# walking the kernel tree costs a minute even when nothing changed).
e2e_build_kernel() {
	local k="$1" args=(--flavor plain)
	[ "$k" = plain ] || args+=(--no-series)
	if e2e_fresh "$(e2e_kdir "$k")/arch/x86/boot/bzImage" \
			"$E2E_ROOT/kernel-patches/linux-6.12" \
			"$E2E_ROOT"/platform/kernel/*.config \
			"$E2E_ROOT/platform/kernel/build.sh" &&
	   [ -f "$(e2e_kdir "$k")/Module.symvers" ]; then
		e2e_say "guest kernel $k: up to date"
		return 0
	fi
	e2e_step "guest kernel $k (platform/kernel/build.sh ${args[*]})" \
		"$E2E_OUT/logs/kernel-$k.log" nice "$E2E_ROOT/platform/kernel/build.sh" \
		"${args[@]}"
}

# Copy the kernel and build tph_emu against it while holding the kernel
# build lock, so the two match even if another build runs meanwhile.
e2e_snapshot_kernel() {
	local k="$1" kd dst key lock
	kd=$(e2e_kdir "$k")
	dst=$E2E_OUT/$k
	lock=$TPH_CACHE_DIR/kernel/.lock
	mkdir -p "$dst" "$(dirname "$lock")"
	(
		flock 8
		key=$(cat "$E2E_ROOT/platform/tph_emu/tph_emu.c" \
			"$E2E_ROOT/platform/tph_emu/Kbuild" \
			"$kd/arch/x86/boot/bzImage" "$kd/Module.symvers" |
			sha256sum | cut -d' ' -f1)
		if [ "$(cat "$dst/.key" 2>/dev/null)" = "$key" ] &&
		   [ -f "$dst/tph_emu.ko" ] && [ -f "$dst/bzImage" ]; then
			exit 0
		fi
		rm -rf "$dst/mod"
		mkdir -p "$dst/mod"
		cp "$E2E_ROOT/platform/tph_emu/tph_emu.c" \
			"$E2E_ROOT/platform/tph_emu/Kbuild" "$dst/mod/"
		nice make -s -C "$kd" M="$dst/mod" modules || exit 1
		cp "$dst/mod/tph_emu.ko" "$dst/tph_emu.ko"
		cp "$kd/arch/x86/boot/bzImage" "$dst/bzImage"
		echo "$key" >"$dst/.key"
	) 8>"$lock"
}

# tph_e2e_ds: lib/tph and the PCI bus of the DPDK build, nothing else
# (the bus is linked whole: it registers itself from constructors).
e2e_build_ds_tool() {
	local d=$TPH_BUILD_DIR/dpdk cflags
	cflags=$(PKG_CONFIG_PATH=$d/meson-uninstalled pkg-config --cflags libdpdk) ||
		return 1
	# shellcheck disable=SC2086 # cflags are separate words
	gcc -O2 -Wall -Wextra -Werror -std=gnu11 -DALLOW_EXPERIMENTAL_API $cflags -o "$1" \
		"$E2E_DIR/tph_e2e_ds.c" -L"$d/subprojects/dpdk/drivers" \
		-L"$d/subprojects/dpdk/lib" -Wl,--whole-archive -l:librte_bus_pci.a \
		-Wl,--no-whole-archive -l:librte_tph.a -l:librte_pci.a \
		-l:librte_eal.a -l:librte_kvargs.a -l:librte_telemetry.a \
		-lnuma -ldl -lpthread -lm && strip "$1"
}

# Guest programs, the stripped testpmd and the SSDT, when out of date.
e2e_build_tools() {
	local bin=$E2E_OUT/bin
	mkdir -p "$bin"
	e2e_fresh "$bin/tph_e2e_dev" "$E2E_DIR/tph_e2e_dev.c" ||
		gcc -O2 -Wall -Wextra -Werror -std=gnu11 -static \
			-o "$bin/tph_e2e_dev" "$E2E_DIR/tph_e2e_dev.c" || return 1
	e2e_fresh "$bin/tph_e2e_linebuf.so" "$E2E_DIR/tph_e2e_linebuf.c" ||
		gcc -O2 -Wall -Wextra -Werror -shared -fPIC \
			-o "$bin/tph_e2e_linebuf.so" "$E2E_DIR/tph_e2e_linebuf.c" ||
		return 1
	# Debug info is half of testpmd's size: a smaller initramfs boots faster.
	e2e_fresh "$bin/dpdk-testpmd" "$E2E_TESTPMD_SRC" ||
		strip -o "$bin/dpdk-testpmd" "$E2E_TESTPMD_SRC" || return 1
	e2e_fresh "$bin/tph_e2e_ds" "$E2E_DIR/tph_e2e_ds.c" "$E2E_TESTPMD_SRC" ||
		e2e_build_ds_tool "$bin/tph_e2e_ds" || return 1
	# The l3fwd scenario (e2e_l3fwd.py): l3fwd and its forwarding probe.
	e2e_fresh "$bin/dpdk-l3fwd" "$E2E_L3FWD_SRC" ||
		strip -o "$bin/dpdk-l3fwd" "$E2E_L3FWD_SRC" || return 1
	e2e_fresh "$bin/tph_e2e_fwd" "$E2E_DIR/tph_e2e_fwd.c" ||
		gcc -O2 -Wall -Wextra -Werror -std=gnu11 -static \
			-o "$bin/tph_e2e_fwd" "$E2E_DIR/tph_e2e_fwd.c" || return 1
	e2e_fresh "$E2E_OUT/tph-dsm.aml" "$E2E_ROOT/platform/acpi/tph-dsm.asl" ||
		iasl -p "$E2E_OUT/tph-dsm" "$E2E_ROOT/platform/acpi/tph-dsm.asl" \
			>"$E2E_OUT/logs/iasl.log" 2>&1 ||
		{ cat "$E2E_OUT/logs/iasl.log"; return 1; }
	# uid-map: the same SSDT with tags for UIDs 0-3 (TPHI 4), as in
	# platform/test-kernel.sh.
	e2e_fresh "$E2E_OUT/tph-dsm-uid-map.aml" "$E2E_ROOT/platform/acpi/tph-dsm.asl" || {
		sed 's/Name (TPHI, 3)/Name (TPHI, 4)/' \
			"$E2E_ROOT/platform/acpi/tph-dsm.asl" >"$E2E_OUT/tph-dsm-uid-map.asl" &&
		grep -q 'Name (TPHI, 4)' "$E2E_OUT/tph-dsm-uid-map.asl" &&
		iasl -p "$E2E_OUT/tph-dsm-uid-map" "$E2E_OUT/tph-dsm-uid-map.asl" \
			>"$E2E_OUT/logs/iasl-uid-map.log" 2>&1
	} || { cat "$E2E_OUT/logs/iasl-uid-map.log"; return 1; }
}

# Everything for the given kernels ("plain", "plain-noseries").
e2e_build_all() {
	local k
	mkdir -p "$E2E_OUT/logs"
	if e2e_deps_present; then
		e2e_say "Debian packages: installed"
	else
		e2e_step "Debian packages" "$E2E_OUT/logs/apt.log" e2e_deps || return 1
	fi
	e2e_build_dpdk || return 1
	for k in "$@"; do
		e2e_build_kernel "$k" || return 1
	done
	for k in "$@"; do
		e2e_step "tph_emu module for the $k kernel" \
			"$E2E_OUT/logs/tph_emu-$k.log" e2e_snapshot_kernel "$k" ||
			return 1
	done
	e2e_step "guest tools, stripped testpmd, SSDT" "$E2E_OUT/logs/tools.log" \
		e2e_build_tools
}

# e2e_boot NAME KERNEL EMU_PARAMS KARGS SCENARIO [LAYOUT]
# Boots one guest running the scenario's steps; logs in $E2E_OUT/logs/NAME.*
# (NAME.out holds the session output). Returns run.sh's status.
# LAYOUT uid-map boots sockets 0, 2, 3, 4 of five, so that Linux CPUs 0-3
# have ACPI UIDs 0, 2, 3, 4, with the SSDT giving UIDs 0-3 a tag (see
# platform/README.md); the default is 4 CPUs with UIDs 0-3.
e2e_boot() {
	local name="$1" k="$2" params="$3" kargs="$4" scenario="$5"
	local layout="${6:-}"
	local steps=$E2E_OUT/$name.steps bin=$E2E_OUT/bin args cpus
	"$E2E_PY" "$E2E_DIR/e2e.py" steps "$scenario" >"$steps" || return 1
	cpus=(-s 4 -A "$E2E_OUT/tph-dsm.aml")
	[ "$layout" != uid-map ] ||
		cpus=(-s 1,maxcpus=5,sockets=5,cores=1,threads=1 -C socket-id=2
		      -C socket-id=3 -C socket-id=4
		      -A "$E2E_OUT/tph-dsm-uid-map.aml")
	args=(-k "$E2E_OUT/$k/bzImage" "${cpus[@]}" -t 1800 -l "$E2E_OUT/logs/$name"
	      -m "$E2E_OUT/$k/tph_emu.ko:$params"
	      -f "$bin/dpdk-testpmd" -f "$bin/tph_e2e_dev" -f "$bin/tph_e2e_ds"
	      -f "$bin/tph_e2e_linebuf.so:/lib/tph_e2e_linebuf.so"
	      -f "$E2E_DIR/guest-session.sh:/bin/tph-e2e-session"
	      -f "$steps:/etc/e2e.steps"
	      -c "sh /bin/tph-e2e-session /etc/e2e.steps")
	[ -z "$kargs" ] || args+=(-a "$kargs")
	if [ "$scenario" = l3fwd ]; then
		e2e_boot_l3fwd "$name" "${args[@]}"
		return
	fi
	"$E2E_ROOT/platform/guest/run.sh" "${args[@]}"
}

# e2e_boot_l3fwd NAME RUN.SH-ARGS...: the l3fwd scenario's files in the
# guest, and frames sent into the NIC from the host side of its tap, which
# run.sh names after its process id (l3fwd_inject.py writes NAME.inject).
e2e_boot_l3fwd() {
	local name="$1" bin=$E2E_OUT/bin pid rc
	shift
	rm -f "$E2E_OUT/logs/$name.inject"
	"$E2E_ROOT/platform/guest/run.sh" "$@" -f "$bin/dpdk-l3fwd" \
		-f "$bin/tph_e2e_fwd" -f "$E2E_DIR/guest-app.sh:/bin/tph-e2e-app" &
	pid=$!
	"$E2E_PY" "$E2E_DIR/l3fwd_inject.py" "tph$pid" "$pid" \
		"$E2E_OUT/logs/$name.inject" &
	wait "$pid"
	rc=$?
	wait $!
	return "$rc"
}
