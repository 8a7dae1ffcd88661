/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Unit tests of lib/tph against a simulated bus backend: fake devices are
 * registered through rte_tph_driver.h, and the backend records every call
 * it receives, keeps a model of the hardware table and can be told to
 * fail. No TPH hardware or kernel support is needed.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_lcore.h>

#include "test.h"

#ifndef RTE_HAS_CPUSET

static int
test_tph(void)
{
	printf("TPH tests need lcore cpusets, not available on this OS\n");
	return TEST_SKIPPED;
}

#else

#include <pthread.h>

#include <rte_errno.h>
#include <rte_pause.h>
#include <rte_service.h>
#include <rte_thread.h>
#include <rte_telemetry.h>
#include <dev_driver.h>
#include <rte_tph.h>
#include <rte_tph_driver.h>

#include "telemetry_data.h"
#include "tph_private.h"
#include "test_tph_sim.h"

static struct tph_sim_dev sim_a; /* IV + DS, table in MSI-X, 16 entries */
static struct tph_sim_dev sim_b; /* IV only, table in the capability, 8 entries */
static struct tph_sim_dev sim_c; /* per-test capability */
static struct tph_sim_dev sim_never; /* never registered */
static struct tph_sim_dev sim_bad; /* registration always refused */

static unsigned int main_lcore;
static unsigned int main_cpu;

/* An lcore id that EAL has not enabled, or RTE_MAX_LCORE if none. */
static unsigned int
disabled_lcore(void)
{
	unsigned int l;

	for (l = RTE_MAX_LCORE; l-- > 0;)
		if (rte_lcore_has_role(l, ROLE_OFF) == 1)
			return l;
	return RTE_MAX_LCORE;
}

/* Bind the main lcore to main_cpu only (tests may widen it). */
static int
pin_main_lcore(void)
{
	rte_cpuset_t one;

	CPU_ZERO(&one);
	CPU_SET(main_cpu, &one);
	return rte_thread_set_affinity(&one);
}

static int
testsuite_setup(void)
{
	/* Pin the main lcore to one CPU so it has a well defined tag. */
	main_lcore = rte_lcore_id();
	TEST_ASSERT_SUCCESS(tph_sim_pin_main_lcore(&main_cpu),
		"cannot pin the main lcore to one CPU");
	return TEST_SUCCESS;
}

/* Each test starts with sim_a and sim_b freshly registered, both off. */
static int
ut_setup(void)
{
	tph_sim_init(&sim_a, NULL, "tph_sim_a", RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS,
		RTE_TPH_ST_LOC_MSIX, 16, true);
	tph_sim_init(&sim_b, NULL, "tph_sim_b", RTE_TPH_CAP_MODE_IV,
		RTE_TPH_ST_LOC_CAP, 8, false);
	tph_sim_init(&sim_c, NULL, "tph_sim_c", 0, RTE_TPH_ST_LOC_NONE, 0, false);
	tph_sim_init(&sim_never, NULL, "tph_sim_never", RTE_TPH_CAP_MODE_IV,
		RTE_TPH_ST_LOC_CAP, 8, false);
	tph_sim_init(&sim_bad, NULL, "tph_sim_bad", RTE_TPH_CAP_MODE_IV,
		RTE_TPH_ST_LOC_CAP, 8, false);
	TEST_ASSERT_SUCCESS(rte_tph_dev_register(&sim_a.dev, &tph_sim_ops),
		"cannot register sim_a");
	TEST_ASSERT_SUCCESS(rte_tph_dev_register(&sim_b.dev, &tph_sim_ops),
		"cannot register sim_b");
	tph_sim_clear_calls(&sim_a);
	tph_sim_clear_calls(&sim_b);
	return TEST_SUCCESS;
}

static void
ut_teardown(void)
{
	enum rte_tph_mode mode;

	/* Whatever a test left registered goes away, errors injected or not. */
	sim_a.fail_set_st = sim_a.fail_disable = 0;
	sim_b.fail_set_st = sim_b.fail_disable = 0;
	sim_c.fail_set_st = sim_c.fail_disable = 0;
	if (rte_tph_mode_get(&sim_a.dev, &mode) == 0)
		rte_tph_dev_unregister(&sim_a.dev);
	if (rte_tph_mode_get(&sim_b.dev, &mode) == 0)
		rte_tph_dev_unregister(&sim_b.dev);
	if (rte_tph_mode_get(&sim_c.dev, &mode) == 0)
		rte_tph_dev_unregister(&sim_c.dev);
	pin_main_lcore();
}

/* Any enabled lcore other than the main one bound to one CPU. */
static bool
worker_lcore(unsigned int *lcore, unsigned int *cpu)
{
	unsigned int l;

	RTE_LCORE_FOREACH_WORKER(l) {
		rte_cpuset_t set = rte_lcore_cpuset(l);
		unsigned int c;

		if (CPU_COUNT(&set) != 1)
			continue;
		for (c = 0; c < CPU_SETSIZE; c++) {
			if (CPU_ISSET(c, &set)) {
				*lcore = l;
				*cpu = c;
				return true;
			}
		}
	}
	return false;
}

static struct rte_tph_st_entry
st_entry(uint16_t index, enum rte_tph_mem_type mem_type, unsigned int lcore)
{
	struct rte_tph_st_entry e = {
		.index = index,
		.mem_type = mem_type,
		.lcore_id = lcore,
	};

	return e;
}

static struct rte_tph_st_query
st_query(unsigned int lcore, unsigned int cpu, enum rte_tph_mem_type mem_type)
{
	struct rte_tph_st_query q = {
		.lcore_id = lcore,
		.cpu = cpu,
		.mem_type = mem_type,
		.st = 0xdead,
	};

	return q;
}

/* Program the given indexes for the main lcore, volatile memory. */
static int
program(struct tph_sim_dev *s, const uint16_t *idx, unsigned int n)
{
	struct rte_tph_st_entry ents[TPH_SIM_TABLE_MAX];
	unsigned int i;

	for (i = 0; i < n; i++)
		ents[i] = st_entry(idx[i], RTE_TPH_MEM_VOLATILE, main_lcore);
	return rte_tph_set_st(&s->dev, ents, n);
}

#define ASSERT_TRACE(s, expected) \
	TEST_ASSERT(strcmp((s)->trace, expected) == 0, \
		"%s: backend calls \"%s\", expected \"%s\"", \
		(s)->name, (s)->trace, expected)

#define ASSERT_ERR(call, err) do { \
	int ret_ = (call); \
	TEST_ASSERT_EQUAL(ret_, err, "%s returned %d, expected %d", \
		#call, ret_, err); \
} while (0)

#define ASSERT_NB_ENTRIES(s, n) \
	ASSERT_ERR(rte_tph_entries_get(&(s)->dev, NULL, 0), n)

/*
 * The backend's last request was one batch clearing exactly the entries
 * idx[0..n-1], in that order: clears carry no CPU and volatile memory.
 */
static int
check_clear_batch(const struct tph_sim_dev *s, const uint16_t *idx,
		unsigned int n)
{
	unsigned int i;

	TEST_ASSERT_EQUAL(s->last_set_n, n, "clear batch size");
	for (i = 0; i < n; i++) {
		TEST_ASSERT_EQUAL(s->last_set[i].index, idx[i], "clear index");
		TEST_ASSERT_EQUAL(s->last_set[i].cpu, RTE_TPH_CPU_CLEAR, "clear cpu");
		TEST_ASSERT_EQUAL(s->last_set[i].mem_type, RTE_TPH_MEM_VOLATILE,
			"clear mem type");
	}
	return TEST_SUCCESS;
}

static int
test_tph_mode_name(void)
{
	TEST_ASSERT(strcmp(rte_tph_mode_name(RTE_TPH_MODE_OFF), "off") == 0,
		"bad name for off");
	TEST_ASSERT(strcmp(rte_tph_mode_name(RTE_TPH_MODE_IV), "iv") == 0,
		"bad name for iv");
	TEST_ASSERT(strcmp(rte_tph_mode_name(RTE_TPH_MODE_DS), "ds") == 0,
		"bad name for ds");
	TEST_ASSERT(strcmp(rte_tph_mode_name((enum rte_tph_mode)3), "unknown") == 0,
		"bad name for 3");
	TEST_ASSERT(strcmp(rte_tph_mode_name((enum rte_tph_mode)-1), "unknown") == 0,
		"bad name for -1");
	return TEST_SUCCESS;
}

/*
 * Every per-device call on dev fails with err; q is the query get_st is
 * given (the caller checks it is left alone).
 */
static int
every_call_fails(struct rte_device *dev, int err, struct rte_tph_st_query *q)
{
	struct rte_tph_st_entry e = st_entry(0, RTE_TPH_MEM_VOLATILE, main_lcore);
	struct rte_tph_entry_info info;
	struct rte_tph_stats stats;
	enum rte_tph_mode mode;
	struct rte_tph_cap cap;
	uint16_t idx = 0;

	ASSERT_ERR(rte_tph_cap_get(dev, &cap), err);
	ASSERT_ERR(rte_tph_enable(dev, RTE_TPH_MODE_IV), err);
	ASSERT_ERR(rte_tph_disable(dev), err);
	ASSERT_ERR(rte_tph_mode_get(dev, &mode), err);
	ASSERT_ERR(rte_tph_get_st(dev, q, 1), err);
	ASSERT_ERR(rte_tph_set_st(dev, &e, 1), err);
	ASSERT_ERR(rte_tph_clear_st(dev, &idx, 1), err);
	ASSERT_ERR(rte_tph_entries_get(dev, &info, 1), err);
	ASSERT_ERR(rte_tph_stats_get(dev, &stats), err);
	return TEST_SUCCESS;
}

/* Every call with a NULL device, then with a device no bus provides. */
static int
test_tph_null_and_unknown_device(void)
{
	struct rte_tph_st_query q = st_query(main_lcore, 0, RTE_TPH_MEM_VOLATILE);

	if (every_call_fails(NULL, -EINVAL, &q) != TEST_SUCCESS)
		return TEST_FAILED;
	ASSERT_ERR(rte_tph_dev_register(NULL, &tph_sim_ops), -EINVAL);
	ASSERT_ERR(rte_tph_dev_unregister(NULL), -EINVAL);

	if (every_call_fails(&sim_never.dev, -ENOTSUP, &q) != TEST_SUCCESS)
		return TEST_FAILED;
	ASSERT_ERR(rte_tph_dev_unregister(&sim_never.dev), -ENOENT);
	ASSERT_TRACE(&sim_never, "");
	TEST_ASSERT_EQUAL(q.st, 0xdead, "query changed by a failed call");
	return TEST_SUCCESS;
}

static int
test_tph_register(void)
{
	struct rte_tph_dev_ops partial = tph_sim_ops;
	struct rte_tph_cap cap;
	int i;

	/* Missing operations. */
	ASSERT_ERR(rte_tph_dev_register(&sim_bad.dev, NULL), -EINVAL);
	partial.set_st = NULL;
	ASSERT_ERR(rte_tph_dev_register(&sim_bad.dev, &partial), -EINVAL);
	partial = tph_sim_ops;
	partial.cap_get = NULL;
	ASSERT_ERR(rte_tph_dev_register(&sim_bad.dev, &partial), -EINVAL);
	ASSERT_TRACE(&sim_bad, "");

	/* The capability read fails or makes no sense: nothing registered. */
	sim_bad.fail_cap_get = -EIO;
	ASSERT_ERR(rte_tph_dev_register(&sim_bad.dev, &tph_sim_ops), -EIO);
	sim_bad.fail_cap_get = 0;
	sim_bad.cap.modes = RTE_BIT32(2);
	ASSERT_ERR(rte_tph_dev_register(&sim_bad.dev, &tph_sim_ops), -EINVAL);
	sim_bad.cap.modes = RTE_TPH_CAP_MODE_IV;
	sim_bad.cap.st_location = (enum rte_tph_st_location)3;
	ASSERT_ERR(rte_tph_dev_register(&sim_bad.dev, &tph_sim_ops), -EINVAL);
	ASSERT_TRACE(&sim_bad, "CCC");
	ASSERT_ERR(rte_tph_cap_get(&sim_bad.dev, &cap), -ENOTSUP);

	/* Registered twice: refused without asking the backend again. */
	ASSERT_ERR(rte_tph_dev_register(&sim_a.dev, &tph_sim_ops), -EEXIST);
	ASSERT_TRACE(&sim_a, "");

	/* The capability is read once, at registration. */
	sim_c.cap.modes = RTE_TPH_CAP_MODE_DS;
	sim_c.cap.st_location = RTE_TPH_ST_LOC_NONE;
	sim_c.cap.st_table_size = 0;
	ASSERT_ERR(rte_tph_dev_register(&sim_c.dev, &tph_sim_ops), 0);
	ASSERT_TRACE(&sim_c, "C");
	sim_c.cap.modes = RTE_TPH_CAP_MODE_IV;
	sim_c.cap.st_table_size = 99;
	for (i = 0; i < 3; i++) {
		ASSERT_ERR(rte_tph_cap_get(&sim_c.dev, &cap), 0);
		TEST_ASSERT_EQUAL(cap.modes, RTE_TPH_CAP_MODE_DS, "capability re-read");
		TEST_ASSERT_EQUAL(cap.st_table_size, 0, "capability re-read");
	}
	ASSERT_TRACE(&sim_c, "C");
	return TEST_SUCCESS;
}

static int
test_tph_cap_and_mode_get(void)
{
	struct rte_tph_cap cap;
	enum rte_tph_mode mode;

	ASSERT_ERR(rte_tph_cap_get(&sim_a.dev, &cap), 0);
	TEST_ASSERT_EQUAL(cap.modes, (RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS),
		"sim_a modes");
	TEST_ASSERT_EQUAL(cap.st_location, RTE_TPH_ST_LOC_MSIX, "sim_a location");
	TEST_ASSERT_EQUAL(cap.st_table_size, 16, "sim_a table size");
	TEST_ASSERT(cap.extended, "sim_a extended");
	ASSERT_ERR(rte_tph_cap_get(&sim_b.dev, &cap), 0);
	TEST_ASSERT_EQUAL(cap.modes, RTE_TPH_CAP_MODE_IV, "sim_b modes");
	TEST_ASSERT_EQUAL(cap.st_location, RTE_TPH_ST_LOC_CAP, "sim_b location");
	TEST_ASSERT_EQUAL(cap.st_table_size, 8, "sim_b table size");
	TEST_ASSERT(!cap.extended, "sim_b extended");
	ASSERT_ERR(rte_tph_cap_get(&sim_a.dev, NULL), -EINVAL);

	mode = RTE_TPH_MODE_DS;
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_OFF, "a new device is not off");
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, NULL), -EINVAL);
	ASSERT_TRACE(&sim_a, "");
	return TEST_SUCCESS;
}

static int
test_tph_enable(void)
{
	struct rte_tph_stats stats;
	enum rte_tph_mode mode;

	/* Modes that do not exist or cannot be enabled. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_OFF), -EINVAL);
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, (enum rte_tph_mode)3), -EINVAL);
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, (enum rte_tph_mode)-1), -EINVAL);
	ASSERT_ERR(rte_tph_enable(&sim_b.dev, RTE_TPH_MODE_DS), -ENOTSUP);
	ASSERT_TRACE(&sim_a, "");
	ASSERT_TRACE(&sim_b, "");

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_TRACE(&sim_a, "E");
	TEST_ASSERT_EQUAL(sim_a.last_enable_mode, RTE_TPH_MODE_IV, "mode passed");
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode after enable");

	/* Same mode again: nothing to do. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_TRACE(&sim_a, "E");
	ASSERT_ERR(rte_tph_stats_get(&sim_a.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.enable_calls, 1, "enable calls");

	/* A device with no usable mode. */
	ASSERT_ERR(rte_tph_dev_register(&sim_c.dev, &tph_sim_ops), 0);
	ASSERT_ERR(rte_tph_enable(&sim_c.dev, RTE_TPH_MODE_IV), -ENOTSUP);
	ASSERT_ERR(rte_tph_enable(&sim_c.dev, RTE_TPH_MODE_DS), -ENOTSUP);
	ASSERT_TRACE(&sim_c, "C");

	/* The system refuses DS: the device stays as it was. */
	sim_b.cap.modes |= RTE_TPH_CAP_MODE_DS; /* not seen: read at register */
	ASSERT_ERR(rte_tph_enable(&sim_b.dev, RTE_TPH_MODE_DS), -ENOTSUP);
	sim_a.fail_enable = -EPERM;
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), -EPERM);
	sim_a.fail_enable = 0;
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode after a refused switch");
	ASSERT_TRACE(&sim_a, "EE");
	ASSERT_ERR(rte_tph_stats_get(&sim_a.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.enable_calls, 2, "enable calls");
	return TEST_SUCCESS;
}

static int
test_tph_mode_switch(void)
{
	static const uint16_t idx[] = { 7, 2, 11 };
	static const uint16_t sorted[] = { 2, 7, 11 };
	enum rte_tph_mode mode;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_a, idx, RTE_DIM(idx)), 0);
	tph_sim_clear_calls(&sim_a);

	/* IV -> DS: the old entries are cleared in one batch first. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	ASSERT_TRACE(&sim_a, "SE");
	TEST_ASSERT_SUCCESS(check_clear_batch(&sim_a, sorted, RTE_DIM(sorted)),
		"clear batch");
	TEST_ASSERT_EQUAL(sim_a.last_enable_mode, RTE_TPH_MODE_DS, "mode passed");
	TEST_ASSERT(tph_sim_table_empty(&sim_a), "hardware table not cleared");
	ASSERT_NB_ENTRIES(&sim_a, 0);
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_DS, "mode after switch");

	/* DS -> IV: nothing to clear. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_TRACE(&sim_a, "SEE");
	TEST_ASSERT_EQUAL(sim_a.hw_mode, RTE_TPH_MODE_IV, "hardware mode");

	/* The clear fails: no switch, entries kept. */
	ASSERT_ERR(program(&sim_a, idx, 1), 0);
	sim_a.fail_set_st = -EIO;
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), -EIO);
	sim_a.fail_set_st = 0;
	ASSERT_TRACE(&sim_a, "SEESS");
	ASSERT_NB_ENTRIES(&sim_a, 1);
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode after failed clear");

	/* The switch itself fails: the mode stays, the cleared entries are gone. */
	sim_a.fail_enable = -EPERM;
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), -EPERM);
	sim_a.fail_enable = 0;
	ASSERT_TRACE(&sim_a, "SEESSSE");
	ASSERT_NB_ENTRIES(&sim_a, 0);
	TEST_ASSERT(tph_sim_table_empty(&sim_a), "hardware table not cleared");
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode after failed switch");
	return TEST_SUCCESS;
}

static int
test_tph_disable(void)
{
	static const uint16_t idx[] = { 5, 1, 9 };
	static const uint16_t sorted[] = { 1, 5, 9 };
	enum rte_tph_mode mode;

	/* Already off: nothing to do. */
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), 0);
	ASSERT_TRACE(&sim_a, "");

	/* No entries: just disable. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), 0);
	ASSERT_TRACE(&sim_a, "ED");

	/* Entries: one clear batch in index order, then disable. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_a, idx, RTE_DIM(idx)), 0);
	tph_sim_clear_calls(&sim_a);
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), 0);
	ASSERT_TRACE(&sim_a, "SD");
	TEST_ASSERT_SUCCESS(check_clear_batch(&sim_a, sorted, RTE_DIM(sorted)),
		"clear batch");
	TEST_ASSERT(tph_sim_table_empty(&sim_a), "hardware table not cleared");
	TEST_ASSERT_EQUAL(sim_a.hw_mode, RTE_TPH_MODE_OFF, "hardware mode");
	ASSERT_NB_ENTRIES(&sim_a, 0);
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_OFF, "mode after disable");
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), 0);
	ASSERT_TRACE(&sim_a, "SD");

	/* DS mode has no table to clear. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), 0);
	ASSERT_TRACE(&sim_a, "SDED");
	return TEST_SUCCESS;
}

static int
test_tph_disable_failure(void)
{
	static const uint16_t idx[] = { 3, 4 };
	enum rte_tph_mode mode;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_a, idx, RTE_DIM(idx)), 0);
	tph_sim_clear_calls(&sim_a);

	/* The clear fails: still enabled, entries kept, no disable call. */
	sim_a.fail_set_st = -EIO;
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), -EIO);
	sim_a.fail_set_st = 0;
	ASSERT_TRACE(&sim_a, "S");
	ASSERT_NB_ENTRIES(&sim_a, 2);
	TEST_ASSERT_EQUAL(sim_a.hw_cpu[3], main_cpu, "hardware entry lost");
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode after failed clear");

	/* The disable fails: the entries are cleared, the mode stays. */
	sim_a.fail_disable = -EIO;
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), -EIO);
	sim_a.fail_disable = 0;
	ASSERT_TRACE(&sim_a, "SSD");
	ASSERT_NB_ENTRIES(&sim_a, 0);
	TEST_ASSERT(tph_sim_table_empty(&sim_a), "hardware table not cleared");
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode after failed disable");

	ASSERT_ERR(rte_tph_disable(&sim_a.dev), 0);
	ASSERT_TRACE(&sim_a, "SSDD");
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_OFF, "mode after disable");
	return TEST_SUCCESS;
}

static int
test_tph_set_st(void)
{
	struct rte_tph_st_entry ents[8];
	struct rte_tph_entry_info info[16];
	struct rte_tph_stats stats;
	unsigned int wlcore, wcpu, i;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ents[0] = st_entry(3, RTE_TPH_MEM_VOLATILE, main_lcore);
	ents[1] = st_entry(0, RTE_TPH_MEM_PERSISTENT, main_lcore);
	ents[2] = st_entry(15, RTE_TPH_MEM_VOLATILE, main_lcore);
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, ents, 3), 0);

	/* One backend call carrying the batch as given. */
	ASSERT_TRACE(&sim_a, "ES");
	TEST_ASSERT_EQUAL(sim_a.last_set_n, 3, "batch size");
	for (i = 0; i < 3; i++) {
		TEST_ASSERT_EQUAL(sim_a.last_set[i].index, ents[i].index, "index");
		TEST_ASSERT_EQUAL(sim_a.last_set[i].cpu, main_cpu, "cpu");
		TEST_ASSERT_EQUAL(sim_a.last_set[i].mem_type, ents[i].mem_type,
			"mem type");
	}
	TEST_ASSERT_EQUAL(sim_a.hw_cpu[15], main_cpu, "hardware entry");
	TEST_ASSERT_EQUAL(sim_a.hw_mem[0], RTE_TPH_MEM_PERSISTENT, "hardware entry");

	/* Recorded in index order. */
	ASSERT_ERR(rte_tph_entries_get(&sim_a.dev, info, RTE_DIM(info)), 3);
	TEST_ASSERT_EQUAL(info[0].index, 0, "entry order");
	TEST_ASSERT_EQUAL(info[1].index, 3, "entry order");
	TEST_ASSERT_EQUAL(info[2].index, 15, "entry order");
	for (i = 0; i < 3; i++) {
		TEST_ASSERT_EQUAL(info[i].lcore_id, main_lcore, "entry lcore");
		TEST_ASSERT_EQUAL(info[i].cpu, main_cpu, "entry cpu");
		TEST_ASSERT(!info[i].st_valid, "IV tags are never known");
	}
	TEST_ASSERT_EQUAL(info[0].mem_type, RTE_TPH_MEM_PERSISTENT, "entry mem type");
	TEST_ASSERT_EQUAL(info[1].mem_type, RTE_TPH_MEM_VOLATILE, "entry mem type");

	/* Reprogramming an index replaces its entry. */
	ents[0] = st_entry(3, RTE_TPH_MEM_PERSISTENT, main_lcore);
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, ents, 1), 0);
	ASSERT_ERR(rte_tph_entries_get(&sim_a.dev, info, RTE_DIM(info)), 3);
	TEST_ASSERT_EQUAL(info[1].mem_type, RTE_TPH_MEM_PERSISTENT, "entry replaced");
	ASSERT_ERR(rte_tph_stats_get(&sim_a.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.set_st_calls, 2, "set_st calls");
	TEST_ASSERT_EQUAL(stats.st_entries, 4, "entries carried");

	/* A worker lcore steers to its own CPU. */
	if (worker_lcore(&wlcore, &wcpu)) {
		ents[0] = st_entry(8, RTE_TPH_MEM_VOLATILE, wlcore);
		ASSERT_ERR(rte_tph_set_st(&sim_a.dev, ents, 1), 0);
		TEST_ASSERT_EQUAL(sim_a.last_set[0].cpu, wcpu, "worker cpu");
		ASSERT_ERR(rte_tph_entries_get(&sim_a.dev, info, RTE_DIM(info)), 4);
		TEST_ASSERT_EQUAL(info[2].index, 8, "worker entry");
		TEST_ASSERT_EQUAL(info[2].lcore_id, wlcore, "worker entry lcore");
		TEST_ASSERT_EQUAL(info[2].cpu, wcpu, "worker entry cpu");
	}

	/* A whole table in the capability, in one call. */
	ASSERT_ERR(rte_tph_enable(&sim_b.dev, RTE_TPH_MODE_IV), 0);
	for (i = 0; i < 8; i++)
		ents[i] = st_entry(7 - i, RTE_TPH_MEM_VOLATILE, main_lcore);
	ASSERT_ERR(rte_tph_set_st(&sim_b.dev, ents, 8), 0);
	ASSERT_TRACE(&sim_b, "ES");
	TEST_ASSERT_EQUAL(sim_b.last_set_n, 8, "batch size");
	ASSERT_NB_ENTRIES(&sim_b, 8);
	TEST_ASSERT_EQUAL(sim_a.violations + sim_b.violations, 0,
		"backend got requests a kernel would refuse");
	return TEST_SUCCESS;
}

/* A bad batch is refused before the backend sees it; entry 4 survives. */
static int
check_set_refused(const struct rte_tph_st_entry *ents, unsigned int n)
{
	struct rte_tph_entry_info info;

	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, ents, n), -EINVAL);
	ASSERT_TRACE(&sim_a, "");
	ASSERT_ERR(rte_tph_entries_get(&sim_a.dev, &info, 1), 1);
	TEST_ASSERT_EQUAL(info.index, 4, "entry changed");
	TEST_ASSERT_EQUAL(info.mem_type, RTE_TPH_MEM_VOLATILE, "entry changed");
	return TEST_SUCCESS;
}

static int
test_tph_set_st_bad_input(void)
{
	static const uint16_t four = 4;
	struct rte_tph_st_entry ents[17];
	unsigned int off, i;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_a, &four, 1), 0);
	tph_sim_clear_calls(&sim_a);
	for (i = 0; i < RTE_DIM(ents); i++)
		ents[i] = st_entry(i, RTE_TPH_MEM_PERSISTENT, main_lcore);

	TEST_ASSERT_SUCCESS(check_set_refused(NULL, 1), "NULL array");
	TEST_ASSERT_SUCCESS(check_set_refused(ents, 0), "n = 0");
	TEST_ASSERT_SUCCESS(check_set_refused(ents, 17), "n over table size");

	ents[1].index = 16;
	TEST_ASSERT_SUCCESS(check_set_refused(ents, 3), "index out of range");
	ents[1].index = UINT16_MAX;
	TEST_ASSERT_SUCCESS(check_set_refused(ents, 3), "index out of range");
	ents[1].index = 0;
	TEST_ASSERT_SUCCESS(check_set_refused(ents, 3), "duplicate index");
	ents[1].index = 1;

	ents[2].mem_type = (enum rte_tph_mem_type)2;
	TEST_ASSERT_SUCCESS(check_set_refused(ents, 3), "bad memory type");
	ents[2].mem_type = RTE_TPH_MEM_VOLATILE;

	ents[2].lcore_id = RTE_MAX_LCORE;
	TEST_ASSERT_SUCCESS(check_set_refused(ents, 3), "lcore out of range");
	ents[2].lcore_id = RTE_TPH_LCORE_NONE;
	TEST_ASSERT_SUCCESS(check_set_refused(ents, 3), "no lcore");
	off = disabled_lcore();
	if (off < RTE_MAX_LCORE) {
		ents[2].lcore_id = off;
		TEST_ASSERT_SUCCESS(check_set_refused(ents, 3), "disabled lcore");
	}
	ents[2].lcore_id = main_lcore;

	/* Control: the same batch once fixed goes through. */
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, ents, 3), 0);
	ASSERT_TRACE(&sim_a, "S");
	ASSERT_NB_ENTRIES(&sim_a, 4);
	return TEST_SUCCESS;
}

static int
test_tph_wrong_mode_or_no_table(void)
{
	struct rte_tph_st_entry e = st_entry(0, RTE_TPH_MEM_VOLATILE, main_lcore);
	uint16_t idx = 0;

	/* Off, then DS: no table programming. */
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, &e, 1), -EINVAL);
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, &idx, 1), -EINVAL);
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, &e, 1), -EINVAL);
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, &idx, 1), -EINVAL);
	ASSERT_TRACE(&sim_a, "E");

	/* IV without a table. */
	tph_sim_init(&sim_c, NULL, "tph_sim_c", RTE_TPH_CAP_MODE_IV, RTE_TPH_ST_LOC_NONE,
		0, false);
	ASSERT_ERR(rte_tph_dev_register(&sim_c.dev, &tph_sim_ops), 0);
	ASSERT_ERR(rte_tph_enable(&sim_c.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(rte_tph_set_st(&sim_c.dev, &e, 1), -EINVAL);
	ASSERT_ERR(rte_tph_clear_st(&sim_c.dev, &idx, 1), -EINVAL);
	ASSERT_TRACE(&sim_c, "CE");
	return TEST_SUCCESS;
}

static int
test_tph_set_st_backend_failure(void)
{
	static const uint16_t idx[] = { 1, 2 };
	struct rte_tph_st_entry ents[2];
	struct rte_tph_entry_info info[4];
	struct rte_tph_stats stats;
	uint16_t one = 1;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_a, idx, RTE_DIM(idx)), 0);

	sim_a.fail_set_st = -EIO;
	ents[0] = st_entry(2, RTE_TPH_MEM_PERSISTENT, main_lcore);
	ents[1] = st_entry(3, RTE_TPH_MEM_VOLATILE, main_lcore);
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, ents, 2), -EIO);
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, &one, 1), -EIO);
	sim_a.fail_set_st = 0;
	ASSERT_TRACE(&sim_a, "ESSS");

	/* Bookkeeping as before the failures. */
	ASSERT_ERR(rte_tph_entries_get(&sim_a.dev, info, RTE_DIM(info)), 2);
	TEST_ASSERT_EQUAL(info[0].index, 1, "entry changed");
	TEST_ASSERT_EQUAL(info[1].index, 2, "entry changed");
	TEST_ASSERT_EQUAL(info[1].mem_type, RTE_TPH_MEM_VOLATILE, "entry changed");

	/* Failed calls were still made and are counted. */
	ASSERT_ERR(rte_tph_stats_get(&sim_a.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.set_st_calls, 3, "set_st calls");
	TEST_ASSERT_EQUAL(stats.st_entries, 5, "entries carried");
	return TEST_SUCCESS;
}

static int
test_tph_clear_st(void)
{
	static const uint16_t idx[] = { 1, 2, 3 };
	struct rte_tph_entry_info info[4];
	uint16_t clr[17];
	unsigned int i;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_a, idx, RTE_DIM(idx)), 0);
	tph_sim_clear_calls(&sim_a);

	clr[0] = 3;
	clr[1] = 1;
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, clr, 2), 0);
	ASSERT_TRACE(&sim_a, "S");
	TEST_ASSERT_SUCCESS(check_clear_batch(&sim_a, clr, 2), "clear batch");
	ASSERT_ERR(rte_tph_entries_get(&sim_a.dev, info, RTE_DIM(info)), 1);
	TEST_ASSERT_EQUAL(info[0].index, 2, "remaining entry");
	TEST_ASSERT_EQUAL(sim_a.hw_cpu[1], RTE_TPH_CPU_CLEAR, "hardware entry");
	TEST_ASSERT_EQUAL(sim_a.hw_cpu[2], main_cpu, "hardware entry");

	/* Clearing an entry never set is harmless. */
	clr[0] = 9;
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, clr, 1), 0);
	ASSERT_NB_ENTRIES(&sim_a, 1);
	tph_sim_clear_calls(&sim_a);

	/* Bad input. */
	for (i = 0; i < RTE_DIM(clr); i++)
		clr[i] = i;
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, NULL, 1), -EINVAL);
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, clr, 0), -EINVAL);
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, clr, 17), -EINVAL);
	clr[1] = 16;
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, clr, 3), -EINVAL);
	clr[1] = 2;
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, clr, 3), -EINVAL);
	ASSERT_TRACE(&sim_a, "");
	ASSERT_NB_ENTRIES(&sim_a, 1);
	return TEST_SUCCESS;
}

static struct rte_tph_st_query big_query[RTE_TPH_BATCH_MAX + 1];

static int
test_tph_get_st(void)
{
	struct rte_tph_st_query q[4];
	struct rte_tph_stats stats;
	unsigned int wlcore, wcpu, i;
	uint64_t calls = 2;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	q[0] = st_query(main_lcore, 12345, RTE_TPH_MEM_VOLATILE);
	q[1] = st_query(main_lcore, 12345, RTE_TPH_MEM_PERSISTENT);
	q[2] = st_query(RTE_TPH_LCORE_NONE, main_cpu, RTE_TPH_MEM_VOLATILE);
	ASSERT_ERR(rte_tph_get_st(&sim_a.dev, q, 3), 0);
	ASSERT_TRACE(&sim_a, "EG");
	TEST_ASSERT_EQUAL(sim_a.last_get_n, 3, "batch size");
	for (i = 0; i < 3; i++) {
		TEST_ASSERT_EQUAL(sim_a.last_get[i].cpu, main_cpu, "cpu passed");
		TEST_ASSERT_EQUAL(sim_a.last_get[i].mem_type, q[i].mem_type,
			"mem type passed");
		TEST_ASSERT_EQUAL(q[i].cpu, main_cpu, "cpu reported");
		TEST_ASSERT_EQUAL(q[i].st, TPH_SIM_TAG_EXT(main_cpu, q[i].mem_type), "tag");
	}

	if (worker_lcore(&wlcore, &wcpu)) {
		q[0] = st_query(wlcore, 0, RTE_TPH_MEM_VOLATILE);
		ASSERT_ERR(rte_tph_get_st(&sim_a.dev, q, 1), 0);
		TEST_ASSERT_EQUAL(q[0].cpu, wcpu, "worker cpu");
		TEST_ASSERT_EQUAL(q[0].st, TPH_SIM_TAG_EXT(wcpu, 0), "worker tag");
		calls++;
	}
	tph_sim_clear_calls(&sim_a);

	/* The largest batch is still one call. */
	for (i = 0; i < RTE_TPH_BATCH_MAX; i++)
		big_query[i] = st_query(main_lcore, 0, i & 1);
	ASSERT_ERR(rte_tph_get_st(&sim_a.dev, big_query, RTE_TPH_BATCH_MAX), 0);
	ASSERT_TRACE(&sim_a, "G");
	TEST_ASSERT_EQUAL(sim_a.last_get_n, RTE_TPH_BATCH_MAX, "batch size");
	TEST_ASSERT_EQUAL(big_query[RTE_TPH_BATCH_MAX - 1].st, TPH_SIM_TAG_EXT(main_cpu, 1),
		"last tag");
	ASSERT_ERR(rte_tph_stats_get(&sim_a.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.get_st_calls, calls, "get_st calls");
	TEST_ASSERT_EQUAL(sim_a.violations, 0,
		"backend got requests a kernel would refuse");
	return TEST_SUCCESS;
}

/* A bad lookup is refused before the backend sees it, q untouched. */
static int
check_get_refused(struct rte_tph_st_query *q, unsigned int n)
{
	ASSERT_ERR(rte_tph_get_st(&sim_a.dev, q, n), -EINVAL);
	ASSERT_TRACE(&sim_a, "");
	if (q != NULL && n > 0) {
		TEST_ASSERT_EQUAL(q[0].st, 0xdead, "tag written on error");
		TEST_ASSERT_EQUAL(q[0].cpu, 12345, "cpu written on error");
	}
	return TEST_SUCCESS;
}

static int
test_tph_get_st_bad_input(void)
{
	struct rte_tph_st_query q[2];
	unsigned int off, i;

	q[0] = st_query(main_lcore, 12345, RTE_TPH_MEM_VOLATILE);
	q[1] = st_query(main_lcore, 12345, RTE_TPH_MEM_VOLATILE);

	/* Not in DS mode. */
	TEST_ASSERT_SUCCESS(check_get_refused(q, 2), "device off");
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	tph_sim_clear_calls(&sim_a);
	TEST_ASSERT_SUCCESS(check_get_refused(q, 2), "device in IV mode");
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	tph_sim_clear_calls(&sim_a);

	TEST_ASSERT_SUCCESS(check_get_refused(NULL, 1), "NULL array");
	TEST_ASSERT_SUCCESS(check_get_refused(q, 0), "n = 0");
	for (i = 0; i < RTE_DIM(big_query); i++)
		big_query[i] = st_query(main_lcore, 12345, RTE_TPH_MEM_VOLATILE);
	TEST_ASSERT_SUCCESS(check_get_refused(big_query, RTE_TPH_BATCH_MAX + 1),
		"n over RTE_TPH_BATCH_MAX");

	q[1].mem_type = (enum rte_tph_mem_type)2;
	TEST_ASSERT_SUCCESS(check_get_refused(q, 2), "bad memory type");
	q[1].mem_type = RTE_TPH_MEM_VOLATILE;

	q[1].lcore_id = RTE_MAX_LCORE;
	TEST_ASSERT_SUCCESS(check_get_refused(q, 2), "lcore out of range");
	off = disabled_lcore();
	if (off < RTE_MAX_LCORE) {
		q[1].lcore_id = off;
		TEST_ASSERT_SUCCESS(check_get_refused(q, 2), "disabled lcore");
	}
	q[1].lcore_id = RTE_TPH_LCORE_NONE;
	q[1].cpu = CPU_SETSIZE;
	TEST_ASSERT_SUCCESS(check_get_refused(q, 2), "cpu out of range");
	q[1].cpu = UINT32_MAX;
	TEST_ASSERT_SUCCESS(check_get_refused(q, 2), "cpu out of range");
	if (sysconf(_SC_NPROCESSORS_CONF) < CPU_SETSIZE) {
		q[1].cpu = CPU_SETSIZE - 1;
		TEST_ASSERT_SUCCESS(check_get_refused(q, 2), "cpu not online");
	}

	/* Control: fixed, the same lookup goes through. */
	q[1].cpu = main_cpu;
	ASSERT_ERR(rte_tph_get_st(&sim_a.dev, q, 2), 0);
	ASSERT_TRACE(&sim_a, "G");
	return TEST_SUCCESS;
}

static int
test_tph_get_st_backend_failure(void)
{
	struct rte_tph_st_query q = st_query(main_lcore, 12345, RTE_TPH_MEM_VOLATILE);

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	sim_a.fail_get_st = -EPERM;
	ASSERT_ERR(rte_tph_get_st(&sim_a.dev, &q, 1), -EPERM);
	sim_a.fail_get_st = 0;
	ASSERT_TRACE(&sim_a, "EG");
	TEST_ASSERT_EQUAL(q.st, 0xdead, "tag written on error");
	TEST_ASSERT_EQUAL(q.cpu, 12345, "cpu written on error");
	return TEST_SUCCESS;
}

static int
test_tph_lcore_to_cpu(void)
{
	struct rte_tph_st_query q = st_query(main_lcore, 12345, RTE_TPH_MEM_VOLATILE);
	struct rte_tph_st_entry e = st_entry(0, RTE_TPH_MEM_VOLATILE, main_lcore);
	unsigned int cpu = 12345, off;
	rte_cpuset_t two;

	ASSERT_ERR(rte_tph_lcore_to_cpu(main_lcore, &cpu), 0);
	TEST_ASSERT_EQUAL(cpu, main_cpu, "main lcore cpu");
	ASSERT_ERR(rte_tph_lcore_to_cpu(main_lcore, NULL), -EINVAL);
	cpu = 12345;
	ASSERT_ERR(rte_tph_lcore_to_cpu(RTE_MAX_LCORE, &cpu), -EINVAL);
	ASSERT_ERR(rte_tph_lcore_to_cpu(RTE_TPH_LCORE_NONE, &cpu), -EINVAL);
	off = disabled_lcore();
	if (off < RTE_MAX_LCORE)
		ASSERT_ERR(rte_tph_lcore_to_cpu(off, &cpu), -EINVAL);
	TEST_ASSERT_EQUAL(cpu, 12345, "cpu written on error");

	/*
	 * Bind the main lcore to two CPUs: no single cache to steer to. The
	 * kernel ignores a CPU that does not exist as long as one does.
	 */
	CPU_ZERO(&two);
	CPU_SET(main_cpu, &two);
	CPU_SET(main_cpu == 0 ? 1 : 0, &two);
	TEST_ASSERT_SUCCESS(rte_thread_set_affinity(&two),
		"cannot bind the main lcore to two CPUs");
	ASSERT_ERR(rte_tph_lcore_to_cpu(main_lcore, &cpu), -EINVAL);
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, &e, 1), -EINVAL);
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	ASSERT_ERR(rte_tph_get_st(&sim_a.dev, &q, 1), -EINVAL);
	ASSERT_TRACE(&sim_a, "EE");
	TEST_ASSERT_EQUAL(q.st, 0xdead, "tag written on error");

	TEST_ASSERT_SUCCESS(pin_main_lcore(), "cannot pin the main lcore back");
	ASSERT_ERR(rte_tph_lcore_to_cpu(main_lcore, &cpu), 0);
	TEST_ASSERT_EQUAL(cpu, main_cpu, "main lcore cpu");
	return TEST_SUCCESS;
}

/*
 * A thread that registers itself as a non-EAL lcore with a given affinity
 * and stays registered until told to go.
 */
struct non_eal_thread {
	pthread_t tid;
	rte_cpuset_t affinity;
	unsigned int lcore_id;    /* set once registered */
	volatile int registered;  /* 1 registered, -1 registration failed */
	volatile int release;
};

static void *
non_eal_thread_main(void *arg)
{
	struct non_eal_thread *t = arg;

	if (pthread_setaffinity_np(pthread_self(), sizeof(t->affinity),
			&t->affinity) != 0 || rte_thread_register() != 0) {
		t->registered = -1;
		return NULL;
	}
	t->lcore_id = rte_lcore_id();
	t->registered = 1;
	while (!t->release)
		rte_pause();
	rte_thread_unregister();
	return NULL;
}

static int
non_eal_thread_start(struct non_eal_thread *t, const rte_cpuset_t *affinity)
{
	memset(t, 0, sizeof(*t));
	t->affinity = *affinity;
	if (pthread_create(&t->tid, NULL, non_eal_thread_main, t) != 0)
		return -1;
	while (t->registered == 0)
		rte_pause();
	if (t->registered < 0) {
		pthread_join(t->tid, NULL);
		return -1;
	}
	return 0;
}

static void
non_eal_thread_stop(struct non_eal_thread *t)
{
	t->release = 1;
	pthread_join(t->tid, NULL);
}

/* The lcore rule's sentence for lcore, from rte_tph_strerror(). */
static const char *
lcore_refusal(unsigned int lcore, char *buf, size_t size)
{
	struct rte_tph_refusal why = {
		.op = RTE_TPH_OP_LCORE,
		.mode = RTE_TPH_MODE_OFF,
		.lcore_id = lcore,
		.cpu = RTE_TPH_CPU_NONE,
	};

	return rte_tph_strerror(-EINVAL, &why, buf, size);
}

/* lcore can be bound: it resolves to cpu and set_st programs it. */
static int
check_lcore_bindable(unsigned int lcore, unsigned int cpu, uint16_t index)
{
	struct rte_tph_st_entry e = st_entry(index, RTE_TPH_MEM_VOLATILE, lcore);
	struct rte_tph_entry_info info[16];
	unsigned int got = UINT32_MAX;
	int n, i;

	ASSERT_ERR(rte_tph_lcore_to_cpu(lcore, &got), 0);
	TEST_ASSERT_EQUAL(got, cpu, "lcore %u: CPU %u, expected %u", lcore,
		got, cpu);
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, &e, 1), 0);
	TEST_ASSERT_EQUAL(sim_a.hw_cpu[index], cpu, "entry %u programmed for CPU %u",
		index, sim_a.hw_cpu[index]);
	n = rte_tph_entries_get(&sim_a.dev, info, RTE_DIM(info));
	for (i = 0; i < n; i++)
		if (info[i].index == index)
			break;
	TEST_ASSERT(i < n && info[i].lcore_id == lcore && info[i].cpu == cpu,
		"entry %u not recorded for lcore %u", index, lcore);
	return TEST_SUCCESS;
}

/* lcore cannot be bound; the reason given contains text. */
static int
check_lcore_refused(unsigned int lcore, const char *text)
{
	struct rte_tph_st_entry e = st_entry(0, RTE_TPH_MEM_VOLATILE, lcore);
	char why[RTE_TPH_STRERROR_LEN];
	unsigned int cpu = 12345;

	ASSERT_ERR(rte_tph_lcore_to_cpu(lcore, &cpu), -EINVAL);
	TEST_ASSERT_EQUAL(cpu, 12345, "cpu written on refusal");
	tph_sim_clear_calls(&sim_a);
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, &e, 1), -EINVAL);
	ASSERT_TRACE(&sim_a, "");
	lcore_refusal(lcore, why, sizeof(why));
	TEST_ASSERT(strstr(why, text) != NULL, "lcore %u: \"%s\" lacks \"%s\"",
		lcore, why, text);
	return TEST_SUCCESS;
}

/*
 * The lcore rule, role by role: an EAL worker, a service lcore and a
 * registered non-EAL thread pinned to one CPU can be bound; a non-EAL
 * thread allowed on two CPUs, a thread that unregistered and an lcore
 * that is off cannot.
 */
static int
test_tph_lcore_roles(void)
{
	struct non_eal_thread t;
	unsigned int worker, worker_cpu, l;
	char why[RTE_TPH_STRERROR_LEN];
	rte_cpuset_t set;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);

	/* EAL lcores: the main one and a worker. */
	if (check_lcore_bindable(main_lcore, main_cpu, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	if (worker_lcore(&worker, &worker_cpu)) {
		TEST_ASSERT_EQUAL(rte_eal_lcore_role(worker), ROLE_RTE,
			"worker role");
		if (check_lcore_bindable(worker, worker_cpu, 1) != TEST_SUCCESS)
			return TEST_FAILED;

		/* The same lcore as a service lcore. */
		TEST_ASSERT_SUCCESS(rte_service_lcore_add(worker),
			"cannot make lcore %u a service lcore", worker);
		TEST_ASSERT_EQUAL(rte_eal_lcore_role(worker), ROLE_SERVICE,
			"service role");
		l = check_lcore_bindable(worker, worker_cpu, 2);
		rte_service_lcore_del(worker);
		if (l != TEST_SUCCESS)
			return TEST_FAILED;
	} else {
		printf("no worker lcore pinned to one CPU: EAL worker and service lcore cases skipped\n");
	}

	/* A registered non-EAL thread pinned to one CPU. */
	CPU_ZERO(&set);
	CPU_SET(main_cpu, &set);
	TEST_ASSERT_SUCCESS(non_eal_thread_start(&t, &set),
		"cannot register a non-EAL thread");
	TEST_ASSERT_EQUAL(rte_eal_lcore_role(t.lcore_id), ROLE_NON_EAL,
		"non-EAL role");
	l = check_lcore_bindable(t.lcore_id, main_cpu, 3);
	non_eal_thread_stop(&t);
	if (l != TEST_SUCCESS)
		return TEST_FAILED;
	/* Once it unregistered, its lcore id is off. */
	if (check_lcore_refused(t.lcore_id, "is not in use") != TEST_SUCCESS)
		return TEST_FAILED;

	/* A registered non-EAL thread allowed on two CPUs. */
	if (worker_lcore(&worker, &worker_cpu) && worker_cpu != main_cpu) {
		CPU_SET(worker_cpu, &set);
		TEST_ASSERT_SUCCESS(non_eal_thread_start(&t, &set),
			"cannot register a non-EAL thread on two CPUs");
		l = check_lcore_refused(t.lcore_id, "may run on 2 CPUs");
		non_eal_thread_stop(&t);
		if (l != TEST_SUCCESS)
			return TEST_FAILED;
	} else {
		printf("no second CPU: the two-CPU non-EAL thread case skipped\n");
	}

	/* An lcore that is off, and one out of range. */
	l = disabled_lcore();
	if (l < RTE_MAX_LCORE &&
			check_lcore_refused(l, "is not in use") != TEST_SUCCESS)
		return TEST_FAILED;
	lcore_refusal(RTE_MAX_LCORE, why, sizeof(why));
	TEST_ASSERT(strstr(why, "out of range") != NULL, "out of range: %s", why);
	return TEST_SUCCESS;
}

/*
 * Ownership: while a driver layer holds the device, the application's
 * device-level mutators are refused with -EBUSY and reach nothing; the
 * owner's variants and the queries work. Unclaiming gives them back.
 */
static int
test_tph_owner(void)
{
	struct rte_tph_st_entry e = st_entry(5, RTE_TPH_MEM_VOLATILE, main_lcore);
	struct rte_tph_st_query q = st_query(main_lcore, 0, RTE_TPH_MEM_VOLATILE);
	char owner[RTE_TPH_OWNER_NAME_LEN];
	uint16_t idx = 5;
	enum rte_tph_mode mode;

	ASSERT_ERR(rte_tph_dev_claim(NULL, "x"), -EINVAL);
	ASSERT_ERR(rte_tph_dev_claim(&sim_a.dev, NULL), -EINVAL);
	ASSERT_ERR(rte_tph_dev_claim(&sim_a.dev, ""), -EINVAL);
	ASSERT_ERR(rte_tph_dev_claim(&sim_never.dev, "ethdev port 0"), -ENOTSUP);
	ASSERT_ERR(rte_tph_dev_owner_get(&sim_a.dev, owner, sizeof(owner)), 0);
	TEST_ASSERT(owner[0] == '\0', "owner before any claim: %s", owner);

	ASSERT_ERR(rte_tph_dev_claim(&sim_a.dev, "ethdev port 0"), 0);
	ASSERT_ERR(rte_tph_dev_claim(&sim_a.dev, "ethdev port 0"), 0);
	ASSERT_ERR(rte_tph_dev_claim(&sim_a.dev, "ethdev port 1"), -EBUSY);
	ASSERT_ERR(rte_tph_dev_owner_get(&sim_a.dev, owner, sizeof(owner)), 0);
	TEST_ASSERT(strcmp(owner, "ethdev port 0") == 0, "owner: %s", owner);

	/* The application's mutators: refused, nothing sent. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), -EBUSY);
	ASSERT_TRACE(&sim_a, "");
	ASSERT_ERR(rte_tph_owner_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, &e, 1), -EBUSY);
	ASSERT_ERR(rte_tph_owner_set_st(&sim_a.dev, &e, 1), 0);
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, &idx, 1), -EBUSY);
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), -EBUSY);
	ASSERT_TRACE(&sim_a, "ES");
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode changed by a refusal");
	ASSERT_NB_ENTRIES(&sim_a, 1);
	ASSERT_ERR(rte_tph_owner_clear_st(&sim_a.dev, &idx, 1), 0);
	ASSERT_NB_ENTRIES(&sim_a, 0);

	/* Tag lookups change nothing: allowed to anyone. */
	ASSERT_ERR(rte_tph_owner_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	ASSERT_ERR(rte_tph_get_st(&sim_a.dev, &q, 1), 0);
	ASSERT_ERR(rte_tph_owner_disable(&sim_a.dev), 0);
	ASSERT_TRACE(&sim_a, "ESSEGD");

	/* Released: the application's calls work again. */
	ASSERT_ERR(rte_tph_dev_unclaim(&sim_a.dev), 0);
	ASSERT_ERR(rte_tph_dev_unclaim(&sim_a.dev), 0);
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(rte_tph_dev_claim(&sim_a.dev, "ethdev port 1"), 0);
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), -EBUSY);
	return TEST_SUCCESS;
}

/* One errno, the request it answers and the sentence expected. */
struct refusal_case {
	int err;
	enum rte_tph_op op;
	enum rte_tph_mode mode;
	unsigned int cpu;
	const char *text;
};

/*
 * Each errno of the kernel interface (VFIO_DEVICE_PCI_TPH, and the kernel
 * series' -ENODATA/-EIO/-ENODEV from the ACPI _DSM lookup), with the
 * request it answers, reads as a sentence naming what to change.
 */
static const struct refusal_case refusal_cases[] = {
	{ -ENODATA, RTE_TPH_OP_GET_ST, RTE_TPH_MODE_DS, 3,
		"firmware (_DSM) has no steering tag for CPU 3"
	},
	{ -ENODATA, RTE_TPH_OP_SET_ST, RTE_TPH_MODE_IV, RTE_TPH_CPU_NONE,
		"firmware (_DSM) has no steering tag for one of the requested CPUs"
	},
	{ -EPERM, RTE_TPH_OP_ENABLE, RTE_TPH_MODE_DS, RTE_TPH_CPU_NONE,
		"the kernel does not allow device specific mode (vfio-pci enable_unsafe_tph_ds_mode)"
	},
	{ -EPERM, RTE_TPH_OP_SET_ST, RTE_TPH_MODE_IV, 2,
		"CPU 2 is outside the CPUs this process may use (its cpuset)"
	},
	{ -EPERM, RTE_TPH_OP_GET_ST, RTE_TPH_MODE_DS, RTE_TPH_CPU_NONE,
		"a requested CPU is outside the CPUs this process may use (its cpuset)"
	},
	{ -EOPNOTSUPP, RTE_TPH_OP_ENABLE, RTE_TPH_MODE_IV, RTE_TPH_CPU_NONE,
		"the root port does not complete TPH, or TPH is off in the kernel (pci=notph)"
	},
	{ -EINVAL, RTE_TPH_OP_ENABLE, RTE_TPH_MODE_DS, RTE_TPH_CPU_NONE,
		"the device does not support ds mode"
	},
	{ -EINVAL, RTE_TPH_OP_SET_ST, RTE_TPH_MODE_IV, 9,
		"the kernel refused the request: CPU 9 is offline or not a CPU of this system"
	},
	{ -ENODEV, RTE_TPH_OP_GET_ST, RTE_TPH_MODE_DS, 1,
		"firmware has no steering tag method (ACPI _DSM) for this device, or no ACPI processor for CPU 1"
	},
	{ -EIO, RTE_TPH_OP_GET_ST, RTE_TPH_MODE_DS, 1,
		"firmware (_DSM) failed to return a steering tag for CPU 1"
	},
	{ -EIO, RTE_TPH_OP_ENABLE, RTE_TPH_MODE_IV, RTE_TPH_CPU_NONE,
		"Input/output error"
	},
	{ -ENOTTY, RTE_TPH_OP_OTHER, RTE_TPH_MODE_OFF, RTE_TPH_CPU_NONE,
		"the kernel has no VFIO TPH interface (VFIO_DEVICE_PCI_TPH): boot a kernel carrying the \"vfio/pci: Add PCIe TPH support\" series"
	},
	{ -ENOTSUP, RTE_TPH_OP_OTHER, RTE_TPH_MODE_OFF, RTE_TPH_CPU_NONE,
		"the device has no TPH support here (no TPH Requester capability, not bound to vfio-pci, or a kernel without VFIO TPH)"
	},
	{ -E_RTE_SECONDARY, RTE_TPH_OP_ENABLE, RTE_TPH_MODE_IV, RTE_TPH_CPU_NONE,
		"TPH state belongs to the primary process; a secondary process cannot change it"
	},
	{ -EBUSY, RTE_TPH_OP_SET_ST, RTE_TPH_MODE_IV, RTE_TPH_CPU_NONE,
		"the device is used by a port: change its TPH through the port (rte_eth_dev_tph_* calls, testpmd 'port config ... tph')"
	},
};

/* The sentence for a case, compared whole, for errno < 0 and > 0. */
static int
check_refusal(const struct refusal_case *c)
{
	struct rte_tph_refusal why = {
		.op = c->op,
		.mode = c->mode,
		.lcore_id = RTE_TPH_LCORE_NONE,
		.cpu = c->cpu,
	};
	char buf[RTE_TPH_STRERROR_LEN];

	rte_tph_strerror(c->err, &why, buf, sizeof(buf));
	TEST_ASSERT(strcmp(buf, c->text) == 0, "errno %d op %d: \"%s\", expected \"%s\"",
		c->err, c->op, buf, c->text);
	rte_tph_strerror(-c->err, &why, buf, sizeof(buf));
	TEST_ASSERT(strcmp(buf, c->text) == 0, "errno %d: \"%s\"", -c->err, buf);
	return TEST_SUCCESS;
}

static int
test_tph_strerror(void)
{
	char buf[RTE_TPH_STRERROR_LEN], want[RTE_TPH_STRERROR_LEN];
	unsigned int i, cpu;

	for (i = 0; i < RTE_DIM(refusal_cases); i++)
		if (check_refusal(&refusal_cases[i]) != TEST_SUCCESS)
			return TEST_FAILED;

	/* No context, a short buffer, no buffer. */
	TEST_ASSERT(strcmp(rte_tph_strerror(-ENODATA, NULL, buf, sizeof(buf)),
		"firmware (_DSM) has no steering tag for one of the requested CPUs") == 0,
		"no context: %s", buf);
	TEST_ASSERT(strcmp(rte_tph_strerror(-ENODATA, NULL, buf, 9),
		"firmware") == 0, "truncated: %s", buf);
	TEST_ASSERT(strcmp(rte_tph_strerror(-ENODATA, NULL, NULL, 10), "") == 0,
		"NULL buffer");
	TEST_ASSERT(strcmp(rte_tph_strerror(-ENODATA, NULL, buf, 0), "") == 0,
		"empty buffer");

	/* One lcore: its CPU when it has one, as the lcore rule decides. */
	if (rte_tph_lcore_to_cpu(rte_get_main_lcore(), &cpu) == 0)
		snprintf(want, sizeof(want), "firmware (_DSM) has no steering tag for CPU %u",
			cpu);
	else
		snprintf(want, sizeof(want), "firmware (_DSM) has no steering tag for one of the requested CPUs");
	rte_tph_lcore_strerror(-ENODATA, RTE_TPH_OP_GET_ST, RTE_TPH_MODE_DS,
		rte_get_main_lcore(), buf, sizeof(buf));
	TEST_ASSERT(strcmp(buf, want) == 0, "main lcore: %s", buf);
	rte_tph_lcore_strerror(-ENODATA, RTE_TPH_OP_GET_ST, RTE_TPH_MODE_DS,
		RTE_TPH_LCORE_NONE, buf, sizeof(buf));
	TEST_ASSERT(strstr(buf, "one of the requested CPUs") != NULL,
		"several lcores: %s", buf);
	return TEST_SUCCESS;
}

/*
 * The library's own log line for a kernel refusal uses the same sentence:
 * a DS lookup refused with ENODATA names the CPU.
 */
static int
test_tph_refusal_logged(void)
{
	struct rte_tph_st_query q = st_query(RTE_TPH_LCORE_NONE, main_cpu,
		RTE_TPH_MEM_VOLATILE);
	char expected[RTE_TPH_STRERROR_LEN + 64], text[RTE_TPH_STRERROR_LEN];
	struct rte_tph_refusal why = {
		.op = RTE_TPH_OP_GET_ST,
		.mode = RTE_TPH_MODE_DS,
		.lcore_id = RTE_TPH_LCORE_NONE,
		.cpu = main_cpu,
	};
	char *log = NULL;
	size_t len = 0;
	FILE *mem, *saved;
	int ret;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	sim_a.fail_get_st = -ENODATA;
	mem = open_memstream(&log, &len);
	TEST_ASSERT_NOT_NULL(mem, "no memory stream");
	saved = rte_log_get_stream();
	rte_openlog_stream(mem);
	ret = rte_tph_get_st(&sim_a.dev, &q, 1);
	rte_openlog_stream(saved);
	fclose(mem);
	sim_a.fail_get_st = 0;
	snprintf(expected, sizeof(expected), "TPH: tph_sim_a: get_st: refused: %s\n",
		rte_tph_strerror(-ENODATA, &why, text, sizeof(text)));
	ret = ret == -ENODATA && log != NULL && strcmp(log, expected) == 0;
	if (!ret)
		printf("logged \"%s\", expected \"%s\"\n", log, expected);
	free(log);
	TEST_ASSERT(ret, "refusal log line");
	return TEST_SUCCESS;
}

static int tel_run(telemetry_cb cb, const char *params, int expected,
		int (*check)(const struct rte_tel_data *d));
static bool tel_list_has(const struct rte_tel_data *d, const char *name);

static int
check_tel_list_no_a(const struct rte_tel_data *d)
{
	TEST_ASSERT(!tel_list_has(d, "tph_sim_a"), "removed tph_sim_a listed");
	TEST_ASSERT(tel_list_has(d, "tph_sim_b"), "tph_sim_b not listed");
	return TEST_SUCCESS;
}

static int
test_tph_unregister(void)
{
	static const uint16_t idx[] = { 6, 2 };
	static const uint16_t sorted[] = { 2, 6 };
	struct rte_tph_st_query q = st_query(main_lcore, 0, RTE_TPH_MEM_VOLATILE);
	struct rte_tph_stats stats;
	enum rte_tph_mode mode;

	/* Programmed entries are cleared and the requester disabled. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_a, idx, RTE_DIM(idx)), 0);
	tph_sim_clear_calls(&sim_a);
	ASSERT_ERR(rte_tph_dev_unregister(&sim_a.dev), 0);
	ASSERT_TRACE(&sim_a, "SD");
	TEST_ASSERT_SUCCESS(check_clear_batch(&sim_a, sorted, RTE_DIM(sorted)),
		"clear batch");
	TEST_ASSERT(tph_sim_table_empty(&sim_a), "hardware table not cleared");
	TEST_ASSERT_EQUAL(sim_a.hw_mode, RTE_TPH_MODE_OFF, "hardware mode");

	/* Nothing is left of it: calls answer as for a device without TPH. */
	if (every_call_fails(&sim_a.dev, -ENOTSUP, &q) != TEST_SUCCESS)
		return TEST_FAILED;
	ASSERT_ERR(rte_tph_dev_unregister(&sim_a.dev), -ENOENT);
	ASSERT_TRACE(&sim_a, "SD");
	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_list, NULL, 0,
		check_tel_list_no_a), "telemetry list");
	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_info, "tph_sim_a",
		-ENODEV, NULL), "telemetry info of a removed device");

	/* Registered again, it starts from scratch. */
	ASSERT_ERR(rte_tph_dev_register(&sim_a.dev, &tph_sim_ops), 0);
	ASSERT_TRACE(&sim_a, "SDC");
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_OFF, "mode after re-register");
	ASSERT_ERR(rte_tph_stats_get(&sim_a.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.enable_calls + stats.disable_calls +
		stats.set_st_calls + stats.get_st_calls + stats.st_entries, 0,
		"stats after re-register");
	ASSERT_NB_ENTRIES(&sim_a, 0);

	/* DS mode: only a disable. Off: no call. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	ASSERT_ERR(rte_tph_dev_unregister(&sim_a.dev), 0);
	ASSERT_TRACE(&sim_a, "SDCED");
	ASSERT_ERR(rte_tph_dev_unregister(&sim_b.dev), 0);
	ASSERT_TRACE(&sim_b, "");

	/* Backend failures do not keep a device registered. */
	ASSERT_ERR(rte_tph_dev_register(&sim_b.dev, &tph_sim_ops), 0);
	ASSERT_ERR(rte_tph_enable(&sim_b.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_b, idx, 1), 0);
	tph_sim_clear_calls(&sim_b);
	sim_b.fail_set_st = -EIO;
	sim_b.fail_disable = -EIO;
	ASSERT_ERR(rte_tph_dev_unregister(&sim_b.dev), 0);
	ASSERT_TRACE(&sim_b, "SD");
	ASSERT_ERR(rte_tph_mode_get(&sim_b.dev, &mode), -ENOTSUP);
	return TEST_SUCCESS;
}

/*
 * A device removed and another one plugged at the same address (same
 * name, new rte_device): the new one is a new device, with nothing of
 * the old one's state, counters or claim.
 */
static int
test_tph_same_address_new_device(void)
{
	struct rte_tph_st_entry e = st_entry(3, RTE_TPH_MEM_VOLATILE, main_lcore);
	struct rte_tph_stats stats;
	enum rte_tph_mode mode;
	char owner[RTE_TPH_OWNER_NAME_LEN];

	ASSERT_ERR(rte_tph_dev_claim(&sim_a.dev, "ethdev port 7"), 0);
	ASSERT_ERR(rte_tph_owner_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(rte_tph_owner_set_st(&sim_a.dev, &e, 1), 0);
	ASSERT_ERR(rte_tph_dev_unregister(&sim_a.dev), 0);

	/* The same name on another rte_device, as after a hot plug. */
	tph_sim_init(&sim_c, NULL, "tph_sim_a", RTE_TPH_CAP_MODE_IV,
		RTE_TPH_ST_LOC_MSIX, 16, true);
	ASSERT_ERR(rte_tph_dev_register(&sim_c.dev, &tph_sim_ops), 0);
	ASSERT_ERR(rte_tph_mode_get(&sim_c.dev, &mode), 0);
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_OFF, "mode inherited");
	ASSERT_NB_ENTRIES(&sim_c, 0);
	ASSERT_ERR(rte_tph_stats_get(&sim_c.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.enable_calls + stats.set_st_calls, 0,
		"counters inherited");
	ASSERT_ERR(rte_tph_dev_owner_get(&sim_c.dev, owner, sizeof(owner)), 0);
	TEST_ASSERT(owner[0] == '\0', "claim inherited: %s", owner);
	/* The old rte_device is not an alias of the new one. */
	ASSERT_ERR(rte_tph_mode_get(&sim_a.dev, &mode), -ENOTSUP);
	/* Two live devices cannot share a name. */
	ASSERT_ERR(rte_tph_dev_register(&sim_a.dev, &tph_sim_ops), -EEXIST);
	return TEST_SUCCESS;
}

static int
test_tph_entries_get(void)
{
	static const uint16_t idx[] = { 9, 3, 12, 0, 7 };
	static const uint16_t sorted[] = { 0, 3, 7, 9, 12 };
	struct rte_tph_entry_info info[8];
	unsigned int i;

	ASSERT_NB_ENTRIES(&sim_a, 0);
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_a, idx, RTE_DIM(idx)), 0);

	ASSERT_NB_ENTRIES(&sim_a, 5);
	ASSERT_ERR(rte_tph_entries_get(&sim_a.dev, NULL, 2), -EINVAL);

	/* Truncated to max, nothing written past it. */
	memset(info, 0xa5, sizeof(info));
	ASSERT_ERR(rte_tph_entries_get(&sim_a.dev, info, 2), 5);
	TEST_ASSERT_EQUAL(info[0].index, 0, "entry order");
	TEST_ASSERT_EQUAL(info[1].index, 3, "entry order");
	TEST_ASSERT_EQUAL(info[2].index, 0xa5a5, "written past max");

	ASSERT_ERR(rte_tph_entries_get(&sim_a.dev, info, RTE_DIM(info)), 5);
	for (i = 0; i < RTE_DIM(sorted); i++)
		TEST_ASSERT_EQUAL(info[i].index, sorted[i], "entry order");
	TEST_ASSERT_EQUAL(info[5].index, 0xa5a5, "written past the entries");

	/* DS mode keeps no table entries. */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0);
	ASSERT_NB_ENTRIES(&sim_a, 0);
	return TEST_SUCCESS;
}

static int
test_tph_stats(void)
{
	static const uint16_t idx[] = { 0, 1, 2, 3, 4 };
	struct rte_tph_st_query q[5];
	struct rte_tph_stats stats;
	unsigned int i;

	ASSERT_ERR(rte_tph_stats_get(&sim_a.dev, NULL), -EINVAL);
	ASSERT_ERR(rte_tph_stats_get(&sim_a.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.enable_calls + stats.disable_calls +
		stats.set_st_calls + stats.get_st_calls + stats.st_entries, 0,
		"stats of a new device");

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ASSERT_ERR(program(&sim_a, idx, 3), 0);
	ASSERT_ERR(program(&sim_a, &idx[3], 2), 0);
	ASSERT_ERR(rte_tph_clear_st(&sim_a.dev, idx, 1), 0);
	ASSERT_ERR(program(&sim_a, idx, 0), -EINVAL); /* refused: not counted */
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), 0); /* clears 4 */
	for (i = 0; i < RTE_DIM(q); i++)
		q[i] = st_query(main_lcore, 0, RTE_TPH_MEM_VOLATILE);
	ASSERT_ERR(rte_tph_get_st(&sim_a.dev, q, RTE_DIM(q)), 0);
	ASSERT_ERR(rte_tph_disable(&sim_a.dev), 0);
	sim_a.fail_enable = -EPERM;
	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_DS), -EPERM);
	sim_a.fail_enable = 0;

	ASSERT_TRACE(&sim_a, "ESSSSEGDE");
	ASSERT_ERR(rte_tph_stats_get(&sim_a.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.enable_calls, 3, "enable calls");
	TEST_ASSERT_EQUAL(stats.disable_calls, 1, "disable calls");
	TEST_ASSERT_EQUAL(stats.set_st_calls, 4, "set_st calls");
	TEST_ASSERT_EQUAL(stats.st_entries, 3 + 2 + 1 + 4, "entries carried");
	TEST_ASSERT_EQUAL(stats.get_st_calls, 1, "get_st calls");

	/* Counters are per device. */
	ASSERT_ERR(rte_tph_stats_get(&sim_b.dev, &stats), 0);
	TEST_ASSERT_EQUAL(stats.enable_calls + stats.disable_calls +
		stats.set_st_calls + stats.get_st_calls + stats.st_entries, 0,
		"stats of another device");
	return TEST_SUCCESS;
}

/* Telemetry data inspection (the layout is telemetry_data.h's). */

static const struct tel_dict_entry *
tel_get(const struct rte_tel_data *d, const char *name)
{
	unsigned int i;

	if (d == NULL || d->type != RTE_TEL_DICT)
		return NULL;
	for (i = 0; i < d->data_len; i++)
		if (strcmp(d->data.dict[i].name, name) == 0)
			return &d->data.dict[i];
	return NULL;
}

static const struct rte_tel_data *
tel_get_container(const struct rte_tel_data *d, const char *name)
{
	const struct tel_dict_entry *e = tel_get(d, name);

	if (e == NULL || e->type != RTE_TEL_CONTAINER)
		return NULL;
	return e->value.container.data;
}

static void
tel_free(struct rte_tel_data *d)
{
	unsigned int i;

	if (d == NULL)
		return;
	if (d->type == RTE_TEL_DICT) {
		for (i = 0; i < d->data_len; i++) {
			struct tel_dict_entry *e = &d->data.dict[i];

			if (e->type == RTE_TEL_CONTAINER && !e->value.container.keep)
				tel_free(e->value.container.data);
		}
	}
	rte_tel_data_free(d);
}

#define TEL_ASSERT_STR(d, key, val) do { \
	const struct tel_dict_entry *e_ = tel_get(d, key); \
	TEST_ASSERT(e_ != NULL && e_->type == RTE_TEL_STRING_VAL && \
		strcmp(e_->value.sval, val) == 0, \
		"telemetry \"%s\" is not \"%s\"", key, val); \
} while (0)

#define TEL_ASSERT_U64(d, key, val) do { \
	const struct tel_dict_entry *e_ = tel_get(d, key); \
	TEST_ASSERT(e_ != NULL && e_->type == RTE_TEL_U64_VAL && \
		e_->value.u64val == (uint64_t)(val), \
		"telemetry \"%s\" is not %" PRIu64, key, (uint64_t)(val)); \
} while (0)

#define TEL_ASSERT_INT(d, key, val) do { \
	const struct tel_dict_entry *e_ = tel_get(d, key); \
	TEST_ASSERT(e_ != NULL && e_->type == RTE_TEL_INT_VAL && \
		e_->value.ival == (val), \
		"telemetry \"%s\" is not %d", key, (val)); \
} while (0)

static bool
tel_list_has(const struct rte_tel_data *d, const char *name)
{
	unsigned int i;

	for (i = 0; i < d->data_len; i++)
		if (strcmp(d->data.array[i].sval, name) == 0)
			return true;
	return false;
}

static int
check_tel_list(const struct rte_tel_data *d)
{
	TEST_ASSERT_EQUAL(d->type, RTE_TEL_ARRAY_STRING, "list is not an array");
	TEST_ASSERT(tel_list_has(d, "tph_sim_a"), "tph_sim_a not listed");
	TEST_ASSERT(tel_list_has(d, "tph_sim_b"), "tph_sim_b not listed");
	TEST_ASSERT(!tel_list_has(d, "tph_sim_c"), "removed tph_sim_c listed");
	TEST_ASSERT(!tel_list_has(d, "tph_sim_never"), "tph_sim_never listed");
	return TEST_SUCCESS;
}

static int
check_tel_info_a(const struct rte_tel_data *d)
{
	const struct rte_tel_data *modes, *ents, *e;

	TEST_ASSERT_EQUAL(d->type, RTE_TEL_DICT, "info is not a dictionary");
	TEL_ASSERT_STR(d, "name", "tph_sim_a");
	TEL_ASSERT_STR(d, "mode", "iv");
	TEL_ASSERT_STR(d, "owner", "");
	TEL_ASSERT_STR(d, "st_location", "msix");
	TEL_ASSERT_U64(d, "st_table_size", 16);
	TEL_ASSERT_INT(d, "extended", 1);
	TEL_ASSERT_U64(d, "enable_calls", 1);
	TEL_ASSERT_U64(d, "disable_calls", 0);
	TEL_ASSERT_U64(d, "get_st_calls", 0);
	TEL_ASSERT_U64(d, "set_st_calls", 1);
	TEL_ASSERT_U64(d, "st_entries", 2);
	TEL_ASSERT_U64(d, "nb_entries", 2);

	modes = tel_get_container(d, "supported_modes");
	TEST_ASSERT(modes != NULL && modes->type == RTE_TEL_ARRAY_STRING &&
		modes->data_len == 2 &&
		strcmp(modes->data.array[0].sval, "iv") == 0 &&
		strcmp(modes->data.array[1].sval, "ds") == 0,
		"supported_modes is not [iv, ds]");

	ents = tel_get_container(d, "entries");
	TEST_ASSERT(ents != NULL && ents->type == RTE_TEL_DICT && ents->data_len == 2,
		"entries is not a dictionary of 2");
	TEST_ASSERT(strcmp(ents->data.dict[0].name, "1") == 0 &&
		strcmp(ents->data.dict[1].name, "4") == 0, "entries not in index order");
	e = tel_get_container(ents, "1");
	TEST_ASSERT_NOT_NULL(e, "entry 1 is not a dictionary");
	TEL_ASSERT_U64(e, "index", 1);
	TEL_ASSERT_U64(e, "lcore", main_lcore);
	TEL_ASSERT_U64(e, "cpu", main_cpu);
	TEL_ASSERT_STR(e, "mem_type", "persistent");
	TEST_ASSERT_NULL(tel_get(e, "st"), "unknown tag reported");
	e = tel_get_container(ents, "4");
	TEST_ASSERT_NOT_NULL(e, "entry 4 is not a dictionary");
	TEL_ASSERT_STR(e, "mem_type", "volatile");
	return TEST_SUCCESS;
}

static int
check_tel_info_b(const struct rte_tel_data *d)
{
	const struct rte_tel_data *modes, *ents;

	TEL_ASSERT_STR(d, "name", "tph_sim_b");
	TEL_ASSERT_STR(d, "mode", "off");
	TEL_ASSERT_STR(d, "owner", "ethdev port 2");
	TEL_ASSERT_STR(d, "st_location", "cap");
	TEL_ASSERT_U64(d, "st_table_size", 8);
	TEL_ASSERT_INT(d, "extended", 0);
	TEL_ASSERT_U64(d, "nb_entries", 0);
	modes = tel_get_container(d, "supported_modes");
	TEST_ASSERT(modes != NULL && modes->data_len == 1 &&
		strcmp(modes->data.array[0].sval, "iv") == 0,
		"supported_modes is not [iv]");
	ents = tel_get_container(d, "entries");
	TEST_ASSERT(ents != NULL && ents->data_len == 0, "entries is not empty");
	return TEST_SUCCESS;
}

static int
check_tel_info_c(const struct rte_tel_data *d)
{
	const struct rte_tel_data *ents;

	TEL_ASSERT_U64(d, "nb_entries", 200);
	ents = tel_get_container(d, "entries");
	TEST_ASSERT(ents != NULL && ents->data_len == TPH_TEL_MAX_ENTRIES,
		"entries not capped at %u", TPH_TEL_MAX_ENTRIES);
	TEST_ASSERT(strcmp(ents->data.dict[TPH_TEL_MAX_ENTRIES - 1].name, "127") == 0,
		"capped entries are not the first ones");
	return TEST_SUCCESS;
}

/* Run a telemetry handler and check what it built. */
static int
tel_run(telemetry_cb cb, const char *params, int expected,
		int (*check)(const struct rte_tel_data *d))
{
	struct rte_tel_data *d = rte_tel_data_alloc();
	int ret, result = TEST_SUCCESS;

	TEST_ASSERT_NOT_NULL(d, "no memory");
	/* As the telemetry core does: a handler may leave it untouched. */
	memset(d, 0, sizeof(*d));
	ret = cb("/tph/test", params, d);
	if (ret != expected) {
		printf("telemetry for \"%s\" returned %d, expected %d\n",
			params != NULL ? params : "(null)", ret, expected);
		result = TEST_FAILED;
	} else if (check != NULL) {
		result = check(d);
	}
	tel_free(d);
	return result;
}

static int
test_tph_telemetry(void)
{
	struct rte_tph_st_entry ents[200];
	unsigned int i;

	ASSERT_ERR(rte_tph_enable(&sim_a.dev, RTE_TPH_MODE_IV), 0);
	ents[0] = st_entry(4, RTE_TPH_MEM_VOLATILE, main_lcore);
	ents[1] = st_entry(1, RTE_TPH_MEM_PERSISTENT, main_lcore);
	ASSERT_ERR(rte_tph_set_st(&sim_a.dev, ents, 2), 0);
	ASSERT_ERR(rte_tph_dev_claim(&sim_b.dev, "ethdev port 2"), 0);
	ASSERT_ERR(rte_tph_dev_register(&sim_c.dev, &tph_sim_ops), 0);
	ASSERT_ERR(rte_tph_dev_unregister(&sim_c.dev), 0);

	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_list, NULL, 0,
		check_tel_list), "/tph/list");
	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_info, "tph_sim_a", 0,
		check_tel_info_a), "/tph/info,tph_sim_a");
	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_info, "tph_sim_b", 0,
		check_tel_info_b), "/tph/info,tph_sim_b");
	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_info, "tph_sim_c", -ENODEV,
		NULL), "/tph/info of a removed device");
	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_info, "tph_nothing", -ENODEV,
		NULL), "/tph/info of an unknown device");
	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_info, "", -EINVAL, NULL),
		"/tph/info without a name");
	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_info, NULL, -EINVAL, NULL),
		"/tph/info without parameters");

	/* More entries than one reply can carry. */
	tph_sim_init(&sim_c, NULL, "tph_sim_c", RTE_TPH_CAP_MODE_IV, RTE_TPH_ST_LOC_MSIX,
		200, false);
	ASSERT_ERR(rte_tph_dev_register(&sim_c.dev, &tph_sim_ops), 0);
	ASSERT_ERR(rte_tph_enable(&sim_c.dev, RTE_TPH_MODE_IV), 0);
	for (i = 0; i < RTE_DIM(ents); i++)
		ents[i] = st_entry(199 - i, RTE_TPH_MEM_VOLATILE, main_lcore);
	ASSERT_ERR(rte_tph_set_st(&sim_c.dev, ents, RTE_DIM(ents)), 0);
	TEST_ASSERT_SUCCESS(tel_run(rte_tph_telemetry_info, "tph_sim_c", 0,
		check_tel_info_c), "/tph/info,tph_sim_c");
	return TEST_SUCCESS;
}

static struct unit_test_suite tph_testsuite = {
	.suite_name = "TPH library unit test suite",
	.setup = testsuite_setup,
	.teardown = tph_sim_unpin_main_lcore,
	.unit_test_cases = {
		TEST_CASE(test_tph_mode_name),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_null_and_unknown_device),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_register),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_cap_and_mode_get),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_enable),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_mode_switch),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_disable),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_disable_failure),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_set_st),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_set_st_bad_input),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_wrong_mode_or_no_table),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_set_st_backend_failure),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_clear_st),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_get_st),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_get_st_bad_input),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_get_st_backend_failure),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_lcore_to_cpu),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_lcore_roles),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_owner),
		TEST_CASE(test_tph_strerror),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_refusal_logged),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_unregister),
		TEST_CASE_ST(ut_setup, ut_teardown,
			test_tph_same_address_new_device),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_entries_get),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_stats),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_telemetry),
		TEST_CASES_END()
	}
};

static int
test_tph(void)
{
	return unit_test_suite_runner(&tph_testsuite);
}

#endif /* RTE_HAS_CPUSET */

REGISTER_TEST_COMMAND(tph_autotest, test_tph);
