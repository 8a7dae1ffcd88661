/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * One snapshot of the TPH operation counters of a running DPDK process and
 * of the emulated device, for bench/control.sh (the guest has no python
 * for dpdk-telemetry.py):
 *  - lib/tph's counters of one device, asked over DPDK's telemetry socket
 *    ("/tph/info,<device>");
 *  - tph_emu's counts of config accesses to the TPH capability (debugfs),
 *    which the kernel makes and lib/tph cannot influence: the independent
 *    side of the cross-check.
 *
 * Usage: tph_bench_snap LABEL [DEVICE]
 *   DEVICE defaults to the first one "/tph/list" names.
 *   TPH_BENCH_TELEMETRY overrides the socket path
 *   (default /var/run/dpdk/rte/dpdk_telemetry.v2).
 * Prints one line:
 *   BENCH-SNAP label=L dev=D set_st_calls=N st_entries=N enable_calls=N
 *              disable_calls=N get_st_calls=N nb_entries=N emu_reads=N
 *              emu_writes=N
 * and exits 0, or prints why not and exits 1.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "tph_bench_util.h"

#define TEL_DEFAULT_PATH "/var/run/dpdk/rte/dpdk_telemetry.v2"
/* The largest reply DPDK 22.11 telemetry sends is 16 KiB. */
#define TEL_BUF_SIZE (64 * 1024)
#define NB_KEYS 6

static const char * const counter_keys[NB_KEYS] = {
	"set_st_calls", "st_entries", "enable_calls", "disable_calls",
	"get_st_calls", "nb_entries",
};

static char tel_buf[TEL_BUF_SIZE];

/* Send a command, receive the reply into tel_buf; 0 or -1 (logged). */
static int
tel_query(int sock, const char *cmd)
{
	ssize_t n;

	if (write(sock, cmd, strlen(cmd)) < 0) {
		fprintf(stderr, "telemetry: sending '%s': %s\n", cmd,
			strerror(errno));
		return -1;
	}
	n = read(sock, tel_buf, sizeof(tel_buf) - 1);
	if (n <= 0) {
		fprintf(stderr, "telemetry: no reply to '%s'\n", cmd);
		return -1;
	}
	tel_buf[n] = '\0';
	return 0;
}

static int
tel_connect(void)
{
	const char *path = getenv("TPH_BENCH_TELEMETRY");
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	ssize_t n;
	int sock;

	if (path == NULL)
		path = TEL_DEFAULT_PATH;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "telemetry: socket path too long: %s\n", path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	sock = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	if (sock < 0) {
		fprintf(stderr, "telemetry: socket: %s\n", strerror(errno));
		return -1;
	}
	if (connect(sock, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		fprintf(stderr, "telemetry: connect %s: %s\n", path,
			strerror(errno));
		close(sock);
		return -1;
	}
	/* The server greets with its version and limits first. */
	n = read(sock, tel_buf, sizeof(tel_buf) - 1);
	if (n <= 0) {
		fprintf(stderr, "telemetry: no greeting on %s\n", path);
		close(sock);
		return -1;
	}
	return sock;
}

/* First string of the "/tph/list" array in tel_buf, into dev. */
static int
first_device(char *dev, size_t len)
{
	const char *p = strchr(tel_buf, '[');
	const char *q = NULL;

	if (p != NULL)
		p = strchr(p, '"');
	if (p != NULL)
		q = strchr(p + 1, '"');
	if (q == NULL || (size_t)(q - p - 1) >= len) {
		fprintf(stderr, "telemetry: no TPH device listed: %s\n", tel_buf);
		return -1;
	}
	memcpy(dev, p + 1, q - p - 1);
	dev[q - p - 1] = '\0';
	return 0;
}

/* Value of the integer field "key" in tel_buf. */
static int
json_u64(const char *key, uint64_t *val)
{
	char pat[64];
	const char *p;
	char *end;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	p = strstr(tel_buf, pat);
	if (p == NULL) {
		fprintf(stderr, "telemetry: no field %s in: %s\n", key, tel_buf);
		return -1;
	}
	p += strlen(pat);
	errno = 0;
	*val = strtoull(p, &end, 10);
	if (end == p || errno != 0) {
		fprintf(stderr, "telemetry: field %s is not a number\n", key);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	uint64_t vals[NB_KEYS];
	uint64_t reads, writes;
	char dev[128], cmd[192];
	unsigned int i;
	int sock;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s LABEL [DEVICE]\n", argv[0]);
		return 1;
	}
	sock = tel_connect();
	if (sock < 0)
		return 1;
	if (argc == 3) {
		snprintf(dev, sizeof(dev), "%s", argv[2]);
	} else if (tel_query(sock, "/tph/list") != 0 ||
			first_device(dev, sizeof(dev)) != 0) {
		close(sock);
		return 1;
	}
	snprintf(cmd, sizeof(cmd), "/tph/info,%s", dev);
	if (tel_query(sock, cmd) != 0) {
		close(sock);
		return 1;
	}
	close(sock);
	for (i = 0; i < NB_KEYS; i++)
		if (json_u64(counter_keys[i], &vals[i]) != 0)
			return 1;
	if (tph_bench_emu_u64("reads", &reads) != 0 ||
			tph_bench_emu_u64("writes", &writes) != 0)
		return 1;

	printf("BENCH-SNAP label=%s dev=%s", argv[1], dev);
	for (i = 0; i < NB_KEYS; i++)
		printf(" %s=%" PRIu64, counter_keys[i], vals[i]);
	printf(" emu_reads=%" PRIu64 " emu_writes=%" PRIu64 "\n", reads, writes);
	return 0;
}
