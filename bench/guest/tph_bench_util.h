/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Helpers the guest benchmark programs share: a monotonic clock, a
 * comparison for sorting times, and tph_emu's debugfs counters.
 */

#ifndef TPH_BENCH_UTIL_H
#define TPH_BENCH_UTIL_H

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define TPH_BENCH_EMU_DEBUGFS "/sys/kernel/debug/tph_emu/"

static inline uint64_t
tph_bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

/* qsort() comparison of two uint64_t */
static inline int
tph_bench_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* One of tph_emu's debugfs counters; 0, or -1 with the reason printed. */
static inline int
tph_bench_emu_u64(const char *name, uint64_t *val)
{
	char path[128];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), TPH_BENCH_EMU_DEBUGFS "%s", name);
	f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	ok = fscanf(f, "%" SCNu64, val) == 1;
	fclose(f);
	if (!ok) {
		fprintf(stderr, "%s: not a number\n", path);
		return -1;
	}
	return 0;
}

#endif /* TPH_BENCH_UTIL_H */
