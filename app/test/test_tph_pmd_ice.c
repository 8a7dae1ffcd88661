/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * net/ice TPH (Device Specific mode) against a fake register space.
 *
 * The port's ice_hw points at a zeroed block in place of BAR 0. Rx: the
 * PMD's own ice_rx_queue_start() writes the context into the QRX_CONTEXT
 * registers (base code ice_write_rxq_ctx()) and then stops for want of
 * mbufs (its pool is empty: there is no device to switch the queue on);
 * the test reads the packed bits back. Tx: the PMD's own
 * ice_tx_queue_start() packs its context and hands it to firmware with
 * ice_ena_vsi_txq(), which this build links to the test's stand-in
 * (-Wl,--wrap in app/test/meson.build): it keeps the packed context for
 * the test to read and answers as firmware would, or with a failure the
 * test asks for. Tags come from a simulated TPH device. The PMD never restarts a
 * queue: a change to a started queue is pending until the test starts it.
 *
 * Context layouts: bit positions checked against DPDK 22.11's base code
 * (ice_common.c, ice_rlan_ctx_info and ice_tlan_ctx_info), written out
 * here as numbers rather than taken from those tables. E810 datasheet
 * citations are missing: its queue context pages were not available.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "test.h"
#include "test_tph_pmd_qctx.h"
#include "test_tph_pmd_sim.h"

#include "base/ice_common.h"
#include "ice_ethdev.h"
#include "ice_rxtx.h"
#include "ice_tph.h"
#include "test_tph_pmd_ice.h"

#define NB_QUEUES 4
/* Queue q uses hardware queue q + REG_OFFSET, as in a VSI's queue range. */
#define REG_OFFSET 5
/* Up to QRXFLXP_CNTXT of the last queue (0x00480000 + 4 * queue). */
#define BAR_SIZE 0x500000
/*
 * Dword i (0-7) of the Rx context of hardware queue q: DPDK 22.11 base
 * code, ice_hw_autogen.h (QRX_CONTEXT, 0x00280000 + i * 8192 + q * 4).
 */
#define QRX_CONTEXT_REG(i, q) (0x00280000u + (i) * 0x2000u + (q) * 4u)

#define RXC_SIZE 32
#define RXC_PREFENA 201

#define TXC_SIZE 22
#define TXC_BASE 0        /* 57 bits */
#define TXC_CPUID 93      /* 8 bits */
#define TXC_TPHRD_DESC 102
#define TXC_TPHRD 103
#define TXC_TPHWR_DESC 104
#define TXC_QLEN 135      /* 13 bits */

/* The LAN Rx context, the same in both PMDs (test_tph_pmd_qctx.h). */
#define RX_LAYOUT (&tph_qctx_test_lan_rx_layout)

#define NB_DESC 1024
/* ice_program_hw_rx_queue() picks this flexible descriptor (22.11). */
#define RXDID_COMMS_OVS 22

struct fixture {
	struct ice_adapter adapter;
	struct ice_vsi vsi;
	struct ice_port_info pi;
	struct ice_rx_queue rxq[NB_QUEUES];
	struct ice_tx_queue txq[NB_QUEUES];
};

static struct tph_sim_dev sim;
static struct fixture *fx;
static uint8_t *bar;
static struct rte_eth_dev *port;

/*
 * The PMD's Rx queue start up to the point a device is needed: the
 * context is written, then the empty pool stops it. The test marks the
 * queue started, as the rest would.
 */
static int
rxq_start(uint16_t q)
{
	TEST_ASSERT_EQUAL(ice_rx_queue_start(port, q), -ENOMEM,
		"rxq %u start: context write failed", q);
	port->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	return TEST_SUCCESS;
}

/*
 * The firmware side of the Tx queue starts: the packed context of the
 * last ice_ena_vsi_txq() of each queue, and the error the next one
 * answers (0: the device took it).
 */
static uint8_t txq_ctx_sent[NB_QUEUES][TXC_SIZE];
static bool txq_ctx_was_sent[NB_QUEUES];
static enum ice_status txq_enable_err;

/* ice_ena_vsi_txq() of the test's port, others go to the base code. */
enum ice_status
__wrap_ice_ena_vsi_txq(struct ice_port_info *pi, u16 vsi_handle, u8 tc,
		u16 q_handle, u8 num_qgrps, struct ice_aqc_add_tx_qgrp *buf,
		u16 buf_size, struct ice_sq_cd *cd)
{
	if (fx == NULL || pi != &fx->pi)
		return __real_ice_ena_vsi_txq(pi, vsi_handle, tc, q_handle,
			num_qgrps, buf, buf_size, cd);
	if (q_handle >= NB_QUEUES || num_qgrps != 1 || buf->num_txqs != 1)
		return ICE_ERR_PARAM;
	memcpy(txq_ctx_sent[q_handle], buf->txqs[0].txq_ctx, TXC_SIZE);
	txq_ctx_was_sent[q_handle] = true;
	if (txq_enable_err != ICE_SUCCESS)
		return txq_enable_err;
	buf->txqs[0].q_teid = rte_cpu_to_le_32(0x100 + q_handle);
	return ICE_SUCCESS;
}

/* The PMD's own Tx queue start, which the firmware stand-in takes. */
static int
txq_start(uint16_t q)
{
	TEST_ASSERT_SUCCESS(ice_tx_queue_start(port, q), "txq %u start", q);
	TEST_ASSERT_EQUAL(port->data->tx_queue_state[q],
		RTE_ETH_QUEUE_STATE_STARTED, "txq %u not started", q);
	return TEST_SUCCESS;
}

static int
fake_rxq_start(__rte_unused struct rte_eth_dev *dev, uint16_t q)
{
	return rxq_start(q) == TEST_SUCCESS ? 0 : -EIO;
}

static int
fake_txq_start(__rte_unused struct rte_eth_dev *dev, uint16_t q)
{
	return txq_start(q) == TEST_SUCCESS ? 0 : -EIO;
}

static const struct eth_dev_ops ice_tph_test_ops = {
	.rx_queue_start = fake_rxq_start,
	.rx_queue_stop = tph_qctx_test_rxq_stop,
	.tx_queue_start = fake_txq_start,
	.tx_queue_stop = tph_qctx_test_txq_stop,
	.tph_caps_get = ice_tph_caps_get,
	.tph_mode_set = rte_eth_tph_qctx_mode_set,
	.tph_queues_bind = ice_tph_queues_bind,
	.tph_queues_unbind = rte_eth_tph_qctx_queues_unbind,
	.tph_queue_info_get = rte_eth_tph_qctx_queue_info_get,
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
	.dev_close = rte_eth_tph_qctx_dev_close,
};

/* The packed Rx context of queue q, read from its 8 registers. */
static void
rx_ctx_read(uint16_t q, uint8_t ctx[RXC_SIZE])
{
	unsigned int i;

	for (i = 0; i < RXC_SIZE / 4; i++)
		memcpy(ctx + 4 * i, bar + QRX_CONTEXT_REG(i, q + REG_OFFSET), 4);
}

/*
 * TPH fields of the Tx queue context, and where QLEN and the ring base
 * are: DPDK 22.11 base code (ice_common.c, ice_tlan_ctx_info); no
 * datasheet page. The Rx context is tph_qctx_test_lan_rx_layout.
 */
static const struct tph_qctx_test_layout tx_layout = {
	.dir_name = "txq", .size = TXC_SIZE, .cpuid = TXC_CPUID,
	.base = TXC_BASE, .qlen = TXC_QLEN,
	.nb_set = 1, .set = { { "descriptor write-back", TXC_TPHWR_DESC } },
	.nb_cleared = 2, .cleared = {
		{ "descriptor fetch", TXC_TPHRD_DESC },
		{ "data fetch", TXC_TPHRD },
	},
};

static int
rx_ctx_is(uint16_t q, bool steered, uint16_t tag)
{
	uint8_t c[RXC_SIZE];

	rx_ctx_read(q, c);
	if (tph_qctx_test_ctx_is(RX_LAYOUT, c, q, steered, tag,
			fx->rxq[q].rx_ring_dma, NB_DESC) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_PREFENA, 1), 1u, "rxq %u PREFENA", q);
	return TEST_SUCCESS;
}

/* The Tx context the last start of queue @p q handed to firmware. */
static int
tx_ctx_is(uint16_t q, bool steered, uint16_t tag)
{
	TEST_ASSERT(txq_ctx_was_sent[q], "txq %u: no context sent", q);
	return tph_qctx_test_ctx_is(&tx_layout, txq_ctx_sent[q], q, steered,
		tag, fx->txq[q].tx_ring_dma, NB_DESC);
}

/* @p after differs from @p before in TPH bits of layout @p l only. */
static int
only_tph_bits_of(const struct tph_qctx_test_layout *l, const uint8_t *before,
		const uint8_t *after)
{
	unsigned int bit;

	for (bit = 0; bit < l->size * 8; bit++) {
		if (tph_sim_ctx_bits(before, bit, 1) !=
				tph_sim_ctx_bits(after, bit, 1) &&
				!tph_qctx_test_tph_bit(l, bit)) {
			printf("%s context bit %u changed\n", l->dir_name, bit);
			return TEST_FAILED;
		}
	}
	return TEST_SUCCESS;
}

static int
only_tph_bits(const uint8_t *before, const uint8_t *after)
{
	return only_tph_bits_of(RX_LAYOUT, before, after);
}

/* The PMD's view of a queue: loaded tag and pending. */
static int
info_is(enum rte_eth_tph_queue_dir dir, uint16_t q, bool st_valid,
		uint16_t st, bool pending)
{
	return tph_qctx_test_info_is(port, dir, q, st_valid, st, pending);
}

/* What dev_start does: every queue started, contexts written. */
static int
queues_start(void)
{
	uint16_t q;

	for (q = 0; q < NB_QUEUES; q++) {
		if (rxq_start(q) != TEST_SUCCESS || txq_start(q) != TEST_SUCCESS)
			return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static int
port_running(void)
{
	TEST_ASSERT_SUCCESS(rte_eth_tph_qctx_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	port->data->dev_started = 1;
	if (queues_start() != TEST_SUCCESS)
		return TEST_FAILED;
	tph_sim_clear_calls(&sim);
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
	memset(txq_ctx_was_sent, 0, sizeof(txq_ctx_was_sent));
	txq_enable_err = ICE_SUCCESS;
	fx->adapter.hw.hw_addr = bar;
	fx->adapter.hw.port_info = &fx->pi;
	fx->pi.hw = &fx->adapter.hw;
	fx->adapter.pf.adapter = &fx->adapter;
	fx->adapter.pf.supported_rxdid = RTE_BIT64(RXDID_COMMS_OVS);
	fx->vsi.adapter = &fx->adapter;
	fx->vsi.type = ICE_VSI_PF;
	if (tph_sim_pmd_setup(&ice_pmd, &sim, &fx->adapter, &port) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	fx->adapter.pf.dev_data = port->data;
	port->data->mtu = RTE_ETHER_MTU;
	for (q = 0; q < NB_QUEUES; q++) {
		struct ice_rx_queue *rxq = &fx->rxq[q];
		struct ice_tx_queue *txq = &fx->txq[q];

		rxq->mp = tph_qctx_ts.mp;
		rxq->nb_rx_desc = NB_DESC;
		rxq->rx_ring_dma = UINT64_C(0x22220000) + q * 0x10000;
		TPH_QCTX_TEST_QUEUE_FILL(rxq, port, q, q + REG_OFFSET,
			&fx->vsi);
		txq->nb_tx_desc = NB_DESC;
		txq->tx_ring_dma = UINT64_C(0x33330000) + q * 0x10000;
		TPH_QCTX_TEST_QUEUE_FILL(txq, port, q, q + REG_OFFSET,
			&fx->vsi);
		port->data->rx_queues[q] = rxq;
		port->data->tx_queues[q] = txq;
	}
	tph_sim_clear_calls(&sim);
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
	const struct rte_eth_tph_qctx_tag on = { .steered = true, .tag = 0x5a };
	const struct rte_eth_tph_qctx_tag off = { .steered = false, .tag = 0x5a };
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
		RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START), "modes 0x%x", modes);
	TEST_ASSERT_EQUAL(rte_eth_tph_qctx_mode_set(port, RTE_TPH_MODE_IV), -ENOTSUP,
		"ice has no IV mode");
	return TEST_SUCCESS;
}

/*
 * Rx queue 3 of a running port: the binding is pending, nothing written
 * and no queue touched; the queue's next start (the PMD's own
 * ice_rx_queue_start()) writes the tag and the write enables, no other
 * bit. Unbinding is pending too, until the next start clears them.
 */
static int
test_ice_tph_rx_bind(void)
{
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);
	uint8_t before[RXC_SIZE], after[RXC_SIZE];
	uint16_t q;

	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 3, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOTSUP, "bind before ds");
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	for (q = 0; q < NB_QUEUES; q++)
		if (rx_ctx_is(q, false, 0) != TEST_SUCCESS)
			return TEST_FAILED;
	rx_ctx_read(3, before);

	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 3, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 3");
	TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 1,
		"one lookup expected, %u", sim.nb_get_st);
	TEST_ASSERT_EQUAL(port->data->rx_queue_state[3],
		RTE_ETH_QUEUE_STATE_STARTED, "the PMD touched the queue");
	rx_ctx_read(3, after);
	TEST_ASSERT(memcmp(before, after, RXC_SIZE) == 0,
		"context written under a started queue");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 3, false, 0, true) != TEST_SUCCESS)
		return TEST_FAILED;

	port->data->rx_queue_state[3] = RTE_ETH_QUEUE_STATE_STOPPED;
	if (rxq_start(3) != TEST_SUCCESS)
		return TEST_FAILED;
	rx_ctx_read(3, after);
	if (rx_ctx_is(3, true, tag) != TEST_SUCCESS ||
			only_tph_bits(before, after) != TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_RX, 3, true, tag, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;

	/* The same tag again: nothing pending. */
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 3, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 3 again");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 3, true, tag, false) != TEST_SUCCESS)
		return TEST_FAILED;

	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_RX, 3), "unbind rxq 3");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 3, true, tag, true) != TEST_SUCCESS)
		return TEST_FAILED;
	if (rxq_start(3) != TEST_SUCCESS)
		return TEST_FAILED;
	rx_ctx_read(3, after);
	TEST_ASSERT(memcmp(before, after, RXC_SIZE) == 0,
		"Rx context differs after unbind and restart");
	return info_is(RTE_ETH_TPH_QUEUE_RX, 3, false, 0, false);
}

/*
 * Tx queue 1, persistent memory: pending until a start the device takes.
 * The PMD's start packs the tag and the write-back enable into the
 * context it hands to firmware, no other bit; a start firmware refuses
 * leaves the queue stopped, pending, and the loaded tag as it was.
 * Unbinding is pending until the next start unsteers the context.
 */
static int
test_ice_tph_tx_bind(void)
{
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_PERSISTENT);
	uint8_t before[TXC_SIZE];

	if (port_running() != TEST_SUCCESS || tx_ctx_is(1, false, 0) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	memcpy(before, txq_ctx_sent[1], TXC_SIZE);
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 1, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_PERSISTENT), "bind txq 1");
	if (info_is(RTE_ETH_TPH_QUEUE_TX, 1, false, 0, true) != TEST_SUCCESS)
		return TEST_FAILED;

	tph_qctx_test_txq_stop(port, 1);
	txq_enable_err = ICE_ERR_AQ_ERROR;
	TEST_ASSERT_EQUAL(ice_tx_queue_start(port, 1), -EIO,
		"Tx start firmware refused");
	txq_enable_err = ICE_SUCCESS;
	TEST_ASSERT_EQUAL(port->data->tx_queue_state[1],
		RTE_ETH_QUEUE_STATE_STOPPED, "refused start left txq 1 started");
	if (tx_ctx_is(1, true, tag) != TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_TX, 1, false, 0, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;

	if (txq_start(1) != TEST_SUCCESS || tx_ctx_is(1, true, tag) !=
			TEST_SUCCESS ||
			only_tph_bits_of(&tx_layout, before, txq_ctx_sent[1]) !=
			TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_TX, 1, true, tag, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;

	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_TX, 1), "unbind txq 1");
	if (info_is(RTE_ETH_TPH_QUEUE_TX, 1, true, tag, true) != TEST_SUCCESS)
		return TEST_FAILED;
	tph_qctx_test_txq_stop(port, 1);
	if (txq_start(1) != TEST_SUCCESS || tx_ctx_is(1, false, 0) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT(memcmp(before, txq_ctx_sent[1], TXC_SIZE) == 0,
		"Tx context differs after unbind and restart");
	return info_is(RTE_ETH_TPH_QUEUE_TX, 1, false, 0, false);
}

/* Refused bindings change nothing: no context, nothing pending. */
static int
test_ice_tph_refused(void)
{
	uint8_t before[RXC_SIZE], after[RXC_SIZE];

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	rx_ctx_read(0, before);
	sim.forced_tag = 0x2a5;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 0, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), -ERANGE, "16-bit tag accepted");
	sim.forced_tag = 0;
	sim.fail_get_st = -ENOENT;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 0, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOENT, "no tag accepted");
	sim.fail_get_st = 0;
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 0, false, 0, false) != TEST_SUCCESS)
		return TEST_FAILED;
	if (rxq_start(0) != TEST_SUCCESS)
		return TEST_FAILED;
	rx_ctx_read(0, after);
	TEST_ASSERT(memcmp(before, after, RXC_SIZE) == 0,
		"context changed by a refused binding");
	return TEST_SUCCESS;
}

/*
 * A started Tx queue gets a binding only through a restart, which would
 * take it out of a TM hierarchy: refused with -EBUSY before anything is
 * recorded. Rx queues and stopped Tx queues are not concerned.
 */
static int
test_ice_tph_tm_hierarchy(void)
{
	struct rte_eth_tph_queue_binding b[2] = {
		{ RTE_ETH_TPH_QUEUE_RX, 0, 0, RTE_TPH_MEM_VOLATILE },
		{ RTE_ETH_TPH_QUEUE_TX, 0, 0, RTE_TPH_MEM_VOLATILE },
	};

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	b[0].lcore_id = b[1].lcore_id = tph_qctx_ts.main_lcore;
	fx->adapter.pf.tm_conf.nb_queue_node = 2;
	TEST_ASSERT_EQUAL(ice_tph_queues_bind(port, b, 2), -EBUSY,
		"Tx binding under a TM hierarchy");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "lookup before the check");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 0, false, 0, false) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(ice_tph_queues_bind(port, b, 1), "Rx binding");
	port->data->tx_queue_state[0] = RTE_ETH_QUEUE_STATE_STOPPED;
	TEST_ASSERT_SUCCESS(ice_tph_queues_bind(port, &b[1], 1),
		"stopped Tx queue");
	fx->adapter.pf.tm_conf.nb_queue_node = 0;
	return TEST_SUCCESS;
}

/* Stopped port or stopped queue: nothing pending; the next start loads it. */
static int
test_ice_tph_stopped(void)
{
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);

	TEST_ASSERT_SUCCESS(rte_eth_tph_qctx_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind on a stopped port");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 1, false, 0, false) != TEST_SUCCESS)
		return TEST_FAILED;
	port->data->dev_started = 1;
	if (queues_start() != TEST_SUCCESS ||
			rx_ctx_is(1, true, tag) != TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_RX, 1, true, tag, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;

	port->data->tx_queue_state[0] = RTE_ETH_QUEUE_STATE_STOPPED;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 0, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind a stopped queue");
	TEST_ASSERT_EQUAL(port->data->tx_queue_state[0],
		RTE_ETH_QUEUE_STATE_STOPPED, "stopped queue started");
	if (info_is(RTE_ETH_TPH_QUEUE_TX, 0, false, 0, false) != TEST_SUCCESS)
		return TEST_FAILED;
	if (txq_start(0) != TEST_SUCCESS || tx_ctx_is(0, true, tag) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	return info_is(RTE_ETH_TPH_QUEUE_TX, 0, true, tag, false);
}

/* Two Rx and two Tx queues in one call: one lookup batch of four. */
static int
test_ice_tph_batch(void)
{
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_qctx_test_batch(&ice_pmd, port, &sim, tph_qctx_ts.main_lcore);
}

/* A queue of the control VSI (flow director) is never steered. */
static int
test_ice_tph_fdir_queue(void)
{
	struct ice_vsi ctrl = fx->vsi;
	struct ice_rx_queue fdir;
	struct ice_rlan_ctx ctx;

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 0, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 0");
	ctrl.type = ICE_VSI_CTRL;
	fdir = fx->rxq[0];
	fdir.vsi = &ctrl;
	memset(&ctx, 0, sizeof(ctx));
	ice_tph_rxq_ctx_fill(&fdir, &ctx);
	TEST_ASSERT(ctx.cpuid == 0 && ctx.tphwdesc_ena == 0,
		"the flow director queue took rxq 0's tag");
	return TEST_SUCCESS;
}

static int
emu_dev_start(struct rte_eth_dev *dev)
{
	rte_eth_tph_qctx_dev_start(dev);
	return queues_start();
}

/*
 * Through ethdev: a binding recorded on a stopped port is loaded by the
 * start, with nothing pending; a rebinding of the running port is pending
 * until the queue restarts through ethdev; a refused binding unsteers
 * its queue at that restart.
 */
static int
test_ice_tph_ethdev(void)
{
	static struct eth_dev_ops ops;
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_info info;

	if (tph_qctx_test_ethdev_ds(&ice_pmd, &sim, port, &ops, emu_dev_start,
			tph_qctx_test_dev_close) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 2,
		RTE_ETH_TPH_QUEUE_RX, tph_qctx_ts.main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind while stopped");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	if (rx_ctx_is(2, true, tag) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 2,
		RTE_ETH_TPH_QUEUE_RX, &info), "info");
	TEST_ASSERT(info.applied && info.st == tag && !info.pending,
		"after start: st 0x%x pending %d", info.st, info.pending);

	sim.forced_tag = 0x66;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 2,
		RTE_ETH_TPH_QUEUE_RX, tph_qctx_ts.main_lcore, RTE_TPH_MEM_VOLATILE),
		"rebind");
	sim.forced_tag = 0;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 2,
		RTE_ETH_TPH_QUEUE_RX, &info), "info");
	TEST_ASSERT(info.bound && info.st == tag && info.pending,
		"rebound: st 0x%x pending %d", info.st, info.pending);
	TEST_ASSERT_SUCCESS(tph_qctx_test_ethdev_restart(port_id,
		RTE_ETH_TPH_QUEUE_RX, 2), "restart");
	if (rx_ctx_is(2, true, 0x66) != TEST_SUCCESS)
		return TEST_FAILED;

	sim.fail_get_st = -ENOENT;
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_queue_bind(port_id, 2,
		RTE_ETH_TPH_QUEUE_RX, tph_qctx_ts.main_lcore, RTE_TPH_MEM_VOLATILE), -ENOENT,
		"refused");
	sim.fail_get_st = 0;
	if (tph_qctx_test_ethdev_refused_is(port_id, RTE_ETH_TPH_QUEUE_RX, 2,
			-ENOENT) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(tph_qctx_test_ethdev_restart(port_id,
		RTE_ETH_TPH_QUEUE_RX, 2), "restart");
	if (rx_ctx_is(2, false, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_qctx_test_ethdev_close(&sim, &port);
}

static struct unit_test_suite ice_tph_suite = {
	.suite_name = "net/ice TPH (Device Specific mode)",
	.setup = tph_qctx_test_suite_setup,
	.teardown = tph_qctx_test_suite_teardown,
	.unit_test_cases = {
		TEST_CASE(test_ice_tph_ctx_set),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_caps),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_rx_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_tx_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_refused),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_tm_hierarchy),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_stopped),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_batch),
		TEST_CASE_ST(ut_setup, ut_teardown, test_ice_tph_fdir_queue),
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
