/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/* Simulated TPH device and fake ethdev ports for the PMD TPH tests. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "test_tph_pmd_sim.h"

static rte_cpuset_t tph_sim_saved_affinity;
static bool tph_sim_pinned;

/* ethdev reports the driver name of a port: the device needs one. */
static const struct rte_driver tph_sim_driver = {
	.name = "tph_sim",
};

static struct tph_sim_dev *
tph_sim_of(struct rte_device *dev)
{
	return container_of(dev, struct tph_sim_dev, dev);
}

static int
tph_sim_cap_get(struct rte_device *dev, struct rte_tph_cap *cap)
{
	*cap = tph_sim_of(dev)->cap;
	return 0;
}

static int
tph_sim_enable(struct rte_device *dev, enum rte_tph_mode mode)
{
	struct tph_sim_dev *s = tph_sim_of(dev);

	s->nb_enable++;
	s->hw_mode = mode;
	return 0;
}

static int
tph_sim_disable(struct rte_device *dev)
{
	struct tph_sim_dev *s = tph_sim_of(dev);

	s->nb_disable++;
	s->hw_mode = RTE_TPH_MODE_OFF;
	return 0;
}

static int
tph_sim_get_st(struct rte_device *dev, struct rte_tph_hw_entry *ents,
		unsigned int n)
{
	struct tph_sim_dev *s = tph_sim_of(dev);
	unsigned int i;

	s->nb_get_st++;
	s->last_get_n = n;
	if (n == 0 || n > TPH_SIM_TABLE_MAX || s->hw_mode != RTE_TPH_MODE_DS) {
		s->violations++;
		return -EINVAL;
	}
	memcpy(s->last_get, ents, n * sizeof(*ents));
	if (s->fail_get_st != 0)
		return s->fail_get_st;
	for (i = 0; i < n; i++)
		ents[i].st = s->forced_tag != 0 ? s->forced_tag :
			TPH_SIM_TAG(ents[i].cpu, ents[i].mem_type);
	return 0;
}

static int
tph_sim_set_st(struct rte_device *dev, const struct rte_tph_hw_entry *ents,
		unsigned int n)
{
	struct tph_sim_dev *s = tph_sim_of(dev);
	unsigned int i;

	s->nb_set_st++;
	s->last_set_n = n;
	if (n == 0 || n > s->cap.st_table_size || n > TPH_SIM_TABLE_MAX ||
			s->hw_mode != RTE_TPH_MODE_IV) {
		s->violations++;
		return -EINVAL;
	}
	memcpy(s->last_set, ents, n * sizeof(*ents));
	for (i = 0; i < n; i++) {
		if (ents[i].index >= s->cap.st_table_size) {
			s->violations++;
			return -EINVAL;
		}
	}
	if (s->fail_set_st != 0)
		return s->fail_set_st;
	for (i = 0; i < n; i++) {
		s->hw_cpu[ents[i].index] = ents[i].cpu;
		s->hw_mem[ents[i].index] = ents[i].mem_type;
	}
	return 0;
}

static const struct rte_tph_dev_ops tph_sim_ops = {
	.cap_get = tph_sim_cap_get,
	.enable = tph_sim_enable,
	.disable = tph_sim_disable,
	.get_st = tph_sim_get_st,
	.set_st = tph_sim_set_st,
};

int
tph_sim_register(struct tph_sim_dev *s, const char *name, uint32_t modes,
		enum rte_tph_st_location loc, uint16_t table_size)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->dev.name = s->name;
	s->dev.driver = &tph_sim_driver;
	s->cap.modes = modes;
	s->cap.st_location = loc;
	s->cap.st_table_size = table_size;
	for (i = 0; i < TPH_SIM_TABLE_MAX; i++)
		s->hw_cpu[i] = RTE_TPH_CPU_CLEAR;
	return rte_tph_dev_register(&s->dev, &tph_sim_ops);
}

void
tph_sim_unregister(struct tph_sim_dev *s)
{
	s->fail_get_st = s->fail_set_st = 0;
	rte_tph_dev_unregister(&s->dev);
}

void
tph_sim_clear_calls(struct tph_sim_dev *s)
{
	s->nb_enable = s->nb_disable = s->nb_get_st = s->nb_set_st = 0;
	s->last_get_n = s->last_set_n = 0;
	memset(s->last_get, 0, sizeof(s->last_get));
	memset(s->last_set, 0, sizeof(s->last_set));
}

int
tph_sim_pin_main_lcore(unsigned int *cpu)
{
	rte_cpuset_t one;
	unsigned int c;

	tph_sim_saved_affinity = rte_lcore_cpuset(rte_lcore_id());
	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &tph_sim_saved_affinity))
			break;
	if (c == CPU_SETSIZE)
		return -ENOENT;
	CPU_ZERO(&one);
	CPU_SET(c, &one);
	if (rte_thread_set_affinity(&one) != 0)
		return -EINVAL;
	tph_sim_pinned = true;
	*cpu = c;
	return 0;
}

void
tph_sim_unpin_main_lcore(void)
{
	if (tph_sim_pinned)
		rte_thread_set_affinity(&tph_sim_saved_affinity);
	tph_sim_pinned = false;
}

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
