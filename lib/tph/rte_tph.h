/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef RTE_TPH_H
#define RTE_TPH_H

/**
 * @file
 * PCIe TLP Processing Hints (TPH) steering tags.
 *
 * A device that supports TPH can tag its DMA writes with a steering tag
 * (ST) so that the platform places the data in the cache of the CPU that
 * will consume it. This library lets a driver or an application program
 * those tags for the lcore that polls a queue, without knowing which bus
 * or kernel interface the device sits behind: a bus registers the device
 * operations through rte_tph_driver.h.
 *
 * Two steering modes exist:
 * - Interrupt Vector (IV): the device uses the ST table entry whose index
 *   is the MSI-X vector of the DMA. Entries are programmed with
 *   rte_tph_set_st(); the raw tag is never visible to user space.
 * - Device Specific (DS): the device takes tags from a place of its own
 *   (for example a queue register). The driver obtains tags with
 *   rte_tph_get_st() and writes them itself.
 *
 * All functions are control path and thread safe.
 *
 * One process owns the TPH state of a device: the primary. Its state
 * (mode, programmed entries, counters) lives in shared memory, so the
 * query functions give the same answers in secondary processes; every
 * function that changes a device or reaches the kernel (including
 * rte_tph_get_st()) fails there with -E_RTE_SECONDARY and sends nothing
 * to the kernel.
 *
 * While a device is claimed by a driver layer (ethdev claims the device
 * of a port that uses TPH, see rte_tph_driver.h), the device-level
 * mutators rte_tph_enable(), rte_tph_disable(), rte_tph_set_st() and
 * rte_tph_clear_st() fail with -EBUSY: TPH of such a device is changed
 * through its owner (the rte_eth_dev_tph_* calls for a port).
 *
 * @anchor tph_lcore_rule
 * <b>lcore rule.</b> A tag steers to one CPU, so an lcore can be bound when
 * it is an EAL lcore, a service lcore or a registered non-EAL thread
 * (any role but ROLE_OFF) and its CPU affinity is exactly one CPU.
 * rte_tph_lcore_to_cpu() applies this rule; every layer (lib/tph, ethdev,
 * testpmd) uses it.
 *
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_compat.h>
#include <rte_tph_types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_device;

/** Largest number of entries accepted by one rte_tph_get_st() call. */
#define RTE_TPH_BATCH_MAX 8192

/** lcore_id value selecting a CPU directly in struct rte_tph_st_query. */
#define RTE_TPH_LCORE_NONE UINT32_MAX

/** cpu value of struct rte_tph_refusal when no single CPU is concerned. */
#define RTE_TPH_CPU_NONE UINT32_MAX

/** Longest text rte_tph_strerror() writes, with its terminating NUL. */
#define RTE_TPH_STRERROR_LEN 192

/** The request a refusal answers, for rte_tph_strerror(). */
enum rte_tph_op {
	RTE_TPH_OP_OTHER = 0, /**< Any other request (query, claim, ...). */
	RTE_TPH_OP_ENABLE,    /**< Enable in a mode. */
	RTE_TPH_OP_DISABLE,   /**< Disable. */
	RTE_TPH_OP_GET_ST,    /**< Tag lookup (Device Specific mode). */
	RTE_TPH_OP_SET_ST,    /**< Table programming (Interrupt Vector mode). */
	RTE_TPH_OP_CLEAR_ST,  /**< Table clearing. */
	RTE_TPH_OP_LCORE,     /**< Resolving an lcore to its CPU. */
};

/** What a refused request was about, for rte_tph_strerror(). */
struct rte_tph_refusal {
	enum rte_tph_op op;     /**< The request. */
	enum rte_tph_mode mode; /**< Mode requested (enable) or in use. */
	/** lcore concerned, or RTE_TPH_LCORE_NONE. */
	unsigned int lcore_id;
	/** CPU concerned, or RTE_TPH_CPU_NONE (unknown or several). */
	unsigned int cpu;
};

/** One steering tag table entry to program (Interrupt Vector mode). */
struct rte_tph_st_entry {
	uint16_t index;                 /**< ST table index (MSI-X vector). */
	enum rte_tph_mem_type mem_type; /**< Memory type of the target. */
	unsigned int lcore_id;          /**< lcore whose CPU the tag steers to. */
};

/** One steering tag lookup (Device Specific mode). */
struct rte_tph_st_query {
	/** In: lcore to look up, or RTE_TPH_LCORE_NONE to use @p cpu. */
	unsigned int lcore_id;
	/** In: CPU when @p lcore_id is RTE_TPH_LCORE_NONE; out: the CPU used. */
	unsigned int cpu;
	enum rte_tph_mem_type mem_type; /**< In: memory type of the target. */
	uint16_t st;                    /**< Out: the steering tag. */
};

/** One programmed entry, as reported by rte_tph_entries_get(). */
struct rte_tph_entry_info {
	uint16_t index;                 /**< ST table index. */
	enum rte_tph_mem_type mem_type; /**< Memory type of the target. */
	unsigned int lcore_id;          /**< lcore the entry was set for. */
	unsigned int cpu;               /**< CPU of that lcore. */
	bool st_valid;                  /**< @p st is known. */
	uint16_t st;                    /**< Tag, when @p st_valid. */
};

/** Counters of the operations a device's backend performed. */
struct rte_tph_stats {
	uint64_t enable_calls;  /**< Enable (or mode switch) requests. */
	uint64_t disable_calls; /**< Disable requests. */
	uint64_t get_st_calls;  /**< Tag lookup batches. */
	uint64_t set_st_calls;  /**< Table programming batches. */
	uint64_t st_entries;    /**< Entries carried by all set batches. */
};

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Query the TPH capability of a device.
 *
 * @param dev
 *   The device.
 * @param[out] cap
 *   Filled with the capability.
 * @return
 *   0 on success; -EINVAL on NULL argument; -ENOTSUP if no bus provides
 *   TPH for this device (also once it was removed); -ENODEV in a
 *   secondary process if the primary removed it; another
 *   negative errno from the backend.
 */
__rte_experimental
int rte_tph_cap_get(const struct rte_device *dev, struct rte_tph_cap *cap);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Enable the TPH requester of a device in a mode.
 *
 * Enabling in the current mode does nothing. Enabling in another mode
 * switches: entries programmed in the old mode are forgotten and must be
 * set again.
 *
 * @param dev
 *   The device.
 * @param mode
 *   RTE_TPH_MODE_IV or RTE_TPH_MODE_DS.
 * @return
 *   0 on success; -EINVAL on bad argument; -ENOTSUP if the device cannot
 *   use @p mode; -ENODEV in a secondary process if the primary removed
 *   it; -EPERM if the system refuses the mode (for example DS without the
 *   kernel's consent);
 *   -EBUSY while a driver layer owns the device (rte_tph_driver.h);
 *   -E_RTE_SECONDARY in a secondary process.
 */
__rte_experimental
int rte_tph_enable(struct rte_device *dev, enum rte_tph_mode mode);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Clear every programmed entry and disable the TPH requester of a device.
 *
 * @param dev
 *   The device.
 * @return
 *   0 on success (also when already disabled); negative errno otherwise:
 *   -EBUSY while a driver layer owns the device (rte_tph_driver.h);
 *   -E_RTE_SECONDARY in a secondary process.
 */
__rte_experimental
int rte_tph_disable(struct rte_device *dev);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Get the current TPH mode of a device.
 *
 * @param dev
 *   The device.
 * @param[out] mode
 *   The mode; RTE_TPH_MODE_OFF when disabled.
 * @return
 *   0 on success; negative errno otherwise.
 */
__rte_experimental
int rte_tph_mode_get(const struct rte_device *dev, enum rte_tph_mode *mode);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Look up steering tags for lcores or CPUs (Device Specific mode).
 *
 * The device must be enabled in RTE_TPH_MODE_DS. The whole batch is
 * resolved with one backend call; on error no entry is updated.
 *
 * @param dev
 *   The device.
 * @param[in,out] q
 *   Array of @p n lookups.
 * @param n
 *   Number of lookups, 1 to RTE_TPH_BATCH_MAX.
 * @return
 *   0 on success; -EINVAL on bad argument, invalid lcore or CPU, an lcore
 *   bound to more than one CPU, or a device not in DS mode;
 *   -E_RTE_SECONDARY in a secondary process (lookups reach the kernel);
 *   other negative errno from the backend.
 */
__rte_experimental
int rte_tph_get_st(struct rte_device *dev, struct rte_tph_st_query *q,
		unsigned int n);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Program steering tag table entries (Interrupt Vector mode).
 *
 * Each entry receives the tag of the CPU of its lcore. The batch is
 * validated first and submitted with one backend call: it is applied
 * whole or not at all.
 *
 * @param dev
 *   The device.
 * @param ents
 *   Array of @p n entries with distinct indexes.
 * @param n
 *   Number of entries, 1 to the table size.
 * @return
 *   0 on success; -EINVAL on bad argument, index out of range, duplicate
 *   index, invalid lcore, an lcore bound to more than one CPU, or a device
 *   not in IV mode; other negative errno from the backend;
 *   -EBUSY while a driver layer owns the device (rte_tph_driver.h);
 *   -E_RTE_SECONDARY in a secondary process.
 */
__rte_experimental
int rte_tph_set_st(struct rte_device *dev, const struct rte_tph_st_entry *ents,
		unsigned int n);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Clear steering tag table entries (Interrupt Vector mode).
 *
 * @param dev
 *   The device.
 * @param index
 *   Array of @p n distinct table indexes.
 * @param n
 *   Number of indexes, 1 to the table size.
 * @return
 *   0 on success; negative errno as rte_tph_set_st(), including
 *   -EBUSY while a driver layer owns the device (rte_tph_driver.h);
 *   -E_RTE_SECONDARY in a secondary process.
 */
__rte_experimental
int rte_tph_clear_st(struct rte_device *dev, const uint16_t *index,
		unsigned int n);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Resolve the CPU an lcore runs on, applying the lcore rule (see the file
 * description): EAL lcores, service lcores and registered non-EAL threads
 * qualify when their affinity is exactly one CPU; ROLE_OFF never does.
 * The affinity is the one the lcore had when it was set up (EAL lcores,
 * service lcores) or registered (non-EAL threads). A refusal is logged
 * with its reason; rte_tph_strerror() with RTE_TPH_OP_LCORE gives the
 * same sentence.
 *
 * @param lcore_id
 *   The lcore.
 * @param[out] cpu
 *   The CPU.
 * @return
 *   0 on success; -EINVAL if @p cpu is NULL or @p lcore_id does not
 *   follow the lcore rule.
 */
__rte_experimental
int rte_tph_lcore_to_cpu(unsigned int lcore_id, unsigned int *cpu);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Report the programmed entries of a device, in index order.
 *
 * @param dev
 *   The device.
 * @param[out] info
 *   Array receiving up to @p max entries; may be NULL when @p max is 0.
 * @param max
 *   Size of @p info.
 * @return
 *   The number of programmed entries (which may exceed @p max), or a
 *   negative errno.
 */
__rte_experimental
int rte_tph_entries_get(const struct rte_device *dev,
		struct rte_tph_entry_info *info, unsigned int max);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Read a device's operation counters.
 *
 * @param dev
 *   The device.
 * @param[out] stats
 *   The counters since the device was registered.
 * @return
 *   0 on success; negative errno otherwise.
 */
__rte_experimental
int rte_tph_stats_get(const struct rte_device *dev, struct rte_tph_stats *stats);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Name of a mode ("off", "iv", "ds").
 *
 * @param mode
 *   The mode.
 * @return
 *   A constant string; "unknown" for an invalid value.
 */
__rte_experimental
const char *rte_tph_mode_name(enum rte_tph_mode mode);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Explain a refused TPH request in the user's terms.
 *
 * Maps an error of a TPH call (or of the kernel interface behind it) and
 * what the request was about to one sentence naming what to change, for
 * example "firmware (_DSM) has no steering tag for CPU 3". The library's
 * own log lines use the same sentences.
 *
 * @param err
 *   The error, negative (as returned) or positive.
 * @param why
 *   What was requested; NULL for no context.
 * @param[out] buf
 *   Receives the sentence, truncated to @p size; RTE_TPH_STRERROR_LEN
 *   always fits.
 * @param size
 *   Size of @p buf.
 * @return
 *   @p buf, or an empty constant string if @p buf is NULL or @p size 0.
 */
__rte_experimental
const char *rte_tph_strerror(int err, const struct rte_tph_refusal *why,
		char *buf, size_t size);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * rte_tph_strerror() for a request about one lcore: the sentence names
 * the lcore's CPU when the lcore has one (rte_tph_lcore_to_cpu()).
 *
 * @param err
 *   The error, negative (as returned) or positive.
 * @param op
 *   The request refused; with RTE_TPH_OP_LCORE the lcore is not resolved
 *   (the refusal is about resolving it).
 * @param mode
 *   The mode the request was for, RTE_TPH_MODE_OFF if none.
 * @param lcore_id
 *   The lcore, or RTE_TPH_LCORE_NONE for several.
 * @param[out] buf
 *   Receives the sentence, truncated to @p size.
 * @param size
 *   Size of @p buf.
 * @return
 *   As rte_tph_strerror().
 */
__rte_experimental
const char *rte_tph_lcore_strerror(int err, enum rte_tph_op op,
		enum rte_tph_mode mode, unsigned int lcore_id, char *buf,
		size_t size);

#ifdef __cplusplus
}
#endif

#endif /* RTE_TPH_H */
