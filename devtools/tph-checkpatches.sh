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

tph_apt_install gawk codespell git perl xz-utils
"$TPH_TOP/devtools/tph-assemble.sh"
dpdk=$TPH_TOP/subprojects/dpdk

# checkpatch.pl comes with the Linux source the kernel build caches; on
# its own, take it from Debian's linux-source package.
tools=$TPH_CACHE_DIR/checkpatch
if [ ! -x "$tools/scripts/checkpatch.pl" ]; then
	mkdir -p "$tools"
	tree=$(ls -d "$TPH_CACHE_DIR"/kernel/*/pristine 2>/dev/null | head -n 1 || true)
	if [ -z "$tree" ]; then
		tph_log "fetching checkpatch.pl from Debian's linux-source-6.12"
		(cd "$tools" && apt-get download linux-source-6.12 >/dev/null)
		dpkg-deb --fsys-tarfile "$tools"/linux-source-6.12_*.deb |
			tar -xO --wildcards '*/linux-source-6.12.tar.xz' |
			tar -xJ -C "$tools" --strip-components=1 --wildcards \
			'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
			'*/scripts/const_structs.checkpatch'
		rm -f "$tools"/linux-source-6.12_*.deb
	else
		mkdir -p "$tools/scripts"
		cp "$tree"/scripts/{checkpatch.pl,spelling.txt,const_structs.checkpatch} \
			"$tools/scripts/"
	fi
fi

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

export DPDK_CHECKPATCH_PATH=$tools/scripts/checkpatch.pl
export DPDK_CHECKPATCH_CODESPELL=/usr/share/codespell/dictionary.txt
cd "$dpdk"
devtools/checkpatches.sh "$work"/*.patch > "$work/report" 2>&1 || true
cat "$work/report"
# Autotests that fake a PMD must include ethdev_driver.h, as DPDK's own
# app/test does; that one application-header warning is expected there.
findings=$(grep -E '^(Warning|ERROR|WARNING|CHECK)' "$work/report" |
	grep -v '^Warning in app/test/.*' || true)
app_test=$(grep -A1 '^Warning in app/test/' "$work/report" |
	grep -v -e '^Warning in' -e '^--$' |
	grep -v -x 'Using driver specific headers in applications' || true)
if [ -n "$findings" ] || [ -n "$app_test" ]; then
	tph_log "style findings: see above"
	exit 1
fi
tph_log "style checks clean"
