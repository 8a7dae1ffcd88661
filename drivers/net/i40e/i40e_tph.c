/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * i40e TPH, Device Specific mode: a queue binding becomes the CPUID field
 * and the TPH enables of the queue's LAN context in the HMC.
 *
 * Context fields (LAN Rx queue context: CPUID bits 20:13, TPHRDesc 193,
 * TPHWDesc 194, TPHData 195, TPHHead 196; LAN Tx queue context: CPUID
 * bits 103:96, TPHRDesc 174, TPHRPacket 175, TPHWDesc 176) are taken
 * from DPDK 22.11's base code context tables (i40e_lan_hmc.c). The
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
 * Processing hints: GLTPH_CTRL (0x000BE480, Desc_PH 10:9, Data_PH 12:11,
 * from 22.11's i40e_register.h) is left at its reset value. It is global
 * to every PF of the device (GL prefix), so one DPDK process writing it
 * would change the hints of functions it does not own; its reset value
 * and whether a PF may write it are on datasheet pages not available.
 *
 * The binding table, the tag lookup and the ethdev callbacks other than
 * caps, mode and bind are ethdev's queue context helpers
 * (ethdev_tph_qctx.h), shared with net/ice; this file packs tags into
 * the contexts and adds the PF's own refusal (VFs).
 *
 * When a binding reaches the device: the context is written while the
 * queue is disabled (port start, queue start), never under a polling
 * lcore, so this PMD never stops or starts a queue. A binding of a
 * started queue is recorded as pending and loaded at the queue's next
 * start (the application restarts it, e.g. rte_eth_dev_rx_queue_stop()
 * and rte_eth_dev_rx_queue_start(), at a time no lcore polls it).
 */

#include <errno.h>
#include <string.h>

#include <bus_pci_driver.h>
#include <ethdev_driver.h>
#include <rte_bus.h>
#include <rte_common.h>
#include <rte_dev.h>

#include "i40e_logs.h"
#include "base/i40e_type.h"
#include "i40e_ethdev.h"
#include "i40e_rxtx.h"
#include "i40e_tph.h"

/* PCIe r6.x, 9.3.3: SR-IOV extended capability, Control and NumVFs. */
#define I40E_TPH_SRIOV_CTRL 0x08
#define I40E_TPH_SRIOV_CTRL_VF_ENABLE 0x1
#define I40E_TPH_SRIOV_NUM_VFS 0x10

void
i40e_tph_rxq_ctx_set(struct i40e_hmc_obj_rxq *ctx,
		const struct rte_eth_tph_qctx_tag *t)
{
	ctx->cpuid = t->steered ? t->tag : 0;
	ctx->tphrdesc_ena = 0;
	ctx->tphwdesc_ena = t->steered;
	ctx->tphdata_ena = t->steered;
	ctx->tphhead_ena = t->steered;
}

void
i40e_tph_txq_ctx_set(struct i40e_hmc_obj_txq *ctx,
		const struct rte_eth_tph_qctx_tag *t)
{
	ctx->cpuid = t->steered ? t->tag : 0;
	ctx->tphrdesc_ena = 0;
	ctx->tphrpacket_ena = 0;
	ctx->tphwdesc_ena = t->steered;
}

/*
 * Whether a queue is one of the port's ethdev queues: the flow director
 * queues (own VSI) reuse ethdev queue ids and are never steered.
 */
static bool
i40e_tph_vsi_steered(const struct i40e_vsi *vsi)
{
	return vsi != NULL && vsi->type != I40E_VSI_FDIR;
}

static const struct rte_eth_tph_qctx_tag *
i40e_tph_wanted(const struct i40e_vsi *vsi, uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	static const struct rte_eth_tph_qctx_tag none;

	return i40e_tph_vsi_steered(vsi) ?
		rte_eth_tph_qctx_wanted(port_id, dir, queue_id) : &none;
}

static void
i40e_tph_written(const struct i40e_vsi *vsi, uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		bool steered, uint8_t cpuid)
{
	const struct rte_eth_tph_qctx_tag t = { .steered = steered, .tag = cpuid };

	if (i40e_tph_vsi_steered(vsi))
		rte_eth_tph_qctx_loaded(port_id, dir, queue_id, &t);
}

void
i40e_tph_rxq_ctx_fill(const struct i40e_rx_queue *rxq,
		struct i40e_hmc_obj_rxq *ctx)
{
	i40e_tph_rxq_ctx_set(ctx, i40e_tph_wanted(rxq->vsi, rxq->port_id,
		RTE_ETH_TPH_QUEUE_RX, rxq->queue_id));
}

void
i40e_tph_rxq_ctx_written(const struct i40e_rx_queue *rxq,
		const struct i40e_hmc_obj_rxq *ctx)
{
	i40e_tph_written(rxq->vsi, rxq->port_id, RTE_ETH_TPH_QUEUE_RX,
		rxq->queue_id, ctx->tphwdesc_ena != 0, ctx->cpuid);
}

void
i40e_tph_txq_ctx_fill(const struct i40e_tx_queue *txq,
		struct i40e_hmc_obj_txq *ctx)
{
	i40e_tph_txq_ctx_set(ctx, i40e_tph_wanted(txq->vsi, txq->port_id,
		RTE_ETH_TPH_QUEUE_TX, txq->queue_id));
}

void
i40e_tph_txq_ctx_written(const struct i40e_tx_queue *txq,
		const struct i40e_hmc_obj_txq *ctx)
{
	i40e_tph_written(txq->vsi, txq->port_id, RTE_ETH_TPH_QUEUE_TX,
		txq->queue_id, ctx->tphwdesc_ena != 0, ctx->cpuid);
}

/* Whether a queue start must write the context again first. */
static bool
i40e_tph_reload(const struct i40e_vsi *vsi, uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	return i40e_tph_vsi_steered(vsi) &&
		rte_eth_tph_qctx_reload_needed(port_id, dir, queue_id);
}

static int
i40e_tph_reload_failed(uint16_t port_id, const char *dir, uint16_t queue_id)
{
	PMD_DRV_LOG(ERR, "port %u %s %u: writing its context with the TPH binding failed; the queue stays stopped",
		port_id, dir, queue_id);
	return -EIO;
}

int
i40e_tph_rxq_start(struct i40e_rx_queue *rxq)
{
	if (!i40e_tph_reload(rxq->vsi, rxq->port_id, RTE_ETH_TPH_QUEUE_RX,
			rxq->queue_id))
		return 0;
	/* What a runtime queue setup does to a stopped queue's context. */
	if (i40e_rx_queue_init(rxq) != I40E_SUCCESS)
		return i40e_tph_reload_failed(rxq->port_id, "rxq",
			rxq->queue_id);
	return 0;
}

int
i40e_tph_txq_start(struct i40e_tx_queue *txq)
{
	if (!i40e_tph_reload(txq->vsi, txq->port_id, RTE_ETH_TPH_QUEUE_TX,
			txq->queue_id))
		return 0;
	if (i40e_tx_queue_init(txq) != I40E_SUCCESS)
		return i40e_tph_reload_failed(txq->port_id, "txq",
			txq->queue_id);
	return 0;
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
 * The PF host code (i40e_pf.c) writes its VFs' Rx contexts without TPH
 * enables, so no VF queue tags its writes. What remains unknown: whether
 * the PF's TPH requester enable and DS mode also apply to requests of
 * its VFs; the datasheet pages that would say are not available. Until
 * they are, no TPH while VFs exist.
 */
static int
i40e_tph_vf_check(struct rte_eth_dev *dev, uint32_t level)
{
	uint16_t nb_vfs = i40e_tph_vfs_enabled(dev);

	if (nb_vfs == 0)
		return 0;
	rte_log(level, i40e_logtype_driver, "%s(): port %u: no TPH while the PF hosts %u VFs: whether the PF's TPH requester enable applies to VF requests is not documented\n",
		__func__, dev->data->port_id, nb_vfs);
	return -ENOTSUP;
}

int
i40e_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	*modes = 0;
	/* ethdev asks for every unbound queue's info: no log flood */
	if (i40e_tph_vf_check(dev, RTE_LOG_DEBUG) != 0)
		return 0;
	*modes = RTE_TPH_CAP_MODE_DS | RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START;
	return 0;
}

int
i40e_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	if (mode == RTE_TPH_MODE_DS &&
			i40e_tph_vf_check(dev, RTE_LOG_INFO) != 0)
		return -ENOTSUP;
	return rte_eth_tph_qctx_mode_set(dev, mode);
}

int
i40e_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	return rte_eth_tph_qctx_queues_bind(dev, bindings, n, NULL);
}
