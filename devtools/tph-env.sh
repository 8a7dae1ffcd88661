# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# Common settings of the dpdk-tph build scripts (sourced, not run).

TPH_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Downloads and extracted upstream sources live outside the repository so a
# fresh clone on the same machine needs no download.
TPH_CACHE_DIR=${TPH_CACHE_DIR:-$HOME/.cache/dpdk-tph}
TPH_BUILD_DIR=${TPH_BUILD_DIR:-$TPH_TOP/build}

# The pinned DPDK release: Debian bookworm's dpdk source package.
DPDK_DEB_VERSION=22.11.11-0+deb12u1
DPDK_UPSTREAM_VERSION=22.11.11
DPDK_ORIG_SHA256=27a3bb1f57e02eb68c7c0a6f8bbf9fb74ec198c5aab74ed602da5b71c492a476

tph_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
tph_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Install the Debian packages named, if any is missing.
tph_apt_install() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	tph_log "installing: ${missing[*]}"
	tph_apt_sources
	apt-get update -qq >/dev/null ||
		tph_die "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null ||
		tph_die "apt-get install ${missing[*]} failed"
}

# Source packages and the backports suite are needed; add them once.
tph_apt_sources() {
	local f=/etc/apt/sources.list.d/dpdk-tph.sources
	[ -f "$f" ] && return 0
	cat > "$f" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
	apt-get update -qq >/dev/null || tph_die "apt-get update failed"
}

# DPDK's devtools/checkpatches.sh runs Linux's checkpatch.pl: it comes with
# the Linux source the kernel build caches; on its own, take it from
# Debian's linux-source package. Exports what checkpatches.sh reads.
tph_checkpatch_setup() {
	local tools=$TPH_CACHE_DIR/checkpatch tree
	tph_apt_install gawk codespell git perl xz-utils
	export DPDK_CHECKPATCH_PATH=$tools/scripts/checkpatch.pl
	export DPDK_CHECKPATCH_CODESPELL=/usr/share/codespell/dictionary.txt
	[ -x "$DPDK_CHECKPATCH_PATH" ] && return 0
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
}

# The findings of a devtools/checkpatches.sh report, one a line (none: clean).
# Autotests that fake a PMD must include ethdev_driver.h, as DPDK's own
# app/test does; that one application-header warning is expected there.
tph_checkpatch_findings() {
	local report=$1
	grep -E '^(Warning|ERROR|WARNING|CHECK)' "$report" |
		grep -v '^Warning in app/test/.*' || true
	grep -A1 '^Warning in app/test/' "$report" |
		grep -v -e '^Warning in' -e '^--$' |
		grep -v -x 'Using driver specific headers in applications' || true
}

# The commit the working tree is at (12 digits), with "-dirty" when it has
# uncommitted changes, "unknown" outside git: the stamp of test results.
tph_commit_stamp() {
	local head
	head=$(git -C "$TPH_TOP" rev-parse --short=12 HEAD 2>/dev/null) ||
		{ echo unknown; return; }
	[ -z "$(git -C "$TPH_TOP" status --porcelain 2>/dev/null)" ] || head=$head-dirty
	echo "$head"
}
