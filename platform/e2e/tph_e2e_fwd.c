/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Guest helper of the end-to-end suite: waits until a running DPDK
 * application (l3fwd, which prints no statistics) has received and sent
 * packets on a port, asking its telemetry socket for the port's counters
 * (command "/ethdev/stats,PORT", answered in JSON).
 *
 *   tph_e2e_fwd PORT [SOCKET]
 *
 * Prints "E2E-FWD port=P ipackets=N opackets=M" with the last counters
 * read; exits 0 once both are non-zero, 1 if they are not within WAIT_S
 * or the socket cannot be read (the application is not running: it
 * creates the socket before it starts forwarding).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define DEFAULT_SOCKET "/var/run/dpdk/rte/dpdk_telemetry.v2"
/* Generous, as in guest-session.sh: only whether it happens is checked. */
#define WAIT_S 600
#define REPLY_MAX 16384

/* One request on a fresh connection; the reply is NUL-terminated. */
static int
telemetry_query(const char *path, const char *cmd, char *reply)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	ssize_t len;
	int fd;

	fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	if (fd < 0)
		return -1;
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
	/* The server greets each client with one message first. */
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
			read(fd, reply, REPLY_MAX - 1) < 0 ||
			write(fd, cmd, strlen(cmd)) < 0) {
		close(fd);
		return -1;
	}
	len = read(fd, reply, REPLY_MAX - 1);
	close(fd);
	if (len <= 0)
		return -1;
	reply[len] = '\0';
	return 0;
}

/* The integer value of "key" in a flat JSON object, or -1. */
static long long
json_counter(const char *json, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	p = strstr(json, pat);
	return p == NULL ? -1 : strtoll(p + strlen(pat), NULL, 10);
}

int
main(int argc, char **argv)
{
	const char *path = argc > 2 ? argv[2] : DEFAULT_SOCKET;
	static char reply[REPLY_MAX];
	long long rx = -1, tx = -1;
	char cmd[64];
	int i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: tph_e2e_fwd PORT [SOCKET]\n");
		return 2;
	}
	snprintf(cmd, sizeof(cmd), "/ethdev/stats,%s", argv[1]);
	for (i = 0; i < WAIT_S; i++) {
		if (telemetry_query(path, cmd, reply) != 0) {
			printf("E2E-ERROR cannot query %s\n", path);
			return 1;
		}
		rx = json_counter(reply, "ipackets");
		tx = json_counter(reply, "opackets");
		if (rx > 0 && tx > 0)
			break;
		sleep(1);
	}
	printf("E2E-FWD port=%s ipackets=%lld opackets=%lld\n", argv[1], rx, tx);
	if (rx > 0 && tx > 0)
		return 0;
	printf("E2E-ERROR port %s did not forward within %ds\n", argv[1], WAIT_S);
	return 1;
}
