/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * net/ice TPH (Device Specific mode) against a fake register space.
 *
 * The port's ice_hw points at a zeroed block in place of BAR 0. The test's
 * queue start does what ice_rx_queue_start() and ice_tx_queue_start() do
 * with a context (their other work needs a device): fill it, let the PMD's
 * TPH hook put the binding in, and pack it with the PMD's base code,
 * ice_write_rxq_ctx() into the QRX_CONTEXT registers for Rx, ice_set_ctx()
 * with ice_tlan_ctx_info into the add-Tx-queue command buffer for Tx. The
 * test reads the packed bits back. Tags come from a simulated TPH device.
 *
 * Context layouts: Intel Ethernet Controller E810 Datasheet, tables "LAN
 * Rx Queue Context" (32 bytes, in QRX_CONTEXT[0..7] at 0x00280000 +
 * 0x2000 * i + 4 * queue) and "LAN Tx Queue Context" (22 bytes). The
 * datasheet text could not be retrieved while writing this test, so the
 * bit positions below are written out from those tables as Intel's shared
 * base code documents them (ice_common.c), not derived from the PMD.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>

#include "test.h"
#include "test_tph_pmd_sim.h"

#include "base/ice_common.h"
#include "ice_ethdev.h"
#include "ice_rxtx.h"
#include "ice_tph.h"

#define NB_QUEUES 4
/* Queue q uses hardware queue q + REG_OFFSET, as in a VSI's queue range. */
#define REG_OFFSET 5
#define BAR_SIZE 0x300000
#define QRX_CONTEXT_REG(i, q) (0x00280000u + (i) * 0x2000u + (q) * 4u)

#define RXC_SIZE 32
#define RXC_CPUID 13      /* 8 bits */
#define RXC_BASE 32       /* 57 bits, 128-byte units */
#define RXC_QLEN 89       /* 13 bits */
#define RXC_TPHRDESC 193
#define RXC_TPHWDESC 194
#define RXC_TPHDATA 195
#define RXC_TPHHEAD 196
#define RXC_PREFENA 201

#define TXC_SIZE 22
#define TXC_BASE 0        /* 57 bits */
#define TXC_SRC_VSI 80    /* 10 bits */
#define TXC_CPUID 93      /* 8 bits */
#define TXC_TPHRD_DESC 102
#define TXC_TPHRD 103
#define TXC_TPHWR_DESC 104
#define TXC_QLEN 135      /* 13 bits */
#define TXC_TSO_QNUM 153  /* 11 bits */

#define NB_DESC 1024
#define VSI_NUM 0x155

/* Queue stops and starts the PMD makes. */
static struct tph_sim_queue_calls qc;

struct fixture {
	struct ice_adapter adapter;
	struct ice_rx_queue rxq[NB_QUEUES];
	struct ice_tx_queue txq[NB_QUEUES];
	/* What the last Tx queue start handed to the admin queue. */
	uint8_t txc[NB_QUEUES][TXC_SIZE];
};

static struct tph_sim_dev sim;
static struct fixture *fx;
static uint8_t *bar;
static struct rte_eth_dev *port;
static unsigned int main_lcore, main_cpu;

static int
fake_rxq_stop(struct rte_eth_dev *dev, uint16_t q)
{
	return tph_sim_queue_stop(&qc, dev, RTE_ETH_TPH_QUEUE_RX, q);
}

static int
fake_txq_stop(struct rte_eth_dev *dev, uint16_t q)
{
	return tph_sim_queue_stop(&qc, dev, RTE_ETH_TPH_QUEUE_TX, q);
}

/* The context part of ice_rx_queue_start(). */
static int
fake_rxq_start(struct rte_eth_dev *dev, uint16_t q)
{
	struct ice_rx_queue *rxq = dev->data->rx_queues[q];
	struct ice_rlan_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.base = rxq->rx_ring_dma / ICE_QUEUE_BASE_ADDR_UNIT;
	ctx.qlen = rxq->nb_rx_desc;
	ctx.dbuf = 2048 >> ICE_RLAN_CTX_DBUF_S;
	ctx.dsize = 1;
	ctx.rxmax = 1518;
	ice_tph_rxq_ctx_fill(rxq, &ctx);
	ctx.lrxqthresh = 2;
	ctx.l2tsel = 1;
	ctx.crcstrip = 1;
	if (ice_write_rxq_ctx(&fx->adapter.hw, &ctx, rxq->reg_idx) != 0)
		return -EIO;
	return tph_sim_queue_start(&qc, dev, RTE_ETH_TPH_QUEUE_RX, q);
}

/* The context part of ice_tx_queue_start(). */
static int
fake_txq_start(struct rte_eth_dev *dev, uint16_t q)
{
	struct ice_tx_queue *txq = dev->data->tx_queues[q];
	struct ice_tlan_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.base = txq->tx_ring_dma / ICE_QUEUE_BASE_ADDR_UNIT;
	ctx.qlen = txq->nb_tx_desc;
	ctx.pf_num = 1;
	ctx.vmvf_type = ICE_TLAN_CTX_VMVF_TYPE_PF;
	ctx.src_vsi = VSI_NUM;
	ctx.tso_ena = 1;
	ctx.tso_qnum = txq->reg_idx;
	ctx.legacy_int = 1;
	ctx.tsyn_ena = 1;
	ice_tph_txq_ctx_fill(txq, &ctx);
	memset(fx->txc[q], 0, TXC_SIZE);
	ice_set_ctx(&fx->adapter.hw, (uint8_t *)&ctx, fx->txc[q],
		ice_tlan_ctx_info);
	return tph_sim_queue_start(&qc, dev, RTE_ETH_TPH_QUEUE_TX, q);
}

static const struct eth_dev_ops ice_tph_test_ops = {
	.rx_queue_start = fake_rxq_start,
	.rx_queue_stop = fake_rxq_stop,
	.tx_queue_start = fake_txq_start,
	.tx_queue_stop = fake_txq_stop,
	.tph_caps_get = ice_tph_caps_get,
	.tph_mode_set = ice_tph_mode_set,
	.tph_queues_bind = ice_tph_queues_bind,
	.tph_queues_unbind = ice_tph_queues_unbind,
	.tph_queue_info_get = ice_tph_queue_info_get,
};

/* E810: DS mode only, no ST table (published lspci dumps). */
static const struct tph_sim_pmd ice_pmd = {
	.name = "tph_pmd_ice",
	.modes = RTE_TPH_CAP_MODE_DS,
	.st_location = RTE_TPH_ST_LOC_NONE,
	.st_table_size = 0,
	.ops = &ice_tph_test_ops,
	.nb_queues = NB_QUEUES,
	.mode = RTE_TPH_MODE_DS,
	.dev_close = ice_tph_dev_close,
};

/* The packed Rx context of queue q, read from its 8 registers. */
static void
rx_ctx_read(uint16_t q, uint8_t ctx[RXC_SIZE])
{
	unsigned int i;

	for (i = 0; i < RXC_SIZE / 4; i++)
		memcpy(ctx + 4 * i, bar + QRX_CONTEXT_REG(i, q + REG_OFFSET), 4);
}

static int
rx_ctx_is(uint16_t q, bool steered, uint16_t tag)
{
	uint8_t c[RXC_SIZE];
	uint64_t cpuid = steered ? tag : 0;
	uint64_t enable = steered ? 1 : 0;

	rx_ctx_read(q, c);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_CPUID, 8), cpuid,
		"rxq %u CPUID 0x%" PRIx64, q, tph_sim_ctx_bits(c, RXC_CPUID, 8));
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_TPHRDESC, 1), 0u,
		"rxq %u descriptor fetch enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_TPHWDESC, 1), enable,
		"rxq %u descriptor write-back enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_TPHDATA, 1), enable,
		"rxq %u data enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_TPHHEAD, 1), enable,
		"rxq %u header enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_QLEN, 13), (uint64_t)NB_DESC,
		"rxq %u QLEN", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_BASE, 57),
		fx->rxq[q].rx_ring_dma / 128, "rxq %u base", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_PREFENA, 1), 1u, "rxq %u PREFENA", q);
	return TEST_SUCCESS;
}

static int
tx_ctx_is(uint16_t q, bool steered, uint16_t tag)
{
	const uint8_t *c = fx->txc[q];
	uint64_t cpuid = steered ? tag : 0;
	uint64_t enable = steered ? 1 : 0;

	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_CPUID, 8), cpuid,
		"txq %u CPUID 0x%" PRIx64, q, tph_sim_ctx_bits(c, TXC_CPUID, 8));
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_TPHRD_DESC, 1), 0u,
		"txq %u descriptor fetch enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_TPHRD, 1), 0u,
		"txq %u data fetch enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_TPHWR_DESC, 1), enable,
		"txq %u descriptor write-back enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_QLEN, 13), (uint64_t)NB_DESC,
		"txq %u QLEN", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_BASE, 57),
		fx->txq[q].tx_ring_dma / 128, "txq %u base", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_SRC_VSI, 10), (uint64_t)VSI_NUM,
		"txq %u source VSI", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_TSO_QNUM, 11),
		(uint64_t)(q + REG_OFFSET), "txq %u TSO queue", q);
	return TEST_SUCCESS;
}

static bool
tph_bit(bool rx, unsigned int bit)
{
	if (rx)
		return (bit >= RXC_CPUID && bit < RXC_CPUID + 8) ||
			(bit >= RXC_TPHRDESC && bit <= RXC_TPHHEAD);
	return (bit >= TXC_CPUID && bit < TXC_CPUID + 8) ||
		(bit >= TXC_TPHRD_DESC && bit <= TXC_TPHWR_DESC);
}

/* @p after differs from @p before in TPH bits only. */
static int
only_tph_bits(bool rx, const uint8_t *before, const uint8_t *after,
		unsigned int len)
{
	unsigned int bit;

	for (bit = 0; bit < len * 8; bit++) {
		if (tph_sim_ctx_bits(before, bit, 1) != tph_sim_ctx_bits(after, bit, 1) &&
				!tph_bit(rx, bit)) {
			printf("%s context bit %u changed\n", rx ? "Rx" : "Tx",
				bit);
			return TEST_FAILED;
		}
	}
	return TEST_SUCCESS;
}

static void
calls_clear(void)
{
	memset(&qc, 0, sizeof(qc));
	tph_sim_clear_calls(&sim);
}

static unsigned int
restarts(void)
{
	return tph_sim_queue_restarts(&qc);
}

/* What dev_start does: start every queue (contexts written). */
static int
queues_start(struct rte_eth_dev *dev)
{
	uint16_t q;

	for (q = 0; q < NB_QUEUES; q++)
		if (fake_rxq_start(dev, q) != 0 || fake_txq_start(dev, q) != 0)
			return -EIO;
	return 0;
}

static int
port_running(void)
{
	TEST_ASSERT_SUCCESS(ice_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	port->data->dev_started = 1;
	TEST_ASSERT_SUCCESS(queues_start(port), "queue start");
	calls_clear();
	return TEST_SUCCESS;
}

static int
bind1(enum rte_eth_tph_queue_dir dir, uint16_t q, unsigned int lcore_id,
		enum rte_tph_mem_type mem_type)
{
	return tph_sim_pmd_bind1(&ice_pmd, port, dir, q, lcore_id, mem_type);
}

static int
unbind1(enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	return tph_sim_pmd_unbind1(&ice_pmd, port, dir, q);
}

static int
ut_setup(void)
{
	uint16_t q;

	fx = calloc(1, sizeof(*fx));
	bar = calloc(1, BAR_SIZE);
	TEST_ASSERT(fx != NULL && bar != NULL, "no memory");
	fx->adapter.hw.hw_addr = bar;
	if (tph_sim_pmd_setup(&ice_pmd, &sim, &fx->adapter, &port) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	for (q = 0; q < NB_QUEUES; q++) {
		struct ice_rx_queue *rxq = &fx->rxq[q];
		struct ice_tx_queue *txq = &fx->txq[q];

		rxq->nb_rx_desc = NB_DESC;
		rxq->rx_ring_dma = UINT64_C(0x22220000) + q * 0x10000;
		rxq->port_id = port->data->port_id;
		rxq->queue_id = q;
		rxq->reg_idx = q + REG_OFFSET;
		rxq->q_set = true;
		txq->nb_tx_desc = NB_DESC;
		txq->tx_ring_dma = UINT64_C(0x33330000) + q * 0x10000;
		txq->port_id = port->data->port_id;
		txq->queue_id = q;
		txq->reg_idx = q + REG_OFFSET;
		txq->q_set = true;
		port->data->rx_queues[q] = rxq;
		port->data->tx_queues[q] = txq;
	}
	calls_clear();
	return TEST_SUCCESS;
}

static void
ut_teardown(void)
{
	tph_sim_pmd_teardown(&ice_pmd, &sim, &port);
	free(fx);
	free(bar);
	fx = NULL;
	bar = NULL;
}

static int
test_ice_tph_ctx_set(void)
{
	const struct ice_tph_ctx_tag on = { .steered = true, .tag = 0x5a };
	const struct ice_tph_ctx_tag off = { .steered = false, .tag = 0x5a };
	struct ice_rlan_ctx rx;
	struct ice_tlan_ctx tx;

	memset(&rx, 0, sizeof(rx));
	rx.tphrdesc_ena = 1;
	rx.qlen = NB_DESC;
	ice_tph_rlan_ctx_set(&rx, &on);
	TEST_ASSERT(rx.cpuid == 0x5a && rx.tphrdesc_ena == 0 &&
		rx.tphwdesc_ena == 1 && rx.tphdata_ena == 1 &&
		rx.tphhead_ena == 1 && rx.qlen == NB_DESC, "Rx steered");
	ice_tph_rlan_ctx_set(&rx, &off);
	TEST_ASSERT(rx.cpuid == 0 && rx.tphwdesc_ena == 0 &&
		rx.tphdata_ena == 0 && rx.tphhead_ena == 0 &&
		rx.qlen == NB_DESC, "Rx unsteered");

	memset(&tx, 0, sizeof(tx));
	tx.tphrd = 1;
	tx.qlen = NB_DESC;
	ice_tph_tlan_ctx_set(&tx, &on);
	TEST_ASSERT(tx.cpuid == 0x5a && tx.tphrd_desc == 0 && tx.tphrd == 0 &&
		tx.tphwr_desc == 1 && tx.qlen == NB_DESC, "Tx steered");
	ice_tph_tlan_ctx_set(&tx, &off);
	TEST_ASSERT(tx.cpuid == 0 && tx.tphwr_desc == 0 && tx.qlen == NB_DESC,
		"Tx unsteered");
	return TEST_SUCCESS;
}

static int
test_ice_tph_caps(void)
{
	uint32_t modes = 0;

	TEST_ASSERT_SUCCESS(ice_tph_caps_get(port, &modes), "caps");
	TEST_ASSERT_EQUAL(modes, (RTE_TPH_CAP_MODE_DS |
		RTE_ETH_TPH_PMD_QUEUE_RESTART), "modes 0x%x", modes);
	TEST_ASSERT_EQUAL(ice_tph_mode_set(port, RTE_TPH_MODE_IV), -ENOTSUP,
		"ice has no IV mode");
	return TEST_SUCCESS;
}

/*
 * Rx queue 3 and Tx queue 1 of a running port: a restart each, the tag in
 * CPUID and the write enables, the other bits of the contexts as before;
 * unbinding restores the contexts.
 */
static int
test_ice_tph_bind(void)
{
	uint16_t tag_v = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	uint16_t tag_p = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_PERSISTENT);
	uint8_t rx_before[RXC_SIZE], rx_after[RXC_SIZE];
	uint8_t tx_before[TXC_SIZE];
	struct rte_eth_tph_queue_info info;
	uint16_t q;

	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 3, main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOTSUP, "bind before ds");
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	for (q = 0; q < NB_QUEUES; q++)
		if (rx_ctx_is(q, false, 0) != TEST_SUCCESS ||
				tx_ctx_is(q, false, 0) != TEST_SUCCESS)
			return TEST_FAILED;
	rx_ctx_read(3, rx_before);
	memcpy(tx_before, fx->txc[1], TXC_SIZE);

	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 3, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 3");
	TEST_ASSERT(qc.nb_stop[RTE_ETH_TPH_QUEUE_RX][3] == 1 &&
		qc.nb_start[RTE_ETH_TPH_QUEUE_RX][3] == 1 && restarts() == 1,
		"rxq 3 restarted once, nothing else");
	rx_ctx_read(3, rx_after);
	if (rx_ctx_is(3, true, tag_v) != TEST_SUCCESS ||
			only_tph_bits(true, rx_before, rx_after, RXC_SIZE) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	memset(&info, 0, sizeof(info));
	TEST_ASSERT_SUCCESS(ice_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_RX,
		3, &info), "info");
	TEST_ASSERT(info.st_valid && info.st == tag_v && info.restarted,
		"info: st 0x%x restarted %d", info.st, info.restarted);

	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 1, main_lcore,
		RTE_TPH_MEM_PERSISTENT), "bind txq 1");
	if (tx_ctx_is(1, true, tag_p) != TEST_SUCCESS ||
			only_tph_bits(false, tx_before, fx->txc[1], TXC_SIZE) !=
			TEST_SUCCESS)
		return TEST_FAILED;

	/* Again with the same tags: nothing to load, no restart. */
	calls_clear();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 3, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 3 again");
	TEST_ASSERT_EQUAL(restarts(), 0u, "restart without a change");

	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_RX, 3), "unbind rxq 3");
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_TX, 1), "unbind txq 1");
	TEST_ASSERT_EQUAL(restarts(), 2u, "%u restarts to unbind", restarts());
	rx_ctx_read(3, rx_after);
	TEST_ASSERT(memcmp(rx_before, rx_after, RXC_SIZE) == 0,
		"Rx context differs after unbind");
	TEST_ASSERT(memcmp(tx_before, fx->txc[1], TXC_SIZE) == 0,
		"Tx context differs after unbind");
	return TEST_SUCCESS;
}

/* Refused bindings restart nothing and change no context. */
static int
test_ice_tph_refused(void)
{
	uint8_t before[RXC_SIZE], after[RXC_SIZE];

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	rx_ctx_read(0, before);
	sim.forced_tag = 0x2a5;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), -ERANGE, "16-bit tag accepted");
	sim.forced_tag = 0;
	sim.fail_get_st = -ENOENT;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOENT, "no tag accepted");
	sim.fail_get_st = 0;
	TEST_ASSERT_EQUAL(restarts(), 0u, "restart for a refused binding");
	rx_ctx_read(0, after);
	TEST_ASSERT(memcmp(before, after, RXC_SIZE) == 0,
		"context changed by a refused binding");
	return TEST_SUCCESS;
}

/*
 * A queue that cannot start again: the failure is returned, the queue is
 * stopped, and its next start writes no tag.
 */
static int
test_ice_tph_restart_fails(void)
{
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	qc.start_err = -ENOMEM;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 2, main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOMEM, "failed restart not reported");
	TEST_ASSERT_EQUAL(port->data->tx_queue_state[2],
		RTE_ETH_QUEUE_STATE_STOPPED, "txq 2 state");
	qc.start_err = 0;
	TEST_ASSERT_SUCCESS(fake_txq_start(port, 2), "application start");
	return tx_ctx_is(2, false, 0);
}

/* Stopped port or stopped queue: no restart; the next start loads it. */
static int
test_ice_tph_stopped(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);

	TEST_ASSERT_SUCCESS(ice_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind on a stopped port");
	TEST_ASSERT_EQUAL(restarts(), 0u, "restart on a stopped port");
	port->data->dev_started = 1;
	TEST_ASSERT_SUCCESS(queues_start(port), "dev_start");
	if (rx_ctx_is(1, true, tag) != TEST_SUCCESS)
		return TEST_FAILED;

	calls_clear();
	port->data->tx_queue_state[0] = RTE_ETH_QUEUE_STATE_STOPPED;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind a stopped queue");
	TEST_ASSERT_EQUAL(restarts(), 0u, "stopped queue restarted");
	TEST_ASSERT_SUCCESS(fake_txq_start(port, 0), "queue start");
	return tx_ctx_is(0, true, tag);
}

/* Two Rx and two Tx queues in one call: one lookup batch of four. */
static int
test_ice_tph_batch(void)
{
	struct rte_eth_tph_queue_binding b[4];

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	tph_sim_four_bindings(b, main_lcore);
	TEST_ASSERT_SUCCESS(ice_tph_queues_bind(port, b, 4), "bind 4");
	TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 4,
		"%u lookups of %u, 1 of 4 expected", sim.nb_get_st,
		sim.last_get_n);
	TEST_ASSERT_EQUAL(restarts(), 4u, "%u restarts", restarts());
	return TEST_SUCCESS;
}

static int
emu_dev_start(struct rte_eth_dev *dev)
{
	return queues_start(dev);
}

static int
emu_dev_close(struct rte_eth_dev *dev)
{
	ice_tph_dev_close(dev);
	tph_sim_port_forget_private(dev);
	return 0;
}

/* Through ethdev: a refused binding of a steered queue unsteers it. */
static int
test_ice_tph_ethdev(void)
{
	static struct eth_dev_ops ops;
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_info info;

	if (tph_sim_pmd_ethdev_ds_restarting(&ice_pmd, &sim, port, &ops,
			emu_dev_start, emu_dev_close) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	calls_clear();
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 2,
		RTE_ETH_TPH_QUEUE_RX, main_lcore, RTE_TPH_MEM_VOLATILE), "bind");
	TEST_ASSERT_EQUAL(restarts(), 1u, "%u restarts", restarts());
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 2,
		RTE_ETH_TPH_QUEUE_RX, &info), "info");
	TEST_ASSERT(info.applied && info.st == tag && info.restarted,
		"st 0x%x restarted %d", info.st, info.restarted);
	if (rx_ctx_is(2, true, tag) != TEST_SUCCESS)
		return TEST_FAILED;

	sim.fail_get_st = -ENOENT;
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_queue_bind(port_id, 2,
		RTE_ETH_TPH_QUEUE_RX, main_lcore, RTE_TPH_MEM_VOLATILE), -ENOENT,
		"refused");
	sim.fail_get_st = 0;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 2,
		RTE_ETH_TPH_QUEUE_RX, &info), "info");
	TEST_ASSERT(!info.bound && info.bind_failed && info.bind_err == -ENOENT,
		"refusal not reported");
	if (rx_ctx_is(2, false, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(port->data->rx_queue_state[2],
		RTE_ETH_QUEUE_STATE_STARTED, "rxq 2 left stopped");
	if (tph_sim_pmd_ethdev_close(&sim, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_sim_check_left_off(&sim);
}

static int
testsuite_setup(void)
{
	return tph_sim_pmd_suite_setup(&main_lcore, &main_cpu);
}

static struct unit_test_suite ice_tph_suite = {
	.suite_name = "net/ice TPH (Device Specific mode)",
	.setup = testsuite_setup,
	.teardown = tph_sim_unpin_main_lcore,
	.unit_test_cases = {
		TEST_CASE(test_ice_tph_ctx_set),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_caps),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_refused),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_restart_fails),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_stopped),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_batch),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_ethdev),
		TEST_CASES_END()
	}
};

static int
test_tph_ice(void)
{
	return unit_test_suite_runner(&ice_tph_suite);
}

REGISTER_TEST_COMMAND(tph_ice_autotest, test_tph_ice);
