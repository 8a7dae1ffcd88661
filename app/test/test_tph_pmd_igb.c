/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * net/e1000 igb TPH (Device Specific mode) against a fake register space.
 *
 * The port's e1000_hw points at a zeroed 64 KiB block instead of BAR 0,
 * so the PMD's real TPH callbacks (igb_tph_*) write RXCTL, TXCTL and
 * DCA_CTRL into memory the test reads back; tags come from a simulated
 * TPH device registered with lib/tph. Offsets and bit positions below are
 * written out from the I350/I210 datasheets, not taken from the PMD, so a
 * wrong register or field in the PMD fails here.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>

#include "test.h"
#include "test_tph_pmd_sim.h"

#include "base/e1000_api.h"
#include "e1000_ethdev.h"
#include "igb_tph.h"

#define REGS_SIZE 0x10000

/* Datasheet offsets: queues 0-3 in the first block, 4-15 in the second. */
#define RXCTL0 0x02814
#define RXCTL3 0x02b14
#define RXCTL5 0x0c154
#define TXCTL0 0x03814
#define TXCTL1 0x03914
#define TXCTL7 0x0e1d4
#define DCA_CTRL 0x05b74

/* Datasheet bits: CPUID 31:24; Rx enables desc 5, header 6, payload 7. */
#define TAG_SHIFT 24
#define RX_DESC_EN 0x20u
#define RX_HEAD_EN 0x40u
#define RX_DATA_EN 0x80u
#define TX_DESC_EN 0x20u
/* Relaxed ordering bits (9, 11, 13) that are on after reset: kept. */
#define RO_BITS 0x2a00u
#define DCA_DIS 0x1u
#define DCA_MODE_CB2 0x2u

/* The TPH part of the PMD's eth_dev_ops, as igb_ethdev.c sets it. */
static const struct eth_dev_ops igb_tph_test_ops = {
	.tph_caps_get = igb_tph_caps_get,
	.tph_mode_set = igb_tph_mode_set,
	.tph_queues_bind = igb_tph_queues_bind,
	.tph_queues_unbind = igb_tph_queues_unbind,
	.tph_queue_info_get = igb_tph_queue_info_get,
};

/* The I350's capability: IV and DS, 8 entries in the capability. */
static const struct tph_sim_pmd igb_pmd = {
	.name = "tph_pmd_igb",
	.modes = RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS,
	.st_location = RTE_TPH_ST_LOC_CAP,
	.st_table_size = 8,
	.ops = &igb_tph_test_ops,
	.nb_queues = 4,
	.mode = RTE_TPH_MODE_DS,
	.dev_close = igb_tph_dev_close,
};

static struct tph_sim_dev sim;
static struct e1000_adapter *adapter;
static uint8_t *regs, *snapshot;
static struct rte_eth_dev *port;
static unsigned int main_lcore, main_cpu;

/* The PMD's callbacks on one queue: what ethdev passes for a single queue. */
static int
bind1(enum rte_eth_tph_queue_dir dir, uint16_t q, unsigned int lcore_id,
		enum rte_tph_mem_type mem_type)
{
	return tph_sim_pmd_bind1(&igb_pmd, port, dir, q, lcore_id, mem_type);
}

static int
unbind1(enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	return tph_sim_pmd_unbind1(&igb_pmd, port, dir, q);
}

static uint32_t
reg_read(uint32_t off)
{
	uint32_t v;

	memcpy(&v, regs + off, sizeof(v));
	return v;
}

static void
reg_write(uint32_t off, uint32_t v)
{
	memcpy(regs + off, &v, sizeof(v));
}

/* Every dword but the listed ones is as in the snapshot. */
static int
only_changed(const uint32_t *offs, unsigned int n)
{
	uint32_t off;
	unsigned int i;

	for (off = 0; off < REGS_SIZE; off += 4) {
		bool listed = false;

		for (i = 0; i < n; i++)
			listed |= offs[i] == off;
		if (!listed && memcmp(regs + off, snapshot + off, 4) != 0) {
			printf("register 0x%05x changed to 0x%08x\n", off,
				reg_read(off));
			return TEST_FAILED;
		}
	}
	return TEST_SUCCESS;
}

static void
take_snapshot(void)
{
	memcpy(snapshot, regs, REGS_SIZE);
}

static int
test_igb_tph_values(void)
{
	const uint32_t rx_all = RX_DESC_EN | RX_HEAD_EN | RX_DATA_EN;

	TEST_ASSERT_EQUAL(IGB_TPH_RXCTL_ENABLES, rx_all, "Rx enables 0x%x",
		(unsigned int)IGB_TPH_RXCTL_ENABLES);
	TEST_ASSERT_EQUAL(IGB_TPH_TXCTL_ENABLES, TX_DESC_EN, "Tx enables 0x%x",
		(unsigned int)IGB_TPH_TXCTL_ENABLES);

	/* Tag in 31:24 and the enables; everything else kept. */
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0, 0xab, rx_all), 0xab0000e0u,
		"Rx from 0");
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(RO_BITS | 0x1f, 0x01, rx_all),
		(0x01000000u | RO_BITS | 0x1f | rx_all), "Rx keeps other bits");
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0x55002a00u | rx_all, 0xc3,
		rx_all), (0xc3002a00u | rx_all), "Rx replaces the old tag");
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0, 0x7f, RX_DESC_EN),
		0x7f000020u, "Rx descriptors only");
	/* Clearing: no tag, no enables, the rest kept. */
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0xc3002a00u | rx_all, 0xc3, 0),
		0x00002a00u, "Rx clear");
	/* Bits that are not Rx enables are not set by the enables mask. */
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0, 0x10, rx_all | 0x100),
		0x100000e0u, "Rx stray enable bit");

	TEST_ASSERT_EQUAL(igb_tph_txctl_value(RO_BITS, 0x7f, TX_DESC_EN),
		(0x7f000000u | RO_BITS | TX_DESC_EN), "Tx");
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0x11000000u | RO_BITS | TX_DESC_EN,
		0x22, TX_DESC_EN), (0x22000000u | RO_BITS | TX_DESC_EN),
		"Tx replaces the old tag");
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0x22000000u | RO_BITS | TX_DESC_EN,
		0, 0), RO_BITS, "Tx clear");
	/* Tx has no header/payload enables: bits 6 and 7 are not touched. */
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0xc0, 0x22, TX_DESC_EN | 0xc0),
		0x220000e0u, "Tx keeps bits 6-7 as they were");
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0, 0x22, 0xc0), 0u,
		"Tx enables only bit 5");

	/* DCA_CTRL: enable clears DCA_DIS and selects DCA 1.0 (CB2). */
	TEST_ASSERT_EQUAL(igb_tph_dca_ctrl_value(DCA_DIS, true), DCA_MODE_CB2,
		"DCA enable");
	TEST_ASSERT_EQUAL(igb_tph_dca_ctrl_value(DCA_MODE_CB2, false), DCA_DIS,
		"DCA disable");
	TEST_ASSERT_EQUAL(igb_tph_dca_ctrl_value(0xf0u | DCA_DIS, true),
		(0xf0u | DCA_MODE_CB2), "DCA enable keeps other bits");
	TEST_ASSERT_EQUAL(igb_tph_dca_ctrl_value(0xf0u | DCA_MODE_CB2, false),
		(0xf0u | DCA_DIS), "DCA disable keeps other bits");
	return TEST_SUCCESS;
}

/* Fresh registers, adapter, simulated device in DS mode, fake port. */
static int
ut_setup(void)
{
	regs = calloc(1, REGS_SIZE);
	snapshot = calloc(1, REGS_SIZE);
	adapter = calloc(1, sizeof(*adapter));
	TEST_ASSERT(regs != NULL && snapshot != NULL && adapter != NULL,
		"no memory");
	adapter->hw.hw_addr = regs;
	adapter->hw.mac.type = e1000_i350;
	/* Reset values: DCA disabled, relaxed ordering on in every queue. */
	reg_write(DCA_CTRL, DCA_DIS);
	reg_write(RXCTL0 + 0x100, RO_BITS);
	reg_write(TXCTL1, RO_BITS);
	return tph_sim_pmd_setup(&igb_pmd, &sim, adapter, &port);
}

static void
ut_teardown(void)
{
	tph_sim_pmd_teardown(&igb_pmd, &sim, &port);
	free(adapter);
	free(regs);
	free(snapshot);
	adapter = NULL;
	regs = snapshot = NULL;
}

static int
test_igb_tph_offsets(void)
{
	struct e1000_hw *hw = &adapter->hw;
	const struct {
		enum rte_eth_tph_queue_dir dir;
		uint16_t reg_idx;
		uint32_t off;
	} cases[] = {
		{ RTE_ETH_TPH_QUEUE_RX, 0, RXCTL0 },
		{ RTE_ETH_TPH_QUEUE_RX, 3, RXCTL3 },
		{ RTE_ETH_TPH_QUEUE_RX, 5, RXCTL5 },
		{ RTE_ETH_TPH_QUEUE_TX, 0, TXCTL0 },
		{ RTE_ETH_TPH_QUEUE_TX, 7, TXCTL7 },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(cases); i++) {
		bool rx = cases[i].dir == RTE_ETH_TPH_QUEUE_RX;
		uint32_t want = rx ? 0x5a0000e0u : 0x5a000020u;
		uint32_t enables = rx ? IGB_TPH_RXCTL_ENABLES :
			IGB_TPH_TXCTL_ENABLES;

		take_snapshot();
		igb_tph_queue_write(hw, cases[i].dir, cases[i].reg_idx, 0x5a,
			enables);
		TEST_ASSERT_EQUAL(reg_read(cases[i].off), want,
			"case %u: 0x%05x holds 0x%08x", i, cases[i].off,
			reg_read(cases[i].off));
		if (only_changed(&cases[i].off, 1) != TEST_SUCCESS)
			return TEST_FAILED;
		igb_tph_queue_write(hw, cases[i].dir, cases[i].reg_idx, 0, 0);
		TEST_ASSERT_EQUAL(reg_read(cases[i].off), 0u, "case %u: not cleared",
			i);
	}
	return TEST_SUCCESS;
}

static int
test_igb_tph_caps(void)
{
	static const enum e1000_mac_type with[] = {
		e1000_82576, e1000_82580, e1000_i350, e1000_i354, e1000_i210,
		e1000_i211,
	};
	static const enum e1000_mac_type without[] = {
		e1000_82575, e1000_82574, e1000_vfadapt, e1000_vfadapt_i350,
	};
	uint32_t modes;
	unsigned int i;

	for (i = 0; i < RTE_DIM(with); i++) {
		adapter->hw.mac.type = with[i];
		modes = 0;
		TEST_ASSERT_SUCCESS(igb_tph_caps_get(port, &modes), "caps_get");
		TEST_ASSERT_EQUAL(modes, RTE_TPH_CAP_MODE_DS, "mac %d: modes 0x%x",
			(int)with[i], modes);
	}
	for (i = 0; i < RTE_DIM(without); i++) {
		adapter->hw.mac.type = without[i];
		modes = 0xff;
		TEST_ASSERT_SUCCESS(igb_tph_caps_get(port, &modes), "caps_get");
		TEST_ASSERT_EQUAL(modes, 0u, "mac %d: modes 0x%x",
			(int)without[i], modes);
	}
	adapter->hw.mac.type = e1000_i350;
	TEST_ASSERT_EQUAL(igb_tph_mode_set(port, RTE_TPH_MODE_IV), -ENOTSUP,
		"igb has no IV mode");
	return TEST_SUCCESS;
}

static int
test_igb_tph_bind(void)
{
	struct rte_eth_tph_queue_info info;
	uint16_t tag_v = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	uint16_t tag_p = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_PERSISTENT);
	uint32_t offs[1];

	/* Not in DS mode yet: nothing is looked up or written. */
	take_snapshot();
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), -ENOTSUP, "bind before ds");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "get_st before ds");
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Mode DS turns the global DCA enable on, nothing else. */
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_MODE_CB2, "DCA_CTRL 0x%x",
		reg_read(DCA_CTRL));
	offs[0] = DCA_CTRL;
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Rx queue 1: one lookup for the lcore, tag and 3 enables in RXCTL1. */
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), "bind Rx 1");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 1u, "%u lookups", sim.nb_get_st);
	TEST_ASSERT(sim.last_get_n == 1 && sim.last_get[0].cpu == main_cpu &&
		sim.last_get[0].mem_type == RTE_TPH_MEM_VOLATILE,
		"lookup of CPU %u", sim.last_get[0].cpu);
	TEST_ASSERT_EQUAL(reg_read(RXCTL0 + 0x100),
		(((uint32_t)tag_v << TAG_SHIFT) | RO_BITS | RX_DESC_EN |
		RX_HEAD_EN | RX_DATA_EN), "RXCTL1 0x%08x",
		reg_read(RXCTL0 + 0x100));
	offs[0] = RXCTL0 + 0x100;
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Tx queue 1, persistent memory: its own tag, descriptor enable. */
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 1,
		main_lcore, RTE_TPH_MEM_PERSISTENT), "bind Tx 1");
	TEST_ASSERT_EQUAL(reg_read(TXCTL1), (((uint32_t)tag_p << TAG_SHIFT) |
		RO_BITS | TX_DESC_EN), "TXCTL1 0x%08x", reg_read(TXCTL1));
	offs[0] = TXCTL1;
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;

	/* info reports the tag the register holds. */
	memset(&info, 0, sizeof(info));
	TEST_ASSERT_SUCCESS(igb_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_TX, 1,
		&info), "info Tx 1");
	TEST_ASSERT(info.st_valid && info.st == tag_p && !info.st_index_valid,
		"Tx 1: st 0x%x valid %d", info.st, info.st_valid);
	memset(&info, 0, sizeof(info));
	TEST_ASSERT_SUCCESS(igb_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_RX, 2,
		&info), "info Rx 2");
	TEST_ASSERT(!info.st_valid, "Rx 2 was never bound");

	/* Failures leave the register as it was. */
	take_snapshot();
	sim.forced_tag = 0x1234;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), -ERANGE, "16-bit tag");
	sim.forced_tag = 0;
	sim.fail_get_st = -EIO;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), -EIO, "lookup failure");
	sim.fail_get_st = 0;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 4,
		main_lcore, RTE_TPH_MEM_VOLATILE), -EINVAL, "Rx 4 of 4");
	TEST_ASSERT_EQUAL(bind1((enum rte_eth_tph_queue_dir)9, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), -EINVAL, "bad direction");
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Unbind: tag and enables cleared, relaxed ordering kept. */
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_RX, 1),
		"unbind Rx 1");
	TEST_ASSERT_EQUAL(reg_read(RXCTL0 + 0x100), RO_BITS, "RXCTL1 0x%08x",
		reg_read(RXCTL0 + 0x100));
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_TX, 1),
		"unbind Tx 1");
	TEST_ASSERT_EQUAL(reg_read(TXCTL1), RO_BITS, "TXCTL1 0x%08x",
		reg_read(TXCTL1));

	/* dev_start's reset cleared DCA_CTRL: the PMD sets it again. */
	reg_write(DCA_CTRL, DCA_DIS);
	igb_tph_dev_start(port);
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_MODE_CB2, "DCA after start");

	/* Off: DCA disabled, and a later start leaves it so. */
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_OFF), "mode off");
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_DIS, "DCA after off");
	take_snapshot();
	igb_tph_dev_start(port);
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(sim.violations, 0u, "requests the kernel would refuse");
	return TEST_SUCCESS;
}

/* With SR-IOV the PF's queues start after the VF pools' queues. */
static int
test_igb_tph_sriov(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	uint32_t offs[1] = { RXCTL5 };

	port->data->sriov.active = 1;
	port->data->sriov.def_pool_q_idx = 4;
	TEST_ASSERT_EQUAL(igb_tph_queue_reg_idx(port, 1), 5, "reg idx");
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), "bind Rx 1");
	TEST_ASSERT_EQUAL(reg_read(RXCTL5), (((uint32_t)tag << TAG_SHIFT) |
		RX_DESC_EN | RX_HEAD_EN | RX_DATA_EN), "RXCTL5 0x%08x",
		reg_read(RXCTL5));
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Register 16 does not exist. */
	port->data->sriov.def_pool_q_idx = 14;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 2,
		main_lcore, RTE_TPH_MEM_VOLATILE), -EINVAL, "register 16");
	port->data->sriov.active = 0;
	port->data->sriov.def_pool_q_idx = 0;
	return TEST_SUCCESS;
}

/* The whole path: ethdev API -> igb callbacks -> lib/tph -> registers. */
static int
test_igb_tph_ethdev(void)
{
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_info info;
	struct rte_eth_tph_capa capa;
	uint32_t offs[2];

	/* ut_setup enabled the device itself; ethdev starts from off. */
	TEST_ASSERT_SUCCESS(rte_tph_disable(&sim.dev), "disable");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(port_id, &capa),
		"capability");
	TEST_ASSERT_EQUAL(capa.pmd_modes, RTE_TPH_CAP_MODE_DS, "PMD modes 0x%x",
		capa.pmd_modes);
	TEST_ASSERT_EQUAL(capa.modes, RTE_TPH_CAP_MODE_DS, "port modes 0x%x",
		capa.modes);
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_IV),
		-ENOTSUP, "IV on igb");

	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_DS),
		"mode ds");
	TEST_ASSERT_EQUAL(sim.hw_mode, RTE_TPH_MODE_DS, "device not in DS");
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_MODE_CB2, "DCA_CTRL 0x%x",
		reg_read(DCA_CTRL));

	/* Stopped port: the binding is recorded, the device untouched. */
	take_snapshot();
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 1,
		RTE_ETH_TPH_QUEUE_RX, main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind Rx 1 while stopped");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "lookup while stopped");
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Started port: programmed at once. */
	port->data->dev_started = 1;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 2,
		RTE_ETH_TPH_QUEUE_TX, main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind Tx 2");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 1u, "%u lookups", sim.nb_get_st);
	TEST_ASSERT_EQUAL(reg_read(TXCTL0 + 0x200), (((uint32_t)tag <<
		TAG_SHIFT) | TX_DESC_EN), "TXCTL2 0x%08x",
		reg_read(TXCTL0 + 0x200));
	offs[0] = TXCTL0 + 0x200;
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 2,
		RTE_ETH_TPH_QUEUE_TX, &info), "info Tx 2");
	TEST_ASSERT(info.bound && info.applied && info.st_valid &&
		info.st == tag && info.cpu == main_cpu,
		"Tx 2: bound %d applied %d st 0x%x cpu %u", info.bound,
		info.applied, info.st, info.cpu);

	/* Off: the programmed queue is cleared, DCA disabled, device off. */
	take_snapshot();
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_OFF),
		"mode off");
	TEST_ASSERT_EQUAL(reg_read(TXCTL0 + 0x200), 0u, "TXCTL2 0x%08x",
		reg_read(TXCTL0 + 0x200));
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_DIS, "DCA_CTRL 0x%x",
		reg_read(DCA_CTRL));
	offs[1] = DCA_CTRL;
	if (only_changed(offs, 2) != TEST_SUCCESS)
		return TEST_FAILED;
	if (tph_sim_check_left_off(&sim) != TEST_SUCCESS)
		return TEST_FAILED;
	return TEST_SUCCESS;
}

/* Rx and Tx queues 0 and 1, as testpmd binds 2 streams. */
static void
four_bindings(struct rte_eth_tph_queue_binding b[4])
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		b[i].dir = i < 2 ? RTE_ETH_TPH_QUEUE_RX : RTE_ETH_TPH_QUEUE_TX;
		b[i].queue_id = i % 2;
		b[i].lcore_id = main_lcore;
		b[i].mem_type = RTE_TPH_MEM_VOLATILE;
	}
}

/* RXCTL0/1 and TXCTL0/1 hold the tag of the main CPU and their enables. */
static int
four_programmed(uint16_t tag)
{
	const uint32_t rx = ((uint32_t)tag << TAG_SHIFT) | RX_DESC_EN |
		RX_HEAD_EN | RX_DATA_EN;
	const uint32_t tx = ((uint32_t)tag << TAG_SHIFT) | TX_DESC_EN;
	const uint32_t offs[5] = { RXCTL0, RXCTL0 + 0x100, TXCTL0, TXCTL1,
		DCA_CTRL };

	TEST_ASSERT_EQUAL(reg_read(RXCTL0), rx, "RXCTL0 0x%08x", reg_read(RXCTL0));
	TEST_ASSERT_EQUAL(reg_read(RXCTL0 + 0x100), (rx | RO_BITS), "RXCTL1 0x%08x",
		reg_read(RXCTL0 + 0x100));
	TEST_ASSERT_EQUAL(reg_read(TXCTL0), tx, "TXCTL0 0x%08x", reg_read(TXCTL0));
	TEST_ASSERT_EQUAL(reg_read(TXCTL1), (tx | RO_BITS), "TXCTL1 0x%08x",
		reg_read(TXCTL1));
	return only_changed(offs, RTE_DIM(offs));
}

/* The PMD's callbacks with several queues: one lookup, then the registers. */
static int
test_igb_tph_batch(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_binding four[4], bad[4];
	const struct rte_eth_tph_queue_ref refs[4] = {
		{ RTE_ETH_TPH_QUEUE_RX, 0 }, { RTE_ETH_TPH_QUEUE_RX, 1 },
		{ RTE_ETH_TPH_QUEUE_TX, 0 }, { RTE_ETH_TPH_QUEUE_TX, 1 },
	};
	unsigned int i;

	four_bindings(four);
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	take_snapshot();
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(igb_tph_queues_bind(port, four, 4), "bind 4 queues");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 1u, "%u get_st batches, 1 expected",
		sim.nb_get_st);
	TEST_ASSERT_EQUAL(sim.last_get_n, 4u, "%u lookups in the batch",
		sim.last_get_n);
	for (i = 0; i < 4; i++)
		TEST_ASSERT_EQUAL(sim.last_get[i].cpu, main_cpu,
			"lookup %u of CPU %u", i, sim.last_get[i].cpu);
	if (four_programmed(tag) != TEST_SUCCESS)
		return TEST_FAILED;

	/* One bad entry, or one tag too wide: no register written. */
	take_snapshot();
	tph_sim_clear_calls(&sim);
	memcpy(bad, four, sizeof(bad));
	bad[0].mem_type = RTE_TPH_MEM_PERSISTENT;
	bad[3].queue_id = 4;
	TEST_ASSERT_EQUAL(igb_tph_queues_bind(port, bad, 4), -EINVAL,
		"Tx 4 of 4 in the batch");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "get_st for a bad batch");
	sim.forced_tag = 0x1234;
	TEST_ASSERT_EQUAL(igb_tph_queues_bind(port, four, 4), -ERANGE,
		"16-bit tags");
	sim.forced_tag = 0;
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Unbind all four in one call: tags and enables cleared, no lookup. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(igb_tph_queues_unbind(port, refs, 4), "unbind 4");
	TEST_ASSERT_EQUAL(reg_read(RXCTL0), 0u, "RXCTL0 0x%08x", reg_read(RXCTL0));
	TEST_ASSERT_EQUAL(reg_read(RXCTL0 + 0x100), RO_BITS, "RXCTL1 0x%08x",
		reg_read(RXCTL0 + 0x100));
	TEST_ASSERT_EQUAL(reg_read(TXCTL0), 0u, "TXCTL0 0x%08x", reg_read(TXCTL0));
	TEST_ASSERT_EQUAL(reg_read(TXCTL1), RO_BITS, "TXCTL1 0x%08x",
		reg_read(TXCTL1));
	TEST_ASSERT_EQUAL(sim.nb_get_st + sim.nb_set_st, 0u,
		"backend called to clear DS tags");
	TEST_ASSERT_EQUAL(sim.violations, 0u, "requests the kernel would refuse");
	return TEST_SUCCESS;
}

/* The TPH part of igb's dev_start, after its MAC reset (left out here). */
static int
emu_dev_start(struct rte_eth_dev *dev)
{
	igb_tph_dev_start(dev);
	return 0;
}

static int
emu_dev_close(struct rte_eth_dev *dev)
{
	igb_tph_dev_close(dev);
	tph_sim_port_forget_private(dev);
	return 0;
}

/*
 * Through ethdev: every rebinding of 2 Rx + 2 Tx queues (testpmd's binding
 * at "start", a dev_start) costs the device exactly one GET_ST request;
 * a close clears the four registers.
 */
static int
test_igb_tph_ethdev_batch(void)
{
	static struct eth_dev_ops ops;
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_binding four[4], bad[4];
	struct rte_tph_stats st0, st1;

	tph_sim_pmd_ethdev_ops(&igb_pmd, port, &ops, emu_dev_start,
		emu_dev_close);
	four_bindings(four);
	if (tph_sim_pmd_ethdev_mode(&sim, port, RTE_TPH_MODE_DS) != TEST_SUCCESS)
		return TEST_FAILED;

	/* One bad entry: refused whole before the PMD is asked. */
	memcpy(bad, four, sizeof(bad));
	bad[1].lcore_id = RTE_MAX_LCORE;
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_queues_bind(port_id, bad, 4), -EINVAL,
		"lcore out of range in the batch");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(port_id, four, 4),
		"bind while stopped");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "get_st on a stopped port");

	/* dev_start with 4 recorded bindings: one GET_ST of 4 lookups. */
	take_snapshot();
	TEST_ASSERT_SUCCESS(rte_tph_stats_get(&sim.dev, &st0), "stats");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	TEST_ASSERT_SUCCESS(rte_tph_stats_get(&sim.dev, &st1), "stats");
	TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 4,
		"%u get_st batches of %u lookups, 1 of 4 expected",
		sim.nb_get_st, sim.last_get_n);
	TEST_ASSERT_EQUAL(st1.get_st_calls - st0.get_st_calls, UINT64_C(1),
		"lib/tph counted %" PRIu64 " get_st calls",
		st1.get_st_calls - st0.get_st_calls);
	if (four_programmed(tag) != TEST_SUCCESS)
		return TEST_FAILED;

	/* testpmd's binding at "start" on the running port: one again. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(port_id, four, 4),
		"bind the 4 queues");
	TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 4,
		"%u get_st batches of %u lookups, 1 of 4 expected",
		sim.nb_get_st, sim.last_get_n);

	/* Close: the four registers cleared, DCA off, the device off. */
	if (tph_sim_pmd_ethdev_close(&sim, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT(reg_read(RXCTL0) == 0 && reg_read(TXCTL0) == 0 &&
		reg_read(RXCTL0 + 0x100) == RO_BITS && reg_read(TXCTL1) == RO_BITS,
		"registers after close: 0x%08x 0x%08x 0x%08x 0x%08x",
		reg_read(RXCTL0), reg_read(RXCTL0 + 0x100), reg_read(TXCTL0),
		reg_read(TXCTL1));
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_DIS, "DCA_CTRL 0x%x",
		reg_read(DCA_CTRL));
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "get_st at close");
	if (tph_sim_check_left_off(&sim) != TEST_SUCCESS)
		return TEST_FAILED;
	return TEST_SUCCESS;
}

static int
testsuite_setup(void)
{
	return tph_sim_pmd_suite_setup(&main_lcore, &main_cpu);
}

static struct unit_test_suite igb_tph_suite = {
	.suite_name = "net/e1000 igb TPH (Device Specific mode)",
	.setup = testsuite_setup,
	.teardown = tph_sim_unpin_main_lcore,
	.unit_test_cases = {
		TEST_CASE(test_igb_tph_values),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_offsets),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_caps),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_sriov),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_ethdev),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_batch),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_ethdev_batch),
		TEST_CASES_END()
	}
};

static int
test_tph_igb(void)
{
	return unit_test_suite_runner(&igb_tph_suite);
}

REGISTER_TEST_COMMAND(tph_igb_autotest, test_tph_igb);
