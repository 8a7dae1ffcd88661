/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * net/e1000 igb TPH (Device Specific mode) against a fake register space.
 *
 * The port's e1000_hw points at a zeroed 64 KiB block instead of BAR 0,
 * so the PMD's real TPH callbacks (igb_tph_*) write into memory the test
 * reads back; tags come from a simulated TPH device registered with
 * lib/tph. The TXCTL and DCA_CTRL offsets and bits below are written out
 * from the Intel Ethernet Controller I210 datasheet page text (section
 * given with each), not taken from the PMD or the e1000 base code, so that
 * a wrong register, field or mechanism (DCA instead of TPH) fails here.
 * One value is not from a page: the CPUID position (TAG_SHIFT, below).
 * The RXCTL page (8.13.1) and the I350 and I211 register pages were not
 * available: the test checks that the PMD refuses them and writes
 * nothing. Checked against datasheet text, not on hardware.
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

/* 8.13.2: TXCTL (0xE014 + 0x40*n [n=0...3]). */
#define TXCTL(n) (0x0e014u + 0x40u * (n))
/* 8.13.4: DCA_CTRL (0x5B74), "This CSR is common to all functions". */
#define DCA_CTRL 0x05b74u

/* 8.13.2 TXCTL fields. */
#define TX_DESC_FETCH_TPH 0x1u /* bit 0, Tx Descriptor Fetch TPH EN */
#define TX_DESC_WB_TPH 0x2u    /* bit 1, Tx Descriptor Writeback TPH EN */
#define TX_PACKET_TPH 0x8u     /* bit 3, Tx Packet TPH EN */
#define TX_DESC_DCA 0x20u      /* bit 5, Tx Descriptor DCA EN */
#define TX_RESERVED 0xd4u      /* bits 2, 4, 7:6: reserved, write 0b */
#define TX_DESC_RD_NS 0x100u   /* bit 8, TXdescRDNSen */
#define TX_DESC_RD_RO 0x200u   /* bit 9, TXdescRDROEn, initial value 1b */
#define TX_DESC_WB_NS 0x400u   /* bit 10, TXdescWBNSen */

/*
 * The tag goes to TXCTL.CPUID (7.7.2, step 4). Its position, bits 31:24,
 * is not checked against the datasheet: the 8.13.2 register text at hand
 * ends at bit 10.
 */
#define TAG_SHIFT 24

/*
 * 8.13.4 DCA_CTRL: DCA_DIS bit 0 (initial 1b), DCA_MODE bits 4:1 (001b =
 * DCA 1.0), Desc_PH bits 10:9 (initial 00b), Data_PH bits 12:11 (initial
 * 10b). SIBLING is what another function of the device may have set:
 * DCA tagging on, DCA 1.0, other hints; the PMD must leave it.
 */
#define DCA_CTRL_SIBLING 0x00000e02u

/* The TPH part of the PMD's eth_dev_ops, as igb_ethdev.c sets it. */
static const struct eth_dev_ops igb_tph_test_ops = {
	.tph_caps_get = igb_tph_caps_get,
	.tph_mode_set = igb_tph_mode_set,
	.tph_queues_bind = igb_tph_queues_bind,
	.tph_queues_unbind = igb_tph_queues_unbind,
	.tph_queue_info_get = igb_tph_queue_info_get,
};

/* igb keeps its TPH state in dev_private: nothing to forget at close. */
static void
igb_test_tph_close(struct rte_eth_dev *dev)
{
	RTE_SET_USED(dev);
}

/*
 * The I210's TPH Requester capability (9.5.3.2): Device Specific mode
 * only (Interrupt Vector Mode Supported is 0), 8 entries in the capability.
 */
static const struct tph_sim_pmd igb_pmd = {
	.name = "tph_pmd_igb",
	.modes = RTE_TPH_CAP_MODE_DS,
	.st_location = RTE_TPH_ST_LOC_CAP,
	.st_table_size = 8,
	.ops = &igb_tph_test_ops,
	.nb_queues = 4,
	.mode = RTE_TPH_MODE_DS,
	.dev_close = igb_test_tph_close,
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

/* TXCTL steered with @p tag: CPUID and the write-back TPH enable. */
static uint32_t
tx_steered(uint16_t tag)
{
	return ((uint32_t)tag << TAG_SHIFT) | TX_DESC_WB_TPH;
}

static int
test_igb_tph_values(void)
{
	TEST_ASSERT_EQUAL(IGB_TPH_TXCTL_ENABLES, TX_DESC_WB_TPH,
		"Tx enables 0x%x", (unsigned int)IGB_TPH_TXCTL_ENABLES);

	/* From the initial value (bit 9 set): tag and write-back enable. */
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(TX_DESC_RD_RO, 0x7f,
		TX_DESC_WB_TPH), (0x7f000000u | TX_DESC_RD_RO | TX_DESC_WB_TPH),
		"Tx");
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0x11000000u | TX_DESC_RD_RO |
		TX_DESC_WB_TPH, 0x22, TX_DESC_WB_TPH), (0x22000000u |
		TX_DESC_RD_RO | TX_DESC_WB_TPH), "Tx replaces the old tag");
	/* Clearing: no tag, no TPH enable, bit 9 kept. */
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0x22000000u | TX_DESC_RD_RO |
		TX_DESC_WB_TPH | TX_DESC_FETCH_TPH | TX_PACKET_TPH, 0, 0),
		TX_DESC_RD_RO, "Tx clear");
	/* Only descriptor write-backs are enabled, never DCA (bit 5). */
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(0, 0x22, TX_DESC_WB_TPH |
		TX_PACKET_TPH | TX_DESC_FETCH_TPH | TX_DESC_DCA), 0x22000002u,
		"Tx stray enables");
	/* 7.7.2: "Per queue, the DCA and TPH features are exclusive". */
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(TX_DESC_DCA, 0x22,
		TX_DESC_WB_TPH), 0x22000002u, "Tx DCA left on");
	/* 8.13.2: reserved bits are written 0b. */
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(TX_RESERVED, 0x22,
		TX_DESC_WB_TPH), 0x22000002u, "Tx reserved bits written back");
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(TX_RESERVED | TX_DESC_RD_RO, 0,
		0), TX_DESC_RD_RO, "Tx reserved bits written back by a clear");
	/* 8.13.2 bit 8 note: "When TPH is enabled No Snoop bit should be 0b". */
	TEST_ASSERT_EQUAL(igb_tph_txctl_value(TX_DESC_RD_NS | TX_DESC_WB_NS |
		TX_DESC_RD_RO, 0x33, TX_DESC_WB_TPH), (0x33000000u |
		TX_DESC_RD_RO | TX_DESC_WB_TPH), "Tx no-snoop left on with TPH");
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
	/* A sibling function's DCA setup (8.13.4: common to all functions). */
	reg_write(DCA_CTRL, DCA_CTRL_SIBLING);
	/* 8.13.2: bit 9 is 1b after reset. */
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

/* 8.13.2: TXCTL of queues 0 to 3; nothing else is written. */
static int
test_igb_tph_offsets(void)
{
	static const uint32_t offs[] = { 0x0e014, 0x0e054, 0x0e094, 0x0e0d4 };
	struct e1000_hw *hw = &adapter->hw;
	uint16_t i;

	for (i = 0; i < RTE_DIM(offs); i++) {
		reg_write(offs[i], 0);
		take_snapshot();
		igb_tph_txq_write(hw, i, 0x5a, IGB_TPH_TXCTL_ENABLES);
		TEST_ASSERT_EQUAL(reg_read(offs[i]), tx_steered(0x5a),
			"TXCTL%u at 0x%05x holds 0x%08x", i, offs[i],
			reg_read(offs[i]));
		if (only_changed(&offs[i], 1) != TEST_SUCCESS)
			return TEST_FAILED;
		igb_tph_txq_write(hw, i, 0, 0);
		TEST_ASSERT_EQUAL(reg_read(offs[i]), 0u, "TXCTL%u not cleared",
			i);
	}
	return TEST_SUCCESS;
}

/* The PMD's log lines of the last logged() call. */
static char log_buf[4096];

/*
 * igb_tph_caps_get() (or mode_set DS when @p mode_set) on MAC @p mac, the
 * driver log at @p level captured in log_buf.
 */
static int
logged(enum e1000_mac_type mac, uint32_t level, bool mode_set,
		uint32_t *modes)
{
	FILE *old = rte_log_get_stream();
	int old_level = rte_log_get_level(e1000_logtype_driver);
	FILE *f;
	int ret;

	memset(log_buf, 0, sizeof(log_buf));
	f = fmemopen(log_buf, sizeof(log_buf) - 1, "w");
	if (f == NULL)
		return -ENOMEM;
	rte_openlog_stream(f);
	rte_log_set_level(e1000_logtype_driver, level);
	adapter->hw.mac.type = mac;
	if (mode_set)
		ret = igb_tph_mode_set(port, RTE_TPH_MODE_DS);
	else
		ret = igb_tph_caps_get(port, modes);
	rte_log_set_level(e1000_logtype_driver, old_level);
	rte_openlog_stream(old);
	fclose(f);
	return ret;
}

static bool
log_says(const char *reason)
{
	return strstr(log_buf, "PMD does not support TPH on this MAC") != NULL &&
		strstr(log_buf, reason) != NULL;
}

static int
test_igb_tph_caps(void)
{
	/*
	 * DCA only (82575, 82576); register pages not available (82580 and
	 * DH89xxCC, I350, I354, I211); the VF.
	 */
	static const struct {
		enum e1000_mac_type mac;
		const char *reason;
	} without[] = {
		{ e1000_82575, "82575: DCA only" },
		{ e1000_82576, "82576: DCA only" },
		{ e1000_82580, "82580/DH89xxCC: TPH registers not checked" },
		{ e1000_i350, "I350: TPH register pages" },
		{ e1000_i354, "I354: TPH registers not checked" },
		{ e1000_i211, "I211: TPH register pages" },
		{ e1000_vfadapt_i350, "not an igb physical function" },
	};
	struct rte_eth_tph_capa capa;
	uint32_t modes = 0;
	unsigned int i;

	TEST_ASSERT_SUCCESS(logged(e1000_i210, RTE_LOG_DEBUG, false, &modes),
		"I210 caps_get");
	TEST_ASSERT_EQUAL(modes, RTE_TPH_CAP_MODE_DS, "I210 modes 0x%x", modes);
	for (i = 0; i < RTE_DIM(without); i++) {
		/* The query logs why at DEBUG only: it is asked often. */
		modes = 0xff;
		TEST_ASSERT_EQUAL(logged(without[i].mac, RTE_LOG_DEBUG, false,
			&modes), -ENOTSUP, "mac %d", (int)without[i].mac);
		TEST_ASSERT_EQUAL(modes, 0u, "mac %d: modes 0x%x",
			(int)without[i].mac, modes);
		TEST_ASSERT(log_says(without[i].reason), "mac %d: log \"%s\"",
			(int)without[i].mac, log_buf);
		TEST_ASSERT_EQUAL(logged(without[i].mac, RTE_LOG_NOTICE, false,
			&modes), -ENOTSUP, "mac %d", (int)without[i].mac);
		TEST_ASSERT(log_buf[0] == '\0',
			"mac %d: capability query logged \"%s\" at NOTICE",
			(int)without[i].mac, log_buf);
		/* The capability query says so. */
		TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(
			port->data->port_id, &capa), "capability");
		TEST_ASSERT(capa.pmd_err == -ENOTSUP && capa.pmd_modes == 0 &&
			capa.modes == 0, "mac %d: pmd_err %d pmd_modes 0x%x",
			(int)without[i].mac, capa.pmd_err, capa.pmd_modes);
		/* DS mode is refused, with the reason at ERR. */
		TEST_ASSERT_EQUAL(logged(without[i].mac, RTE_LOG_ERR, true,
			NULL), -ENOTSUP, "ds on mac %d", (int)without[i].mac);
		TEST_ASSERT(log_says(without[i].reason), "mac %d: log \"%s\"",
			(int)without[i].mac, log_buf);
	}
	adapter->hw.mac.type = e1000_i210;
	/* 9.5.3.2: the I210 has no Interrupt Vector mode. */
	TEST_ASSERT_EQUAL(igb_tph_mode_set(port, RTE_TPH_MODE_IV), -ENOTSUP,
		"igb has no IV mode");
	return TEST_SUCCESS;
}

/*
 * Rx queues: RXCTL (8.13.1) could not be checked. Binding one is refused
 * before any lookup, a batch holding one writes nothing, and unbind and
 * info never touch or trust RXCTL.
 */
static int
test_igb_tph_rx_refused(void)
{
	struct rte_eth_tph_queue_binding b[2] = {
		{ .dir = RTE_ETH_TPH_QUEUE_TX, .queue_id = 0,
		  .lcore_id = main_lcore, .mem_type = RTE_TPH_MEM_VOLATILE },
		{ .dir = RTE_ETH_TPH_QUEUE_RX, .queue_id = 0,
		  .lcore_id = main_lcore, .mem_type = RTE_TPH_MEM_VOLATILE },
	};
	struct rte_eth_tph_queue_info info;

	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	/* No register at all may change, wherever RXCTL is. */
	take_snapshot();
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 1, main_lcore,
		RTE_TPH_MEM_VOLATILE), -ENOTSUP, "bind Rx 1");
	TEST_ASSERT_EQUAL(igb_tph_queues_bind(port, b, 2), -ENOTSUP,
		"bind Tx 0 + Rx 0");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "get_st for an Rx binding");
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_RX, 0), "unbind Rx 0");
	memset(&info, 0xff, sizeof(info));
	TEST_ASSERT_SUCCESS(igb_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_RX,
		0, &info), "info Rx 0");
	TEST_ASSERT(!info.st_valid && info.st == 0, "Rx 0 reported steered");
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(igb_tph_queues_bind(port, b, 1), "bind Tx 0");
	return TEST_SUCCESS;
}

/* The I210's 4 TXCTL registers; queue 4 is refused. */
static int
test_igb_tph_queue_regs(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);

	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 3, main_lcore,
		RTE_TPH_MEM_VOLATILE), "I210 Tx 3");
	TEST_ASSERT_EQUAL(reg_read(TXCTL(3)), tx_steered(tag), "TXCTL3 0x%08x",
		reg_read(TXCTL(3)));
	port->data->nb_tx_queues = 5;
	take_snapshot();
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 4, main_lcore,
		RTE_TPH_MEM_VOLATILE), -EINVAL, "I210 has no TXCTL4");
	port->data->nb_tx_queues = 4;
	return only_changed(NULL, 0);
}

static int
test_igb_tph_bind(void)
{
	struct rte_eth_tph_queue_info info;
	uint16_t tag_p = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_PERSISTENT);
	uint32_t offs[1] = { TXCTL(1) };

	/* Not in DS mode yet: nothing is looked up or written. */
	take_snapshot();
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), -ENOTSUP, "bind before ds");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "get_st before ds");
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Mode DS writes no register: DCA_CTRL is the sibling's. */
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Tx queue 1, persistent memory: one lookup, tag and enable. */
	reg_write(TXCTL(1), TX_DESC_RD_RO | TX_DESC_WB_NS);
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 1,
		main_lcore, RTE_TPH_MEM_PERSISTENT), "bind Tx 1");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 1u, "%u lookups", sim.nb_get_st);
	TEST_ASSERT(sim.last_get_n == 1 && sim.last_get[0].cpu == main_cpu &&
		sim.last_get[0].mem_type == RTE_TPH_MEM_PERSISTENT,
		"lookup of CPU %u", sim.last_get[0].cpu);
	TEST_ASSERT_EQUAL(reg_read(TXCTL(1)), (tx_steered(tag_p) |
		TX_DESC_RD_RO), "TXCTL1 0x%08x", reg_read(TXCTL(1)));
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;

	/* info reports the tag the register holds. */
	memset(&info, 0, sizeof(info));
	TEST_ASSERT_SUCCESS(igb_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_TX, 1,
		&info), "info Tx 1");
	TEST_ASSERT(info.st_valid && info.st == tag_p && !info.st_index_valid,
		"Tx 1: st 0x%x valid %d", info.st, info.st_valid);
	TEST_ASSERT_SUCCESS(igb_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_TX, 2,
		&info), "info Tx 2");
	TEST_ASSERT(!info.st_valid, "Tx 2 was never bound");
	/* A tag with the DCA enable only is not a TPH steering. */
	reg_write(TXCTL(2), 0x42000000u | TX_DESC_DCA);
	TEST_ASSERT_SUCCESS(igb_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_TX, 2,
		&info), "info Tx 2");
	TEST_ASSERT(!info.st_valid, "Tx 2 with DCA enable reported steered");
	reg_write(TXCTL(2), 0);

	/* Failures leave the registers as they were. */
	take_snapshot();
	sim.forced_tag = 0x1234;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 2,
		main_lcore, RTE_TPH_MEM_VOLATILE), -ERANGE, "16-bit tag");
	sim.forced_tag = 0;
	sim.fail_get_st = -EIO;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 2,
		main_lcore, RTE_TPH_MEM_VOLATILE), -EIO, "lookup failure");
	sim.fail_get_st = 0;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 4,
		main_lcore, RTE_TPH_MEM_VOLATILE), -EINVAL, "Tx 4 of 4");
	TEST_ASSERT_EQUAL(bind1((enum rte_eth_tph_queue_dir)9, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), -EINVAL, "bad direction");
	/* An empty batch is no error and no work. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(igb_tph_queues_bind(port, NULL, 0), "bind 0");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "get_st for an empty batch");
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Unbind: tag and enable cleared, bit 9 kept. */
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_TX, 1), "unbind Tx 1");
	TEST_ASSERT_EQUAL(reg_read(TXCTL(1)), TX_DESC_RD_RO, "TXCTL1 0x%08x",
		reg_read(TXCTL(1)));
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Off writes no register either. */
	take_snapshot();
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_OFF), "mode off");
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_CTRL_SIBLING,
		"DCA_CTRL 0x%08x", reg_read(DCA_CTRL));
	TEST_ASSERT_EQUAL(sim.violations, 0u, "requests the kernel would refuse");
	return TEST_SUCCESS;
}

/*
 * The mode lives in the port's private data, which a secondary process
 * shares and which lives and dies with the port: another adapter behind
 * the same port id starts off.
 */
static int
test_igb_tph_mode_in_private(void)
{
	struct e1000_adapter *other = calloc(1, sizeof(*other));
	int ret;

	TEST_ASSERT_NOT_NULL(other, "no memory");
	other->hw.hw_addr = regs;
	other->hw.mac.type = e1000_i210;
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	port->data->dev_private = other;
	ret = bind1(RTE_ETH_TPH_QUEUE_TX, 0, main_lcore, RTE_TPH_MEM_VOLATILE);
	port->data->dev_private = adapter;
	free(other);
	TEST_ASSERT_EQUAL(ret, -ENOTSUP, "bind on an adapter never set to ds");
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 0, main_lcore,
		RTE_TPH_MEM_VOLATILE), "bind on the adapter in ds");
	return TEST_SUCCESS;
}

/* With SR-IOV the PF's queues start after the VF pools' queues. */
static int
test_igb_tph_sriov(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	uint32_t offs[1] = { TXCTL(3) };

	/* The rule of igb_rxtx.c, on the 4 registers the PMD steers. */
	port->data->sriov.active = 1;
	port->data->sriov.def_pool_q_idx = 2;
	TEST_ASSERT_EQUAL(igb_tph_queue_reg_idx(port, 1), 3, "reg idx");
	TEST_ASSERT_SUCCESS(igb_tph_mode_set(port, RTE_TPH_MODE_DS), "mode ds");
	take_snapshot();
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), "bind Tx 1");
	TEST_ASSERT_EQUAL(reg_read(TXCTL(3)), tx_steered(tag), "TXCTL3 0x%08x",
		reg_read(TXCTL(3)));
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Register 4 does not exist. */
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 2,
		main_lcore, RTE_TPH_MEM_VOLATILE), -EINVAL, "register 4");
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
	uint32_t offs[1] = { TXCTL(2) };

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

	take_snapshot();
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_DS),
		"mode ds");
	TEST_ASSERT_EQUAL(sim.hw_mode, RTE_TPH_MODE_DS, "device not in DS");

	/* Stopped port: the binding is recorded, the device untouched. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 1,
		RTE_ETH_TPH_QUEUE_TX, main_lcore, RTE_TPH_MEM_VOLATILE),
		"bind Tx 1 while stopped");
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
	if (only_changed(offs, 1) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 2,
		RTE_ETH_TPH_QUEUE_TX, &info), "info Tx 2");
	TEST_ASSERT(info.bound && info.applied && info.st_valid &&
		info.st == tag && info.cpu == main_cpu,
		"Tx 2: bound %d applied %d st 0x%x cpu %u", info.bound,
		info.applied, info.st, info.cpu);

	/* Off: the programmed queue is cleared, DCA_CTRL untouched. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_OFF),
		"mode off");
	TEST_ASSERT_EQUAL(reg_read(TXCTL(2)), 0u, "TXCTL2 0x%08x",
		reg_read(TXCTL(2)));
	if (only_changed(NULL, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	if (tph_sim_check_left_off(&sim) != TEST_SUCCESS)
		return TEST_FAILED;
	return TEST_SUCCESS;
}

/* Tx queues 0 to 3, each polled by the main lcore. */
static void
four_tx_bindings(struct rte_eth_tph_queue_binding b[4])
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		b[i].dir = RTE_ETH_TPH_QUEUE_TX;
		b[i].queue_id = i;
		b[i].lcore_id = main_lcore;
		b[i].mem_type = RTE_TPH_MEM_VOLATILE;
	}
}

/* TXCTL0 to TXCTL3 hold the tag of the main CPU and the enable. */
static int
four_programmed(uint16_t tag)
{
	const uint32_t offs[4] = { TXCTL(0), TXCTL(1), TXCTL(2), TXCTL(3) };
	unsigned int i;

	for (i = 0; i < 4; i++)
		TEST_ASSERT_EQUAL(reg_read(offs[i]), (tx_steered(tag) |
			(i == 1 ? TX_DESC_RD_RO : 0)), "TXCTL%u 0x%08x", i,
			reg_read(offs[i]));
	return only_changed(offs, RTE_DIM(offs));
}

/* TXCTL0 to TXCTL3 without tag or TPH enable, bit 9 of TXCTL1 kept. */
static int
four_cleared(void)
{
	TEST_ASSERT(reg_read(TXCTL(0)) == 0 && reg_read(TXCTL(2)) == 0 &&
		reg_read(TXCTL(3)) == 0 && reg_read(TXCTL(1)) == TX_DESC_RD_RO,
		"registers: 0x%08x 0x%08x 0x%08x 0x%08x", reg_read(TXCTL(0)),
		reg_read(TXCTL(1)), reg_read(TXCTL(2)), reg_read(TXCTL(3)));
	return TEST_SUCCESS;
}

/* The PMD's callbacks with several queues: one lookup, then the registers. */
static int
test_igb_tph_batch(void)
{
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_binding four[4], bad[4];
	const struct rte_eth_tph_queue_ref refs[4] = {
		{ RTE_ETH_TPH_QUEUE_TX, 0 }, { RTE_ETH_TPH_QUEUE_TX, 1 },
		{ RTE_ETH_TPH_QUEUE_TX, 2 }, { RTE_ETH_TPH_QUEUE_TX, 3 },
	};
	unsigned int i;

	four_tx_bindings(four);
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

/* igb's dev_start has no TPH part: ethdev binds the queues after it. */
static int
emu_dev_start(struct rte_eth_dev *dev)
{
	RTE_SET_USED(dev);
	return 0;
}

static int
emu_dev_close(struct rte_eth_dev *dev)
{
	tph_sim_port_forget_private(dev);
	return 0;
}

/*
 * Through ethdev: every rebinding of the 4 Tx queues (at dev_start, and
 * the binding an application makes on the running port) costs the device
 * exactly one GET_ST request; an Rx binding recorded beside them is
 * refused at dev_start without costing the Tx queues their steering; a
 * close clears the four registers.
 */
static int
test_igb_tph_ethdev_batch(void)
{
	static struct eth_dev_ops ops;
	uint16_t port_id = port->data->port_id;
	uint16_t tag = TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE);
	struct rte_eth_tph_queue_binding four[4], bad[4];
	struct rte_eth_tph_queue_info info;
	struct rte_tph_stats st0, st1;

	tph_sim_pmd_ethdev_ops(&igb_pmd, port, &ops, emu_dev_start,
		emu_dev_close);
	four_tx_bindings(four);
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

	/* The application binds the 4 queues on the running port: one again. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(port_id, four, 4),
		"bind the 4 queues");
	TEST_ASSERT(sim.nb_get_st == 1 && sim.last_get_n == 4,
		"%u get_st batches of %u lookups, 1 of 4 expected",
		sim.nb_get_st, sim.last_get_n);

	/* An Rx binding at the next start: refused, the Tx queues steered. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port_id), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, main_lcore, RTE_TPH_MEM_VOLATILE),
		"record Rx 0");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	if (four_programmed(tag) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, &info), "info Rx 0");
	TEST_ASSERT(!info.applied && info.bind_failed &&
		info.bind_err == -ENOTSUP, "Rx 0: applied %d failed %d err %d",
		info.applied, info.bind_failed, info.bind_err);

	/* Close: the four registers cleared, the device off. */
	if (tph_sim_pmd_ethdev_close(&sim, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	if (four_cleared() != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(reg_read(DCA_CTRL), DCA_CTRL_SIBLING,
		"DCA_CTRL 0x%08x", reg_read(DCA_CTRL));
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
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_rx_refused),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_queue_regs),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_igb_tph_mode_in_private),
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
