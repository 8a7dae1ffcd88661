#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# DPDK's style checks (devtools/checkpatches.sh of the assembled tree, i.e.
# Linux checkpatch.pl with DPDK's options plus DPDK's own token checks) on
# everything this project adds to DPDK: the new files, as one patch that
# creates them, and every patch of the queue. Exits non-zero on findings.

set -eu -o pipefail
source "$(dirname "$0")/tph-env.sh"

"$TPH_TOP/devtools/tph-assemble.sh"
dpdk=$TPH_TOP/subprojects/dpdk

tph_checkpatch_setup

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TPH_TOP"
# checkpatch wants a mail: give each check a minimal header.
mail_header() {
	printf 'From: dpdk-tph developers <dev@dpdk-tph.invalid>\n'
	printf 'Subject: [PATCH] %s\n\n%s\n\n' "$1" "$1"
	printf 'Signed-off-by: dpdk-tph developers <dev@dpdk-tph.invalid>\n---\n'
}
{
	mail_header "tph: add the new files"
	for f in $(git ls-files lib drivers app examples | grep -E '\.(c|h)$'); do
		diff -u --label /dev/null --label "b/$f" /dev/null "$f" |
			sed "1s|^--- /dev/null|--- /dev/null|" || true
	done
} > "$work/0000-new-files.patch"
n=1
for p in $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' dpdk-patches/series); do
	# Each patch carries its own mail header (devtools/tph-series.sh).
	cp "dpdk-patches/$p" "$work/$(printf %04d $n)-$p"
	n=$((n + 1))
done

cd "$dpdk"
# checkpatch looks each Fixes: hash up in the git history around it, which
# here is this repository's, not DPDK's: devtools/tph-series.sh --check
# verifies the hashes against DPDK's history instead.
export DPDK_CHECKPATCH_OPTIONS="${DPDK_CHECKPATCH_OPTIONS:-} --ignore=UNKNOWN_COMMIT_ID"
devtools/checkpatches.sh "$work"/*.patch > "$work/report" 2>&1 || true
cat "$work/report"
findings=$(tph_checkpatch_findings "$work/report")
if [ -n "$findings" ]; then
	tph_log "style findings: see above"
	exit 1
fi
tph_log "style checks clean"
