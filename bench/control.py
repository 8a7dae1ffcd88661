#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
"""Control path benchmark on the emulated platform: steps and report.

  control.py steps Q                      guest step file for Q queue pairs
  control.py report --out F [--label L] LOG.out...

The guest (platform/guest/run.sh, one boot per Q) runs testpmd with
--tph-mode=iv and Q Rx + Q Tx queues on the virtio NIC whose TPH capability
tph_emu emulates, driven by platform/e2e/guest-session.sh. Around each
action of interest, tph_bench_snap records lib/tph's counters (telemetry)
and tph_emu's config access counters. Each window between two snapshots
is reported with:
  - what lib/tph counted: SET_ST batches (one backend call = one ioctl),
    entries, enable/disable calls;
  - what the kernel did to the device: config reads and writes to the TPH
    capability. With the table in the capability and the requester
    enabled, the kernel series spends 1 read + N + 2 writes per SET_ST of
    N entries and 1 read + 1 write per enable or disable, so the kernel's
    own count of SET_ST ioctls is reads - enables - disables: the
    independent cross-check of lib/tph's count.
tph_bench_batch's lines (one N-entry SET_ST against N one-entry SET_STs,
straight on the VFIO fd) are reported as the per-entry comparison.
"""

import argparse
import json
import re
import sys
import time

EAL = "-l 0-2 --iova-mode=pa --tph-mode=iv"
# lcores 1 and 2 forward (CPU 3 has no valid tag in the test SSDT).
TESTPMD = ("{eal} -- -i --rxq={q} --txq={q} --nb-cores=2 "
           "--total-num-mbufs=16384 --forward-mode=io")
REBINDINGS = 3

# (snapshot label, window name, what the window measures)
WINDOWS = [
    ("s1", "first_bind", "forwarding start, first binding of every queue"),
    ("s3", "port_stop", "port stop"),
    ("s4", "port_start", "port start with every queue bound"),
    ("s5", "fwd_start_same", "forwarding start, lcores unchanged"),
] + [("s%d" % (5 + k), "rebind_%d" % k,
      "stop; set corelist; start (every queue changes lcore)")
     for k in range(1, REBINDINGS + 1)]

COUNTERS = ("set_st_calls", "st_entries", "enable_calls", "disable_calls",
            "get_st_calls", "emu_reads", "emu_writes")


def steps(q):
    tp = TESTPMD.format(eal=EAL, q=q)
    lines = ["boot testpmd " + tp,
             "s0 sh tph_bench_snap s0",
             "start1 tp start",
             "s1 sh tph_bench_snap s1",
             "show1 tp show port 0 tph",
             "stop1 tp stop",
             "s2 sh tph_bench_snap s2",
             "pstop tp port stop 0",
             "s3 sh tph_bench_snap s3",
             "pstart tp port start 0",
             "s4 sh tph_bench_snap s4",
             "start2 tp start",
             "s5 sh tph_bench_snap s5",
             "show5 tp show port 0 tph"]
    for k in range(1, REBINDINGS + 1):
        cl = "2,1" if k % 2 else "1,2"
        lines += ["r%dstop tp stop" % k,
                  "r%dcl tp set corelist %s" % (k, cl),
                  "r%dstart tp start" % k,
                  "s%d sh tph_bench_snap s%d" % (5 + k, 5 + k),
                  "show%d tp show port 0 tph" % (5 + k)]
    lines += ["stop9 tp stop", "quit quit"]
    return "\n".join(lines) + "\n"


def parse_kv(line):
    return {k: v for k, v in re.findall(r"(\w+)=(\S+)", line)}


def blocks(text):
    """Guest-session steps: label -> (rc, output)."""
    out = {}
    for m in re.finditer(r"@@E2E-BEGIN (\S+) \S+\n(.*?)@@E2E-END \1 rc=(\d+)",
                         text, re.S):
        out[m.group(1)] = (int(m.group(3)), m.group(2))
    return out


def queue_lcores(show):
    """{(dir, q): lcore} from "show port 0 tph"."""
    return {(d, int(q)): int(lc) for d, q, lc in
            re.findall(r"(rxq|txq) (\d+): lcore (\d+)", show)}


def window_delta(a, b):
    d = {k: int(b[k]) - int(a[k]) for k in COUNTERS}
    # Kernel view (see the module doc): ctrl read per SET_ST/enable/disable.
    d["kernel_set_st"] = d["emu_reads"] - d["enable_calls"] - \
        d["disable_calls"]
    d["kernel_entries"] = d["emu_writes"] - 2 * d["kernel_set_st"] - \
        d["enable_calls"] - d["disable_calls"]
    d["config_accesses"] = d["emu_reads"] + d["emu_writes"]
    d["cross_check"] = (d["kernel_set_st"] == d["set_st_calls"] and
                        d["kernel_entries"] == d["st_entries"])
    return d


def parse_session(path):
    text = open(path, errors="replace").read().replace("\r", "")
    res = {"log": path, "errors": []}
    bl = blocks(text)
    if "boot" not in bl or bl["boot"][0] != 0:
        res["errors"].append("testpmd did not start")
        return res
    # testpmd prints the queue counts when forwarding starts.
    m = re.search(r"RX queue number: (\d+)", bl.get("start1", (0, ""))[1])
    if m is None:
        res["errors"].append("no queue count in the forwarding start")
        return res
    res["queues"] = int(m.group(1))
    snaps = {}
    for label, (rc, body) in bl.items():
        if label.startswith("s") and label[1:].isdigit():
            sm = re.search(r"^BENCH-SNAP .*$", body, re.M)
            if rc != 0 or sm is None:
                res["errors"].append("snapshot %s failed: %s"
                                     % (label, body.strip()[-200:]))
                continue
            snaps[label] = parse_kv(sm.group(0))
    res["windows"] = {}
    for label, name, what in WINDOWS:
        # Each window starts at the snapshot before it.
        start = "s%d" % (int(label[1:]) - 1)
        if start not in snaps or label not in snaps:
            res["errors"].append("window %s: missing snapshot" % name)
            continue
        d = window_delta(snaps[start], snaps[label])
        d["what"] = what
        res["windows"][name] = d
    # Did each rebinding really move every queue to another lcore?
    moved = []
    for k in range(1, REBINDINGS + 1):
        a = queue_lcores(bl.get("show%d" % (4 + k), (0, ""))[1])
        b = queue_lcores(bl.get("show%d" % (5 + k), (0, ""))[1])
        moved.append(sum(1 for key in a if key in b and a[key] != b[key]))
    res["queues_moved_per_rebinding"] = moved
    res["queues_bound"] = len(queue_lcores(bl.get("show5", (0, ""))[1]))
    bad = [label for label, (rc, _) in bl.items() if rc != 0]
    if bad:
        res["errors"].append("guest steps failed: " + " ".join(bad))
    return res


def parse_batch(paths):
    rows = []
    setup = None
    for path in paths:
        for line in open(path, errors="replace"):
            line = line.strip()
            if line.startswith("BENCH-BATCH-SETUP "):
                setup = parse_kv(line)
            elif line.startswith("BENCH-BATCH "):
                kv = parse_kv(line)
                rows.append({"n": int(kv["n"]), "path": kv["path"],
                             "ioctls": int(kv["ioctls"]),
                             "reads": float(kv["reads"]),
                             "writes": float(kv["writes"]),
                             "accesses": float(kv["accesses"]),
                             "target": int(kv["target"]),
                             "ns_median": int(kv["ns_median"])})
    return setup, rows


def report(args):
    sessions = []
    for path in args.logs:
        if "@@E2E-BEGIN boot" in open(path, errors="replace").read():
            sessions.append(parse_session(path))
    setup, batch = parse_batch(args.logs)
    sessions.sort(key=lambda s: s.get("queues") or 0)
    res = {"benchmark": "control", "label": args.label,
           "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
           "platform": args.platform, "testpmd": args.testpmd,
           "sessions": sessions, "batch_setup": setup, "batch": batch}
    errors = [e for s in sessions for e in s["errors"]]

    print()
    print("Control path, emulated platform (%s), testpmd: %s"
          % (args.platform, args.label or args.testpmd))
    print("SET_ST = lib/tph backend calls = ioctls; kernel = the same count "
          "from tph_emu's config accesses")
    print("%3s %6s %5s | %-17s | %-17s | %-24s | %10s | %5s"
          % ("Q", "queues", "moved", "port start", "fwd start (same)",
             "per rebinding", "cfg acc.", "check"))
    print("%3s %6s %5s | %-17s | %-17s | %-24s | %10s | %5s"
          % ("", "bound", "", "SET_ST / entries", "SET_ST / entries",
             "SET_ST / entries / kern", "per rebind", ""))
    for s in sessions:
        w = s.get("windows", {})
        if not w:
            print("%3s  error: %s" % (s.get("queues"), "; ".join(s["errors"])))
            continue
        rb = [w[n] for n in w if n.startswith("rebind_")]
        same = all(r["set_st_calls"] == rb[0]["set_st_calls"] and
                   r["st_entries"] == rb[0]["st_entries"] for r in rb)
        ok = all(x["cross_check"] for x in w.values())
        ps, fs = w.get("port_start"), w.get("fwd_start_same")
        r = rb[0]
        s["per_rebinding"] = {"set_st_calls": r["set_st_calls"],
                              "st_entries": r["st_entries"],
                              "kernel_set_st": r["kernel_set_st"],
                              "config_accesses": r["config_accesses"],
                              "stable_over_rebindings": same}
        moved = min(s["queues_moved_per_rebinding"])
        ok = ok and moved == s["queues_bound"]
        print("%3d %6d %5d | %5d / %-9d | %5d / %-9d | %5d / %-7d / %-6d | %10d | %5s"
              % (s["queues"], s["queues_bound"], moved, ps["set_st_calls"],
                 ps["st_entries"], fs["set_st_calls"], fs["st_entries"],
                 r["set_st_calls"], r["st_entries"], r["kernel_set_st"],
                 r["config_accesses"], "ok" if ok and same else "NO"))
    print("moved: queues whose lcore changed at each rebinding (all, when "
          "check is ok);\ncheck: lib/tph and kernel counts agree and all %d "
          "rebindings cost the same; target: 1 SET_ST per device per "
          "rebinding" % REBINDINGS)
    if batch:
        print()
        print("One SET_ST of N entries against N SET_STs of one entry "
              "(VFIO fd, table of %s in the capability; time: TCG, "
              "indicative)" % (setup or {}).get("table", "?"))
        print("%5s | %-34s | %-27s | %9s | %10s"
              % ("", "one SET_ST of N", "N SET_STs of 1", "", "clearing N"))
        print("%5s | %7s %9s %7s %8s | %7s %9s %9s | %9s | %10s"
              % ("N", "ioctls", "accesses", "target", "us", "ioctls",
                 "accesses", "us", "acc ratio", "us"))
        by = {(r["n"], r["path"]): r for r in batch}
        for n in sorted({r["n"] for r in batch}):
            b, p = by.get((n, "batch")), by.get((n, "per-entry"))
            c = by.get((n, "batch-clear"))
            if b is None or p is None:
                continue
            print("%5d | %7d %9.0f %7d %8.1f | %7d %9.0f %9.1f | %9.2f | %10s"
                  % (n, b["ioctls"], b["accesses"], b["target"],
                     b["ns_median"] / 1e3, p["ioctls"], p["accesses"],
                     p["ns_median"] / 1e3, p["accesses"] / b["accesses"],
                     "%.1f" % (c["ns_median"] / 1e3) if c else "-"))
            if b["accesses"] > b["target"]:
                errors.append("batch of %d took %.0f config accesses > %d"
                              % (n, b["accesses"], b["target"]))
    res["errors"] = errors
    with open(args.out, "w") as f:
        json.dump(res, f, indent=2)
    print("results: %s" % args.out)
    if errors:
        print("control: problems:\n  " + "\n  ".join(errors))
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    st = sub.add_parser("steps")
    st.add_argument("queues", type=int)
    rp = sub.add_parser("report")
    rp.add_argument("--out", required=True)
    rp.add_argument("--label", default="")
    rp.add_argument("--testpmd", default="")
    rp.add_argument("--platform", default="")
    rp.add_argument("logs", nargs="+")
    args = ap.parse_args()
    if args.cmd == "steps":
        sys.stdout.write(steps(args.queues))
        return 0
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
