# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
"""The l3fwd scenario of the end-to-end suite (e2e.py registers it).

l3fwd --tph-mode=iv on the guest's virtio NIC, its 2 queue pairs spread
over lcores 1 and 2 by --config, runs in the background (guest-app.sh)
while the guest reads the device.  l3fwd's own line for the port (queue
-> lcore -> CPU -> ST index) is checked against --config and against the
device's ST entries as e2e.py checks testpmd's "show port 0 tph".  Packets
come from the host side of the tap (l3fwd_inject.py); the guest waits
until l3fwd's counters show them received on both Rx queues and sent on
both Tx queues (tph_e2e_fwd).  Three more runs follow in the same boot:
lcore 2 polling no queue (its unused Tx queue is not bound), queue pair 1
on lcore 3, whose CPU has no tag (only that pair is refused), and
--tph-mode=ds, which virtio-net cannot use (no tag
register): l3fwd says why, leaves TPH off and runs as before.
"""

import os
import re

# lcore n runs on CPU n; the main lcore (1) polls too.  l3fwd gives every
# lcore one Tx queue per port, in lcore order: lcore 1 txq 0, lcore 2 txq 1.
# QEMU's virtio-net has no IPv4 checksum offload: --relax-rx-offload lets
# l3fwd run without it (its vector path then forwards bad IPv4 checksums;
# no case here sends one).
L3FWD = ("dpdk-l3fwd -l 1,{0} --iova-mode=pa --tph-mode={1} -- -p 0x1 -P "
         "--parse-ptype --relax-rx-offload --config '{2}'")
PAIRS = "(0,0,1),(0,1,{0})"
# A run with lcore 2 polling nothing: l3fwd still gives it Tx queue 1, on
# which it never sends, so only rxq 0 and txq 0 (lcore 1) are bound.
IDLE_CONFIG = "(0,0,1)"
EXPECTED = {("rxq", 0): 1, ("rxq", 1): 2, ("txq", 0): 1, ("txq", 1): 2}
# A second run puts queue pair 1 on lcore 3, whose CPU has no tag in the
# test SSDT: only that pair is refused, at start, one queue at a time.
# The reason is lib/tph's sentence (rte_tph_strerror()) for -ENODATA.
NO_TAG = "firmware (_DSM) has no steering tag for CPU 3"
REFUSED = "rxq 1 lcore 3 (%s), txq 1 lcore 3 (%s)" % (NO_TAG, NO_TAG)
# virtio-net has no tag register, so no DS mode: the port stays off.
DS_REFUSED = ("Port 0 TPH ds mode: not enabled, no queue steered: "
              "the port cannot use ds mode")

# l3fwd's LPM tables and mbufs need more than the 128 hugepages of boot.
HUGEPAGES = "/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages"

STEPS = """\
cpus cpus
hugepages sh echo 256 > %s && test "$(cat %s)" = 256
dev0 dev
start sh sh /bin/tph-e2e-app start l3fwd 'entering main loop' %s
dev1 dev
fwd sh tph_e2e_fwd 0 2
quit sh sh /bin/tph-e2e-app stop l3fwd
devx dev
startidle sh sh /bin/tph-e2e-app start l3fwdidle 'entering main loop' %s
quitidle sh sh /bin/tph-e2e-app stop l3fwdidle
start3 sh sh /bin/tph-e2e-app start l3fwd3 'entering main loop' %s
dev3 dev
quit3 sh sh /bin/tph-e2e-app stop l3fwd3
devx3 dev
startds sh sh /bin/tph-e2e-app start l3fwdds 'entering main loop' %s
devds dev
quitds sh sh /bin/tph-e2e-app stop l3fwdds
devxds dev
""" % (HUGEPAGES, HUGEPAGES, L3FWD.format(2, "iv", PAIRS.format(2)),
       L3FWD.format(2, "iv", IDLE_CONFIG),
       L3FWD.format(3, "iv", PAIRS.format(3)),
       L3FWD.format(2, "ds", PAIRS.format(2)))

LINE = re.compile(r"^Port 0 TPH (\S+) mode: bound:(.*); refused:(.*); "
                  r"(\d+) of (\d+) queues steered$")
QUEUE = re.compile(r"^(rxq|txq) (\d+) lcore (\d+) CPU (\d+) "
                   r"(?:ST index (\d+)|tag (0x[0-9a-f]+))$")


def parse_l3fwd_port(lines):
    """l3fwd's TPH line for port 0 -> the dict e2e.parse_show() returns."""
    said = [ln for ln in lines if ln.startswith("Port 0 TPH")]
    if len(said) != 1:
        return None
    m = LINE.match(said[0])
    if m is None:
        return None
    info = {"mode": m.group(1), "queues": {}, "text": said,
            "refused": m.group(3).strip(),
            "steered": (int(m.group(4)), int(m.group(5)))}
    for item in m.group(2).split(","):
        q = QUEUE.match(item.strip())
        if q is None:
            return None
        info["queues"][(q.group(1), int(q.group(2)))] = {
            "lcore": int(q.group(3)), "cpu": int(q.group(4)),
            "index": None if q.group(5) is None else int(q.group(5)),
            "tag": None if q.group(6) is None else int(q.group(6), 16),
            "how": ""}
    return info


FWD = re.compile(r"^E2E-FWD port=0 rxq=\[(\d+),(\d+)\] "
                 r"txq=\[(\d+),(\d+)\]$")


def queues_forwarded(line):
    """tph_e2e_fwd's line shows packets on each of the 2 Rx and Tx queues."""
    m = FWD.match(line)
    return m is not None and all(int(n) > 0 for n in m.groups())


def lcores(port):
    """queue -> lcore from l3fwd's line, or None without one."""
    return port and {k: q["lcore"] for k, q in port["queues"].items()}


def tph_said(lc, label):
    return "; ".join(ln for ln in lc.lines(label) if "TPH" in ln) or "no TPH line"


def exits_clean(lc, run, quit_label, devx_label):
    """l3fwd ended by SIGINT with status 0, the device off afterwards."""
    text = lc.lines(quit_label)
    lc.ok("%s: l3fwd exits with status 0 after SIGINT" % run,
          "E2E-EXIT rc=0" in text and any("Bye" in ln for ln in text),
          "; ".join(text[-3:]))
    lc.device_off("after the %s run" % run, devx_label)


def check(c, table):
    # Imported here: e2e.py imports this module while it loads.
    import e2e

    class L3fwdChecker(e2e.Checker):
        def view(self, show_label, dev_label):
            return (parse_l3fwd_port(self.lines(show_label)),
                    e2e.parse_dev(self.lines(dev_label)))

    lc = L3fwdChecker(c.b, c.args)
    lc.results = c.results
    lc.session_ran([s.split()[0] for s in STEPS.splitlines()])
    lc.uids_read()
    dev0 = e2e.parse_dev(lc.lines("dev0"))
    lc.ok("before l3fwd: the device's requester is off",
          dev0 is not None and dev0.get("enable") == 0, "%s" % dev0)
    port = parse_l3fwd_port(lc.lines("start"))
    lc.ok("l3fwd prints one TPH line for port 0: iv mode, 4 of 4 queues "
          "steered, none refused",
          port is not None and port["mode"] == "iv"
          and port["steered"] == (4, 4) and port["refused"] == "none",
          tph_said(lc, "start"))
    lc.ok("l3fwd binds each queue to the lcore --config gives it",
          lcores(port) == EXPECTED, "%s" % (port and port["queues"]))
    first = len(lc.results)
    lc.entries_follow("l3fwd running (lcores 1,2)", "start", "dev1", EXPECTED,
                      table)
    # The shared check names testpmd's view; here it is l3fwd's line.
    lc.results[first:] = [(st, name.replace("testpmd and", "l3fwd and"), why)
                          for st, name, why in lc.results[first:]]
    fwd = [ln for ln in lc.lines("fwd") if ln.startswith("E2E-FWD")]
    lc.ok("l3fwd forwards: packets received on Rx queues 0 and 1, sent on "
          "Tx queues 0 and 1",
          len(fwd) == 1 and lc.step_ran("fwd") and queues_forwarded(fwd[0]),
          "; ".join(lc.lines("fwd")))
    inject = os.path.splitext(c.args.out)[0] + ".inject"
    try:
        with open(inject) as f:
            said = f.read().strip()
    except OSError:
        said = "no %s" % inject
    m = re.match(r"E2E-INJECT tap=\S+ sent=(\d+) forwarded=(\d+)$", said)
    lc.ok("host side of the tap: frames sent in come back routed by l3fwd",
          m is not None and int(m.group(2)) > 0, said)
    exits_clean(lc, "lcores 1,2", "quit", "devx")
    check_idle(lc)
    check_refused(lc)
    check_ds(lc)


def check_idle(lc):
    port = parse_l3fwd_port(lc.lines("startidle"))
    lc.ok("lcore 2 polls no queue: l3fwd binds rxq 0 and txq 0 to lcore 1, "
          "not lcore 2's unused Tx queue",
          port is not None and port["steered"] == (2, 2)
          and lcores(port) == {("rxq", 0): 1, ("txq", 0): 1},
          tph_said(lc, "startidle"))
    text = lc.lines("quitidle")
    lc.ok("lcore 2 polls no queue: l3fwd exits with status 0 after SIGINT",
          "E2E-EXIT rc=0" in text, "; ".join(text[-3:]))


def check_refused(lc):
    port, dev = lc.view("start3", "dev3")
    lc.ok("lcore 3 (CPU without a tag): l3fwd reports queue pair 1 refused, "
          "queue pair 0 bound to lcore 1",
          port is not None and port["refused"] == REFUSED
          and port["steered"] == (2, 4)
          and lcores(port) == {("rxq", 0): 1, ("txq", 0): 1}
          and all(q["cpu"] == q["lcore"] for q in port["queues"].values()),
          tph_said(lc, "start3"))
    if port is None or dev is None or "st" not in dev:
        lc.ok("lcore 3: views read", False, "l3fwd %s, device %s" % (port, dev))
        return
    want = {q["index"]: lc.expected_tag(q["cpu"]) for q in port["queues"].values()}
    got = {i: t for i, t in dev["st"].items() if t != 0}
    lc.ok("lcore 3: the device holds the tags of queue pair 0 only",
          dev.get("mode") == 1 and dev.get("enable") != 0 and got == want
          and None not in want.values(),
          "want %s, device %s" % (want, got))
    exits_clean(lc, "lcore 3", "quit3", "devx3")


def check_ds(lc):
    lc.ok("ds: l3fwd says the port cannot use ds mode and leaves TPH off",
          DS_REFUSED in lc.lines("startds"), tph_said(lc, "startds"))
    dev = lc.view("startds", "devds")[1]
    lc.ok("ds: the device's requester stays off, no ST entry programmed",
          dev is not None and dev.get("enable") == 0
          and not any((dev.get("st") or {}).values()), "%s" % dev)
    exits_clean(lc, "ds", "quitds", "devxds")
