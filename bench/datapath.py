#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
"""Data path benchmark: TPH must cost nothing per packet.

Runs pristine DPDK 22.11 testpmd and ours (with --tph-mode=iv) on two
net_null ports, io forwarding, one forwarding lcore, alternating the two
binaries run after run in one invocation, and reports:

  - Mpps: testpmd's own rate ("show port stats all" computes Tx-pps over
    the interval between two calls), summed over both ports; median of
    the runs of each binary and the ratio ours / pristine (target >= 0.99).
    Timing on a small shared machine is noisy: the spread is reported.
  - Instructions per packet, from valgrind's callgrind (perf's hardware
    counters are not available in this VM): the instructions executed by
    the forwarding lcore's thread alone (--separate-threads=yes; the thread
    whose profile contains pkt_burst_io_forward) divided by the packets it
    forwarded (testpmd's accumulated TX-packets at stop). net_null returns
    a full burst on every call, so the count does not depend on how long
    the run lasts, only on the code executed per packet: this is the
    figure the verdict rests on.

Writes a JSON file and prints a table. --smoke makes one short run of
each and checks only that every figure was produced (a test never
depends on timing).
"""

import argparse
import glob
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PROMPT = "testpmd> "
IR_TARGET = 1.0  # ours / pristine instructions per packet: no increase
MPPS_TARGET = 0.99


class Testpmd:
    """One interactive testpmd, driven through its prompt."""

    def __init__(self, argv, log_path, timeout):
        self.timeout = timeout
        self.log = open(log_path, "w")
        self.buf = ""
        self.lock = threading.Lock()
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True,
                                     bufsize=1)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for ch in iter(lambda: self.proc.stdout.read(1), ""):
            with self.lock:
                self.buf += ch
            self.log.write(ch)
        self.log.flush()

    def prompts(self):
        with self.lock:
            return self.buf.count(PROMPT)

    def output(self):
        with self.lock:
            return self.buf

    def wait_prompts(self, n):
        """Wait until the prompt has appeared n times."""
        deadline = time.monotonic() + self.timeout
        while self.prompts() < n:
            if self.proc.poll() is not None:
                raise RuntimeError("testpmd exited (status %d)"
                                   % self.proc.returncode)
            if time.monotonic() > deadline:
                raise RuntimeError("testpmd: no prompt in %d s"
                                   % self.timeout)
            time.sleep(0.05)

    def cmd(self, line):
        """Send a command and wait for the prompt that follows it. The
        prompt is written unbuffered when the command is done; what the
        command printed may sit in stdio's buffer until exit (stdout is a
        pipe), so outputs are parsed once testpmd has quit."""
        n = self.prompts()
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        self.wait_prompts(n + 1)

    def quit(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=self.timeout)
        except (subprocess.TimeoutExpired, BrokenPipeError):
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=5)
        self.log.close()
        return self.proc.returncode


def testpmd_argv(binary, variant, tph, lcores, prefix):
    argv = [binary, "--no-huge", "-m", "1024", "--no-pci",
            "--vdev", "net_null0", "--vdev", "net_null1",
            "-l", lcores, "--file-prefix", prefix]
    if tph:
        argv.append("--tph-mode=iv")
    argv += ["--", "-i", "--total-num-mbufs=8192", "--forward-mode=io",
             "--nb-cores=1"]
    return argv


def parse_pps(out, shows):
    """Sum of Tx-pps over the 2 ports in the last of `shows` "show port
    stats all" outputs of a session."""
    vals = [int(v) for v in re.findall(r"Tx-pps:\s+(\d+)", out)]
    if len(vals) != 2 * shows:
        raise RuntimeError("expected Tx-pps of 2 ports %d times, got %r"
                           % (shows, vals))
    return sum(vals[-2:])


def parse_fwd_packets(stop_out):
    """Total TX-packets of testpmd's accumulated forward statistics."""
    part = stop_out.split("Accumulated forward statistics for all ports")
    if len(part) < 2:
        raise RuntimeError("no accumulated forward statistics at stop")
    m = re.search(r"TX-packets:\s+(\d+)", part[1])
    if m is None:
        raise RuntimeError("no TX-packets in the accumulated statistics")
    return int(m.group(1))


def forward_session(tp, what, log, while_forwarding):
    """Start forwarding, call while_forwarding(), stop and quit testpmd."""
    try:
        tp.wait_prompts(1)
        tp.cmd("start")
        while_forwarding()
        tp.cmd("stop")
    finally:
        rc = tp.quit()
    if rc != 0:
        raise RuntimeError("%s exited with status %d (log %s)"
                           % (what, rc, log))


def timed_run(binary, variant, tph, args, logdir, idx):
    """One testpmd process: warm up, then the rate over args.interval."""
    prefix = "tph-bench-%s-%d-%d" % (variant, os.getpid(), idx)
    log = os.path.join(logdir, "datapath-%s-%d.log" % (variant, idx))
    tp = Testpmd(testpmd_argv(binary, variant, tph, args.lcores, prefix),
                 log, args.timeout)

    def measure_rate():
        time.sleep(args.warmup)
        # The first call starts testpmd's rate interval, the second ends it.
        tp.cmd("show port stats all")
        time.sleep(args.interval)
        tp.cmd("show port stats all")

    forward_session(tp, variant, log, measure_rate)
    out = tp.output()
    return {"mpps": parse_pps(out, 2) / 1e6,
            "packets": parse_fwd_packets(out), "log": log}


def callgrind_totals(path):
    """(total Ir, has the io forwarding function) of one profile."""
    total = None
    has_fwd = False
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                total = int(line.split()[1])
            elif "pkt_burst_io_forward" in line and line.startswith(
                    ("fn=", "cfn=")):
                has_fwd = True
    return total, has_fwd


def callgrind_run(binary, variant, tph, args, logdir):
    """Instructions per packet of the forwarding lcore's thread."""
    outdir = tempfile.mkdtemp(prefix="cg-%s-" % variant, dir=logdir)
    prefix = "tph-bench-cg-%s-%d" % (variant, os.getpid())
    log = os.path.join(logdir, "callgrind-%s.log" % variant)
    argv = ["valgrind", "--tool=callgrind", "--separate-threads=yes",
            "--dump-instr=no", "--callgrind-out-file=%s/cg.out" % outdir,
            ] + testpmd_argv(binary, variant, tph, args.lcores, prefix)
    tp = Testpmd(argv, log, args.timeout * 10)
    forward_session(tp, "valgrind " + variant, log,
                    lambda: time.sleep(args.cg_seconds))
    packets = parse_fwd_packets(tp.output())
    fwd_ir = None
    for path in sorted(glob.glob(os.path.join(outdir, "cg.out*"))):
        total, has_fwd = callgrind_totals(path)
        if has_fwd:
            if fwd_ir is not None:
                raise RuntimeError("two threads ran pkt_burst_io_forward")
            fwd_ir = total
    if fwd_ir is None:
        raise RuntimeError("no callgrind profile of the forwarding lcore in "
                           + outdir)
    if packets == 0:
        raise RuntimeError("%s forwarded no packet under callgrind" % variant)
    return {"ir": fwd_ir, "packets": packets, "ir_per_packet":
            fwd_ir / packets, "profiles": outdir, "log": log}


def summary(runs):
    mpps = [r["mpps"] for r in runs]
    return {"runs_mpps": mpps, "median_mpps": statistics.median(mpps),
            "min_mpps": min(mpps), "max_mpps": max(mpps)}


def print_table(res):
    p, o = res["pristine"], res["ours"]
    print()
    print("Data path: io forwarding, 2 net_null ports, 1 forwarding lcore "
          "(%s)" % res["mode"])
    print("%-28s %14s %14s %10s" % ("", "pristine 22.11", "ours (iv)",
                                    "ratio"))
    print("%-28s %14s %14s %10s" % ("runs (alternated)",
                                    len(p["runs_mpps"]), len(o["runs_mpps"]),
                                    ""))
    print("%-28s %14.3f %14.3f %10.4f" % ("median Mpps", p["median_mpps"],
                                          o["median_mpps"], res["ratio"]))
    print("%-28s %14.3f %14.3f" % ("min Mpps", p["min_mpps"], o["min_mpps"]))
    print("%-28s %14.3f %14.3f" % ("max Mpps", p["max_mpps"], o["max_mpps"]))
    cg = res.get("callgrind")
    if cg:
        print("%-28s %14.2f %14.2f %10.4f" % (
            "instructions / packet", cg["pristine"]["ir_per_packet"],
            cg["ours"]["ir_per_packet"], cg["ratio"]))
        print("%-28s %14d %14d" % ("  packets (callgrind run)",
                                   cg["pristine"]["packets"],
                                   cg["ours"]["packets"]))
    print("%-28s %14s %14s %10.4f" % ("median of paired ratios", "", "",
                                      res["paired_ratio_median"]))
    print("Mpps ratio %.4f (target >= %.2f: %s; timing is noisy here, see "
          "spread)" % (res["ratio"], MPPS_TARGET,
                       "met" if res["ratio"] >= MPPS_TARGET else "not met"))
    if cg:
        print("instructions/packet ratio %.4f (verdict: %s)"
              % (cg["ratio"], res["verdict"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pristine", required=True)
    ap.add_argument("--ours", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--interval", type=float, default=5.0)
    ap.add_argument("--warmup", type=float, default=1.0)
    ap.add_argument("--cg-seconds", type=float, default=20.0)
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--lcores", default="0,1")
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--out", required=True)
    ap.add_argument("--note", action="append", default=[])
    args = ap.parse_args()
    if args.smoke:
        args.runs, args.interval, args.warmup = 1, 1.0, 0.5
        args.cg_seconds = 3.0
    for b in (args.pristine, args.ours):
        if not os.access(b, os.X_OK):
            sys.exit("datapath: no executable %s" % b)
    logdir = os.path.join(os.path.dirname(os.path.abspath(args.out)), "logs")
    os.makedirs(logdir, exist_ok=True)

    runs = {"pristine": [], "ours": []}
    variants = {"pristine": (args.pristine, False),
                "ours": (args.ours, True)}
    for i in range(args.runs):
        # ABBA order: a slow drift of the machine hits both alike.
        order = ["pristine", "ours"] if i % 2 == 0 else ["ours", "pristine"]
        for v in order:
            r = timed_run(variants[v][0], v, variants[v][1], args, logdir, i)
            runs[v].append(r)
            print("run %d %-8s %.3f Mpps" % (i, v, r["mpps"]), flush=True)

    res = {"benchmark": "datapath", "mode": "smoke" if args.smoke else "full",
           "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
           "host": {"cpus": os.cpu_count(), "loadavg": os.getloadavg(),
                    "kernel": platform.release()},
           "config": {"lcores": args.lcores, "interval_s": args.interval,
                      "warmup_s": args.warmup, "runs": args.runs,
                      "eal": "--no-huge -m 1024 --no-pci, 2 net_null vdevs",
                      "testpmd": "-i --total-num-mbufs=8192 "
                                 "--forward-mode=io --nb-cores=1",
                      "ours_extra": "--tph-mode=iv"},
           "binaries": {"pristine": args.pristine, "ours": args.ours},
           "notes": args.note}
    for v in runs:
        res[v] = summary(runs[v])
    res["ratio"] = res["ours"]["median_mpps"] / res["pristine"]["median_mpps"]
    # Runs i of both binaries are back to back: their ratio sees the same
    # machine load, so the median of these ratios drifts less.
    res["paired_ratios"] = [o["mpps"] / p["mpps"] for p, o in
                            zip(runs["pristine"], runs["ours"])]
    res["paired_ratio_median"] = statistics.median(res["paired_ratios"])
    res["mpps_target"] = MPPS_TARGET

    if not args.no_callgrind:
        cg = {v: callgrind_run(variants[v][0], v, variants[v][1], args,
                               logdir) for v in ("pristine", "ours")}
        cg["ratio"] = cg["ours"]["ir_per_packet"] / \
            cg["pristine"]["ir_per_packet"]
        res["callgrind"] = cg
        # One instruction more per packet than pristine would show here.
        delta = cg["ours"]["ir_per_packet"] - cg["pristine"]["ir_per_packet"]
        res["verdict"] = ("no data path cost" if abs(delta) < 0.5 else
                          "%+.2f instructions per packet" % delta)

    with open(args.out, "w") as f:
        json.dump(res, f, indent=2)
    print_table(res)
    print("results: %s" % args.out)

    # Smoke: the figures exist and make sense, whatever the timing.
    with open(args.out) as f:
        back = json.load(f)
    ok = all(r["mpps"] > 0 for v in runs for r in runs[v])
    ok = ok and back["ratio"] > 0
    if "callgrind" in back:
        ok = ok and all(back["callgrind"][v]["ir_per_packet"] > 0
                        for v in ("pristine", "ours"))
    if not ok:
        sys.exit("datapath: a run produced no rate or no instruction count")


if __name__ == "__main__":
    main()
