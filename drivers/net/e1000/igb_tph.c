/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * igb TPH, Device Specific mode: a queue binding becomes a steering tag in
 * the CPUID field of the queue's RXCTL (descriptor write-backs, headers,
 * payloads) or TXCTL (descriptor write-backs) register, with the TPH
 * enables of the same register (I210 datasheet 7.7.2, 8.13).
 *
 * ethdev enables the TPH requester in DS mode before calling
 * igb_tph_mode_set(), calls igb_tph_queues_bind() with every binding after
 * dev_start (the hardware reset of dev_start clears the registers), and
 * igb_tph_queues_unbind() before queues go away. The tags of all the
 * queues of one call come from one rte_tph_get_st() batch.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <ethdev_driver.h>
#include <rte_common.h>
#include <rte_lcore.h>

#include "e1000_logs.h"
#include "base/e1000_api.h"
#include "e1000_ethdev.h"
#include "igb_tph.h"

/* Mode ethdev last set on each port (per process, like lib/tph state). */
static enum rte_tph_mode igb_tph_port_mode[RTE_MAX_ETHPORTS];

/*
 * What each igb MAC can do. TPH: I210 datasheet 7.7.2 (4 queues, 8.13),
 * I350 datasheet feature list ("PCIe v2.1 TLP Process Hints", 8 queues per
 * port), I211 (the I210's 2-queue sibling). The 82575 and 82576 have DCA
 * only (PCIe 2.0 parts; TPH came with PCIe 2.1).
 */
static const struct {
	enum e1000_mac_type type;
	uint16_t queue_regs;
	const char *no_tph;
} igb_tph_macs[] = {
	{ e1000_82575, 0, "82575: DCA only, no TPH requester" },
	{ e1000_82576, 0, "82576: DCA only, no TPH requester" },
	{ e1000_82580, 0, "82580: its TPH registers are not checked against a datasheet" },
	{ e1000_i350, 8, NULL },
	{ e1000_i354, 0, "I354: its TPH registers are not checked against a datasheet" },
	{ e1000_i210, 4, NULL },
	{ e1000_i211, 2, NULL },
};

uint16_t
igb_tph_mac_queue_regs(const struct e1000_hw *hw, const char **why)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(igb_tph_macs); i++) {
		if (igb_tph_macs[i].type != hw->mac.type)
			continue;
		if (why != NULL)
			*why = igb_tph_macs[i].no_tph;
		return igb_tph_macs[i].queue_regs;
	}
	if (why != NULL)
		*why = "not an igb physical function with TPH";
	return 0;
}

/* Replace the tag and the TPH and DCA enables (@p owned) of a register. */
static uint32_t
igb_tph_queue_value(uint32_t old, uint8_t tag, uint32_t enables,
		uint32_t owned)
{
	uint32_t val = old & ~(owned | IGB_TPH_CPUID_MASK);

	if (enables == 0)
		return val;
	return val | enables | ((uint32_t)tag << IGB_TPH_CPUID_SHIFT);
}

uint32_t
igb_tph_rxctl_value(uint32_t old, uint8_t tag, uint32_t enables)
{
	/* "Per queue, the DCA and TPH features are exclusive" (7.7.2). */
	return igb_tph_queue_value(old, tag, enables & IGB_TPH_RXCTL_ENABLES,
		IGB_TPH_RXCTL_ALL_TPH | IGB_TPH_RXCTL_DCA_ENABLES);
}

uint32_t
igb_tph_txctl_value(uint32_t old, uint8_t tag, uint32_t enables)
{
	return igb_tph_queue_value(old, tag, enables & IGB_TPH_TXCTL_ENABLES,
		IGB_TPH_TXCTL_ALL_TPH | IGB_TPH_TXCTL_DCA_ENABLES);
}

uint32_t
igb_tph_dca_ctrl_value(uint32_t old)
{
	return (old & ~IGB_TPH_DCA_CTRL_PH_MASK) | IGB_TPH_DCA_CTRL_DCA_DIS |
		(IGB_TPH_PH_BIDIRECTIONAL << IGB_TPH_DCA_CTRL_DESC_PH_SHIFT) |
		(IGB_TPH_PH_TARGET << IGB_TPH_DCA_CTRL_DATA_PH_SHIFT);
}

uint16_t
igb_tph_queue_reg_idx(const struct rte_eth_dev *dev, uint16_t queue_id)
{
	/* The rule of the queue setup in igb_rxtx.c: SR-IOV gives the PF
	 * the queues after those of its VF pools.
	 */
	if (RTE_ETH_DEV_SRIOV(dev).active == 0)
		return queue_id;
	return RTE_ETH_DEV_SRIOV(dev).def_pool_q_idx + queue_id;
}

void
igb_tph_queue_write(struct e1000_hw *hw, enum rte_eth_tph_queue_dir dir,
		uint16_t reg_idx, uint8_t tag, uint32_t enables)
{
	uint32_t reg, old, val;

	/* 7.7.1: written at any time, applied after the packets in flight. */
	if (dir == RTE_ETH_TPH_QUEUE_RX) {
		reg = IGB_TPH_RXCTL(reg_idx);
		old = E1000_READ_REG(hw, reg);
		val = igb_tph_rxctl_value(old, tag, enables);
	} else {
		reg = IGB_TPH_TXCTL(reg_idx);
		old = E1000_READ_REG(hw, reg);
		val = igb_tph_txctl_value(old, tag, enables);
	}
	E1000_WRITE_REG(hw, reg, val);
	E1000_WRITE_FLUSH(hw);
}

static void
igb_tph_dca_ctrl_write(struct e1000_hw *hw)
{
	uint32_t old = E1000_READ_REG(hw, IGB_TPH_DCA_CTRL);

	E1000_WRITE_REG(hw, IGB_TPH_DCA_CTRL, igb_tph_dca_ctrl_value(old));
	E1000_WRITE_FLUSH(hw);
}

/* Check a queue named by ethdev and find its register index. */
static int
igb_tph_queue_lookup(const struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		const char *op, uint16_t *reg_idx)
{
	struct e1000_hw *hw = E1000_DEV_PRIVATE_TO_HW(dev->data->dev_private);
	uint16_t nb_queues, nb_regs, idx;

	if (dir != RTE_ETH_TPH_QUEUE_RX && dir != RTE_ETH_TPH_QUEUE_TX) {
		PMD_DRV_LOG(ERR, "port %u: TPH %s: invalid queue direction %d",
			dev->data->port_id, op, (int)dir);
		return -EINVAL;
	}
	nb_queues = dir == RTE_ETH_TPH_QUEUE_RX ? dev->data->nb_rx_queues :
		dev->data->nb_tx_queues;
	if (queue_id >= nb_queues) {
		PMD_DRV_LOG(ERR, "port %u: TPH %s: %s queue %u does not exist (%u configured)",
			dev->data->port_id, op,
			dir == RTE_ETH_TPH_QUEUE_RX ? "Rx" : "Tx",
			queue_id, nb_queues);
		return -EINVAL;
	}
	idx = igb_tph_queue_reg_idx(dev, queue_id);
	nb_regs = igb_tph_mac_queue_regs(hw, NULL);
	if (idx >= nb_regs) {
		PMD_DRV_LOG(ERR, "port %u: TPH %s: queue %u maps to register %u, beyond the %u queue registers of this MAC",
			dev->data->port_id, op, queue_id, idx, nb_regs);
		return -EINVAL;
	}
	*reg_idx = idx;
	return 0;
}

int
igb_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	struct e1000_hw *hw = E1000_DEV_PRIVATE_TO_HW(dev->data->dev_private);
	const char *why;

	*modes = 0;
	if (igb_tph_mac_queue_regs(hw, &why) == 0) {
		PMD_DRV_LOG(NOTICE, "port %u: PMD does not support TPH on this MAC: %s",
			dev->data->port_id, why);
		return -ENOTSUP;
	}
	*modes = RTE_TPH_CAP_MODE_DS;
	return 0;
}

int
igb_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	struct e1000_hw *hw = E1000_DEV_PRIVATE_TO_HW(dev->data->dev_private);
	uint16_t port_id = dev->data->port_id;
	const char *why;

	switch (mode) {
	case RTE_TPH_MODE_DS:
		if (igb_tph_mac_queue_regs(hw, &why) == 0) {
			PMD_DRV_LOG(ERR, "port %u: PMD does not support TPH on this MAC: %s",
				port_id, why);
			return -ENOTSUP;
		}
		/* 7.7.2 step 3: the hints; DCA tagging stays disabled. */
		igb_tph_dca_ctrl_write(hw);
		break;
	case RTE_TPH_MODE_OFF:
		/* ethdev unbound every queue: no TPH enable is left set. */
		break;
	default:
		PMD_DRV_LOG(ERR, "port %u: TPH mode %s is not supported, only ds",
			port_id, rte_tph_mode_name(mode));
		return -ENOTSUP;
	}
	igb_tph_port_mode[port_id] = mode;
	PMD_DRV_LOG(DEBUG, "port %u: TPH mode %s", port_id,
		rte_tph_mode_name(mode));
	return 0;
}

int
igb_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	struct e1000_hw *hw = E1000_DEV_PRIVATE_TO_HW(dev->data->dev_private);
	uint16_t port_id = dev->data->port_id;
	const struct rte_eth_tph_queue_binding *b;
	struct rte_tph_st_query *q = NULL;
	uint16_t *reg_idx = NULL;
	uint16_t i;
	int ret;

	if (igb_tph_port_mode[port_id] != RTE_TPH_MODE_DS) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: port is not in ds mode",
			port_id);
		return -ENOTSUP;
	}
	q = calloc(n, sizeof(*q));
	reg_idx = calloc(n, sizeof(*reg_idx));
	if (q == NULL || reg_idx == NULL) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		b = &bindings[i];
		ret = igb_tph_queue_lookup(dev, b->dir, b->queue_id, "bind",
			&reg_idx[i]);
		if (ret < 0)
			goto out;
		q[i].lcore_id = b->lcore_id;
		q[i].mem_type = b->mem_type;
	}
	/* One lookup for every queue; nothing is written unless all fit. */
	ret = rte_tph_get_st(dev->device, q, n);
	if (ret < 0) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: no steering tags for the %u queues (first: lcore %u): %s",
			port_id, n, bindings[0].lcore_id, strerror(-ret));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (q[i].st > UINT8_MAX) {
			/* 7.7.2: no extended (16-bit) TPH requests. */
			PMD_DRV_LOG(ERR, "port %u: TPH bind: tag 0x%x of lcore %u does not fit the 8-bit CPUID field",
				port_id, q[i].st, bindings[i].lcore_id);
			ret = -ERANGE;
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		b = &bindings[i];
		igb_tph_queue_write(hw, b->dir, reg_idx[i], (uint8_t)q[i].st,
			b->dir == RTE_ETH_TPH_QUEUE_RX ? IGB_TPH_RXCTL_ENABLES :
			IGB_TPH_TXCTL_ENABLES);
		PMD_DRV_LOG(DEBUG, "port %u: %s queue %u (register %u) steered to lcore %u (CPU %u), tag 0x%02x",
			port_id, b->dir == RTE_ETH_TPH_QUEUE_RX ? "Rx" : "Tx",
			b->queue_id, reg_idx[i], b->lcore_id, q[i].cpu,
			q[i].st);
	}
	ret = 0;
out:
	free(q);
	free(reg_idx);
	return ret;
}

int
igb_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n)
{
	struct e1000_hw *hw = E1000_DEV_PRIVATE_TO_HW(dev->data->dev_private);
	uint16_t reg_idx, i;
	int ret, first = 0;

	/* Clearing is right in any mode and on a stopped port. */
	for (i = 0; i < n; i++) {
		ret = igb_tph_queue_lookup(dev, queues[i].dir,
			queues[i].queue_id, "unbind", &reg_idx);
		if (ret < 0) {
			if (first == 0)
				first = ret;
			continue;
		}
		igb_tph_queue_write(hw, queues[i].dir, reg_idx, 0, 0);
	}
	return first;
}

int
igb_tph_queue_info_get(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, struct rte_eth_tph_queue_info *info)
{
	struct e1000_hw *hw = E1000_DEV_PRIVATE_TO_HW(dev->data->dev_private);
	uint16_t reg_idx;
	uint32_t val;
	int ret;

	ret = igb_tph_queue_lookup(dev, dir, queue_id, "info", &reg_idx);
	if (ret < 0)
		return ret;
	/* Report what the device holds, not what was asked for. */
	if (dir == RTE_ETH_TPH_QUEUE_RX) {
		val = E1000_READ_REG(hw, IGB_TPH_RXCTL(reg_idx));
		info->st_valid = (val & IGB_TPH_RXCTL_ALL_TPH) != 0;
	} else {
		val = E1000_READ_REG(hw, IGB_TPH_TXCTL(reg_idx));
		info->st_valid = (val & IGB_TPH_TXCTL_ALL_TPH) != 0;
	}
	info->st = (val & IGB_TPH_CPUID_MASK) >> IGB_TPH_CPUID_SHIFT;
	if (!info->st_valid)
		info->st = 0;
	return 0;
}

void
igb_tph_dev_start(struct rte_eth_dev *dev)
{
	struct e1000_hw *hw = E1000_DEV_PRIVATE_TO_HW(dev->data->dev_private);

	if (igb_tph_port_mode[dev->data->port_id] == RTE_TPH_MODE_DS)
		igb_tph_dca_ctrl_write(hw);
}

void
igb_tph_dev_close(struct rte_eth_dev *dev)
{
	igb_tph_port_mode[dev->data->port_id] = RTE_TPH_MODE_OFF;
}
