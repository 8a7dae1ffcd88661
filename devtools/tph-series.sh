#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
#
# The DPDK side of dpdk-tph as a git-am series, generated from the one
# source of truth: dpdk-patches/series (order), each patch's mail header
# (subject, commit message, sign-off) and diff, and dpdk-patches/files
# (which patch adds each new file of this repository).
#
#   tph-series.sh          build/series/tree: pristine 22.11 + one commit per
#                          patch; build/series/out: git format-patch output
#                          with the cover letter from
#                          dpdk-patches/cover-letter.txt. Checks that the
#                          last commit holds the tree tph-assemble.sh builds.
#   tph-series.sh --check  also git am the series patch by patch onto a
#                          fresh pristine tree, build after each patch
#                          (the options of devtools/tph-dpdk-options.txt,
#                          one incremental build directory) and run DPDK's
#                          checkpatches.sh and check-git-log.sh on it.
#                          A failure names the patch. A patch changing a
#                          header others include also builds its
#                          includers (TPH_SERIES_DEPENDANTS=all: all).
#                          Fixes: tags are checked against DPDK's history
#                          in TPH_DPDK_GIT when there is one.
# The cover letter's results come from build/test-results.txt (written by
# devtools/tph-test.sh) and build/series-check.result (by --check), used
# only when stamped with the commit the series is generated from.
# Ends with "N passed, N failed" (one test per patch, plus the generation).

set -eu -o pipefail
source "$(dirname "$0")/tph-env.sh"

check=0
author=
while [ $# -gt 0 ]; do
	case $1 in
	--check) check=1 ;;
	--author) [ $# -ge 2 ] || tph_die "--author needs 'Name <address>'"; author=$2; shift ;;
	--author=*) author=${1#--author=} ;;
	*) tph_die "usage: $0 [--check] [--author 'Name <address>']" ;;
	esac
	shift
done

# The identity of From:, Signed-off-by:, .mailmap and the MAINTAINERS entry:
# --author, else git config user.name/user.email. dpdk-patches/ holds a
# placeholder in its place. --check keeps it unless --author is given
# (the same inputs give the same series); a series to send may not.
placeholder='dpdk-tph authors <dev@dpdk-tph.invalid>'
if [ -z "$author" ] && [ $check -eq 1 ]; then
	author=$placeholder
fi
if [ -z "$author" ]; then
	name=$(git -C "$(dirname "$0")" config user.name || true)
	email=$(git -C "$(dirname "$0")" config user.email || true)
	[ -n "$name" ] && [ -n "$email" ] && author="$name <$email>"
fi
[[ $author =~ ^[^\<\>]+\ \<[^@\<\>\ ]+@[^@\<\>\ ]+\>$ ]] ||
	tph_die "no identity for From: and Signed-off-by: give --author 'Name <address>' or set git config user.name and user.email"
if [ $check -eq 0 ] && [[ $author == *.invalid\> ]]; then
	tph_die "refusing to generate a series to send as '$author': an .invalid address cannot sign off (DCO) or maintain; give --author 'Your Name <you@example.org>' or set git config user.name/user.email (--check may use the placeholder)"
fi
author_name=${author% <*}
author_email=${author##*<}
author_email=${author_email%>}

tph_apt_install git patch rsync
pristine=$("$TPH_TOP/devtools/tph-fetch-dpdk.sh")
cd "$TPH_TOP"
out_root=$TPH_BUILD_DIR/series
tree=$out_root/tree
out=$out_root/out
# Fixed identity and dates: the same inputs give the same series.
export GIT_AUTHOR_DATE='2026-12-01T00:00:00+0000'
export GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export GIT_COMMITTER_NAME=$author_name
export GIT_COMMITTER_EMAIL=$author_email
git_q() { git -c init.defaultBranch=main -c core.autocrlf=false "$@"; }
# DPDK's git history, read only, if at hand (TPH_DPDK_GIT, a git directory
# with the v22.11.11 tag): the Fixes: tags of the series name commits in it.
dpdk_git=${TPH_DPDK_GIT:-/work/.mirror/DPDK+dpdk/repo}
dpdk_release_tag=v$DPDK_UPSTREAM_VERSION
git --git-dir="$dpdk_git" rev-parse -q --verify "$dpdk_release_tag^{commit}" \
	> /dev/null 2>&1 || dpdk_git=
# A git repository of pristine DPDK in DIR: one commit, tagged base. With
# "history", that commit's parent is the release in DPDK's history
# (objects borrowed, nothing copied), so that check-git-log.sh finds the
# commits the Fixes: tags name on the branch.
pristine_repo() { # DIR [history]
	cp -a "$pristine" "$1"
	git_q -C "$1" init -q
	git_q -C "$1" config user.name "$GIT_COMMITTER_NAME"
	git_q -C "$1" config user.email "$GIT_COMMITTER_EMAIL"
	git_q -C "$1" add -A -f   # DPDK's .gitignore covers its tracked dotfiles
	if [ "${2:-}" = history ]; then
		echo "$dpdk_git/objects" > "$1/.git/objects/info/alternates"
		local release
		release=$(git --git-dir="$dpdk_git" rev-parse "$dpdk_release_tag^{commit}")
		git_q -C "$1" tag "$dpdk_release_tag" "$release"
		git_q -C "$1" update-ref HEAD "$(git_q -C "$1" commit-tree \
			-p "$release" -m "DPDK $DPDK_UPSTREAM_VERSION" "$(git_q -C "$1" write-tree)")"
	else
		git_q -C "$1" commit -q -m "DPDK $DPDK_UPSTREAM_VERSION"
	fi
	git_q -C "$1" tag base
}

start=$(date +%s)
mapfile -t patches < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' dpdk-patches/series)

# tph-assemble.sh checks that dpdk-patches/files puts every new file in
# exactly one patch (or "-"), and gives the tree the series must end with.
"$TPH_TOP/devtools/tph-assemble.sh"
declare -A assigned=()
while read -r f p; do
	assigned[$f]=$p
done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' dpdk-patches/files)

# --- one commit per patch on pristine 22.11 ---
tph_log "generating the series in $tree (${#patches[@]} patches)"
rm -rf "$out_root"
mkdir -p "$out_root"
pristine_repo "$tree"
for p in "${patches[@]}"; do
	# The placeholder identity of dpdk-patches/ becomes the author's.
	file=$out_root/$p
	sed "s|$placeholder|$author|g" "dpdk-patches/$p" > "$file"
	header=$(sed -n '1,/^---$/p' "$file")
	from=$(sed -n 's/^From: //p' <<<"$header" | head -n 1)
	subject=$(sed -n 's/^Subject: \[PATCH\] //p' <<<"$header" | head -n 1)
	[ -n "$from" ] && [ -n "$subject" ] && grep -q '^Signed-off-by: ' <<<"$header" ||
		tph_die "$p: no mail header (From:, Subject: [PATCH] ..., Signed-off-by:, ---)"
	patch -d "$tree" -p1 --batch --forward --quiet --no-backup-if-mismatch \
		< "$file" > "$out_root/patch.log" 2>&1 ||
		{ cat "$out_root/patch.log" >&2; tph_die "$p does not apply"; }
	for f in "${!assigned[@]}"; do
		[ "${assigned[$f]}" = "$p" ] || continue
		mkdir -p "$tree/$(dirname "$f")"
		cp "$f" "$tree/$f"
	done
	# The message: the subject, then the body between the headers and "---".
	{
		echo "$subject"
		echo
		sed -e '1,/^$/d' -e '/^---$/,$d' <<<"$header"
	} > "$out_root/msg"
	git_q -C "$tree" add -A
	git_q -C "$tree" -c user.name="${from% <*}" -c user.email="$(sed 's/.*<\(.*\)>/\1/' <<<"$from")" \
		commit -q --author="$from" -F "$out_root/msg" ||
		tph_die "$p: commit failed (empty patch?)"
	# Notes to reviewers: a "Notes:" line right after "---", then the
	# text up to the diff. Kept out of the commit log, put below "---"
	# in the mail (format-patch --notes). Other text there stays local.
	sed -e '1,/^---$/d' -e '/^\(--- \|diff \|Index: \)/,$d' "$file" > "$out_root/notes"
	if [ "$(head -n 1 "$out_root/notes")" = Notes: ]; then
		sed -i 1d "$out_root/notes"
		git_q -C "$tree" notes add -F "$out_root/notes" HEAD
	fi
	rm -f "$file"
done
rm -f "$out_root/msg" "$out_root/patch.log" "$out_root/notes"

# The cover letter: subject on the template's first line, then its extra
# mail headers (Cc: ...) up to the first empty line, then the blurb.
# The series is an RFC (it needs an unmerged kernel uAPI): every mail is
# [RFC PATCH n/N], so that patchwork and the CI do not queue it for merge.
# @TEST_RESULTS@ takes the results of devtools/tph-test.sh (meson suites
# and stages, $test_results) and of tph-series.sh --check ($check_result),
# each only if stamped with the commit this series is generated from;
# otherwise the line says they were not run for this commit.
test_results=$TPH_BUILD_DIR/test-results.txt
check_result=$TPH_BUILD_DIR/series-check.result
stamp=$(tph_commit_stamp)
git_q -C "$tree" format-patch -q --cover-letter --no-signature \
	--notes --subject-prefix='RFC PATCH' -o "$out" base..HEAD
cover_template=$out_root/cover-letter.template
mv "$out/0000-cover-letter.patch" "$cover_template"
render_cover_letter() { # output, test results file, check result file
	python3 - "$cover_template" "$1" dpdk-patches/cover-letter.txt \
		"$2" "$3" "$stamp" devtools/tph-dpdk-options.txt <<'PY'
import os, sys, textwrap
template, path, letter, results, check, stamp, options = sys.argv[1:8]
subject, _, rest = open(letter).read().partition('\n')
extra_headers, _, blurb = rest.partition('\n\n')

# @BUILD_CONFIG@: what the series check builds, from the build options.
option = dict(line.strip().split('=', 1) for line in open(options)
              if '=' in line and not line.startswith('#'))
programs = [{'test-pmd': 'testpmd'}.get(a, a)
            for a in option.get('enable_apps', '').split(',') if a]
if option.get('tests') == 'true':
    programs.append('dpdk-test')
programs += [e for e in option.get('examples', '').split(',') if e]
config = '%s; drivers %s; %s.' % (
    option.get('default_library', 'shared'),
    ', '.join(option.get('enable_drivers', 'all').split(',')),
    ', '.join(programs))
blurb = blurb.replace('  @BUILD_CONFIG@\n', textwrap.fill(
    config, 72, initial_indent='  ', subsequent_indent='  ',
    break_on_hyphens=False) + '\n')

def stamped(name):
    """The lines of a result file, if it is from this commit, else None."""
    if not os.path.exists(name) or stamp.endswith(('-dirty', 'unknown')):
        return None
    lines = open(name).read().splitlines()
    if not lines or lines[0] != 'commit ' + stamp:
        return None
    return lines[1:]

# The harness's meson suites, as a DPDK reader knows them.
SUITE_NAMES = {
    'tph': 'the dpdk-test autotests the series adds',
    'dpdk-fast': "DPDK's fast-tests",
    'testpmd': 'testpmd sessions on net_null',
    'bench-smoke': 'short benchmark runs',
}

# Stages of devtools/tph-test.sh, as a DPDK reader knows them.
stages = [
    ('build without lib/tph', 'Built with -Ddisable_libs=tph: testpmd '
     'answers its TPH commands with "TPH not built"'),
    ('ethdev TPH API without lib/tph', 'An application built against that '
     'DPDK gets -ENOTSUP from every ethdev TPH call'),
    ('kernel series checks', 'Kernel series: checkpatch --strict, git am '
     'and build at every patch, no new W=1 warning'),
    ('kernel and emulated platform', 'Kernel series tests in a QEMU guest '
     'with a TPH requester model'),
    ('end-to-end', 'End to end in that guest: testpmd and l3fwd with '
     '--tph-mode, each queue\'s steering tag checked'),
]
out = []
commit = stamp if not stamp.endswith(('-dirty', 'unknown')) else \
    'none (uncommitted changes)'
out.append('Results for source commit %s:' % commit)
check_lines = stamped(check)
if check_lines:
    out += ['- ' + l for l in check_lines]
else:
    out.append('- Series check: not run for this commit.')
result_lines = stamped(results)
if result_lines is None:
    out.append('- Unit test suites and the other test stages: not run for '
               'this commit.')
else:
    # The harness's suites in the names a DPDK reader knows them by.
    suites = [l for l in result_lines if l.startswith('suites: ')]
    harness = "- The submitter's out-of-tree test harness: %s."
    if suites:
        runs = []
        for run in suites[-1][len('suites: '):].split(', '):
            name, _, count = run.partition(' ')
            runs.append('%s %s' % (SUITE_NAMES.get(name, name), count))
        out.append(harness % ', '.join(runs))
    else:
        out.append(harness % 'not run for this commit')
    for key, what in stages:
        got = [l for l in result_lines if l.startswith(key)]
        result = got[-1].split(': ')[-1] if got else 'not run for this commit'
        out.append('- %s: %s.' % (what, {'1 passed, 0 failed': 'passed',
                                         '0 passed, 1 failed': 'FAILED'}
                                  .get(result, result)))
text = open(template).read()
text = text.replace('*** SUBJECT HERE ***', subject, 1)
if extra_headers.strip():
    head, _, body = text.partition('\n\n')
    text = head + '\n' + extra_headers.strip('\n') + '\n\n' + body
out = [out[0]] + [textwrap.fill(line, 72, subsequent_indent='  ',
                                break_on_hyphens=False)
                  for line in out[1:]]
blurb = blurb.replace('@TEST_RESULTS@\n', '\n'.join(out) + '\n')
text = text.replace('*** BLURB HERE ***', blurb.rstrip('\n'), 1)
open(path, 'w').write(text)
PY
}
render_cover_letter "$out/0000-cover-letter.patch" "$test_results" "$check_result"
# Results stamped with another commit must not reach the cover letter;
# on a committed tree, results stamped with its commit must.
printf 'commit 0123456789ab\nsuites: tph 1/1 OK\n' > "$out_root/stale-results"
printf 'commit 0123456789ab\nSeries check: stale\n' > "$out_root/stale-check"
render_cover_letter "$out_root/stale-cover" "$out_root/stale-results" "$out_root/stale-check"
printf 'commit %s\nsuites: tph 1/1 OK\n' "$stamp" > "$out_root/stale-results"
render_cover_letter "$out_root/fresh-cover" "$out_root/stale-results" "$out_root/stale-check"
stale_refused=1
# (The letter's lines are wrapped: compare its words.)
words() { tr -s ' \n' '  ' < "$1"; }
if words "$out_root/stale-cover" | grep -q -e 'tph 1/1 OK' -e 'adds 1/1 OK' -e 'stale' ||
		[ "$(words "$out_root/stale-cover" | grep -o 'not run for this commit' | wc -l)" -lt 2 ]; then
	tph_log "FAIL cover letter: took results stamped with another commit"
	stale_refused=0
elif [[ $stamp != *-dirty && $stamp != unknown ]] &&
		! words "$out_root/fresh-cover" | grep -q 'adds 1/1 OK'; then
	tph_log "FAIL cover letter: left out results stamped with commit $stamp"
	stale_refused=0
fi
rm -f "$out_root"/stale-* "$out_root/fresh-cover"

# The last commit must hold exactly the tree meson builds.
# (.mailmap and MAINTAINERS there hold the placeholder identity.)
{
	diff -r -q -x .git -x .tph-stamp -x .mailmap -x MAINTAINERS \
		"$tree" "$TPH_TOP/subprojects/dpdk" &&
	for f in .mailmap MAINTAINERS; do
		sed "s|$placeholder|$author|g" "$TPH_TOP/subprojects/dpdk/$f" |
			diff -q "$tree/$f" - > /dev/null || { echo "$f differs"; false; }
	done
} > "$out_root/tree.diff" 2>&1 ||
	{ cat "$out_root/tree.diff" >&2; tph_die "the series' last commit differs from subprojects/dpdk"; }
rm -f "$out_root/tree.diff"
tph_log "series: $(ls "$out" | wc -l) files in $out ($(( $(date +%s) - start )) s)"
passed=$((1 + stale_refused))
failed=$((1 - stale_refused))

# No project-internal material in the mails: paths and tools of this
# repository (its documents such as tph-uapi.md, its test scripts under
# tests/), its meson suites (bench-smoke, "meson suite"), the test
# platform, the project's own name. Allowed: the copyright holder and the
# author's identity (its shortlog line too).
internal='platform/|devtools/tph|bench/|kernel-patches|tph_emu|this project|the task|dpdk-tph'
internal+='|tph-uapi|(^|[^a-z_])tests/|bench-smoke|meson suites?\b'
leaks=0
for mail in "$out"/*.patch; do
	hits=$(sed -e 's/Copyright(c) [0-9-]* The dpdk-tph authors//' \
			-e "s|$author||g" -e "s|^$author_name ([0-9]*):\$||" "$mail" |
		grep -n -i -E "$internal" || true)
	[ -z "$hits" ] && continue
	sed 's/^/    /' <<<"$hits" >&2
	num=$(basename "$mail" | cut -c1-4)
	src_patch=cover-letter.txt
	[ "$((10#$num))" -gt 0 ] && src_patch=${patches[$((10#$num - 1))]}
	tph_log "FAIL $(basename "$mail") (dpdk-patches/$src_patch or the files it adds): project-internal text"
	leaks=$((leaks + 1))
done
if [ $leaks -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

if [ $check -eq 0 ]; then
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

# --- --check: the series as a maintainer applies it ---
# A wrapper project like the top-level one, in the same layout
# (subprojects/dpdk, build/dpdk), so the compile commands are the main
# build's and ccache reuses its objects for every file a patch leaves as
# it is at the end of the series.
work=$TPH_BUILD_DIR/series-check
src=$work/subprojects/dpdk
builddir=$work/build/dpdk
rm -rf "$work"
mkdir -p "$work/subprojects"
if [ -n "$dpdk_git" ]; then
	pristine_repo "$src" history
else
	pristine_repo "$src"
fi
{
	sed -n '/^project(/,/)$/p' meson.build
	printf "dpdk = subproject('dpdk', default_options: ["
	grep -v -e '^#' -e '^[[:space:]]*$' devtools/tph-dpdk-options.txt |
		sed "s/.*/'&',/" | tr -d '\n'
	printf '])\n'
} > "$work/meson.build"

tph_apt_install gcc pkg-config meson ninja-build ccache python3 \
	python3-pyelftools libnuma-dev
export CCACHE_DIR=${CCACHE_DIR:-$TPH_CACHE_DIR/ccache}
export CCACHE_BASEDIR=$work
export PATH=/usr/lib/ccache:$PATH
tph_checkpatch_setup
# checkpatch.pl also looks up each Fixes: hash in the tree's git history:
# without DPDK's history it would warn on every one (UNKNOWN_COMMIT_ID).
if [ -z "$dpdk_git" ]; then
	export DPDK_CHECKPATCH_OPTIONS="${DPDK_CHECKPATCH_OPTIONS:-} --ignore=UNKNOWN_COMMIT_ID"
	tph_log "NOTE: no DPDK history at hand (set TPH_DPDK_GIT to a DPDK git directory with tag $dpdk_release_tag): Fixes: hashes and subjects are not checked (checkpatch UNKNOWN_COMMIT_ID and check-git-log's Fixes reference check skipped); their format is"
fi
meson setup --native-file "$TPH_TOP/devtools/tph-native.ini" \
	"$builddir" "$work" > "$work/meson-setup.log" 2>&1 ||
	{ tail -n 30 "$work/meson-setup.log" >&2; tph_die "meson setup of pristine $DPDK_UPSTREAM_VERSION failed"; }

# What a patch can break: the libraries, drivers and applications whose
# files it changes (their objects compile and they link). The last patch
# builds everything.
# Until a patch changes rte_eal.h (the EAL option), an application link
# would rebuild every library against the pristine header, which nearly
# every object includes and the main build (whose objects ccache holds)
# never used: there, applications only compile the sources the patch
# changes, and the libraries and drivers it changes are built.
targets_for() { # files changed by the patch
	local f t all obj
	all=$(ninja -C "$builddir" -t targets all | cut -d: -f1)
	for f in "$@"; do
		obj=
		case $f in
		lib/*/*) t=lib/librte_$(cut -d/ -f2 <<<"$f") ;;
		drivers/*/*/*) t=drivers/librte_$(cut -d/ -f2 <<<"$f")_$(cut -d/ -f3 <<<"$f") ;;
		app/test-pmd/*) t=app/dpdk-testpmd; obj=app/dpdk-testpmd.p/test-pmd_${f#app/test-pmd/} ;;
		app/test/*) t=app/test/dpdk-test; obj=app/test/dpdk-test.p/${f#app/test/} ;;
		examples/*/*) t=examples/dpdk-$(cut -d/ -f2 <<<"$f"); obj=$t.p/$(cut -d/ -f2- <<<"$f" | tr / _) ;;
		*) continue ;;
		esac
		if [ -n "$obj" ] && [ "$eal_pristine" -eq 1 ]; then
			grep -x -F "subprojects/dpdk/$obj.o" <<<"$all" || true
			continue
		fi
		if [ "$eal_pristine" -eq 1 ]; then
			grep -x -F "subprojects/dpdk/$t.a" <<<"$all" || true
		else
			grep -x -E "subprojects/dpdk/$t(\\.a|\\.so\\.[0-9.]+)?" <<<"$all" || true
		fi
	done | sort -u
}

# A header that other components include: a public one (rte_*.h), a
# driver interface (*_driver.h), or any header meson installs. A patch
# changing one can break its reverse dependants, which targets_for alone
# would not build until a later patch, and then name that patch. Such a
# patch builds TPH_SERIES_DEPENDANTS: "includers" (default) the
# components with a source that includes a changed header, directly or
# through other headers; "all" a full ninja.
dependants_mode=${TPH_SERIES_DEPENDANTS:-includers}
case $dependants_mode in includers|all) ;; *)
	tph_die "TPH_SERIES_DEPENDANTS must be includers or all" ;;
esac
shared_headers() { # files changed by the patch
	local f installed
	installed=$(python3 -c 'import json, sys
print("\n".join(json.load(open(sys.argv[1]))))' "$builddir/meson-info/intro-installed.json")
	for f in "$@"; do
		case $f in
		*.h) ;;
		*) continue ;;
		esac
		case ${f##*/} in
		rte_*.h|*_driver.h) echo "$f"; continue ;;
		esac
		! grep -q -x -F "$src/$f" <<<"$installed" || echo "$f"
	done
}
includers_of() { # headers; prints the .c files of the tree that include one
	(cd "$src" && python3 - "$@") <<'PY'
import os, re, sys
include = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
includes = {}  # file -> names of the headers it includes
for top in ('lib', 'drivers', 'app', 'examples', 'config'):
    for root, _, names in os.walk(top):
        for name in names:
            if name.endswith(('.c', '.h')):
                path = os.path.join(root, name)
                with open(path, errors='replace') as f:
                    includes[path] = {os.path.basename(i)
                                      for i in include.findall(f.read())}
wanted = {os.path.basename(h) for h in sys.argv[1:]}
while True:  # the headers that include a wanted one, until no new one
    more = {os.path.basename(p) for p, inc in includes.items()
            if p.endswith('.h') and inc & wanted} - wanted
    if not more:
        break
    wanted |= more
print('\n'.join(sorted(p for p, inc in includes.items()
                        if p.endswith('.c') and inc & wanted)))
PY
}

mapfile -t mails < <(ls "$out"/[0-9]*.patch | grep -v '/0000-cover-letter.patch$')
total=${#mails[@]}
n=0
times=()
applied=0
built=0
clean=0
build_secs=0
style_secs=0
setup_secs=$(( $(date +%s) - start ))
linked=0  # 1 once a patch's libraries and drivers were linked
for mail in "${mails[@]}"; do
	n=$((n + 1))
	name="$(basename "$mail") (dpdk-patches/${patches[$((n - 1))]})"
	t0=$(date +%s)
	if ! git_q -C "$src" am -q "$mail" > "$work/am.log" 2>&1; then
		cat "$work/am.log" >&2
		tph_log "FAIL $name: git am"
		failed=$((failed + 1 + total - n))
		break
	fi
	applied=$((applied + 1))
	ok=1
	t1=$(date +%s)
	(cd "$src" && devtools/checkpatches.sh "$mail") > "$work/checkpatch.log" 2>&1 || true
	findings=$(tph_checkpatch_findings "$work/checkpatch.log")
	if [ -n "$findings" ]; then
		cat "$work/checkpatch.log" >&2
		tph_log "FAIL $name: checkpatches.sh"
		ok=0
	fi
	t2=$(date +%s)
	mapfile -t changed < <(git -C "$src" diff --name-only HEAD~1 HEAD)
	eal_pristine=0
	git -C "$src" diff --quiet base HEAD -- lib/eal/include/rte_eal.h && eal_pristine=1
	# Regenerate build.ninja first when a meson.build changed.
	if ! nice ninja -C "$builddir" build.ninja > "$work/ninja.log" 2>&1; then
		tail -n 30 "$work/ninja.log" >&2
		tph_log "FAIL $name: meson reconfigure"
		failed=$((failed + 1 + total - n))
		break
	fi
	mapfile -t headers < <(shared_headers "${changed[@]}")
	if [ "$n" -eq "$total" ] ||
			{ [ ${#headers[@]} -gt 0 ] && [ "$dependants_mode" = all ]; }; then
		mapfile -t targets < <(echo all)
	elif [ ${#headers[@]} -gt 0 ]; then
		mapfile -t targets < <(targets_for "${changed[@]}" \
			$(includers_of "${headers[@]}"))
	else
		mapfile -t targets < <(targets_for "${changed[@]}")
	fi
	if [ ${#targets[@]} -gt 0 ] &&
			! nice ninja -C "$builddir" "${targets[@]}" > "$work/ninja.log" 2>&1; then
		grep -E '^FAILED|error:|undefined reference' "$work/ninja.log" | tail -n 30 >&2
		# The first patch that links libraries and drivers also meets
		# the link errors of the patches before it.
		first_link=
		[ "$eal_pristine" -eq 0 ] && [ "$linked" -eq 0 ] &&
			first_link="; or an earlier patch: libraries and drivers were archived, not linked, before this one"
		tph_log "FAIL $name: build (${targets[*]#subprojects/dpdk/})$first_link"
		failed=$((failed + 1 + total - n))
		break
	fi
	t3=$(date +%s)
	[ "$eal_pristine" -eq 1 ] || linked=1
	built=$((built + 1))
	clean=$((clean + ok))
	times+=("$((t3 - t0))")
	build_secs=$((build_secs + t3 - t2))
	style_secs=$((style_secs + t2 - t1))
	tph_log "$([ $ok -eq 1 ] && echo ok || echo FAIL) $name ($((t3 - t0)) s, build $((t3 - t2)) s, checkpatches $((t2 - t1)) s; ${headers[*]:+shared headers: ${headers[*]}; }built: ${targets[*]#subprojects/dpdk/})"
	if [ $ok -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

# The commit logs as DPDK checks them (headline format, prefixes, case,
# tags). It checks each Fixes: reference (hash on the branch, subject)
# against DPDK's history; without that history every reference fails, so
# then only that check is left out, and the log says so.
git_log_rc=0
(cd "$src" && devtools/check-git-log.sh -r base..HEAD) > "$work/git-log.log" 2>&1 ||
	git_log_rc=$?
if [ -z "$dpdk_git" ]; then
	tph_log "NOTE: check-git-log.sh's Fixes: reference check skipped: no DPDK history"
	other_findings=$(awk '/^Wrong .Fixes. reference:$/ { skip = 1; next }
		skip && /^\t/ { next } { skip = 0; print }' "$work/git-log.log" |
		grep -v -e '^[[:space:]]*$' -e '^Invalid patch(es) found' || true)
	[ -n "$other_findings" ] || git_log_rc=0
fi
[ -z "$dpdk_git" ] || tph_log "Fixes: references checked against DPDK's history in $dpdk_git"
if [ $git_log_rc -eq 0 ]; then
	passed=$((passed + 1))
else
	cat "$work/git-log.log" >&2
	tph_log "FAIL devtools/check-git-log.sh"
	failed=$((failed + 1))
fi
check_secs=$(( $(date +%s) - start ))
tph_log "series check done in $check_secs s: generation and setup $setup_secs s, builds $build_secs s, checkpatches $style_secs s (per patch: ${times[*]:-none} s)"

# The check's own result, stamped with the commit, into the cover letter.
sorted_times=$(printf '%s\n' "${times[@]:-0}" | sort -n)
middle=$(( (${#times[@]} + 1) / 2 ))
[ "$middle" -gt 0 ] || middle=1
{
	echo "commit $stamp"
	echo "Series check: of $total patches, $applied applied with git am on v$DPDK_UPSTREAM_VERSION, $built built, $clean checkpatches-clean (one filtered warning, see below); check-git-log.sh $([ $git_log_rc -eq 0 ] && echo passed || echo FAILED)$([ -n "$dpdk_git" ] && echo ", Fixes: tags checked against DPDK's history" || echo ", Fixes: tags not checked against DPDK's history")."
	echo "Series check time: $check_secs s in total (builds $build_secs s, checkpatches $style_secs s); per patch $(head -n 1 <<<"$sorted_times") to $(tail -n 1 <<<"$sorted_times") s, median $(sed -n "${middle}p" <<<"$sorted_times") s."
} > "$check_result"
render_cover_letter "$out/0000-cover-letter.patch" "$test_results" "$check_result"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
