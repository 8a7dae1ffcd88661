/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * i40e TPH, Device Specific mode: a queue binding becomes the CPUID field
 * and the TPH enables of the queue's LAN context in the HMC.
 *
 * Datasheet: Intel Ethernet Controller X710/XXV710/XL710 Datasheet
 * (332464, rev. 3.9), HMC chapter, "LAN Receive Queue Context" (CPUID at
 * bits 20:13, TPHRDesc 193, TPHWDesc 194, TPHData 195, TPHHead 196) and
 * "LAN Transmit Queue Context" (CPUID at bits 103:96, TPHRDesc 174,
 * TPHRPacket 175, TPHWDesc 176). The positions are those of the base
 * code's context tables; the datasheet text itself could not be consulted
 * for this work, so its section and table numbers are not given here.
 *
 * Which enables a binding sets: the steering tag names the CPU that
 * reads what the device writes (PCIe r6.x, 6.17.2), and ethdev binds an
 * Rx queue for its descriptor, header and payload writes and a Tx queue
 * for its descriptor write-backs (rte_ethdev_tph.h). Fetches (descriptor
 * and packet reads) are not steered. An unbound queue has CPUID 0 and no
 * TPH enable, so that it never tags its writes with tag 0 once the
 * requester runs in DS mode; while TPH is off the requester enable in the
 * TPH capability keeps every hint off the link (PCIe r6.x, 7.9.13.3),
 * whatever the context says.
 *
 * Processing hints: GLTPH_CTRL (0x000BE480, Desc_PH bits 10:9, Data_PH
 * bits 12:11 in i40e_register.h) is left at its reset value: its default
 * and whether a PF may write it were not found in a datasheet text.
 *
 * A context is read by the device when its queue is enabled, so a
 * binding of a running queue is loaded with a queue restart: stop, write
 * the context again (i40e_rx_queue_init(), as a runtime queue setup
 * does), start. Stopped queues of a started port get the context written
 * at once; a stopped port writes every context at its next start.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <ethdev_driver.h>
#include <rte_common.h>
#include <rte_lcore.h>

#include "i40e_logs.h"
#include "base/i40e_type.h"
#include "i40e_ethdev.h"
#include "i40e_rxtx.h"
#include "i40e_tph.h"

#define I40E_TPH_NB_DIRS 2

struct i40e_tph_queue {
	struct i40e_tph_ctx_tag want;   /* what the binding asks for */
	struct i40e_tph_ctx_tag loaded; /* what the context was written with */
	bool restarted;                 /* the last change restarted the queue */
};

struct i40e_tph_port {
	enum rte_tph_mode mode;
	/* RTE_MAX_QUEUES_PER_PORT entries per direction, while in DS mode. */
	struct i40e_tph_queue *queues[I40E_TPH_NB_DIRS];
};

/* Per process, like lib/tph state. */
static struct i40e_tph_port i40e_tph_ports[RTE_MAX_ETHPORTS];

static const char *
i40e_tph_dir_name(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq";
}

void
i40e_tph_rxq_ctx_set(struct i40e_hmc_obj_rxq *ctx,
		const struct i40e_tph_ctx_tag *t)
{
	ctx->cpuid = t->steered ? t->tag : 0;
	ctx->tphrdesc_ena = 0;
	ctx->tphwdesc_ena = t->steered;
	ctx->tphdata_ena = t->steered;
	ctx->tphhead_ena = t->steered;
}

void
i40e_tph_txq_ctx_set(struct i40e_hmc_obj_txq *ctx,
		const struct i40e_tph_ctx_tag *t)
{
	ctx->cpuid = t->steered ? t->tag : 0;
	ctx->tphrdesc_ena = 0;
	ctx->tphrpacket_ena = 0;
	ctx->tphwdesc_ena = t->steered;
}

/* The state of an ethdev queue of a port in DS mode, or NULL. */
static struct i40e_tph_queue *
i40e_tph_queue_of(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, const void *queue)
{
	struct i40e_tph_port *p;
	struct rte_eth_dev_data *data;
	void **queues;
	uint16_t nb;

	if (port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return NULL;
	p = &i40e_tph_ports[port_id];
	data = rte_eth_devices[port_id].data;
	if (p->queues[dir] == NULL || data == NULL)
		return NULL;
	queues = dir == RTE_ETH_TPH_QUEUE_RX ? data->rx_queues :
		data->tx_queues;
	nb = dir == RTE_ETH_TPH_QUEUE_RX ? data->nb_rx_queues :
		data->nb_tx_queues;
	/* The flow director queues share ids with ethdev queues. */
	if (queues == NULL || queue_id >= nb || queues[queue_id] != queue)
		return NULL;
	return &p->queues[dir][queue_id];
}

void
i40e_tph_rxq_ctx_fill(const struct i40e_rx_queue *rxq,
		struct i40e_hmc_obj_rxq *ctx)
{
	static const struct i40e_tph_ctx_tag none;
	struct i40e_tph_queue *s;

	s = i40e_tph_queue_of(rxq->port_id, RTE_ETH_TPH_QUEUE_RX,
		rxq->queue_id, rxq);
	i40e_tph_rxq_ctx_set(ctx, s != NULL ? &s->want : &none);
	if (s != NULL)
		s->loaded = s->want;
}

void
i40e_tph_txq_ctx_fill(const struct i40e_tx_queue *txq,
		struct i40e_hmc_obj_txq *ctx)
{
	static const struct i40e_tph_ctx_tag none;
	struct i40e_tph_queue *s;

	s = i40e_tph_queue_of(txq->port_id, RTE_ETH_TPH_QUEUE_TX,
		txq->queue_id, txq);
	i40e_tph_txq_ctx_set(ctx, s != NULL ? &s->want : &none);
	if (s != NULL)
		s->loaded = s->want;
}

static void
i40e_tph_port_free(struct i40e_tph_port *p)
{
	unsigned int dir;

	for (dir = 0; dir < I40E_TPH_NB_DIRS; dir++) {
		free(p->queues[dir]);
		p->queues[dir] = NULL;
	}
	p->mode = RTE_TPH_MODE_OFF;
}

/* Check a queue named by ethdev: it exists and is set up. */
static int
i40e_tph_queue_check(const struct rte_eth_dev *dev,
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
			dev->data->port_id, op, i40e_tph_dir_name(dir),
			queue_id, nb);
		return -EINVAL;
	}
	return 0;
}

/* Write the context of a queue again, with its binding (queue disabled). */
static int
i40e_tph_ctx_write(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	int ret;

	if (dir == RTE_ETH_TPH_QUEUE_RX)
		ret = i40e_rx_queue_init(dev->data->rx_queues[queue_id]);
	else
		ret = i40e_tx_queue_init(dev->data->tx_queues[queue_id]);
	return ret == I40E_SUCCESS ? 0 : -EIO;
}

static int
i40e_tph_queue_stop(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	if (dir == RTE_ETH_TPH_QUEUE_RX)
		return dev->dev_ops->rx_queue_stop(dev, queue_id);
	return dev->dev_ops->tx_queue_stop(dev, queue_id);
}

static int
i40e_tph_queue_start(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	if (dir == RTE_ETH_TPH_QUEUE_RX)
		return dev->dev_ops->rx_queue_start(dev, queue_id);
	return dev->dev_ops->tx_queue_start(dev, queue_id);
}

/*
 * Bring a queue's context in line with its binding. A running queue is
 * restarted. Every failure is logged here; a queue that cannot be started
 * again is said to be stopped, and its context is left without a tag so
 * that a later start by the application does not steer it unbound.
 */
static int
i40e_tph_queue_reload(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, struct i40e_tph_queue *s)
{
	uint16_t port_id = dev->data->port_id;
	uint8_t *state = dir == RTE_ETH_TPH_QUEUE_RX ?
		dev->data->rx_queue_state : dev->data->tx_queue_state;
	bool running;
	int ret;

	s->restarted = false;
	if (!dev->data->dev_started ||
			memcmp(&s->want, &s->loaded, sizeof(s->want)) == 0)
		return 0;
	running = state[queue_id] == RTE_ETH_QUEUE_STATE_STARTED;
	if (running) {
		ret = i40e_tph_queue_stop(dev, dir, queue_id);
		if (ret != 0) {
			PMD_DRV_LOG(ERR, "port %u %s %u: cannot stop the queue to load its TPH tag: %s; it runs with its previous tag",
				port_id, i40e_tph_dir_name(dir), queue_id,
				strerror(-ret));
			s->want = s->loaded;
			return ret;
		}
	}
	ret = i40e_tph_ctx_write(dev, dir, queue_id);
	if (ret != 0) {
		PMD_DRV_LOG(ERR, "port %u %s %u: writing the queue context failed%s",
			port_id, i40e_tph_dir_name(dir), queue_id,
			running ? "; the queue is STOPPED" : "");
		return ret;
	}
	if (!running)
		return 0;
	ret = i40e_tph_queue_start(dev, dir, queue_id);
	if (ret != 0) {
		PMD_DRV_LOG(ERR, "port %u %s %u: restart after loading its TPH tag failed: %s; the queue is STOPPED",
			port_id, i40e_tph_dir_name(dir), queue_id,
			strerror(-ret));
		memset(&s->want, 0, sizeof(s->want));
		if (i40e_tph_ctx_write(dev, dir, queue_id) != 0)
			PMD_DRV_LOG(ERR, "port %u %s %u: clearing its TPH tag failed",
				port_id, i40e_tph_dir_name(dir), queue_id);
		return ret;
	}
	s->restarted = true;
	return 0;
}

int
i40e_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	struct i40e_pf *pf = I40E_DEV_PRIVATE_TO_PF(dev->data->dev_private);

	*modes = 0;
	/*
	 * The PF host code (i40e_pf.c) writes its VFs' Rx contexts with the
	 * TPH enables set and CPUID 0; whether the PF's requester enable
	 * governs VF requests was not found in the datasheet text.
	 */
	if (pf->vf_num > 0) {
		PMD_DRV_LOG(INFO, "port %u: no TPH while the PF hosts %u VFs: VF queue contexts would tag their writes with tag 0",
			dev->data->port_id, pf->vf_num);
		return 0;
	}
	*modes = RTE_TPH_CAP_MODE_DS | RTE_ETH_TPH_PMD_QUEUE_RESTART;
	return 0;
}

int
i40e_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	struct i40e_tph_port *p = &i40e_tph_ports[dev->data->port_id];
	unsigned int dir;

	switch (mode) {
	case RTE_TPH_MODE_DS:
		for (dir = 0; dir < I40E_TPH_NB_DIRS; dir++) {
			if (p->queues[dir] != NULL)
				continue;
			p->queues[dir] = calloc(RTE_MAX_QUEUES_PER_PORT,
				sizeof(*p->queues[dir]));
			if (p->queues[dir] == NULL) {
				i40e_tph_port_free(p);
				return -ENOMEM;
			}
		}
		break;
	case RTE_TPH_MODE_OFF:
		/* ethdev unbound every queue first: contexts are unsteered. */
		i40e_tph_port_free(p);
		break;
	default:
		PMD_DRV_LOG(ERR, "port %u: TPH mode %s is not supported, only ds",
			dev->data->port_id, rte_tph_mode_name(mode));
		return -ENOTSUP;
	}
	p->mode = mode;
	return 0;
}

int
i40e_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	struct i40e_tph_port *p = &i40e_tph_ports[dev->data->port_id];
	uint16_t port_id = dev->data->port_id;
	const struct rte_eth_tph_queue_binding *b;
	struct rte_tph_st_query *q;
	struct i40e_tph_queue *s;
	uint16_t i;
	int ret, r;

	if (p->mode != RTE_TPH_MODE_DS) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: port is not in ds mode",
			port_id);
		return -ENOTSUP;
	}
	for (i = 0; i < n; i++) {
		ret = i40e_tph_queue_check(dev, bindings[i].dir,
			bindings[i].queue_id, "bind");
		if (ret != 0)
			return ret;
	}
	q = calloc(n, sizeof(*q));
	if (q == NULL)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		q[i].lcore_id = bindings[i].lcore_id;
		q[i].mem_type = bindings[i].mem_type;
	}
	/* One lookup for every queue; no context changes unless all fit. */
	ret = rte_tph_get_st(dev->device, q, n);
	if (ret < 0) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: no steering tags for the %u queues (first: lcore %u): %s",
			port_id, n, bindings[0].lcore_id, strerror(-ret));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (q[i].st > UINT8_MAX) {
			PMD_DRV_LOG(ERR, "port %u: TPH bind: tag 0x%x of lcore %u does not fit the 8-bit CPUID field",
				port_id, q[i].st, bindings[i].lcore_id);
			ret = -ERANGE;
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		b = &bindings[i];
		s = &p->queues[b->dir][b->queue_id];
		s->want.steered = true;
		s->want.tag = (uint8_t)q[i].st;
		r = i40e_tph_queue_reload(dev, b->dir, b->queue_id, s);
		if (r != 0 && ret == 0)
			ret = r;
		PMD_DRV_LOG(DEBUG, "port %u %s %u: lcore %u (CPU %u), tag 0x%02x%s",
			port_id, i40e_tph_dir_name(b->dir), b->queue_id,
			b->lcore_id, q[i].cpu, q[i].st,
			s->restarted ? ", queue restarted" : "");
	}
out:
	free(q);
	return ret;
}

int
i40e_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n)
{
	struct i40e_tph_port *p = &i40e_tph_ports[dev->data->port_id];
	struct i40e_tph_queue *s;
	uint16_t i;
	int ret = 0, r;

	/* Unbind every queue that can be, even if one cannot. */
	for (i = 0; i < n; i++) {
		r = i40e_tph_queue_check(dev, queues[i].dir,
			queues[i].queue_id, "unbind");
		if (r == 0 && p->queues[queues[i].dir] != NULL) {
			s = &p->queues[queues[i].dir][queues[i].queue_id];
			memset(&s->want, 0, sizeof(s->want));
			r = i40e_tph_queue_reload(dev, queues[i].dir,
				queues[i].queue_id, s);
		}
		if (r != 0 && ret == 0)
			ret = r;
	}
	return ret;
}

int
i40e_tph_queue_info_get(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info)
{
	struct i40e_tph_port *p = &i40e_tph_ports[dev->data->port_id];
	const struct i40e_tph_queue *s;
	int ret;

	ret = i40e_tph_queue_check(dev, dir, queue_id, "info");
	if (ret != 0)
		return ret;
	if (p->queues[dir] == NULL)
		return 0;
	/* What the context holds, not what was asked for. */
	s = &p->queues[dir][queue_id];
	info->st_valid = s->loaded.steered;
	info->st = s->loaded.steered ? s->loaded.tag : 0;
	info->restarted = s->restarted;
	return 0;
}

void
i40e_tph_dev_close(struct rte_eth_dev *dev)
{
	i40e_tph_port_free(&i40e_tph_ports[dev->data->port_id]);
}
