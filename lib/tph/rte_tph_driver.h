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

#include <stddef.h>
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
 * The capability is read once, with ops->cap_get(), here. In a
 * secondary process the device attaches to the state the primary
 * registered under the same name (-ENOENT if there is none, -EPROTO if
 * the primary's shared state has a layout this process was not built
 * with); @p ops are then never called to change the device.
 *
 * @param dev
 *   The device; it must stay valid until rte_tph_dev_unregister().
 * @param ops
 *   Its operations; all must be set. The structure must outlive the
 *   registration.
 * @return
 *   0 on success; -EINVAL on bad argument; -EEXIST if already registered;
 *   -ENOMEM; -ENOENT or -EPROTO in a secondary process (see above); or
 *   the error of ops->cap_get().
 */
__rte_internal
int rte_tph_dev_register(struct rte_device *dev,
		const struct rte_tph_dev_ops *ops);

/**
 * Unregister a device.
 *
 * Programmed entries are cleared and the requester disabled first, so
 * the kernel holds no TPH state for it; then the library forgets the
 * device entirely (state, counters, claim). Later calls for @p dev
 * answer as for any unknown device (-ENOTSUP), and a device registered
 * afterwards, even under the same name, starts clean.
 *
 * In a secondary process the device is only forgotten by that process:
 * the primary owns its TPH state.
 *
 * @param dev
 *   The device.
 * @return
 *   0 on success; -ENOENT if it was not registered.
 */
__rte_internal
int rte_tph_dev_unregister(struct rte_device *dev);

/*
 * Ownership. A driver layer that keeps its own view of a device's TPH
 * state (ethdev, for the device of a port) claims the device; from then
 * on the application-facing mutators (rte_tph_enable(), rte_tph_disable(),
 * rte_tph_set_st(), rte_tph_clear_st()) fail with -EBUSY, so nothing
 * changes the device behind the owner's back. The owner and the drivers
 * working for it (its PMDs) use the rte_tph_owner_*() variants below,
 * which behave as the public calls without the ownership check.
 */

/** Longest owner name kept by rte_tph_dev_claim(), with its NUL. */
#define RTE_TPH_OWNER_NAME_LEN 32

/**
 * Claim a device for a driver layer.
 *
 * @param dev
 *   A registered device.
 * @param owner
 *   Who owns it, for log lines (for example "ethdev port 0"); truncated
 *   to RTE_TPH_OWNER_NAME_LEN - 1 characters.
 * @return
 *   0 on success, also when @p owner already holds the claim; -EINVAL on
 *   NULL argument; -ENOTSUP if the device is not registered; -EBUSY if
 *   another owner holds it; -E_RTE_SECONDARY in a secondary process.
 */
__rte_internal
int rte_tph_dev_claim(struct rte_device *dev, const char *owner);

/**
 * Give up the claim on a device. TPH state is left as it is: the owner
 * disables the device first if it should be off.
 *
 * @param dev
 *   The device.
 * @return
 *   0 on success, also when it was not claimed; -EINVAL on NULL device;
 *   -ENOTSUP if the device is not registered; -E_RTE_SECONDARY in a
 *   secondary process.
 */
__rte_internal
int rte_tph_dev_unclaim(struct rte_device *dev);

/**
 * Copy the name of the owner of a device.
 *
 * @param dev
 *   The device.
 * @param[out] owner
 *   Receives the owner name, "" when the device is not claimed.
 * @param size
 *   Size of @p owner.
 * @return
 *   0 on success; -EINVAL on bad argument; -ENOTSUP if the device is not
 *   registered.
 */
__rte_internal
int rte_tph_dev_owner_get(const struct rte_device *dev, char *owner,
		size_t size);

/** rte_tph_enable() for the owner of a device (no -EBUSY). */
__rte_internal
int rte_tph_owner_enable(struct rte_device *dev, enum rte_tph_mode mode);

/** rte_tph_disable() for the owner of a device (no -EBUSY). */
__rte_internal
int rte_tph_owner_disable(struct rte_device *dev);

/** rte_tph_set_st() for the owner of a device (no -EBUSY). */
__rte_internal
int rte_tph_owner_set_st(struct rte_device *dev,
		const struct rte_tph_st_entry *ents, unsigned int n);

/** rte_tph_clear_st() for the owner of a device (no -EBUSY). */
__rte_internal
int rte_tph_owner_clear_st(struct rte_device *dev, const uint16_t *index,
		unsigned int n);

#ifdef __cplusplus
}
#endif

#endif /* RTE_TPH_DRIVER_H */
