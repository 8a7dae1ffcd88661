/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * ice TPH, Device Specific mode: a queue binding becomes the CPUID field
 * and the TPH enables of the queue's LAN context.
 *
 * Datasheet: Intel Ethernet Controller E810 Datasheet, "LAN Rx Queue
 * Context" (CPUID at bits 20:13, TPHRDesc 193, TPHWDesc 194, TPHData 195,
 * TPHHead 196) and "LAN Tx Queue Context" (CPUID at bits 100:93, TPHRDesc
 * 102, TPHRPacket 103, TPHWDesc 104). The positions are those of the base
 * code's context tables; the datasheet text itself could not be consulted
 * for this work, so its section and table numbers are not given here.
 * Nor was a global processing hint control found for the LAN queues (the
 * 22.11 base code has none), so the hints are the device's default.
 *
 * The enables follow the i40e rule (i40e_tph.c): a binding steers the
 * writes of its queue (Rx descriptor write-back, header and payload; Tx
 * descriptor write-back), never the fetches; an unbound queue has CPUID 0
 * and no enable.
 *
 * ice_rx_queue_start() and ice_tx_queue_start() write the whole context,
 * so loading a binding into a running queue is a stop and a start through
 * the PMD's own queue ops; a stopped queue gets it when it starts.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <ethdev_driver.h>
#include <rte_common.h>
#include <rte_lcore.h>

#include "ice_logs.h"
#include "ice_ethdev.h"
#include "ice_rxtx.h"
#include "ice_tph.h"

struct ice_tph_queue {
	struct ice_tph_ctx_tag want;   /* what the binding asks for */
	struct ice_tph_ctx_tag loaded; /* what the last queue start wrote */
	bool restarted;                /* the last change restarted the queue */
};

/* DS mode state of a port: RTE_MAX_QUEUES_PER_PORT queues per direction. */
struct ice_tph_port {
	bool ds;
	struct ice_tph_queue *rxq;
	struct ice_tph_queue *txq;
};

/* Per process, like lib/tph state. */
static struct ice_tph_port ice_tph_ports[RTE_MAX_ETHPORTS];

void
ice_tph_rlan_ctx_set(struct ice_rlan_ctx *ctx, const struct ice_tph_ctx_tag *t)
{
	uint8_t on = t->steered ? 1 : 0;

	ctx->cpuid = on ? t->tag : 0;
	ctx->tphrdesc_ena = 0;
	ctx->tphwdesc_ena = on;
	ctx->tphdata_ena = on;
	ctx->tphhead_ena = on;
}

void
ice_tph_tlan_ctx_set(struct ice_tlan_ctx *ctx, const struct ice_tph_ctx_tag *t)
{
	uint8_t on = t->steered ? 1 : 0;

	ctx->cpuid = on ? t->tag : 0;
	ctx->tphrd_desc = 0;
	ctx->tphrd = 0;
	ctx->tphwr_desc = on;
}

static struct ice_tph_queue *
ice_tph_state(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	struct ice_tph_port *p = &ice_tph_ports[port_id];
	struct ice_tph_queue *tab = dir == RTE_ETH_TPH_QUEUE_RX ? p->rxq : p->txq;

	if (tab == NULL || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return NULL;
	return &tab[queue_id];
}

/* The state of @p queue if it is ethdev queue @p queue_id of its port. */
static struct ice_tph_queue *
ice_tph_state_of_queue(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, const void *queue)
{
	const struct rte_eth_dev_data *data;
	void **queues;
	uint16_t nb;

	if (port_id >= RTE_MAX_ETHPORTS)
		return NULL;
	data = rte_eth_devices[port_id].data;
	if (data == NULL)
		return NULL;
	queues = dir == RTE_ETH_TPH_QUEUE_RX ? data->rx_queues : data->tx_queues;
	nb = dir == RTE_ETH_TPH_QUEUE_RX ? data->nb_rx_queues :
		data->nb_tx_queues;
	/* The flow director queues share ids with ethdev queues. */
	if (queues == NULL || queue_id >= nb || queues[queue_id] != queue)
		return NULL;
	return ice_tph_state(port_id, dir, queue_id);
}

void
ice_tph_rxq_ctx_fill(const struct ice_rx_queue *rxq, struct ice_rlan_ctx *ctx)
{
	struct ice_tph_queue *s = ice_tph_state_of_queue(rxq->port_id,
		RTE_ETH_TPH_QUEUE_RX, rxq->queue_id, rxq);
	struct ice_tph_ctx_tag none = { .steered = false };

	ice_tph_rlan_ctx_set(ctx, s != NULL ? &s->want : &none);
	if (s != NULL)
		s->loaded = s->want;
}

void
ice_tph_txq_ctx_fill(const struct ice_tx_queue *txq, struct ice_tlan_ctx *ctx)
{
	struct ice_tph_queue *s = ice_tph_state_of_queue(txq->port_id,
		RTE_ETH_TPH_QUEUE_TX, txq->queue_id, txq);
	struct ice_tph_ctx_tag none = { .steered = false };

	ice_tph_tlan_ctx_set(ctx, s != NULL ? &s->want : &none);
	if (s != NULL)
		s->loaded = s->want;
}

static void
ice_tph_port_clear(struct ice_tph_port *p)
{
	free(p->rxq);
	free(p->txq);
	memset(p, 0, sizeof(*p));
}

static bool
ice_tph_queue_ok(const struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	const struct rte_eth_dev_data *d = dev->data;

	if (dir == RTE_ETH_TPH_QUEUE_RX)
		return queue_id < d->nb_rx_queues && d->rx_queues != NULL &&
			d->rx_queues[queue_id] != NULL;
	if (dir == RTE_ETH_TPH_QUEUE_TX)
		return queue_id < d->nb_tx_queues && d->tx_queues != NULL &&
			d->tx_queues[queue_id] != NULL;
	return false;
}

/*
 * Restart a running queue whose context lacks its binding. Stopped queues
 * and stopped ports load it at their next start. Failures are logged
 * here; a queue that cannot start again is said to be stopped.
 */
static int
ice_tph_apply(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, struct ice_tph_queue *s)
{
	const struct eth_dev_ops *ops = dev->dev_ops;
	bool rx = dir == RTE_ETH_TPH_QUEUE_RX;
	const char *name = rx ? "rxq" : "txq";
	uint8_t state = rx ? dev->data->rx_queue_state[queue_id] :
		dev->data->tx_queue_state[queue_id];
	int ret;

	s->restarted = false;
	if (!dev->data->dev_started || state != RTE_ETH_QUEUE_STATE_STARTED ||
			(s->want.steered == s->loaded.steered &&
			 s->want.tag == s->loaded.tag))
		return 0;
	ret = rx ? ops->rx_queue_stop(dev, queue_id) :
		ops->tx_queue_stop(dev, queue_id);
	if (ret != 0) {
		PMD_DRV_LOG(ERR, "port %u %s %u: stopping the queue to load its TPH tag failed: %s; it keeps its previous tag",
			dev->data->port_id, name, queue_id, strerror(-ret));
		s->want = s->loaded;
		return ret;
	}
	ret = rx ? ops->rx_queue_start(dev, queue_id) :
		ops->tx_queue_start(dev, queue_id);
	if (ret != 0) {
		PMD_DRV_LOG(ERR, "port %u %s %u: restart to load its TPH tag failed: %s; the queue is STOPPED",
			dev->data->port_id, name, queue_id, strerror(-ret));
		/* A later start by the application writes it untagged. */
		s->want.steered = false;
		s->want.tag = 0;
		return ret;
	}
	s->restarted = true;
	return 0;
}

int
ice_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	RTE_SET_USED(dev);
	/* The PF queues only: VFs (iavf, DCF) are driven by other PMDs. */
	*modes = RTE_TPH_CAP_MODE_DS | RTE_ETH_TPH_PMD_QUEUE_RESTART;
	return 0;
}

int
ice_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	struct ice_tph_port *p = &ice_tph_ports[dev->data->port_id];

	if (mode == RTE_TPH_MODE_OFF) {
		/* ethdev unbound every queue first. */
		ice_tph_port_clear(p);
		return 0;
	}
	if (mode != RTE_TPH_MODE_DS) {
		PMD_DRV_LOG(ERR, "port %u: TPH mode %s is not supported, only ds",
			dev->data->port_id, rte_tph_mode_name(mode));
		return -ENOTSUP;
	}
	if (p->ds)
		return 0;
	p->rxq = calloc(RTE_MAX_QUEUES_PER_PORT, sizeof(*p->rxq));
	p->txq = calloc(RTE_MAX_QUEUES_PER_PORT, sizeof(*p->txq));
	if (p->rxq == NULL || p->txq == NULL) {
		ice_tph_port_clear(p);
		return -ENOMEM;
	}
	p->ds = true;
	return 0;
}

int
ice_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	uint16_t port_id = dev->data->port_id;
	struct rte_tph_st_query *tags;
	struct ice_tph_queue *s;
	uint16_t i;
	int ret = 0, r;

	if (!ice_tph_ports[port_id].ds) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: port is not in ds mode",
			port_id);
		return -ENOTSUP;
	}
	for (i = 0; i < n; i++) {
		if (!ice_tph_queue_ok(dev, bindings[i].dir,
				bindings[i].queue_id)) {
			PMD_DRV_LOG(ERR, "port %u: TPH bind: queue %u (direction %d) is not set up",
				port_id, bindings[i].queue_id,
				(int)bindings[i].dir);
			return -EINVAL;
		}
	}
	tags = calloc(n, sizeof(*tags));
	if (tags == NULL)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		tags[i].lcore_id = bindings[i].lcore_id;
		tags[i].mem_type = bindings[i].mem_type;
	}
	/* All the tags in one lookup; nothing changes unless all fit. */
	ret = rte_tph_get_st(dev->device, tags, n);
	for (i = 0; ret == 0 && i < n; i++) {
		if (tags[i].st > UINT8_MAX) {
			PMD_DRV_LOG(ERR, "port %u: TPH bind: tag 0x%x of lcore %u is wider than the 8-bit CPUID field",
				port_id, tags[i].st, bindings[i].lcore_id);
			ret = -ERANGE;
		}
	}
	if (ret < 0) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind of %u queues refused: %s",
			port_id, n, strerror(-ret));
		free(tags);
		return ret;
	}
	for (i = 0; i < n; i++) {
		s = ice_tph_state(port_id, bindings[i].dir,
			bindings[i].queue_id);
		s->want.steered = true;
		s->want.tag = (uint8_t)tags[i].st;
		r = ice_tph_apply(dev, bindings[i].dir, bindings[i].queue_id, s);
		if (r != 0 && ret == 0)
			ret = r;
	}
	free(tags);
	return ret;
}

int
ice_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n)
{
	struct ice_tph_queue *s;
	uint16_t i;
	int ret = 0, r;

	for (i = 0; i < n; i++) {
		if (!ice_tph_queue_ok(dev, queues[i].dir, queues[i].queue_id)) {
			if (ret == 0)
				ret = -EINVAL;
			continue;
		}
		s = ice_tph_state(dev->data->port_id, queues[i].dir,
			queues[i].queue_id);
		if (s == NULL)
			continue;
		s->want.steered = false;
		s->want.tag = 0;
		r = ice_tph_apply(dev, queues[i].dir, queues[i].queue_id, s);
		if (r != 0 && ret == 0)
			ret = r;
	}
	return ret;
}

int
ice_tph_queue_info_get(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, struct rte_eth_tph_queue_info *info)
{
	const struct ice_tph_queue *s;

	if (!ice_tph_queue_ok(dev, dir, queue_id))
		return -EINVAL;
	s = ice_tph_state(dev->data->port_id, dir, queue_id);
	if (s == NULL)
		return 0;
	/* The tag the context was written with, not the one asked for. */
	info->st_valid = s->loaded.steered;
	info->st = s->loaded.tag;
	info->restarted = s->restarted;
	return 0;
}

void
ice_tph_dev_close(struct rte_eth_dev *dev)
{
	ice_tph_port_clear(&ice_tph_ports[dev->data->port_id]);
}
