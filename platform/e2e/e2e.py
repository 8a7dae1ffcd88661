#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
"""Scenarios of the end-to-end suite: the guest steps and the host checks.

  e2e.py steps SCENARIO             print the guest step file
  e2e.py check SCENARIO OUT [opts]  check a guest run's output (run.sh .out)

A scenario is a testpmd session in the emulated guest (guest-session.sh
runs the steps).  The checks compare testpmd's view ("show port 0 tph":
queue -> lcore -> CPU -> ST index) with what the device holds at the same
moment (tph_e2e_dev), computing each expected tag on this side from the
CPU's ACPI UID and the formula of the test SSDT.  Each check is a named
case printed as "PASS name" or "FAIL name: why";
--table also prints the queue table the demo shows.
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ASL = os.path.join(HERE, "..", "acpi", "tph-dsm.asl")

# The uid-map SSDT variant's first UID without a tag (e2e-lib.sh makes it).
UID_MAP_TPHI = 4

# Guest CPUs and testpmd's EAL lcores: lcore n runs on CPU n.  CPU 3 has no
# valid tag in the test SSDT (UIDs from TPHI up), which one case uses.
GUEST_CPUS = 4
TESTPMD = ("-l 0-3 --iova-mode=pa --tph-mode={mode}{devices} -- -i --rxq=2 --txq=2 "
           "--nb-cores=2 --total-num-mbufs=4096 --forward-mode=txonly")
# virtio-net has no per-queue tag register, so net_virtio has no DS mode:
# DS is checked through lib/tph itself, after testpmd, by tph_e2e_ds
# (device, number of guest CPUs, CPUs of the batch lookup; CPU 3 has no tag).
DS_LIB = ("tph_e2e_ds -l 0 --iova-mode=pa -a 0000:01:00.0 -- "
          "0000:01:00.0 %d 0,1,2" % GUEST_CPUS)

# Steps: "LABEL KIND ARGS" (see guest-session.sh).
IV_STEPS = """\
cpus cpus
boot testpmd {testpmd}
show0 tp show port 0 tph
dev0 dev
start1 tp start
show1 tp show port 0 tph
dev1 dev
tx1 txgrow 0
stop1 tp stop
corelist2 tp set corelist 2,1
start2 tp start
show2 tp show port 0 tph
dev2 dev
stop2 tp stop
nbcore3 tp set nbcore 1
start3 tp start
show3 tp show port 0 tph
dev3 dev
manual4 tp port config 0 rxq 1 tph lcore 0
show4 tp show port 0 tph
dev4 dev
off5 tp port config 0 tph mode off
show5 tp show port 0 tph
dev5 dev
tx5 txgrow 0
iv6 tp port config 0 tph mode iv
show6 tp show port 0 tph
dev6 dev
tx6 txgrow 0
stop7 tp stop
auto7 tp port config 0 rxq 1 tph auto
corelist7 tp set corelist 3,1
nbcore7 tp set nbcore 2
start7 tp start
show7 tp show port 0 tph
dev7 dev
stop8 tp stop
quit quit
devx dev
"""

DS_STEPS = """\
cpus cpus
boot testpmd {testpmd}
show0 tp show port 0 tph
start1 tp start
show1 tp show port 0 tph
dev1 dev
ds2 tp port config 0 tph mode ds
show2 tp show port 0 tph
dev2 dev
tx2 txgrow 0
stop3 tp stop
quit quit
devx dev
dslib sh %s
devy dev
""" % DS_LIB

NOSERIES_STEPS = """\
boot testpmd {testpmd}
show0 tp show port 0 tph
start1 tp start
show1 tp show port 0 tph
tx1 txgrow 0
stop2 tp stop
quit quit
devx dev
"""

DEMO_STEPS = """\
cpus cpus
boot testpmd {testpmd}
start1 tp start
show1 tp show port 0 tph
dev1 dev
tx1 txgrow 0
stop1 tp stop
corelist2 tp set corelist 2,1
start2 tp start
show2 tp show port 0 tph
dev2 dev
stop2 tp stop
quit quit
devx dev
"""

SCENARIOS = {
    "iv": IV_STEPS,
    "ds": DS_STEPS,
    "noseries": NOSERIES_STEPS,
    "demo": DEMO_STEPS,
}
SCENARIO_DEVICES = {}


# --- parsing ------------------------------------------------------------

def parse_blocks(path):
    """label -> {'kind', 'rc', 'lines'} from the guest's command output."""
    blocks = {}
    cur = None
    with open(path, errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\r\n").replace("\r", "")
            m = re.match(r"^@@E2E-BEGIN (\S+) (\S+)$", line)
            if m:
                cur = {"kind": m.group(2), "rc": None, "lines": []}
                blocks[m.group(1)] = cur
                continue
            m = re.match(r"^@@E2E-END (\S+) rc=(\d+)$", line)
            if m and m.group(1) in blocks:
                blocks[m.group(1)]["rc"] = int(m.group(2))
                cur = None
                continue
            if cur is not None and "@e2e-mark-" not in line:
                cur["lines"].append(line)
    return blocks


def parse_show(lines):
    """'show port 0 tph' -> dict, or None when the port has no TPH block."""
    info = {"supported": None, "mode": None, "queues": {}, "pmd": "",
            "device": "", "text": lines}
    seen = False
    for line in lines:
        if re.match(r"^Port 0 TPH:", line):
            seen = True
        m = re.match(r"^\s*TPH: supported, modes (.*) \(device: (.*), PMD: (.*)\)",
                     line)
        if m:
            info["supported"] = True
            info["device"], info["pmd"] = m.group(2), m.group(3)
        m = re.match(r"^\s*TPH: not supported \((.*)\)", line)
        if m:
            info["supported"] = False
            info["why"] = m.group(1)
        m = re.match(r"^\s*Mode: (\S+)", line)
        if m:
            info["mode"] = m.group(1)
        m = re.match(r"^\s*(rxq|txq) (\d+): not bound", line)
        if m:
            info["queues"][(m.group(1), int(m.group(2)))] = None
        m = re.match(r"^\s*(rxq|txq) (\d+): lcore (\d+), CPU (\S+), "
                     r"ST index (\S+), tag (\S+), (.*)$", line)
        if m:
            info["queues"][(m.group(1), int(m.group(2)))] = {
                "lcore": int(m.group(3)),
                "cpu": None if m.group(4) == "none" else int(m.group(4)),
                "index": None if m.group(5) == "none" else int(m.group(5)),
                "tag": None if m.group(6) == "unknown" else int(m.group(6), 16),
                "how": m.group(7),
            }
    return info if seen else None


def parse_dev(lines):
    dev = None
    for line in lines:
        if line.startswith("E2E-DEV "):
            dev = dict(kv.split("=", 1) for kv in line.split()[1:])
            for k in ("ctrl", "capreg"):
                if k in dev:
                    dev[k] = int(dev[k], 16)
            for k in ("mode", "enable", "size"):
                if k in dev:
                    dev[k] = int(dev[k])
            dev["st"] = {}
        m = re.match(r"^E2E-ST (\d+) (0x[0-9a-f]+)$", line)
        if m and dev is not None:
            dev["st"][int(m.group(1))] = int(m.group(2), 16)
    return dev


def parse_cpus(lines):
    uids = {}
    for line in lines:
        m = re.match(r"^E2E-CPU cpu=(\d+) apicid=\d+ uid=(\d+)$", line)
        if m:
            uids[int(m.group(1))] = int(m.group(2))
    return uids


def parse_streams(lines):
    """Queue -> forwarding lcore, from the stream list 'start' prints."""
    lcore = None
    out = {}
    for line in lines:
        m = re.match(r"^Logical Core (\d+) .*forwards packets on", line)
        if m:
            lcore = int(m.group(1))
        m = re.match(r"^\s*RX P=0/Q=(\d+) .*-> TX P=0/Q=(\d+)", line)
        if m and lcore is not None:
            out[("rxq", int(m.group(1)))] = lcore
            out[("txq", int(m.group(2)))] = lcore
    return out


def ssdt_formula():
    """(first invalid UID, {(mem, width): base}) from the test SSDT."""
    with open(ASL) as f:
        text = f.read()
    tphi = re.search(r"Name \(TPHI, (\d+)\)", text)
    bases = {}
    for mem, name in (("volatile", "VMST"), ("persistent", "PMST")):
        m = re.search(name + r" = \(0x03 \| \(\((0x[0-9A-Fa-f]+) \+ Local1\) << 8\) \|"
                      r"\s*\(\((0x[0-9A-Fa-f]+) \+ Local1\) << 16\)\)", text)
        if m:
            bases[(mem, 8)] = int(m.group(1), 16)
            bases[(mem, 16)] = int(m.group(2), 16)
    if tphi is None or len(bases) != 4:
        raise ValueError("cannot read the tag formula from " + ASL)
    return int(tphi.group(1)), bases


# --- checks -------------------------------------------------------------

class Checker:
    def __init__(self, blocks, args):
        self.b = blocks
        self.args = args
        self.results = []
        self.uids = parse_cpus(self.lines("cpus"))
        self.tphi, self.bases = ssdt_formula()
        if getattr(args, "uid_map", False):
            self.tphi = UID_MAP_TPHI
        self.width = args.width

    def lines(self, label):
        return self.b.get(label, {}).get("lines", [])

    def ok(self, name, cond, why=""):
        self.results.append(("PASS" if cond else "FAIL", name, why))
        return cond

    def step_ran(self, label):
        blk = self.b.get(label)
        return blk is not None and blk["rc"] == 0

    def testpmd_text(self):
        out = []
        for blk in self.b.values():
            if blk["kind"] in ("testpmd", "tp", "txgrow", "quit"):
                out.extend(blk["lines"])
        return out

    def expected_tag(self, cpu, mem="volatile"):
        uid = self.uids.get(cpu)
        if uid is None or uid >= self.tphi:
            return None
        return self.bases[(mem, self.width)] + uid

    def view(self, show_label, dev_label):
        return parse_show(self.lines(show_label)), parse_dev(self.lines(dev_label))

    def table(self, title, show, dev):
        print("  %s" % title)
        print("  %-4s %-6s %-5s %-3s %-8s %-12s %-14s %s" % (
            "port", "queue", "lcore", "CPU", "ST index", "expected tag",
            "programmed tag", "OK"))
        for key in sorted(show["queues"]):
            q = show["queues"][key]
            if q is None:
                print("  %-4s %-6s %s" % (0, "%s %d" % key, "not bound"))
                continue
            exp = self.expected_tag(q["cpu"])
            got = dev["st"].get(q["index"]) if dev and q["index"] is not None else None
            print("  %-4s %-6s %-5s %-3s %-8s %-12s %-14s %s" % (
                0, "%s %d" % key, q["lcore"], q["cpu"], q["index"],
                "none" if exp is None else "0x%04x" % exp,
                "-" if got is None else "0x%04x" % got,
                "OK" if exp is not None and got == exp else "MISMATCH"))

    def entries_follow(self, name, show_label, dev_label, lcores, print_table):
        """Every queue bound to the lcore expected, device entry == tag."""
        show, dev = self.view(show_label, dev_label)
        if not self.ok(name + ": testpmd and device views read",
                       show is not None and dev is not None and "ctrl" in dev,
                       "show=%s dev=%s" % (show is not None, dev)):
            return
        if print_table:
            self.table(name, show, dev)
        enable = 3 if self.width == 16 else 1
        self.ok(name + ": control register IV mode, requester enabled",
                dev["mode"] == 1 and dev["enable"] == enable,
                "ctrl=0x%08x, want mode 1 enable %d" % (dev["ctrl"], enable))
        bad = []
        used = set()
        for key, want_lcore in sorted(lcores.items()):
            q = show["queues"].get(key)
            if q is None:
                bad.append("%s %d not bound" % key)
                continue
            if q["lcore"] != want_lcore:
                bad.append("%s %d on lcore %d, its poller is lcore %d" % (
                    key + (q["lcore"], want_lcore)))
            if q["cpu"] != q["lcore"]:
                bad.append("%s %d: lcore %d reported on CPU %s (EAL -l 0-3)" % (
                    key + (q["lcore"], q["cpu"])))
            exp = self.expected_tag(q["cpu"])
            got = dev["st"].get(q["index"])
            used.add(q["index"])
            if exp is None or got != exp:
                bad.append("%s %d: entry %s holds %s, SSDT tag of CPU %s is %s" % (
                    key + (q["index"], None if got is None else "0x%04x" % got,
                           q["cpu"], None if exp is None else "0x%04x" % exp)))
        self.ok(name + ": each queue's lcore, CPU and ST entry match the SSDT tag",
                not bad and len(lcores) == 4, "; ".join(bad) or "no queue")
        stray = {i: t for i, t in dev["st"].items() if i not in used and t != 0}
        self.ok(name + ": no other ST entry is programmed", not stray,
                ", ".join("entry %d = 0x%04x" % kv for kv in sorted(stray.items())))

    def device_off(self, name, dev_label, want_cleared=True):
        dev = parse_dev(self.lines(dev_label))
        if not self.ok(name + ": device read", dev is not None and "ctrl" in dev,
                       "%s" % dev):
            return
        self.ok(name + ": requester disabled", dev["enable"] == 0,
                "ctrl=0x%08x" % dev["ctrl"])
        if want_cleared:
            left = {i: t for i, t in dev["st"].items() if t != 0}
            self.ok(name + ": ST table cleared", not left and dev["st"],
                    ", ".join("entry %d = 0x%04x" % kv for kv in sorted(left.items()))
                    or "no entries read")

    def tx_grew(self, name, label):
        m = None
        for line in self.lines(label):
            m = re.match(r"^E2E-TX port=0 before=(\d+) after=(\d+)", line) or m
        self.ok(name, m is not None and int(m.group(2)) > int(m.group(1)),
                m.group(0) if m else "; ".join(self.lines(label)[-3:]))

    def exit_clean(self):
        text = self.lines("quit")
        rc = [line for line in text if line.startswith("E2E-EXIT")]
        self.ok("testpmd exits with status 0", rc == ["E2E-EXIT rc=0"],
                "; ".join(rc + [ln for ln in text if "abort" in ln.lower()
                                or "must be installed" in ln][:3]))

    def session_ran(self, labels):
        missing = [lb for lb in labels if lb not in self.b or self.b[lb]["rc"] is None]
        failed = ["%s (rc %s): %s" % (lb, self.b[lb]["rc"],
                                      "; ".join(ln for ln in self.b[lb]["lines"]
                                                if "E2E-ERROR" in ln))
                  for lb in labels if lb in self.b and self.b[lb]["rc"] not in (0, None)]
        self.ok("guest session ran every step", not missing and not failed,
                "missing: %s; failed: %s" % (missing, failed))

    def uids_read(self):
        self.ok("CPU -> ACPI UID map read from the MADT",
                len(self.uids) == GUEST_CPUS, "%s" % self.uids)
        if getattr(self.args, "uid_map", False):
            self.ok("Linux CPU numbers differ from ACPI UIDs (uid-map layout)",
                    any(cpu != uid for cpu, uid in self.uids.items()),
                    "%s" % self.uids)


def check_iv(c, table):
    c.session_ran([s.split()[0] for s in IV_STEPS.splitlines()])
    c.uids_read()
    show0, dev0 = c.view("show0", "dev0")
    c.ok("before start: --tph-mode=iv enabled the requester, no queue bound",
         show0 is not None and dev0 is not None and show0["mode"] == "iv"
         and dev0.get("mode") == 1 and dev0.get("enable", 0) != 0
         and all(q is None for q in show0["queues"].values())
         and not any(dev0["st"].values()),
         "show mode %s, ctrl %s, entries %s" % (
             show0 and show0["mode"], dev0 and hex(dev0.get("ctrl", 0)),
             dev0 and {i: t for i, t in dev0["st"].items() if t}))
    c.ok("device reports the expected ST table location",
         dev0 is not None and dev0.get("loc") == c.args.loc,
         "loc %s" % (dev0 and dev0.get("loc")))
    s1 = parse_streams(c.lines("start1"))
    c.ok("start: 2 forwarding lcores (1 and 2) poll the 4 queues",
         sorted(set(s1.values())) == [1, 2] and len(s1) == 4, "%s" % s1)
    c.entries_follow("start (lcores 1,2)", "show1", "dev1", s1, table)
    c.tx_grew("packets flow with TPH on (TX-packets grow)", "tx1")
    s2 = parse_streams(c.lines("start2"))
    c.ok("set corelist 2,1: streams swap lcores",
         s2.get(("rxq", 0)) == 2 and s2.get(("rxq", 1)) == 1, "%s" % s2)
    c.entries_follow("corelist 2,1", "show2", "dev2", s2, table)
    s3 = parse_streams(c.lines("start3"))
    c.ok("set nbcore 1: one lcore polls every queue",
         set(s3.values()) == {2} and len(s3) == 4, "%s" % s3)
    c.entries_follow("nbcore 1", "show3", "dev3", s3, table)
    s4 = dict(s3)
    s4[("rxq", 1)] = 0
    c.entries_follow("manual rxq 1 -> lcore 0", "show4", "dev4", s4, table)
    show5 = parse_show(c.lines("show5"))
    c.ok("mode off: testpmd reports mode off, queues unbound",
         show5 is not None and show5["mode"] == "off"
         and all(q is None for q in show5["queues"].values()),
         "%s" % (show5 and show5["text"]))
    c.device_off("mode off", "dev5")
    c.tx_grew("packets flow with TPH off", "tx5")
    c.entries_follow("mode iv again while forwarding", "show6", "dev6", s4, table)
    c.tx_grew("packets flow with TPH on again", "tx6")
    # Lcore 3 runs on CPU 3, which has no firmware tag: queue pair 0, which
    # lcore 2 polled until now, cannot be steered to it. It must not stay
    # steered to CPU 2 either: its entries are cleared, testpmd says once
    # per queue that the binding failed and shows the queues unbound.
    s7 = parse_streams(c.lines("start7"))
    c.ok("set corelist 3,1: lcore 3 polls queue pair 0",
         s7.get(("rxq", 0)) == 3 and s7.get(("rxq", 1)) == 1, "%s" % s7)
    fail_lines = [ln for ln in c.lines("start7")
                  if "TPH binding to lcore 3 failed" in ln]
    c.ok("CPU without a firmware tag: each failed binding is reported once",
         sorted(ln.split(":")[0] for ln in fail_lines)
         == ["Port 0 rxq 0", "Port 0 txq 0"],
         "; ".join(fail_lines) or "no message")
    show7, dev7 = c.view("show7", "dev7")
    if show7 is not None and dev7 is not None and "st" in dev7:
        bad = []
        for key, idx in ((("rxq", 0), 1), (("txq", 0), 3)):
            q = show7["queues"].get(key)
            if q is not None:
                bad.append("%s %d still shown on lcore %d" % (key + (q["lcore"],)))
            if dev7["st"].get(idx) != 0:
                bad.append("entry %d = %s, not cleared" % (idx, dev7["st"].get(idx)))
        c.ok("CPU without a firmware tag: queue pair 0 unbound, its entries cleared",
             not bad, "; ".join(bad))
        said = [ln.strip() for ln in show7["text"]
                if re.match(r"^\s*(rxq|txq) 0: not bound \(binding to lcore 3 "
                            r"failed: firmware \(_DSM\) has no steering tag "
                            r"for CPU 3\)$", ln)]
        c.ok("CPU without a firmware tag: show port tph says why queue pair 0 is unbound",
             len(said) == 2, "; ".join(ln.strip() for ln in show7["text"]
                                       if ": not bound" in ln) or "nothing")
        c.ok("CPU without a firmware tag: queue pair 1 still steered to lcore 1",
             all(show7["queues"].get((d, 1)) is not None
                 and show7["queues"][(d, 1)]["lcore"] == 1
                 and dev7["st"].get(i) == c.expected_tag(1)
                 for d, i in (("rxq", 2), ("txq", 4))),
             "%s" % {k: v for k, v in show7["queues"].items() if k[1] == 1})
    else:
        c.ok("CPU without a firmware tag: views read", False, "no show7/dev7")
    c.exit_clean()
    c.device_off("after testpmd exits", "devx")


def parse_ds(lines):
    """tph_e2e_ds output -> {'cap', 'enable', 'st': {cpu: (rc, tag)}, 'batch',
    'disable', 'enabled': dev, 'disabled': dev, 'done'}."""
    ds = {"st": {}, "st_error": {}, "done": False}
    dev_label, dev_lines = None, {}
    for line in lines:
        m = re.match(r"^E2E-DS-DEV (\S+)$", line)
        if m:
            dev_label = m.group(1)
            dev_lines[dev_label] = []
            continue
        if line.startswith("E2E-DEV") or line.startswith("E2E-ST"):
            if dev_label is not None:
                dev_lines[dev_label].append(line)
            continue
        m = re.match(r"^E2E-DS st cpu=(\d+) rc=(-?\d+) tag=0x([0-9a-f]+) "
                     r"error=(.*)$", line)
        if m:
            ds["st"][int(m.group(1))] = (int(m.group(2)), int(m.group(3), 16))
            ds["st_error"][int(m.group(1))] = m.group(4)
            continue
        m = re.match(r"^E2E-DS batch rc=(-?\d+) tags=(\S+)", line)
        if m:
            ds["batch"] = (int(m.group(1)),
                           [int(t, 16) for t in m.group(2).split(",")])
            continue
        m = re.match(r"^E2E-DS (cap|enable|disable) rc=(-?\d+)(?: error=(.*))?$",
                     line)
        if m:
            ds[m.group(1)] = int(m.group(2))
            ds[m.group(1) + "_error"] = m.group(3)
            continue
        if line.startswith("E2E-DS done"):
            ds["done"] = True
    for label, dl in dev_lines.items():
        ds[label] = parse_dev(dl)
    return ds


EPERM = 1
ENODATA = 61


def check_ds_lib(c):
    """Device Specific mode through lib/tph on the VFIO device (tph_e2e_ds)."""
    ds = parse_ds(c.lines("dslib"))
    c.ok("ds through lib/tph: the program ran to its end", ds["done"],
         "; ".join(c.lines("dslib")[-4:]))
    if not c.args.ds_allowed:
        c.ok("ds through lib/tph: the kernel refuses DS (EPERM), said in the user's terms",
             ds.get("enable") == -EPERM and ds.get("enable_error") ==
             "the kernel does not allow device specific mode "
             "(vfio-pci enable_unsafe_tph_ds_mode)",
             "enable rc %s: %s" % (ds.get("enable"), ds.get("enable_error")))
        c.ok("ds through lib/tph: no tag looked up after the refusal",
             not ds["st"] and "batch" not in ds, "%s" % ds["st"])
    else:
        c.ok("ds through lib/tph: DS enabled", ds.get("enable") == 0,
             "enable rc %s" % ds.get("enable"))
        dev = ds.get("enabled")
        c.ok("ds through lib/tph: control register shows DS mode (ST Mode Select 2)",
             dev is not None and dev.get("mode") == 2 and dev.get("enable", 0) != 0,
             "%s" % dev)
        bad = []
        for cpu in range(GUEST_CPUS):
            rc, tag = ds["st"].get(cpu, (None, None))
            exp = c.expected_tag(cpu)
            said = ds["st_error"].get(cpu)
            if exp is None and (rc != -ENODATA or said !=
                                "firmware (_DSM) has no steering tag for CPU %d" % cpu):
                bad.append("CPU %d has no SSDT tag, lookup rc %s: %s" % (cpu, rc, said))
            if exp is not None and (rc != 0 or tag != exp):
                bad.append("CPU %d: rc %s tag 0x%x, SSDT tag 0x%x" % (
                    cpu, rc, tag or 0, exp))
        c.ok("ds through lib/tph: rte_tph_get_st() gives the SSDT tag (%d-bit) of "
             "each CPU; the CPU without one is refused (ENODATA), said in the "
             "user's terms" % c.width,
             len(ds["st"]) == GUEST_CPUS and not bad, "; ".join(bad))
        want = [c.expected_tag(cpu) for cpu in (0, 1, 2)]
        c.ok("ds through lib/tph: one batch lookup of CPUs 0-2 gives their SSDT tags",
             ds.get("batch") == (0, want), "%s, expected %s" % (ds.get("batch"), want))
        c.ok("ds through lib/tph: DS disabled", ds.get("disable") == 0,
             "disable rc %s" % ds.get("disable"))
        left = {i: t for i, t in ((dev or {}).get("st") or {}).items() if t}
        c.ok("ds through lib/tph: no ST entry is written in DS mode",
             dev is not None and not left,
             ", ".join("entry %d = 0x%04x" % kv for kv in sorted(left.items())))
    c.device_off("after tph_e2e_ds", "devy")


def check_ds(c, table):
    c.session_ran([s.split()[0] for s in DS_STEPS.splitlines()])
    c.uids_read()
    s1 = parse_streams(c.lines("start1"))
    c.entries_follow("iv before the ds request", "show1", "dev1", s1, table)
    show0 = parse_show(c.lines("show0"))
    c.ok("device capability lists ds",
         show0 is not None and "ds" in show0["device"].split(),
         "device modes: %s" % (show0 and show0["device"]))
    c.ok("net_virtio does not declare ds (no tag register)",
         show0 is not None and "ds" not in show0["pmd"].split(),
         "PMD modes: %s" % (show0 and show0["pmd"]))
    ds_text = c.lines("ds2")
    refused = [ln for ln in ds_text if "TPH mode ds not set" in ln]
    reason = [ln for ln in ds_text if "TPH ds mode not supported" in ln
              and "PMD net_virtio lacks ds mode" in ln]
    c.ok("ds refused by ethdev: the PMD has no ds mode, said once",
         len(refused) == 1 and len(reason) == 1, "; ".join(ds_text[-4:]))
    show2, dev2 = c.view("show2", "dev2")
    dev1 = parse_dev(c.lines("dev1"))
    c.ok("ds refused: the port stays in iv with its entries",
         show2 is not None and show2["mode"] == "iv" and dev2 is not None
         and dev1 is not None and dev2.get("ctrl") == dev1.get("ctrl")
         and dev2["st"] == dev1["st"],
         "mode %s, ctrl %s -> %s" % (show2 and show2["mode"],
                                     dev1 and dev1.get("ctrl"),
                                     dev2 and dev2.get("ctrl")))
    c.tx_grew("ds refused: packets still flow", "tx2")
    c.exit_clean()
    c.device_off("after testpmd exits", "devx")
    check_ds_lib(c)


def check_noseries(c, _table):
    c.session_ran([s.split()[0] for s in NOSERIES_STEPS.splitlines()])
    show0 = parse_show(c.lines("show0"))
    c.ok("kernel without the series: show port tph says not supported",
         show0 is not None and show0["supported"] is False,
         "%s" % (show0 and show0["text"]))
    # Outside "show port tph", only the bus (once per process) and ethdev
    # (once per port, for --tph-mode) may mention TPH.
    said = [ln for blk in c.b.values()
            if not (blk["lines"] and blk["lines"][0].startswith("show port"))
            and blk["kind"] in ("testpmd", "tp", "txgrow", "quit")
            for ln in blk["lines"] if "TPH" in ln]
    c.ok("kernel without the series: testpmd says once that TPH is unavailable",
         len(said) == 2 and "TPH unavailable" in said[0]
         and "(--tph-mode) not enabled" in said[1], "; ".join(said) or "nothing said")
    c.tx_grew("kernel without the series: packets flow", "tx1")
    c.exit_clean()
    dev = parse_dev(c.lines("devx"))
    c.ok("kernel without the series: the device's requester was never enabled",
         dev is not None and dev.get("enable") == 0 and not any(dev["st"].values()),
         "%s" % dev)


def check_demo(c, table):
    c.session_ran([s.split()[0] for s in DEMO_STEPS.splitlines()])
    c.uids_read()
    c.entries_follow("after start", "show1", "dev1", parse_streams(c.lines("start1")),
                     table)
    c.tx_grew("packets flow with TPH on", "tx1")
    c.entries_follow("after set corelist 2,1 and start", "show2", "dev2",
                     parse_streams(c.lines("start2")), table)
    c.exit_clean()
    c.device_off("after testpmd exits", "devx")


CHECKS = {"iv": check_iv, "ds": check_ds, "noseries": check_noseries,
          "demo": check_demo}

# l3fwd steering its queues (e2e_l3fwd.py).
import e2e_l3fwd  # noqa: E402
SCENARIOS["l3fwd"] = e2e_l3fwd.STEPS
CHECKS["l3fwd"] = e2e_l3fwd.check


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    st = sub.add_parser("steps")
    st.add_argument("scenario", choices=SCENARIOS)
    st.add_argument("--tph-mode", default="iv")
    ck = sub.add_parser("check")
    ck.add_argument("scenario", choices=SCENARIOS)
    ck.add_argument("out")
    ck.add_argument("--width", type=int, choices=(8, 16), default=8,
                    help="tag width the kernel must use (requester/completer)")
    ck.add_argument("--loc", default="msix", help="ST table location")
    ck.add_argument("--ds-allowed", action="store_true",
                    help="the guest runs with enable_unsafe_tph_ds_mode=1")
    ck.add_argument("--table", action="store_true", help="print queue tables")
    ck.add_argument("--uid-map", action="store_true",
                    help="uid-map layout: CPUs 0-3 are UIDs 0, 2, 3, 4 and "
                    "the SSDT gives UIDs 0-3 a tag (TPHI %d)" % UID_MAP_TPHI)
    ck.add_argument("--prefix", default="", help="prefix of case names")
    a = ap.parse_args()

    if a.cmd == "steps":
        sys.stdout.write(SCENARIOS[a.scenario].format(
            testpmd=TESTPMD.format(mode=a.tph_mode,
                                   devices=SCENARIO_DEVICES.get(a.scenario, ""))))
        return 0
    try:
        c = Checker(parse_blocks(a.out), a)
        CHECKS[a.scenario](c, a.table)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        # A broken run must count as a failure, not vanish.
        print("FAIL %schecking %s: %s: %s" % (a.prefix, a.out, type(e).__name__, e))
        return 1
    for status, name, why in c.results:
        line = "%s %s%s" % (status, a.prefix, name)
        if status != "PASS" and why:
            line += ": " + why
        print(line)
    return 1 if any(r[0] == "FAIL" for r in c.results) else 0


if __name__ == "__main__":
    sys.exit(main())
