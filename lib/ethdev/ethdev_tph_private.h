/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef ETHDEV_TPH_PRIVATE_H
#define ETHDEV_TPH_PRIVATE_H

/*
 * Hooks through which the ethdev port life cycle keeps the TPH state of
 * ethdev_tph.c in step: every one is cheap when the port never used TPH.
 */

#include <stdint.h>

#include "rte_ethdev_tph.h"

struct rte_eth_dev;

/*
 * Before the PMD's dev_start, for a PMD that writes a queue's tag only
 * when the queue starts (RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START): program
 * every recorded binding on the stopped port (one request to the PMD,
 * then one per queue if it refuses the batch), so that its dev_start
 * writes them. Never fails.
 */
void eth_dev_tph_pre_start(struct rte_eth_dev *dev);

/*
 * After the PMD started the port: apply the EAL --tph-mode default the
 * first time, then program every recorded binding (one request to the
 * PMD), unless eth_dev_tph_pre_start() did. Never fails.
 */
void eth_dev_tph_start(struct rte_eth_dev *dev);

/*
 * Before the queue counts change (dev_configure): remove the bindings of
 * the queues at or above the new counts, with one request to the PMD.
 */
void eth_dev_tph_queues_config(struct rte_eth_dev *dev, uint16_t nb_rx,
		uint16_t nb_tx);

/* Before the PMD releases a queue: remove its binding. */
void eth_dev_tph_queue_release(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id);

/* Before the PMD closes the port: remove all bindings, disable TPH. */
void eth_dev_tph_close(struct rte_eth_dev *dev);

/*
 * Before the PMD resets the port (rte_eth_dev_reset(), port stopped):
 * remove all bindings, disable TPH in the PMD and the device, and give the
 * port the TPH state of a newly probed one (mode off, --tph-mode applied
 * again at its next start). The PMD's reset would otherwise drop its TPH
 * programming behind ethdev's and lib/tph's back.
 */
void eth_dev_tph_reset(struct rte_eth_dev *dev);

/* When the port is released: forget its state without touching the device. */
void eth_dev_tph_release(struct rte_eth_dev *dev);

#endif /* ETHDEV_TPH_PRIVATE_H */
