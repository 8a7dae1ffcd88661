/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef IGB_TPH_H
#define IGB_TPH_H

/*
 * PCIe TPH steering tags for igb ports, Device Specific mode.
 *
 * The TPH-capable igb parts (I350, I210, I211) take the tag of a queue's
 * DMA from the CPUID field of the queue's RXCTL/TXCTL register when the
 * register's TPH enables are set, and the processing hints from DCA_CTRL
 * (I210 datasheet 7.7.2). These registers also hold the older DCA
 * (Direct Cache Access) enables; DCA and TPH must not be used for the same
 * traffic, so the PMD keeps DCA off. Parts with DCA only (82576 and
 * older) have no TPH. The tag comes from lib/tph (rte_tph_get_st()); the
 * TPH requester itself is enabled by ethdev through lib/tph.
 *
 * Register offsets and bits below are the I210 datasheet's (section 8.13,
 * "DCA Registers"); the I350 and I211 use the same registers with more or
 * fewer queues.
 */

#include <stdbool.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_bitops.h>
#include <rte_ethdev_tph.h>
#include <rte_tph.h>

#include "base/e1000_hw.h"

/* I210 8.13.1: RXCTL(n) at 0xC014 + 0x40 n; TPH enables, bits 3:0. */
#define IGB_TPH_RXCTL(n) (0x0C014u + 0x40u * (n))
#define IGB_TPH_RXCTL_DESC_FETCH_TPH RTE_BIT32(0)
#define IGB_TPH_RXCTL_DESC_WB_TPH RTE_BIT32(1)
#define IGB_TPH_RXCTL_HEADER_TPH RTE_BIT32(2)
#define IGB_TPH_RXCTL_PAYLOAD_TPH RTE_BIT32(3)
/* I210 8.13.1: DCA enables of descriptor, header and payload writes. */
#define IGB_TPH_RXCTL_DCA_ENABLES (RTE_BIT32(5) | RTE_BIT32(6) | RTE_BIT32(7))

/* I210 8.13.2: TXCTL(n) at 0xE014 + 0x40 n; bit 2 is reserved. */
#define IGB_TPH_TXCTL(n) (0x0E014u + 0x40u * (n))
#define IGB_TPH_TXCTL_DESC_FETCH_TPH RTE_BIT32(0)
#define IGB_TPH_TXCTL_DESC_WB_TPH RTE_BIT32(1)
#define IGB_TPH_TXCTL_PACKET_TPH RTE_BIT32(3)
/* I210 8.13.2: descriptor write-back DCA enable. */
#define IGB_TPH_TXCTL_DCA_ENABLES RTE_BIT32(5)

/* I210 8.13.1/8.13.2: CPUID, the steering tag of the queue, bits 31:24. */
#define IGB_TPH_CPUID_SHIFT 24
#define IGB_TPH_CPUID_MASK (UINT32_C(0xff) << IGB_TPH_CPUID_SHIFT)

/* I210 8.13.4: DCA_CTRL, common to all functions. */
#define IGB_TPH_DCA_CTRL 0x05B74u
#define IGB_TPH_DCA_CTRL_DCA_DIS RTE_BIT32(0)
#define IGB_TPH_DCA_CTRL_DESC_PH_SHIFT 9  /* bits 10:9 */
#define IGB_TPH_DCA_CTRL_DATA_PH_SHIFT 11 /* bits 12:11 */
#define IGB_TPH_DCA_CTRL_PH_MASK (UINT32_C(0xf) << IGB_TPH_DCA_CTRL_DESC_PH_SHIFT)

/*
 * Processing hints (PCIe Base Specification, TPH "PH" field): descriptors
 * are read and written by both the device and the CPU (bi-directional,
 * 00b); packet data is for the CPU that polls the queue (target, 10b).
 * Both are the DCA_CTRL reset values (I210 8.13.4), written anyway so that
 * nothing left by a previous driver changes them.
 */
#define IGB_TPH_PH_BIDIRECTIONAL 0x0u
#define IGB_TPH_PH_TARGET 0x2u

/*
 * TPH enables set by a binding: the queue's DMA writes, that is Rx
 * descriptor write-backs, headers and payloads, and Tx descriptor
 * write-backs (Tx packet data is read by the device, not written).
 */
#define IGB_TPH_RXCTL_ENABLES (IGB_TPH_RXCTL_DESC_WB_TPH | \
		IGB_TPH_RXCTL_HEADER_TPH | IGB_TPH_RXCTL_PAYLOAD_TPH)
#define IGB_TPH_TXCTL_ENABLES IGB_TPH_TXCTL_DESC_WB_TPH

/* Every TPH enable of each register, cleared by an unbind. */
#define IGB_TPH_RXCTL_ALL_TPH (IGB_TPH_RXCTL_DESC_FETCH_TPH | \
		IGB_TPH_RXCTL_ENABLES)
#define IGB_TPH_TXCTL_ALL_TPH (IGB_TPH_TXCTL_DESC_FETCH_TPH | \
		IGB_TPH_TXCTL_ENABLES | IGB_TPH_TXCTL_PACKET_TPH)

/**
 * RXCTL value steering a queue with @p tag.
 *
 * @param old
 *   Current register value. The CPUID field, the TPH enables and the DCA
 *   enables are replaced; every other bit is kept.
 * @param tag
 *   The 8-bit steering tag.
 * @param enables
 *   Subset of IGB_TPH_RXCTL_ENABLES to set; 0 clears the tag and every
 *   TPH enable (no steering). The DCA enables are always cleared.
 * @return
 *   The new register value.
 */
uint32_t igb_tph_rxctl_value(uint32_t old, uint8_t tag, uint32_t enables);

/** TXCTL value steering a queue with @p tag; as igb_tph_rxctl_value(). */
uint32_t igb_tph_txctl_value(uint32_t old, uint8_t tag, uint32_t enables);

/**
 * DCA_CTRL value for TPH: DCA tagging disabled, the processing hints of
 * descriptor and data traffic set (IGB_TPH_PH_*). Other bits are kept.
 */
uint32_t igb_tph_dca_ctrl_value(uint32_t old);

/**
 * Number of queue registers of the MAC of @p hw that can carry a steering
 * tag, or 0 when the PMD does not support TPH on this MAC; then @p why
 * (if not NULL) is set to the reason.
 */
uint16_t igb_tph_mac_queue_regs(const struct e1000_hw *hw, const char **why);

/** Register index of queue @p queue_id of a port (SR-IOV moves it). */
uint16_t igb_tph_queue_reg_idx(const struct rte_eth_dev *dev,
		uint16_t queue_id);

/** Write @p tag and @p enables (0: clear) into a queue's RXCTL or TXCTL. */
void igb_tph_queue_write(struct e1000_hw *hw, enum rte_eth_tph_queue_dir dir,
		uint16_t reg_idx, uint8_t tag, uint32_t enables);

/* eth_dev_ops TPH callbacks (see ethdev_driver.h). */
int igb_tph_caps_get(struct rte_eth_dev *dev, uint32_t *modes);
int igb_tph_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode);
int igb_tph_queues_bind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_binding *bindings, uint16_t n);
int igb_tph_queues_unbind(struct rte_eth_dev *dev,
		const struct rte_eth_tph_queue_ref *queues, uint16_t n);
int igb_tph_queue_info_get(struct rte_eth_dev *dev,
		enum rte_eth_tph_queue_dir dir, uint16_t queue_id,
		struct rte_eth_tph_queue_info *info);

#ifdef RTE_LIB_TPH

/**
 * Program DCA_CTRL again after the hardware reset of dev_start; the queue
 * tags are programmed again by ethdev after dev_start.
 */
void igb_tph_dev_start(struct rte_eth_dev *dev);

/** Forget the port's TPH state (dev_close). */
void igb_tph_dev_close(struct rte_eth_dev *dev);

#else /* DPDK built without lib/tph: the port never uses TPH. */

static inline void
igb_tph_dev_start(__rte_unused struct rte_eth_dev *dev)
{
}

static inline void
igb_tph_dev_close(__rte_unused struct rte_eth_dev *dev)
{
}

#endif /* RTE_LIB_TPH */

#endif /* IGB_TPH_H */
