/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * net/i40e TPH (Device Specific mode) against a fake HMC and register space.
 *
 * The port's i40e_hw gets a zeroed block in place of BAR 0 and a host
 * memory cache of one direct segment in plain memory, so the PMD's own
 * queue init code (i40e_rx_queue_init(), i40e_tx_queue_init(), which pack
 * the LAN queue contexts with the base code's i40e_set_lan_*_queue_context)
 * writes contexts the test reads back bit by bit. Queue stop and start are
 * the test's: they count calls and can fail. Tags come from a simulated
 * TPH device registered with lib/tph.
 *
 * Context layouts: Intel Ethernet Controller X710/XXV710/XL710 Datasheet
 * (332464), HMC chapter, tables "LAN Receive Queue Context" (32 bytes)
 * and "LAN Transmit Queue Context" (128 bytes). The datasheet text could
 * not be retrieved while writing this test, so the bit positions below are
 * written out from those tables as Intel's shared base code documents them
 * (i40e_lan_hmc.c), not derived from the PMD's structures.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "test.h"
#include "test_tph_pmd_sim.h"

/* The defines net/i40e is built with: its structures depend on them. */
#define PF_DRIVER
#define VF_DRIVER
#define INTEGRATED_VF
#define X722_A0_SUPPORT
#include "base/i40e_type.h"
#include "i40e_ethdev.h"
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
#define RXC_CPUID 13      /* 8 bits */
#define RXC_BASE 32       /* 57 bits, 128-byte units */
#define RXC_QLEN 89       /* 13 bits */
#define RXC_TPHRDESC 193
#define RXC_TPHWDESC 194
#define RXC_TPHDATA 195
#define RXC_TPHHEAD 196
#define RXC_PREFENA 201

#define NB_DESC 512
#define RDYLIST 0x2a5

/* Queue stops and starts the PMD makes. */
static struct tph_sim_queue_calls qc;

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

static int
fake_rxq_start(struct rte_eth_dev *dev, uint16_t q)
{
	return tph_sim_queue_start(&qc, dev, RTE_ETH_TPH_QUEUE_RX, q);
}

static int
fake_txq_start(struct rte_eth_dev *dev, uint16_t q)
{
	return tph_sim_queue_start(&qc, dev, RTE_ETH_TPH_QUEUE_TX, q);
}

/* The TPH part of the PMD's eth_dev_ops, and fake queue start and stop. */
static const struct eth_dev_ops i40e_tph_test_ops = {
	.rx_queue_start = fake_rxq_start,
	.rx_queue_stop = fake_rxq_stop,
	.tx_queue_start = fake_txq_start,
	.tx_queue_stop = fake_txq_stop,
	.tph_caps_get = i40e_tph_caps_get,
	.tph_mode_set = i40e_tph_mode_set,
	.tph_queues_bind = i40e_tph_queues_bind,
	.tph_queues_unbind = i40e_tph_queues_unbind,
	.tph_queue_info_get = i40e_tph_queue_info_get,
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
	.dev_close = i40e_tph_dev_close,
};

struct fixture {
	struct i40e_adapter adapter;
	struct i40e_vsi vsi;
	struct i40e_hmc_obj_info hmc_obj[I40E_HMC_LAN_MAX];
	struct i40e_hmc_sd_entry sd;
	struct i40e_rx_queue rxq[NB_QUEUES];
	struct i40e_tx_queue txq[NB_QUEUES];
};

static struct tph_sim_dev sim;
static struct fixture *fx;
static uint8_t *bar, *hmc, *snapshot;
static struct rte_mempool *mp;
static struct rte_eth_dev *port;
static unsigned int main_lcore, main_cpu;

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

static bool
tph_bit(bool rx, unsigned int bit)
{
	if (rx)
		return (bit >= RXC_CPUID && bit < RXC_CPUID + 8) ||
			(bit >= RXC_TPHRDESC && bit <= RXC_TPHHEAD);
	return (bit >= TXC_CPUID && bit < TXC_CPUID + 8) ||
		(bit >= TXC_TPHRDESC && bit <= TXC_TPHWDESC);
}

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
					tph_bit(rx, (hmc + off - ctx) * 8 + bit))
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
	uint64_t cpuid = steered ? tag : 0;
	uint64_t enable = steered ? 1 : 0;

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
	/* The rest of the context is the queue's. */
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_QLEN, 13), (uint64_t)NB_DESC,
		"rxq %u QLEN", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_BASE, 57),
		fx->rxq[q].rx_ring_phys_addr / 128, "rxq %u base", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, RXC_PREFENA, 1), 1u, "rxq %u PREFENA", q);
	return TEST_SUCCESS;
}

static int
tx_ctx_is(uint16_t q, bool steered, uint16_t tag)
{
	const uint8_t *c = tx_ctx(q);
	uint64_t cpuid = steered ? tag : 0;
	uint64_t enable = steered ? 1 : 0;

	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_CPUID, 8), cpuid,
		"txq %u CPUID 0x%" PRIx64, q, tph_sim_ctx_bits(c, TXC_CPUID, 8));
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_TPHRDESC, 1), 0u,
		"txq %u descriptor fetch enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_TPHRPACKET, 1), 0u,
		"txq %u packet fetch enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_TPHWDESC, 1), enable,
		"txq %u descriptor write-back enable", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_QLEN, 13), (uint64_t)NB_DESC,
		"txq %u QLEN", q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_BASE, 57),
		fx->txq[q].tx_ring_phys_addr / 128, "txq %u base", q);
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
	calls_clear();
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
	if (tph_sim_pmd_setup(&i40e_pmd, &sim, &fx->adapter, &port) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	fx->adapter.pf.dev_data = port->data;
	port->data->mtu = RTE_ETHER_MTU;
	for (q = 0; q < NB_QUEUES; q++) {
		struct i40e_rx_queue *rxq = &fx->rxq[q];
		struct i40e_tx_queue *txq = &fx->txq[q];

		rxq->mp = mp;
		rxq->nb_rx_desc = NB_DESC;
		rxq->rx_ring_phys_addr = UINT64_C(0x12340000) + q * 0x10000;
		rxq->port_id = port->data->port_id;
		rxq->queue_id = q;
		rxq->reg_idx = q + REG_OFFSET;
		rxq->vsi = &fx->vsi;
		rxq->q_set = true;
		txq->nb_tx_desc = NB_DESC;
		txq->tx_ring_phys_addr = UINT64_C(0x56780000) + q * 0x10000;
		txq->port_id = port->data->port_id;
		txq->queue_id = q;
		txq->reg_idx = q + REG_OFFSET;
		txq->vsi = &fx->vsi;
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
	const struct i40e_tph_ctx_tag on = { .steered = true, .tag = 0xa5 };
	const struct i40e_tph_ctx_tag off = { .steered = false, .tag = 0xa5 };
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
		RTE_ETH_TPH_PMD_QUEUE_RESTART), "PF modes 0x%x", modes);
	/* A PF hosting VFs reports no mode (and logs why). */
	fx->adapter.pf.vf_num = 2;
	modes = 0xff;
	TEST_ASSERT_SUCCESS(i40e_tph_caps_get(port, &modes), "caps with VFs");
	TEST_ASSERT_EQUAL(modes, 0u, "PF with VFs: modes 0x%x", modes);
	fx->adapter.pf.vf_num = 0;
	TEST_ASSERT_EQUAL(i40e_tph_mode_set(port, RTE_TPH_MODE_IV), -ENOTSUP,
		"i40e has no IV mode");
	return TEST_SUCCESS;
}

/*
 * Rx queue 1 of a running port: one lookup, one restart, the tag in
 * CPUID (bits 20:13) and the write enables (194-196) of its context, and
 * no other bit of the HMC changed. Unbinding restores the context.
 */
static int
test_i40e_tph_rx_bind(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_info info;
	uint16_t q;

	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 1, main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOTSUP, "bind before ds");
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	/* Unbound queues carry no tag and no TPH enable. */
	for (q = 0; q < NB_QUEUES; q++)
		if (rx_ctx_is(q, false, 0) != TEST_SUCCESS ||
				tx_ctx_is(q, false, 0) != TEST_SUCCESS)
			return TEST_FAILED;
	take_snapshot();

	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 1");
	TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 1 &&
		sim.last_get[0].cpu == main_cpu, "one lookup of CPU %u",
		main_cpu);
	TEST_ASSERT(qc.nb_stop[RTE_ETH_TPH_QUEUE_RX][1] == 1 &&
		qc.nb_start[RTE_ETH_TPH_QUEUE_RX][1] == 1 && restarts() == 1,
		"rxq 1 restarted once, nothing else");
	if (rx_ctx_is(1, true, tag) != TEST_SUCCESS ||
			only_tph_of(true, 1) != TEST_SUCCESS)
		return TEST_FAILED;
	memset(&info, 0, sizeof(info));
	TEST_ASSERT_SUCCESS(i40e_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_RX,
		1, &info), "info");
	TEST_ASSERT(info.st_valid && info.st == tag && info.restarted,
		"info: st_valid %d st 0x%x restarted %d", info.st_valid,
		info.st, info.restarted);

	/* The same binding again: the context has it, no restart. */
	calls_clear();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind rxq 1 again");
	TEST_ASSERT_EQUAL(restarts(), 0u, "restart without a change");
	TEST_ASSERT_SUCCESS(i40e_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_RX,
		1, &info), "info");
	TEST_ASSERT(!info.restarted, "restarted reported without a restart");

	/* Unbind: a restart, and the HMC is as before the binding. */
	calls_clear();
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_RX, 1), "unbind");
	TEST_ASSERT_EQUAL(qc.nb_start[RTE_ETH_TPH_QUEUE_RX][1], 1u, "unbind restart");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"HMC differs after unbind");
	TEST_ASSERT_EQUAL(port->data->rx_queue_state[1],
		RTE_ETH_QUEUE_STATE_STARTED, "rxq 1 left stopped");
	return TEST_SUCCESS;
}

/* Tx queue 2, persistent memory: CPUID at 103:96, write-back enable 176. */
static int
test_i40e_tph_tx_bind(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_PERSISTENT);

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 2, main_lcore,
		RTE_TPH_MEM_PERSISTENT), "bind txq 2");
	TEST_ASSERT(qc.nb_stop[RTE_ETH_TPH_QUEUE_TX][2] == 1 &&
		qc.nb_start[RTE_ETH_TPH_QUEUE_TX][2] == 1 && restarts() == 1,
		"txq 2 restarted once, nothing else");
	if (tx_ctx_is(2, true, tag) != TEST_SUCCESS ||
			only_tph_of(false, 2) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_TX, 2), "unbind");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"HMC differs after unbind");
	return TEST_SUCCESS;
}

/*
 * Refused bindings: a tag wider than the 8-bit CPUID field, or no tag at
 * all. Nothing is restarted, no context changes.
 */
static int
test_i40e_tph_refused(void)
{
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	take_snapshot();
	sim.forced_tag = 0x1a5;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), -ERANGE, "16-bit tag accepted");
	sim.forced_tag = 0;
	sim.fail_get_st = -ENOENT;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOENT, "no tag accepted");
	sim.fail_get_st = 0;
	TEST_ASSERT_EQUAL(restarts(), 0u, "restart for a refused binding");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"HMC changed by a refused binding");
	return TEST_SUCCESS;
}

/*
 * A queue that cannot start again: the bind fails, the queue stays
 * stopped (reported, not hidden) and its context holds no tag, so that a
 * later start by the application does not steer it behind ethdev's back.
 */
static int
test_i40e_tph_restart_fails(void)
{
	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	take_snapshot();
	qc.start_err = -ENOMEM;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 2, main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOMEM, "failed restart not reported");
	TEST_ASSERT_EQUAL(port->data->rx_queue_state[2],
		RTE_ETH_QUEUE_STATE_STOPPED, "rxq 2 state");
	if (rx_ctx_is(2, false, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"HMC keeps a tag after a failed restart");
	return TEST_SUCCESS;
}

/*
 * Stopped port: nothing restarted, the binding is written by the next
 * dev_start. Stopped queue of a running port: its context is written at
 * once (the queue start of i40e does not write it), nothing restarted.
 */
static int
test_i40e_tph_stopped(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_info info;

	TEST_ASSERT_SUCCESS(i40e_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	TEST_ASSERT_SUCCESS(contexts_init(port), "queue init");
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind on a stopped port");
	TEST_ASSERT_EQUAL(restarts(), 0u, "restart on a stopped port");
	TEST_ASSERT(memcmp(hmc, snapshot, HMC_SIZE) == 0,
		"context written on a stopped port");
	port->data->dev_started = 1;
	TEST_ASSERT_SUCCESS(contexts_init(port), "dev_start");
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS)
		return TEST_FAILED;
	memset(&info, 0, sizeof(info));
	TEST_ASSERT_SUCCESS(i40e_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_RX,
		0, &info), "info");
	TEST_ASSERT(info.st_valid && info.st == tag && !info.restarted,
		"loaded at start: st 0x%x restarted %d", info.st,
		info.restarted);

	calls_clear();
	port->data->tx_queue_state[3] = RTE_ETH_QUEUE_STATE_STOPPED;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 3, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind a stopped queue");
	TEST_ASSERT_EQUAL(restarts(), 0u, "stopped queue restarted");
	TEST_ASSERT_EQUAL(port->data->tx_queue_state[3],
		RTE_ETH_QUEUE_STATE_STOPPED, "stopped queue started");
	return tx_ctx_is(3, true, tag);
}

/* Two Rx and two Tx queues in one call: one lookup batch of four. */
static int
test_i40e_tph_batch(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_binding b[4];
	unsigned int i;

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	tph_sim_four_bindings(b, main_lcore);
	TEST_ASSERT_SUCCESS(i40e_tph_queues_bind(port, b, 4), "bind 4");
	TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 4,
		"%u lookups of %u, 1 of 4 expected", sim.nb_get_st,
		sim.last_get_n);
	TEST_ASSERT_EQUAL(restarts(), 4u, "%u restarts", restarts());
	for (i = 0; i < 2; i++)
		if (rx_ctx_is(i, true, tag) != TEST_SUCCESS ||
				tx_ctx_is(i, true, tag) != TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
}

/*
 * A queue that is not the port's ethdev queue of its id (the flow
 * director's queue 0) is never steered, even while ethdev queue 0 is.
 */
static int
test_i40e_tph_fdir_queue(void)
{
	struct i40e_tx_queue fdir;
	const uint8_t *c = hmc + TXC_FPM_BASE; /* HMC object 0: unused */

	if (port_running() != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind txq 0");
	fdir = fx->txq[0];
	fdir.reg_idx = 0;
	TEST_ASSERT_SUCCESS(i40e_tx_queue_init(&fdir), "flow director init");
	TEST_ASSERT(tph_sim_ctx_bits(c, TXC_CPUID, 8) == 0 &&
		tph_sim_ctx_bits(c, TXC_TPHWDESC, 1) == 0,
		"the flow director queue took txq 0's tag");
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(c, TXC_QLEN, 13), (uint64_t)NB_DESC,
		"no context written");
	return TEST_SUCCESS;
}

static int
emu_dev_start(struct rte_eth_dev *dev)
{
	return contexts_init(dev);
}

static int
emu_dev_close(struct rte_eth_dev *dev)
{
	i40e_tph_dev_close(dev);
	tph_sim_port_forget_private(dev);
	return 0;
}

/*
 * The whole path through ethdev: a binding recorded on a stopped port
 * costs one restart after the first start and none after later ones; a
 * changed tag on the running port restarts the queue and says so; a
 * refused binding leaves its queue unbound, unsteered and reported.
 */
static int
test_i40e_tph_ethdev(void)
{
	static struct eth_dev_ops ops;
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_info info;

	if (tph_sim_pmd_ethdev_ds_restarting(&i40e_pmd, &sim, port, &ops,
			emu_dev_start, emu_dev_close) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind while stopped");
	/*
	 * ethdev hands the binding to the PMD once the port runs: the first
	 * start restarts the queue to load it.
	 */
	calls_clear();
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	TEST_ASSERT(qc.nb_start[RTE_ETH_TPH_QUEUE_RX][0] == 1 && restarts() == 1,
		"%u restarts at the first start, 1 expected", restarts());
	TEST_ASSERT_EQUAL(sim.nb_get_st, 1u, "%u lookups", sim.nb_get_st);
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, &info), "info");
	TEST_ASSERT(info.applied && info.st_valid && info.st == tag &&
		info.restarted, "after start: st 0x%x restarted %d",
		info.st, info.restarted);
	/* Stop and start again: the PMD writes the context with it. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port_id), "stop");
	calls_clear();
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start again");
	TEST_ASSERT_EQUAL(restarts(), 0u, "restart at the second start");
	if (rx_ctx_is(0, true, tag) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, &info), "info");
	TEST_ASSERT(info.st == tag && !info.restarted,
		"after the second start: st 0x%x restarted %d", info.st,
		info.restarted);

	/* The platform now answers another tag: the queue is restarted. */
	calls_clear();
	sim.forced_tag = 0x77;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind again");
	TEST_ASSERT_EQUAL(qc.nb_start[RTE_ETH_TPH_QUEUE_RX][0], 1u, "restart");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, &info), "info");
	TEST_ASSERT(info.st == 0x77 && info.restarted,
		"after rebinding: st 0x%x restarted %d", info.st,
		info.restarted);

	/* A tag too wide for CPUID: refused, the queue left unsteered. */
	sim.forced_tag = 0x177;
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_queue_bind(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, main_lcore, RTE_TPH_MEM_VOLATILE),
		-ERANGE, "wide tag");
	sim.forced_tag = 0;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, &info), "info");
	TEST_ASSERT(!info.bound && info.bind_failed && info.bind_err == -ERANGE,
		"refusal not reported: bound %d failed %d err %d", info.bound,
		info.bind_failed, info.bind_err);
	if (rx_ctx_is(0, false, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(port->data->rx_queue_state[0],
		RTE_ETH_QUEUE_STATE_STARTED, "rxq 0 left stopped");

	/* A failed restart through ethdev: reported as a refused binding. */
	qc.start_err = -EIO;
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_queue_bind(port_id, 1,
		RTE_ETH_TPH_QUEUE_TX, main_lcore, RTE_TPH_MEM_VOLATILE), -EIO,
		"failed restart");
	qc.start_err = 0;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 1,
		RTE_ETH_TPH_QUEUE_TX, &info), "info");
	TEST_ASSERT(!info.bound && info.bind_failed && info.bind_err == -EIO,
		"failed restart not reported");
	if (tx_ctx_is(1, false, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	if (tph_sim_pmd_ethdev_close(&sim, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_sim_check_left_off(&sim);
}

static int
testsuite_setup(void)
{
	mp = rte_pktmbuf_pool_create("tph_i40e_mp", 63, 0, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(mp, "mbuf pool");
	return tph_sim_pmd_suite_setup(&main_lcore, &main_cpu);
}

static void
testsuite_teardown(void)
{
	tph_sim_unpin_main_lcore();
	rte_mempool_free(mp);
	mp = NULL;
}

static struct unit_test_suite i40e_tph_suite = {
	.suite_name = "net/i40e TPH (Device Specific mode)",
	.setup = testsuite_setup,
	.teardown = testsuite_teardown,
	.unit_test_cases = {
		TEST_CASE(test_i40e_tph_ctx_set),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_caps),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_rx_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_tx_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_refused),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_restart_fails),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_stopped),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_batch),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_fdir_queue),
		TEST_CASE_ST(ut_setup, ut_teardown, test_i40e_tph_ethdev),
		TEST_CASES_END()
	}
};

static int
test_tph_i40e(void)
{
	return unit_test_suite_runner(&i40e_tph_suite);
}

REGISTER_TEST_COMMAND(tph_i40e_autotest, test_tph_i40e);
