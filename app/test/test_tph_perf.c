/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Cost of lib/tph alone for one steering tag batch: rte_tph_set_st() of 1,
 * 64 and 2048 entries on a device whose backend only counts what it is
 * handed, so the time measured is the library's checks, lcore resolution,
 * bookkeeping and one backend call.
 *
 * Prints one "TPH-PERF" line per batch size, for scripts to collect. The
 * test fails only on what is not timing: every batch must reach the
 * backend as exactly one call carrying all of its entries, and the
 * library's own counters (rte_tph_stats_get) must agree.
 *
 * DPDK_TEST_TPH_PERF_SMOKE=1 runs a few batches only (a quick run).
 */

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dev_driver.h>
#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_tph.h>
#include <rte_tph_driver.h>

#include "test.h"

/* The ABI's largest batch (SET_ST count), so the table must be that big. */
#define PERF_TABLE_SIZE 2048
/* Entries submitted per size and round in a full run: a few ms to a second each. */
#define PERF_ENTRIES_PER_ROUND (1u << 18)
#define PERF_ROUNDS 11
#define PERF_SMOKE_BATCHES 4
#define PERF_WARMUP_BATCHES 8

static const unsigned int perf_sizes[] = { 1, 64, 2048 };

/* A device whose backend does nothing but count. */
static struct {
	struct rte_device dev;
	uint64_t set_calls;
	uint64_t set_entries;
	uint64_t other_calls;
} perf_dev;

static int
perf_cap_get(struct rte_device *dev __rte_unused, struct rte_tph_cap *cap)
{
	memset(cap, 0, sizeof(*cap));
	cap->modes = RTE_TPH_CAP_MODE_IV;
	cap->st_location = RTE_TPH_ST_LOC_MSIX;
	cap->st_table_size = PERF_TABLE_SIZE;
	return 0;
}

static int
perf_enable(struct rte_device *dev __rte_unused,
		enum rte_tph_mode mode __rte_unused)
{
	perf_dev.other_calls++;
	return 0;
}

static int
perf_disable(struct rte_device *dev __rte_unused)
{
	perf_dev.other_calls++;
	return 0;
}

static int
perf_get_st(struct rte_device *dev __rte_unused,
		struct rte_tph_hw_entry *ents __rte_unused,
		unsigned int n __rte_unused)
{
	perf_dev.other_calls++;
	return 0;
}

static int
perf_set_st(struct rte_device *dev __rte_unused,
		const struct rte_tph_hw_entry *ents __rte_unused, unsigned int n)
{
	perf_dev.set_calls++;
	perf_dev.set_entries += n;
	return 0;
}

static const struct rte_tph_dev_ops perf_ops = {
	.cap_get = perf_cap_get,
	.enable = perf_enable,
	.disable = perf_disable,
	.get_st = perf_get_st,
	.set_st = perf_set_st,
};

static uint64_t
perf_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static int
perf_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Submit batches of n entries: warm-up, then rounds of batches each timed
 * as a whole. Checks the backend saw one call per batch with all entries.
 */
static int
perf_run_size(const struct rte_tph_st_entry *ents, unsigned int n,
		unsigned int rounds, unsigned int batches)
{
	uint64_t ns[PERF_ROUNDS], calls0, entries0, total;
	struct rte_tph_stats st0, st1;
	unsigned int r, b;
	int ret;

	for (b = 0; b < PERF_WARMUP_BATCHES; b++)
		TEST_ASSERT_SUCCESS(rte_tph_set_st(&perf_dev.dev, ents, n),
			"warm-up batch of %u failed", n);

	TEST_ASSERT_SUCCESS(rte_tph_stats_get(&perf_dev.dev, &st0),
		"cannot read the library counters");
	calls0 = perf_dev.set_calls;
	entries0 = perf_dev.set_entries;
	for (r = 0; r < rounds; r++) {
		uint64_t t0 = perf_now_ns();

		for (b = 0; b < batches; b++) {
			ret = rte_tph_set_st(&perf_dev.dev, ents, n);
			if (ret != 0)
				break;
		}
		ns[r] = perf_now_ns() - t0;
		TEST_ASSERT_SUCCESS(ret, "batch of %u failed: %d", n, ret);
	}
	TEST_ASSERT_SUCCESS(rte_tph_stats_get(&perf_dev.dev, &st1),
		"cannot read the library counters");

	total = (uint64_t)rounds * batches;
	TEST_ASSERT_EQUAL(perf_dev.set_calls - calls0, total,
		"n=%u: %" PRIu64 " backend calls for %" PRIu64 " batches",
		n, perf_dev.set_calls - calls0, total);
	TEST_ASSERT_EQUAL(perf_dev.set_entries - entries0, total * n,
		"n=%u: backend got %" PRIu64 " entries, %" PRIu64 " submitted",
		n, perf_dev.set_entries - entries0, total * n);
	TEST_ASSERT_EQUAL(st1.set_st_calls - st0.set_st_calls, total,
		"n=%u: library counted %" PRIu64 " batches, %" PRIu64 " made",
		n, st1.set_st_calls - st0.set_st_calls, total);
	TEST_ASSERT_EQUAL(st1.st_entries - st0.st_entries, total * n,
		"n=%u: library counted %" PRIu64 " entries", n,
		st1.st_entries - st0.st_entries);

	qsort(ns, rounds, sizeof(ns[0]), perf_cmp_u64);
	printf("TPH-PERF n=%u rounds=%u batches=%u backend_calls=%" PRIu64
		" entries=%" PRIu64 " ns_per_batch_median=%.1f ns_per_batch_min=%.1f"
		" ns_per_entry_median=%.2f\n",
		n, rounds, batches, perf_dev.set_calls - calls0,
		perf_dev.set_entries - entries0,
		(double)ns[rounds / 2] / batches, (double)ns[0] / batches,
		(double)ns[rounds / 2] / batches / n);
	return TEST_SUCCESS;
}

static int
test_tph_perf(void)
{
	struct rte_tph_st_entry *ents = NULL;
	rte_cpuset_t saved, one;
	unsigned int main_lcore = rte_lcore_id(), c, i, rounds, batches;
	const char *smoke = getenv("DPDK_TEST_TPH_PERF_SMOKE");
	bool is_smoke = smoke != NULL && strcmp(smoke, "1") == 0;
	int ret = TEST_FAILED;

	/* A steering tag needs an lcore bound to exactly one CPU. */
	saved = rte_lcore_cpuset(main_lcore);
	for (c = 0; c < CPU_SETSIZE && !CPU_ISSET(c, &saved); c++)
		;
	TEST_ASSERT(c < CPU_SETSIZE, "main lcore has no CPU");
	CPU_ZERO(&one);
	CPU_SET(c, &one);
	TEST_ASSERT_SUCCESS(rte_thread_set_affinity(&one),
		"cannot pin the main lcore to CPU %u", c);

	memset(&perf_dev, 0, sizeof(perf_dev));
	perf_dev.dev.name = "tph_perf_sim";
	if (rte_tph_dev_register(&perf_dev.dev, &perf_ops) != 0) {
		printf("cannot register the counting TPH device\n");
		goto restore;
	}
	if (rte_tph_enable(&perf_dev.dev, RTE_TPH_MODE_IV) != 0) {
		printf("cannot enable IV mode on the counting device\n");
		goto unregister;
	}
	ents = calloc(PERF_TABLE_SIZE, sizeof(*ents));
	if (ents == NULL) {
		printf("no memory for %u entries\n", PERF_TABLE_SIZE);
		goto unregister;
	}
	for (i = 0; i < PERF_TABLE_SIZE; i++) {
		ents[i].index = i;
		ents[i].mem_type = RTE_TPH_MEM_VOLATILE;
		ents[i].lcore_id = main_lcore;
	}

	printf("TPH-PERF-MODE %s\n", is_smoke ? "smoke" : "full");
	for (i = 0; i < RTE_DIM(perf_sizes); i++) {
		unsigned int n = perf_sizes[i];

		rounds = is_smoke ? 1 : PERF_ROUNDS;
		batches = is_smoke ? PERF_SMOKE_BATCHES :
			RTE_MAX(PERF_ENTRIES_PER_ROUND / n, 16u);
		if (perf_run_size(ents, n, rounds, batches) != TEST_SUCCESS)
			goto unregister;
	}
	ret = TEST_SUCCESS;

unregister:
	free(ents);
	if (rte_tph_dev_unregister(&perf_dev.dev) != 0) {
		printf("cannot unregister the counting TPH device\n");
		ret = TEST_FAILED;
	}
restore:
	rte_thread_set_affinity(&saved);
	return ret;
}

REGISTER_TEST_COMMAND(tph_perf_autotest, test_tph_perf);
