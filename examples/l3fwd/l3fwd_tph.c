/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Steering l3fwd's queues with PCIe TPH, written to be copied.
 *
 * A TPH-capable NIC can tag the DMA writes of each queue so that the
 * platform puts them in the cache of one CPU. Only the application knows
 * which lcore, hence which CPU, reads a queue; it tells ethdev once per
 * port, with one rte_eth_dev_tph_queues_bind() call made before the port
 * is started. rte_eth_dev_start() then programs the whole batch with one
 * request to the device and, should the device refuse it (an lcore whose
 * CPU has no steering tag), binds the queues one at a time so that only
 * the faulty ones stay unsteered. TPH never stops a port from forwarding.
 */

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_ethdev_tph.h>
#include <rte_lcore.h>

#include "l3fwd.h"
#include "l3fwd_tph.h"

/* Enough for every Rx and every Tx queue of a port. */
#define TPH_MAX_BINDINGS (2 * RTE_MAX_QUEUES_PER_PORT)

/* Built on the main lcore only, one port at a time. */
static struct rte_eth_tph_queue_binding tph_bindings[TPH_MAX_BINDINGS];
/* Why l3fwd_tph_bind_port() could not steer a port, for the report. */
static int tph_bind_err[RTE_MAX_ETHPORTS];

/* --tph-mode; rte_eal.h defines its values to be those of rte_tph_mode. */
static enum rte_tph_mode
tph_mode_requested(void)
{
	return (enum rte_tph_mode)rte_eal_tph_mode();
}

static bool
lcore_sends_on(const struct lcore_conf *qconf, uint16_t portid)
{
	uint16_t i;

	for (i = 0; i < qconf->n_tx_port; i++)
		if (qconf->tx_port_id[i] == portid)
			return true;
	return false;
}

static void
tph_binding_add(uint16_t *n, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, unsigned int lcore_id)
{
	if (*n == TPH_MAX_BINDINGS)
		return;
	tph_bindings[(*n)++] = (struct rte_eth_tph_queue_binding){
		.dir = dir,
		.queue_id = queue_id,
		.lcore_id = lcore_id,
		.mem_type = RTE_TPH_MEM_VOLATILE,
	};
}

/* Each queue of a port with the lcore using it. 8< */

/*
 * Fill tph_bindings with the queues of @p portid and the lcore using each:
 * the Rx queues of --config with their polling lcore, and the Tx queue
 * l3fwd gives every lcore on every port. Returns their number.
 */
static uint16_t
tph_port_bindings(uint16_t portid)
{
	const struct lcore_conf *qconf;
	unsigned int lcore_id;
	uint16_t i, n = 0;

	RTE_LCORE_FOREACH(lcore_id) {
		qconf = &lcore_conf[lcore_id];
		for (i = 0; i < qconf->n_rx_queue; i++)
			if (qconf->rx_queue_list[i].port_id == portid)
				tph_binding_add(&n, RTE_ETH_TPH_QUEUE_RX,
					qconf->rx_queue_list[i].queue_id,
					lcore_id);
		if (lcore_sends_on(qconf, portid))
			tph_binding_add(&n, RTE_ETH_TPH_QUEUE_TX,
				qconf->tx_queue_id[portid], lcore_id);
	}
	return n;
}
/* >8 End of each queue of a port with the lcore using it. */

/* Bind a port's queues before starting it. 8< */
void
l3fwd_tph_bind_port(uint16_t portid)
{
	enum rte_tph_mode mode = tph_mode_requested();
	uint16_t n;
	int ret;

	if (mode == RTE_TPH_MODE_OFF)
		return;
	n = tph_port_bindings(portid);
	if (n == 0)
		return;
	ret = rte_eth_dev_tph_mode_set(portid, mode);
	if (ret == 0) {
		/* Recorded now, programmed by rte_eth_dev_start(). */
		ret = rte_eth_dev_tph_queues_bind(portid, tph_bindings, n);
		if (ret != 0)
			rte_eth_dev_tph_mode_set(portid, RTE_TPH_MODE_OFF);
	}
	tph_bind_err[portid] = ret;
}
/* >8 End of binding a port's queues before starting it. */

static const char *
tph_dir_name(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq";
}

/* What the device accepted. 8< */

/* Print the queues whose binding the device accepted (or refused). */
static uint16_t
tph_print_queues(uint16_t portid, uint16_t n, bool accepted)
{
	const struct rte_eth_tph_queue_binding *b;
	struct rte_eth_tph_queue_info info;
	uint16_t i, count = 0;

	for (i = 0; i < n; i++) {
		b = &tph_bindings[i];
		if (rte_eth_dev_tph_queue_info_get(portid, b->queue_id,
				b->dir, &info) != 0 ||
				(info.bound && info.applied) != accepted)
			continue;
		printf("%s %s %u lcore %u", count == 0 ? "" : ",",
			tph_dir_name(b->dir), b->queue_id, b->lcore_id);
		if (!accepted)
			printf(" (%s)", info.bind_failed ?
				strerror(-info.bind_err) : "not programmed");
		else if (info.st_index_valid)
			printf(" CPU %u ST index %u", info.cpu, info.st_index);
		else if (info.st_valid)
			printf(" CPU %u tag 0x%x", info.cpu, info.st);
		count++;
	}
	return count;
}

void
l3fwd_tph_report_port(uint16_t portid)
{
	enum rte_tph_mode mode = tph_mode_requested();
	uint16_t n, bound;

	if (mode == RTE_TPH_MODE_OFF)
		return;
	n = tph_port_bindings(portid);
	if (n == 0)
		return;
	if (tph_bind_err[portid] != 0) {
		printf("Port %u TPH %s mode: not enabled, %u queues unsteered: %s\n",
			portid, rte_tph_mode_name(mode), n,
			strerror(-tph_bind_err[portid]));
		return;
	}
	printf("Port %u TPH %s mode: bound:", portid,
		rte_tph_mode_name(mode));
	bound = tph_print_queues(portid, n, true);
	printf("%s; refused:", bound == 0 ? " none" : "");
	if (tph_print_queues(portid, n, false) == 0)
		printf(" none");
	printf("; %u of %u queues steered\n", bound, n);
}
/* >8 End of what the device accepted. */
