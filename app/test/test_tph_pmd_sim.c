/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/* Fake ethdev ports for the PMD TPH tests. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_malloc.h>

#include "test_tph_pmd_sim.h"

/* What the fake ports' queue arrays point at: set up, never used. */
static char tph_sim_queue_marker;

struct rte_eth_dev *
tph_sim_port_create(const char *name, struct rte_device *device,
		const struct eth_dev_ops *ops, void *dev_private, uint16_t nb_rx,
		uint16_t nb_tx)
{
	struct rte_eth_dev *eth_dev;
	uint16_t q;

	eth_dev = rte_eth_dev_allocate(name);
	if (eth_dev == NULL)
		return NULL;
	eth_dev->device = device;
	eth_dev->dev_ops = ops;
	eth_dev->data->dev_private = dev_private;
	eth_dev->data->rx_queues = rte_zmalloc(NULL,
		sizeof(void *) * RTE_MAX(nb_rx, (uint16_t)1), 0);
	eth_dev->data->tx_queues = rte_zmalloc(NULL,
		sizeof(void *) * RTE_MAX(nb_tx, (uint16_t)1), 0);
	if (eth_dev->data->rx_queues == NULL ||
			eth_dev->data->tx_queues == NULL) {
		tph_sim_port_destroy(eth_dev);
		return NULL;
	}
	for (q = 0; q < nb_rx; q++)
		eth_dev->data->rx_queues[q] = &tph_sim_queue_marker;
	for (q = 0; q < nb_tx; q++)
		eth_dev->data->tx_queues[q] = &tph_sim_queue_marker;
	eth_dev->data->nb_rx_queues = nb_rx;
	eth_dev->data->nb_tx_queues = nb_tx;
	/* Started ports replay their MAC address: give them one. */
	eth_dev->data->mac_addrs = rte_zmalloc(NULL,
		sizeof(*eth_dev->data->mac_addrs), 0);
	if (eth_dev->data->mac_addrs == NULL) {
		tph_sim_port_destroy(eth_dev);
		return NULL;
	}
	eth_dev->data->dev_configured = 1;
	rte_eth_dev_probing_finish(eth_dev);
	return eth_dev;
}

static int
tph_sim_dev_infos_get(struct rte_eth_dev *eth_dev,
		struct rte_eth_dev_info *info)
{
	info->max_rx_queues = eth_dev->data->nb_rx_queues;
	info->max_tx_queues = eth_dev->data->nb_tx_queues;
	info->max_mac_addrs = 1;
	return 0;
}

static int
tph_sim_dev_stop(__rte_unused struct rte_eth_dev *eth_dev)
{
	return 0;
}

static int
tph_sim_link_update(__rte_unused struct rte_eth_dev *eth_dev,
		__rte_unused int wait)
{
	return 0;
}

void
tph_sim_port_ops_fill(struct eth_dev_ops *ops)
{
	ops->dev_infos_get = tph_sim_dev_infos_get;
	ops->dev_stop = tph_sim_dev_stop;
	ops->link_update = tph_sim_link_update;
}

void
tph_sim_port_forget_private(struct rte_eth_dev *eth_dev)
{
	eth_dev->data->dev_private = NULL;
}

void
tph_sim_port_destroy(struct rte_eth_dev *eth_dev)
{
	/* Not from rte_malloc: ethdev must not free it. */
	eth_dev->data->dev_private = NULL;
	eth_dev->data->dev_started = 0;
	eth_dev->data->nb_rx_queues = 0;
	eth_dev->data->nb_tx_queues = 0;
	rte_eth_dev_release_port(eth_dev);
}
