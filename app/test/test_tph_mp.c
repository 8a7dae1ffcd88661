/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * lib/tph across processes: one owner of TPH state per device.
 *
 * tph_mp_autotest (primary) registers a simulated device, enables it in
 * IV mode with two entries, claims it for a pretend port, then runs this
 * same binary as a real secondary process (--proc-type=secondary, same
 * file prefix) with tph_mp_secondary_autotest. The secondary registers its
 * own simulated backend under the same device name and checks that it
 * sees the primary's mode, entries, counters and owner, and that every
 * call that would reach the kernel is refused with -E_RTE_SECONDARY, with
 * one log line each and no backend call. The primary then checks that
 * its state and its backend were left alone.
 *
 * Secondary processes need shared memory (hugepages): without them the
 * primary test is skipped (the caller decides before EAL runs).
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memzone.h>

#include "test.h"

#ifndef RTE_EXEC_ENV_LINUX

static int
test_tph_mp(void)
{
	printf("TPH multi-process test needs Linux, skipped\n");
	return TEST_SKIPPED;
}

static int
test_tph_mp_secondary(void)
{
	return TEST_SKIPPED;
}

static int
test_tph_mp_layout_secondary(void)
{
	return TEST_SKIPPED;
}

static int
test_tph_mp_unready_secondary(void)
{
	return TEST_SKIPPED;
}

#else

#include <rte_tph.h>
#include <rte_tph_driver.h>

#include "test_tph_sim.h"

#define MP_DEV_NAME "tph_sim_mp"
#define MP_OWNER "ethdev port 3"
/* The two entries the primary programs, and their memory types. */
static const uint16_t mp_index[] = { 1, 4 };
static const enum rte_tph_mem_type mp_mem[] = {
	RTE_TPH_MEM_VOLATILE, RTE_TPH_MEM_PERSISTENT,
};

static struct tph_sim_dev mp_sim;

/* The 32-bit words the shared state starts with, whatever the build. */
enum mp_layout_word {
	MP_WORD_MAGIC,    /* 0 while the primary sets the state up */
	MP_WORD_VERSION,  /* the layout version */
	MP_WORD_SIZE,     /* sizeof the state in the primary's build */
};

/*
 * Run @p autotest in a secondary while word @p word of memzone @p mz_name
 * reads @p value: what a process built from other sources, or one that
 * looks while the primary is still setting the state up, would find.
 */
static int
mp_layout_secondary_run(const char *mz_name, enum mp_layout_word word,
	uint32_t value, const char *autotest)
{
	const struct rte_memzone *mz = rte_memzone_lookup(mz_name);
	uint32_t *w, saved;
	int ret;

	if (mz == NULL || mz->len < (word + 1) * sizeof(uint32_t)) {
		printf("no memzone %s\n", mz_name);
		return -1;
	}
	w = (uint32_t *)mz->addr + word;
	saved = *w;
	*w = value;
	ret = tph_sim_secondary_run(autotest, "--log-level=lib.tph:info");
	*w = saved;
	if (ret != 0)
		printf("%s with word %d = %u failed (exit status %d)\n",
			autotest, word, value, ret);
	return ret;
}

/* Each way the secondary must refuse the state, and how it must say so. */
static int
mp_layout_checks(void)
{
	const uint32_t *sh;
	const struct rte_memzone *mz = rte_memzone_lookup("rte_tph_state");

	if (mz == NULL)
		return -1;
	sh = mz->addr;
	/* Another layout version, or the same one built with other sizes. */
	if (mp_layout_secondary_run("rte_tph_state", MP_WORD_VERSION,
			sh[MP_WORD_VERSION] + 1,
			"tph_mp_layout_secondary_autotest") != 0 ||
			mp_layout_secondary_run("rte_tph_state", MP_WORD_SIZE,
			sh[MP_WORD_SIZE] + 64,
			"tph_mp_layout_secondary_autotest") != 0)
		return -1;
	/* Not set up yet is no foreign layout: -ENOENT, try again. */
	return mp_layout_secondary_run("rte_tph_state", MP_WORD_MAGIC, 0,
		"tph_mp_unready_secondary_autotest");
}

static int
test_tph_mp(void)
{
	struct rte_tph_st_entry ents[RTE_DIM(mp_index)];
	struct rte_tph_stats before, after;
	enum rte_tph_mode mode;
	unsigned int i, cpu;
	int ret, result = TEST_FAILED;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY ||
			rte_tph_lcore_to_cpu(rte_get_main_lcore(), &cpu) != 0) {
		printf("needs a primary process with a pinned main lcore, skipped\n");
		return TEST_SKIPPED;
	}
	tph_sim_init(&mp_sim, NULL, MP_DEV_NAME, RTE_TPH_CAP_MODE_IV |
		RTE_TPH_CAP_MODE_DS, RTE_TPH_ST_LOC_MSIX, 8, true);
	TEST_ASSERT_SUCCESS(rte_tph_dev_register(&mp_sim.dev, &tph_sim_ops),
		"register");
	for (i = 0; i < RTE_DIM(mp_index); i++) {
		ents[i].index = mp_index[i];
		ents[i].mem_type = mp_mem[i];
		ents[i].lcore_id = rte_get_main_lcore();
	}
	if (rte_tph_enable(&mp_sim.dev, RTE_TPH_MODE_IV) != 0 ||
			rte_tph_set_st(&mp_sim.dev, ents, RTE_DIM(ents)) != 0 ||
			rte_tph_dev_claim(&mp_sim.dev, MP_OWNER) != 0 ||
			rte_tph_stats_get(&mp_sim.dev, &before) != 0) {
		printf("cannot set up the primary's TPH state\n");
		goto out;
	}
	tph_sim_clear_calls(&mp_sim);

	ret = tph_sim_secondary_run("tph_mp_secondary_autotest",
		"--log-level=lib.tph:info");
	if (ret != 0) {
		printf("secondary process failed (exit status %d)\n", ret);
		goto out;
	}

	/* A secondary built with another layout of the state must not attach. */
	if (mp_layout_checks() != 0)
		goto out;

	/*
	 * The primary's state and device are as it left them. The backend's
	 * trace here is this process's: the secondary's calls would land in
	 * its own copy, so the shared counters are what can tell.
	 */
	if (rte_tph_mode_get(&mp_sim.dev, &mode) != 0 ||
			mode != RTE_TPH_MODE_IV ||
			rte_tph_entries_get(&mp_sim.dev, NULL, 0) != 2 ||
			rte_tph_stats_get(&mp_sim.dev, &after) != 0 ||
			memcmp(&before, &after, sizeof(before)) != 0) {
		printf("primary state changed by the secondary\n");
		goto out;
	}
	result = TEST_SUCCESS;
out:
	rte_tph_dev_unclaim(&mp_sim.dev);
	rte_tph_dev_unregister(&mp_sim.dev);
	return result;
}

/* Run call with the log captured; it must log exactly one line, with @p why. */
#define MP_REFUSED_WHY(call, why) do { \
	char *log_ = NULL; \
	size_t len_ = 0; \
	FILE *mem_ = open_memstream(&log_, &len_), *saved_ = rte_log_get_stream(); \
	int ret_; \
	TEST_ASSERT_NOT_NULL(mem_, "no memory stream"); \
	rte_openlog_stream(mem_); \
	ret_ = (call); \
	rte_openlog_stream(saved_); \
	fclose(mem_); \
	ret_ = ret_ == -E_RTE_SECONDARY && log_ != NULL && \
		strchr(log_, '\n') == log_ + len_ - 1 && \
		strstr(log_, why) != NULL; \
	if (!ret_) \
		printf("%s: refusal or log line wrong: \"%s\"\n", #call, \
			log_ != NULL ? log_ : ""); \
	free(log_); \
	TEST_ASSERT(ret_, "%s", #call); \
} while (0)

/* A change refused in the secondary. */
#define MP_REFUSED(call) \
	MP_REFUSED_WHY(call, "secondary process cannot change it")

static int
mp_secondary_checks(void)
{
	struct rte_tph_st_entry ent = { .index = 2, .lcore_id = rte_lcore_id() };
	struct rte_tph_st_query q = { .lcore_id = rte_lcore_id() };
	struct rte_tph_entry_info info[4];
	char owner[RTE_TPH_OWNER_NAME_LEN];
	struct rte_tph_stats stats;
	enum rte_tph_mode mode;
	struct rte_tph_cap cap;
	uint16_t idx = 1;
	unsigned int i, cpu;

	TEST_ASSERT_SUCCESS(tph_sim_primary_cpu(&cpu),
		"no CPU of the primary's main lcore in the environment");
	/* It sees the primary's state. */
	TEST_ASSERT_SUCCESS(rte_tph_mode_get(&mp_sim.dev, &mode), "mode_get");
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode %s", rte_tph_mode_name(mode));
	TEST_ASSERT_SUCCESS(rte_tph_cap_get(&mp_sim.dev, &cap), "cap_get");
	TEST_ASSERT(cap.st_table_size == 8 && cap.extended &&
		cap.st_location == RTE_TPH_ST_LOC_MSIX, "capability");
	TEST_ASSERT_EQUAL(rte_tph_entries_get(&mp_sim.dev, info, RTE_DIM(info)),
		2, "entries");
	for (i = 0; i < RTE_DIM(mp_index); i++)
		TEST_ASSERT(info[i].index == mp_index[i] &&
			info[i].mem_type == mp_mem[i] && info[i].cpu == cpu,
			"entry %u (cpu %u, primary's %u)", i, info[i].cpu, cpu);
	TEST_ASSERT_SUCCESS(rte_tph_stats_get(&mp_sim.dev, &stats), "stats");
	TEST_ASSERT(stats.enable_calls == 1 && stats.set_st_calls == 1 &&
		stats.st_entries == 2, "counters");
	TEST_ASSERT_SUCCESS(rte_tph_dev_owner_get(&mp_sim.dev, owner,
		sizeof(owner)), "owner_get");
	TEST_ASSERT(strcmp(owner, MP_OWNER) == 0, "owner %s", owner);

	/* Every call reaching the kernel is refused, nothing is sent. */
	MP_REFUSED(rte_tph_enable(&mp_sim.dev, RTE_TPH_MODE_DS));
	MP_REFUSED(rte_tph_disable(&mp_sim.dev));
	MP_REFUSED(rte_tph_set_st(&mp_sim.dev, &ent, 1));
	MP_REFUSED(rte_tph_clear_st(&mp_sim.dev, &idx, 1));
	/* A lookup changes nothing: the refusal must not say it would. */
	MP_REFUSED_WHY(rte_tph_get_st(&mp_sim.dev, &q, 1),
		"lookups go to the device, which the primary process owns");
	MP_REFUSED(rte_tph_owner_enable(&mp_sim.dev, RTE_TPH_MODE_DS));
	MP_REFUSED(rte_tph_owner_disable(&mp_sim.dev));
	MP_REFUSED(rte_tph_owner_set_st(&mp_sim.dev, &ent, 1));
	MP_REFUSED(rte_tph_owner_clear_st(&mp_sim.dev, &idx, 1));
	MP_REFUSED(rte_tph_dev_claim(&mp_sim.dev, "ethdev port 9"));
	MP_REFUSED(rte_tph_dev_unclaim(&mp_sim.dev));
	TEST_ASSERT(strcmp(mp_sim.trace, "") == 0, "backend called: %s",
		mp_sim.trace);
	TEST_ASSERT_SUCCESS(rte_tph_mode_get(&mp_sim.dev, &mode), "mode_get");
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode changed");
	return TEST_SUCCESS;
}

/*
 * Whether this is the secondary process tph_mp_autotest starts
 * (TEST_SKIPPED otherwise); there, the device's own backend, as the bus
 * registers one in each process.
 */
static int
mp_secondary_backend_init(void)
{
	if (rte_eal_process_type() != RTE_PROC_SECONDARY) {
		printf("run by tph_mp_autotest in a secondary process, skipped\n");
		return TEST_SKIPPED;
	}
	tph_sim_init(&mp_sim, NULL, MP_DEV_NAME, RTE_TPH_CAP_MODE_IV,
		RTE_TPH_ST_LOC_CAP, 2, false);
	return TEST_SUCCESS;
}

/*
 * Register the secondary's device with the log written to *log (freed by
 * the caller), the result in *reg_ret.
 */
static int
mp_register_logged(int *reg_ret, char **log)
{
	FILE *mem, *saved = rte_log_get_stream();
	size_t len = 0;

	*log = NULL;
	mem = open_memstream(log, &len);
	TEST_ASSERT_NOT_NULL(mem, "no memory stream");
	rte_openlog_stream(mem);
	*reg_ret = rte_tph_dev_register(&mp_sim.dev, &tph_sim_ops);
	rte_openlog_stream(saved);
	fclose(mem);
	printf("register: %d, log: %s", *reg_ret, *log != NULL ? *log : "");
	return TEST_SUCCESS;
}

/* Run by the secondary process that tph_mp_autotest starts. */
static int
test_tph_mp_secondary(void)
{
	int ret;

	ret = mp_secondary_backend_init();
	if (ret != TEST_SUCCESS)
		return ret;
	TEST_ASSERT_SUCCESS(rte_tph_dev_register(&mp_sim.dev, &tph_sim_ops),
		"attach to the primary's state");
	ret = mp_secondary_checks();
	/* Leaving only forgets the device here; the primary keeps it. */
	TEST_ASSERT_SUCCESS(rte_tph_dev_unregister(&mp_sim.dev), "detach");
	TEST_ASSERT(strcmp(mp_sim.trace, "") == 0, "backend called on detach: %s",
		mp_sim.trace);
	return ret;
}

/*
 * Run by tph_mp_autotest in a secondary that finds the shared state in a
 * layout it does not know (version or build sizes): registering is
 * refused with -EPROTO and a log line that says so, and the backend is
 * never called.
 */
static int
test_tph_mp_layout_secondary(void)
{
	char *log = NULL;
	enum rte_tph_mode mode;
	int ret;

	ret = mp_secondary_backend_init();
	if (ret != TEST_SUCCESS)
		return ret;
	TEST_ASSERT_SUCCESS(mp_register_logged(&ret, &log), "log capture");
	ret = ret == -EPROTO && log != NULL &&
		strstr(log, "this process knows") != NULL &&
		strstr(log, "not attaching") != NULL;
	free(log);
	TEST_ASSERT(ret, "attached to, or refused without saying why, a state of unknown layout");
	TEST_ASSERT(rte_tph_mode_get(&mp_sim.dev, &mode) != 0,
		"the device is known without the primary's state");
	TEST_ASSERT(strcmp(mp_sim.trace, "") == 0, "backend called: %s",
		mp_sim.trace);
	return TEST_SUCCESS;
}

/*
 * Run by tph_mp_autotest in a secondary that finds the shared state with
 * magic 0, as while the primary is still setting it up: registering is
 * refused with -ENOENT (try again), not reported as a foreign layout.
 */
static int
test_tph_mp_unready_secondary(void)
{
	char *log = NULL;
	int ret;

	ret = mp_secondary_backend_init();
	if (ret != TEST_SUCCESS)
		return ret;
	TEST_ASSERT_SUCCESS(mp_register_logged(&ret, &log), "log capture");
	ret = ret == -ENOENT && log != NULL &&
		strstr(log, "not set up yet") != NULL &&
		strstr(log, "not attaching") == NULL;
	free(log);
	TEST_ASSERT(ret, "a state being set up was not reported as not there yet");
	TEST_ASSERT(strcmp(mp_sim.trace, "") == 0, "backend called: %s",
		mp_sim.trace);
	return TEST_SUCCESS;
}

#endif /* RTE_EXEC_ENV_LINUX */

REGISTER_TEST_COMMAND(tph_mp_autotest, test_tph_mp);
REGISTER_TEST_COMMAND(tph_mp_layout_secondary_autotest,
	test_tph_mp_layout_secondary);
REGISTER_TEST_COMMAND(tph_mp_secondary_autotest, test_tph_mp_secondary);
REGISTER_TEST_COMMAND(tph_mp_unready_secondary_autotest,
	test_tph_mp_unready_secondary);
