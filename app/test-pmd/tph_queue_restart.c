/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ethdev_tph.h>

#include "tph_queue_restart.h"

#define TPH_NB_DIRS 2

static const char *
tph_dir_name(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq";
}

/*
 * The queues of both directions whose tag is pending, into @p pending
 * (nb_rxq + nb_txq entries at least); returns how many.
 */
static uint16_t
tph_queues_pending(uint16_t port_id, uint16_t nb_rxq, uint16_t nb_txq,
		struct rte_eth_tph_queue_ref *pending)
{
	struct rte_eth_tph_queue_info qi;
	uint16_t nb, q, n = 0;
	int dir;

	for (dir = 0; dir < TPH_NB_DIRS; dir++) {
		nb = dir == RTE_ETH_TPH_QUEUE_RX ? nb_rxq : nb_txq;
		for (q = 0; q < nb; q++) {
			if (rte_eth_dev_tph_queue_info_get(port_id, q, dir,
					&qi) != 0 || !qi.pending)
				continue;
			if (pending != NULL) {
				pending[n].dir = dir;
				pending[n].queue_id = q;
			}
			n++;
		}
	}
	return n;
}

/* Restart one queue through ethdev; 0, or says why and the queue's state. */
static int
tph_queue_restart(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t q, FILE *err)
{
	bool rx = dir == RTE_ETH_TPH_QUEUE_RX;
	int ret;

	ret = rx ? rte_eth_dev_rx_queue_stop(port_id, q) :
		rte_eth_dev_tx_queue_stop(port_id, q);
	if (ret != 0) {
		fprintf(err, "Port %u %s %u: not restarted, its TPH tag stays pending: stop failed: %s\n",
			port_id, tph_dir_name(dir), q, rte_strerror(-ret));
		return ret;
	}
	ret = rx ? rte_eth_dev_rx_queue_start(port_id, q) :
		rte_eth_dev_tx_queue_start(port_id, q);
	if (ret != 0)
		fprintf(err, "Port %u %s %u: restart to load its TPH tag failed: %s; the queue is STOPPED (port %u %s %u start)\n",
			port_id, tph_dir_name(dir), q, rte_strerror(-ret),
			port_id, tph_dir_name(dir), q);
	return ret;
}

int
tph_queues_restart_pending(uint16_t port_id, uint16_t nb_rxq, uint16_t nb_txq,
		FILE *out, FILE *err)
{
	struct rte_eth_tph_queue_ref *pending;
	char list[128];
	uint16_t n, i, done = 0;
	size_t len = 0;

	pending = calloc((size_t)nb_rxq + nb_txq + 1, sizeof(*pending));
	if (pending == NULL) {
		fprintf(err, "Port %u: no memory to restart the queues with pending TPH tags\n",
			port_id);
		return -ENOMEM;
	}
	n = tph_queues_pending(port_id, nb_rxq, nb_txq, pending);
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		if (tph_queue_restart(port_id, pending[i].dir,
				pending[i].queue_id, err) != 0)
			continue;
		done++;
		if (len < sizeof(list))
			len += snprintf(list + len, sizeof(list) - len, " %s %u",
				tph_dir_name(pending[i].dir),
				pending[i].queue_id);
	}
	if (done > 0)
		fprintf(out, "Port %u: TPH: restarted%s%s to load %s tag%s\n",
			port_id, list, len >= sizeof(list) ? " ..." : "",
			done == 1 ? "its" : "their", done == 1 ? "" : "s");
	free(pending);
	return n - done;
}

unsigned int
tph_queues_pending_warn(uint16_t port_id, uint16_t nb_rxq, uint16_t nb_txq,
		FILE *out)
{
	unsigned int n = tph_queues_pending(port_id, nb_rxq, nb_txq, NULL);

	if (n > 0)
		fprintf(out, "Port %u: TPH: %u queue%s pending: %s restarted at the next start\n",
			port_id, n, n == 1 ? "" : "s",
			n == 1 ? "it is" : "they are");
	return n;
}
