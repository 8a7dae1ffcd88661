/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Guest helper of the end-to-end suite: waits until a running DPDK
 * application (l3fwd, which prints no statistics) has received packets on
 * each of the first NQ Rx queues of a port and sent packets on each of its
 * first NQ Tx queues, asking its telemetry socket for the port's counters
 * (command "/ethdev/stats,PORT", answered in JSON with per-queue arrays
 * "q_ipackets" and "q_opackets").
 *
 *   tph_e2e_fwd PORT NQ [SOCKET]
 *
 * Prints "E2E-FWD port=P rxq=[...] txq=[...]" with the last counters read;
 * exits 0 once every one is non-zero, 1 if they are not within WAIT_S or
 * the socket cannot be read (the application is not running: it creates
 * the socket before it starts forwarding).
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

/* Entry i of the integer array "key" in a flat JSON object, or -1. */
static long long
json_array_entry(const char *json, const char *key, int i)
{
	char pat[64];
	const char *p;
	char *end;

	snprintf(pat, sizeof(pat), "\"%s\":[", key);
	p = strstr(json, pat);
	if (p == NULL)
		return -1;
	p += strlen(pat);
	for (; i > 0; i--) {
		p = strchr(p, ',');
		if (p == NULL)
			return -1;
		p++;
	}
	return strtoll(p, &end, 10);
}

/* True if the first nq entries of an array are non-zero; out shows them. */
static int
queues_used(const char *json, const char *key, int nq, const char *name,
		FILE *out)
{
	long long v;
	int i, all = 1;

	if (out != NULL)
		fprintf(out, " %s=[", name);
	for (i = 0; i < nq; i++) {
		v = json_array_entry(json, key, i);
		if (out != NULL)
			fprintf(out, "%s%lld", i == 0 ? "" : ",", v);
		all = all && v > 0;
	}
	if (out != NULL)
		fprintf(out, "]");
	return all;
}

int
main(int argc, char **argv)
{
	const char *path = argc > 3 ? argv[3] : DEFAULT_SOCKET;
	static char reply[REPLY_MAX];
	int i, nq, used = 0;
	char cmd[64];

	nq = argc > 2 ? atoi(argv[2]) : 0;
	if (argc < 3 || argc > 4 || nq < 1) {
		fprintf(stderr, "usage: tph_e2e_fwd PORT NQ [SOCKET]\n");
		return 2;
	}
	snprintf(cmd, sizeof(cmd), "/ethdev/stats,%s", argv[1]);
	for (i = 0; i < WAIT_S && !used; i++) {
		if (i > 0)
			sleep(1);
		if (telemetry_query(path, cmd, reply) != 0) {
			printf("E2E-ERROR cannot query %s\n", path);
			return 1;
		}
		used = queues_used(reply, "q_ipackets", nq, "rxq", NULL) &&
			queues_used(reply, "q_opackets", nq, "txq", NULL);
	}
	printf("E2E-FWD port=%s", argv[1]);
	queues_used(reply, "q_ipackets", nq, "rxq", stdout);
	queues_used(reply, "q_opackets", nq, "txq", stdout);
	printf("\n");
	if (used)
		return 0;
	printf("E2E-ERROR port %s: not every queue forwarded within %ds\n",
		argv[1], WAIT_S);
	return 1;
}
