/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef ICE_TPH_H
#define ICE_TPH_H

/*
 * PCIe TPH steering tags for ice ports (E810), Device Specific mode.
 *
 * The device has no ST table: each LAN queue takes its tag from the 8-bit
 * CPUID field of its queue context, next to per-queue TPH enables. Bit
 * positions are checked against DPDK 22.11's base code
 * (ice_rlan_ctx_info, ice_tlan_ctx_info); the datasheet sections were not
 * available to this work and are not cited. The PMD writes a context
 * whenever it starts the queue (ice_rx_queue_start(), ice_tx_queue_start()),
 * so a binding takes effect when its queue starts: this PMD never stops
 * or starts a queue itself.
 */

#include <stdbool.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_ethdev_tph.h>

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
 * write-back enable; the descriptor and packet fetch enables are cleared.
 * Not steered: CPUID 0 and every TPH enable cleared.
 */
void ice_tph_tlan_ctx_set(struct ice_tlan_ctx *ctx,
		const struct ice_tph_ctx_tag *t);

#ifdef RTE_LIB_TPH

/*
 * ice_rx_queue_start()/ice_tx_queue_start() put the queue's binding in
 * the context they build (ctx_fill) and, once the device took the
 * context, note what it holds (ctx_written).
 */
void ice_tph_rxq_ctx_fill(const struct ice_rx_queue *rxq,
		struct ice_rlan_ctx *ctx);
void ice_tph_rxq_ctx_written(const struct ice_rx_queue *rxq,
		const struct ice_rlan_ctx *ctx);
void ice_tph_txq_ctx_fill(const struct ice_tx_queue *txq,
		struct ice_tlan_ctx *ctx);
void ice_tph_txq_ctx_written(const struct ice_tx_queue *txq,
		const struct ice_tlan_ctx *ctx);

/*
 * dev_start, before the queues start: take the bindings ethdev
 * recorded while the port was stopped, so that the contexts get them.
 */
void ice_tph_dev_start(struct rte_eth_dev *dev);

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

#else /* DPDK built without lib/tph: contexts stay unsteered. */

static inline void
ice_tph_rxq_ctx_fill(__rte_unused const struct ice_rx_queue *rxq,
		__rte_unused struct ice_rlan_ctx *ctx)
{
}

static inline void
ice_tph_rxq_ctx_written(__rte_unused const struct ice_rx_queue *rxq,
		__rte_unused const struct ice_rlan_ctx *ctx)
{
}

static inline void
ice_tph_txq_ctx_fill(__rte_unused const struct ice_tx_queue *txq,
		__rte_unused struct ice_tlan_ctx *ctx)
{
}

static inline void
ice_tph_txq_ctx_written(__rte_unused const struct ice_tx_queue *txq,
		__rte_unused const struct ice_tlan_ctx *ctx)
{
}

static inline void
ice_tph_dev_start(__rte_unused struct rte_eth_dev *dev)
{
}

static inline void
ice_tph_dev_close(__rte_unused struct rte_eth_dev *dev)
{
}

#endif /* RTE_LIB_TPH */

#endif /* ICE_TPH_H */
