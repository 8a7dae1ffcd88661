/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef I40E_TPH_H
#define I40E_TPH_H

/*
 * PCIe TPH steering tags for i40e ports (X710, XL710), Device Specific
 * mode; built with lib/tph only (callers include this under
 * RTE_LIB_TPH).
 *
 * The device has no ST table: each LAN queue takes its tag from the 8-bit
 * CPUID field of its queue context in the host memory cache (HMC), next to
 * per-queue TPH enables. The bindings are kept by ethdev's queue context
 * helpers (ethdev_tph_qctx.h); this file packs them into the HMC
 * contexts. A context is written while its queue is disabled, so a
 * binding takes effect when its queue starts: this PMD never stops or
 * starts a queue itself.
 */

#include <stdint.h>

#include <ethdev_driver.h>
#include <ethdev_tph_qctx.h>
#include <rte_ethdev_tph.h>

#include "base/i40e_type.h"
#include "i40e_rxtx.h"

/**
 * Set the TPH fields of an Rx queue context: CPUID and the enables of
 * the writes a binding steers (descriptor write-back, packet data,
 * packet header); the descriptor-fetch enable is cleared. Not steered:
 * CPUID 0 and every TPH enable cleared. Other fields are not touched.
 */
void i40e_tph_rxq_ctx_set(struct i40e_hmc_obj_rxq *ctx,
		const struct rte_eth_tph_qctx_tag *t);

/**
 * Set the TPH fields of a Tx queue context: CPUID and the descriptor
 * write-back enable; the descriptor and packet fetch enables are cleared.
 * Not steered: CPUID 0 and every TPH enable cleared.
 */
void i40e_tph_txq_ctx_set(struct i40e_hmc_obj_txq *ctx,
		const struct rte_eth_tph_qctx_tag *t);

/*
 * i40e_rx_queue_init()/i40e_tx_queue_init() put the queue's binding in
 * the context they build (ctx_fill) and, once the device took the
 * context, note what it holds (ctx_written).
 */
void i40e_tph_rxq_ctx_fill(const struct i40e_rx_queue *rxq,
		struct i40e_hmc_obj_rxq *ctx);
void i40e_tph_rxq_ctx_written(const struct i40e_rx_queue *rxq,
		const struct i40e_hmc_obj_rxq *ctx);
void i40e_tph_txq_ctx_fill(const struct i40e_tx_queue *txq,
		struct i40e_hmc_obj_txq *ctx);
void i40e_tph_txq_ctx_written(const struct i40e_tx_queue *txq,
		const struct i40e_hmc_obj_txq *ctx);

/*
 * Queue start, before the queue is enabled: write the context again when
 * the binding changed since it was written. 0 or a negative errno (the
 * queue must then stay stopped).
 */
int i40e_tph_rxq_start(struct i40e_rx_queue *rxq);
int i40e_tph_txq_start(struct i40e_tx_queue *txq);

/*
 * eth_dev_ops TPH callbacks (see ethdev_driver.h); unbind and queue info
 * are rte_eth_tph_qctx_queues_unbind() and
 * rte_eth_tph_qctx_queue_info_get(). ethdev binds the recorded queues
 * just before dev_start, which calls rte_eth_tph_qctx_dev_start() before
 * the contexts are written; dev_close calls rte_eth_tph_qctx_dev_close().
 */
int i40e_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes);
int i40e_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode);
int i40e_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n);

#endif /* I40E_TPH_H */
