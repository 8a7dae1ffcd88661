/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef VIRTIO_TPH_H
#define VIRTIO_TPH_H

/*
 * PCIe TPH steering tags for virtio-net PCI ports, Interrupt Vector mode.
 *
 * In IV mode the device tags the DMA writes of a virtqueue with the ST
 * table entry whose index is the queue's MSI-X vector. While the port is
 * in IV mode every Rx and Tx queue gets a vector of its own, whether or
 * not the application uses interrupts:
 *
 *   vector 0                      configuration changes (link state)
 *   vector 1 + q                  Rx queue q (as Rx interrupts use it)
 *   vector 1 + nb_rx_queues + q   Tx queue q
 *
 * Binding queues programs the ST entries at their vectors for the CPUs of
 * their lcores, all the queues of one ethdev request with one
 * rte_tph_set_st() batch; unbinding clears them with one rte_tph_clear_st().
 *
 * Device Specific mode: virtio-net has no per-queue tag register, so the
 * PMD never claims DS.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_ethdev_tph.h>
#include <rte_tph.h>

/** Vector of the configuration interrupt; queue vectors follow it. */
#define VIRTIO_TPH_CONFIG_VECTOR 0

/**
 * Number of MSI-X vectors (and ST entries) the IV layout needs.
 *
 * @return
 *   1 + nb_rx + nb_tx.
 */
uint32_t virtio_tph_vectors_needed(uint16_t nb_rx, uint16_t nb_tx);

/**
 * MSI-X vector (= ST table index) of a queue in the IV layout.
 *
 * @param nb_rx
 *   Rx queues of the layout.
 * @param nb_tx
 *   Tx queues of the layout.
 * @param dir
 *   Rx or Tx.
 * @param queue_id
 *   The queue.
 * @param[out] vector
 *   Its vector.
 * @return
 *   0; -EINVAL if the queue is not in the layout or @p dir is invalid.
 */
int virtio_tph_queue_vector(uint16_t nb_rx, uint16_t nb_tx,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		uint16_t *vector);

/**
 * Decide whether the PMD can drive IV mode on a device with a queue
 * configuration: every queue needs an MSI-X vector of its own and, when
 * the device has IV mode, an ST table entry at that vector. Whether the
 * device has IV mode at all is left to ethdev, which intersects the PMD's
 * modes with the device's.
 *
 * @param cap
 *   The device's TPH capability (lib/tph), or NULL when unknown.
 * @param msix_size
 *   Entries of the device's MSI-X table (0: no MSI-X).
 * @param nb_rx
 *   Rx queues to steer.
 * @param nb_tx
 *   Tx queues to steer.
 * @param[out] why
 *   On refusal, a sentence saying why (may be NULL).
 * @param len
 *   Size of @p why.
 * @return
 *   0 if IV mode can be used; -ENOTSUP without MSI-X or with IV but no ST
 *   table; -ENOSPC if the vectors or the ST table are too few.
 */
int virtio_tph_iv_check(const struct rte_tph_cap *cap, uint32_t msix_size,
		uint16_t nb_rx, uint16_t nb_tx, char *why, size_t len);

/**
 * Build the rte_tph_set_st() entry binding one queue to an lcore.
 *
 * @return
 *   0, or -EINVAL if the queue is not in the layout (@p ent untouched).
 */
int virtio_tph_bind_entry(uint16_t nb_rx, uint16_t nb_tx,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		unsigned int lcore_id, enum rte_tph_mem_type mem_type,
		struct rte_tph_st_entry *ent);

/**
 * Record that the device's queues hold the IV vectors of a layout, so
 * that bindings can be programmed. Called by the vector setup once the
 * device accepted every vector. Entries programmed for a different
 * previous layout are cleared (one rte_tph_clear_st() batch): no queue
 * uses them any more, and ethdev binds the queues again after dev_start.
 */
void virtio_tph_layout_set(const struct rte_eth_dev *dev, uint16_t nb_rx,
		uint16_t nb_tx);

/* eth_dev_ops TPH callbacks (see ethdev_driver.h). */
int virtio_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes);
int virtio_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode);
int virtio_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n);
int virtio_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n);
int virtio_tph_queue_info_get(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info);

#ifdef RTE_LIB_TPH

/**
 * dev_start: in IV mode, give every queue its vector (enabling MSI-X with
 * enough vectors). A failure is logged and leaves the port without TPH.
 */
void virtio_tph_dev_start(struct rte_eth_dev *dev);

/**
 * dev_stop: whether MSI-X must stay enabled because IV entries may live in
 * the MSI-X table (they are cleared after stop, at unbind time).
 */
bool virtio_tph_msix_kept(const struct rte_eth_dev *dev);

/** dev_close: give the vectors back and forget the port's TPH state. */
void virtio_tph_dev_close(struct rte_eth_dev *dev);

#else /* DPDK built without lib/tph: the port never uses TPH. */

static inline void
virtio_tph_dev_start(__rte_unused struct rte_eth_dev *dev)
{
}

static inline bool
virtio_tph_msix_kept(__rte_unused const struct rte_eth_dev *dev)
{
	return false;
}

static inline void
virtio_tph_dev_close(__rte_unused struct rte_eth_dev *dev)
{
}

#endif /* RTE_LIB_TPH */

#endif /* VIRTIO_TPH_H */
