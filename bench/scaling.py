#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
"""Scaling benchmark: lib/tph's cost for a batch of 1, 64 and 2048 entries.

Runs DPDK's tph_perf_autotest (app/test/test_tph_perf.c): rte_tph_set_st()
on a device whose backend only counts, so the time is the library's alone.
Reports ns per batch and per entry, the marginal cost of one more entry
(fitted between 64 and 2048) and whether the cost grows linearly; checks
that every batch reached the backend as exactly one call carrying all its
entries (the autotest asserts it too). Writes a JSON file and prints a
table. --smoke runs a few batches only: the counts are checked, the times
are printed but mean nothing.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

SIZES = (1, 64, 2048)
# Per-entry cost at 2048 over the cost at 64 above this is super-linear.
LINEAR_SLACK = 1.5

LINE = re.compile(r"TPH-PERF n=(\d+) rounds=(\d+) batches=(\d+) "
                  r"backend_calls=(\d+) entries=(\d+) "
                  r"ns_per_batch_median=([\d.]+) ns_per_batch_min=([\d.]+) "
                  r"ns_per_entry_median=([\d.]+)")


def run_autotest(dpdk_test, smoke, logdir):
    env = dict(os.environ, DPDK_TEST="tph_perf_autotest")
    if smoke:
        env["DPDK_TEST_TPH_PERF_SMOKE"] = "1"
    else:
        env.pop("DPDK_TEST_TPH_PERF_SMOKE", None)
    argv = [dpdk_test, "--no-huge", "-m", "512", "--no-pci",
            "--file-prefix=tph_perf_bench_%d" % os.getpid()]
    p = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=600)
    log = os.path.join(logdir, "scaling.log")
    with open(log, "w") as f:
        f.write(p.stdout)
    if p.returncode != 0 or "Test OK" not in p.stdout:
        sys.exit("scaling: tph_perf_autotest failed (status %d), log %s"
                 % (p.returncode, log))
    return p.stdout, log


def parse(out):
    rows = {}
    for m in LINE.finditer(out):
        n, rounds, batches, calls, entries = (int(x) for x in m.groups()[:5])
        rows[n] = {"n": n, "rounds": rounds, "batches": batches,
                   "backend_calls": calls, "backend_entries": entries,
                   "ns_per_batch": float(m.group(6)),
                   "ns_per_batch_min": float(m.group(7)),
                   "ns_per_entry": float(m.group(8))}
    return rows


def check(rows):
    """Non-timing invariants; returns a list of failures."""
    bad = []
    for n in SIZES:
        r = rows.get(n)
        if r is None:
            bad.append("no result for n=%d" % n)
            continue
        total = r["rounds"] * r["batches"]
        r["backend_calls_per_batch"] = r["backend_calls"] / total
        if r["backend_calls"] != total:
            bad.append("n=%d: %d backend calls for %d batches"
                       % (n, r["backend_calls"], total))
        if r["backend_entries"] != total * n:
            bad.append("n=%d: %d entries reached the backend, %d sent"
                       % (n, r["backend_entries"], total * n))
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dpdk-test", required=True)
    ap.add_argument("--build", default="",
                    help="what the binary is, for the report")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    logdir = os.path.join(os.path.dirname(os.path.abspath(args.out)), "logs")
    os.makedirs(logdir, exist_ok=True)

    out, log = run_autotest(args.dpdk_test, args.smoke, logdir)
    rows = parse(out)
    bad = check(rows)
    if bad:
        sys.exit("scaling: " + "; ".join(bad) + " (log %s)" % log)

    # The fastest round is the library's cost; slower ones were preempted
    # by whatever else runs on this shared machine.
    for r in rows.values():
        r["ns_per_entry_min"] = r["ns_per_batch_min"] / r["n"]
    t64, t2k = rows[64]["ns_per_batch_min"], rows[2048]["ns_per_batch_min"]
    marginal = (t2k - t64) / (2048 - 64)
    fixed = t64 - 64 * marginal
    growth = rows[2048]["ns_per_entry_min"] / rows[64]["ns_per_entry_min"]
    res = {"benchmark": "scaling", "mode": "smoke" if args.smoke else "full",
           "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
           "binary": args.dpdk_test, "build": args.build,
           "host": {"cpus": os.cpu_count(), "loadavg": os.getloadavg()},
           "sizes": [rows[n] for n in SIZES],
           "fit": {"ns_fixed_per_batch": fixed, "ns_per_extra_entry": marginal},
           "per_entry_growth_64_to_2048": growth,
           "linear": growth <= LINEAR_SLACK,
           "one_backend_call_per_batch": True}
    with open(args.out, "w") as f:
        json.dump(res, f, indent=2)

    print()
    print("lib/tph rte_tph_set_st() on a counting backend (%s%s)"
          % (res["mode"], ", " + args.build if args.build else ""))
    print("%8s %10s %13s %13s %13s %15s" % ("entries", "batches",
                                            "ns/batch min", "ns/batch med",
                                            "ns/entry min", "backend calls/b"))
    for n in SIZES:
        r = rows[n]
        print("%8d %10d %13.1f %13.1f %13.2f %15.3f"
              % (n, r["rounds"] * r["batches"], r["ns_per_batch_min"],
                 r["ns_per_batch"], r["ns_per_entry_min"],
                 r["backend_calls_per_batch"]))
    print("fit of the fastest rounds, 64 to 2048 entries: %.1f ns per batch"
          " + %.2f ns per entry" % (fixed, marginal))
    print("ns/entry at 2048 over ns/entry at 64: %.2f (linear if <= %.1f: %s)"
          % (growth, LINEAR_SLACK, "yes" if res["linear"] else "NO"))
    print("backend calls per batch: 1 for every size (checked)")
    print("results: %s" % args.out)
    with open(args.out) as f:
        json.load(f)


if __name__ == "__main__":
    main()
