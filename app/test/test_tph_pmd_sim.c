/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/* Fake ethdev ports for the PMD TPH tests. */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_ethdev_tph.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_tph.h>

#include "test.h"
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

int
tph_sim_pmd_suite_setup(unsigned int *main_lcore, unsigned int *main_cpu)
{
	*main_lcore = rte_lcore_id();
	TEST_ASSERT_SUCCESS(tph_sim_pin_main_lcore(main_cpu),
		"cannot pin the main lcore to one CPU");
	return TEST_SUCCESS;
}

int
tph_sim_pmd_setup(const struct tph_sim_pmd *pmd, struct tph_sim_dev *sim,
		void *dev_private, struct rte_eth_dev **port)
{
	char name[RTE_ETH_NAME_MAX_LEN];

	snprintf(name, sizeof(name), "%s_sim", pmd->name);
	TEST_ASSERT_SUCCESS(tph_sim_register(sim, name, pmd->modes,
		pmd->st_location, pmd->st_table_size),
		"cannot register the simulated device");
	snprintf(name, sizeof(name), "%s_port", pmd->name);
	*port = tph_sim_port_create(name, sim->device, pmd->ops, dev_private,
		pmd->nb_queues, pmd->nb_queues);
	TEST_ASSERT_NOT_NULL(*port, "cannot allocate a port");
	TEST_ASSERT_SUCCESS(rte_tph_enable(sim->device, pmd->mode),
		"cannot enable %s mode", rte_tph_mode_name(pmd->mode));
	tph_sim_clear_calls(sim);
	return TEST_SUCCESS;
}

void
tph_sim_pmd_teardown(const struct tph_sim_pmd *pmd, struct tph_sim_dev *sim,
		struct rte_eth_dev **port)
{
	if (*port != NULL) {
		pmd->dev_close(*port);
		tph_sim_port_destroy(*port);
	}
	*port = NULL;
	tph_sim_unregister(sim);
}

void
tph_sim_pmd_ethdev_ops(const struct tph_sim_pmd *pmd, struct rte_eth_dev *port,
		struct eth_dev_ops *ops, eth_dev_start_t dev_start,
		eth_dev_close_t dev_close)
{
	*ops = *pmd->ops;
	tph_sim_port_ops_fill(ops);
	ops->dev_start = dev_start;
	ops->dev_close = dev_close;
	port->dev_ops = ops;
}

int
tph_sim_pmd_ethdev_mode(struct tph_sim_dev *sim, struct rte_eth_dev *port,
		enum rte_tph_mode mode)
{
	TEST_ASSERT_SUCCESS(rte_tph_disable(sim->device), "disable");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port->data->port_id, mode),
		"mode %s", rte_tph_mode_name(mode));
	tph_sim_clear_calls(sim);
	return TEST_SUCCESS;
}

int
tph_sim_pmd_ethdev_close(struct tph_sim_dev *sim, struct rte_eth_dev **port)
{
	uint16_t port_id = (*port)->data->port_id;

	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port_id), "stop");
	tph_sim_clear_calls(sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_close(port_id), "close");
	*port = NULL; /* released by the close */
	return TEST_SUCCESS;
}

int
tph_sim_pmd_bind1(const struct tph_sim_pmd *pmd, struct rte_eth_dev *port,
		enum rte_eth_tph_queue_dir dir, uint16_t q, unsigned int lcore_id,
		enum rte_tph_mem_type mem_type)
{
	const struct rte_eth_tph_queue_binding b = {
		.dir = dir, .queue_id = q, .lcore_id = lcore_id,
		.mem_type = mem_type,
	};

	return pmd->ops->tph_queues_bind(port, &b, 1);
}

int
tph_sim_pmd_unbind1(const struct tph_sim_pmd *pmd, struct rte_eth_dev *port,
		enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	const struct rte_eth_tph_queue_ref r = { .dir = dir, .queue_id = q };

	return pmd->ops->tph_queues_unbind(port, &r, 1);
}

int
tph_sim_check_left_off(const struct tph_sim_dev *sim)
{
	TEST_ASSERT_EQUAL(sim->hw_mode, RTE_TPH_MODE_OFF, "device left on");
	TEST_ASSERT_EQUAL(sim->violations, 0u,
		"requests the kernel would refuse");
	return TEST_SUCCESS;
}

void
tph_sim_all_bindings(struct rte_eth_tph_queue_binding *b, uint16_t nb_q,
		unsigned int lcore_id)
{
	unsigned int i;

	for (i = 0; i < 2u * nb_q; i++) {
		b[i].dir = i < nb_q ? RTE_ETH_TPH_QUEUE_RX : RTE_ETH_TPH_QUEUE_TX;
		b[i].queue_id = i % nb_q;
		b[i].lcore_id = lcore_id;
		b[i].mem_type = RTE_TPH_MEM_VOLATILE;
	}
}

uint64_t
tph_sim_ctx_bits(const uint8_t *ctx, unsigned int lsb, unsigned int width)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < width; i++)
		if (ctx[(lsb + i) / 8] & (1u << ((lsb + i) % 8)))
			v |= UINT64_C(1) << i;
	return v;
}

