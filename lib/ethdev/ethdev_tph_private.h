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
 * After the PMD started the port: apply the EAL --tph-mode default the
 * first time, then program every recorded binding (one request to the
 * PMD). Never fails.
 */
void eth_dev_tph_start(struct rte_eth_dev *dev);

/*
 * From the dev_start of a PMD that loads tags at queue start
 * (rte_eth_tph_qctx_dev_start()), before it writes its queue contexts:
 * program every recorded binding now, as eth_dev_tph_start() would after
 * the start, which then does not program them again. Never fails.
 */
void eth_dev_tph_program_at_start(struct rte_eth_dev *dev);

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
