#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Run every test of the project: build DPDK (devtools/tph-build.sh), run the
# meson suites (lib/tph and VFIO backend autotests, DPDK's fast-tests,
# testpmd sessions), DPDK's style checks on what the project adds, the
# DPDK series patch by patch (devtools/tph-series.sh --check), then the
# kernel series and emulated-platform suites.
# Ends with "N passed, N failed" and exits non-zero on any failure.
#
# Options:
#   --dpdk-only   skip the kernel and emulated-platform suites
# With every suite, DPDK is also built once without lib/tph
# (tph-build.sh --no-tph): its testpmd must say "TPH not built", and an
# application built against it every ethdev TPH call -ENOTSUP.
#   --suite S     run only meson suite S (may repeat; implies --dpdk-only)

set -u -o pipefail
source "$(dirname "$0")/tph-env.sh"

dpdk_only=0
suites=()
while [ $# -gt 0 ]; do
	case $1 in
	--dpdk-only) dpdk_only=1 ;;
	--suite) suites+=("$2"); dpdk_only=1; shift ;;
	*) tph_die "usage: $0 [--dpdk-only] [--suite NAME]..." ;;
	esac
	shift
done
all_suites=0
[ ${#suites[@]} -gt 0 ] || { suites=(tph dpdk-fast testpmd bench-smoke); all_suites=1; }

passed=0
failed=0
# Each stage's result, stamped with the commit tested: the cover letter of
# devtools/tph-series.sh takes them from here, for this commit only.
results=$TPH_BUILD_DIR/test-results.txt
mkdir -p "$TPH_BUILD_DIR"
echo "commit $(tph_commit_stamp)" > "$results"
count_stage() { # name passed failed
	tph_log "$1: $2 passed, $3 failed"
	echo "$1: $2 passed, $3 failed" >> "$results"
	passed=$((passed + $2))
	failed=$((failed + $3))
}

start=$(date +%s)
if ! "$TPH_TOP/devtools/tph-build.sh"; then
	count_stage build 0 1
	echo "$passed passed, $failed failed"
	exit 1
fi

builddir=$TPH_BUILD_DIR/dpdk
suite_args=()
for s in "${suites[@]}"; do
	# A suite with no test yet is not an error.
	meson test -C "$builddir" --list --no-rebuild --suite "$s" \
		>/dev/null 2>&1 && suite_args+=(--suite "$s")
done
meson test -C "$builddir" --no-rebuild --print-errorlogs \
	--logbase tph-test "${suite_args[@]}"
rc=$?
log=$builddir/meson-logs/tph-test.json
ok=$(grep -c '"result": "OK"' "$log")
bad=$(grep -c -E '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log")
# meson's verdict wins over the log count, should the two ever disagree.
[ "$rc" -eq 0 ] || [ "$bad" -gt 0 ] || bad=1
count_stage "meson suites (${suites[*]})" "$ok" "$bad"
# Per suite ("name": "project:suite / test" in meson's log).
python3 - "$log" >> "$results" <<'PY'
import collections, json, sys
count = collections.defaultdict(collections.Counter)
for line in open(sys.argv[1]):
    test = json.loads(line)
    count[test['name'].split(' / ')[0].split(':')[-1]][test['result']] += 1
print('suites: ' + ', '.join('%s %d/%d OK' % (suite, c['OK'], sum(c.values()))
                             for suite, c in sorted(count.items())))
PY

if [ $all_suites -eq 1 ]; then
	# lib/tph is optional: the rest builds without it and says so.
	log=$TPH_BUILD_DIR/no-tph.log
	if "$TPH_TOP/devtools/tph-build.sh" --no-tph >"$log" 2>&1 &&
		printf 'show port 0 tph\nquit\n' | timeout 60 \
			"$TPH_BUILD_DIR/dpdk-no-tph/app/dpdk-testpmd" --no-huge -m 256 \
			--no-pci --vdev net_null0 -l 0-1 --file-prefix=tph-no-tph \
			-- -i --total-num-mbufs=2048 >>"$log" 2>&1 &&
		grep -q 'TPH not built' "$log"; then
		count_stage "build without lib/tph (tph-build.sh --no-tph)" 1 0
	else
		tail -n 30 "$log"
		count_stage "build without lib/tph (tph-build.sh --no-tph)" 0 1
	fi
	# An application of that build: headers, and -ENOTSUP from every call.
	if "$TPH_TOP/tests/no-tph/check-ethdev-tph-stubs.sh" \
			"$TPH_BUILD_DIR/dpdk-no-tph" >>"$log" 2>&1; then
		count_stage "ethdev TPH API without lib/tph (tests/no-tph)" 1 0
	else
		tail -n 30 "$log"
		count_stage "ethdev TPH API without lib/tph (tests/no-tph)" 0 1
	fi
	if "$TPH_TOP/devtools/tph-checkpatches.sh" >"$TPH_BUILD_DIR/checkpatches.log" 2>&1; then
		count_stage "DPDK style checks (devtools/tph-checkpatches.sh)" 1 0
	else
		cat "$TPH_BUILD_DIR/checkpatches.log"
		count_stage "DPDK style checks (devtools/tph-checkpatches.sh)" 0 1
	fi
	# The DPDK series: git am, build and checkpatches patch by patch.
	out=$TPH_BUILD_DIR/series-check.log
	"$TPH_TOP/devtools/tph-series.sh" --check >"$out" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	sp=$(echo "$line" | awk '{print $1}')
	sf=$(echo "$line" | awk '{print $3}')
	[ -n "$sp" ] || { sp=0; sf=1; }
	[ "$rc" -eq 0 ] || [ "$sf" -gt 0 ] || sf=1
	[ "$rc" -eq 0 ] || grep -E 'FAIL|error' "$out" | tail -n 20
	count_stage "DPDK series, patch by patch (devtools/tph-series.sh --check)" "$sp" "$sf"
fi

if [ $dpdk_only -eq 0 ]; then
	# The kernel series as a reviewer checks it: checkpatch --strict, git am,
	# build, and no new W=1 warnings.
	if "$TPH_TOP/platform/kernel/check-series.sh" >"$TPH_BUILD_DIR/check-series.log" 2>&1; then
		count_stage "kernel series checks (platform/kernel/check-series.sh)" 1 0
	else
		tail -n 40 "$TPH_BUILD_DIR/check-series.log"
		count_stage "kernel series checks (platform/kernel/check-series.sh)" 0 1
	fi
	if [ -x "$TPH_TOP/platform/test-kernel.sh" ]; then
		out=$TPH_BUILD_DIR/test-kernel.log
		"$TPH_TOP/platform/test-kernel.sh" 2>&1 | tee "$out"
		rc=${PIPESTATUS[0]}
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
		kp=$(echo "$line" | awk '{print $1}')
		kf=$(echo "$line" | awk '{print $3}')
		[ -n "$kp" ] || { kp=0; kf=1; }
		[ "$rc" -eq 0 ] || [ "$kf" -gt 0 ] || kf=1
		count_stage "kernel and emulated platform" "$kp" "$kf"
	fi

	# --- end-to-end suite (platform/e2e/run.sh): testpmd in the guest ---
	if [ -x "$TPH_TOP/platform/e2e/run.sh" ]; then
		out=$TPH_BUILD_DIR/test-e2e.log
		"$TPH_TOP/platform/e2e/run.sh" 2>&1 | tee "$out"
		rc=${PIPESTATUS[0]}
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
		ep=$(echo "$line" | awk '{print $1}')
		ef=$(echo "$line" | awk '{print $3}')
		[ -n "$ep" ] || { ep=0; ef=1; }
		[ "$rc" -eq 0 ] || [ "$ef" -gt 0 ] || ef=1
		count_stage "end-to-end (testpmd on the emulated platform)" "$ep" "$ef"
	fi
fi

tph_log "all tests done in $(( $(date +%s) - start )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
