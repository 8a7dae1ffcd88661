/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * A TPH-capable port for testpmd, without hardware: the vdev driver
 * net_tph_sim, loaded with EAL -d into a primary and a secondary testpmd
 * (tests/mp/tph-testpmd-secondary.sh). Its port moves no packets; its
 * device has an Interrupt Vector mode ST table of ST_TABLE_SIZE entries
 * (MSI-X table), and its PMD maps queue q of direction d to entry
 * 1 + d * NB_Q + q, as net/virtio maps queues to their vectors.
 *
 * Each process does what a bus and a PMD do there: the primary registers
 * the device with lib/tph (the backend below stands for the kernel) and
 * creates the port; a secondary attaches to both.
 */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>
#include <rte_eal.h>
#include <rte_ethdev_tph.h>
#include <rte_malloc.h>
#include <rte_tph_driver.h>

#define NB_Q 2
#define ST_TABLE_SIZE 8

/*
 * The device's TPH requester, in the primary: the backend is only ever
 * called there (lib/tph refuses changes in a secondary).
 */
static const struct rte_tph_cap sim_cap = {
	.modes = RTE_TPH_CAP_MODE_IV,
	.st_location = RTE_TPH_ST_LOC_MSIX,
	.st_table_size = ST_TABLE_SIZE,
	.extended = false,
};

static int
sim_cap_get(__rte_unused struct rte_device *dev, struct rte_tph_cap *cap)
{
	*cap = sim_cap;
	return 0;
}

static int
sim_enable(__rte_unused struct rte_device *dev, enum rte_tph_mode mode)
{
	return mode == RTE_TPH_MODE_IV ? 0 : -EINVAL;
}

static int
sim_disable(__rte_unused struct rte_device *dev)
{
	return 0;
}

static int
sim_get_st(__rte_unused struct rte_device *dev,
		__rte_unused struct rte_tph_hw_entry *ents,
		__rte_unused unsigned int n)
{
	return -EOPNOTSUPP; /* no Device Specific mode */
}

static int
sim_set_st(__rte_unused struct rte_device *dev,
		__rte_unused const struct rte_tph_hw_entry *ents,
		__rte_unused unsigned int n)
{
	return 0;
}

static const struct rte_tph_dev_ops sim_tph_ops = {
	.cap_get = sim_cap_get,
	.enable = sim_enable,
	.disable = sim_disable,
	.get_st = sim_get_st,
	.set_st = sim_set_st,
};

/* The PMD. */
static uint16_t
sim_st_index(enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	return 1 + dir * NB_Q + queue_id;
}

static int
sim_tph_caps_get(__rte_unused struct rte_eth_dev *dev, uint32_t *modes)
{
	*modes = RTE_TPH_CAP_MODE_IV;
	return 0;
}

static int
sim_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *b, uint16_t n)
{
	struct rte_tph_st_entry e[2 * NB_Q];
	uint16_t i;

	if (n > RTE_DIM(e))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		e[i].index = sim_st_index(b[i].dir, b[i].queue_id);
		e[i].lcore_id = b[i].lcore_id;
		e[i].mem_type = b[i].mem_type;
	}
	return rte_tph_owner_set_st(dev->device, e, n);
}

static int
sim_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *r, uint16_t n)
{
	uint16_t idx[2 * NB_Q];
	uint16_t i;

	if (n > RTE_DIM(idx))
		return -EINVAL;
	for (i = 0; i < n; i++)
		idx[i] = sim_st_index(r[i].dir, r[i].queue_id);
	return rte_tph_owner_clear_st(dev->device, idx, n);
}

static int
sim_tph_queue_info_get(__rte_unused struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info)
{
	info->st_index_valid = true;
	info->st_index = sim_st_index(dir, queue_id);
	return 0;
}

static int
sim_dev_configure(__rte_unused struct rte_eth_dev *dev)
{
	return 0;
}

static int
sim_dev_infos_get(__rte_unused struct rte_eth_dev *dev,
		struct rte_eth_dev_info *info)
{
	info->max_rx_queues = NB_Q;
	info->max_tx_queues = NB_Q;
	info->max_mac_addrs = 1;
	info->max_rx_pktlen = RTE_ETHER_MAX_LEN;
	info->min_rx_bufsize = 0;
	return 0;
}

/* Any non-NULL pointer marks a queue as set up; the port moves nothing. */
static uint8_t sim_queue_token[2][NB_Q];

static int
sim_rx_queue_setup(struct rte_eth_dev *dev, uint16_t q,
		__rte_unused uint16_t nb_desc, __rte_unused unsigned int socket,
		__rte_unused const struct rte_eth_rxconf *conf,
		__rte_unused struct rte_mempool *mp)
{
	dev->data->rx_queues[q] = &sim_queue_token[0][q];
	return 0;
}

static int
sim_tx_queue_setup(struct rte_eth_dev *dev, uint16_t q,
		__rte_unused uint16_t nb_desc, __rte_unused unsigned int socket,
		__rte_unused const struct rte_eth_txconf *conf)
{
	dev->data->tx_queues[q] = &sim_queue_token[1][q];
	return 0;
}

static void
sim_queue_release(__rte_unused struct rte_eth_dev *dev,
		__rte_unused uint16_t q)
{
}

static int
sim_dev_start(struct rte_eth_dev *dev)
{
	dev->data->dev_link.link_status = RTE_ETH_LINK_UP;
	return 0;
}

static int
sim_dev_stop(struct rte_eth_dev *dev)
{
	dev->data->dev_link.link_status = RTE_ETH_LINK_DOWN;
	return 0;
}

static int
sim_dev_close(__rte_unused struct rte_eth_dev *dev)
{
	return 0;
}

static int
sim_link_update(__rte_unused struct rte_eth_dev *dev,
		__rte_unused int wait)
{
	return 0;
}

static int
sim_stats_get(__rte_unused struct rte_eth_dev *dev,
		struct rte_eth_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	return 0;
}

static int
sim_promiscuous(__rte_unused struct rte_eth_dev *dev)
{
	return 0;
}

static const struct eth_dev_ops sim_ops = {
	.dev_configure = sim_dev_configure,
	.dev_infos_get = sim_dev_infos_get,
	.dev_start = sim_dev_start,
	.dev_stop = sim_dev_stop,
	.dev_close = sim_dev_close,
	.link_update = sim_link_update,
	.stats_get = sim_stats_get,
	.promiscuous_enable = sim_promiscuous,
	.promiscuous_disable = sim_promiscuous,
	.rx_queue_setup = sim_rx_queue_setup,
	.tx_queue_setup = sim_tx_queue_setup,
	.rx_queue_release = sim_queue_release,
	.tx_queue_release = sim_queue_release,
	.tph_caps_get = sim_tph_caps_get,
	.tph_queues_bind = sim_tph_queues_bind,
	.tph_queues_unbind = sim_tph_queues_unbind,
	.tph_queue_info_get = sim_tph_queue_info_get,
};

static uint16_t
sim_burst(__rte_unused void *queue, __rte_unused struct rte_mbuf **pkts,
		__rte_unused uint16_t n)
{
	return 0;
}

static int
sim_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct rte_ether_addr *mac;
	struct rte_eth_dev *dev;
	int ret;

	/* lib/tph first, as the bus registers a device before its PMD probes. */
	ret = rte_tph_dev_register(&vdev->device, &sim_tph_ops);
	if (ret != 0)
		return ret;
	if (rte_eal_process_type() == RTE_PROC_SECONDARY) {
		dev = rte_eth_dev_attach_secondary(name);
		if (dev == NULL)
			goto fail;
	} else {
		mac = rte_zmalloc(name, sizeof(*mac), 0);
		dev = mac == NULL ? NULL : rte_eth_dev_allocate(name);
		if (dev == NULL) {
			rte_free(mac);
			goto fail;
		}
		mac->addr_bytes[0] = 0x02; /* locally administered */
		mac->addr_bytes[5] = 0x01;
		dev->data->mac_addrs = mac;
	}
	dev->device = &vdev->device;
	dev->dev_ops = &sim_ops;
	dev->rx_pkt_burst = sim_burst;
	dev->tx_pkt_burst = sim_burst;
	rte_eth_dev_probing_finish(dev);
	return 0;
fail:
	rte_tph_dev_unregister(&vdev->device);
	return -ENOMEM;
}

static int
sim_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = rte_eth_dev_allocated(rte_vdev_device_name(vdev));

	if (dev != NULL) {
		if (rte_eal_process_type() == RTE_PROC_PRIMARY)
			rte_eth_dev_close(dev->data->port_id);
		else
			rte_eth_dev_release_port(dev);
	}
	/* ethdev turned TPH off at the close; this forgets the device. */
	rte_tph_dev_unregister(&vdev->device);
	return 0;
}

static struct rte_vdev_driver sim_driver = {
	.probe = sim_probe,
	.remove = sim_remove,
};

RTE_PMD_REGISTER_VDEV(net_tph_sim, sim_driver);
