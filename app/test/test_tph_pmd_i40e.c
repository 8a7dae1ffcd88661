/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * net/i40e TPH (Device Specific mode) against a fake HMC and register space.
 *
 * The port's i40e_hw gets a zeroed block in place of BAR 0 and a host
 * memory cache of one direct segment in plain memory, so the PMD's own
 * code writes the LAN queue contexts (i40e_rx_queue_init(),
 * i40e_tx_queue_init(), packing with the base code's
 * i40e_set_lan_*_queue_context) and the test reads them back bit by bit.
 * Queue starts are the PMD's too: i40e_dev_tx_queue_start() finds its
 * queue enabled in the fake QTX_ENA register; i40e_dev_rx_queue_start()
 * stops for want of mbufs once the context is written (its pool is empty:
 * there is no device to run the ring). Tags come from a simulated TPH
 * device registered with lib/tph. The PMD never restarts a queue: a change
 * to a started queue is pending until the test starts the queue again.
 *
 * Context layouts: bit positions checked against DPDK 22.11's base code
 * (i40e_lan_hmc.c, i40e_hmc_rxq_ce_info and i40e_hmc_txq_ce_info), written
 * out here as numbers rather than taken from those tables. X710/XL710
 * datasheet citations are missing: its HMC context pages were not
 * available.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>

#include "test.h"
#include "test_tph_pmd_qctx.h"
#include "test_tph_pmd_sim.h"

/* The defines net/i40e is built with: its structures depend on them. */
#define PF_DRIVER
#define VF_DRIVER
#define INTEGRATED_VF
#define X722_A0_SUPPORT
#include "base/i40e_type.h"
#include "i40e_ethdev.h"
#include "i40e_pf.h"
#include "i40e_rxtx.h"
#include "i40e_tph.h"

#define NB_QUEUES 4
/* Queue q uses HMC object q + REG_OFFSET, as a VMDq or VF offset would. */
#define REG_OFFSET 3
#define NB_OBJS (NB_QUEUES + REG_OFFSET)
#define BAR_SIZE 0x200000
#define HMC_SIZE 0x10000

/* LAN Tx queue context: 128 bytes, first in the fake FPM. */
#define TXC_SIZE 128
#define TXC_FPM_BASE 0
#define TXC_NEW_CONTEXT 30
#define TXC_BASE 32       /* 57 bits, 128-byte units */
#define TXC_CPUID 96      /* 8 bits */
#define TXC_QLEN 161      /* 13 bits */
#define TXC_TPHRDESC 174
#define TXC_TPHRPACKET 175
#define TXC_TPHWDESC 176
#define TXC_RDYLIST 980   /* 10 bits: line 7, bit 84 */
/* LAN Rx queue context: 32 bytes, after the Tx objects. */
#define RXC_SIZE 32
#define RXC_FPM_BASE (TXC_SIZE * NB_OBJS)
#define RXC_PREFENA 201

/* The LAN Rx context, the same in both PMDs (test_tph_pmd_qctx.h). */
#define RX_LAYOUT (&tph_qctx_test_lan_rx_layout)

#define NB_DESC 512
#define RDYLIST 0x2a5

/*
 * QTX_ENA of hardware Tx queue q and its QENA_REQ (bit 0) and QENA_STAT
 * (bit 2) set: DPDK 22.11 base code, i40e_register.h (I40E_QTX_ENA,
 * 0x00100000 + q * 4, and its QENA_REQ/QENA_STAT shifts).
 */
#define QTX_ENA_REG(q) (0x00100000u + 4u * (q))
#define QENA_ON 0x5u

static struct rte_eth_dev *port;

/*
 * The PMD's Rx queue start, up to the mbuf allocation the empty pool
 * refuses: the queue would run from there on.
 */
static int
rxq_start(struct rte_eth_dev *dev, uint16_t q)
{
	int ret = i40e_dev_rx_queue_start(dev, q);

	if (ret != -ENOMEM)
		return ret == 0 ? -EINVAL : ret;
	dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	return 0;
}

/* The TPH part of the PMD's eth_dev_ops, and its queue starts. */
static const struct eth_dev_ops i40e_tph_test_ops = {
	.rx_queue_start = rxq_start,
	.rx_queue_stop = tph_qctx_test_rxq_stop,
	.tx_queue_start = i40e_dev_tx_queue_start,
	.tx_queue_stop = tph_qctx_test_txq_stop,
	.tph_caps_get = i40e_tph_caps_get,
	.tph_mode_set = i40e_tph_mode_set,
	.tph_queues_bind = i40e_tph_queues_bind,
	.tph_queues_unbind = rte_eth_tph_qctx_queues_unbind,
	.tph_queue_info_get = rte_eth_tph_qctx_queue_info_get,
};

/* X710: DS mode only, no ST table (published lspci dumps). */
static const struct tph_sim_pmd i40e_pmd = {
	.name = "tph_pmd_i40e",
	.modes = RTE_TPH_CAP_MODE_DS,
	.st_location = RTE_TPH_ST_LOC_NONE,
	.st_table_size = 0,
	.ops = &i40e_tph_test_ops,
	.nb_queues = NB_QUEUES,
	.mode = RTE_TPH_MODE_DS,
	.dev_close = rte_eth_tph_qctx_dev_close,
};

struct fixture {
	struct i40e_adapter adapter;
	struct i40e_vsi vsi;
	struct i40e_vsi fdir_vsi;
	struct i40e_hmc_obj_info hmc_obj[I40E_HMC_LAN_MAX];
	struct i40e_hmc_sd_entry sd;
	struct i40e_rx_queue rxq[NB_QUEUES];
	struct i40e_tx_queue txq[NB_QUEUES];
};

static struct tph_sim_dev sim;
static struct fixture *fx;
static uint8_t *bar, *hmc, *snapshot;

static uint8_t *
rx_ctx(uint16_t q)
{
	return hmc + RXC_FPM_BASE + RXC_SIZE * (q + REG_OFFSET);
}

static uint8_t *
tx_ctx(uint16_t q)
{
	return hmc + TXC_FPM_BASE + TXC_SIZE * (q + REG_OFFSET);
}

/*
 * TPH fields of the Tx queue context, and where QLEN and the ring base
 * are: DPDK 22.11 base code (i40e_lan_hmc.c, i40e_hmc_txq_ce_info); no
 * datasheet page. The Rx context is tph_qctx_test_lan_rx_layout.
 */
static const struct tph_qctx_test_layout tx_layout = {
	.dir_name = "txq", .size = TXC_SIZE, .cpuid = TXC_CPUID,
	.base = TXC_BASE, .qlen = TXC_QLEN,
	.nb_set = 1, .set = { { "descriptor write-back", TXC_TPHWDESC } },
	.nb_cleared = 2, .cleared = {
		{ "descriptor fetch", TXC_TPHRDESC },
		{ "packet fetch", TXC_TPHRPACKET },
	},
};

/*
 * Since the snapshot, the HMC changed at most in the TPH fields of the
 * context of @p q (rx or tx; q < 0: nowhere).
 */
static int
only_tph_of(bool rx, int q)
{
	const uint8_t *ctx = q < 0 ? NULL : rx ? rx_ctx(q) : tx_ctx(q);
	unsigned int off, bit;

	for (off = 0; off < HMC_SIZE; off++) {
		if (hmc[off] == snapshot[off])
			continue;
		for (bit = 0; bit < 8; bit++) {
			uint8_t m = 1u << bit;

			if ((hmc[off] & m) == (snapshot[off] & m))
				continue;
			if (ctx != NULL && hmc + off >= ctx &&
					hmc + off < ctx + (rx ? RXC_SIZE : TXC_SIZE) &&
					tph_qctx_test_tph_bit(rx ? RX_LAYOUT : &tx_layout,
					(hmc + off - ctx) * 8 + bit))
				continue;
			printf("HMC byte 0x%x bit %u changed\n", off, bit);
			return TEST_FAILED;
		}
	}
	return TEST_SUCCESS;
}

/* The Rx context of q: tag and enables of a binding, or none. */
static int
rx_ctx_is(uint16_t q, bool steered, uint16_t tag)
{
	const uint8_t *c = rx_ctx(q);

	if (tph_qctx_test_ctx_is(RX_LAYOUT, c, q, steered, tag,
			fx->rxq[q].rx_ring_phys_addr, NB_DESC) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_PREFENA, 1), 1u, "rxq %u PREFENA", q);
	return TEST_SUCCESS;
}

static int
tx_ctx_is(uint16_t q, bool steered, uint16_t tag)
{
	const uint8_t *c = tx_ctx(q);

	if (tph_qctx_test_ctx_is(&tx_layout, c, q, steered, tag,
			fx->txq[q].tx_ring_phys_addr, NB_DESC) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_NEW_CONTEXT, 1), 1u,
		"txq %u new context", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_RDYLIST, 10), (uint64_t)RDYLIST,
		"txq %u ready list", q);
	return TEST_SUCCESS;
}

static void
take_snapshot(void)
{
	memcpy(snapshot, hmc, HMC_SIZE);
}

/* The PMD's view of a queue: loaded tag and pending. */
static int
info_is(enum rte_eth_tph_queue_dir dir, uint16_t q, bool st_valid,
		uint16_t st, bool pending)
{
	return tph_qctx_test_info_is(port, dir, q, st_valid, st, pending);
}

/* Start a queue again (the application's restart, after its stop). */
static int
queue_restart(enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	if (dir == RTE_ETH_TPH_QUEUE_RX) {
		tph_qctx_test_rxq_stop(port, q);
		return rxq_start(port, q);
	}
	tph_qctx_test_txq_stop(port, q);
	return i40e_dev_tx_queue_start(port, q);
}

/* What the PMD's dev_start does for the queues: write every context. */
static int
contexts_init(struct rte_eth_dev *dev)
{
	uint16_t q;

	for (q = 0; q < NB_QUEUES; q++) {
		if (i40e_rx_queue_init(&fx->rxq[q]) != 0 ||
				i40e_tx_queue_init(&fx->txq[q]) != 0)
			return -EIO;
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	}
	return 0;
}

/* A running port whose queue contexts are written, in DS mode. */
static int
port_running(void)
{
	TEST_ASSERT_SUCCESS(i40e_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	port->data->dev_started = 1;
	TEST_ASSERT_SUCCESS(contexts_init(port), "queue init");
	tph_sim_clear_calls(&sim);
	return TEST_SUCCESS;
}

static int
bind1(enum rte_eth_tph_queue_dir dir, uint16_t q, unsigned int lcore_id,
		enum rte_tph_mem_type mem_type)
{
	return tph_sim_pmd_bind1(&i40e_pmd, port, dir, q, lcore_id, mem_type);
}

static int
unbind1(enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	return tph_sim_pmd_unbind1(&i40e_pmd, port, dir, q);
}

static int
ut_setup(void)
{
	struct i40e_hw *hw;
	uint16_t q;

	fx = calloc(1, sizeof(*fx));
	bar = calloc(1, BAR_SIZE);
	hmc = calloc(1, HMC_SIZE);
	snapshot = calloc(1, HMC_SIZE);
	TEST_ASSERT(fx != NULL && bar != NULL && hmc != NULL &&
		snapshot != NULL, "no memory");
	hw = &fx->adapter.hw;
	hw->hw_addr = bar;
	hw->func_caps.rx_buf_chain_len = 5;
	hw->hmc.signature = I40E_HMC_INFO_SIGNATURE;
	hw->hmc.hmc_obj = fx->hmc_obj;
	fx->hmc_obj[I40E_HMC_LAN_TX].base = TXC_FPM_BASE;
	fx->hmc_obj[I40E_HMC_LAN_TX].size = TXC_SIZE;
	fx->hmc_obj[I40E_HMC_LAN_TX].cnt = NB_OBJS;
	fx->hmc_obj[I40E_HMC_LAN_RX].base = RXC_FPM_BASE;
	fx->hmc_obj[I40E_HMC_LAN_RX].size = RXC_SIZE;
	fx->hmc_obj[I40E_HMC_LAN_RX].cnt = NB_OBJS;
	fx->sd.entry_type = I40E_SD_TYPE_DIRECT;
	fx->sd.valid = true;
	fx->sd.u.bp.addr.va = hmc;
	hw->hmc.sd_table.sd_cnt = 1;
	hw->hmc.sd_table.sd_entry = &fx->sd;
	fx->adapter.pf.adapter = &fx->adapter;
	fx->vsi.adapter = &fx->adapter;
	fx->vsi.type = I40E_VSI_MAIN;
	fx->vsi.info.qs_handle[0] = rte_cpu_to_le_16(RDYLIST);
	fx->fdir_vsi = fx->vsi;
	fx->fdir_vsi.type = I40E_VSI_FDIR;
	if (tph_sim_pmd_setup(&i40e_pmd, &sim, &fx->adapter, &port) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	fx->adapter.pf.dev_data = port->data;
	port->data->mtu = RTE_ETHER_MTU;
	for (q = 0; q < NB_QUEUES; q++) {
		struct i40e_rx_queue *rxq = &fx->rxq[q];
		struct i40e_tx_queue *txq = &fx->txq[q];

		rxq->mp = tph_qctx_ts.mp;
		rxq->nb_rx_desc = NB_DESC;
		rxq->rx_ring_phys_addr = UINT64_C(0x12340000) + q * 0x10000;
		TPH_QCTX_TEST_QUEUE_FILL(rxq, port, q, q + REG_OFFSET,
			&fx->vsi);
		txq->nb_tx_desc = NB_DESC;
		txq->tx_ring_phys_addr = UINT64_C(0x56780000) + q * 0x10000;
		TPH_QCTX_TEST_QUEUE_FILL(txq, port, q, q + REG_OFFSET,
			&fx->vsi);
		port->data->rx_queues[q] = rxq;
		port->data->tx_queues[q] = txq;
		/* The fake device has every Tx queue enabled already. */
		*(uint32_t *)(bar + QTX_ENA_REG(q + REG_OFFSET)) = QENA_ON;
	}
	tph_sim_clear_calls(&sim);
	return TEST_SUCCESS;
}

static void
ut_teardown(void)
{
	tph_sim_pmd_teardown(&i40e_pmd, &sim, &port);
	free(fx);
	free(bar);
	free(hmc);
	free(snapshot);
	fx = NULL;
	bar = hmc = snapshot = NULL;
}

/* The context setters alone: which fields a binding owns. */
static int
test_i40e_tph_ctx_set(void)
{
	const struct rte_eth_tph_qctx_tag on = { .steered = true, .tag = 0xa5 };
	const struct rte_eth_tph_qctx_tag off = { .steered = false, .tag = 0xa5 };
	struct i40e_hmc_obj_rxq rx;
	struct i40e_hmc_obj_txq tx;

	/* 22.11 set all four Rx enables; a binding keeps fetches untagged. */
	memset(&rx, 0, sizeof(rx));
	rx.tphrdesc_ena = 1;
	rx.qlen = NB_DESC;
	i40e_tph_rxq_ctx_set(&rx, &on);
	TEST_ASSERT(rx.cpuid == 0xa5 && rx.tphrdesc_ena == 0 &&
		rx.tphwdesc_ena == 1 && rx.tphdata_ena == 1 &&
		rx.tphhead_ena == 1 && rx.qlen == NB_DESC, "Rx steered");
	i40e_tph_rxq_ctx_set(&rx, &off);
	TEST_ASSERT(rx.cpuid == 0 && rx.tphrdesc_ena == 0 &&
		rx.tphwdesc_ena == 0 && rx.tphdata_ena == 0 &&
		rx.tphhead_ena == 0 && rx.qlen == NB_DESC, "Rx unsteered");

	memset(&tx, 0, sizeof(tx));
	tx.tphrpacket_ena = 1;
	tx.qlen = NB_DESC;
	i40e_tph_txq_ctx_set(&tx, &on);
	TEST_ASSERT(tx.cpuid == 0xa5 && tx.tphrdesc_ena == 0 &&
		tx.tphrpacket_ena == 0 && tx.tphwdesc_ena == 1 &&
		tx.qlen == NB_DESC, "Tx steered");
	i40e_tph_txq_ctx_set(&tx, &off);
	TEST_ASSERT(tx.cpuid == 0 && tx.tphwdesc_ena == 0 &&
		tx.qlen == NB_DESC, "Tx unsteered");
	return TEST_SUCCESS;
}

static int
test_i40e_tph_caps(void)
{
	uint32_t modes = 0;

	TEST_ASSERT_SUCCESS(i40e_tph_caps_get(port, &modes), "caps");
	TEST_ASSERT_EQUAL(modes, (RTE_TPH_CAP_MODE_DS |
		RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START), "PF modes 0x%x", modes);
	/* A PF hosting VFs reports no mode (and logs why)... */
	fx->adapter.pf.vf_num = 2;
	modes = 0xff;
	TEST_ASSERT_SUCCESS(i40e_tph_caps_get(port, &modes), "caps with VFs");
	TEST_ASSERT_EQUAL(modes, 0u, "PF with VFs: modes 0x%x", modes);
	/* ...and refuses DS mode, asked for after the VFs came. */
	TEST_ASSERT_EQUAL(i40e_tph_mode_set(port, RTE_TPH_MODE_DS), -ENOTSUP,
		"ds mode with VFs");
	fx->adapter.pf.vf_num = 0;
	TEST_ASSERT_EQUAL(i40e_tph_mode_set(port, RTE_TPH_MODE_IV), -ENOTSUP,
		"i40e has no IV mode");
	return TEST_SUCCESS;
}

/*
 * Rx queue 1 of a running port: one lookup, nothing written and no queue
 * touched, the binding pending; the PMD's queue start writes the tag in
 * CPUID (bits 20:13) and the write enables (194-196) of its context, no
 * other bit of the HMC. Unbinding is pending until the next start, which
 * restores the context.
 */
static int
test_i40e_tph_rx_bind(void)
{
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);
	uint16_t q;

	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 1, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOTSUP, "bind before ds");
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	/* Unbound queues carry no tag and no TPH enable. */
	for (q = 0; q < NB_QUEUES; q++)
		if (rx_ctx_is(q, false, 0) != TEST_SUCCESS ||
				tx_ctx_is(q, false, 0) != TEST_SUCCESS)
			return TEST_FAILED;
	take_snapshot();

	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 1");
	TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 1 &&
		sim.last_get[0].cpu == tph_qctx_ts.main_cpu, "one lookup of CPU %u",
		tph_qctx_ts.main_cpu);
	TEST_ASSERT_EQUAL(port->data->rx_queue_state[1],
		RTE_ETH_QUEUE_STATE_STARTED, "the PMD touched the queue");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"context written under a started queue");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 1, false, 0, true) != TEST_SUCCESS)
		return TEST_FAILED;

	TEST_ASSERT_SUCCESS(queue_restart(RTE_ETH_TPH_QUEUE_RX, 1), "restart");
	if (rx_ctx_is(1, true, tag) != TEST_SUCCESS ||
			only_tph_of(true, 1) != TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_RX, 1, true, tag, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;

	/* The same binding again: the context has it, nothing pending. */
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 1 again");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 1, true, tag, false) != TEST_SUCCESS)
		return TEST_FAILED;

	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_RX, 1), "unbind");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 1, true, tag, true) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(queue_restart(RTE_ETH_TPH_QUEUE_RX, 1), "restart");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"HMC differs after unbind and restart");
	return info_is(RTE_ETH_TPH_QUEUE_RX, 1, false, 0, false);
}

/*
 * Tx queue 2, persistent memory: pending, then written by the PMD's
 * i40e_dev_tx_queue_start(): CPUID at 103:96, write-back enable 176.
 */
static int
test_i40e_tph_tx_bind(void)
{
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_PERSISTENT);

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 2, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_PERSISTENT), "bind txq 2");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"context written under a started queue");
	if (info_is(RTE_ETH_TPH_QUEUE_TX, 2, false, 0, true) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(queue_restart(RTE_ETH_TPH_QUEUE_TX, 2), "restart");
	TEST_ASSERT_EQUAL(port->data->tx_queue_state[2],
		RTE_ETH_QUEUE_STATE_STARTED, "txq 2 state");
	if (tx_ctx_is(2, true, tag) != TEST_SUCCESS ||
			only_tph_of(false, 2) != TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_TX, 2, true, tag, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_TX, 2), "unbind");
	TEST_ASSERT_SUCCESS(queue_restart(RTE_ETH_TPH_QUEUE_TX, 2), "restart");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"HMC differs after unbind");
	return TEST_SUCCESS;
}

/*
 * Refused bindings: a tag wider than the 8-bit CPUID field, or no tag at
 * all. Nothing recorded: nothing pending, and a restart writes no tag.
 */
static int
test_i40e_tph_refused(void)
{
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	take_snapshot();
	sim.forced_tag = 0x1a5;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 0, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), -ERANGE, "16-bit tag accepted");
	sim.forced_tag = 0;
	sim.fail_get_st = -ENOENT;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 0, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOENT, "no tag accepted");
	sim.fail_get_st = 0;
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 0, false, 0, false) != TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_TX, 0, false, 0, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(queue_restart(RTE_ETH_TPH_QUEUE_RX, 0), "restart");
	TEST_ASSERT_SUCCESS(queue_restart(RTE_ETH_TPH_QUEUE_TX, 0), "restart");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"HMC changed by a refused binding");
	return TEST_SUCCESS;
}

/*
 * A queue start whose context write fails: the start fails (the queue
 * stays stopped, the caller is told) and the binding stays pending, not
 * noted as loaded.
 */
static int
test_i40e_tph_write_fails(void)
{
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 2, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind txq 2");
	/* The HMC is unusable: the base code refuses to write a context. */
	fx->adapter.hw.hmc.signature = 0;
	TEST_ASSERT_EQUAL(queue_restart(RTE_ETH_TPH_QUEUE_TX, 2), -EIO,
		"failed context write not reported");
	fx->adapter.hw.hmc.signature = I40E_HMC_INFO_SIGNATURE;
	TEST_ASSERT_EQUAL(port->data->tx_queue_state[2],
		RTE_ETH_QUEUE_STATE_STOPPED, "txq 2 state");
	port->data->tx_queue_state[2] = RTE_ETH_QUEUE_STATE_STARTED;
	return info_is(RTE_ETH_TPH_QUEUE_TX, 2, false, 0, true);
}

/*
 * Stopped port: nothing pending, the binding is written by the next
 * dev_start. Stopped queue of a running port: nothing pending, its own
 * start writes it.
 */
static int
test_i40e_tph_stopped(void)
{
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);

	TEST_ASSERT_SUCCESS(i40e_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 0, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind on a stopped port");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"context written on a stopped port");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 0, false, 0, false) != TEST_SUCCESS)
		return TEST_FAILED;
	port->data->dev_started = 1;
	TEST_ASSERT_SUCCESS(contexts_init(port), "dev_start");
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_RX, 0, true, tag, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;

	port->data->tx_queue_state[3] = RTE_ETH_QUEUE_STATE_STOPPED;
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 3, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind a stopped queue");
	TEST_ASSERT_EQUAL(port->data->tx_queue_state[3],
		RTE_ETH_QUEUE_STATE_STOPPED, "stopped queue started");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"context of a stopped queue written at bind");
	if (info_is(RTE_ETH_TPH_QUEUE_TX, 3, false, 0, false) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(i40e_dev_tx_queue_start(port, 3), "queue start");
	return tx_ctx_is(3, true, tag);
}

/*
 * Two Rx and two Tx queues in one call: one lookup batch of four. An
 * empty call looks nothing up.
 */
static int
test_i40e_tph_batch(void)
{
	struct rte_eth_tph_queue_binding none[1];

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	memset(none, 0, sizeof(none));
	TEST_ASSERT_SUCCESS(i40e_tph_queues_bind(port, none, 0), "empty bind");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "lookup for no queue");
	return tph_qctx_test_batch(&i40e_pmd, port, &sim, tph_qctx_ts.main_lcore);
}

/*
 * A queue of the flow director VSI with the id of a bound ethdev queue
 * (the flow director's queue 0) is never steered.
 */
static int
test_i40e_tph_fdir_queue(void)
{
	struct i40e_tx_queue fdir;
	const uint8_t *c = hmc + TXC_FPM_BASE; /* HMC object 0: unused */

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 0, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind txq 0");
	fdir = fx->txq[0];
	fdir.reg_idx = 0;
	fdir.vsi = &fx->fdir_vsi;
	TEST_ASSERT_SUCCESS(i40e_tx_queue_init(&fdir), "flow director init");
	TEST_ASSERT(tph_sim_ctx_bits(c, TXC_CPUID, 8) == 0 &&
		tph_sim_ctx_bits(c, TXC_TPHWDESC, 1) == 0,
		"the flow director queue took txq 0's tag");
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_QLEN, 13), (uint64_t)NB_DESC,
		"no context written");
	/* ...and its context write is not taken for txq 0's. */
	return info_is(RTE_ETH_TPH_QUEUE_TX, 0, false, 0, true);
}

/* What the PMD's dev_start does: bindings, then every context. */
static int
emu_dev_start(struct rte_eth_dev *dev)
{
	rte_eth_tph_qctx_dev_start(dev);
	return contexts_init(dev);
}

/* A PMD reason to refuse rxq 1 (i40e has none): a refused start batch. */
static int
refuse_rxq1(__rte_unused struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	return dir == RTE_ETH_TPH_QUEUE_RX && queue_id == 1 ? -EBUSY : 0;
}

/* tph_queues_bind whose batches holding rxq 1 are refused. */
static int
bind_refusing_rxq1(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	return rte_eth_tph_qctx_queues_bind(dev, bindings, n, refuse_rxq1);
}

/* The ops of the port handed to ethdev (ethdev_port_ds()). */
static struct eth_dev_ops ethdev_ops;

/* The port handed to ethdev in DS mode, with the test's @p dev_start. */
static int
ethdev_port_ds(eth_dev_start_t dev_start)
{
	return tph_qctx_test_ethdev_ds(&i40e_pmd, &sim, port, &ethdev_ops,
		dev_start, tph_qctx_test_dev_close);
}

/*
 * The whole path through ethdev: a binding recorded on a stopped port is
 * in the context after the first start, nothing pending; a changed tag
 * on the running port is pending until the queue restarts through
 * ethdev; an unbinding too; a refused binding leaves its queue unbound,
 * reported, and unsteered after its restart.
 */
static int
test_i40e_tph_ethdev(void)
{
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);

	if (ethdev_port_ds(emu_dev_start) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, tph_qctx_ts.main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind while stopped");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS ||
			tph_qctx_test_ethdev_info_is(port_id, RTE_ETH_TPH_QUEUE_RX, 0, true,
				tag, false) != TEST_SUCCESS)
		return TEST_FAILED;
	/* Stop and start again: the PMD writes the context with it. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port_id), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start again");
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS ||
			tph_qctx_test_ethdev_info_is(port_id, RTE_ETH_TPH_QUEUE_RX, 0, true,
				tag, false) != TEST_SUCCESS)
		return TEST_FAILED;

	/* The platform now answers another tag: pending until a restart. */
	sim.forced_tag = 0x77;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, tph_qctx_ts.main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind again");
	sim.forced_tag = 0;
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS ||
			tph_qctx_test_ethdev_info_is(port_id, RTE_ETH_TPH_QUEUE_RX, 0, true,
				tag, true) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(tph_qctx_test_ethdev_restart(port_id,
		RTE_ETH_TPH_QUEUE_RX, 0), "restart");
	if (rx_ctx_is(0, true, 0x77) != TEST_SUCCESS ||
			tph_qctx_test_ethdev_info_is(port_id, RTE_ETH_TPH_QUEUE_RX, 0, true,
				0x77, false) != TEST_SUCCESS)
		return TEST_FAILED;

	/* An unbinding of the started queue: pending, then cleared. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_unbind(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX), "unbind");
	if (tph_qctx_test_ethdev_info_is(port_id, RTE_ETH_TPH_QUEUE_RX, 0, false, 0,
			true) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(tph_qctx_test_ethdev_restart(port_id,
		RTE_ETH_TPH_QUEUE_RX, 0), "restart");
	if (rx_ctx_is(0, false, 0) != TEST_SUCCESS ||
			tph_qctx_test_ethdev_info_is(port_id, RTE_ETH_TPH_QUEUE_RX, 0, false,
				0, false) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Tx queue 1 steered, then a tag too wide for CPUID: refused. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 1,
		RTE_ETH_TPH_QUEUE_TX, tph_qctx_ts.main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind txq 1");
	TEST_ASSERT_SUCCESS(tph_qctx_test_ethdev_restart(port_id,
		RTE_ETH_TPH_QUEUE_TX, 1), "restart");
	if (tx_ctx_is(1, true, tag) != TEST_SUCCESS)
		return TEST_FAILED;
	sim.forced_tag = 0x177;
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_queue_bind(port_id, 1,
		RTE_ETH_TPH_QUEUE_TX, tph_qctx_ts.main_lcore, RTE_TPH_MEM_VOLATILE),
		-ERANGE, "wide tag");
	sim.forced_tag = 0;
	if (tph_qctx_test_ethdev_refused_is(port_id, RTE_ETH_TPH_QUEUE_TX, 1,
			-ERANGE) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(tph_qctx_test_ethdev_restart(port_id,
		RTE_ETH_TPH_QUEUE_TX, 1), "restart");
	if (tx_ctx_is(1, false, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_qctx_test_ethdev_close(&sim, &port);
}

/*
 * Turning TPH off and on again on a running port (through ethdev): the
 * started rxq 0 keeps tagging with what its context holds, so in DS mode
 * again the PMD reports that tag and the queue pending (ethdev: unbound,
 * pending) until a restart, which unsteers it.
 */
static int
test_i40e_tph_off_then_ds(void)
{
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);

	if (ethdev_port_ds(emu_dev_start) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, tph_qctx_ts.main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind rxq 0");
	TEST_ASSERT_SUCCESS(tph_qctx_test_ethdev_restart(port_id,
		RTE_ETH_TPH_QUEUE_RX, 0), "restart");
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_OFF),
		"mode off");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_DS),
		"mode ds again");
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_RX, 0, true, tag, true) !=
			TEST_SUCCESS ||
			tph_qctx_test_ethdev_info_is(port_id, RTE_ETH_TPH_QUEUE_RX,
				0, false, 0, true) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(tph_qctx_test_ethdev_restart(port_id,
		RTE_ETH_TPH_QUEUE_RX, 0), "restart after ds");
	if (rx_ctx_is(0, false, 0) != TEST_SUCCESS ||
			info_is(RTE_ETH_TPH_QUEUE_RX, 0, false, 0, false) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	return tph_qctx_test_ethdev_close(&sim, &port);
}

/*
 * The PMD's TPH state is in the memzone every process of the application
 * maps (a secondary's `show port tph` reads it): what the PMD reports
 * follows the memzone's bytes, not memory of this process alone.
 */
static int
test_i40e_tph_state_shared(void)
{
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);
	const struct rte_memzone *mz;
	void *saved;

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1, tph_qctx_ts.main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 1");
	TEST_ASSERT_SUCCESS(queue_restart(RTE_ETH_TPH_QUEUE_RX, 1), "restart");
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 1, true, tag, false) != TEST_SUCCESS)
		return TEST_FAILED;
	mz = rte_memzone_lookup(TPH_QCTX_TEST_MZ_NAME);
	TEST_ASSERT_NOT_NULL(mz, "no shared memzone %s", TPH_QCTX_TEST_MZ_NAME);
	saved = malloc(mz->len);
	TEST_ASSERT_NOT_NULL(saved, "copy");
	memcpy(saved, mz->addr, mz->len);
	/* As a process that never bound anything would see it... */
	memset(mz->addr, 0, mz->len);
	if (info_is(RTE_ETH_TPH_QUEUE_RX, 1, false, 0, false) != TEST_SUCCESS) {
		free(saved);
		return TEST_FAILED;
	}
	/* ...and back: the tag and the pending state come from the zone. */
	memcpy(mz->addr, saved, mz->len);
	free(saved);
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_RX, 1), "unbind");
	return info_is(RTE_ETH_TPH_QUEUE_RX, 1, true, tag, true);
}

/*
 * A start whose batch of recorded bindings is refused for one queue
 * loads the others one at a time: rxq 0 starts steered, nothing pending;
 * rxq 1 starts unsteered.
 */
static int
test_i40e_tph_start_batch_refused(void)
{
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);
	uint16_t q;

	struct rte_eth_tph_queue_info info;

	if (ethdev_port_ds(emu_dev_start) != TEST_SUCCESS)
		return TEST_FAILED;
	ethdev_ops.tph_queues_bind = bind_refusing_rxq1;
	for (q = 0; q < 2; q++)
		TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, q,
			RTE_ETH_TPH_QUEUE_RX, tph_qctx_ts.main_lcore,
			RTE_TPH_MEM_VOLATILE), "bind rxq %u while stopped", q);
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS ||
			tph_qctx_test_ethdev_info_is(port_id, RTE_ETH_TPH_QUEUE_RX,
				0, true, tag, false) != TEST_SUCCESS ||
			rx_ctx_is(1, false, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	/* rxq 1 never held a tag: reported refused, nothing pending. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 1,
		RTE_ETH_TPH_QUEUE_RX, &info), "info rxq 1");
	TEST_ASSERT(!info.bound && info.bind_failed &&
		info.bind_err == -EBUSY && !info.pending,
		"rxq 1: bound %d failed %d err %d pending %d", info.bound,
		info.bind_failed, info.bind_err, info.pending);
	return tph_qctx_test_ethdev_close(&sim, &port);
}

/*
 * One tag lookup per start: the bindings recorded while the port was
 * stopped reach the platform as one rte_tph_get_st() batch, taken before
 * the contexts are written, and ethdev's programming after the start
 * does not look them up again. The same for a restart of the port.
 */
static int
test_i40e_tph_start_one_lookup(void)
{
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_binding b[3] = {
		{ .dir = RTE_ETH_TPH_QUEUE_RX, .queue_id = 0 },
		{ .dir = RTE_ETH_TPH_QUEUE_RX, .queue_id = 1 },
		{ .dir = RTE_ETH_TPH_QUEUE_TX, .queue_id = 0 },
	};
	unsigned int i;
	int round;

	if (ethdev_port_ds(emu_dev_start) != TEST_SUCCESS)
		return TEST_FAILED;
	for (i = 0; i < RTE_DIM(b); i++) {
		b[i].lcore_id = tph_qctx_ts.main_lcore;
		b[i].mem_type = RTE_TPH_MEM_VOLATILE;
	}
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(port_id, b,
		RTE_DIM(b)), "bind while stopped");
	for (round = 0; round < 2; round++) {
		tph_sim_clear_calls(&sim);
		TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start %d",
			round);
		TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 3,
			"start %d: %u tag lookups (last of %u queues), want one of 3",
			round, sim.nb_get_st, sim.last_get_n);
		if (rx_ctx_is(0, true, tag) != TEST_SUCCESS ||
				rx_ctx_is(1, true, tag) != TEST_SUCCESS ||
				tx_ctx_is(0, true, tag) != TEST_SUCCESS ||
				tph_qctx_test_ethdev_info_is(port_id,
					RTE_ETH_TPH_QUEUE_TX, 0, true, tag,
					false) != TEST_SUCCESS)
			return TEST_FAILED;
		TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port_id), "stop %d",
			round);
	}
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	return tph_qctx_test_ethdev_close(&sim, &port);
}

/* The next dev_start fails in the PMD, before it writes any context. */
static bool fail_next_dev_start;

static int
emu_dev_start_may_fail(struct rte_eth_dev *dev)
{
	if (!fail_next_dev_start)
		return emu_dev_start(dev);
	fail_next_dev_start = false;
	rte_eth_tph_qctx_dev_start(dev);
	return -EIO;
}

/*
 * A start failing in the PMD's dev_start, after ethdev programmed the
 * bindings for it, leaves nothing that changes the next start: a binding
 * removed in between is gone from its context, the others are loaded
 * from one tag lookup, and nothing is pending.
 */
static int
test_i40e_tph_start_after_failed_start(void)
{
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(tph_qctx_ts.main_cpu, RTE_TPH_MEM_VOLATILE);
	uint16_t q;

	if (ethdev_port_ds(emu_dev_start_may_fail) != TEST_SUCCESS)
		return TEST_FAILED;
	for (q = 0; q < 2; q++)
		TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, q,
			RTE_ETH_TPH_QUEUE_RX, tph_qctx_ts.main_lcore,
			RTE_TPH_MEM_VOLATILE), "bind rxq %u while stopped", q);
	fail_next_dev_start = true;
	TEST_ASSERT(rte_eth_dev_start(port_id) != 0, "failing start succeeded");
	TEST_ASSERT(!port->data->dev_started, "port started");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_unbind(port_id, 1,
		RTE_ETH_TPH_QUEUE_RX), "unbind rxq 1");
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 1,
		"%u tag lookups (last of %u queues), want one of 1",
		sim.nb_get_st, sim.last_get_n);
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS ||
			tph_qctx_test_ethdev_info_is(port_id, RTE_ETH_TPH_QUEUE_RX,
				0, true, tag, false) != TEST_SUCCESS ||
			rx_ctx_is(1, false, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_qctx_test_ethdev_close(&sim, &port);
}

/*
 * The PF writes the Rx contexts of its VFs' queues too
 * (VIRTCHNL_OP_CONFIG_VSI_QUEUES): no TPH enable there either, or the
 * VF queue would tag its writes with tag 0 once TPH runs in DS mode.
 * The VF's queue 0 is HMC object 0, below the PF's queues.
 */
static int
test_i40e_tph_vf_rx_context(void)
{
	const uint64_t vf_ring = UINT64_C(0x9abc0000);
	/* virtchnl's length check counts the pair inside info too. */
	struct {
		struct virtchnl_vsi_queue_config_info info;
		struct virtchnl_queue_pair_info room;
	} msg;
	struct virtchnl_queue_pair_info *qp = &msg.info.qpair[0];
	struct i40e_pf *pf = &fx->adapter.pf;
	struct i40e_pf_vf vf;
	struct i40e_vsi vf_vsi;

	/* Every byte of the context set, so a cleared enable shows. */
	memset(hmc + RXC_FPM_BASE, 0xff, RXC_SIZE);
	vf_vsi = fx->vsi;
	vf_vsi.type = I40E_VSI_SRIOV;
	vf_vsi.base_queue = 0;
	vf_vsi.nb_qps = 1;
	memset(&vf, 0, sizeof(vf));
	vf.pf = pf;
	vf.vsi = &vf_vsi;
	vf.version.major = VIRTCHNL_VERSION_MAJOR;
	vf.version.minor = VIRTCHNL_VERSION_MINOR;
	pf->vfs = &vf;
	pf->vf_num = 1;
	memset(&msg, 0, sizeof(msg));
	msg.info.num_queue_pairs = 1;
	qp->rxq.ring_len = NB_DESC;
	qp->rxq.databuffer_size = 2048;
	qp->rxq.max_pkt_size = RTE_ETHER_MAX_LEN;
	qp->rxq.dma_ring_addr = vf_ring;
	qp->txq.ring_len = NB_DESC;
	qp->txq.dma_ring_addr = vf_ring + 0x10000;
	/* The reply to the VF fails (no admin queue): the context is written. */
	i40e_pf_host_handle_vf_msg(port, 0, VIRTCHNL_OP_CONFIG_VSI_QUEUES, 0,
		(uint8_t *)&msg, sizeof(msg));
	pf->vfs = NULL;
	pf->vf_num = 0;
	return tph_qctx_test_ctx_is(RX_LAYOUT, hmc + RXC_FPM_BASE, 0, false,
		0, vf_ring, NB_DESC);
}

static struct unit_test_suite i40e_tph_suite = {
	.suite_name = "net/i40e TPH (Device Specific mode)",
	.setup = tph_qctx_test_suite_setup,
	.teardown = tph_qctx_test_suite_teardown,
	.unit_test_cases = {
		TEST_CASE(test_i40e_tph_ctx_set),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_caps),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_rx_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_tx_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_refused),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_write_fails),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_stopped),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_batch),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_fdir_queue),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_ethdev),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_off_then_ds),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_state_shared),
		TEST_CASE_ST(ut_setup, ut_teardown,
			test_i40e_tph_start_batch_refused),
		TEST_CASE_ST(ut_setup, ut_teardown,
			test_i40e_tph_start_one_lookup),
		TEST_CASE_ST(ut_setup, ut_teardown,
			test_i40e_tph_start_after_failed_start),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_vf_rx_context),
		TEST_CASES_END()
	}
};

static int
test_tph_i40e(void)
{
	return unit_test_suite_runner(&i40e_tph_suite);
}

REGISTER_TEST_COMMAND(tph_i40e_autotest, test_tph_i40e);
