/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef RTE_TPH_TYPES_H
#define RTE_TPH_TYPES_H

/**
 * @file
 * PCIe TLP Processing Hints (TPH): the types other APIs share with lib/tph.
 *
 * The modes, memory types and device capability that rte_ethdev_tph.h
 * takes and reports. They live apart from rte_tph.h so that a DPDK built
 * without lib/tph (-Ddisable_libs=tph) installs them with ethdev, not the
 * library's API: an application then compiles against rte_ethdev_tph.h,
 * whose functions return -ENOTSUP, and cannot call lib/tph by mistake.
 *
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_bitops.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Steering tag mode of a device's TPH requester. */
enum rte_tph_mode {
	RTE_TPH_MODE_OFF = 0, /**< TPH requester disabled. */
	RTE_TPH_MODE_IV,      /**< Interrupt Vector mode. */
	RTE_TPH_MODE_DS,      /**< Device Specific mode. */
};

/** Capability flag: Interrupt Vector mode is supported. */
#define RTE_TPH_CAP_MODE_IV RTE_BIT32(0)
/** Capability flag: Device Specific mode is supported. */
#define RTE_TPH_CAP_MODE_DS RTE_BIT32(1)

/** Where a device keeps its steering tag table. */
enum rte_tph_st_location {
	RTE_TPH_ST_LOC_NONE = 0, /**< No table (DS mode keeps tags elsewhere). */
	RTE_TPH_ST_LOC_CAP,      /**< In the TPH Requester capability. */
	RTE_TPH_ST_LOC_MSIX,     /**< In the MSI-X table. */
};

/** Memory type a steering tag targets. */
enum rte_tph_mem_type {
	RTE_TPH_MEM_VOLATILE = 0,   /**< Volatile memory (the usual choice). */
	RTE_TPH_MEM_PERSISTENT = 1, /**< Persistent memory. */
};

/** TPH capability of a device. */
struct rte_tph_cap {
	uint32_t modes;        /**< RTE_TPH_CAP_MODE_* flags usable here. */
	enum rte_tph_st_location st_location; /**< Where the ST table is. */
	uint16_t st_table_size; /**< Entries that can be programmed. */
	bool extended;         /**< 16-bit (extended) tags supported. */
};

#ifdef __cplusplus
}
#endif

#endif /* RTE_TPH_TYPES_H */
