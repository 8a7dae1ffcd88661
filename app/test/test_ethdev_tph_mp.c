/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * ethdev TPH across processes: the primary owns a port's TPH state.
 *
 * ethdev_tph_mp_autotest (primary) puts a port in IV mode with its four
 * queues bound and programmed, then runs this same binary as a real
 * secondary process (--proc-type=secondary, same file prefix) with
 * ethdev_tph_mp_secondary_autotest. The secondary attaches the port and
 * its device, as a PMD and the bus do in a secondary, and checks that the
 * ethdev query calls report the primary's mode and bindings, and that
 * every call that would change them is refused with -E_RTE_SECONDARY and
 * one log line, reaching neither the PMD nor the device. Releasing its
 * view of the port must leave the primary's state alone: the primary
 * checks that after the secondary exits.
 *
 * The port's PMD is a minimal IV one: queue q of direction d uses ST entry
 * 1 + d * NB_Q + q. Secondary processes need hugepages: the caller
 * skips the test without them.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "test.h"

#ifndef RTE_EXEC_ENV_LINUX

static int
test_ethdev_tph_mp(void)
{
	printf("ethdev TPH multi-process test needs Linux, skipped\n");
	return TEST_SKIPPED;
}

static int
test_ethdev_tph_mp_secondary(void)
{
	return TEST_SKIPPED;
}

static int
test_ethdev_tph_mp_layout_secondary(void)
{
	return TEST_SKIPPED;
}

static int
test_ethdev_tph_mp_unready_secondary(void)
{
	return TEST_SKIPPED;
}

#else

#include <rte_ethdev.h>
#include <rte_ethdev_tph.h>
#include <rte_tph.h>
#include <rte_tph_driver.h>

#include "test_tph_pmd_sim.h"

#define MP_DEV_NAME "ethdev_tph_mp_sim"
#define MP_PORT_NAME "ethdev_tph_mp_port"
#define NB_Q 2

static struct tph_sim_dev mp_sim;

static uint16_t
mp_st_index(enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	return 1 + dir * NB_Q + queue_id;
}

static int
mp_caps_get(__rte_unused struct rte_eth_dev *dev, uint32_t *modes)
{
	*modes = RTE_TPH_CAP_MODE_IV;
	return 0;
}

static int
mp_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *b, uint16_t n)
{
	struct rte_tph_st_entry e[2 * NB_Q];
	uint16_t i;

	for (i = 0; i < n; i++) {
		e[i].index = mp_st_index(b[i].dir, b[i].queue_id);
		e[i].lcore_id = b[i].lcore_id;
		e[i].mem_type = b[i].mem_type;
	}
	return rte_tph_owner_set_st(dev->device, e, n);
}

static int
mp_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *r, uint16_t n)
{
	uint16_t idx[2 * NB_Q];
	uint16_t i;

	for (i = 0; i < n; i++)
		idx[i] = mp_st_index(r[i].dir, r[i].queue_id);
	return rte_tph_owner_clear_st(dev->device, idx, n);
}

static int
mp_queue_info_get(__rte_unused struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info)
{
	info->st_index_valid = true;
	info->st_index = mp_st_index(dir, queue_id);
	return 0;
}

static int
mp_dev_start(__rte_unused struct rte_eth_dev *dev)
{
	return 0;
}

static int
mp_dev_close(struct rte_eth_dev *dev)
{
	tph_sim_port_forget_private(dev);
	return 0;
}

static struct eth_dev_ops mp_ops = {
	.dev_start = mp_dev_start,
	.dev_close = mp_dev_close,
	.tph_caps_get = mp_caps_get,
	.tph_queues_bind = mp_queues_bind,
	.tph_queues_unbind = mp_queues_unbind,
	.tph_queue_info_get = mp_queue_info_get,
};

/*
 * What the primary set up, as every process must see it: @p cpu is the
 * primary's CPU of @p lcore_id, whatever that lcore is in this process.
 */
static int
mp_state_check(uint16_t port_id, unsigned int lcore_id, unsigned int cpu)
{
	struct rte_eth_tph_queue_binding b[2 * NB_Q];
	struct rte_eth_tph_queue_info qi;
	enum rte_tph_mode mode;
	unsigned int i;

	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_get(port_id, &mode), "mode");
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "mode %s", rte_tph_mode_name(mode));
	tph_sim_all_bindings(b, NB_Q, lcore_id);
	for (i = 0; i < RTE_DIM(b); i++) {
		TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id,
			b[i].queue_id, b[i].dir, &qi), "queue info %u", i);
		TEST_ASSERT(qi.bound && qi.applied && qi.lcore_id == lcore_id &&
			qi.cpu == cpu,
			"queue %u: bound %d applied %d lcore %u cpu %u (want %u)",
			i, qi.bound, qi.applied, qi.lcore_id, qi.cpu, cpu);
	}
	return TEST_SUCCESS;
}

/* Blocks allocated in the shared heap, every socket. */
static unsigned int
mp_shared_allocs(void)
{
	struct rte_malloc_socket_stats st;
	unsigned int i, n = 0;

	for (i = 0; i < rte_socket_count(); i++)
		if (rte_malloc_get_socket_stats(rte_socket_id_by_idx(i), &st) == 0)
			n += st.alloc_count;
	return n;
}

/* The 32-bit words the TPH port state starts with, whatever the build. */
enum mp_layout_word {
	MP_WORD_MAGIC,      /* 0 while the primary sets the state up */
	MP_WORD_VERSION,    /* the layout version */
	MP_WORD_MAX_QUEUES = 5, /* RTE_MAX_QUEUES_PER_PORT of the primary */
};

/*
 * Run @p autotest in a secondary while word @p word of the port state is
 * @p value (or this build's value plus @p value for anything but the
 * magic): what a process built otherwise, or one that looks while the
 * primary is still setting the state up, would find.
 */
static int
mp_word_secondary_run(enum mp_layout_word word, uint32_t value,
	const char *autotest)
{
	const struct rte_memzone *mz = rte_memzone_lookup("rte_eth_dev_tph");
	uint32_t *w, saved;
	int ret;

	if (mz == NULL || mz->len < (word + 1) * sizeof(uint32_t)) {
		printf("no TPH port state memzone\n");
		return -1;
	}
	w = (uint32_t *)mz->addr + word;
	saved = *w;
	*w = word == MP_WORD_MAGIC ? value : saved + value;
	ret = tph_sim_secondary_run(autotest, NULL);
	*w = saved;
	if (ret != 0)
		printf("%s with word %d changed failed (exit status %d)\n",
			autotest, word, ret);
	return ret;
}

static int
test_ethdev_tph_mp(void)
{
	struct rte_eth_tph_queue_binding b[2 * NB_Q];
	struct rte_eth_dev *port = NULL;
	unsigned int main_lcore = rte_get_main_lcore(), cpu, allocs;
	uint16_t port_id;
	int ret, result = TEST_FAILED;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY ||
			rte_tph_lcore_to_cpu(main_lcore, &cpu) != 0) {
		printf("needs a primary process with a pinned main lcore, skipped\n");
		return TEST_SKIPPED;
	}
	TEST_ASSERT_SUCCESS(tph_sim_register(&mp_sim, MP_DEV_NAME,
		RTE_TPH_CAP_MODE_IV, RTE_TPH_ST_LOC_MSIX, 8), "register");
	tph_sim_port_ops_fill(&mp_ops);
	port = tph_sim_port_create(MP_PORT_NAME, mp_sim.device, &mp_ops, NULL,
		NB_Q, NB_Q);
	if (port == NULL) {
		printf("cannot create the port\n");
		goto out;
	}
	port_id = port->data->port_id;
	tph_sim_all_bindings(b, NB_Q, main_lcore);
	if (rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_IV) != 0 ||
			rte_eth_dev_tph_queues_bind(port_id, b, RTE_DIM(b)) != 0 ||
			rte_eth_dev_start(port_id) != 0 ||
			mp_state_check(port_id, main_lcore, cpu) != TEST_SUCCESS) {
		printf("cannot set up the primary's port\n");
		goto out;
	}
	tph_sim_clear_calls(&mp_sim);

	ret = tph_sim_secondary_run("ethdev_tph_mp_secondary_autotest", NULL);
	if (ret != 0) {
		printf("secondary process failed (exit status %d)\n", ret);
		goto out;
	}

	/*
	 * A secondary that finds the port state in a layout it does not know
	 * (another version, or the build's port or queue count) reads none
	 * of it; one that finds it not set up yet reads none of it either,
	 * without calling it foreign.
	 */
	if (mp_word_secondary_run(MP_WORD_VERSION, 1,
			"ethdev_tph_mp_layout_secondary_autotest") != 0 ||
			mp_word_secondary_run(MP_WORD_MAX_QUEUES, 1,
			"ethdev_tph_mp_layout_secondary_autotest") != 0 ||
			mp_word_secondary_run(MP_WORD_MAGIC, 0,
			"ethdev_tph_mp_unready_secondary_autotest") != 0)
		goto out;

	/* The secondaries neither reached the device nor changed the port. */
	if (mp_sim.trace[0] != '\0') {
		printf("backend called while the secondary ran: %s\n",
			mp_sim.trace);
		goto out;
	}
	if (mp_state_check(port_id, main_lcore, cpu) != TEST_SUCCESS) {
		printf("the port's TPH state changed while the secondary ran\n");
		goto out;
	}
	/*
	 * A secondary may be reading the bindings while the primary turns
	 * TPH off: that must not hand their memory back to the shared heap.
	 */
	allocs = mp_shared_allocs();
	if (rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_OFF) != 0 ||
			mp_shared_allocs() != allocs) {
		printf("mode off failed or freed shared memory (%u -> %u blocks)\n",
			allocs, mp_shared_allocs());
		goto out;
	}
	if (rte_eth_dev_stop(port_id) != 0 || rte_eth_dev_close(port_id) != 0) {
		printf("cannot close the port\n");
		goto out;
	}
	port = NULL;
	if (tph_sim_check_left_off(&mp_sim) != TEST_SUCCESS)
		goto out;
	result = TEST_SUCCESS;
out:
	if (port != NULL)
		tph_sim_port_destroy(port);
	tph_sim_unregister(&mp_sim);
	return result;
}

/* Run @p call with the log captured: -E_RTE_SECONDARY and one line saying why. */
static int
mp_refused(const char *name, int (*call)(uint16_t port_id), uint16_t port_id)
{
	FILE *mem, *saved = rte_log_get_stream();
	char *log = NULL;
	size_t len = 0;
	int ret;

	mem = open_memstream(&log, &len);
	TEST_ASSERT_NOT_NULL(mem, "no memory stream");
	rte_openlog_stream(mem);
	ret = call(port_id);
	rte_openlog_stream(saved);
	fclose(mem);
	ret = ret == -E_RTE_SECONDARY && log != NULL && len > 0 &&
		strchr(log, '\n') == log + len - 1 &&
		strstr(log, "secondary process cannot change it") != NULL;
	if (!ret)
		printf("%s: refusal or log line wrong: \"%s\"\n", name,
			log != NULL ? log : "");
	free(log);
	return ret ? TEST_SUCCESS : TEST_FAILED;
}

static int
mp_mode_ds(uint16_t port_id)
{
	return rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_DS);
}

static int
mp_mode_off(uint16_t port_id)
{
	return rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_OFF);
}

static int
mp_bind_one(uint16_t port_id)
{
	return rte_eth_dev_tph_queue_bind(port_id, 0, RTE_ETH_TPH_QUEUE_RX,
		rte_get_main_lcore(), RTE_TPH_MEM_VOLATILE);
}

static int
mp_bind_all(uint16_t port_id)
{
	struct rte_eth_tph_queue_binding b[2 * NB_Q];

	tph_sim_all_bindings(b, NB_Q, rte_get_main_lcore());
	return rte_eth_dev_tph_queues_bind(port_id, b, RTE_DIM(b));
}

static int
mp_unbind_one(uint16_t port_id)
{
	return rte_eth_dev_tph_queue_unbind(port_id, 1, RTE_ETH_TPH_QUEUE_TX);
}

static int
mp_unbind_all(uint16_t port_id)
{
	const struct rte_eth_tph_queue_ref r[2] = {
		{ .dir = RTE_ETH_TPH_QUEUE_RX, .queue_id = 0 },
		{ .dir = RTE_ETH_TPH_QUEUE_TX, .queue_id = 0 },
	};

	return rte_eth_dev_tph_queues_unbind(port_id, r, RTE_DIM(r));
}

static int
mp_secondary_checks(uint16_t port_id)
{
	static const struct {
		const char *name;
		int (*call)(uint16_t port_id);
	} changes[] = {
		{ "mode ds", mp_mode_ds },
		{ "mode off", mp_mode_off },
		{ "bind one queue", mp_bind_one },
		{ "bind four queues", mp_bind_all },
		{ "unbind one queue", mp_unbind_one },
		{ "unbind two queues", mp_unbind_all },
	};
	struct rte_eth_tph_capa capa;
	unsigned int i, cpu;

	TEST_ASSERT_SUCCESS(tph_sim_primary_cpu(&cpu),
		"no CPU of the primary's main lcore in the environment");
	/* It sees the primary's capability, mode and bindings. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(port_id, &capa),
		"capability");
	TEST_ASSERT_EQUAL(capa.modes, RTE_TPH_CAP_MODE_IV, "modes 0x%x",
		capa.modes);
	if (mp_state_check(port_id, rte_get_main_lcore(), cpu) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Every change is refused before the PMD or the device hears of it. */
	for (i = 0; i < RTE_DIM(changes); i++)
		if (mp_refused(changes[i].name, changes[i].call, port_id) !=
				TEST_SUCCESS)
			return TEST_FAILED;
	TEST_ASSERT(mp_sim.trace[0] == '\0', "backend called: %s", mp_sim.trace);
	return mp_state_check(port_id, rte_get_main_lcore(), cpu);
}

/* The device and the port, as the bus and the PMD attach them in a secondary. */
static struct rte_eth_dev *
mp_secondary_attach(void)
{
	struct rte_eth_dev *port;

	tph_sim_init(&mp_sim, NULL, MP_DEV_NAME, RTE_TPH_CAP_MODE_IV,
		RTE_TPH_ST_LOC_MSIX, 8, false);
	if (rte_tph_dev_register(&mp_sim.dev, &tph_sim_ops) != 0)
		return NULL;
	port = rte_eth_dev_attach_secondary(MP_PORT_NAME);
	if (port == NULL) {
		rte_tph_dev_unregister(&mp_sim.dev);
		return NULL;
	}
	port->device = &mp_sim.dev;
	tph_sim_port_ops_fill(&mp_ops);
	port->dev_ops = &mp_ops;
	rte_eth_dev_probing_finish(port);
	return port;
}

/* Run by the secondary process that ethdev_tph_mp_autotest starts. */
static int
test_ethdev_tph_mp_secondary(void)
{
	struct rte_eth_dev *port;
	int ret;

	if (rte_eal_process_type() != RTE_PROC_SECONDARY) {
		printf("run by ethdev_tph_mp_autotest in a secondary process, skipped\n");
		return TEST_SKIPPED;
	}
	port = mp_secondary_attach();
	TEST_ASSERT_NOT_NULL(port, "attach to the primary's device and port");

	ret = mp_secondary_checks(port->data->port_id);

	/* Leaving forgets the port here only; the primary checks that. */
	rte_eth_dev_release_port(port);
	TEST_ASSERT_SUCCESS(rte_tph_dev_unregister(&mp_sim.dev), "detach");
	TEST_ASSERT(mp_sim.trace[0] == '\0', "backend called on detach: %s",
		mp_sim.trace);
	return ret;
}

/*
 * In a secondary that must not read the TPH port state: the port reads as
 * never having used TPH, the log says why (@p why, and "not attaching"
 * only if @p foreign), changes are still refused, the backend untouched.
 */
static int
mp_unreadable_state_check(const char *why, bool foreign)
{
	FILE *mem, *saved = rte_log_get_stream();
	struct rte_eth_tph_queue_info qi;
	struct rte_eth_dev *port;
	enum rte_tph_mode mode = RTE_TPH_MODE_DS;
	char *log = NULL;
	size_t len = 0;
	int ret;

	if (rte_eal_process_type() != RTE_PROC_SECONDARY) {
		printf("run by ethdev_tph_mp_autotest in a secondary process, skipped\n");
		return TEST_SKIPPED;
	}
	port = mp_secondary_attach();
	TEST_ASSERT_NOT_NULL(port, "attach to the primary's device and port");
	mem = open_memstream(&log, &len);
	TEST_ASSERT_NOT_NULL(mem, "no memory stream");
	rte_openlog_stream(mem);
	ret = rte_eth_dev_tph_mode_get(port->data->port_id, &mode);
	rte_openlog_stream(saved);
	fclose(mem);
	printf("mode_get: %d, mode %s, log: %s", ret, rte_tph_mode_name(mode),
		log != NULL ? log : "");
	ret = ret == 0 && mode == RTE_TPH_MODE_OFF && log != NULL &&
		strstr(log, why) != NULL &&
		(strstr(log, "not attaching") != NULL) == foreign;
	free(log);
	if (ret)
		ret = rte_eth_dev_tph_queue_info_get(port->data->port_id, 0,
			RTE_ETH_TPH_QUEUE_RX, &qi) == 0 && !qi.bound &&
			mp_mode_off(port->data->port_id) == -E_RTE_SECONDARY;
	rte_eth_dev_release_port(port);
	rte_tph_dev_unregister(&mp_sim.dev);
	TEST_ASSERT(ret, "read a port state it must not, or did not say why");
	TEST_ASSERT(mp_sim.trace[0] == '\0', "backend called: %s", mp_sim.trace);
	return TEST_SUCCESS;
}

/*
 * Run by ethdev_tph_mp_autotest in a secondary that finds the TPH port
 * state in a layout it does not know (version or build sizes).
 */
static int
test_ethdev_tph_mp_layout_secondary(void)
{
	return mp_unreadable_state_check("this process knows", true);
}

/*
 * Run by ethdev_tph_mp_autotest in a secondary that finds the TPH port
 * state with magic 0, as while the primary is still setting it up: not
 * set up yet, which is no foreign layout.
 */
static int
test_ethdev_tph_mp_unready_secondary(void)
{
	return mp_unreadable_state_check("not set up yet", false);
}

#endif /* RTE_EXEC_ENV_LINUX */

REGISTER_TEST_COMMAND(ethdev_tph_mp_autotest, test_ethdev_tph_mp);
REGISTER_TEST_COMMAND(ethdev_tph_mp_layout_secondary_autotest,
	test_ethdev_tph_mp_layout_secondary);
REGISTER_TEST_COMMAND(ethdev_tph_mp_secondary_autotest,
	test_ethdev_tph_mp_secondary);
REGISTER_TEST_COMMAND(ethdev_tph_mp_unready_secondary_autotest,
	test_ethdev_tph_mp_unready_secondary);
