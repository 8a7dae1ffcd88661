/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * igb TPH, Device Specific mode: a Tx queue binding becomes a steering tag
 * in the CPUID field of the queue's TXCTL register, with the register's
 * descriptor write-back TPH enable (I210 datasheet 7.7.2, 8.13.2).
 *
 * ethdev enables the TPH requester in DS mode before calling
 * igb_tph_mode_set(), calls igb_tph_queues_bind() with every binding after
 * dev_start, and igb_tph_queues_unbind() before queues go away. The tags
 * of all the queues of one call come from one rte_tph_get_st() batch.
 *
 * DCA_CTRL, which holds the processing hints of TPH traffic, is common to
 * all the functions of the device (8.13.4): the PMD never writes it, so a
 * sibling port keeps its DCA or TPH setup. Its reset values, Desc_PH 00b
 * (bi-directional) and Data_PH 10b (target), are the hints the PMD wants.
 */

#include <errno.h>
#include <stdlib.h>

#include <ethdev_driver.h>
#include <rte_common.h>
#include <rte_errno.h>
#include <rte_lcore.h>

#include "e1000_logs.h"
#include "base/e1000_api.h"
#include "e1000_ethdev.h"
#include "igb_tph.h"

/*
 * What the PMD steers on each igb MAC. Only the I210's TXCTL page (8.13.2)
 * could be checked; its RXCTL page (8.13.1) and the I350 and I211 register
 * pages were not available, and the I350 and I211 are refused rather than
 * programmed on the I210's layout. The 82575 and 82576 have DCA only:
 * they predate TPH, which came with PCIe 2.1.
 */
static const struct {
	enum e1000_mac_type type;
	uint16_t tx_queue_regs;
	const char *no_tph;
} igb_tph_macs[] = {
	{ e1000_82575, 0, "82575: DCA only, no TPH requester" },
	{ e1000_82576, 0, "82576: DCA only, no TPH requester" },
	{ e1000_82580, 0, "82580/DH89xxCC: TPH registers not checked against a datasheet" },
	{ e1000_i350, 0, "I350: TPH register pages not checked against its datasheet" },
	{ e1000_i354, 0, "I354: TPH registers not checked against a datasheet" },
	{ e1000_i210, 4, NULL },
	{ e1000_i211, 0, "I211: TPH register pages not checked against its datasheet" },
};

/* Why Rx queues are refused on every MAC. */
#define IGB_TPH_NO_RX "Rx queues are not steered: RXCTL (I210 datasheet 8.13.1) not checked against the datasheet"

uint16_t
igb_tph_mac_queue_regs(const struct e1000_hw *hw, const char **why)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(igb_tph_macs); i++) {
		if (igb_tph_macs[i].type != hw->mac.type)
			continue;
		if (why != NULL)
			*why = igb_tph_macs[i].no_tph;
		return igb_tph_macs[i].tx_queue_regs;
	}
	if (why != NULL)
		*why = "not an igb physical function with TPH";
	return 0;
}

uint32_t
igb_tph_txctl_value(uint32_t old, uint8_t tag, uint32_t enables)
{
	/* "Per queue, the DCA and TPH features are exclusive" (7.7.2). */
	uint32_t val = old & ~(IGB_TPH_CPUID_MASK | IGB_TPH_TXCTL_ALL_TPH |
		IGB_TPH_TXCTL_DESC_DCA | IGB_TPH_TXCTL_RESERVED);

	enables &= IGB_TPH_TXCTL_ENABLES;
	if (enables == 0)
		return val;
	val &= ~IGB_TPH_TXCTL_NO_SNOOP;
	return val | enables | ((uint32_t)tag << IGB_TPH_CPUID_SHIFT);
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
igb_tph_txq_write(struct e1000_hw *hw, uint16_t reg_idx, uint8_t tag,
		uint32_t enables)
{
	uint32_t reg = IGB_TPH_TXCTL(reg_idx);
	uint32_t old = E1000_READ_REG(hw, reg);

	/* 7.7.1: written at any time, applied after the packets in flight. */
	E1000_WRITE_REG(hw, reg, igb_tph_txctl_value(old, tag, enables));
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
		/* A query, not a failure: mode_set logs the refusal. */
		PMD_DRV_LOG(DEBUG, "port %u: PMD does not support TPH on this MAC: %s",
			dev->data->port_id, why);
		return -ENOTSUP;
	}
	*modes = RTE_TPH_CAP_MODE_DS;
	return 0;
}

int
igb_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	struct e1000_adapter *adapter = dev->data->dev_private;
	uint16_t port_id = dev->data->port_id;
	const char *why;

	switch (mode) {
	case RTE_TPH_MODE_DS:
		if (igb_tph_mac_queue_regs(&adapter->hw, &why) == 0) {
			PMD_DRV_LOG(ERR, "port %u: PMD does not support TPH on this MAC: %s",
				port_id, why);
			return -ENOTSUP;
		}
		break;
	case RTE_TPH_MODE_OFF:
		/* ethdev unbound every queue: no TPH enable is left set. */
		break;
	default:
		PMD_DRV_LOG(ERR, "port %u: TPH mode %s is not supported, only ds",
			port_id, rte_tph_mode_name(mode));
		return -ENOTSUP;
	}
	/* In dev_private, shared with secondary processes. */
	adapter->tph_ds_mode = mode == RTE_TPH_MODE_DS;
	PMD_DRV_LOG(DEBUG, "port %u: TPH mode %s", port_id,
		rte_tph_mode_name(mode));
	return 0;
}

int
igb_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	struct e1000_adapter *adapter = dev->data->dev_private;
	uint16_t port_id = dev->data->port_id;
	const struct rte_eth_tph_queue_binding *b;
	struct rte_tph_st_query *q = NULL;
	uint16_t *reg_idx = NULL;
	uint16_t i;
	int ret;

	if (!adapter->tph_ds_mode) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: port is not in ds mode",
			port_id);
		return -ENOTSUP;
	}
	if (n == 0)
		return 0;
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
		if (b->dir == RTE_ETH_TPH_QUEUE_RX) {
			PMD_DRV_LOG(ERR, "port %u: TPH bind of Rx queue %u: " IGB_TPH_NO_RX,
				port_id, b->queue_id);
			ret = -ENOTSUP;
			goto out;
		}
		q[i].lcore_id = b->lcore_id;
		q[i].mem_type = b->mem_type;
	}
	/* One lookup for every queue; nothing is written unless all fit. */
	ret = rte_tph_get_st(dev->device, q, n);
	if (ret < 0) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: no steering tags for the %u queues (first: lcore %u): %s",
			port_id, n, bindings[0].lcore_id, rte_strerror(-ret));
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
		igb_tph_txq_write(&adapter->hw, reg_idx[i], (uint8_t)q[i].st,
			IGB_TPH_TXCTL_ENABLES);
		PMD_DRV_LOG(DEBUG, "port %u: Tx queue %u (register %u) steered to lcore %u (CPU %u), tag 0x%02x",
			port_id, b->queue_id, reg_idx[i], b->lcore_id,
			q[i].cpu, q[i].st);
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
		/* RXCTL is never written: an Rx queue has nothing to clear. */
		if (queues[i].dir == RTE_ETH_TPH_QUEUE_TX)
			igb_tph_txq_write(hw, reg_idx, 0, 0);
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
	info->st_valid = false;
	info->st = 0;
	if (dir == RTE_ETH_TPH_QUEUE_RX)
		return 0; /* never steered */
	/* Report what the device holds, not what was asked for. */
	val = E1000_READ_REG(hw, IGB_TPH_TXCTL(reg_idx));
	if (val & IGB_TPH_TXCTL_ALL_TPH) {
		info->st_valid = true;
		info->st = (val & IGB_TPH_CPUID_MASK) >> IGB_TPH_CPUID_SHIFT;
	}
	return 0;
}
