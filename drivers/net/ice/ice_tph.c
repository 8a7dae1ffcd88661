/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * ice TPH, Device Specific mode: a queue binding becomes the CPUID field
 * and the TPH enables of the queue's LAN context.
 *
 * Context fields (LAN Rx queue context: CPUID bits 20:13, TPHRDesc 193,
 * TPHWDesc 194, TPHData 195, TPHHead 196; LAN Tx queue context: CPUID
 * bits 100:93, TPHRDesc 102, TPHRPacket 103, TPHWDesc 104) are checked
 * against DPDK 22.11's base code context tables (ice_common.c). The E810
 * datasheet pages with these tables were not available to this work: no
 * datasheet section is cited, and none is claimed. No global processing
 * hint control for the LAN queues is known (the 22.11 base code has
 * none), so the hints are the device's default.
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
#include <stdlib.h>
#include <string.h>

#include <ethdev_driver.h>
#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_tph.h>

#include "ice_logs.h"
#include "ice_ethdev.h"
#include "ice_rxtx.h"
#include "ice_tph.h"

#define ICE_TPH_NB_DIRS 2

struct ice_tph_queue {
	struct ice_tph_ctx_tag want;   /* what the binding asks for */
	struct ice_tph_ctx_tag loaded; /* what the device took last */
};

struct ice_tph_port {
	enum rte_tph_mode mode;
	/* RTE_MAX_QUEUES_PER_PORT entries per direction, while in DS mode. */
	struct ice_tph_queue *queues[ICE_TPH_NB_DIRS];
};

/* Per process, like lib/tph state. */
static struct ice_tph_port ice_tph_ports[RTE_MAX_ETHPORTS];

static const char *
ice_tph_dir_name(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq";
}

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

/*
 * The state of an ethdev queue of a port in DS mode, or NULL: the flow
 * director queues (control VSI) are never steered.
 */
static struct ice_tph_queue *
ice_tph_queue_of(const struct ice_vsi *vsi, uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	struct ice_tph_port *p;

	if (vsi == NULL || vsi->type == ICE_VSI_CTRL ||
			port_id >= RTE_MAX_ETHPORTS ||
			queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return NULL;
	p = &ice_tph_ports[port_id];
	if (p->queues[dir] == NULL)
		return NULL;
	return &p->queues[dir][queue_id];
}

static bool
ice_tph_tag_same(const struct ice_tph_ctx_tag *a,
		const struct ice_tph_ctx_tag *b)
{
	return a->steered == b->steered && (!a->steered || a->tag == b->tag);
}

void
ice_tph_rxq_ctx_fill(const struct ice_rx_queue *rxq, struct ice_rlan_ctx *ctx)
{
	static const struct ice_tph_ctx_tag none;
	const struct ice_tph_queue *s = ice_tph_queue_of(rxq->vsi,
		rxq->port_id, RTE_ETH_TPH_QUEUE_RX, rxq->queue_id);

	ice_tph_rlan_ctx_set(ctx, s != NULL ? &s->want : &none);
}

void
ice_tph_rxq_ctx_written(const struct ice_rx_queue *rxq,
		const struct ice_rlan_ctx *ctx)
{
	struct ice_tph_queue *s = ice_tph_queue_of(rxq->vsi, rxq->port_id,
		RTE_ETH_TPH_QUEUE_RX, rxq->queue_id);

	if (s == NULL)
		return;
	s->loaded.steered = ctx->tphwdesc_ena != 0;
	s->loaded.tag = ctx->cpuid;
}

void
ice_tph_txq_ctx_fill(const struct ice_tx_queue *txq, struct ice_tlan_ctx *ctx)
{
	static const struct ice_tph_ctx_tag none;
	const struct ice_tph_queue *s = ice_tph_queue_of(txq->vsi,
		txq->port_id, RTE_ETH_TPH_QUEUE_TX, txq->queue_id);

	ice_tph_tlan_ctx_set(ctx, s != NULL ? &s->want : &none);
}

void
ice_tph_txq_ctx_written(const struct ice_tx_queue *txq,
		const struct ice_tlan_ctx *ctx)
{
	struct ice_tph_queue *s = ice_tph_queue_of(txq->vsi, txq->port_id,
		RTE_ETH_TPH_QUEUE_TX, txq->queue_id);

	if (s == NULL)
		return;
	s->loaded.steered = ctx->tphwr_desc != 0;
	s->loaded.tag = ctx->cpuid;
}

static void
ice_tph_port_free(struct ice_tph_port *p)
{
	unsigned int dir;

	for (dir = 0; dir < ICE_TPH_NB_DIRS; dir++) {
		free(p->queues[dir]);
		p->queues[dir] = NULL;
	}
	p->mode = RTE_TPH_MODE_OFF;
}

/* Check a queue named by ethdev: it exists and is set up. */
static int
ice_tph_queue_check(const struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id, const char *op)
{
	uint16_t nb;
	void **queues;

	if (dir != RTE_ETH_TPH_QUEUE_RX && dir != RTE_ETH_TPH_QUEUE_TX) {
		PMD_DRV_LOG(ERR, "port %u: TPH %s: invalid queue direction %d",
			dev->data->port_id, op, (int)dir);
		return -EINVAL;
	}
	nb = dir == RTE_ETH_TPH_QUEUE_RX ? dev->data->nb_rx_queues :
		dev->data->nb_tx_queues;
	queues = dir == RTE_ETH_TPH_QUEUE_RX ? dev->data->rx_queues :
		dev->data->tx_queues;
	if (queue_id >= nb || queues == NULL || queues[queue_id] == NULL) {
		PMD_DRV_LOG(ERR, "port %u: TPH %s: %s %u is not set up (%u configured)",
			dev->data->port_id, op, ice_tph_dir_name(dir),
			queue_id, nb);
		return -EINVAL;
	}
	return 0;
}

static bool
ice_tph_queue_started(const struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	const uint8_t *state = dir == RTE_ETH_TPH_QUEUE_RX ?
		dev->data->rx_queue_state : dev->data->tx_queue_state;

	return dev->data->dev_started &&
		state[queue_id] == RTE_ETH_QUEUE_STATE_STARTED;
}

/* The queue runs with a context that lacks its binding. */
static bool
ice_tph_pending(const struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, const struct ice_tph_queue *s)
{
	return ice_tph_queue_started(dev, dir, queue_id) &&
		!ice_tph_tag_same(&s->want, &s->loaded);
}

/*
 * A started Tx queue gets a new binding only through a restart, which
 * takes it out of a TM hierarchy. 22.11 never sets tm_conf.committed, so
 * a hierarchy with queue nodes counts as committed.
 */
static int
ice_tph_tm_check(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, const char *op)
{
	struct ice_pf *pf = ICE_DEV_PRIVATE_TO_PF(dev->data->dev_private);

	if (dir != RTE_ETH_TPH_QUEUE_TX ||
			!ice_tph_queue_started(dev, dir, queue_id) ||
			(!pf->tm_conf.committed && pf->tm_conf.nb_queue_node == 0))
		return 0;
	PMD_DRV_LOG(ERR, "port %u: TPH %s of started txq %u refused: the queue restart that loads it would take the queue out of the TM hierarchy; change it while the port is stopped",
		dev->data->port_id, op, queue_id);
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
ice_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	struct ice_tph_port *p = &ice_tph_ports[dev->data->port_id];
	unsigned int dir;

	switch (mode) {
	case RTE_TPH_MODE_DS:
		for (dir = 0; dir < ICE_TPH_NB_DIRS; dir++) {
			if (p->queues[dir] != NULL)
				continue;
			p->queues[dir] = calloc(RTE_MAX_QUEUES_PER_PORT,
				sizeof(*p->queues[dir]));
			if (p->queues[dir] == NULL) {
				ice_tph_port_free(p);
				return -ENOMEM;
			}
		}
		break;
	case RTE_TPH_MODE_OFF:
		/* ethdev unbound every queue first; TPH off hides the rest. */
		ice_tph_port_free(p);
		break;
	default:
		PMD_DRV_LOG(ERR, "port %u: TPH mode %s is not supported, only ds",
			dev->data->port_id, rte_tph_mode_name(mode));
		return -ENOTSUP;
	}
	p->mode = mode;
	return 0;
}

/* One tag lookup for @p n bindings; tags must fit the 8-bit CPUID. */
static int
ice_tph_tags_get(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n,
		uint8_t *tags)
{
	uint16_t port_id = dev->data->port_id;
	struct rte_tph_st_query *q;
	uint16_t i;
	int ret;

	q = calloc(n, sizeof(*q));
	if (q == NULL)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		q[i].lcore_id = bindings[i].lcore_id;
		q[i].mem_type = bindings[i].mem_type;
	}
	ret = rte_tph_get_st(dev->device, q, n);
	if (ret < 0)
		PMD_DRV_LOG(ERR, "port %u: TPH bind: no steering tags for the %u queues (first: lcore %u): %s",
			port_id, n, bindings[0].lcore_id, strerror(-ret));
	for (i = 0; ret >= 0 && i < n; i++) {
		if (q[i].st > UINT8_MAX) {
			PMD_DRV_LOG(ERR, "port %u: TPH bind: tag 0x%x of lcore %u does not fit the 8-bit CPUID field",
				port_id, q[i].st, bindings[i].lcore_id);
			ret = -ERANGE;
		}
		tags[i] = (uint8_t)q[i].st;
	}
	free(q);
	return ret < 0 ? ret : 0;
}

int
ice_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	struct ice_tph_port *p = &ice_tph_ports[dev->data->port_id];
	const struct rte_eth_tph_queue_binding *b;
	struct ice_tph_queue *s;
	uint8_t *tags;
	uint16_t i;
	int ret;

	if (p->mode != RTE_TPH_MODE_DS) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: port is not in ds mode",
			dev->data->port_id);
		return -ENOTSUP;
	}
	for (i = 0; i < n; i++) {
		ret = ice_tph_queue_check(dev, bindings[i].dir,
			bindings[i].queue_id, "bind");
		if (ret == 0)
			ret = ice_tph_tm_check(dev, bindings[i].dir,
				bindings[i].queue_id, "bind");
		if (ret != 0)
			return ret;
	}
	tags = malloc(n);
	if (tags == NULL)
		return -ENOMEM;
	/* One lookup for every queue; nothing is recorded unless all fit. */
	ret = ice_tph_tags_get(dev, bindings, n, tags);
	for (i = 0; ret == 0 && i < n; i++) {
		b = &bindings[i];
		s = &p->queues[b->dir][b->queue_id];
		s->want.steered = true;
		s->want.tag = tags[i];
		PMD_DRV_LOG(DEBUG, "port %u %s %u: lcore %u, tag 0x%02x%s",
			dev->data->port_id, ice_tph_dir_name(b->dir),
			b->queue_id, b->lcore_id, tags[i],
			ice_tph_pending(dev, b->dir, b->queue_id, s) ?
			", pending until the queue starts again" : "");
	}
	free(tags);
	return ret;
}

int
ice_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n)
{
	struct ice_tph_port *p = &ice_tph_ports[dev->data->port_id];
	struct ice_tph_queue *s;
	uint16_t i;
	int ret = 0, r;

	/* Unbind every queue that can be, even if one cannot. */
	for (i = 0; i < n; i++) {
		r = ice_tph_queue_check(dev, queues[i].dir,
			queues[i].queue_id, "unbind");
		if (r != 0) {
			if (ret == 0)
				ret = r;
			continue;
		}
		if (p->queues[queues[i].dir] == NULL)
			continue;
		s = &p->queues[queues[i].dir][queues[i].queue_id];
		memset(&s->want, 0, sizeof(s->want));
	}
	return ret;
}

int
ice_tph_queue_info_get(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, struct rte_eth_tph_queue_info *info)
{
	struct ice_tph_port *p = &ice_tph_ports[dev->data->port_id];
	const struct ice_tph_queue *s;
	int ret;

	ret = ice_tph_queue_check(dev, dir, queue_id, "info");
	if (ret != 0)
		return ret;
	if (p->queues[dir] == NULL)
		return 0;
	/* What the context holds, not what was asked for. */
	s = &p->queues[dir][queue_id];
	info->st_valid = s->loaded.steered;
	info->st = s->loaded.steered ? s->loaded.tag : 0;
	info->pending = ice_tph_pending(dev, dir, queue_id, s);
	return 0;
}

/* The bindings of one direction that ethdev holds, into @p b. */
static uint16_t
ice_tph_recorded(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		struct rte_eth_tph_queue_binding *b)
{
	struct rte_eth_tph_queue_info qi;
	uint16_t nb = dir == RTE_ETH_TPH_QUEUE_RX ? dev->data->nb_rx_queues :
		dev->data->nb_tx_queues;
	uint16_t q, n = 0;

	for (q = 0; q < nb; q++) {
		if (rte_eth_dev_tph_queue_info_get(dev->data->port_id, q, dir,
				&qi) != 0 || !qi.bound)
			continue;
		b[n].dir = dir;
		b[n].queue_id = q;
		b[n].lcore_id = qi.lcore_id;
		b[n].mem_type = qi.mem_type;
		n++;
	}
	return n;
}

void
ice_tph_dev_start(struct rte_eth_dev *dev)
{
	struct ice_tph_port *p = &ice_tph_ports[dev->data->port_id];
	struct rte_eth_tph_queue_binding *b;
	unsigned int dir;
	uint16_t n;

	if (p->mode != RTE_TPH_MODE_DS)
		return;
	for (dir = 0; dir < ICE_TPH_NB_DIRS; dir++)
		memset(p->queues[dir], 0,
			RTE_MAX_QUEUES_PER_PORT * sizeof(*p->queues[dir]));
	b = calloc(2u * RTE_MAX_QUEUES_PER_PORT, sizeof(*b));
	if (b == NULL)
		return;
	n = ice_tph_recorded(dev, RTE_ETH_TPH_QUEUE_RX, b);
	n += ice_tph_recorded(dev, RTE_ETH_TPH_QUEUE_TX, b + n);
	/* A refusal leaves them unsteered; ethdev reports it after start. */
	if (n > 0)
		(void)ice_tph_queues_bind(dev, b, n);
	free(b);
}

void
ice_tph_dev_close(struct rte_eth_dev *dev)
{
	ice_tph_port_free(&ice_tph_ports[dev->data->port_id]);
}
