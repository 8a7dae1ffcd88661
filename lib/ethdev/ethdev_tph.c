/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Per-port TPH mode and per-queue lcore bindings (rte_ethdev_tph.h).
 *
 * ethdev owns the bindings so that they outlive the PMD's queue
 * programming: they are recorded here, handed to the PMD (eth_dev_ops
 * tph_*) when the port runs, programmed again at every start, and dropped
 * when their queue goes away. lib/tph owns the device-wide state (enable,
 * disable, ST table); the PMD maps a queue to an ST index or a register.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_tph.h>

#include "ethdev_driver.h"
#include "ethdev_tph_private.h"
#include "rte_ethdev_tph.h"

#define ETH_TPH_NB_DIRS 2

struct eth_tph_binding {
	bool bound;
	/* The PMD holds a tag for the queue: kept across stop, cleared by unbind. */
	bool applied;
	unsigned int lcore_id;
	enum rte_tph_mem_type mem_type;
};

struct eth_tph_port {
	enum rte_tph_mode mode;
	/* The application chose the mode: --tph-mode no longer applies. */
	bool mode_set_by_app;
	/* --tph-mode was considered at a start (its log line is printed once). */
	bool eal_default_done;
	/* RTE_MAX_QUEUES_PER_PORT entries per direction, allocated on first use. */
	struct eth_tph_binding *queues[ETH_TPH_NB_DIRS];
};

static struct eth_tph_port eth_tph_ports[RTE_MAX_ETHPORTS];

static struct eth_tph_port *
eth_tph_port_of(const struct rte_eth_dev *dev)
{
	return &eth_tph_ports[dev - rte_eth_devices];
}

static uint16_t
eth_tph_port_id(const struct rte_eth_dev *dev)
{
	return (uint16_t)(dev - rte_eth_devices);
}

static const char *
eth_tph_dir_name(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq";
}

static uint32_t
eth_tph_mode_flag(enum rte_tph_mode mode)
{
	switch (mode) {
	case RTE_TPH_MODE_IV:
		return RTE_TPH_CAP_MODE_IV;
	case RTE_TPH_MODE_DS:
		return RTE_TPH_CAP_MODE_DS;
	default:
		return 0;
	}
}

static bool
eth_tph_pmd_capable(const struct rte_eth_dev *dev)
{
	const struct eth_dev_ops *ops = dev->dev_ops;

	return ops != NULL && ops->tph_caps_get != NULL &&
		ops->tph_queue_bind != NULL && ops->tph_queue_unbind != NULL;
}

static const char *
eth_tph_driver_name(const struct rte_eth_dev *dev)
{
	if (dev->device != NULL && dev->device->driver != NULL)
		return dev->device->driver->name;
	return "unknown";
}

static void
eth_tph_capa_fill(struct rte_eth_dev *dev, struct rte_eth_tph_capa *capa)
{
	uint32_t modes = 0;

	memset(capa, 0, sizeof(*capa));
	capa->dev_err = rte_tph_cap_get(dev->device, &capa->dev_cap);
	if (capa->dev_err == 0)
		capa->dev_modes = capa->dev_cap.modes &
			(RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS);
	else
		memset(&capa->dev_cap, 0, sizeof(capa->dev_cap));
	if (eth_tph_pmd_capable(dev) && dev->dev_ops->tph_caps_get(dev, &modes) == 0)
		capa->pmd_modes = modes & (RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS);
	capa->modes = capa->dev_modes & capa->pmd_modes;
}

/* Why @p mode cannot be used on the port, or NULL if it can. */
static const char *
eth_tph_unusable_reason(const struct rte_eth_dev *dev,
		const struct rte_eth_tph_capa *capa, enum rte_tph_mode mode,
		char *buf, size_t len)
{
	uint32_t flag = eth_tph_mode_flag(mode);

	if (capa->modes & flag)
		return NULL;
	if (capa->dev_err == -ENOTSUP)
		snprintf(buf, len, "no TPH backend for device %s",
			rte_dev_name(dev->device));
	else if (capa->dev_err != 0)
		snprintf(buf, len, "TPH capability of device %s unavailable: %s",
			rte_dev_name(dev->device), strerror(-capa->dev_err));
	else if (capa->dev_modes == 0)
		snprintf(buf, len, "device %s has no usable TPH requester",
			rte_dev_name(dev->device));
	else if (!(capa->dev_modes & flag))
		snprintf(buf, len, "device %s lacks %s mode",
			rte_dev_name(dev->device), rte_tph_mode_name(mode));
	else if (capa->pmd_modes == 0)
		snprintf(buf, len, "PMD %s has no TPH support",
			eth_tph_driver_name(dev));
	else
		snprintf(buf, len, "PMD %s lacks %s mode",
			eth_tph_driver_name(dev), rte_tph_mode_name(mode));
	return buf;
}

static struct eth_tph_binding *
eth_tph_binding_find(struct eth_tph_port *p, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	if (p->queues[dir] == NULL || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return NULL;
	return &p->queues[dir][queue_id];
}

static struct eth_tph_binding *
eth_tph_binding_slot(struct eth_tph_port *p, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	if (p->queues[dir] == NULL) {
		p->queues[dir] = calloc(RTE_MAX_QUEUES_PER_PORT,
				sizeof(*p->queues[dir]));
		if (p->queues[dir] == NULL)
			return NULL;
	}
	return &p->queues[dir][queue_id];
}

static void
eth_tph_port_reset(struct eth_tph_port *p)
{
	unsigned int dir;

	for (dir = 0; dir < ETH_TPH_NB_DIRS; dir++)
		free(p->queues[dir]);
	memset(p, 0, sizeof(*p));
}

static bool
eth_tph_queue_is_setup(const struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	void **queues = dir == RTE_ETH_TPH_QUEUE_RX ?
		dev->data->rx_queues : dev->data->tx_queues;

	return queues != NULL && queues[queue_id] != NULL;
}

/* Ask the PMD to clear the tag of a queue it programmed. */
static void
eth_tph_queue_unprogram(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, struct eth_tph_binding *b)
{
	int ret;

	if (!b->applied)
		return;
	b->applied = false;
	if (!eth_tph_pmd_capable(dev))
		return;
	ret = dev->dev_ops->tph_queue_unbind(dev, dir, queue_id);
	if (ret != 0)
		RTE_ETHDEV_LOG(WARNING,
			"Port %u %s %u: clearing the TPH steering tag failed: %s\n",
			eth_tph_port_id(dev), eth_tph_dir_name(dir), queue_id,
			strerror(-ret));
}

static void
eth_tph_unprogram_all(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	unsigned int dir;
	uint16_t q;

	for (dir = 0; dir < ETH_TPH_NB_DIRS; dir++) {
		if (p->queues[dir] == NULL)
			continue;
		for (q = 0; q < RTE_MAX_QUEUES_PER_PORT; q++)
			eth_tph_queue_unprogram(dev, dir, q, &p->queues[dir][q]);
	}
}

/* Program every binding of a running port; a failure costs only its queue. */
static void
eth_tph_program_all(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	struct eth_tph_binding *b;
	unsigned int dir;
	uint16_t q;
	int ret;

	if (!dev->data->dev_started || p->mode == RTE_TPH_MODE_OFF ||
			!eth_tph_pmd_capable(dev))
		return;
	for (dir = 0; dir < ETH_TPH_NB_DIRS; dir++) {
		if (p->queues[dir] == NULL)
			continue;
		for (q = 0; q < RTE_MAX_QUEUES_PER_PORT; q++) {
			b = &p->queues[dir][q];
			if (!b->bound || !eth_tph_queue_is_setup(dev, dir, q))
				continue;
			ret = dev->dev_ops->tph_queue_bind(dev, dir, q,
					b->lcore_id, b->mem_type);
			if (ret == 0) {
				b->applied = true;
				continue;
			}
			RTE_ETHDEV_LOG(ERR,
				"Port %u %s %u: TPH binding to lcore %u failed: %s\n",
				eth_tph_port_id(dev), eth_tph_dir_name(dir), q,
				b->lcore_id, strerror(-ret));
		}
	}
}

/* Turn TPH off on the device: the PMD first, then lib/tph. */
static int
eth_tph_device_off(struct rte_eth_dev *dev, bool tell_pmd)
{
	int ret = 0;
	int r;

	if (tell_pmd && dev->dev_ops->tph_mode_set != NULL) {
		r = dev->dev_ops->tph_mode_set(dev, RTE_TPH_MODE_OFF);
		if (r != 0)
			ret = r;
	}
	r = rte_tph_disable(dev->device);
	if (r != 0 && ret == 0)
		ret = r;
	return ret;
}

/* Put the device back in @p old after a failed switch (best effort). */
static void
eth_tph_mode_restore(struct rte_eth_dev *dev, enum rte_tph_mode old,
		bool pmd_switched)
{
	int ret;

	if (old == RTE_TPH_MODE_OFF) {
		ret = eth_tph_device_off(dev, pmd_switched);
	} else {
		ret = rte_tph_enable(dev->device, old);
		if (ret == 0 && pmd_switched && dev->dev_ops->tph_mode_set != NULL)
			ret = dev->dev_ops->tph_mode_set(dev, old);
	}
	if (ret != 0)
		RTE_ETHDEV_LOG(ERR, "Port %u: restoring TPH %s mode failed: %s\n",
			eth_tph_port_id(dev), rte_tph_mode_name(old),
			strerror(-ret));
}

/*
 * Switch the mode of a port whose capability allows it. Logs nothing on
 * the main failure: callers say why in their own words.
 */
static int
eth_tph_mode_change(struct rte_eth_dev *dev, struct eth_tph_port *p,
		enum rte_tph_mode mode)
{
	enum rte_tph_mode old = p->mode;
	int ret;

	if (mode == old)
		return 0;
	eth_tph_unprogram_all(dev, p);
	if (mode == RTE_TPH_MODE_OFF) {
		/* Off always wins: the bindings go even if the device objects. */
		ret = eth_tph_device_off(dev, true);
		p->mode = RTE_TPH_MODE_OFF;
		free(p->queues[RTE_ETH_TPH_QUEUE_RX]);
		free(p->queues[RTE_ETH_TPH_QUEUE_TX]);
		p->queues[RTE_ETH_TPH_QUEUE_RX] = NULL;
		p->queues[RTE_ETH_TPH_QUEUE_TX] = NULL;
		return ret;
	}
	ret = rte_tph_enable(dev->device, mode);
	if (ret != 0) {
		eth_tph_mode_restore(dev, old, false);
		eth_tph_program_all(dev, p);
		return ret;
	}
	if (dev->dev_ops->tph_mode_set != NULL) {
		ret = dev->dev_ops->tph_mode_set(dev, mode);
		if (ret != 0) {
			eth_tph_mode_restore(dev, old, true);
			eth_tph_program_all(dev, p);
			return ret;
		}
	}
	p->mode = mode;
	eth_tph_program_all(dev, p);
	return 0;
}

static int
eth_tph_queue_check(const struct rte_eth_dev *dev, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir)
{
	uint16_t nb;

	if (dir != RTE_ETH_TPH_QUEUE_RX && dir != RTE_ETH_TPH_QUEUE_TX) {
		RTE_ETHDEV_LOG(ERR, "Port %u: invalid TPH queue direction %d\n",
			eth_tph_port_id(dev), (int)dir);
		return -EINVAL;
	}
	nb = dir == RTE_ETH_TPH_QUEUE_RX ?
		dev->data->nb_rx_queues : dev->data->nb_tx_queues;
	if (queue_id >= nb) {
		RTE_ETHDEV_LOG(ERR, "Port %u: invalid %s %u (%u configured)\n",
			eth_tph_port_id(dev), eth_tph_dir_name(dir), queue_id, nb);
		return -EINVAL;
	}
	return 0;
}

int
rte_eth_dev_tph_capability_get(uint16_t port_id, struct rte_eth_tph_capa *capa)
{
	RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, -ENODEV);
	if (capa == NULL) {
		RTE_ETHDEV_LOG(ERR, "Port %u: NULL TPH capability\n", port_id);
		return -EINVAL;
	}
	eth_tph_capa_fill(&rte_eth_devices[port_id], capa);
	return 0;
}

int
rte_eth_dev_tph_mode_set(uint16_t port_id, enum rte_tph_mode mode)
{
	struct rte_eth_tph_capa capa;
	struct rte_eth_dev *dev;
	struct eth_tph_port *p;
	const char *why;
	char buf[128];
	int ret;

	RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, -ENODEV);
	dev = &rte_eth_devices[port_id];
	p = eth_tph_port_of(dev);
	if (mode != RTE_TPH_MODE_OFF && mode != RTE_TPH_MODE_IV &&
			mode != RTE_TPH_MODE_DS) {
		RTE_ETHDEV_LOG(ERR, "Port %u: invalid TPH mode %d\n",
			port_id, (int)mode);
		return -EINVAL;
	}
	if (mode != RTE_TPH_MODE_OFF) {
		eth_tph_capa_fill(dev, &capa);
		why = eth_tph_unusable_reason(dev, &capa, mode, buf, sizeof(buf));
		if (why != NULL) {
			RTE_ETHDEV_LOG(ERR, "Port %u: TPH %s mode not supported: %s\n",
				port_id, rte_tph_mode_name(mode), why);
			return -ENOTSUP;
		}
	}
	ret = eth_tph_mode_change(dev, p, mode);
	if (ret != 0) {
		RTE_ETHDEV_LOG(ERR, "Port %u: setting TPH %s mode failed: %s\n",
			port_id, rte_tph_mode_name(mode), strerror(-ret));
		if (mode != RTE_TPH_MODE_OFF)
			return ret;
	}
	p->mode_set_by_app = true;
	return ret;
}

int
rte_eth_dev_tph_mode_get(uint16_t port_id, enum rte_tph_mode *mode)
{
	RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, -ENODEV);
	if (mode == NULL) {
		RTE_ETHDEV_LOG(ERR, "Port %u: NULL TPH mode\n", port_id);
		return -EINVAL;
	}
	*mode = eth_tph_ports[port_id].mode;
	return 0;
}

int
rte_eth_dev_tph_queue_bind(uint16_t port_id, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir, unsigned int lcore_id,
		enum rte_tph_mem_type mem_type)
{
	struct eth_tph_binding *b;
	struct rte_eth_dev *dev;
	struct eth_tph_port *p;
	int ret;

	RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, -ENODEV);
	dev = &rte_eth_devices[port_id];
	p = eth_tph_port_of(dev);
	ret = eth_tph_queue_check(dev, queue_id, dir);
	if (ret != 0)
		return ret;
	if (!rte_lcore_is_enabled(lcore_id)) {
		RTE_ETHDEV_LOG(ERR, "Port %u %s %u: lcore %u is not an enabled lcore\n",
			port_id, eth_tph_dir_name(dir), queue_id, lcore_id);
		return -EINVAL;
	}
	if (mem_type != RTE_TPH_MEM_VOLATILE &&
			mem_type != RTE_TPH_MEM_PERSISTENT) {
		RTE_ETHDEV_LOG(ERR, "Port %u %s %u: invalid TPH memory type %d\n",
			port_id, eth_tph_dir_name(dir), queue_id, (int)mem_type);
		return -EINVAL;
	}
	if (p->mode == RTE_TPH_MODE_OFF) {
		RTE_ETHDEV_LOG(ERR, "Port %u %s %u: TPH is off on the port\n",
			port_id, eth_tph_dir_name(dir), queue_id);
		return -ENOTSUP;
	}
	if (!eth_tph_queue_is_setup(dev, dir, queue_id)) {
		RTE_ETHDEV_LOG(ERR, "Port %u %s %u: queue is not set up\n",
			port_id, eth_tph_dir_name(dir), queue_id);
		return -EINVAL;
	}
	b = eth_tph_binding_slot(p, dir, queue_id);
	if (b == NULL) {
		RTE_ETHDEV_LOG(ERR, "Port %u: no memory for TPH bindings\n",
			port_id);
		return -ENOMEM;
	}
	if (dev->data->dev_started) {
		ret = dev->dev_ops->tph_queue_bind(dev, dir, queue_id, lcore_id,
				mem_type);
		if (ret != 0) {
			RTE_ETHDEV_LOG(ERR,
				"Port %u %s %u: TPH binding to lcore %u failed: %s\n",
				port_id, eth_tph_dir_name(dir), queue_id,
				lcore_id, strerror(-ret));
			return ret;
		}
		b->applied = true;
	}
	/* A stopped port keeps any older tag until its next start rewrites it. */
	b->bound = true;
	b->lcore_id = lcore_id;
	b->mem_type = mem_type;
	return 0;
}

int
rte_eth_dev_tph_queue_unbind(uint16_t port_id, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir)
{
	struct eth_tph_binding *b;
	struct rte_eth_dev *dev;
	int ret;

	RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, -ENODEV);
	dev = &rte_eth_devices[port_id];
	ret = eth_tph_queue_check(dev, queue_id, dir);
	if (ret != 0)
		return ret;
	b = eth_tph_binding_find(eth_tph_port_of(dev), dir, queue_id);
	if (b == NULL || !b->bound)
		return 0;
	if (b->applied && eth_tph_pmd_capable(dev)) {
		b->applied = false;
		ret = dev->dev_ops->tph_queue_unbind(dev, dir, queue_id);
		if (ret != 0)
			RTE_ETHDEV_LOG(ERR,
				"Port %u %s %u: clearing the TPH steering tag failed: %s\n",
				port_id, eth_tph_dir_name(dir), queue_id,
				strerror(-ret));
	}
	memset(b, 0, sizeof(*b));
	return ret;
}

int
rte_eth_dev_tph_queue_info_get(uint16_t port_id, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir, struct rte_eth_tph_queue_info *info)
{
	struct eth_tph_binding *b;
	struct rte_eth_dev *dev;
	int ret;

	RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, -ENODEV);
	dev = &rte_eth_devices[port_id];
	ret = eth_tph_queue_check(dev, queue_id, dir);
	if (ret != 0)
		return ret;
	if (info == NULL) {
		RTE_ETHDEV_LOG(ERR, "Port %u: NULL TPH queue info\n", port_id);
		return -EINVAL;
	}
	memset(info, 0, sizeof(*info));
	b = eth_tph_binding_find(eth_tph_port_of(dev), dir, queue_id);
	if (b == NULL || !b->bound)
		return 0;
	info->bound = true;
	info->applied = b->applied;
	info->lcore_id = b->lcore_id;
	info->mem_type = b->mem_type;
	if (rte_tph_lcore_to_cpu(b->lcore_id, &info->cpu) != 0)
		info->cpu = UINT32_MAX;
	/* The ST index and tag are the PMD's: ask it, keep ours on failure. */
	if (b->applied && dev->dev_ops->tph_queue_info_get != NULL &&
			dev->dev_ops->tph_queue_info_get(dev, dir, queue_id,
				info) != 0) {
		info->st_index_valid = false;
		info->st_valid = false;
	}
	/* The PMD may not change what ethdev owns. */
	info->bound = true;
	info->applied = b->applied;
	info->lcore_id = b->lcore_id;
	info->mem_type = b->mem_type;
	return 0;
}

static enum rte_tph_mode
eth_tph_eal_mode(void)
{
	switch (rte_eal_tph_mode()) {
	case RTE_EAL_TPH_MODE_IV:
		return RTE_TPH_MODE_IV;
	case RTE_EAL_TPH_MODE_DS:
		return RTE_TPH_MODE_DS;
	default:
		return RTE_TPH_MODE_OFF;
	}
}

/* The --tph-mode default, for a port whose application did not choose. */
static void
eth_tph_apply_eal_default(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	enum rte_tph_mode mode = eth_tph_eal_mode();
	uint16_t port_id = eth_tph_port_id(dev);
	struct rte_eth_tph_capa capa;
	const char *why;
	char buf[128];
	int ret;

	if (mode == RTE_TPH_MODE_OFF)
		return;
	eth_tph_capa_fill(dev, &capa);
	why = eth_tph_unusable_reason(dev, &capa, mode, buf, sizeof(buf));
	if (why != NULL) {
		RTE_ETHDEV_LOG(INFO, "Port %u: TPH %s mode (--tph-mode) not enabled: %s\n",
			port_id, rte_tph_mode_name(mode), why);
		return;
	}
	ret = eth_tph_mode_change(dev, p, mode);
	if (ret != 0) {
		RTE_ETHDEV_LOG(INFO,
			"Port %u: TPH %s mode (--tph-mode) not enabled: refused by the system: %s (errno %d)\n",
			port_id, rte_tph_mode_name(mode), strerror(-ret), -ret);
		return;
	}
	RTE_ETHDEV_LOG(INFO, "Port %u: TPH enabled in %s mode (--tph-mode)\n",
		port_id, rte_tph_mode_name(mode));
}

void
eth_dev_tph_start(struct rte_eth_dev *dev)
{
	struct eth_tph_port *p = eth_tph_port_of(dev);

	if (!p->mode_set_by_app && !p->eal_default_done) {
		p->eal_default_done = true;
		eth_tph_apply_eal_default(dev, p);
	}
	/* The PMD may have reset its queues: program every binding again. */
	eth_tph_program_all(dev, p);
}

void
eth_dev_tph_queue_release(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	struct eth_tph_binding *b;

	b = eth_tph_binding_find(eth_tph_port_of(dev), dir, queue_id);
	if (b == NULL || !b->bound)
		return;
	eth_tph_queue_unprogram(dev, dir, queue_id, b);
	memset(b, 0, sizeof(*b));
}

void
eth_dev_tph_close(struct rte_eth_dev *dev)
{
	struct eth_tph_port *p = eth_tph_port_of(dev);
	int ret;

	eth_tph_unprogram_all(dev, p);
	if (p->mode != RTE_TPH_MODE_OFF) {
		ret = eth_tph_device_off(dev, true);
		if (ret != 0)
			RTE_ETHDEV_LOG(WARNING,
				"Port %u: disabling TPH at close failed: %s\n",
				eth_tph_port_id(dev), strerror(-ret));
	}
	eth_tph_port_reset(p);
}

void
eth_dev_tph_release(struct rte_eth_dev *dev)
{
	eth_tph_port_reset(eth_tph_port_of(dev));
}
