#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-tph authors
"""Host side of the l3fwd end-to-end scenario: traffic through the NIC.

  l3fwd_inject.py TAP PID OUT

The guest NIC's peer is a tap that QEMU creates on this host (name TAP),
link down and not connected to anything.  Once TAP exists this brings it
up (IPv6 off, so the host itself sends nothing into it), sends UDP/IPv4
frames into it at a low rate, each from another UDP source port so that
the multi-queue tap spreads them over the NIC's Rx queues, and counts the
frames l3fwd sends back: l3fwd routes 198.18.0.0/24 to port 0 and rewrites
the Ethernet header (destination 02:00:00:00:00:00, source the NIC's
address).  Stops when process PID (the guest's run.sh) is gone and writes
"E2E-INJECT tap=TAP sent=N forwarded=M" to OUT.
"""

import os
import select
import socket
import struct
import subprocess
import sys
import time

ETH_P_ALL = 0x0003
# l3fwd's default route for port 0 (RFC 2544 benchmarking range).
DST_IP = bytes([198, 18, 0, 1])
SRC_IP = bytes([198, 51, 100, 1])
SRC_MAC = bytes.fromhex("020000000aaa")
# What l3fwd writes as destination for port 0: 02:00:00:00:00:<port>.
L3FWD_DST_MAC = bytes.fromhex("020000000000")
MARK = b"tph-e2e-l3fwd"
INTERVAL_S = 0.02


def ip_checksum(hdr):
    s = sum(struct.unpack("!%dH" % (len(hdr) // 2), hdr))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(seq):
    payload = MARK + struct.pack("!I", seq)
    udp = struct.pack("!HHHH", 1024 + seq % 4096, 9, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), seq & 0xFFFF, 0,
                     64, 17, 0, SRC_IP, DST_IP)
    ip = ip[:10] + struct.pack("!H", ip_checksum(ip)) + ip[12:]
    # Any destination: l3fwd runs its port in promiscuous mode (-P).
    return bytes.fromhex("525400123456") + SRC_MAC + b"\x08\x00" + ip + udp


def forwarded(pkt):
    return (len(pkt) > 14 and pkt[0:6] == L3FWD_DST_MAC
            and pkt[12:14] == b"\x08\x00" and MARK in pkt)


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    tap, pid, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sent = fwd = 0
    sock = None
    while alive(pid):
        if sock is None:
            if not os.path.exists("/sys/class/net/" + tap):
                time.sleep(0.2)
                continue
            try:
                with open("/proc/sys/net/ipv6/conf/%s/disable_ipv6" % tap,
                          "w") as f:
                    f.write("1")
            except OSError:
                pass  # no IPv6 on this host: nothing to turn off
            subprocess.run(["ip", "link", "set", tap, "up"], check=False)
            try:
                sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                     socket.htons(ETH_P_ALL))
                sock.bind((tap, 0))
            except OSError:
                sock = None
                time.sleep(0.2)
                continue
        try:
            sock.send(frame(sent))
            sent += 1
        except OSError:
            # The tap is gone (QEMU exited) or not up yet.
            time.sleep(0.2)
        while select.select([sock], [], [], 0)[0]:
            try:
                pkt, addr = sock.recvfrom(2048)
            except OSError:
                break
            # Only frames the guest sent, not our own outgoing ones.
            if addr[2] != socket.PACKET_OUTGOING and forwarded(pkt):
                fwd += 1
        time.sleep(INTERVAL_S)
    with open(out, "w") as f:
        f.write("E2E-INJECT tap=%s sent=%d forwarded=%d\n" % (tap, sent, fwd))
    return 0


if __name__ == "__main__":
    sys.exit(main())
