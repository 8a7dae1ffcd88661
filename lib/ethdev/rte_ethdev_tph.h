/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef RTE_ETHDEV_TPH_H
#define RTE_ETHDEV_TPH_H

/**
 * @file
 * PCIe TLP Processing Hints (TPH) for Ethernet ports.
 *
 * A port whose device and PMD both support TPH can steer the DMA writes of
 * each Rx and Tx queue to the cache of the CPU of the lcore that polls the
 * queue. The application binds a queue to an lcore; the PMD turns the
 * binding into a steering tag (ST) table entry (Interrupt Vector mode) or a
 * tag in a queue register of its own (Device Specific mode), through
 * lib/tph (rte_tph.h).
 *
 * Life cycle of the state kept here, per port (one owner: see below):
 * - The mode is set with rte_eth_dev_tph_mode_set(), or, when the
 *   application never set it, from the EAL option --tph-mode at the first
 *   rte_eth_dev_start() of the port (one INFO log line says why TPH was
 *   not enabled when it cannot be).
 * - Bindings made while the port is stopped are recorded and programmed at
 *   the next rte_eth_dev_start(); bindings made while it runs are
 *   programmed at once, except where the PMD loads tags at queue start
 *   (rte_eth_tph_capa.pmd_loads_at_queue_start): a change to a started
 *   queue is then pending until the queue starts again. Every
 *   rte_eth_dev_start() programs all bindings again, so they survive a
 *   stop/start. ethdev hands the PMD all the
 *   queues of one such step together (a start, a mode switch, a
 *   rte_eth_dev_tph_queues_bind() call, a close), so that the device gets
 *   one request per step rather than one per queue.
 * - Releasing a queue (setting it up again, reconfiguring the port to fewer
 *   queues) removes its binding; rte_eth_dev_close() removes all bindings
 *   and disables TPH on the device. Switching the mode to off removes all
 *   bindings; switching between IV and DS keeps them and programs them in
 *   the new mode.
 * - rte_eth_dev_reset() turns TPH off before the PMD resets the port: every
 *   binding is removed and the device disabled, and the port has the TPH
 *   state of a newly probed one (mode off; --tph-mode applies again at its
 *   next start). With --tph-mode other than off, TPH therefore comes back
 *   on at that start without a call from the application, even after it
 *   set the mode to off: set the mode (off included) and bind the queues
 *   again after reconfiguring it.
 * - A TPH failure never makes rte_eth_dev_start() fail: the port then
 *   works without TPH. When programming the bindings together fails at a
 *   start or a mode switch, ethdev programs them one queue at a time, so
 *   that a binding the device refuses costs only its own queue.
 *
 * These functions have the thread safety of the other ethdev control
 * functions: call them from one control thread at a time. This holds
 * across the ports of one device too (see below): two threads changing
 * the mode of two such ports at once may both find no other port using
 * TPH, and the second switches the device's mode under the first.
 *
 * One owner: the primary process owns a port's TPH state. It lives in
 * shared memory, so the query functions give the same answers in a
 * secondary process, where every function that would change it fails with
 * -E_RTE_SECONDARY (one log line says why). While a port is in IV or DS
 * mode ethdev owns its device in lib/tph: rte_tph_enable(),
 * rte_tph_disable(), rte_tph_set_st() and rte_tph_clear_st() on that
 * device fail with -EBUSY, and ethdev does not take over a device enabled
 * through them while the port was off (-EBUSY).
 *
 * TPH state belongs to a device (a PCI function), which may carry several
 * ports: ethdev's claim is the device's, shared by its ports that use
 * TPH, and so is the mode. A port can use TPH in the mode the device is
 * in for another of its ports (-EBUSY for another mode); the device is
 * disabled, and the claim given up, when the last of them goes off. The
 * PMD of such a device gives each port ST entries of its own.
 *
 * An lcore can be bound when lib/tph's lcore rule allows it
 * (rte_tph_lcore_to_cpu(): any lcore role but off, pinned to one CPU).
 * rte_tph_strerror() says why a binding or a mode was refused.
 *
 * In a DPDK built without lib/tph (-Ddisable_libs=tph) every function
 * here returns -ENOTSUP; the types it shares with lib/tph come from
 * rte_tph_types.h, installed with ethdev, and rte_tph.h is not installed.
 *
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_compat.h>
#include <rte_tph_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Direction of the queue a TPH binding applies to. */
enum rte_eth_tph_queue_dir {
	RTE_ETH_TPH_QUEUE_RX = 0, /**< Rx queue: packet and descriptor writes. */
	RTE_ETH_TPH_QUEUE_TX = 1, /**< Tx queue: descriptor write-backs. */
};

/** TPH capability of a port. */
struct rte_eth_tph_capa {
	/** RTE_TPH_CAP_MODE_* usable on the port: dev_modes & pmd_modes. */
	uint32_t modes;
	/** RTE_TPH_CAP_MODE_* the device offers (0 when dev_err != 0). */
	uint32_t dev_modes;
	/** RTE_TPH_CAP_MODE_* the PMD can drive (0 when pmd_err != 0). */
	uint32_t pmd_modes;
	/**
	 * 0 when the PMD reported its modes in @p pmd_modes (none: it cannot
	 * use TPH with this port's configuration, and its log says why);
	 * -ENOTSUP when the PMD has no TPH support; otherwise the negative
	 * errno of the PMD's query.
	 */
	int pmd_err;
	/**
	 * 0 when lib/tph reported the device capability (in @p dev_cap);
	 * otherwise the negative errno of rte_tph_cap_get(): -ENOTSUP means
	 * no bus backend provides TPH for this device.
	 */
	int dev_err;
	/** The device capability, valid when @p dev_err is 0. */
	struct rte_tph_cap dev_cap;
	/**
	 * The device takes a queue's tag only when the queue starts (DS mode
	 * tags in queue contexts: i40e, ice). A binding or unbinding of a
	 * started queue is then pending (rte_eth_tph_queue_info.pending)
	 * until the application restarts the queue, while no lcore polls it;
	 * the PMD never stops or starts a queue itself.
	 */
	bool pmd_loads_at_queue_start;
};

/** TPH state of one queue, as reported by rte_eth_dev_tph_queue_info_get(). */
struct rte_eth_tph_queue_info {
	/** The queue is bound to an lcore; the fields below need it. */
	bool bound;
	/** The binding is programmed in the device (false until started). */
	bool applied;
	/** The lcore the queue is bound to. */
	unsigned int lcore_id;
	/** The CPU of that lcore; UINT32_MAX if it has none (several CPUs). */
	unsigned int cpu;
	/** Memory type the tag targets. */
	enum rte_tph_mem_type mem_type;
	/** @p st_index holds the ST table index of the queue (IV mode). */
	bool st_index_valid;
	/** ST table index used for the queue. */
	uint16_t st_index;
	/** @p st holds the steering tag (known in DS mode only). */
	bool st_valid;
	/** The steering tag. */
	uint16_t st;
	/**
	 * The last binding of the queue was refused by the device (e.g. no
	 * tag for the lcore's CPU): the queue is not bound and not steered.
	 */
	bool bind_failed;
	/** The lcore of the refused binding. */
	unsigned int failed_lcore_id;
	/** Why it was refused (negative errno). */
	int bind_err;
	/**
	 * The queue runs with a tag other than its binding's (also after an
	 * unbinding: @p bound is then false): its PMD loads tags at queue
	 * start (rte_eth_tph_capa.pmd_loads_at_queue_start) and the change
	 * takes effect at the queue's next start, e.g.
	 * rte_eth_dev_rx_queue_stop() and rte_eth_dev_rx_queue_start().
	 */
	bool pending;
};

/** One queue binding, for rte_eth_dev_tph_queues_bind(). */
struct rte_eth_tph_queue_binding {
	enum rte_eth_tph_queue_dir dir; /**< Rx or Tx queue. */
	/** The queue, below the number of queues of @p dir configured. */
	uint16_t queue_id;
	/** An lcore lib/tph's lcore rule accepts (rte_tph_lcore_to_cpu()). */
	unsigned int lcore_id;
	/** The memory type the tag targets (RTE_TPH_MEM_VOLATILE usually). */
	enum rte_tph_mem_type mem_type;
};

/** One queue, for rte_eth_dev_tph_queues_unbind(). */
struct rte_eth_tph_queue_ref {
	enum rte_eth_tph_queue_dir dir; /**< Rx or Tx queue. */
	/** The queue, below the number of queues of @p dir configured. */
	uint16_t queue_id;
};

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Query the TPH capability of a port.
 *
 * The port can use TPH in the modes of @p capa->modes: the modes both its
 * device (lib/tph) and its PMD support. The other fields say why a mode is
 * missing.
 *
 * @param port_id
 *   The port identifier.
 * @param[out] capa
 *   The capability.
 * @return
 *   0 on success (also when no mode is usable); -ENODEV for an invalid
 *   port; -EINVAL if @p capa is NULL.
 */
__rte_experimental
int rte_eth_dev_tph_capability_get(uint16_t port_id,
		struct rte_eth_tph_capa *capa);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Set the TPH mode of a port.
 *
 * Takes effect at once on the device, started or not. RTE_TPH_MODE_OFF
 * clears every binding of the port and disables TPH on the device. Switching
 * between IV and DS keeps the bindings and programs them in the new mode if
 * the port is started. A mode set here replaces the EAL --tph-mode default
 * for the port. On failure the port keeps its previous mode, except for
 * RTE_TPH_MODE_OFF, which always leaves the port off (an error then means
 * the device or the PMD objected while being turned off). Where the PMD
 * loads tags at queue start (rte_eth_tph_capa.pmd_loads_at_queue_start),
 * the bindings a switch to IV or DS gives started queues are pending until
 * those queues start again; switching off takes effect at once (the
 * device sends no hint once TPH is disabled).
 *
 * @param port_id
 *   The port identifier.
 * @param mode
 *   The mode.
 * @return
 *   0 on success; -ENODEV for an invalid port; -EINVAL for an invalid mode;
 *   -ENOTSUP if the port cannot use @p mode; -EBUSY if the device was
 *   enabled outside ethdev, is owned by someone else or is in another
 *   mode for another port of the same device; -E_RTE_SECONDARY in
 *   a secondary process; another negative errno if the device or the kernel
 *   refused it (for example -EPERM for DS mode).
 */
__rte_experimental
int rte_eth_dev_tph_mode_set(uint16_t port_id, enum rte_tph_mode mode);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Get the TPH mode of a port.
 *
 * @param port_id
 *   The port identifier.
 * @param[out] mode
 *   The mode; RTE_TPH_MODE_OFF when TPH is not in use.
 * @return
 *   0 on success; -ENODEV for an invalid port; -EINVAL if @p mode is NULL.
 */
__rte_experimental
int rte_eth_dev_tph_mode_get(uint16_t port_id, enum rte_tph_mode *mode);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Bind a queue of a port to an lcore: the device steers the queue's DMA
 * writes to the cache of the lcore's CPU.
 *
 * The port must be in IV or DS mode and the queue set up. A queue already
 * bound is bound again (its previous binding is replaced). If the port is
 * started the binding is programmed at once; otherwise at the next
 * rte_eth_dev_start(). Where the PMD loads tags at queue start
 * (rte_eth_tph_capa.pmd_loads_at_queue_start), a binding of a started
 * queue is recorded and takes effect at the queue's next start:
 * rte_eth_dev_tph_queue_info_get() reports it as pending until then. To
 * bind several queues, rte_eth_dev_tph_queues_bind() programs them with
 * one request to the device.
 *
 * @param port_id
 *   The port identifier.
 * @param queue_id
 *   The queue, below the number of queues of @p dir configured.
 * @param dir
 *   Rx or Tx queue.
 * @param lcore_id
 *   An lcore lib/tph's lcore rule accepts (rte_tph_lcore_to_cpu()).
 * @param mem_type
 *   The memory type the tag targets (RTE_TPH_MEM_VOLATILE usually).
 * @return
 *   0 on success; -ENODEV for an invalid port; -EINVAL for an invalid
 *   queue, direction, lcore or memory type or a queue not set up; -ENOTSUP
 *   if TPH is off on the port; another negative errno from the PMD or
 *   lib/tph. When the request is invalid the previous binding of the
 *   queue, if any, is unchanged. When the device refuses it (started
 *   port), the queue is left unbound and unsteered (its previous tag is
 *   cleared: no CPU that no longer polls it keeps receiving its data) and
 *   rte_eth_dev_tph_queue_info_get() reports the failure.
 */
__rte_experimental
int rte_eth_dev_tph_queue_bind(uint16_t port_id, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir, unsigned int lcore_id,
		enum rte_tph_mem_type mem_type);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Bind several queues of a port to lcores at once, as
 * rte_eth_dev_tph_queue_bind() does for one queue.
 *
 * Bind all the queues an application polls with one call: the PMD then
 * programs them together, with one request to the device (one steering
 * tag table write, or one tag lookup) instead of one per queue. Started
 * queues of a PMD that loads tags at queue start are pending until they
 * start again (see rte_eth_dev_tph_queue_bind()). Every
 * entry is checked first: an invalid batch changes no binding. A batch the
 * device refuses (started port, e.g. one lcore's CPU has no tag) leaves
 * every queue it names unbound and unsteered, their previous tags
 * cleared, with the failure reported by rte_eth_dev_tph_queue_info_get();
 * bind those queues one at a time to steer all but the faulty ones (testpmd
 * does).
 *
 * @param port_id
 *   The port identifier.
 * @param bindings
 *   Array of @p n bindings, each naming a different queue.
 * @param n
 *   Number of bindings, at least 1.
 * @return
 *   0 on success; -ENODEV for an invalid port; -EINVAL for a NULL or empty
 *   array, an invalid queue, direction, lcore or memory type, a queue that
 *   is not set up or a queue named twice; -ENOTSUP if TPH is off on the
 *   port; -ENOMEM; another negative errno from the PMD or lib/tph (the
 *   queues of the batch are then unbound, see above).
 */
__rte_experimental
int rte_eth_dev_tph_queues_bind(uint16_t port_id,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Remove the binding of a queue; its DMA writes are no longer steered.
 * Where the PMD loads tags at queue start, a started queue keeps its tag
 * until its next start (rte_eth_tph_queue_info.pending).
 *
 * @param port_id
 *   The port identifier.
 * @param queue_id
 *   The queue, below the number of queues of @p dir configured.
 * @param dir
 *   Rx or Tx queue.
 * @return
 *   0 on success, also when the queue was not bound; -ENODEV for an
 *   invalid port; -EINVAL for an invalid queue or direction; another
 *   negative errno from the PMD (the binding is then removed anyway).
 */
__rte_experimental
int rte_eth_dev_tph_queue_unbind(uint16_t port_id, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Remove the bindings of several queues at once, as
 * rte_eth_dev_tph_queue_unbind() does for one queue: the PMD clears their
 * tags together. Queues that are not bound are skipped.
 *
 * @param port_id
 *   The port identifier.
 * @param queues
 *   Array of @p n queues, each named once.
 * @param n
 *   Number of queues, at least 1.
 * @return
 *   0 on success; -ENODEV for an invalid port; -EINVAL for a NULL or empty
 *   array, an invalid queue or direction or a queue named twice (nothing
 *   is unbound then); another negative errno from the PMD (the bindings
 *   are then removed anyway).
 */
__rte_experimental
int rte_eth_dev_tph_queues_unbind(uint16_t port_id,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Report the TPH binding of a queue.
 *
 * @param port_id
 *   The port identifier.
 * @param queue_id
 *   The queue, below the number of queues of @p dir configured.
 * @param dir
 *   Rx or Tx queue.
 * @param[out] info
 *   The binding; info->bound is false for a queue without binding, and
 *   info->bind_failed then says whether its last binding was refused.
 * @return
 *   0 on success; -ENODEV for an invalid port; -EINVAL for an invalid
 *   queue or direction or a NULL @p info.
 */
__rte_experimental
int rte_eth_dev_tph_queue_info_get(uint16_t port_id, uint16_t queue_id,
		enum rte_eth_tph_queue_dir dir,
		struct rte_eth_tph_queue_info *info);

#ifdef __cplusplus
}
#endif

#endif /* RTE_ETHDEV_TPH_H */
