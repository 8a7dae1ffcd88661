/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * testpmd's restart of the queues whose TPH tag waits for a queue start
 * (app/test-pmd/tph_queue_restart.c), on a fake port through ethdev.
 *
 * The fake PMD loads tags at queue start the way net/i40e and net/ice do,
 * with ethdev's queue context helpers (ethdev_tph_qctx.h): a binding of a
 * started queue is pending until ethdev stops and starts the queue. Its
 * queue stop and start can be made to fail, queue by queue. The tests
 * check what testpmd prints and that every queue ends started and
 * loaded, or is named as not restarted with the state it is left in.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ethdev_tph.h>
#include <rte_lcore.h>

#include "test.h"
#include "test_tph_pmd_qctx.h"
#include "test_tph_pmd_sim.h"
#include <ethdev_tph_qctx.h>
#include "../test-pmd/tph_queue_restart.h"

#define NB_QUEUES 3

/* Per queue and direction: errors to return, calls made. */
struct fake_queue {
	int stop_err;
	int start_err;
	unsigned int nb_stops;
	unsigned int nb_starts;
};

static struct fake_queue fake[2][NB_QUEUES];
static struct rte_eth_dev *port;
static struct tph_sim_dev sim;
static unsigned int main_lcore, main_cpu;

static int
fake_queue_stop(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t q)
{
	uint8_t *state = dir == RTE_ETH_TPH_QUEUE_RX ?
		dev->data->rx_queue_state : dev->data->tx_queue_state;

	fake[dir][q].nb_stops++;
	if (fake[dir][q].stop_err != 0)
		return fake[dir][q].stop_err;
	state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

/* A queue start writes the queue's context: the device loads its tag. */
static int
fake_queue_start(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t q)
{
	uint8_t *state = dir == RTE_ETH_TPH_QUEUE_RX ?
		dev->data->rx_queue_state : dev->data->tx_queue_state;
	uint16_t port_id = dev->data->port_id;

	fake[dir][q].nb_starts++;
	if (fake[dir][q].start_err != 0)
		return fake[dir][q].start_err;
	rte_eth_tph_qctx_loaded(port_id, dir, q,
		rte_eth_tph_qctx_wanted(port_id, dir, q));
	state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	return 0;
}

/* The eth_dev_ops queue callbacks of one direction. */
#define FAKE_QUEUE_OPS(dir_name, dir) \
static int \
fake_ ## dir_name ## _stop(struct rte_eth_dev *dev, uint16_t q) \
{ \
	return fake_queue_stop(dev, dir, q); \
} \
static int \
fake_ ## dir_name ## _start(struct rte_eth_dev *dev, uint16_t q) \
{ \
	return fake_queue_start(dev, dir, q); \
}

FAKE_QUEUE_OPS(rxq, RTE_ETH_TPH_QUEUE_RX)
FAKE_QUEUE_OPS(txq, RTE_ETH_TPH_QUEUE_TX)

static int
fake_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	return rte_eth_tph_qctx_queues_bind(dev, bindings, n, NULL);
}

static int
fake_caps_get(__rte_unused struct rte_eth_dev *dev, uint32_t *modes)
{
	*modes = RTE_TPH_CAP_MODE_DS | RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START;
	return 0;
}

/* The fake PMD: queue stop/start above, TPH from ethdev's helpers. */
static void
fake_ops_fill(struct eth_dev_ops *ops)
{
	ops->rx_queue_start = fake_rxq_start;
	ops->rx_queue_stop = fake_rxq_stop;
	ops->tx_queue_start = fake_txq_start;
	ops->tx_queue_stop = fake_txq_stop;
	ops->tph_caps_get = fake_caps_get;
	ops->tph_mode_set = rte_eth_tph_qctx_mode_set;
	ops->tph_queues_bind = fake_queues_bind;
	ops->tph_queues_unbind = rte_eth_tph_qctx_queues_unbind;
	ops->tph_queue_info_get = rte_eth_tph_qctx_queue_info_get;
}

static struct eth_dev_ops fake_ops;

/* A DS-mode device without ST table, like the X710 and the E810. */
static const struct tph_sim_pmd restart_pmd = {
	.name = "tph_pmd_restart",
	.modes = RTE_TPH_CAP_MODE_DS,
	.st_location = RTE_TPH_ST_LOC_NONE,
	.ops = &fake_ops,
	.nb_queues = NB_QUEUES,
	.mode = RTE_TPH_MODE_DS,
	.dev_close = rte_eth_tph_qctx_dev_close,
};

/* dev_start: the bindings recorded while stopped, every queue started. */
static int
fake_dev_start(struct rte_eth_dev *dev)
{
	uint16_t q;

	rte_eth_tph_qctx_dev_start(dev);
	for (q = 0; q < NB_QUEUES; q++) {
		if (fake_queue_start(dev, RTE_ETH_TPH_QUEUE_RX, q) != 0 ||
				fake_queue_start(dev, RTE_ETH_TPH_QUEUE_TX, q) != 0)
			return -EIO;
	}
	return 0;
}

/* What testpmd printed on one stream, kept as one string. */
struct capture {
	FILE *f;
	char *buf;
	size_t len;
};

static int
capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	return c->f != NULL ? 0 : -errno;
}

/* The text so far; stays valid until capture_close(). */
static const char *
capture_text(struct capture *c)
{
	fflush(c->f);
	return c->buf != NULL ? c->buf : "";
}

static void
capture_close(struct capture *c)
{
	if (c->f != NULL)
		fclose(c->f);
	free(c->buf);
	c->f = NULL;
	c->buf = NULL;
}

static struct capture out, err;
static struct eth_dev_ops ops;

/* A started DS-mode port; its calls so far are forgotten. */
static int
ut_setup(void)
{
	memset(fake, 0, sizeof(fake));
	if (tph_sim_pmd_setup(&restart_pmd, &sim, NULL, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	tph_sim_pmd_ethdev_ops(&restart_pmd, port, &ops, fake_dev_start,
		tph_qctx_test_dev_close);
	if (tph_sim_pmd_ethdev_mode(&sim, port, RTE_TPH_MODE_DS) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port->data->port_id), "start");
	memset(fake, 0, sizeof(fake));
	TEST_ASSERT_SUCCESS(capture_open(&out), "stdout capture");
	TEST_ASSERT_SUCCESS(capture_open(&err), "stderr capture");
	return TEST_SUCCESS;
}

static void
ut_teardown(void)
{
	capture_close(&out);
	capture_close(&err);
	if (port != NULL)
		tph_sim_pmd_ethdev_close(&sim, &port);
	tph_sim_pmd_teardown(&restart_pmd, &sim, &port);
}

static int
bind_queue(enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	return rte_eth_dev_tph_queue_bind(port->data->port_id, q, dir,
		main_lcore, RTE_TPH_MEM_VOLATILE);
}

/*
 * The queue's state and tag: started or not; loaded (its tag in the
 * device, nothing pending) or pending.
 */
static int
queue_is(enum rte_eth_tph_queue_dir dir, uint16_t q, bool started,
		bool pending)
{
	const uint8_t *state = dir == RTE_ETH_TPH_QUEUE_RX ?
		port->data->rx_queue_state : port->data->tx_queue_state;
	const char *name = dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq";
	bool is_started = state[q] == RTE_ETH_QUEUE_STATE_STARTED;
	struct rte_eth_tph_queue_info info;

	TEST_ASSERT_EQUAL(is_started, started,
		"%s %u: started %d, expected %d", name, q, is_started, started);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port->data->port_id,
		q, dir, &info), "info");
	TEST_ASSERT_EQUAL(info.pending, pending, "%s %u: pending %d", name, q,
		info.pending);
	if (started && !pending && info.bound)
		TEST_ASSERT(info.st_valid &&
			info.st == TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE),
			"%s %u: tag 0x%x not loaded", name, q, info.st);
	return TEST_SUCCESS;
}

static int
text_is(struct capture *c, const char *what, const char *expected)
{
	const char *text = capture_text(c);

	TEST_ASSERT(strcmp(text, expected) == 0,
		"%s:\n\"%s\"\nexpected:\n\"%s\"", what, text, expected);
	return TEST_SUCCESS;
}

/*
 * One restart pass: how many queues it could not restart, and all it
 * printed on each stream.
 */
static int
restart_says(int failures, const char *out_text, const char *err_text)
{
	TEST_ASSERT_EQUAL(tph_queues_restart_pending(port->data->port_id,
		NB_QUEUES, NB_QUEUES, out.f, err.f), failures,
		"not %d queues left", failures);
	if (text_is(&out, "stdout", out_text) != TEST_SUCCESS ||
			text_is(&err, "stderr", err_text) != TEST_SUCCESS)
		return TEST_FAILED;
	return TEST_SUCCESS;
}

/*
 * Rebinding a running port: every pending queue is restarted once,
 * through ethdev, and named; the queues without a pending tag are not
 * touched; nothing is pending and every queue runs afterwards.
 */
static int
test_tph_restart_all(void)
{
	uint16_t port_id = port->data->port_id;
	char expected[256];
	uint16_t q;

	TEST_ASSERT_SUCCESS(bind_queue(RTE_ETH_TPH_QUEUE_RX, 0), "bind rxq 0");
	TEST_ASSERT_SUCCESS(bind_queue(RTE_ETH_TPH_QUEUE_RX, 2), "bind rxq 2");
	TEST_ASSERT_SUCCESS(bind_queue(RTE_ETH_TPH_QUEUE_TX, 1), "bind txq 1");
	if (queue_is(RTE_ETH_TPH_QUEUE_RX, 0, true, true) != TEST_SUCCESS)
		return TEST_FAILED;

	snprintf(expected, sizeof(expected),
		"Port %u: TPH: restarted rxq 0 rxq 2 txq 1 to load their tags\n",
		port_id);
	if (restart_says(0, expected, "") != TEST_SUCCESS)
		return TEST_FAILED;
	for (q = 0; q < NB_QUEUES; q++) {
		if (queue_is(RTE_ETH_TPH_QUEUE_RX, q, true, false) !=
				TEST_SUCCESS ||
				queue_is(RTE_ETH_TPH_QUEUE_TX, q, true, false) !=
				TEST_SUCCESS)
			return TEST_FAILED;
		TEST_ASSERT_EQUAL(fake[RTE_ETH_TPH_QUEUE_RX][q].nb_starts,
			(q != 1 ? 1u : 0u), "rxq %u: %u starts", q,
			fake[RTE_ETH_TPH_QUEUE_RX][q].nb_starts);
		TEST_ASSERT_EQUAL(fake[RTE_ETH_TPH_QUEUE_TX][q].nb_starts,
			(q == 1 ? 1u : 0u), "txq %u: %u starts", q,
			fake[RTE_ETH_TPH_QUEUE_TX][q].nb_starts);
	}

	/* Nothing pending any more: nothing restarted, nothing said. */
	if (restart_says(0, expected, "") != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(fake[RTE_ETH_TPH_QUEUE_RX][0].nb_stops, 1u,
		"rxq 0 restarted again");
	return TEST_SUCCESS;
}

/*
 * Failed restarts, each reported for its own queue with the state it is
 * left in: rxq 1 whose start fails is STOPPED, with the command that
 * starts it; txq 0 whose stop fails keeps running, its tag pending, and
 * is never started behind ethdev's back. txq 2 is restarted all the same.
 */
static int
test_tph_restart_fails(void)
{
	uint16_t port_id = port->data->port_id;
	char out_text[128], err_text[512];
	int len;

	TEST_ASSERT_SUCCESS(bind_queue(RTE_ETH_TPH_QUEUE_RX, 1), "bind rxq 1");
	TEST_ASSERT_SUCCESS(bind_queue(RTE_ETH_TPH_QUEUE_TX, 0), "bind txq 0");
	TEST_ASSERT_SUCCESS(bind_queue(RTE_ETH_TPH_QUEUE_TX, 2), "bind txq 2");
	fake[RTE_ETH_TPH_QUEUE_RX][1].start_err = -EIO;
	fake[RTE_ETH_TPH_QUEUE_TX][0].stop_err = -EBUSY;

	snprintf(out_text, sizeof(out_text),
		"Port %u: TPH: restarted txq 2 to load its tag\n", port_id);
	/* One rte_strerror() a call: it returns a per-lcore buffer. */
	len = snprintf(err_text, sizeof(err_text),
		"Port %u rxq 1: restart to load its TPH tag failed: %s; the queue is STOPPED (port %u rxq 1 start)\n",
		port_id, rte_strerror(EIO), port_id);
	snprintf(err_text + len, sizeof(err_text) - len,
		"Port %u txq 0: not restarted, its TPH tag stays pending: stop failed: %s\n",
		port_id, rte_strerror(EBUSY));
	if (restart_says(2, out_text, err_text) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(fake[RTE_ETH_TPH_QUEUE_TX][0].nb_starts, 0u,
		"txq 0 started after a failed stop");
	if (queue_is(RTE_ETH_TPH_QUEUE_RX, 1, false, false) != TEST_SUCCESS ||
			queue_is(RTE_ETH_TPH_QUEUE_TX, 0, true, true) !=
			TEST_SUCCESS ||
			queue_is(RTE_ETH_TPH_QUEUE_TX, 2, true, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;

	/* The start the message names loads the stopped queue's tag. */
	fake[RTE_ETH_TPH_QUEUE_RX][1].start_err = 0;
	TEST_ASSERT_SUCCESS(rte_eth_dev_rx_queue_start(port_id, 1),
		"the start the message names");
	return queue_is(RTE_ETH_TPH_QUEUE_RX, 1, true, false);
}

/* While forwarding: the pending queues are counted, none is touched. */
static int
test_tph_restart_warn(void)
{
	uint16_t port_id = port->data->port_id;
	char expected[256];

	TEST_ASSERT_EQUAL(tph_queues_pending_warn(port_id, NB_QUEUES,
		NB_QUEUES, out.f), 0u, "pending before any binding");
	if (text_is(&out, "stdout", "") != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(bind_queue(RTE_ETH_TPH_QUEUE_RX, 0), "bind rxq 0");
	TEST_ASSERT_SUCCESS(bind_queue(RTE_ETH_TPH_QUEUE_TX, 0), "bind txq 0");
	TEST_ASSERT_EQUAL(tph_queues_pending_warn(port_id, NB_QUEUES,
		NB_QUEUES, out.f), 2u, "pending queues");
	snprintf(expected, sizeof(expected),
		"Port %u: TPH: 2 queues pending: they are restarted at the next start\n",
		port_id);
	if (text_is(&out, "stdout", expected) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT(fake[RTE_ETH_TPH_QUEUE_RX][0].nb_stops == 0 &&
		fake[RTE_ETH_TPH_QUEUE_TX][0].nb_stops == 0,
		"a queue was stopped while forwarding");
	return queue_is(RTE_ETH_TPH_QUEUE_RX, 0, true, true);
}

static int
testsuite_setup(void)
{
	fake_ops_fill(&fake_ops);
	return tph_sim_pmd_suite_setup(&main_lcore, &main_cpu);
}

static void
testsuite_teardown(void)
{
	tph_sim_unpin_main_lcore();
}

static struct unit_test_suite tph_restart_suite = {
	.suite_name = "testpmd TPH restart of pending queues",
	.setup = testsuite_setup,
	.teardown = testsuite_teardown,
	.unit_test_cases = {
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_restart_all),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_restart_fails),
		TEST_CASE_ST(ut_setup, ut_teardown, test_tph_restart_warn),
		TEST_CASES_END()
	}
};

static int
test_tph_restart(void)
{
	return unit_test_suite_runner(&tph_restart_suite);
}

REGISTER_TEST_COMMAND(tph_testpmd_restart_autotest, test_tph_restart);
