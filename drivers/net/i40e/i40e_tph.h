/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef I40E_TPH_H
#define I40E_TPH_H

/*
 * PCIe TPH steering tags for i40e ports (X710/XXV710/XL710, X722),
 * Device Specific mode.
 *
 * The device has no ST table: each LAN queue takes its tag from the 8-bit
 * CPUID field of its queue context in the host memory cache (HMC), next to
 * per-queue TPH enables (X710/XXV710/XL710 datasheet, LAN Rx and Tx queue
 * context tables of the HMC chapter; bit positions as in the base code's
 * i40e_hmc_rxq_ce_info and i40e_hmc_txq_ce_info). The device reads a
 * queue context when the queue is enabled, so a tag reaches a running
 * queue only through a queue restart: this PMD stops the queue, writes
 * its context again and starts it.
 */

#include <stdbool.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_ethdev_tph.h>
#include <rte_tph.h>

#include "base/i40e_type.h"
#include "i40e_rxtx.h"

/** What the TPH fields of one queue context say. */
struct i40e_tph_ctx_tag {
	bool steered; /**< a binding holds the queue: tag and enables set */
	uint8_t tag;  /**< the CPUID field, 0 when not steered */
};

/**
 * Set the TPH fields of an Rx queue context: CPUID and the enables of
 * the writes a binding steers (descriptor write-back, packet data,
 * packet header); the descriptor-fetch enable is cleared. Not steered:
 * CPUID 0 and every TPH enable cleared. Other fields are not touched.
 */
void i40e_tph_rxq_ctx_set(struct i40e_hmc_obj_rxq *ctx,
		const struct i40e_tph_ctx_tag *t);

/**
 * Set the TPH fields of a Tx queue context: CPUID and the descriptor
 * write-back enable; the descriptor and packet fetch enables are cleared.
 * Not steered: CPUID 0 and every TPH enable cleared.
 */
void i40e_tph_txq_ctx_set(struct i40e_hmc_obj_txq *ctx,
		const struct i40e_tph_ctx_tag *t);

/*
 * Called by i40e_rx_queue_init()/i40e_tx_queue_init() while they build a
 * context: put the queue's binding in it and note it as loaded. Queues
 * that are not ethdev queues of their port (flow director) are unsteered.
 */
void i40e_tph_rxq_ctx_fill(const struct i40e_rx_queue *rxq,
		struct i40e_hmc_obj_rxq *ctx);
void i40e_tph_txq_ctx_fill(const struct i40e_tx_queue *txq,
		struct i40e_hmc_obj_txq *ctx);

/* eth_dev_ops TPH callbacks (see ethdev_driver.h). */
int i40e_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes);
int i40e_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode);
int i40e_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n);
int i40e_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n);
int i40e_tph_queue_info_get(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info);

/** Forget the port's TPH state (dev_close). */
void i40e_tph_dev_close(struct rte_eth_dev *dev);

#endif /* I40E_TPH_H */
