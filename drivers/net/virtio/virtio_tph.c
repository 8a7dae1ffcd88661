/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * virtio-net TPH, Interrupt Vector mode (layout in virtio_tph.h).
 *
 * Why MSI-X must be enabled even for a polling application: a queue's
 * vector is the one the device signals with only while MSI-X is enabled,
 * and with the ST table in the MSI-X table upstream Linux writes a tag
 * only into an entry that has an interrupt allocated (the proposed
 * VFIO_DEVICE_PCI_TPH kernel series, "vfio/pci: Add PCIe TPH support" v4,
 * also writes into a disabled table, the PMD must not depend on it).
 * VFIO allocates entries 0..n-1 when user space enables
 * MSI-X with n eventfds (VFIO_DEVICE_SET_IRQS), and 22.11's PMD does that
 * only for link state or Rx interrupts, with 1 or 1 + nb_rx vectors. So in
 * IV mode the PMD creates one eventfd per queue vector
 * (rte_intr_efd_enable() sets the count EAL passes to VFIO), enables
 * MSI-X and writes each queue's vector into the device (queue_msix_vector,
 * read back to check that the device accepted it). Disabling MSI-X frees
 * the vectors, so MSI-X stays enabled from then until TPH is turned off
 * or the port is closed, across dev_stop, so that an unbind on a stopped
 * port still reaches its entry. ethdev programs every binding again after
 * each dev_start and mode switch, all queues in one call: the PMD turns it
 * into one rte_tph_set_st() batch, one SET_ST request to the kernel,
 * through lib/tph's owner calls (rte_tph_driver.h): ethdev owns the device
 * while the port uses TPH.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <bus_pci_driver.h>
#include <rte_bus.h>
#include <rte_common.h>
#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_interrupts.h>
#include <rte_tph_driver.h>

#include "virtio.h"
#include "virtio_logs.h"
#include "virtqueue.h"
#include "virtio_tph.h"

/* PCI facts (PCI Local Bus spec, MSI-X capability). */
#define VIRTIO_TPH_PCI_CAP_PTR 0x34
#define VIRTIO_TPH_PCI_CAP_ID_MSIX 0x11
#define VIRTIO_TPH_MSIX_CTRL 2 /* Message Control offset */
#define VIRTIO_TPH_MSIX_CTRL_SIZE 0x07ff /* table size - 1 */
#define VIRTIO_TPH_MSIX_CTRL_ENABLE 0x8000
/* More capabilities than fit in the 192 bytes after the header is a loop. */
#define VIRTIO_TPH_PCI_CAP_MAX 48

/* Per process and port, like the state of lib/tph. */
struct virtio_tph_port {
	enum rte_tph_mode mode; /* last mode ethdev set */
	/* The device's queues hold the vectors of the layout below. */
	bool programmed;
	/* The layout ST entries were programmed for, until TPH goes off. */
	bool has_layout;
	uint16_t nb_rx;
	uint16_t nb_tx;
	/* MSI-X was enabled with the queue vectors and must stay so. */
	bool msix_kept;
	/* Eventfds added for the queue vectors, at handle index efd_first. */
	int *efds;
	uint32_t nb_efds;
	uint32_t efd_first;
	/* Last capability verdict, to log a change once at INFO level. */
	int caps_verdict;
};

static struct virtio_tph_port virtio_tph_ports[RTE_MAX_ETHPORTS];

static const char *
virtio_tph_dir_name(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? "Rx" : "Tx";
}

uint32_t
virtio_tph_vectors_needed(uint16_t nb_rx, uint16_t nb_tx)
{
	return 1 + (uint32_t)nb_rx + nb_tx;
}

int
virtio_tph_queue_vector(uint16_t nb_rx, uint16_t nb_tx,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		uint16_t *vector)
{
	uint32_t vec;

	if (dir == RTE_ETH_TPH_QUEUE_RX && queue_id < nb_rx)
		vec = VIRTIO_TPH_CONFIG_VECTOR + 1 + queue_id;
	else if (dir == RTE_ETH_TPH_QUEUE_TX && queue_id < nb_tx)
		vec = VIRTIO_TPH_CONFIG_VECTOR + 1 + (uint32_t)nb_rx + queue_id;
	else
		return -EINVAL;
	/* The virtio vector field is 16-bit and 0xffff means none. */
	if (vec >= VIRTIO_MSI_NO_VECTOR)
		return -EINVAL;
	*vector = (uint16_t)vec;
	return 0;
}

int
virtio_tph_iv_check(const struct rte_tph_cap *cap, uint32_t msix_size,
		uint16_t nb_rx, uint16_t nb_tx, char *why, size_t len)
{
	uint32_t need = virtio_tph_vectors_needed(nb_rx, nb_tx);
	char dummy[1];

	if (why == NULL || len == 0) {
		why = dummy;
		len = sizeof(dummy);
	}
	why[0] = '\0';
	if (msix_size == 0) {
		snprintf(why, len, "the device has no MSI-X");
		return -ENOTSUP;
	}
	if (need > msix_size) {
		snprintf(why, len,
			"%u MSI-X vectors needed (config + %u Rx + %u Tx queues), the device has %u",
			need, nb_rx, nb_tx, msix_size);
		return -ENOSPC;
	}
	/* Whether the device has IV at all is ethdev's check; its table
	 * size is the PMD's, as only the PMD knows the vectors it needs.
	 */
	if (cap == NULL || (cap->modes & RTE_TPH_CAP_MODE_IV) == 0)
		return 0;
	if (cap->st_location == RTE_TPH_ST_LOC_NONE) {
		snprintf(why, len, "the device has no steering tag table");
		return -ENOTSUP;
	}
	if (need > cap->st_table_size) {
		snprintf(why, len,
			"%u steering tag entries needed (config + %u Rx + %u Tx queues), the table has %u",
			need, nb_rx, nb_tx, cap->st_table_size);
		return -ENOSPC;
	}
	return 0;
}

int
virtio_tph_bind_entry(uint16_t nb_rx, uint16_t nb_tx,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		unsigned int lcore_id, enum rte_tph_mem_type mem_type,
		struct rte_tph_st_entry *ent)
{
	uint16_t vec;
	int ret;

	ret = virtio_tph_queue_vector(nb_rx, nb_tx, dir, queue_id, &vec);
	if (ret < 0)
		return ret;
	memset(ent, 0, sizeof(*ent));
	ent->index = vec;
	ent->mem_type = mem_type;
	ent->lcore_id = lcore_id;
	return 0;
}

/*
 * When the queue counts changed since the last setup, clear the entries
 * programmed for the old layout: no queue uses those vectors any more and
 * ethdev programs the bindings again for the new one.
 */
static void
virtio_tph_clear_old_layout(const struct rte_eth_dev *dev, uint16_t nb_rx,
		uint16_t nb_tx)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];
	struct rte_tph_entry_info *info = NULL;
	uint16_t *idx = NULL;
	uint32_t old_need;
	int i, n, k = 0;

	if (!p->has_layout || (p->nb_rx == nb_rx && p->nb_tx == nb_tx))
		return;
	old_need = virtio_tph_vectors_needed(p->nb_rx, p->nb_tx);
	n = rte_tph_entries_get(dev->device, NULL, 0);
	if (n <= 0)
		return;
	info = calloc(n, sizeof(*info));
	idx = calloc(n, sizeof(*idx));
	if (info == NULL || idx == NULL)
		goto out;
	n = RTE_MIN(n, rte_tph_entries_get(dev->device, info, n));
	for (i = 0; i < n; i++)
		if (info[i].index > VIRTIO_TPH_CONFIG_VECTOR &&
				info[i].index < old_need)
			idx[k++] = info[i].index;
	if (k > 0 && rte_tph_owner_clear_st(dev->device, idx, k) < 0)
		PMD_DRV_LOG(ERR, "port %u: TPH: cannot clear %d entries of the old queue layout",
			dev->data->port_id, k);
out:
	free(info);
	free(idx);
}

void
virtio_tph_layout_set(const struct rte_eth_dev *dev, uint16_t nb_rx,
		uint16_t nb_tx)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];

	virtio_tph_clear_old_layout(dev, nb_rx, nb_tx);
	p->programmed = true;
	p->has_layout = true;
	p->nb_rx = nb_rx;
	p->nb_tx = nb_tx;
}

/* The PCI device of a port, or NULL (virtio-user). */
static struct rte_pci_device *
virtio_tph_pci_dev(const struct rte_eth_dev *dev)
{
	const struct rte_bus *bus;

	if (dev->device == NULL)
		return NULL;
	bus = rte_dev_bus(dev->device);
	if (bus == NULL || strcmp(rte_bus_name(bus), "pci") != 0)
		return NULL;
	return RTE_ETH_DEV_TO_PCI(dev);
}

/* Read the MSI-X table size and enable bit; size 0 without MSI-X. */
static void
virtio_tph_msix_read(struct rte_pci_device *pdev, uint32_t *size,
		bool *enabled)
{
	uint8_t pos, cap[2];
	uint16_t ctrl;
	unsigned int i;

	*size = 0;
	*enabled = false;
	if (rte_pci_read_config(pdev, &pos, 1, VIRTIO_TPH_PCI_CAP_PTR) != 1)
		return;
	for (i = 0; pos != 0 && i < VIRTIO_TPH_PCI_CAP_MAX; i++) {
		if (rte_pci_read_config(pdev, cap, 2, pos) != 2)
			return;
		if (cap[0] == VIRTIO_TPH_PCI_CAP_ID_MSIX) {
			if (rte_pci_read_config(pdev, &ctrl, 2,
					pos + VIRTIO_TPH_MSIX_CTRL) != 2)
				return;
			*size = (ctrl & VIRTIO_TPH_MSIX_CTRL_SIZE) + 1;
			*enabled = (ctrl & VIRTIO_TPH_MSIX_CTRL_ENABLE) != 0;
			return;
		}
		pos = cap[1];
	}
}

/*
 * Can this port use IV mode with nb_rx/nb_tx queues? On refusal, log why:
 * at INFO level when the verdict changes (so a too small device says so
 * once), at DEBUG level otherwise.
 */
static int
virtio_tph_port_check(const struct rte_eth_dev *dev, uint16_t nb_rx,
		uint16_t nb_tx)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];
	struct rte_pci_device *pdev = virtio_tph_pci_dev(dev);
	struct rte_tph_cap cap, *capp;
	uint32_t msix_size;
	bool msix_on;
	char why[160];
	int ret;

	if (pdev == NULL) {
		snprintf(why, sizeof(why), "not a PCI device");
		ret = -ENOTSUP;
	} else {
		virtio_tph_msix_read(pdev, &msix_size, &msix_on);
		/* Without a device capability, ethdev reports that part. */
		capp = rte_tph_cap_get(dev->device, &cap) == 0 ? &cap : NULL;
		ret = virtio_tph_iv_check(capp, msix_size, nb_rx, nb_tx, why,
			sizeof(why));
	}
	if (ret < 0) {
		if (ret != p->caps_verdict)
			PMD_DRV_LOG(INFO, "port %u: TPH Interrupt Vector mode unsupported: %s",
				dev->data->port_id, why);
		else
			PMD_DRV_LOG(DEBUG, "port %u: TPH Interrupt Vector mode unsupported: %s",
				dev->data->port_id, why);
	}
	p->caps_verdict = ret;
	return ret;
}

/* Queues to steer: the configured ones; an unconfigured port counts one pair. */
static void
virtio_tph_queue_counts(const struct rte_eth_dev *dev, uint16_t *nb_rx,
		uint16_t *nb_tx)
{
	*nb_rx = RTE_MAX(dev->data->nb_rx_queues, (uint16_t)1);
	*nb_tx = RTE_MAX(dev->data->nb_tx_queues, (uint16_t)1);
}

/* Re-read the MSI-X state into the PMD (legacy config offset, LSC). */
static void
virtio_tph_intr_detect(struct virtio_hw *hw)
{
	if (VIRTIO_OPS(hw)->intr_detect != NULL)
		VIRTIO_OPS(hw)->intr_detect(hw);
}

/*
 * Give back the eventfds the PMD added to the interrupt handle: drop them
 * from the end of the handle's list while they are still there, and close
 * them. An rte_intr_efd_enable() of the PMD's own (Rx interrupts at
 * configure) replaces the list from index 0 and leaves none of ours in it.
 */
static void
virtio_tph_efds_put(struct rte_eth_dev *dev)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];
	struct rte_intr_handle *h = dev->intr_handle;
	int nb = rte_intr_nb_efd_get(h);
	int end = nb;
	uint32_t i;

	while (end > (int)p->efd_first &&
			end - 1 < (int)(p->efd_first + p->nb_efds) &&
			rte_intr_efds_index_get(h, end - 1) ==
			p->efds[end - 1 - p->efd_first])
		end--;
	if (end != nb) {
		rte_intr_nb_efd_set(h, end);
		/* What rte_intr_efd_enable() sets: vector 0 plus the eventfds. */
		rte_intr_max_intr_set(h, end > 0 ? end + 1 : 0);
	}
	for (i = 0; i < p->nb_efds; i++)
		close(p->efds[i]);
	free(p->efds);
	p->efds = NULL;
	p->nb_efds = 0;
	p->efd_first = 0;
}

/*
 * Make the interrupt handle carry n eventfds (one per queue vector), the
 * ones already there (Rx interrupts) kept: their users may wait on them.
 */
static int
virtio_tph_efds_get(struct rte_eth_dev *dev, uint32_t n)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];
	struct rte_intr_handle *h = dev->intr_handle;
	uint32_t have, i;
	int fd, ret;

	if ((uint32_t)rte_intr_nb_efd_get(h) >= n)
		return 0;
	virtio_tph_efds_put(dev);
	have = rte_intr_nb_efd_get(h);
	if (have >= n)
		return 0;
	p->efds = calloc(n - have, sizeof(*p->efds));
	if (p->efds == NULL)
		return -ENOMEM;
	p->efd_first = have;
	for (i = have; i < n; i++) {
		fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (fd < 0) {
			ret = -errno;
			goto fail;
		}
		p->efds[p->nb_efds++] = fd;
		if (rte_intr_efds_index_set(h, i, fd) < 0) {
			ret = -rte_errno;
			goto fail;
		}
	}
	if (rte_intr_nb_efd_set(h, n) < 0 ||
			rte_intr_max_intr_set(h, n + 1) < 0) {
		ret = -rte_errno;
		goto fail;
	}
	return 0;
fail:
	/* The handle still counts "have": ours are past its end. */
	rte_intr_nb_efd_set(h, have);
	virtio_tph_efds_put(dev);
	return ret;
}

/* Enable MSI-X with vectors 0..need-1 allocated by the kernel. */
static int
virtio_tph_msix_enable(struct rte_eth_dev *dev, uint32_t need)
{
	struct virtio_hw *hw = dev->data->dev_private;
	struct rte_intr_handle *h = dev->intr_handle;
	struct rte_pci_device *pdev = virtio_tph_pci_dev(dev);
	uint16_t port_id = dev->data->port_id;
	uint32_t msix_size;
	bool msix_on;
	int ret;

	if (h == NULL || rte_intr_type_get(h) != RTE_INTR_HANDLE_VFIO_MSIX) {
		PMD_DRV_LOG(INFO, "port %u: TPH Interrupt Vector mode needs MSI-X through VFIO",
			port_id);
		return -ENOTSUP;
	}
	virtio_tph_msix_read(pdev, &msix_size, &msix_on);
	if (msix_on && rte_intr_disable(h) < 0)
		PMD_DRV_LOG(DEBUG, "port %u: TPH: disabling MSI-X failed",
			port_id);
	/* Vector 0 keeps the handle's own fd; one eventfd per queue vector. */
	ret = virtio_tph_efds_get(dev, need - 1);
	if (ret < 0) {
		PMD_DRV_LOG(ERR, "port %u: TPH: cannot create %u interrupt eventfds: %s",
			port_id, need - 1, strerror(-ret));
		if (msix_on && rte_intr_enable(h) < 0)
			PMD_DRV_LOG(ERR, "port %u: cannot enable interrupts again",
				port_id);
		virtio_tph_intr_detect(hw);
		return ret;
	}
	/* Kept even on failure: what MSI-X is on must be undone at release. */
	virtio_tph_ports[port_id].msix_kept = true;
	if (rte_intr_enable(h) < 0) {
		PMD_DRV_LOG(ERR, "port %u: TPH: cannot enable %u MSI-X vectors",
			port_id, need);
		virtio_tph_intr_detect(hw);
		return -EIO;
	}
	virtio_tph_intr_detect(hw);
	return 0;
}

/* Give the queues of a layout their vectors back (none, or Rx interrupt). */
static void
virtio_tph_vectors_reset(struct rte_eth_dev *dev, uint16_t nb_rx,
		uint16_t nb_tx)
{
	struct virtio_hw *hw = dev->data->dev_private;
	bool rxq_intr = dev->data->dev_conf.intr_conf.rxq != 0;
	struct virtqueue *vq;
	uint16_t q, vec;

	if (hw->vqs == NULL)
		return;
	for (q = 0; q < nb_rx && q < hw->max_queue_pairs; q++) {
		vq = hw->vqs[2 * q + VTNET_SQ_RQ_QUEUE_IDX];
		if (vq == NULL)
			continue;
		/* Rx interrupts use the same vector as IV mode. */
		vec = rxq_intr ? VIRTIO_TPH_CONFIG_VECTOR + 1 + q :
			VIRTIO_MSI_NO_VECTOR;
		VIRTIO_OPS(hw)->set_queue_irq(hw, vq, vec);
	}
	for (q = 0; q < nb_tx && q < hw->max_queue_pairs; q++) {
		vq = hw->vqs[2 * q + VTNET_SQ_TQ_QUEUE_IDX];
		if (vq != NULL)
			VIRTIO_OPS(hw)->set_queue_irq(hw, vq,
				VIRTIO_MSI_NO_VECTOR);
	}
}

/* Write one queue's vector into the device and check it was accepted. */
static int
virtio_tph_vector_write(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t q, uint16_t nb_rx,
		uint16_t nb_tx)
{
	struct virtio_hw *hw = dev->data->dev_private;
	uint16_t vec, got;
	struct virtqueue *vq;

	if (virtio_tph_queue_vector(nb_rx, nb_tx, dir, q, &vec) < 0)
		return -EINVAL;
	vq = hw->vqs[2 * q + (dir == RTE_ETH_TPH_QUEUE_RX ?
			VTNET_SQ_RQ_QUEUE_IDX : VTNET_SQ_TQ_QUEUE_IDX)];
	if (vq == NULL) {
		PMD_DRV_LOG(ERR, "port %u: TPH: %s queue %u has no virtqueue",
			dev->data->port_id, virtio_tph_dir_name(dir), q);
		return -EINVAL;
	}
	got = VIRTIO_OPS(hw)->set_queue_irq(hw, vq, vec);
	if (got != vec) {
		PMD_DRV_LOG(ERR, "port %u: TPH: device refused MSI-X vector %u for %s queue %u (reads back 0x%x)",
			dev->data->port_id, vec, virtio_tph_dir_name(dir), q,
			got);
		return -EIO;
	}
	return 0;
}

/* Give every configured queue its IV vector. */
static int
virtio_tph_vectors_setup(struct rte_eth_dev *dev)
{
	struct virtio_hw *hw = dev->data->dev_private;
	uint16_t nb_rx = dev->data->nb_rx_queues;
	uint16_t nb_tx = dev->data->nb_tx_queues;
	uint16_t q;
	int ret;

	ret = virtio_tph_port_check(dev, nb_rx, nb_tx);
	if (ret < 0)
		return ret;
	if (hw->vqs == NULL || nb_rx > hw->max_queue_pairs ||
			nb_tx > hw->max_queue_pairs) {
		PMD_DRV_LOG(ERR, "port %u: TPH: queues are not set up",
			dev->data->port_id);
		return -EINVAL;
	}
	ret = virtio_tph_msix_enable(dev, virtio_tph_vectors_needed(nb_rx,
			nb_tx));
	if (ret < 0)
		return ret;
	for (q = 0; q < nb_rx && ret == 0; q++)
		ret = virtio_tph_vector_write(dev, RTE_ETH_TPH_QUEUE_RX, q,
			nb_rx, nb_tx);
	for (q = 0; q < nb_tx && ret == 0; q++)
		ret = virtio_tph_vector_write(dev, RTE_ETH_TPH_QUEUE_TX, q,
			nb_rx, nb_tx);
	if (ret < 0) {
		virtio_tph_vectors_reset(dev, nb_rx, nb_tx);
		virtio_tph_ports[dev->data->port_id].programmed = false;
		return ret;
	}
	virtio_tph_layout_set(dev, nb_rx, nb_tx);
	PMD_DRV_LOG(INFO, "port %u: TPH Interrupt Vector mode: Rx queues on MSI-X vectors 1-%u, Tx queues on %u-%u",
		dev->data->port_id, nb_rx, nb_rx + 1, nb_rx + nb_tx);
	return 0;
}

/*
 * Undo the vector setup: queue vectors back to what the port uses without
 * TPH, and MSI-X back to what link state and Rx interrupts need.
 */
static void
virtio_tph_vectors_release(struct rte_eth_dev *dev)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];
	const struct rte_eth_intr_conf *ic = &dev->data->dev_conf.intr_conf;
	struct virtio_hw *hw = dev->data->dev_private;
	struct rte_intr_handle *h = dev->intr_handle;
	bool keep_on = hw->started && (ic->lsc || ic->rxq);
	uint32_t msix_size;
	bool msix_on;

	if (p->programmed)
		virtio_tph_vectors_reset(dev, p->nb_rx, p->nb_tx);
	p->programmed = false;
	p->has_layout = false;
	if (!p->msix_kept)
		return;
	virtio_tph_msix_read(virtio_tph_pci_dev(dev), &msix_size, &msix_on);
	if (msix_on)
		rte_intr_disable(h);
	/* Back to the eventfds of link state and Rx interrupts alone. */
	virtio_tph_efds_put(dev);
	if (keep_on && rte_intr_enable(h) < 0)
		PMD_DRV_LOG(ERR, "port %u: cannot enable interrupts again",
			dev->data->port_id);
	virtio_tph_intr_detect(hw);
	p->msix_kept = false;
}

int
virtio_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	uint16_t nb_rx, nb_tx;

	*modes = 0;
	virtio_tph_queue_counts(dev, &nb_rx, &nb_tx);
	if (virtio_tph_port_check(dev, nb_rx, nb_tx) == 0)
		*modes = RTE_TPH_CAP_MODE_IV;
	/* No virtio-net register takes a tag: never DS. */
	return 0;
}

int
virtio_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];
	struct virtio_hw *hw = dev->data->dev_private;
	int ret;

	switch (mode) {
	case RTE_TPH_MODE_IV:
		/* A stopped port gets its vectors at dev_start. The PMD's own
		 * flag: ethdev may switch right after the PMD's dev_start.
		 */
		if (hw->started && !p->programmed) {
			ret = virtio_tph_vectors_setup(dev);
			if (ret < 0)
				return ret;
		}
		break;
	case RTE_TPH_MODE_OFF:
		virtio_tph_vectors_release(dev);
		break;
	default:
		PMD_DRV_LOG(ERR, "port %u: TPH mode %s is not supported",
			dev->data->port_id, rte_tph_mode_name(mode));
		return -ENOTSUP;
	}
	p->mode = mode;
	return 0;
}

int
virtio_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];
	const struct rte_eth_tph_queue_binding *b;
	struct rte_tph_st_entry *ents;
	uint16_t i;
	int ret;

	if (p->mode != RTE_TPH_MODE_IV) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: port is not in iv mode",
			dev->data->port_id);
		return -ENOTSUP;
	}
	if (!p->programmed) {
		PMD_DRV_LOG(ERR, "port %u: TPH bind: queue MSI-X vectors are not set up (see the start log)",
			dev->data->port_id);
		return -EIO;
	}
	ents = calloc(n, sizeof(*ents));
	if (ents == NULL)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		b = &bindings[i];
		ret = virtio_tph_bind_entry(p->nb_rx, p->nb_tx, b->dir,
			b->queue_id, b->lcore_id, b->mem_type, &ents[i]);
		if (ret < 0) {
			PMD_DRV_LOG(ERR, "port %u: TPH bind: %s queue %u has no vector (%u Rx, %u Tx queues set up)",
				dev->data->port_id, virtio_tph_dir_name(b->dir),
				b->queue_id, p->nb_rx, p->nb_tx);
			goto out;
		}
	}
	/* Each queue has a vector of its own: the indexes are distinct. */
	ret = rte_tph_owner_set_st(dev->device, ents, n);
	if (ret < 0) {
		/* ethdev or the application reports the failed binding. */
		PMD_DRV_LOG(DEBUG, "port %u: TPH bind: programming %u ST entries (first: entry %u for lcore %u) failed: %s",
			dev->data->port_id, n, ents[0].index,
			ents[0].lcore_id, strerror(-ret));
		goto out;
	}
	for (i = 0; i < n; i++)
		PMD_DRV_LOG(DEBUG, "port %u: %s queue %u steered to lcore %u through ST entry %u",
			dev->data->port_id,
			virtio_tph_dir_name(bindings[i].dir),
			bindings[i].queue_id, ents[i].lcore_id, ents[i].index);
out:
	free(ents);
	return ret;
}

int
virtio_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];
	uint16_t *idx;
	uint16_t i, k = 0;
	int ret;

	if (!p->has_layout)
		return 0;
	idx = calloc(n, sizeof(*idx));
	if (idx == NULL)
		return -ENOMEM;
	/* The entries were programmed with the layout of the last setup. */
	for (i = 0; i < n; i++) {
		if (virtio_tph_queue_vector(p->nb_rx, p->nb_tx, queues[i].dir,
				queues[i].queue_id, &idx[k]) == 0)
			k++;
		else
			PMD_DRV_LOG(DEBUG, "port %u: TPH unbind: %s queue %u has no ST entry",
				dev->data->port_id,
				virtio_tph_dir_name(queues[i].dir),
				queues[i].queue_id);
	}
	ret = k > 0 ? rte_tph_owner_clear_st(dev->device, idx, k) : 0;
	if (ret < 0)
		PMD_DRV_LOG(ERR, "port %u: TPH unbind: clearing %u ST entries failed: %s",
			dev->data->port_id, k, strerror(-ret));
	free(idx);
	return ret;
}

int
virtio_tph_queue_info_get(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];
	uint16_t vec;

	if (!p->has_layout ||
			virtio_tph_queue_vector(p->nb_rx, p->nb_tx, dir,
				queue_id, &vec) < 0)
		return 0;
	info->st_index_valid = true;
	info->st_index = vec;
	return 0;
}

void
virtio_tph_dev_start(struct rte_eth_dev *dev)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];

	if (p->mode != RTE_TPH_MODE_IV)
		return;
	/* The queue vectors are gone if the device was reset by configure. */
	p->programmed = false;
	if (virtio_tph_vectors_setup(dev) < 0)
		PMD_DRV_LOG(ERR, "port %u: TPH Interrupt Vector mode not set up, the port runs without steering tags",
			dev->data->port_id);
}

bool
virtio_tph_msix_kept(const struct rte_eth_dev *dev)
{
	return virtio_tph_ports[dev->data->port_id].msix_kept;
}

void
virtio_tph_dev_close(struct rte_eth_dev *dev)
{
	struct virtio_tph_port *p = &virtio_tph_ports[dev->data->port_id];

	virtio_tph_vectors_release(dev);
	memset(p, 0, sizeof(*p));
}
