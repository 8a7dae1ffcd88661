#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Copyright(c) 2026 The dpdk-tph authors
#
# Regenerate kernel-patches/linux-6.12/ from a kernel git tree whose
# commits on top of the pristine Debian tree are the series (for example
# the tree build.sh prepares, after editing and committing there).
#
# Usage: platform/kernel/export-series.sh <kernel-git-tree> [<base>]
#   <base> defaults to the tag "pristine" that build.sh creates.
# The cover letter's subject and text come from series-cover.txt (first
# line: subject, then a blank line, then the text).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/kernel-patches/linux-6.12"
COVER="$HERE/series-cover.txt"

[ $# -ge 1 ] || { sed -n '5,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
TREE="$1"
BASE="${2:-pristine}"

subject=$(head -n1 "$COVER")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

git -C "$TREE" format-patch -q --cover-letter --no-signature --zero-commit \
	--subject-prefix=PATCH -o "$tmp" "$BASE..HEAD"

# Fill in the cover letter placeholders from series-cover.txt.
/usr/bin/python3 - "$tmp/0000-cover-letter.patch" "$COVER" "$subject" <<'PY'
import sys
path, cover, subject = sys.argv[1:4]
body = open(cover).read().split("\n", 2)[2]
text = open(path).read()
text = text.replace("*** SUBJECT HERE ***", subject, 1)
text = text.replace("*** BLURB HERE ***\n", body, 1)
open(path, "w").write(text)
PY

mkdir -p "$OUT"
rm -f "$OUT"/[0-9][0-9][0-9][0-9]-*.patch
cp "$tmp"/*.patch "$OUT"/
ls "$OUT"
