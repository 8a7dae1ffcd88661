/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * i40e TPH, Device Specific mode: a queue binding becomes the CPUID field
 * and the TPH enables of the queue's LAN context in the HMC.
 *
 * Context fields (LAN Rx queue context: CPUID bits 20:13, TPHRDesc 193,
 * TPHWDesc 194, TPHData 195, TPHHead 196; LAN Tx queue context: CPUID
 * bits 103:96, TPHRDesc 174, TPHRPacket 175, TPHWDesc 176) are checked
 * against DPDK 22.11's base code context tables (i40e_lan_hmc.c). The
 * X710/XL710 datasheet pages with these tables were not available to
 * this work: no datasheet section is cited, and none is claimed.
 *
 * Which enables a binding sets: the steering tag names the CPU that
 * reads what the device writes (PCIe r6.x, 6.17.2), and ethdev binds an
 * Rx queue for its descriptor, header and payload writes and a Tx queue
 * for its descriptor write-backs (rte_ethdev_tph.h). Fetches are not
 * steered. An unbound queue has CPUID 0 and no TPH enable, so that it
 * never tags its writes with tag 0 once the requester runs in DS mode.
 *
 * Processing hints: GLTPH_CTRL is left at its reset value; its default
 * and whether a PF may write it were not found in a datasheet text.
 *
 * When a binding reaches the device: the context is written while the
 * queue is disabled (port start, queue start), never under a polling
 * lcore, so this PMD never stops or starts a queue. A binding of a
 * started queue is recorded as pending and loaded at the queue's next
 * start (the application restarts it, e.g. rte_eth_dev_rx_queue_stop()
 * and rte_eth_dev_rx_queue_start(), at a time no lcore polls it).
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bus_pci_driver.h>
#include <ethdev_driver.h>
#include <rte_bus.h>
#include <rte_common.h>
#include <rte_dev.h>
#include <rte_lcore.h>
#include <rte_tph.h>

#include "i40e_logs.h"
#include "base/i40e_type.h"
#include "i40e_ethdev.h"
#include "i40e_rxtx.h"
#include "i40e_tph.h"

#define I40E_TPH_NB_DIRS 2

/* PCIe r6.x, 9.3.3: SR-IOV extended capability, Control and NumVFs. */
#define I40E_TPH_SRIOV_CTRL 0x08
#define I40E_TPH_SRIOV_CTRL_VF_ENABLE 0x1
#define I40E_TPH_SRIOV_NUM_VFS 0x10

struct i40e_tph_queue {
	struct i40e_tph_ctx_tag want;   /* what the binding asks for */
	struct i40e_tph_ctx_tag loaded; /* what the device took last */
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

/*
 * The state of an ethdev queue of a port in DS mode, or NULL: the flow
 * director queues (own VSI) are never steered.
 */
static struct i40e_tph_queue *
i40e_tph_queue_of(const struct i40e_vsi *vsi, uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	struct i40e_tph_port *p;

	if (vsi == NULL || vsi->type == I40E_VSI_FDIR ||
			port_id >= RTE_MAX_ETHPORTS ||
			queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return NULL;
	p = &i40e_tph_ports[port_id];
	if (p->queues[dir] == NULL)
		return NULL;
	return &p->queues[dir][queue_id];
}

static bool
i40e_tph_tag_same(const struct i40e_tph_ctx_tag *a,
		const struct i40e_tph_ctx_tag *b)
{
	return a->steered == b->steered && (!a->steered || a->tag == b->tag);
}

void
i40e_tph_rxq_ctx_fill(const struct i40e_rx_queue *rxq,
		struct i40e_hmc_obj_rxq *ctx)
{
	static const struct i40e_tph_ctx_tag none;
	const struct i40e_tph_queue *s = i40e_tph_queue_of(rxq->vsi,
		rxq->port_id, RTE_ETH_TPH_QUEUE_RX, rxq->queue_id);

	i40e_tph_rxq_ctx_set(ctx, s != NULL ? &s->want : &none);
}

void
i40e_tph_rxq_ctx_written(const struct i40e_rx_queue *rxq,
		const struct i40e_hmc_obj_rxq *ctx)
{
	struct i40e_tph_queue *s = i40e_tph_queue_of(rxq->vsi, rxq->port_id,
		RTE_ETH_TPH_QUEUE_RX, rxq->queue_id);

	if (s == NULL)
		return;
	s->loaded.steered = ctx->tphwdesc_ena != 0;
	s->loaded.tag = ctx->cpuid;
}

void
i40e_tph_txq_ctx_fill(const struct i40e_tx_queue *txq,
		struct i40e_hmc_obj_txq *ctx)
{
	static const struct i40e_tph_ctx_tag none;
	const struct i40e_tph_queue *s = i40e_tph_queue_of(txq->vsi,
		txq->port_id, RTE_ETH_TPH_QUEUE_TX, txq->queue_id);

	i40e_tph_txq_ctx_set(ctx, s != NULL ? &s->want : &none);
}

void
i40e_tph_txq_ctx_written(const struct i40e_tx_queue *txq,
		const struct i40e_hmc_obj_txq *ctx)
{
	struct i40e_tph_queue *s = i40e_tph_queue_of(txq->vsi, txq->port_id,
		RTE_ETH_TPH_QUEUE_TX, txq->queue_id);

	if (s == NULL)
		return;
	s->loaded.steered = ctx->tphwdesc_ena != 0;
	s->loaded.tag = ctx->cpuid;
}

int
i40e_tph_rxq_start(struct i40e_rx_queue *rxq)
{
	const struct i40e_tph_queue *s = i40e_tph_queue_of(rxq->vsi,
		rxq->port_id, RTE_ETH_TPH_QUEUE_RX, rxq->queue_id);

	if (s == NULL || i40e_tph_tag_same(&s->want, &s->loaded))
		return 0;
	/* What a runtime queue setup does to a stopped queue's context. */
	if (i40e_rx_queue_init(rxq) != I40E_SUCCESS) {
		PMD_DRV_LOG(ERR, "port %u rxq %u: writing its context with the TPH binding failed; the queue stays stopped",
			rxq->port_id, rxq->queue_id);
		return -EIO;
	}
	return 0;
}

int
i40e_tph_txq_start(struct i40e_tx_queue *txq)
{
	const struct i40e_tph_queue *s = i40e_tph_queue_of(txq->vsi,
		txq->port_id, RTE_ETH_TPH_QUEUE_TX, txq->queue_id);

	if (s == NULL || i40e_tph_tag_same(&s->want, &s->loaded))
		return 0;
	if (i40e_tx_queue_init(txq) != I40E_SUCCESS) {
		PMD_DRV_LOG(ERR, "port %u txq %u: writing its context with the TPH binding failed; the queue stays stopped",
			txq->port_id, txq->queue_id);
		return -EIO;
	}
	return 0;
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

/* The queue runs with a context that lacks its binding. */
static bool
i40e_tph_pending(const struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		const struct i40e_tph_queue *s)
{
	const uint8_t *state = dir == RTE_ETH_TPH_QUEUE_RX ?
		dev->data->rx_queue_state : dev->data->tx_queue_state;

	return dev->data->dev_started &&
		state[queue_id] == RTE_ETH_QUEUE_STATE_STARTED &&
		!i40e_tph_tag_same(&s->want, &s->loaded);
}

/* VFs enabled now, in the SR-IOV capability (also sriov_numvfs VFs). */
static uint16_t
i40e_tph_vfs_enabled(struct rte_eth_dev *dev)
{
	struct i40e_pf *pf = I40E_DEV_PRIVATE_TO_PF(dev->data->dev_private);
	struct rte_pci_device *pci;
	uint16_t ctrl = 0, num_vfs = 0;
	off_t pos;

	if (pf->vf_num > 0)
		return pf->vf_num;
	if (dev->device == NULL || rte_dev_bus(dev->device) == NULL ||
			strcmp(rte_bus_name(rte_dev_bus(dev->device)), "pci") != 0)
		return 0;
	pci = RTE_ETH_DEV_TO_PCI(dev);
	pos = rte_pci_find_ext_capability(pci, RTE_PCI_EXT_CAP_ID_SRIOV);
	if (pos <= 0 ||
			rte_pci_read_config(pci, &ctrl, sizeof(ctrl),
				pos + I40E_TPH_SRIOV_CTRL) != sizeof(ctrl) ||
			rte_pci_read_config(pci, &num_vfs, sizeof(num_vfs),
				pos + I40E_TPH_SRIOV_NUM_VFS) != sizeof(num_vfs))
		return 0;
	return (ctrl & I40E_TPH_SRIOV_CTRL_VF_ENABLE) != 0 ? num_vfs : 0;
}

/*
 * The PF host code (i40e_pf.c) writes its VFs' Rx contexts with the TPH
 * enables set and CPUID 0; whether the PF's requester enable governs VF
 * requests was not found in a datasheet text, so no TPH with VFs.
 */
static int
i40e_tph_vf_check(struct rte_eth_dev *dev)
{
	uint16_t nb_vfs = i40e_tph_vfs_enabled(dev);

	if (nb_vfs == 0)
		return 0;
	PMD_DRV_LOG(INFO, "port %u: no TPH while the PF hosts %u VFs: VF queue contexts would tag their writes with tag 0",
		dev->data->port_id, nb_vfs);
	return -ENOTSUP;
}

int
i40e_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	*modes = 0;
	if (i40e_tph_vf_check(dev) != 0)
		return 0;
	*modes = RTE_TPH_CAP_MODE_DS | RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START;
	return 0;
}

int
i40e_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	struct i40e_tph_port *p = &i40e_tph_ports[dev->data->port_id];
	unsigned int dir;

	switch (mode) {
	case RTE_TPH_MODE_DS:
		if (i40e_tph_vf_check(dev) != 0)
			return -ENOTSUP;
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
		/* ethdev unbound every queue first; TPH off hides the rest. */
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

/* One tag lookup for @p n bindings; tags must fit the 8-bit CPUID. */
static int
i40e_tph_tags_get(struct rte_eth_dev *dev,
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
i40e_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	struct i40e_tph_port *p = &i40e_tph_ports[dev->data->port_id];
	const struct rte_eth_tph_queue_binding *b;
	struct i40e_tph_queue *s;
	uint8_t *tags;
	uint16_t i;
	int ret;

	if (p->mode != RTE_TPH_MODE_DS) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: port is not in ds mode",
			dev->data->port_id);
		return -ENOTSUP;
	}
	for (i = 0; i < n; i++) {
		ret = i40e_tph_queue_check(dev, bindings[i].dir,
			bindings[i].queue_id, "bind");
		if (ret != 0)
			return ret;
	}
	tags = malloc(n);
	if (tags == NULL)
		return -ENOMEM;
	/* One lookup for every queue; nothing is recorded unless all fit. */
	ret = i40e_tph_tags_get(dev, bindings, n, tags);
	for (i = 0; ret == 0 && i < n; i++) {
		b = &bindings[i];
		s = &p->queues[b->dir][b->queue_id];
		s->want.steered = true;
		s->want.tag = tags[i];
		PMD_DRV_LOG(DEBUG, "port %u %s %u: lcore %u, tag 0x%02x%s",
			dev->data->port_id, i40e_tph_dir_name(b->dir),
			b->queue_id, b->lcore_id, tags[i],
			i40e_tph_pending(dev, b->dir, b->queue_id, s) ?
			", pending until the queue starts again" : "");
	}
	free(tags);
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
	info->pending = i40e_tph_pending(dev, dir, queue_id, s);
	return 0;
}

/* The bindings of one direction that ethdev holds, into @p b. */
static uint16_t
i40e_tph_recorded(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
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
i40e_tph_dev_start(struct rte_eth_dev *dev)
{
	struct i40e_tph_port *p = &i40e_tph_ports[dev->data->port_id];
	struct rte_eth_tph_queue_binding *b;
	unsigned int dir;
	uint16_t n;

	if (p->mode != RTE_TPH_MODE_DS)
		return;
	for (dir = 0; dir < I40E_TPH_NB_DIRS; dir++)
		memset(p->queues[dir], 0,
			RTE_MAX_QUEUES_PER_PORT * sizeof(*p->queues[dir]));
	b = calloc(2u * RTE_MAX_QUEUES_PER_PORT, sizeof(*b));
	if (b == NULL)
		return;
	n = i40e_tph_recorded(dev, RTE_ETH_TPH_QUEUE_RX, b);
	n += i40e_tph_recorded(dev, RTE_ETH_TPH_QUEUE_TX, b + n);
	/* A refusal leaves them unsteered; ethdev reports it after start. */
	if (n > 0)
		(void)i40e_tph_queues_bind(dev, b, n);
	free(b);
}

void
i40e_tph_dev_close(struct rte_eth_dev *dev)
{
	i40e_tph_port_free(&i40e_tph_ports[dev->data->port_id]);
}
