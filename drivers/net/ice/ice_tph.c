/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * ice TPH, Device Specific mode: a queue binding becomes the CPUID field
 * and the TPH enables of the queue's LAN context.
 *
 * Context fields (LAN Rx queue context: CPUID bits 20:13, TPHRDesc 193,
 * TPHWDesc 194, TPHData 195, TPHHead 196; LAN Tx queue context: CPUID
 * bits 100:93, TPHRDesc 102, TPHRPacket 103, TPHWDesc 104) are taken
 * from DPDK 22.11's base code context tables (ice_common.c). The E810
 * datasheet pages with these tables were not available to this work: no
 * datasheet section is cited, and none is claimed. No global processing
 * hint control for the LAN queues is known (the 22.11 base code has
 * none), so the hints are the device's default.
 *
 * The binding table, the tag lookup and the ethdev callbacks other than
 * caps and bind are ethdev's queue context helpers (ethdev_tph_qctx.h),
 * shared with net/i40e; this file packs tags into the contexts and adds
 * ice's own refusal (TM hierarchy).
 *
 * The enables follow the i40e rule (i40e_tph.c): a binding steers the
 * writes of its queue (Rx descriptor write-back, header and payload; Tx
 * descriptor write-back), never the fetches; an unbound queue has CPUID 0
 * and no enable.
 *
 * ice_rx_queue_start() and ice_tx_queue_start() write the whole context,
 * so a binding reaches the device when its queue starts; this PMD never
 * stops or starts a queue. A binding of a started queue is pending until
 * the application restarts the queue. Restarting a Tx queue puts it back
 * under TC 0 of the VSI (ice_tx_queue_start()), out of a TM hierarchy
 * (ice_tm.c): such bindings are refused while one is configured.
 */

#include <errno.h>

#include <ethdev_driver.h>
#include <rte_common.h>

#include "ice_logs.h"
#include "ice_ethdev.h"
#include "ice_rxtx.h"
#include "ice_tph.h"

void
ice_tph_rlan_ctx_set(struct ice_rlan_ctx *ctx, const struct rte_eth_tph_qctx_tag *t)
{
	uint8_t on = t->steered ? 1 : 0;

	ctx->cpuid = on ? t->tag : 0;
	ctx->tphrdesc_ena = 0;
	ctx->tphwdesc_ena = on;
	ctx->tphdata_ena = on;
	ctx->tphhead_ena = on;
}

void
ice_tph_tlan_ctx_set(struct ice_tlan_ctx *ctx, const struct rte_eth_tph_qctx_tag *t)
{
	uint8_t on = t->steered ? 1 : 0;

	ctx->cpuid = on ? t->tag : 0;
	ctx->tphrd_desc = 0;
	ctx->tphrd = 0;
	ctx->tphwr_desc = on;
}

/*
 * The binding of an ethdev queue: the flow director queues (control VSI)
 * reuse ethdev queue ids and are never steered.
 */
static const struct rte_eth_tph_qctx_tag *
ice_tph_wanted(const struct ice_vsi *vsi, uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	static const struct rte_eth_tph_qctx_tag none;

	if (vsi == NULL || vsi->type == ICE_VSI_CTRL)
		return &none;
	return rte_eth_tph_qctx_wanted(port_id, dir, queue_id);
}

static void
ice_tph_written(const struct ice_vsi *vsi, uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		bool steered, uint8_t cpuid)
{
	const struct rte_eth_tph_qctx_tag t = { .steered = steered, .tag = cpuid };

	if (vsi != NULL && vsi->type != ICE_VSI_CTRL)
		rte_eth_tph_qctx_loaded(port_id, dir, queue_id, &t);
}

void
ice_tph_rxq_ctx_fill(const struct ice_rx_queue *rxq, struct ice_rlan_ctx *ctx)
{
	ice_tph_rlan_ctx_set(ctx, ice_tph_wanted(rxq->vsi, rxq->port_id,
		RTE_ETH_TPH_QUEUE_RX, rxq->queue_id));
}

void
ice_tph_rxq_ctx_written(const struct ice_rx_queue *rxq,
		const struct ice_rlan_ctx *ctx)
{
	ice_tph_written(rxq->vsi, rxq->port_id, RTE_ETH_TPH_QUEUE_RX,
		rxq->queue_id, ctx->tphwdesc_ena != 0, ctx->cpuid);
}

void
ice_tph_txq_ctx_fill(const struct ice_tx_queue *txq, struct ice_tlan_ctx *ctx)
{
	ice_tph_tlan_ctx_set(ctx, ice_tph_wanted(txq->vsi, txq->port_id,
		RTE_ETH_TPH_QUEUE_TX, txq->queue_id));
}

void
ice_tph_txq_ctx_written(const struct ice_tx_queue *txq,
		const struct ice_tlan_ctx *ctx)
{
	ice_tph_written(txq->vsi, txq->port_id, RTE_ETH_TPH_QUEUE_TX,
		txq->queue_id, ctx->tphwr_desc != 0, ctx->cpuid);
}

/*
 * A started Tx queue gets a new binding only through a restart, which
 * takes it out of a TM hierarchy. 22.11 never sets tm_conf.committed, so
 * a hierarchy with queue nodes counts as committed.
 */
int
ice_tph_bind_check(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	struct ice_pf *pf = ICE_DEV_PRIVATE_TO_PF(dev->data->dev_private);

	if (dir != RTE_ETH_TPH_QUEUE_TX ||
			!rte_eth_tph_qctx_queue_started(dev, dir, queue_id) ||
			(!pf->tm_conf.committed && pf->tm_conf.nb_queue_node == 0))
		return 0;
	PMD_DRV_LOG(ERR, "port %u: TPH bind of started txq %u refused: the queue restart that loads it would take the queue out of the TM hierarchy; change it while the port is stopped",
		dev->data->port_id, queue_id);
	return -EBUSY;
}

int
ice_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	RTE_SET_USED(dev);
	/* The PF queues only: VFs (iavf, DCF) are driven by other PMDs. */
	*modes = RTE_TPH_CAP_MODE_DS | RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START;
	return 0;
}

int
ice_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	return rte_eth_tph_qctx_queues_bind(dev, bindings, n, ice_tph_bind_check);
}
