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
 *
 * Every step that touches several queues (a start, a mode switch, a batch
 * bind or unbind, a reconfiguration, a close) hands them to the PMD in one
 * call, so that the device gets one request per step: each request is an
 * ioctl and a firmware lookup, not worth paying per queue.
 *
 * One process owns a port's TPH state, as it owns the device's in lib/tph:
 * the primary. The state lives in a memzone, binding tables included, so
 * that secondary processes report the same mode and bindings; every call
 * that would change it is refused there. The tables are never freed, so a
 * secondary never reads freed memory, and the primary changes bindings
 * under a per-port seqlock, so a secondary copies a consistent one.
 * While a port is in IV or DS mode ethdev holds lib/tph's claim on its
 * device (rte_tph_dev_claim()), so that nothing else changes the device
 * behind ethdev's and the PMD's back.
 */

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_seqlock.h>
#include <rte_tph.h>
#include <rte_tph_driver.h>

#include "ethdev_driver.h"
#include "ethdev_tph_private.h"
#include "rte_ethdev_tph.h"

#define ETH_TPH_NB_DIRS 2
/* A request to the PMD names each queue of the port at most once. */
#define ETH_TPH_BATCH_MAX (ETH_TPH_NB_DIRS * RTE_MAX_QUEUES_PER_PORT)
#define ETH_TPH_SEEN_WORDS ((RTE_MAX_QUEUES_PER_PORT + 63) / 64)

struct eth_tph_binding {
	bool bound;
	/* The PMD holds a tag for the queue: kept across stop, cleared by unbind. */
	bool applied;
	unsigned int lcore_id;
	/*
	 * The CPU of lcore_id, resolved in the primary when it bound: lcore
	 * ids are per process, so a secondary cannot resolve them itself.
	 * UINT32_MAX when the lcore runs on no single CPU.
	 */
	unsigned int cpu;
	enum rte_tph_mem_type mem_type;
	/*
	 * The last binding of the queue was refused (not bound): the lcore
	 * and errno, kept until the queue is bound or unbound again.
	 */
	bool failed;
	unsigned int failed_lcore_id;
	int failed_err;
};

/* A port's TPH state, as every process sees it (in eth_tph_shared). */
struct eth_tph_port {
	/* Taken by the primary to change bindings; readers copy under it. */
	rte_seqlock_t lock;
	enum rte_tph_mode mode;
	/* The application chose the mode: --tph-mode no longer applies. */
	bool mode_set_by_app;
	/* --tph-mode was considered at a start (its log line is printed once). */
	bool eal_default_done;
	/* ethdev holds lib/tph's claim on the port's device. */
	bool claimed;
	/* Every possible queue of the port, for the life of the process. */
	struct eth_tph_binding queues[ETH_TPH_NB_DIRS][RTE_MAX_QUEUES_PER_PORT];
};

#define ETH_TPH_MZ_NAME "rte_eth_dev_tph"

/*
 * The identity of the layout below, first in the memzone: a secondary
 * built from other sources must not read the ports as its own. Change
 * ETH_TPH_SHARED_VERSION with any change to the structures above; the
 * sizes the build chose (RTE_MAX_ETHPORTS, RTE_MAX_QUEUES_PER_PORT) are
 * stored too, so another build configuration is caught without a bump.
 */
#define ETH_TPH_SHARED_MAGIC 0x45545048u /* "ETPH" */
#define ETH_TPH_SHARED_VERSION 1u

/* The state of every port, in a memzone the primary reserves. */
struct eth_tph_shared {
	uint32_t magic;   /* ETH_TPH_SHARED_MAGIC once the primary set it up */
	uint32_t version; /* ETH_TPH_SHARED_VERSION of the primary */
	uint32_t size;    /* sizeof(struct eth_tph_shared) in the primary */
	uint32_t port_size; /* sizeof(struct eth_tph_port) in the primary */
	uint32_t max_ports; /* RTE_MAX_ETHPORTS of the primary */
	uint32_t max_queues; /* RTE_MAX_QUEUES_PER_PORT of the primary */
	struct eth_tph_port ports[RTE_MAX_ETHPORTS];
};

static struct eth_tph_shared *eth_tph_shared;

/*
 * In a secondary: whether the primary's memzone holds our layout, build
 * sizes included; logs once. Magic still 0 means the primary is setting
 * it up: not foreign, the caller tries again on its next call.
 */
static bool
eth_tph_layout_known(const struct rte_memzone *mz)
{
	const struct eth_tph_shared *sh = mz->addr;
	struct eth_tph_shared id = { 0 };
	static bool logged;

	if (mz->len >= offsetof(struct eth_tph_shared, ports)) {
		/* The primary writes magic last: the rest is valid once it is. */
		id.magic = __atomic_load_n(&sh->magic, __ATOMIC_ACQUIRE);
		memcpy(&id.version, &sh->version,
			offsetof(struct eth_tph_shared, ports) -
			offsetof(struct eth_tph_shared, version));
	}
	if (id.magic == ETH_TPH_SHARED_MAGIC &&
			id.version == ETH_TPH_SHARED_VERSION &&
			id.size == sizeof(*sh) &&
			id.port_size == sizeof(sh->ports[0]) &&
			id.max_ports == RTE_MAX_ETHPORTS &&
			id.max_queues == RTE_MAX_QUEUES_PER_PORT &&
			mz->len >= sizeof(*sh))
		return true;
	if (id.magic == 0 && mz->len >= sizeof(*sh)) {
		RTE_ETHDEV_LOG(INFO, "the primary's TPH port state (memzone %s) is not set up yet: ports show TPH off, try again later\n",
			ETH_TPH_MZ_NAME);
		return false;
	}
	if (!logged)
		RTE_ETHDEV_LOG(ERR, "the primary's TPH port state (memzone %s) has layout 0x%08x version %u size %u/%u ports %u queues %u, this process knows 0x%08x version %u size %zu/%zu ports %u queues %u: not attaching, ports show TPH off; run processes built from the same DPDK\n",
			ETH_TPH_MZ_NAME, id.magic, id.version, id.size,
			id.port_size, id.max_ports, id.max_queues,
			ETH_TPH_SHARED_MAGIC, ETH_TPH_SHARED_VERSION,
			sizeof(*sh), sizeof(sh->ports[0]), RTE_MAX_ETHPORTS,
			RTE_MAX_QUEUES_PER_PORT);
	logged = true;
	return false;
}

/* Room for one request to the PMD, per port, in the primary only. */
struct eth_tph_scratch {
	struct rte_eth_tph_queue_binding *bind_batch;
	struct rte_eth_tph_queue_ref *ref_batch;
};

static struct eth_tph_scratch eth_tph_scratch[RTE_MAX_ETHPORTS];

/* What a port that never used TPH has (also a secondary before any state). */
static const struct eth_tph_port eth_tph_port_unused;

static struct eth_tph_shared *
eth_tph_shared_get(void)
{
	const struct rte_memzone *mz;
	struct eth_tph_shared *sh;
	unsigned int i;

	if (eth_tph_shared != NULL)
		return eth_tph_shared;
	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		mz = rte_memzone_reserve(ETH_TPH_MZ_NAME,
			sizeof(*eth_tph_shared), SOCKET_ID_ANY, 0);
		/* Another thread of this process reserved it first. */
		if (mz == NULL && rte_errno == EEXIST) {
			mz = rte_memzone_lookup(ETH_TPH_MZ_NAME);
			if (mz != NULL)
				goto found;
		}
		if (mz == NULL) {
			RTE_ETHDEV_LOG(ERR, "cannot reserve the shared TPH port state: %s\n",
				rte_strerror(rte_errno));
			return NULL;
		}
		sh = mz->addr;
		memset(sh, 0, sizeof(*sh));
		for (i = 0; i < RTE_MAX_ETHPORTS; i++)
			rte_seqlock_init(&sh->ports[i].lock);
		sh->version = ETH_TPH_SHARED_VERSION;
		sh->size = sizeof(*sh);
		sh->port_size = sizeof(sh->ports[0]);
		sh->max_ports = RTE_MAX_ETHPORTS;
		sh->max_queues = RTE_MAX_QUEUES_PER_PORT;
		__atomic_store_n(&sh->magic, ETH_TPH_SHARED_MAGIC,
			__ATOMIC_RELEASE);
	} else {
		/* No state yet: the primary never used TPH. */
		mz = rte_memzone_lookup(ETH_TPH_MZ_NAME);
		if (mz == NULL || !eth_tph_layout_known(mz))
			return NULL;
	}
found:
	eth_tph_shared = mz->addr;
	return eth_tph_shared;
}

/* The state of a port to change: the primary's, NULL without memory. */
static struct eth_tph_port *
eth_tph_port_of(const struct rte_eth_dev *dev)
{
	struct eth_tph_shared *sh = eth_tph_shared_get();

	return sh == NULL ? NULL : &sh->ports[dev - rte_eth_devices];
}

/* The state of a port to read, in any process. */
static const struct eth_tph_port *
eth_tph_port_view(uint16_t port_id)
{
	struct eth_tph_shared *sh = eth_tph_shared_get();

	return sh == NULL ? &eth_tph_port_unused : &sh->ports[port_id];
}

/* A change requested in a secondary process: one line saying why not. */
static int
eth_tph_secondary_refuse(uint16_t port_id, const char *what)
{
	char text[RTE_TPH_STRERROR_LEN];

	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		return 0;
	RTE_ETHDEV_LOG(ERR, "Port %u: TPH %s refused: %s\n", port_id, what,
		rte_tph_strerror(-E_RTE_SECONDARY, NULL, text, sizeof(text)));
	return -E_RTE_SECONDARY;
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
		ops->tph_queues_bind != NULL && ops->tph_queues_unbind != NULL;
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
	int ret;

	memset(capa, 0, sizeof(*capa));
	capa->dev_err = rte_tph_cap_get(dev->device, &capa->dev_cap);
	if (capa->dev_err == 0)
		capa->dev_modes = capa->dev_cap.modes &
			(RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS);
	else
		memset(&capa->dev_cap, 0, sizeof(capa->dev_cap));
	if (!eth_tph_pmd_capable(dev)) {
		capa->pmd_err = -ENOTSUP;
	} else {
		ret = dev->dev_ops->tph_caps_get(dev, &modes);
		if (ret == 0) {
			capa->pmd_modes = modes &
				(RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS);
			capa->pmd_loads_at_queue_start = (modes &
				RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START) != 0;
		} else
			capa->pmd_err = ret < 0 ? ret : -EIO;
	}
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
	else if (capa->pmd_err == -ENOTSUP)
		snprintf(buf, len, "PMD %s has no TPH support",
			eth_tph_driver_name(dev));
	else if (capa->pmd_err != 0)
		snprintf(buf, len, "PMD %s cannot report its TPH modes: %s",
			eth_tph_driver_name(dev), strerror(-capa->pmd_err));
	else if (capa->pmd_modes == 0)
		/* The PMD logged why, e.g. too few interrupt vectors. */
		snprintf(buf, len, "PMD %s cannot use TPH on this port",
			eth_tph_driver_name(dev));
	else
		snprintf(buf, len, "PMD %s lacks %s mode",
			eth_tph_driver_name(dev), rte_tph_mode_name(mode));
	return buf;
}

static struct eth_tph_binding *
eth_tph_binding_find(struct eth_tph_port *p,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	if (p == NULL || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return NULL;
	return &p->queues[dir][queue_id];
}

/*
 * Copy a queue's binding, consistent even while the primary changes it
 * (this may be a secondary). False if the port never used TPH.
 */
static bool
eth_tph_binding_copy(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, struct eth_tph_binding *copy)
{
	struct eth_tph_shared *sh = eth_tph_shared_get();
	const struct eth_tph_port *p;
	uint32_t sn;

	if (sh == NULL || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return false;
	p = &sh->ports[port_id];
	do {
		sn = rte_seqlock_read_begin(&p->lock);
		*copy = p->queues[dir][queue_id];
	} while (rte_seqlock_read_retry(&p->lock, sn));
	return true;
}

static struct eth_tph_scratch *
eth_tph_scratch_of(const struct rte_eth_dev *dev)
{
	return &eth_tph_scratch[dev - rte_eth_devices];
}

/* Forget every binding of the port (the PMD no longer holds their tags). */
static void
eth_tph_bindings_clear(struct eth_tph_port *p)
{
	rte_seqlock_write_lock(&p->lock);
	memset(p->queues, 0, sizeof(p->queues));
	rte_seqlock_write_unlock(&p->lock);
}

/* A port has had no binding since its room was last dropped. */
static bool
eth_tph_tables_unused(const struct rte_eth_dev *dev)
{
	return eth_tph_scratch_of(dev)->ref_batch == NULL;
}

static void
eth_tph_tables_free(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	struct eth_tph_scratch *sc = eth_tph_scratch_of(dev);

	eth_tph_bindings_clear(p);
	free(sc->bind_batch);
	free(sc->ref_batch);
	sc->bind_batch = NULL;
	sc->ref_batch = NULL;
}

/* Allocate the request room (this process) of a port, all or none. */
static int
eth_tph_tables_get(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	struct eth_tph_scratch *sc = eth_tph_scratch_of(dev);

	if (sc->bind_batch != NULL)
		return 0;
	sc->bind_batch = calloc(ETH_TPH_BATCH_MAX, sizeof(*sc->bind_batch));
	sc->ref_batch = calloc(ETH_TPH_BATCH_MAX, sizeof(*sc->ref_batch));
	if (sc->bind_batch == NULL || sc->ref_batch == NULL) {
		eth_tph_tables_free(dev, p);
		return -ENOMEM;
	}
	return 0;
}

/*
 * lib/tph's owner name for the devices ethdev holds. TPH state is per
 * device (PCI function) and a device may carry several ports: the claim
 * is the device's, shared by those of its ports that use TPH.
 */
#define ETH_TPH_OWNER "ethdev"

/*
 * Another port of the same device that uses TPH (holds the device's
 * claim), or RTE_MAX_ETHPORTS if there is none.
 */
static uint16_t
eth_tph_sibling_user(const struct rte_eth_dev *dev)
{
	struct eth_tph_shared *sh = eth_tph_shared_get();
	uint16_t i;

	for (i = 0; sh != NULL && i < RTE_MAX_ETHPORTS; i++) {
		if (&rte_eth_devices[i] == dev ||
				rte_eth_devices[i].state == RTE_ETH_DEV_UNUSED ||
				rte_eth_devices[i].device != dev->device)
			continue;
		if (sh->ports[i].claimed)
			return i;
	}
	return RTE_MAX_ETHPORTS;
}

/*
 * Give up the port's share of lib/tph's claim on its device: the claim
 * goes with the last port of the device using TPH. The device may be gone
 * (port released after a removal): lib/tph then holds no claim anyway.
 */
static void
eth_tph_unclaim(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	if (!p->claimed)
		return;
	p->claimed = false;
	if (eth_tph_sibling_user(dev) == RTE_MAX_ETHPORTS)
		rte_tph_dev_unclaim(dev->device);
}

static void
eth_tph_port_reset(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	eth_tph_unclaim(dev, p);
	eth_tph_tables_free(dev, p);
	p->mode = RTE_TPH_MODE_OFF;
	p->mode_set_by_app = false;
	p->eal_default_done = false;
}

static bool
eth_tph_queue_is_setup(const struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	void **queues = dir == RTE_ETH_TPH_QUEUE_RX ?
		dev->data->rx_queues : dev->data->tx_queues;

	return queues != NULL && queues[queue_id] != NULL;
}

/* "Port P rxq Q" for a request on one queue, "Port P" for several. */
static const char *
eth_tph_req_name(const struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, unsigned int n, char *buf, size_t len)
{
	if (n == 1)
		snprintf(buf, len, "Port %u %s %u", eth_tph_port_id(dev),
			eth_tph_dir_name(dir), queue_id);
	else
		snprintf(buf, len, "Port %u", eth_tph_port_id(dev));
	return buf;
}

/*
 * Why the device refused to steer to @p lcore_id (RTE_TPH_LCORE_NONE:
 * several lcores), in lib/tph's words.
 */
static const char *
eth_tph_bind_strerror(enum rte_tph_mode mode, unsigned int lcore_id, int err,
		char *buf, size_t size)
{
	return rte_tph_lcore_strerror(err, mode == RTE_TPH_MODE_DS ?
			RTE_TPH_OP_GET_ST : RTE_TPH_OP_SET_ST, mode, lcore_id,
		buf, size);
}

/*
 * A refused binding is logged once: at ERR by ethdev when no caller hears
 * of it (start, mode switch), at DEBUG when the caller gets the errno.
 */
static void
eth_tph_bind_failed_log(const struct rte_eth_dev *dev, uint32_t level,
		enum rte_tph_mode mode,
		const struct rte_eth_tph_queue_binding *bb, unsigned int n,
		int ret)
{
	char text[RTE_TPH_STRERROR_LEN];

	if (n == 1)
		rte_log(level, rte_eth_dev_logtype,
			"Port %u %s %u: TPH binding to lcore %u failed: %s; the queue is left without steering tag\n",
			eth_tph_port_id(dev), eth_tph_dir_name(bb->dir),
			bb->queue_id, bb->lcore_id,
			eth_tph_bind_strerror(mode, bb->lcore_id, ret, text,
				sizeof(text)));
	else
		rte_log(level, rte_eth_dev_logtype,
			"Port %u: TPH binding of %u queues failed: %s\n",
			eth_tph_port_id(dev), n,
			eth_tph_bind_strerror(mode, RTE_TPH_LCORE_NONE, ret,
				text, sizeof(text)));
}

/*
 * One request to the PMD clearing the tags of queues it holds; the caller
 * already forgot them as applied. Failures are logged, not undone.
 */
static int
eth_tph_pmd_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *refs, unsigned int n)
{
	char name[48];
	int ret;

	if (n == 0 || !eth_tph_pmd_capable(dev))
		return 0;
	ret = dev->dev_ops->tph_queues_unbind(dev, refs, (uint16_t)n);
	if (ret != 0)
		RTE_ETHDEV_LOG(ERR, "%s: clearing TPH steering tags failed: %s\n",
			eth_tph_req_name(dev, refs[0].dir, refs[0].queue_id, n,
				name, sizeof(name)), strerror(-ret));
	return ret;
}

/* Clear every queue the PMD holds a tag for, in one request. */
static void
eth_tph_unprogram_all(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	struct rte_eth_tph_queue_ref *refs = eth_tph_scratch_of(dev)->ref_batch;
	struct eth_tph_binding *b;
	unsigned int dir, n = 0;
	uint16_t q;

	if (eth_tph_tables_unused(dev))
		return;
	rte_seqlock_write_lock(&p->lock);
	for (dir = 0; dir < ETH_TPH_NB_DIRS; dir++) {
		for (q = 0; q < RTE_MAX_QUEUES_PER_PORT; q++) {
			b = &p->queues[dir][q];
			if (!b->applied)
				continue;
			b->applied = false;
			refs[n].dir = dir;
			refs[n].queue_id = q;
			n++;
		}
	}
	rte_seqlock_write_unlock(&p->lock);
	eth_tph_pmd_unbind(dev, refs, n);
}

/* One request to the PMD programming bindings; they are applied if it took them. */
static int
eth_tph_pmd_bind(struct rte_eth_dev *dev, struct eth_tph_port *p,
		const struct rte_eth_tph_queue_binding *bb, unsigned int n)
{
	unsigned int i;
	int ret;

	ret = dev->dev_ops->tph_queues_bind(dev, bb, (uint16_t)n);
	if (ret != 0)
		return ret;
	rte_seqlock_write_lock(&p->lock);
	for (i = 0; i < n; i++)
		p->queues[bb[i].dir][bb[i].queue_id].applied = true;
	rte_seqlock_write_unlock(&p->lock);
	return 0;
}

/*
 * The PMD refused to program @p bb: none of these queues may stay steered
 * to a CPU that no longer polls it. Forget their bindings, remember why
 * (for info_get), and clear the tags they held, in one request.
 */
static void
eth_tph_bind_refused(struct rte_eth_dev *dev, struct eth_tph_port *p,
		const struct rte_eth_tph_queue_binding *bb, unsigned int n,
		int ret)
{
	struct rte_eth_tph_queue_ref *refs = eth_tph_scratch_of(dev)->ref_batch;
	struct eth_tph_binding *b;
	unsigned int i, k = 0;

	rte_seqlock_write_lock(&p->lock);
	for (i = 0; i < n; i++) {
		b = &p->queues[bb[i].dir][bb[i].queue_id];
		if (b->applied) {
			refs[k].dir = bb[i].dir;
			refs[k].queue_id = bb[i].queue_id;
			k++;
		}
		memset(b, 0, sizeof(*b));
		b->failed = true;
		b->failed_lcore_id = bb[i].lcore_id;
		b->failed_err = ret;
	}
	rte_seqlock_write_unlock(&p->lock);
	eth_tph_pmd_unbind(dev, refs, k);
}

/*
 * Program every binding of a running port in one request. Should the PMD
 * refuse it, try the queues one at a time: a binding the device refuses
 * (an lcore without a tag) then costs only its own queue.
 */
static void
eth_tph_program(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	struct rte_eth_tph_queue_binding *bb =
		eth_tph_scratch_of(dev)->bind_batch;
	struct eth_tph_binding *b;
	unsigned int dir, i, n = 0;
	uint16_t q;
	int ret;

	if (p->mode == RTE_TPH_MODE_OFF || !eth_tph_pmd_capable(dev) ||
			bb == NULL)
		return;
	for (dir = 0; dir < ETH_TPH_NB_DIRS; dir++) {
		for (q = 0; q < RTE_MAX_QUEUES_PER_PORT; q++) {
			b = &p->queues[dir][q];
			if (!b->bound || !eth_tph_queue_is_setup(dev, dir, q))
				continue;
			bb[n].dir = dir;
			bb[n].queue_id = q;
			bb[n].lcore_id = b->lcore_id;
			bb[n].mem_type = b->mem_type;
			n++;
		}
	}
	if (n == 0)
		return;
	ret = eth_tph_pmd_bind(dev, p, bb, n);
	if (ret == 0)
		return;
	if (n > 1) {
		RTE_ETHDEV_LOG(INFO, "Port %u: TPH binding of %u queues failed: %s; binding them one at a time\n",
			eth_tph_port_id(dev), n, strerror(-ret));
		/* bb is the port's request room: each retry reads its own entry. */
		for (i = 0; i < n; i++) {
			ret = eth_tph_pmd_bind(dev, p, &bb[i], 1);
			if (ret == 0)
				continue;
			eth_tph_bind_failed_log(dev, RTE_LOG_ERR, p->mode,
				&bb[i], 1, ret);
			eth_tph_bind_refused(dev, p, &bb[i], 1, ret);
		}
		return;
	}
	eth_tph_bind_failed_log(dev, RTE_LOG_ERR, p->mode, bb, 1, ret);
	eth_tph_bind_refused(dev, p, bb, 1, ret);
}

/* eth_tph_program() on a started port only: a stopped one keeps them for its start. */
static void
eth_tph_program_all(struct rte_eth_dev *dev, struct eth_tph_port *p)
{
	if (dev->data->dev_started)
		eth_tph_program(dev, p);
}

/*
 * Take lib/tph's claim on the port's device before turning TPH on in
 * @p mode: from then on only ethdev and the PMD change it
 * (rte_tph_owner_*()). The ports of one device share it, and its mode:
 * another port of the device using TPH in another mode refuses it.
 */
static int
eth_tph_claim(struct rte_eth_dev *dev, struct eth_tph_port *p,
		enum rte_tph_mode mode)
{
	uint16_t port_id = eth_tph_port_id(dev), sibling;
	enum rte_tph_mode dev_mode;
	int ret;

	sibling = eth_tph_sibling_user(dev);
	if (sibling != RTE_MAX_ETHPORTS &&
			eth_tph_shared->ports[sibling].mode != mode) {
		RTE_ETHDEV_LOG(ERR, "Port %u: device %s is in TPH %s mode for port %u: the ports of one device share its TPH mode\n",
			port_id, rte_dev_name(dev->device),
			rte_tph_mode_name(eth_tph_shared->ports[sibling].mode),
			sibling);
		return -EBUSY;
	}
	if (p->claimed)
		return 0;
	ret = rte_tph_dev_claim(dev->device, ETH_TPH_OWNER);
	if (ret != 0) {
		RTE_ETHDEV_LOG(ERR, "Port %u: cannot own the TPH state of device %s: %s\n",
			port_id, rte_dev_name(dev->device), strerror(-ret));
		return ret;
	}
	/*
	 * Enabled before the claim, by no port of the device: ethdev would
	 * not know what it holds.
	 */
	if (sibling == RTE_MAX_ETHPORTS &&
			rte_tph_mode_get(dev->device, &dev_mode) == 0 &&
			dev_mode != RTE_TPH_MODE_OFF) {
		rte_tph_dev_unclaim(dev->device);
		RTE_ETHDEV_LOG(ERR, "Port %u: TPH of device %s was enabled in %s mode outside ethdev; disable it (rte_tph_disable()) first\n",
			port_id, rte_dev_name(dev->device),
			rte_tph_mode_name(dev_mode));
		return -EBUSY;
	}
	p->claimed = true;
	return 0;
}

/*
 * Turn TPH off for the port: the PMD first, then the device in lib/tph,
 * unless another port of the device still uses it.
 */
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
	if (eth_tph_sibling_user(dev) != RTE_MAX_ETHPORTS)
		return ret;
	r = rte_tph_owner_disable(dev->device);
	if (r != 0 && ret == 0)
		ret = r;
	return ret;
}

/* Put the device back in @p old after a failed switch (best effort). */
static void
eth_tph_mode_restore(struct rte_eth_dev *dev, struct eth_tph_port *p,
		enum rte_tph_mode old, bool pmd_switched)
{
	int ret;

	if (old == RTE_TPH_MODE_OFF) {
		ret = eth_tph_device_off(dev, pmd_switched);
		eth_tph_unclaim(dev, p);
	} else {
		ret = rte_tph_owner_enable(dev->device, old);
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
		enum rte_tph_mode mode, bool *claim_refused)
{
	enum rte_tph_mode old = p->mode;
	int ret;

	*claim_refused = false;
	if (mode == old)
		return 0;
	eth_tph_unprogram_all(dev, p);
	if (mode == RTE_TPH_MODE_OFF) {
		/* Off always wins: the bindings go even if the device objects. */
		ret = eth_tph_device_off(dev, true);
		p->mode = RTE_TPH_MODE_OFF;
		eth_tph_unclaim(dev, p);
		eth_tph_tables_free(dev, p);
		return ret;
	}
	ret = eth_tph_claim(dev, p, mode);
	if (ret != 0) {
		/* Refused before the device was asked: the old bindings stay. */
		*claim_refused = true;
		eth_tph_program_all(dev, p);
		return ret;
	}
	ret = rte_tph_owner_enable(dev->device, mode);
	if (ret != 0) {
		eth_tph_mode_restore(dev, p, old, false);
		eth_tph_program_all(dev, p);
		return ret;
	}
	if (dev->dev_ops->tph_mode_set != NULL) {
		ret = dev->dev_ops->tph_mode_set(dev, mode);
		if (ret != 0) {
			eth_tph_mode_restore(dev, p, old, true);
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

/*
 * A mode switch refused before the device was asked: the port could not
 * take lib/tph's claim (eth_tph_claim() logged whose it is, or how the
 * device was enabled outside ethdev).
 */
#define ETH_TPH_NOT_OWNER "the port cannot own its device's TPH state"

/* Why the device or the system refused a mode switch, in lib/tph's words. */
static const char *
eth_tph_enable_strerror(enum rte_tph_mode mode, int err, char *buf,
		size_t size)
{
	const struct rte_tph_refusal why = {
		.op = mode == RTE_TPH_MODE_OFF ?
			RTE_TPH_OP_DISABLE : RTE_TPH_OP_ENABLE,
		.mode = mode,
		.lcore_id = RTE_TPH_LCORE_NONE,
		.cpu = RTE_TPH_CPU_NONE,
	};

	return rte_tph_strerror(err, &why, buf, size);
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
	char text[RTE_TPH_STRERROR_LEN];
	bool claim_refused;
	struct eth_tph_port *p;
	const char *why;
	char buf[128];
	int ret;

	RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, -ENODEV);
	dev = &rte_eth_devices[port_id];
	if (mode != RTE_TPH_MODE_OFF && mode != RTE_TPH_MODE_IV &&
			mode != RTE_TPH_MODE_DS) {
		RTE_ETHDEV_LOG(ERR, "Port %u: invalid TPH mode %d\n",
			port_id, (int)mode);
		return -EINVAL;
	}
	ret = eth_tph_secondary_refuse(port_id, "mode change");
	if (ret != 0)
		return ret;
	p = eth_tph_port_of(dev);
	if (p == NULL)
		return -ENOMEM;
	if (mode != RTE_TPH_MODE_OFF) {
		eth_tph_capa_fill(dev, &capa);
		why = eth_tph_unusable_reason(dev, &capa, mode, buf, sizeof(buf));
		if (why != NULL) {
			RTE_ETHDEV_LOG(ERR, "Port %u: TPH %s mode not supported: %s\n",
				port_id, rte_tph_mode_name(mode), why);
			return -ENOTSUP;
		}
	}
	ret = eth_tph_mode_change(dev, p, mode, &claim_refused);
	if (ret != 0) {
		/* eth_tph_claim() logged why the port cannot own the device. */
		RTE_ETHDEV_LOG(ERR, "Port %u: setting TPH %s mode failed: %s\n",
			port_id, rte_tph_mode_name(mode), claim_refused ?
			ETH_TPH_NOT_OWNER :
			eth_tph_enable_strerror(mode, ret, text, sizeof(text)));
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
	*mode = eth_tph_port_view(port_id)->mode;
	return 0;
}

/* Check one entry of a bind request; log why it is refused. */
static int
eth_tph_binding_check(const struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *b)
{
	uint16_t port_id = eth_tph_port_id(dev);
	unsigned int cpu;
	int ret;

	ret = eth_tph_queue_check(dev, b->queue_id, b->dir);
	if (ret != 0)
		return ret;
	/* lib/tph's lcore rule, whose refusal it logs with the reason. */
	if (rte_tph_lcore_to_cpu(b->lcore_id, &cpu) != 0) {
		RTE_ETHDEV_LOG(DEBUG, "Port %u %s %u: lcore %u cannot be bound\n",
			port_id, eth_tph_dir_name(b->dir), b->queue_id,
			b->lcore_id);
		return -EINVAL;
	}
	if (b->mem_type != RTE_TPH_MEM_VOLATILE &&
			b->mem_type != RTE_TPH_MEM_PERSISTENT) {
		RTE_ETHDEV_LOG(ERR, "Port %u %s %u: invalid TPH memory type %d\n",
			port_id, eth_tph_dir_name(b->dir), b->queue_id,
			(int)b->mem_type);
		return -EINVAL;
	}
	return 0;
}

/* A queue named twice in one request; @p seen is per direction. */
static int
eth_tph_duplicate_check(const struct rte_eth_dev *dev,
		uint64_t seen[ETH_TPH_NB_DIRS][ETH_TPH_SEEN_WORDS],
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	uint64_t bit = UINT64_C(1) << (queue_id % 64);
	uint64_t *word = &seen[dir][queue_id / 64];

	if (*word & bit) {
		RTE_ETHDEV_LOG(ERR, "Port %u %s %u: queue named twice in one TPH request\n",
			eth_tph_port_id(dev), eth_tph_dir_name(dir), queue_id);
		return -EINVAL;
	}
	*word |= bit;
	return 0;
}

int
rte_eth_dev_tph_queues_bind(uint16_t port_id,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n)
{
	uint64_t seen[ETH_TPH_NB_DIRS][ETH_TPH_SEEN_WORDS];
	const struct rte_eth_tph_queue_binding *bb;
	struct eth_tph_binding *b;
	struct rte_eth_dev *dev;
	struct eth_tph_port *p;
	char name[48];
	uint16_t i;
	int ret;

	RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, -ENODEV);
	dev = &rte_eth_devices[port_id];
	if (bindings == NULL || n == 0) {
		RTE_ETHDEV_LOG(ERR, "Port %u: no TPH queue binding given\n",
			port_id);
		return -EINVAL;
	}
	/* Everything is checked before anything changes: all or nothing. */
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n; i++) {
		bb = &bindings[i];
		ret = eth_tph_binding_check(dev, bb);
		if (ret == 0)
			ret = eth_tph_duplicate_check(dev, seen, bb->dir,
					bb->queue_id);
		if (ret != 0)
			return ret;
	}
	ret = eth_tph_secondary_refuse(port_id, "binding");
	if (ret != 0)
		return ret;
	eth_tph_req_name(dev, bindings[0].dir, bindings[0].queue_id, n, name,
		sizeof(name));
	p = eth_tph_port_of(dev);
	if (p == NULL || p->mode == RTE_TPH_MODE_OFF ||
			!eth_tph_pmd_capable(dev)) {
		RTE_ETHDEV_LOG(ERR, "%s: TPH is off on the port\n", name);
		return -ENOTSUP;
	}
	for (i = 0; i < n; i++) {
		bb = &bindings[i];
		if (!eth_tph_queue_is_setup(dev, bb->dir, bb->queue_id)) {
			RTE_ETHDEV_LOG(ERR, "Port %u %s %u: queue is not set up\n",
				port_id, eth_tph_dir_name(bb->dir),
				bb->queue_id);
			return -EINVAL;
		}
	}
	if (eth_tph_tables_get(dev, p) != 0) {
		RTE_ETHDEV_LOG(ERR, "Port %u: no memory for TPH bindings\n",
			port_id);
		return -ENOMEM;
	}
	if (dev->data->dev_started) {
		ret = eth_tph_pmd_bind(dev, p, bindings, n);
		if (ret != 0) {
			/* The caller gets the errno and says it in its words. */
			eth_tph_bind_failed_log(dev, RTE_LOG_DEBUG, p->mode,
				bindings, n, ret);
			eth_tph_bind_refused(dev, p, bindings, n, ret);
			return ret;
		}
	}
	/* A stopped port keeps any older tag until its next start rewrites it. */
	rte_seqlock_write_lock(&p->lock);
	for (i = 0; i < n; i++) {
		bb = &bindings[i];
		b = &p->queues[bb->dir][bb->queue_id];
		b->bound = true;
		b->failed = false;
		b->lcore_id = bb->lcore_id;
		if (rte_tph_lcore_to_cpu(bb->lcore_id, &b->cpu) != 0)
			b->cpu = UINT32_MAX;
		b->mem_type = bb->mem_type;
	}
	rte_seqlock_write_unlock(&p->lock);
	return 0;
}

int
rte_eth_dev_tph_queue_bind(uint16_t port_id, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir, unsigned int lcore_id,
		enum rte_tph_mem_type mem_type)
{
	const struct rte_eth_tph_queue_binding b = {
		.dir = dir,
		.queue_id = queue_id,
		.lcore_id = lcore_id,
		.mem_type = mem_type,
	};

	return rte_eth_dev_tph_queues_bind(port_id, &b, 1);
}

int
rte_eth_dev_tph_queues_unbind(uint16_t port_id,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n)
{
	uint64_t seen[ETH_TPH_NB_DIRS][ETH_TPH_SEEN_WORDS];
	struct rte_eth_tph_queue_ref *refs;
	struct eth_tph_binding *b;
	struct rte_eth_dev *dev;
	struct eth_tph_port *p;
	unsigned int k = 0;
	uint16_t i;
	int ret;

	RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, -ENODEV);
	dev = &rte_eth_devices[port_id];
	if (queues == NULL || n == 0) {
		RTE_ETHDEV_LOG(ERR, "Port %u: no TPH queue given to unbind\n",
			port_id);
		return -EINVAL;
	}
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n; i++) {
		ret = eth_tph_queue_check(dev, queues[i].queue_id, queues[i].dir);
		if (ret == 0)
			ret = eth_tph_duplicate_check(dev, seen, queues[i].dir,
					queues[i].queue_id);
		if (ret != 0)
			return ret;
	}
	ret = eth_tph_secondary_refuse(port_id, "unbinding");
	if (ret != 0)
		return ret;
	p = eth_tph_port_of(dev);
	if (p == NULL || eth_tph_tables_unused(dev))
		return 0;
	refs = eth_tph_scratch_of(dev)->ref_batch;
	rte_seqlock_write_lock(&p->lock);
	for (i = 0; i < n; i++) {
		b = &p->queues[queues[i].dir][queues[i].queue_id];
		if (b->applied)
			refs[k++] = queues[i];
		memset(b, 0, sizeof(*b));
	}
	rte_seqlock_write_unlock(&p->lock);
	return eth_tph_pmd_unbind(dev, refs, k);
}

int
rte_eth_dev_tph_queue_unbind(uint16_t port_id, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir)
{
	const struct rte_eth_tph_queue_ref q = {
		.dir = dir,
		.queue_id = queue_id,
	};

	return rte_eth_dev_tph_queues_unbind(port_id, &q, 1);
}

/* The PMD writes a queue's tag only when the queue starts. */
static bool
eth_tph_pmd_loads_at_queue_start(struct rte_eth_dev *dev)
{
	uint32_t modes = 0;

	return dev->dev_ops->tph_caps_get != NULL &&
		dev->dev_ops->tph_caps_get(dev, &modes) == 0 &&
		(modes & RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START) != 0;
}

/*
 * A queue without binding may still run with the tag of its last one,
 * until it starts again (RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START): ask the
 * PMD for that alone.
 */
static int
eth_tph_unbound_pending(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info)
{
	struct rte_eth_tph_queue_info pmd_info;

	if (dev->dev_ops->tph_queue_info_get == NULL ||
			!eth_tph_pmd_loads_at_queue_start(dev))
		return 0;
	memset(&pmd_info, 0, sizeof(pmd_info));
	if (dev->dev_ops->tph_queue_info_get(dev, dir, queue_id,
			&pmd_info) == 0)
		info->pending = pmd_info.pending;
	return 0;
}

int
rte_eth_dev_tph_queue_info_get(uint16_t port_id, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir, struct rte_eth_tph_queue_info *info)
{
	struct eth_tph_binding copy;
	const struct eth_tph_binding *b;
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
	if (!eth_tph_binding_copy(port_id, dir, queue_id, &copy))
		return eth_tph_unbound_pending(dev, dir, queue_id, info);
	b = &copy;
	if (b->failed) {
		info->bind_failed = true;
		info->failed_lcore_id = b->failed_lcore_id;
		info->bind_err = b->failed_err;
	}
	if (!b->bound)
		return eth_tph_unbound_pending(dev, dir, queue_id, info);
	info->bound = true;
	info->applied = b->applied;
	info->lcore_id = b->lcore_id;
	info->mem_type = b->mem_type;
	info->cpu = b->cpu;
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
	char text[RTE_TPH_STRERROR_LEN];
	bool claim_refused;
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
	ret = eth_tph_mode_change(dev, p, mode, &claim_refused);
	if (ret != 0) {
		RTE_ETHDEV_LOG(INFO,
			"Port %u: TPH %s mode (--tph-mode) not enabled: refused by the system: %s\n",
			port_id, rte_tph_mode_name(mode), claim_refused ?
			ETH_TPH_NOT_OWNER :
			eth_tph_enable_strerror(mode, ret, text, sizeof(text)));
		return;
	}
	RTE_ETHDEV_LOG(INFO, "Port %u: TPH enabled in %s mode (--tph-mode)\n",
		port_id, rte_tph_mode_name(mode));
}

/*
 * The life cycle hooks change the port's state: the primary's business.
 * A secondary releasing its view of a port must not touch it.
 */
static struct eth_tph_port *
eth_tph_port_hook(struct rte_eth_dev *dev)
{
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return NULL;
	return eth_tph_port_of(dev);
}

void
eth_dev_tph_pre_start(struct rte_eth_dev *dev)
{
	struct eth_tph_port *p = eth_tph_port_hook(dev);

	/* Its dev_start writes the queue contexts: the tags must be there. */
	if (p != NULL && p->mode != RTE_TPH_MODE_OFF &&
			eth_tph_pmd_loads_at_queue_start(dev))
		eth_tph_program(dev, p);
}

void
eth_dev_tph_start(struct rte_eth_dev *dev)
{
	struct eth_tph_port *p = eth_tph_port_hook(dev);

	if (p == NULL)
		return;
	if (!p->mode_set_by_app && !p->eal_default_done) {
		p->eal_default_done = true;
		eth_tph_apply_eal_default(dev, p);
	}
	/*
	 * The PMD may have reset its queues: program every binding again,
	 * unless eth_dev_tph_pre_start() did (one tag lookup per start).
	 */
	if (p->mode != RTE_TPH_MODE_OFF &&
			!eth_tph_pmd_loads_at_queue_start(dev))
		eth_tph_program_all(dev, p);
}

void
eth_dev_tph_queues_config(struct rte_eth_dev *dev, uint16_t nb_rx,
		uint16_t nb_tx)
{
	struct eth_tph_port *p = eth_tph_port_hook(dev);
	struct rte_eth_tph_queue_ref *refs;
	struct eth_tph_binding *b;
	unsigned int dir, n = 0;
	uint16_t q;

	if (p == NULL || eth_tph_tables_unused(dev))
		return;
	refs = eth_tph_scratch_of(dev)->ref_batch;
	rte_seqlock_write_lock(&p->lock);
	for (dir = 0; dir < ETH_TPH_NB_DIRS; dir++) {
		q = dir == RTE_ETH_TPH_QUEUE_RX ? nb_rx : nb_tx;
		for (; q < RTE_MAX_QUEUES_PER_PORT; q++) {
			b = &p->queues[dir][q];
			if (b->applied) {
				refs[n].dir = dir;
				refs[n].queue_id = q;
				n++;
			}
			memset(b, 0, sizeof(*b));
		}
	}
	rte_seqlock_write_unlock(&p->lock);
	eth_tph_pmd_unbind(dev, refs, n);
}

void
eth_dev_tph_queue_release(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id)
{
	const struct rte_eth_tph_queue_ref ref = {
		.dir = dir,
		.queue_id = queue_id,
	};
	struct eth_tph_port *p = eth_tph_port_hook(dev);
	struct eth_tph_binding *b;
	bool applied;

	b = eth_tph_binding_find(p, dir, queue_id);
	if (b == NULL || !b->bound)
		return;
	applied = b->applied;
	rte_seqlock_write_lock(&p->lock);
	memset(b, 0, sizeof(*b));
	rte_seqlock_write_unlock(&p->lock);
	if (applied)
		eth_tph_pmd_unbind(dev, &ref, 1);
}

/*
 * Clear every binding, turn TPH off in the PMD and the device, and forget
 * the port's state: what a newly probed port has. Returns the mode the
 * port was in.
 */
static enum rte_tph_mode
eth_tph_port_off(struct rte_eth_dev *dev, const char *when)
{
	struct eth_tph_port *p = eth_tph_port_hook(dev);
	enum rte_tph_mode old;
	int ret;

	if (p == NULL)
		return RTE_TPH_MODE_OFF;
	old = p->mode;

	eth_tph_unprogram_all(dev, p);
	if (old != RTE_TPH_MODE_OFF) {
		ret = eth_tph_device_off(dev, true);
		if (ret != 0)
			RTE_ETHDEV_LOG(WARNING,
				"Port %u: disabling TPH at %s failed: %s\n",
				eth_tph_port_id(dev), when, strerror(-ret));
	}
	eth_tph_port_reset(dev, p);
	return old;
}

void
eth_dev_tph_close(struct rte_eth_dev *dev)
{
	eth_tph_port_off(dev, "close");
}

void
eth_dev_tph_reset(struct rte_eth_dev *dev)
{
	enum rte_tph_mode old = eth_tph_port_off(dev, "reset");

	/* The application must hear that its bindings are gone. */
	if (old != RTE_TPH_MODE_OFF)
		RTE_ETHDEV_LOG(INFO, "Port %u: TPH %s mode turned off by the port reset: every queue binding removed\n",
			eth_tph_port_id(dev), rte_tph_mode_name(old));
}

void
eth_dev_tph_release(struct rte_eth_dev *dev)
{
	struct eth_tph_port *p = eth_tph_port_hook(dev);

	if (p != NULL)
		eth_tph_port_reset(dev, p);
}
