/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef IGB_TPH_H
#define IGB_TPH_H

/*
 * PCIe TPH steering tags for igb ports, Device Specific mode.
 *
 * 82576 and later parts (I350, I210, ...) take the tag of a queue's DMA
 * writes from the CPUID field (bits 31:24) of the queue's RXCTL/TXCTL
 * register, used when the DCA enables of that register are set and
 * DCA_CTRL does not disable DCA. The tag comes from lib/tph
 * (rte_tph_get_st()); the TPH requester itself is enabled by ethdev.
 */

#include <stdbool.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_ethdev_tph.h>
#include <rte_tph.h>

#include "base/e1000_hw.h"

/* Rx enables set by a binding: descriptor, header and payload writes. */
#define IGB_TPH_RXCTL_ENABLES (E1000_DCA_RXCTRL_DESC_DCA_EN | \
		E1000_DCA_RXCTRL_HEAD_DCA_EN | E1000_DCA_RXCTRL_DATA_DCA_EN)
/* Tx enables set by a binding: descriptor write-backs (Tx only reads data). */
#define IGB_TPH_TXCTL_ENABLES E1000_DCA_TXCTRL_DESC_DCA_EN

/**
 * RXCTL value steering a queue with @p tag.
 *
 * @param old
 *   Current register value; every bit but the CPUID field and the DCA
 *   enables is kept.
 * @param tag
 *   The 8-bit steering tag.
 * @param enables
 *   Subset of IGB_TPH_RXCTL_ENABLES to set; 0 clears the tag and the
 *   enables (no steering).
 * @return
 *   The new register value.
 */
uint32_t igb_tph_rxctl_value(uint32_t old, uint8_t tag, uint32_t enables);

/** TXCTL value steering a queue with @p tag; as igb_tph_rxctl_value(). */
uint32_t igb_tph_txctl_value(uint32_t old, uint8_t tag, uint32_t enables);

/**
 * DCA_CTRL value with DCA (the per-queue tags) enabled or disabled.
 *
 * Enabled: DCA_DIS clear and the DCA 1.0 mode (the one whose tags travel
 * in the PCIe TPH steering tag field) selected. Other bits are kept.
 */
uint32_t igb_tph_dca_ctrl_value(uint32_t old, bool enable);

/** Register index of queue @p queue_id of a port (SR-IOV moves it). */
uint16_t igb_tph_queue_reg_idx(const struct rte_eth_dev *dev,
		uint16_t queue_id);

/** Write @p tag and @p enables (0: clear) into a queue's RXCTL or TXCTL. */
void igb_tph_queue_write(struct e1000_hw *hw, enum rte_eth_tph_queue_dir dir,
		uint16_t reg_idx, uint8_t tag, uint32_t enables);

/* eth_dev_ops TPH callbacks (see ethdev_driver.h). */
int igb_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes);
int igb_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode);
int igb_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n);
int igb_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n);
int igb_tph_queue_info_get(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info);

/**
 * Restore the global DCA enable after the hardware reset of dev_start;
 * the queue tags are programmed again by ethdev after dev_start.
 */
void igb_tph_dev_start(struct rte_eth_dev *dev);

/** Forget the port's TPH state (dev_close). */
void igb_tph_dev_close(struct rte_eth_dev *dev);

#endif /* IGB_TPH_H */
