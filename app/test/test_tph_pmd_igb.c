/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * net/e1000 igb TPH (Device Specific mode) against a fake register space.
 *
 * The port's e1000_hw points at a zeroed 64 KiB block instead of BAR 0,
 * so the PMD's real TPH callbacks (igb_tph_*) write RXCTL, TXCTL and
 * DCA_CTRL into memory the test reads back; tags come from a simulated
 * TPH device registered with lib/tph. Every offset and bit below is
 * written out from the Intel Ethernet Controller I210 datasheet, section
 * given with each, not taken from the PMD or from the e1000 base code, so
 * that a wrong register, field or mechanism (DCA instead of TPH) in the
 * PMD fails here. Checked against the datasheet text, not on hardware.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "test.h"
#include "test_tph_pmd_sim.h"

#include "base/e1000_api.h"
#include "e1000_ethdev.h"
#include "e1000_logs.h"
#include "igb_tph.h"

#define REGS_SIZE 0x10000

/* 8.13.1 RXCTL (0xC014 + 0x40*n), 8.13.2 TXCTL (0xE014 + 0x40*n). */
#define RXCTL(n) (0x0c014u + 0x40u * (n))
#define TXCTL(n) (0x0e014u + 0x40u * (n))
/* 8.13.4 DCA_CTRL (0x5B74). */
#define DCA_CTRL 0x05b74u

/* 8.13.1 RXCTL: TPH enables (bits 0-3) and DCA enables (bits 5-7). */
#define RX_DESC_FETCH_TPH 0x1u /* bit 0, Rx Descriptor Fetch TPH EN */
#define RX_DESC_WB_TPH 0x2u    /* bit 1, Rx Descriptor Write-back TPH EN */
#define RX_HEADER_TPH 0x4u     /* bit 2, Rx Header TPH EN */
#define RX_PAYLOAD_TPH 0x8u    /* bit 3, Rx Payload TPH EN */
#define RX_DCA_ALL 0xe0u       /* bits 5, 6, 7: descriptor, header, payload DCA EN */
/* The Rx writes a binding steers: descriptor write-back, header, payload. */
#define RX_TPH (RX_DESC_WB_TPH | RX_HEADER_TPH | RX_PAYLOAD_TPH)

/* 8.13.2 TXCTL. */
#define TX_DESC_FETCH_TPH 0x1u /* bit 0, Tx Descriptor Fetch TPH EN */
#define TX_DESC_WB_TPH 0x2u    /* bit 1, Tx Descriptor Writeback TPH EN */
#define TX_PACKET_TPH 0x8u     /* bit 3, Tx Packet TPH EN */
#define TX_DESC_DCA 0x20u      /* bit 5, Tx Descriptor DCA EN */
#define TX_DESC_RD_RO 0x200u   /* bit 9, TXdescRDROEn, initial value 1b */

/* 8.13.1/8.13.2: CPUID, bits 31:24, is the tag in TPH mode (3.1.3.1.2.4). */
#define TAG_SHIFT 24

/*
 * 8.13.4 DCA_CTRL: DCA_DIS bit 0 (initial 1b), DCA_MODE bits 4:1 (001b =
 * DCA 1.0), Desc_PH bits 10:9 (initial 00b), Data_PH bits 12:11 (initial
 * 10b, the "target" hint).
 */
#define DCA_DIS 0x1u
#define DCA_MODE_DCA10 0x2u
#define DESC_PH_ALL 0x600u
#define DATA_PH_TARGET 0x1000u
#define DCA_CTRL_INITIAL (DCA_DIS | DATA_PH_TARGET)

/*
 * RXCTL bits outside the TPH, DCA and CPUID fields (relaxed ordering and
 * no-snoop enables of 8.13.1), set here to see them kept.
 */
#define RX_OTHER 0x2a00u

/* The TPH part of the PMD's eth_dev_ops, as igb_ethdev.c sets it. */
static const struct eth_dev_ops igb_tph_test_ops = {
	.tph_caps_get = igb_tph_caps_get,
	.tph_mode_set = igb_tph_mode_set,
	.tph_queues_bind = igb_tph_queues_bind,
	.tph_queues_unbind = igb_tph_queues_unbind,
	.tph_queue_info_get = igb_tph_queue_info_get,
};

/* The I210's capability (7.7.2): DS, 8 entries in the capability. */
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

/* RXCTL/TXCTL steered with @p tag: CPUID and the TPH enables, DCA off. */
static uint32_t
rx_steered(uint16_t tag)
{
	return ((uint32_t)tag << TAG_SHIFT) | RX_TPH;
}

static uint32_t
tx_steered(uint16_t tag)
{
	return ((uint32_t)tag << TAG_SHIFT) | TX_DESC_WB_TPH;
}

static int
test_igb_tph_values(void)
{
	TEST_ASSERT_EQUAL(IGB_TPH_RXCTL_ENABLES, RX_TPH, "Rx enables 0x%x",
		(unsigned int)IGB_TPH_RXCTL_ENABLES);
	TEST_ASSERT_EQUAL(IGB_TPH_TXCTL_ENABLES, TX_DESC_WB_TPH,
		"Tx enables 0x%x", (unsigned int)IGB_TPH_TXCTL_ENABLES);

	/* Tag in 31:24 and the TPH enables; everything else kept. */
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0, 0xab, RX_TPH), 0xab00000eu,
		"Rx from 0");
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(RX_OTHER | 0x10, 0x01, RX_TPH),
		(0x01000000u | RX_OTHER | 0x10 | RX_TPH), "Rx keeps other bits");
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0x55000000u | RX_OTHER | RX_TPH,
		0xc3, RX_TPH), (0xc3000000u | RX_OTHER | RX_TPH),
		"Rx replaces the old tag");
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0, 0x7f, RX_DESC_WB_TPH),
		0x7f000002u, "Rx descriptor write-backs only");
	/* Descriptor fetch (a read) is not among the enables a binding sets. */
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0, 0x10, RX_TPH |
		RX_DESC_FETCH_TPH | 0x100), 0x1000000eu, "Rx stray enable bits");
	/* Clearing: no tag, no TPH enable (descriptor fetch included). */
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(0xc3000000u | RX_OTHER | RX_TPH |
		RX_DESC_FETCH_TPH, 0xc3, 0), RX_OTHER, "Rx clear");

	/* 7.7.2: "Per queue, the DCA and TPH features are exclusive". */
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(RX_DCA_ALL | RX_OTHER, 0x21,
		RX_TPH), (0x21000000u | RX_OTHER | RX_TPH), "Rx DCA left on");
	TEST_ASSERT_EQUAL(igb_tph_rxctl_value(RX_DCA_ALL | RX_OTHER, 0, 0),
		RX_OTHER, "Rx DCA left on by a clear");

	TEST_ASSERT_EQUAL(igb_tph_txctl_value(TX_DESC_RD_RO, 0x7f,
		TX_DESC_WB_TPH), (0x7f000000u | TX_DESC_RD_RO | TX_DESC_WB_TPH),
		"Tx");
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0x11000000u | TX_DESC_RD_RO |
		TX_DESC_WB_TPH, 0x22, TX_DESC_WB_TPH), (0x22000000u |
		TX_DESC_RD_RO | TX_DESC_WB_TPH), "Tx replaces the old tag");
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0x22000000u | TX_DESC_RD_RO |
		TX_DESC_WB_TPH | TX_DESC_FETCH_TPH | TX_PACKET_TPH, 0, 0),
		TX_DESC_RD_RO, "Tx clear");
	/* Tx enables only descriptor write-backs, never DCA (bit 5). */
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0, 0x22, TX_DESC_WB_TPH |
		TX_PACKET_TPH | TX_DESC_DCA), 0x22000002u, "Tx stray enables");
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(TX_DESC_DCA, 0x22,
		TX_DESC_WB_TPH), 0x22000002u, "Tx DCA left on");
	/* Bits 6-7 are reserved in TXCTL: not the PMD's, kept. */
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0xc0, 0x22, TX_DESC_WB_TPH),
		0x220000c2u, "Tx keeps bits 6-7 as they were");

	/* DCA_CTRL: DCA tagging stays disabled, Desc_PH 00b, Data_PH 10b. */
	TEST_ASSERT_EQUAL(igb_tph_dca_ctrl_value(DCA_CTRL_INITIAL),
		DCA_CTRL_INITIAL, "DCA_CTRL from its initial value");
	TEST_ASSERT_EQUAL(igb_tph_dca_ctrl_value(DCA_MODE_DCA10 | DESC_PH_ALL),
		(DCA_MODE_DCA10 | DCA_DIS | DATA_PH_TARGET),
		"DCA_CTRL left with DCA 1.0 enabled");
	TEST_ASSERT_EQUAL(igb_tph_dca_ctrl_value(0xffffe000u | 0xe0),
		(0xffffe000u | 0xe0 | DCA_CTRL_INITIAL),
		"DCA_CTRL keeps the bits outside DCA_DIS and the hints");
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
	adapter->hw.mac.type = e1000_i210;
	/* Initial values (8.13.2, 8.13.4) and other bits to keep (8.13.1). */
	reg_write(DCA_CTRL, DCA_CTRL_INITIAL);
	reg_write(RXCTL(1), RX_OTHER);
	reg_write(TXCTL(1), TX_DESC_RD_RO);
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
		enum e1000_mac_type mac;
		enum rte_eth_tph_queue_dir dir;
		uint16_t reg_idx;
		uint32_t off;
	} cases[] = {
		{ e1000_i210, RTE_ETH_TPH_QUEUE_RX, 0, 0x0c014 },
		{ e1000_i210, RTE_ETH_TPH_QUEUE_RX, 3, 0x0c0d4 },
		{ e1000_i210, RTE_ETH_TPH_QUEUE_TX, 0, 0x0e014 },
		{ e1000_i210, RTE_ETH_TPH_QUEUE_TX, 3, 0x0e0d4 },
		/* The I350's eight queues continue the same rows. */
		{ e1000_i350, RTE_ETH_TPH_QUEUE_RX, 5, 0x0c154 },
		{ e1000_i350, RTE_ETH_TPH_QUEUE_TX, 7, 0x0e1d4 },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(cases); i++) {
		bool rx = cases[i].dir == RTE_ETH_TPH_QUEUE_RX;
		uint32_t want = rx ? rx_steered(0x5a) : tx_steered(0x5a);
		uint32_t enables = rx ? IGB_TPH_RXCTL_ENABLES :
			IGB_TPH_TXCTL_ENABLES;

		hw->mac.type = cases[i].mac;
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

/* The PMD's log lines of the last caps_logged() call. */
static char log_buf[4096];

/* igb_tph_caps_get() on MAC @p mac, its log captured in log_buf. */
static int
caps_logged(enum e1000_mac_type mac, uint32_t *modes)
{
	FILE *old = rte_log_get_stream();
	int level = rte_log_get_level(e1000_logtype_driver);
	FILE *f;
	int ret;

	memset(log_buf, 0, sizeof(log_buf));
	f = fmemopen(log_buf, sizeof(log_buf) - 1, "w");
	if (f == NULL)
		return -ENOMEM;
	rte_openlog_stream(f);
	rte_log_set_level(e1000_logtype_driver, RTE_MAX(level, (int)RTE_LOG_NOTICE));
	adapter->hw.mac.type = mac;
	ret = igb_tph_caps_get(port, modes);
	rte_log_set_level(e1000_logtype_driver, level);
	rte_openlog_stream(old);
	fclose(f);
	return ret;
}

static int
test_igb_tph_caps(void)
{
	/* TPH: I210 7.7.2; I350 feature list; I211, the I210's sibling. */
	static const enum e1000_mac_type with[] = {
		e1000_i350, e1000_i210, e1000_i211,
	};
	/* DCA only (82575, 82576), or TPH not checked (82580, I354), or VF. */
	static const struct {
		enum e1000_mac_type mac;
		const char *reason;
	} without[] = {
		{ e1000_82575, "82575: DCA only" },
		{ e1000_82576, "82576: DCA only" },
		{ e1000_82580, "82580" },
		{ e1000_i354, "I354" },
		{ e1000_vfadapt_i350, "not an igb physical function" },
	};
	struct rte_eth_tph_capa capa;
	uint32_t modes;
	unsigned int i;

	for (i = 0; i < RTE_DIM(with); i++) {
		modes = 0;
		TEST_ASSERT_SUCCESS(caps_logged(with[i], &modes), "caps_get");
		TEST_ASSERT_EQUAL(modes, RTE_TPH_CAP_MODE_DS, "mac %d: modes 0x%x",
			(int)with[i], modes);
	}
	for (i = 0; i < RTE_DIM(without); i++) {
		modes = 0xff;
		TEST_ASSERT_EQUAL(caps_logged(without[i].mac, &modes), -ENOTSUP,
			"mac %d", (int)without[i].mac);
		TEST_ASSERT_EQUAL(modes, 0u, "mac %d: modes 0x%x",
			(int)without[i].mac, modes);
		TEST_ASSERT(strstr(log_buf, "PMD does not support TPH on this MAC") != NULL &&
			strstr(log_buf, without[i].reason) != NULL,
			"mac %d: log \"%s\"", (int)without[i].mac, log_buf);
		/* The capability query says so; DS mode is refused. */
		TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(
			port->data->port_id, &capa), "capability");
		TEST_ASSERT(capa.pmd_err == -ENOTSUP && capa.pmd_modes == 0 &&
			capa.modes == 0, "mac %d: pmd_err %d pmd_modes 0x%x",
			(int)without[i].mac, capa.pmd_err, capa.pmd_modes);
		TEST_ASSERT_EQUAL(igb_tph_mode_set(port, RTE_TPH_MODE_DS),
			-ENOTSUP, "ds on mac %d", (int)without[i].mac);
	}
	adapter->hw.mac.type = e1000_i210;
	TEST_ASSERT_EQUAL(igb_tph_mode_set(port, RTE_TPH_MODE_IV), -ENOTSUP,
		"igb has no IV mode");
	return TEST_SUCCESS;
}

/* Each MAC has its own number of queue registers (I211 2, I210 4, I350 8). */
static int
test_igb_tph_queue_regs(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);

	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	adapter->hw.mac.type = e1000_i211;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1, main_lcore,
		RTE_TPH_MEM_VOLATILE), "I211 Rx 1");
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 2, main_lcore,
		RTE_TPH_MEM_VOLATILE), -EINVAL, "I211 has no RXCTL2");
	adapter->hw.mac.type = e1000_i210;
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 3, main_lcore,
		RTE_TPH_MEM_VOLATILE), "I210 Tx 3");
	TEST_ASSERT_EQUAL(reg_read(TXCTL(3)), tx_steered(tag), "TXCTL3 0x%08x",
		reg_read(TXCTL(3)));
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

	/* Mode DS writes the hints; DCA stays disabled (7.7.2 step 3). */
	reg_write(DCA_CTRL, DCA_MODE_DCA10 | DESC_PH_ALL);
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), (DCA_MODE_DCA10 |
		DCA_CTRL_INITIAL), "DCA_CTRL 0x%x", reg_read(DCA_CTRL));
	offs[0] = DCA_CTRL;
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;
	reg_write(DCA_CTRL, DCA_CTRL_INITIAL);

	/* Rx queue 1: one lookup for the lcore, tag and 3 enables in RXCTL1. */
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), "bind Rx 1");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 1u, "%u lookups", sim.nb_get_st);
	TEST_ASSERT(sim.last_get_n == 1 && sim.last_get[0].cpu == main_cpu &&
		sim.last_get[0].mem_type == RTE_TPH_MEM_VOLATILE,
		"lookup of CPU %u", sim.last_get[0].cpu);
	TEST_ASSERT_EQUAL(reg_read(RXCTL(1)), (rx_steered(tag_v) | RX_OTHER),
		"RXCTL1 0x%08x", reg_read(RXCTL(1)));
	offs[0] = RXCTL(1);
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Tx queue 1, persistent memory: its own tag, write-back enable. */
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 1,
		main_lcore, RTE_TPH_MEM_PERSISTENT), "bind Tx 1");
	TEST_ASSERT_EQUAL(reg_read(TXCTL(1)), (tx_steered(tag_p) |
		TX_DESC_RD_RO), "TXCTL1 0x%08x", reg_read(TXCTL(1)));
	offs[0] = TXCTL(1);
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
	/* A tag with DCA enables only is not a TPH steering. */
	reg_write(RXCTL(2), 0x42000000u | RX_DCA_ALL);
	TEST_ASSERT_SUCCESS(igb_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_RX, 2,
		&info), "info Rx 2");
	TEST_ASSERT(!info.st_valid, "Rx 2 with DCA enables reported steered");
	reg_write(RXCTL(2), 0);

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

	/* Unbind: tag and enables cleared, the other bits kept. */
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_RX, 1),
		"unbind Rx 1");
	TEST_ASSERT_EQUAL(reg_read(RXCTL(1)), RX_OTHER, "RXCTL1 0x%08x",
		reg_read(RXCTL(1)));
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_TX, 1),
		"unbind Tx 1");
	TEST_ASSERT_EQUAL(reg_read(TXCTL(1)), TX_DESC_RD_RO, "TXCTL1 0x%08x",
		reg_read(TXCTL(1)));

	/* dev_start's reset: the PMD writes the hints again. */
	reg_write(DCA_CTRL, DESC_PH_ALL);
	igb_tph_dev_start(port);
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_CTRL_INITIAL,
		"DCA_CTRL after start 0x%x", reg_read(DCA_CTRL));

	/* Off: DCA_CTRL untouched, and a later start leaves it so. */
	take_snapshot();
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_OFF), "mode off");
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
	uint32_t offs[1] = { RXCTL(5) };

	/* The I350 has SR-IOV and 8 queue registers. */
	adapter->hw.mac.type = e1000_i350;
	port->data->sriov.active = 1;
	port->data->sriov.def_pool_q_idx = 4;
	TEST_ASSERT_EQUAL(igb_tph_queue_reg_idx(port, 1), 5, "reg idx");
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), "bind Rx 1");
	TEST_ASSERT_EQUAL(reg_read(RXCTL(5)), rx_steered(tag), "RXCTL5 0x%08x",
		reg_read(RXCTL(5)));
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Register 8 does not exist. */
	port->data->sriov.def_pool_q_idx = 6;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 2,
		main_lcore, RTE_TPH_MEM_VOLATILE), -EINVAL, "register 8");
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
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_CTRL_INITIAL, "DCA_CTRL 0x%x",
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
	TEST_ASSERT_EQUAL(reg_read(TXCTL(2)), tx_steered(tag), "TXCTL2 0x%08x",
		reg_read(TXCTL(2)));
	offs[0] = TXCTL(2);
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 2,
		RTE_ETH_TPH_QUEUE_TX, &info), "info Tx 2");
	TEST_ASSERT(info.bound && info.applied && info.st_valid &&
		info.st == tag && info.cpu == main_cpu,
		"Tx 2: bound %d applied %d st 0x%x cpu %u", info.bound,
		info.applied, info.st, info.cpu);

	/* Off: the programmed queue is cleared, DCA still off, device off. */
	take_snapshot();
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_OFF),
		"mode off");
	TEST_ASSERT_EQUAL(reg_read(TXCTL(2)), 0u, "TXCTL2 0x%08x",
		reg_read(TXCTL(2)));
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_CTRL_INITIAL, "DCA_CTRL 0x%x",
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
	const uint32_t rx = rx_steered(tag);
	const uint32_t tx = tx_steered(tag);
	const uint32_t offs[5] = { RXCTL(0), RXCTL(1), TXCTL(0), TXCTL(1),
		DCA_CTRL };

	TEST_ASSERT_EQUAL(reg_read(RXCTL(0)), rx, "RXCTL0 0x%08x",
		reg_read(RXCTL(0)));
	TEST_ASSERT_EQUAL(reg_read(RXCTL(1)), (rx | RX_OTHER), "RXCTL1 0x%08x",
		reg_read(RXCTL(1)));
	TEST_ASSERT_EQUAL(reg_read(TXCTL(0)), tx, "TXCTL0 0x%08x",
		reg_read(TXCTL(0)));
	TEST_ASSERT_EQUAL(reg_read(TXCTL(1)), (tx | TX_DESC_RD_RO),
		"TXCTL1 0x%08x", reg_read(TXCTL(1)));
	return only_changed(offs, RTE_DIM(offs));
}

/* RXCTL0/1 and TXCTL0/1 without tag or TPH enable, their other bits kept. */
static int
four_cleared(void)
{
	TEST_ASSERT(reg_read(RXCTL(0)) == 0 && reg_read(TXCTL(0)) == 0 &&
		reg_read(RXCTL(1)) == RX_OTHER &&
		reg_read(TXCTL(1)) == TX_DESC_RD_RO,
		"registers: 0x%08x 0x%08x 0x%08x 0x%08x", reg_read(RXCTL(0)),
		reg_read(RXCTL(1)), reg_read(TXCTL(0)), reg_read(TXCTL(1)));
	return TEST_SUCCESS;
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
	if (four_cleared() != TEST_SUCCESS)
		return TEST_FAILED;
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
	if (four_cleared() != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_CTRL_INITIAL, "DCA_CTRL 0x%x",
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
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_queue_regs),
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
