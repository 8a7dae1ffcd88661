/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Queue bindings of PMDs that load an 8-bit tag from each queue's
 * context at queue start (ethdev_tph_qctx.h). Which writes a tag steers and
 * where its bits go is the PMD's: see i40e_tph.c and ice_tph.c.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include <rte_tph.h>

#include "ethdev_tph_qctx.h"

#define TPH_QCTX_NB_DIRS 2

/* Shared by the processes of one application, like lib/tph state. */
#define TPH_QCTX_MZ_NAME "rte_eth_dev_tph_qctx"

struct tph_qctx_queue {
	struct rte_eth_tph_qctx_tag want;   /* what the binding asks for */
	struct rte_eth_tph_qctx_tag loaded; /* what the device took last */
};

struct tph_qctx_port {
	enum rte_tph_mode mode;
	struct tph_qctx_queue queues[TPH_QCTX_NB_DIRS][RTE_MAX_QUEUES_PER_PORT];
};

/*
 * In a memzone, not in process memory, so that a secondary process
 * reports the tags the primary's contexts hold. A port id names one port
 * of one PMD in every process.
 */
struct tph_qctx_state {
	/* The primary's build sizes: a secondary checks them before use. */
	uint32_t max_ports;  /* RTE_MAX_ETHPORTS */
	uint32_t max_queues; /* RTE_MAX_QUEUES_PER_PORT */
	struct tph_qctx_port ports[RTE_MAX_ETHPORTS];
};

/* This process's mapping of the shared state, once found. */
static struct tph_qctx_state *tph_qctx_state;

/*
 * Whether the memzone holds this process's layout; logs once when it
 * does not. Sizes still 0: the primary is setting it up, try again.
 */
static bool
tph_qctx_layout_known(const struct rte_memzone *mz)
{
	const struct tph_qctx_state *st = mz->addr;
	uint32_t max_queues;
	static bool logged;

	if (mz->len < sizeof(*st))
		max_queues = 0;
	else
		max_queues = __atomic_load_n(&st->max_queues, __ATOMIC_ACQUIRE);
	if (mz->len >= sizeof(*st) && max_queues == RTE_MAX_QUEUES_PER_PORT &&
			st->max_ports == RTE_MAX_ETHPORTS)
		return true;
	if (mz->len >= sizeof(*st) && max_queues == 0)
		return false;
	if (!logged)
		RTE_ETHDEV_LOG(ERR, "TPH queue context state (memzone %s, %zu bytes) is not this build's (%zu bytes, %u ports, %u queues): queues show unsteered; run processes built from the same DPDK\n",
			TPH_QCTX_MZ_NAME, mz->len, sizeof(*st),
			RTE_MAX_ETHPORTS, RTE_MAX_QUEUES_PER_PORT);
	logged = true;
	return false;
}

/* The shared state; the primary sets it up when @p create is true. */
static struct tph_qctx_state *
tph_qctx_state_get(bool create)
{
	const struct rte_memzone *mz;
	struct tph_qctx_state *st;

	if (tph_qctx_state != NULL)
		return tph_qctx_state;
	mz = rte_memzone_lookup(TPH_QCTX_MZ_NAME);
	if (mz == NULL && create &&
			rte_eal_process_type() == RTE_PROC_PRIMARY) {
		mz = rte_memzone_reserve(TPH_QCTX_MZ_NAME, sizeof(*st),
			SOCKET_ID_ANY, 0);
		if (mz == NULL)
			return NULL;
		/* Heap memory is not zeroed (poisoned with malloc debug). */
		st = mz->addr;
		memset(st, 0, sizeof(*st));
		st->max_ports = RTE_MAX_ETHPORTS;
		__atomic_store_n(&st->max_queues, RTE_MAX_QUEUES_PER_PORT,
			__ATOMIC_RELEASE);
	}
	if (mz == NULL || !tph_qctx_layout_known(mz))
		return NULL;
	tph_qctx_state = mz->addr;
	return tph_qctx_state;
}

/* The state of a port, or NULL when no port was ever put in DS mode. */
static struct tph_qctx_port *
tph_qctx_port_of(uint16_t port_id)
{
	struct tph_qctx_state *st;

	if (port_id >= RTE_MAX_ETHPORTS)
		return NULL;
	st = tph_qctx_state_get(false);
	return st != NULL ? &st->ports[port_id] : NULL;
}

static const char *
tph_qctx_dir_name(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq";
}

/* The state of a queue, kept across mode changes, or NULL. */
static struct tph_qctx_queue *
tph_qctx_queue_of(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	struct tph_qctx_port *p;

	if (queue_id >= RTE_MAX_QUEUES_PER_PORT ||
			(dir != RTE_ETH_TPH_QUEUE_RX && dir != RTE_ETH_TPH_QUEUE_TX))
		return NULL;
	p = tph_qctx_port_of(port_id);
	if (p == NULL)
		return NULL;
	return &p->queues[dir][queue_id];
}

static bool
tph_qctx_tag_same(const struct rte_eth_tph_qctx_tag *a, const struct rte_eth_tph_qctx_tag *b)
{
	return a->steered == b->steered && (!a->steered || a->tag == b->tag);
}

const struct rte_eth_tph_qctx_tag *
rte_eth_tph_qctx_wanted(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	static const struct rte_eth_tph_qctx_tag none;
	const struct tph_qctx_port *p = tph_qctx_port_of(port_id);
	const struct tph_qctx_queue *s = tph_qctx_queue_of(port_id, dir,
		queue_id);

	return s != NULL && p->mode == RTE_TPH_MODE_DS ? &s->want : &none;
}

void
rte_eth_tph_qctx_loaded(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, const struct rte_eth_tph_qctx_tag *t)
{
	struct tph_qctx_queue *s = tph_qctx_queue_of(port_id, dir, queue_id);

	if (s == NULL)
		return;
	s->loaded.steered = t->steered;
	s->loaded.tag = t->steered ? t->tag : 0;
}

bool
rte_eth_tph_qctx_reload_needed(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id)
{
	const struct tph_qctx_queue *s = tph_qctx_queue_of(port_id, dir,
		queue_id);

	return s != NULL && !tph_qctx_tag_same(&s->want, &s->loaded);
}

bool
rte_eth_tph_qctx_queue_started(const struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	const uint8_t *state = dir == RTE_ETH_TPH_QUEUE_RX ?
		dev->data->rx_queue_state : dev->data->tx_queue_state;

	return dev->data->dev_started &&
		state[queue_id] == RTE_ETH_QUEUE_STATE_STARTED;
}

/* The queue runs with a context that lacks its binding. */
static bool
tph_qctx_pending(const struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, const struct tph_qctx_queue *s)
{
	return rte_eth_tph_qctx_queue_started(dev, dir, queue_id) &&
		!tph_qctx_tag_same(&s->want, &s->loaded);
}

/* Forget what the contexts held: only a context write may. */
static void
tph_qctx_port_forget(struct tph_qctx_port *p)
{
	memset(p->queues, 0, sizeof(p->queues));
}

/* Check a queue named by ethdev: it exists and is set up. */
static int
tph_qctx_queue_check(const struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id, const char *op)
{
	uint16_t nb;
	void **queues;

	if (dir != RTE_ETH_TPH_QUEUE_RX && dir != RTE_ETH_TPH_QUEUE_TX) {
		RTE_ETHDEV_LOG(ERR, "Port %u: TPH %s: invalid queue direction %d\n",
			dev->data->port_id, op, (int)dir);
		return -EINVAL;
	}
	nb = dir == RTE_ETH_TPH_QUEUE_RX ? dev->data->nb_rx_queues :
		dev->data->nb_tx_queues;
	queues = dir == RTE_ETH_TPH_QUEUE_RX ? dev->data->rx_queues :
		dev->data->tx_queues;
	if (queue_id >= nb || queues == NULL || queues[queue_id] == NULL) {
		RTE_ETHDEV_LOG(ERR, "Port %u: TPH %s: %s %u is not set up (%u configured)\n",
			dev->data->port_id, op, tph_qctx_dir_name(dir),
			queue_id, nb);
		return -EINVAL;
	}
	return 0;
}

int
rte_eth_tph_qctx_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	struct tph_qctx_state *st;

	if (mode != RTE_TPH_MODE_DS && mode != RTE_TPH_MODE_OFF) {
		RTE_ETHDEV_LOG(ERR, "Port %u: TPH mode %s is not supported, only ds\n",
			dev->data->port_id, rte_tph_mode_name(mode));
		return -ENOTSUP;
	}
	st = tph_qctx_state_get(mode == RTE_TPH_MODE_DS);
	if (st == NULL)
		return mode == RTE_TPH_MODE_DS ? -ENOMEM : 0;
	/*
	 * ethdev unbound every queue before off. What the started queues'
	 * contexts hold stays noted: they keep tagging with it until they
	 * start again, so DS mode again shows them pending.
	 */
	st->ports[dev->data->port_id].mode = mode;
	return 0;
}

/* One tag lookup for @p n bindings; tags must fit the 8-bit field. */
static int
tph_qctx_tags_get(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n,
		uint8_t *tags)
{
	uint16_t port_id = dev->data->port_id;
	struct rte_tph_st_query *q;
	uint16_t i;
	int ret;

	q = calloc(n, sizeof(*q));
	if (q == NULL)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		q[i].lcore_id = bindings[i].lcore_id;
		q[i].mem_type = bindings[i].mem_type;
	}
	ret = rte_tph_get_st(dev->device, q, n);
	if (ret < 0)
		RTE_ETHDEV_LOG(ERR, "Port %u: TPH bind: no steering tags for the %u queues (first: lcore %u): %s\n",
			port_id, n, bindings[0].lcore_id, strerror(-ret));
	for (i = 0; ret >= 0 && i < n; i++) {
		if (q[i].st > UINT8_MAX) {
			RTE_ETHDEV_LOG(ERR, "Port %u: TPH bind: tag 0x%x of lcore %u does not fit the 8-bit CPUID field\n",
				port_id, q[i].st, bindings[i].lcore_id);
			ret = -ERANGE;
		}
		tags[i] = (uint8_t)q[i].st;
	}
	free(q);
	return ret < 0 ? ret : 0;
}

int
rte_eth_tph_qctx_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n,
		rte_eth_tph_qctx_bind_check_t check)
{
	struct tph_qctx_port *p = tph_qctx_port_of(dev->data->port_id);
	const struct rte_eth_tph_queue_binding *b;
	struct tph_qctx_queue *s;
	uint8_t *tags;
	uint16_t i;
	int ret;

	if (p == NULL || p->mode != RTE_TPH_MODE_DS) {
		RTE_ETHDEV_LOG(ERR, "Port %u: TPH bind: port is not in ds mode\n",
			dev->data->port_id);
		return -ENOTSUP;
	}
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		ret = tph_qctx_queue_check(dev, bindings[i].dir,
			bindings[i].queue_id, "bind");
		if (ret == 0 && check != NULL)
			ret = check(dev, bindings[i].dir, bindings[i].queue_id);
		if (ret != 0)
			return ret;
	}
	tags = malloc(n);
	if (tags == NULL)
		return -ENOMEM;
	/* One lookup for every queue; nothing is recorded unless all fit. */
	ret = tph_qctx_tags_get(dev, bindings, n, tags);
	for (i = 0; ret == 0 && i < n; i++) {
		b = &bindings[i];
		s = &p->queues[b->dir][b->queue_id];
		s->want.steered = true;
		s->want.tag = tags[i];
		RTE_ETHDEV_LOG(DEBUG, "Port %u %s %u: lcore %u, tag 0x%02x%s\n",
			dev->data->port_id, tph_qctx_dir_name(b->dir),
			b->queue_id, b->lcore_id, tags[i],
			tph_qctx_pending(dev, b->dir, b->queue_id, s) ?
			", pending until the queue starts again" : "");
	}
	free(tags);
	return ret;
}

int
rte_eth_tph_qctx_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n)
{
	struct tph_qctx_port *p = tph_qctx_port_of(dev->data->port_id);
	struct tph_qctx_queue *s;
	uint16_t i;
	int ret = 0, r;

	/* Unbind every queue that can be, even if one cannot. */
	for (i = 0; i < n; i++) {
		r = tph_qctx_queue_check(dev, queues[i].dir,
			queues[i].queue_id, "unbind");
		if (r != 0) {
			if (ret == 0)
				ret = r;
			continue;
		}
		if (p == NULL)
			continue;
		s = &p->queues[queues[i].dir][queues[i].queue_id];
		memset(&s->want, 0, sizeof(s->want));
	}
	return ret;
}

int
rte_eth_tph_qctx_queue_info_get(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info)
{
	struct tph_qctx_port *p = tph_qctx_port_of(dev->data->port_id);
	const struct tph_qctx_queue *s;
	int ret;

	ret = tph_qctx_queue_check(dev, dir, queue_id, "info");
	if (ret != 0)
		return ret;
	if (p == NULL || p->mode != RTE_TPH_MODE_DS)
		return 0;
	/* What the context holds, not what was asked for. */
	s = &p->queues[dir][queue_id];
	info->st_valid = s->loaded.steered;
	info->st = s->loaded.steered ? s->loaded.tag : 0;
	info->pending = tph_qctx_pending(dev, dir, queue_id, s);
	return 0;
}

void
rte_eth_tph_qctx_dev_start(struct rte_eth_dev *dev)
{
	struct tph_qctx_port *p = tph_qctx_port_of(dev->data->port_id);
	unsigned int dir;
	uint16_t q;

	if (p == NULL)
		return;
	/*
	 * Every context is written again. What each binding wants stays:
	 * ethdev programmed the recorded bindings just before this start
	 * (eth_dev_tph_pre_start()) and unbound every queue it forgot.
	 */
	for (dir = 0; dir < TPH_QCTX_NB_DIRS; dir++)
		for (q = 0; q < RTE_MAX_QUEUES_PER_PORT; q++)
			memset(&p->queues[dir][q].loaded, 0,
				sizeof(p->queues[dir][q].loaded));
}

void
rte_eth_tph_qctx_dev_close(struct rte_eth_dev *dev)
{
	struct tph_qctx_port *p = tph_qctx_port_of(dev->data->port_id);

	if (p == NULL)
		return;
	tph_qctx_port_forget(p);
	p->mode = RTE_TPH_MODE_OFF;
}
