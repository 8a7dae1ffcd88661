/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * The queue context helpers (ethdev_tph_qctx.h) of a DPDK built without
 * lib/tph: version.map lists them either way, so every one is defined.
 * PMDs call them only under RTE_LIB_TPH; should one reach them anyway,
 * ports run unsteered: no mode, no binding, nothing loaded.
 */

#include <errno.h>
#include <stdbool.h>

#include <rte_common.h>

#include "ethdev_tph_qctx.h"

int
rte_eth_tph_qctx_mode_set(__rte_unused struct rte_eth_dev *dev,
		enum rte_tph_mode mode)
{
	return mode == RTE_TPH_MODE_OFF ? 0 : -ENOTSUP;
}

int
rte_eth_tph_qctx_queues_bind(__rte_unused struct rte_eth_dev *dev,
		__rte_unused const struct rte_eth_tph_queue_binding *bindings,
		__rte_unused uint16_t n,
		__rte_unused rte_eth_tph_qctx_bind_check_t check)
{
	return -ENOTSUP;
}

int
rte_eth_tph_qctx_queues_unbind(__rte_unused struct rte_eth_dev *dev,
		__rte_unused const struct rte_eth_tph_queue_ref *queues,
		__rte_unused uint16_t n)
{
	return 0;
}

int
rte_eth_tph_qctx_queue_info_get(__rte_unused struct rte_eth_dev *dev,
		__rte_unused enum rte_eth_tph_queue_dir dir,
		__rte_unused uint16_t queue_id,
		__rte_unused struct rte_eth_tph_queue_info *info)
{
	return 0;
}

void
rte_eth_tph_qctx_dev_start(__rte_unused struct rte_eth_dev *dev)
{
}

void
rte_eth_tph_qctx_dev_close(__rte_unused struct rte_eth_dev *dev)
{
}

const struct rte_eth_tph_qctx_tag *
rte_eth_tph_qctx_wanted(__rte_unused uint16_t port_id,
		__rte_unused enum rte_eth_tph_queue_dir dir,
		__rte_unused uint16_t queue_id)
{
	static const struct rte_eth_tph_qctx_tag unsteered;

	return &unsteered;
}

void
rte_eth_tph_qctx_loaded(__rte_unused uint16_t port_id,
		__rte_unused enum rte_eth_tph_queue_dir dir,
		__rte_unused uint16_t queue_id,
		__rte_unused const struct rte_eth_tph_qctx_tag *t)
{
}

bool
rte_eth_tph_qctx_reload_needed(__rte_unused uint16_t port_id,
		__rte_unused enum rte_eth_tph_queue_dir dir,
		__rte_unused uint16_t queue_id)
{
	return false;
}

bool
rte_eth_tph_qctx_queue_started(__rte_unused const struct rte_eth_dev *dev,
		__rte_unused enum rte_eth_tph_queue_dir dir,
		__rte_unused uint16_t queue_id)
{
	return false;
}
