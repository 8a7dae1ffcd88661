/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * The ethdev TPH API (rte_ethdev_tph.h) of a DPDK built without lib/tph
 * (-Ddisable_libs=tph): every call returns -ENOTSUP, and the port life
 * cycle hooks have nothing to undo. Built instead of ethdev_tph.c.
 */

#include <errno.h>
#include <stdbool.h>

#include <rte_common.h>
#include <rte_eal.h>

#include "ethdev_driver.h"
#include "ethdev_tph_private.h"
#include "rte_ethdev_tph.h"

/* One line per process: the application hears why, not every call. */
static int
eth_tph_not_built(void)
{
	static bool said;

	if (!said)
		RTE_ETHDEV_LOG(INFO, "TPH not built: DPDK was configured without lib/tph (-Ddisable_libs=tph)\n");
	said = true;
	return -ENOTSUP;
}

int
rte_eth_dev_tph_capability_get(__rte_unused uint16_t port_id,
		__rte_unused struct rte_eth_tph_capa *capa)
{
	return eth_tph_not_built();
}

int
rte_eth_dev_tph_mode_set(__rte_unused uint16_t port_id,
		__rte_unused enum rte_tph_mode mode)
{
	return eth_tph_not_built();
}

int
rte_eth_dev_tph_mode_get(__rte_unused uint16_t port_id,
		__rte_unused enum rte_tph_mode *mode)
{
	return eth_tph_not_built();
}

int
rte_eth_dev_tph_queue_bind(__rte_unused uint16_t port_id,
		__rte_unused uint16_t queue_id,
		__rte_unused enum rte_eth_tph_queue_dir dir,
		__rte_unused unsigned int lcore_id,
		__rte_unused enum rte_tph_mem_type mem_type)
{
	return eth_tph_not_built();
}

int
rte_eth_dev_tph_queues_bind(__rte_unused uint16_t port_id,
		__rte_unused const struct rte_eth_tph_queue_binding *bindings,
		__rte_unused uint16_t n)
{
	return eth_tph_not_built();
}

int
rte_eth_dev_tph_queue_unbind(__rte_unused uint16_t port_id,
		__rte_unused uint16_t queue_id,
		__rte_unused enum rte_eth_tph_queue_dir dir)
{
	return eth_tph_not_built();
}

int
rte_eth_dev_tph_queues_unbind(__rte_unused uint16_t port_id,
		__rte_unused const struct rte_eth_tph_queue_ref *queues,
		__rte_unused uint16_t n)
{
	return eth_tph_not_built();
}

int
rte_eth_dev_tph_queue_info_get(__rte_unused uint16_t port_id,
		__rte_unused uint16_t queue_id,
		__rte_unused enum rte_eth_tph_queue_dir dir,
		__rte_unused struct rte_eth_tph_queue_info *info)
{
	return eth_tph_not_built();
}

void
eth_dev_tph_pre_start(__rte_unused struct rte_eth_dev *dev)
{
}

void
eth_dev_tph_start(__rte_unused struct rte_eth_dev *dev)
{
	/* --tph-mode asked for TPH: say once why the ports run without. */
	if (rte_eal_tph_mode() != RTE_EAL_TPH_MODE_OFF)
		eth_tph_not_built();
}

void
eth_dev_tph_queues_config(__rte_unused struct rte_eth_dev *dev,
		__rte_unused uint16_t nb_rx, __rte_unused uint16_t nb_tx)
{
}

void
eth_dev_tph_queue_release(__rte_unused struct rte_eth_dev *dev,
		__rte_unused enum rte_eth_tph_queue_dir dir,
		__rte_unused uint16_t queue_id)
{
}

void
eth_dev_tph_close(__rte_unused struct rte_eth_dev *dev)
{
}

void
eth_dev_tph_reset(__rte_unused struct rte_eth_dev *dev)
{
}

void
eth_dev_tph_release(__rte_unused struct rte_eth_dev *dev)
{
}
