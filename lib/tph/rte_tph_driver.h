/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef RTE_TPH_DRIVER_H
#define RTE_TPH_DRIVER_H

/**
 * @file
 * TPH device operations, for buses.
 *
 * A bus that can reach the TPH requester of a device registers these
 * operations for it. The library validates every request, resolves lcores
 * to CPUs and keeps the state; the operations only talk to the hardware or
 * the kernel. Each operation is called at most once per library call.
 *
 * @warning
 * @b INTERNAL: for buses only; not part of the application API.
 */

#include <stdint.h>

#include <rte_compat.h>

#include "rte_tph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Value of rte_tph_hw_entry::cpu that clears a table entry. */
#define RTE_TPH_CPU_CLEAR UINT32_MAX

/** A steering tag entry as the backend sees it. */
struct rte_tph_hw_entry {
	uint32_t cpu;      /**< OS CPU id, or RTE_TPH_CPU_CLEAR (set only). */
	uint16_t index;    /**< Table index (set only). */
	uint16_t st;       /**< Steering tag (get only, output). */
	uint8_t mem_type;  /**< enum rte_tph_mem_type. */
};

/** Operations a bus provides for one device. All return 0 or -errno. */
struct rte_tph_dev_ops {
	/** Report the capability; modes 0 means TPH is unusable. */
	int (*cap_get)(struct rte_device *dev, struct rte_tph_cap *cap);
	/** Enable in RTE_TPH_MODE_IV or RTE_TPH_MODE_DS, switching if needed. */
	int (*enable)(struct rte_device *dev, enum rte_tph_mode mode);
	/** Disable the requester. */
	int (*disable)(struct rte_device *dev);
	/** Resolve @p n (cpu, mem_type) pairs to tags, all or none. */
	int (*get_st)(struct rte_device *dev, struct rte_tph_hw_entry *ents,
			unsigned int n);
	/** Program @p n (index <- tag of cpu) entries, all or none. */
	int (*set_st)(struct rte_device *dev,
			const struct rte_tph_hw_entry *ents, unsigned int n);
};

/**
 * Register the TPH operations of a device.
 *
 * The capability is read once, with ops->cap_get(), here.
 *
 * @param dev
 *   The device; it must stay valid until rte_tph_dev_unregister().
 * @param ops
 *   Its operations; all must be set. The structure must outlive the
 *   registration.
 * @return
 *   0 on success; -EINVAL on bad argument; -EEXIST if already registered;
 *   -ENOMEM; or the error of ops->cap_get().
 */
__rte_internal
int rte_tph_dev_register(struct rte_device *dev,
		const struct rte_tph_dev_ops *ops);

/**
 * Unregister a device.
 *
 * Programmed entries are cleared and the requester disabled first, so
 * the kernel holds no TPH state for it. Later calls for @p dev fail with
 * -ENODEV until it is registered again.
 *
 * @param dev
 *   The device.
 * @return
 *   0 on success; -ENOENT if it was not registered.
 */
__rte_internal
int rte_tph_dev_unregister(struct rte_device *dev);

#ifdef __cplusplus
}
#endif

#endif /* RTE_TPH_DRIVER_H */
