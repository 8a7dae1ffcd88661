/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef ETHDEV_TPH_QCTX_H
#define ETHDEV_TPH_QCTX_H

/**
 * @file
 * TPH Device Specific mode helpers for PMDs whose steering tag is an
 * 8-bit field of each queue's context, which the device reads when the
 * queue starts (RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START), such as the LAN
 * queue contexts of Intel X710/XL710 and E810.
 *
 * For drivers only, not an application API. The helpers keep, per port
 * and queue, the tag a binding asks for ("wanted") and the tag the device
 * took with the last context write ("loaded"), look the tags of one
 * rebinding up in one rte_tph_get_st() batch, and answer the ethdev TPH
 * callbacks from that table. The PMD keeps what is its own: packing the
 * tag and its enables into its context structures, writing contexts, and
 * any reason of its own to refuse a binding or a mode.
 *
 * A binding never touches the device: the PMD puts
 * rte_eth_tph_qctx_wanted() in each context it writes and notes the
 * written tag with rte_eth_tph_qctx_loaded(). A binding of a started
 * queue is pending until the queue starts again; the PMD never stops or
 * starts a queue itself. The table is in a memzone every process maps:
 * a secondary reports what the primary's contexts hold.
 *
 * Built with lib/tph only: a PMD includes this header and calls these
 * functions under RTE_LIB_TPH.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_compat.h>
#include <rte_tph.h>

#include "ethdev_driver.h"
#include "rte_ethdev_tph.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @internal
 * What the TPH fields of one queue context say.
 */
struct rte_eth_tph_qctx_tag {
	bool steered; /**< a binding holds the queue: tag and enables set */
	uint8_t tag;  /**< the CPUID field, 0 when not steered */
};

/**
 * @internal
 * A PMD's own reason to refuse binding one queue, checked for every
 * queue of a batch before any tag is looked up.
 *
 * @param dev
 *   The port.
 * @param dir
 *   Rx or Tx queue.
 * @param queue_id
 *   The queue, set up.
 * @return
 *   0, or a negative errno (the PMD logs why).
 */
typedef int (*rte_eth_tph_qctx_bind_check_t)(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id);

/**
 * @internal
 * tph_mode_set callback body: DS or off (the primary sets the shared
 * state up on the first DS); other modes are refused with -ENOTSUP.
 * Off keeps what the contexts hold: they steer until written again.
 *
 * @param dev
 *   The port.
 * @param mode
 *   The new mode.
 * @return
 *   0, -ENOTSUP or -ENOMEM.
 */
__rte_internal
int rte_eth_tph_qctx_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode);

/**
 * @internal
 * tph_queues_bind callback body: check every queue (set up, then
 * @p check if not NULL), look the @p n tags up in one batch, and record
 * them as wanted only if all of them fit the 8-bit field.
 *
 * @param dev
 *   The port.
 * @param bindings
 *   The bindings, checked by ethdev.
 * @param n
 *   Number of bindings.
 * @param check
 *   The PMD's own check of each queue, or NULL.
 * @return
 *   0; -ENOTSUP outside DS mode; -EINVAL for a queue not set up; the
 *   error of @p check or of rte_tph_get_st(); -ERANGE for a tag wider
 *   than 8 bits; -ENOMEM. Nothing is recorded on error.
 */
__rte_internal
int rte_eth_tph_qctx_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n,
		rte_eth_tph_qctx_bind_check_t check);

/**
 * @internal
 * tph_queues_unbind callback body: every queue that can be is unbound
 * (wants no tag), even when another one of the list cannot.
 *
 * @param dev
 *   The port.
 * @param queues
 *   The queues.
 * @param n
 *   Number of queues.
 * @return
 *   0, or -EINVAL (the first queue not set up).
 */
__rte_internal
int rte_eth_tph_qctx_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n);

/**
 * @internal
 * tph_queue_info_get callback body: the tag the context holds (not the
 * one asked for) and whether a started queue waits for a restart.
 *
 * @param dev
 *   The port.
 * @param dir
 *   Rx or Tx queue.
 * @param queue_id
 *   The queue.
 * @param[in,out] info
 *   Gets st_valid, st and pending.
 * @return
 *   0, or -EINVAL for a queue not set up.
 */
__rte_internal
int rte_eth_tph_qctx_queue_info_get(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info);

/**
 * @internal
 * dev_start, before the contexts are written: forget the tags the
 * contexts held (each is written again); keep the wanted ones. ethdev
 * bound the recorded queues just before dev_start
 * (RTE_ETH_TPH_PMD_LOADS_AT_QUEUE_START), so the contexts written next
 * take their tags.
 *
 * @param dev
 *   The port being started.
 */
__rte_internal
void rte_eth_tph_qctx_dev_start(struct rte_eth_dev *dev);

/**
 * @internal
 * dev_close: forget the port's TPH state.
 *
 * @param dev
 *   The port being closed.
 */
__rte_internal
void rte_eth_tph_qctx_dev_close(struct rte_eth_dev *dev);

/**
 * @internal
 * The tag to put in the context of an ethdev queue: its binding's, or
 * unsteered when the port is not in DS mode or the queue is unbound.
 *
 * @param port_id
 *   The port.
 * @param dir
 *   Rx or Tx queue.
 * @param queue_id
 *   The ethdev queue.
 * @return
 *   The tag to write, never NULL.
 */
__rte_internal
const struct rte_eth_tph_qctx_tag *rte_eth_tph_qctx_wanted(uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id);

/**
 * @internal
 * The device took a context with @p t for this queue.
 *
 * @param port_id
 *   The port.
 * @param dir
 *   Rx or Tx queue.
 * @param queue_id
 *   The ethdev queue.
 * @param t
 *   What the written context holds.
 */
__rte_internal
void rte_eth_tph_qctx_loaded(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, const struct rte_eth_tph_qctx_tag *t);

/**
 * @internal
 * The queue's context lacks its binding: a start must write it again.
 *
 * @param port_id
 *   The port.
 * @param dir
 *   Rx or Tx queue.
 * @param queue_id
 *   The ethdev queue.
 * @return
 *   True when the wanted and the loaded tag differ.
 */
__rte_internal
bool rte_eth_tph_qctx_reload_needed(uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id);

/**
 * @internal
 * The port is started and so is the queue.
 *
 * @param dev
 *   The port.
 * @param dir
 *   Rx or Tx queue.
 * @param queue_id
 *   The queue.
 * @return
 *   True when both are started.
 */
__rte_internal
bool rte_eth_tph_qctx_queue_started(const struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id);

#ifdef __cplusplus
}
#endif

#endif /* ETHDEV_TPH_QCTX_H */
