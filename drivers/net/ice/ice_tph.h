/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef ICE_TPH_H
#define ICE_TPH_H

/*
 * PCIe TPH steering tags for ice ports (E810), Device Specific mode.
 *
 * The device has no ST table: each LAN queue takes its tag from the 8-bit
 * CPUID field of its queue context, next to per-queue TPH enables (E810
 * datasheet, LAN Rx queue context and LAN Tx queue context tables; bit
 * positions as in the base code's ice_rlan_ctx_info and
 * ice_tlan_ctx_info). The PMD writes a queue's context whenever it starts
 * the queue (ice_rx_queue_start() through QRX_CONTEXT registers,
 * ice_tx_queue_start() through the add-Tx-queue admin command), so a tag
 * reaches a running queue through a queue restart.
 */

#include <stdbool.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_ethdev_tph.h>
#include <rte_tph.h>

#include "base/ice_type.h"
#include "ice_rxtx.h"

/** What the TPH fields of one queue context say. */
struct ice_tph_ctx_tag {
	bool steered; /**< a binding holds the queue: tag and enables set */
	uint8_t tag;  /**< the CPUID field, 0 when not steered */
};

/**
 * Set the TPH fields of an Rx queue context: CPUID and the enables of
 * the writes a binding steers (descriptor write-back, packet data,
 * packet header); the descriptor-fetch enable is cleared. Not steered:
 * CPUID 0 and every TPH enable cleared. Other fields are not touched.
 */
void ice_tph_rlan_ctx_set(struct ice_rlan_ctx *ctx,
		const struct ice_tph_ctx_tag *t);

/**
 * Set the TPH fields of a Tx queue context: CPUID and the descriptor
 * write-back enable; descriptor and data fetch enables are cleared. Not
 * steered: CPUID 0 and every TPH enable cleared.
 */
void ice_tph_tlan_ctx_set(struct ice_tlan_ctx *ctx,
		const struct ice_tph_ctx_tag *t);

/*
 * Called by the queue start code while it builds a context: put the
 * queue's binding in it and note it as loaded. Queues that are not ethdev
 * queues of their port (flow director) are unsteered.
 */
void ice_tph_rxq_ctx_fill(const struct ice_rx_queue *rxq,
		struct ice_rlan_ctx *ctx);
void ice_tph_txq_ctx_fill(const struct ice_tx_queue *txq,
		struct ice_tlan_ctx *ctx);

/* eth_dev_ops TPH callbacks (see ethdev_driver.h). */
int ice_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes);
int ice_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode);
int ice_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n);
int ice_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n);
int ice_tph_queue_info_get(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info);

/** Forget the port's TPH state (dev_close). */
void ice_tph_dev_close(struct rte_eth_dev *dev);

#endif /* ICE_TPH_H */
