/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef ICE_TPH_H
#define ICE_TPH_H

/*
 * PCIe TPH steering tags for ice ports (E810), Device Specific mode;
 * built with lib/tph only (callers include this under RTE_LIB_TPH).
 *
 * The device has no ST table: each LAN queue takes its tag from the 8-bit
 * CPUID field of its queue context, next to per-queue TPH enables. The
 * bindings are kept by ethdev's queue context helpers
 * (ethdev_tph_qctx.h); this file packs them into the Rx and Tx LAN contexts.
 * The PMD writes a context whenever it starts the queue
 * (ice_rx_queue_start(), ice_tx_queue_start()), so a binding takes effect
 * when its queue starts: this PMD never stops or starts a queue itself.
 */

#include <stdint.h>

#include <ethdev_driver.h>
#include <ethdev_tph_qctx.h>
#include <rte_ethdev_tph.h>

#include "base/ice_type.h"
#include "ice_rxtx.h"

/**
 * Set the TPH fields of an Rx queue context: CPUID and the enables of
 * the writes a binding steers (descriptor write-back, packet data,
 * packet header); the descriptor-fetch enable is cleared. Not steered:
 * CPUID 0 and every TPH enable cleared. Other fields are not touched.
 */
void ice_tph_rlan_ctx_set(struct ice_rlan_ctx *ctx,
		const struct rte_eth_tph_qctx_tag *t);

/**
 * Set the TPH fields of a Tx queue context: CPUID and the descriptor
 * write-back enable; the descriptor and packet fetch enables are cleared.
 * Not steered: CPUID 0 and every TPH enable cleared.
 */
void ice_tph_tlan_ctx_set(struct ice_tlan_ctx *ctx,
		const struct rte_eth_tph_qctx_tag *t);

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
 * The PMD's own refusal of a binding (a started Tx queue under a TM
 * hierarchy), for rte_eth_tph_qctx_queues_bind().
 */
int ice_tph_bind_check(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id);

/*
 * eth_dev_ops TPH callbacks (see ethdev_driver.h); mode, unbind and
 * queue info are rte_eth_tph_qctx_mode_set(),
 * rte_eth_tph_qctx_queues_unbind() and rte_eth_tph_qctx_queue_info_get().
 */
int ice_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes);
int ice_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n);

#endif /* ICE_TPH_H */
