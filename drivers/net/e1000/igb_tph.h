/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef IGB_TPH_H
#define IGB_TPH_H

/*
 * PCIe TPH steering tags for igb ports, Device Specific mode.
 *
 * The I210 takes the tag of a queue's DMA from the CPUID field of the
 * queue's TXCTL or RXCTL register when the register's TPH enables are set
 * (I210 datasheet 7.7.2). These registers also hold the enables of DCA
 * (Direct Cache Access), which must not be set for the same traffic; the
 * PMD keeps them clear. The tag comes from lib/tph (rte_tph_get_st()); the
 * TPH requester itself is enabled by ethdev through lib/tph.
 *
 * The PMD programs only what was checked against datasheet page text:
 * TXCTL of the I210 (8.13.2). RXCTL (8.13.1) and the I350 and I211
 * register pages were not available, so Rx queues and those parts are
 * refused with the reason (igb_tph.c).
 */

#include <stdbool.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_bitops.h>
#include <rte_ethdev_tph.h>
#include <rte_tph.h>

#include "base/e1000_hw.h"

/* I210 8.13.2: TXCTL(n) at 0xE014 + 0x40 n, n = 0..3. */
#define IGB_TPH_TXCTL(n) (0x0E014u + 0x40u * (n))
/* I210 8.13.2: the TPH enables, bits 0, 1 and 3. */
#define IGB_TPH_TXCTL_DESC_FETCH_TPH RTE_BIT32(0)
#define IGB_TPH_TXCTL_DESC_WB_TPH RTE_BIT32(1)
#define IGB_TPH_TXCTL_PACKET_TPH RTE_BIT32(3)
/* I210 8.13.2: Tx Descriptor DCA EN, bit 5. */
#define IGB_TPH_TXCTL_DESC_DCA RTE_BIT32(5)
/* I210 8.13.2: reserved bits 2, 4 and 7:6, "write 0b". */
#define IGB_TPH_TXCTL_RESERVED (RTE_BIT32(2) | RTE_BIT32(4) | \
		RTE_BIT32(6) | RTE_BIT32(7))
/*
 * I210 8.13.2: descriptor read (bit 8) and write-back (bit 10) no-snoop
 * enables; "When TPH is enabled No Snoop bit should be 0b".
 */
#define IGB_TPH_TXCTL_NO_SNOOP (RTE_BIT32(8) | RTE_BIT32(10))

/*
 * CPUID, the tag of the queue: 7.7.2 step 4 names TXCTL.CPUID as where
 * the tag goes. Its position, bits 31:24, is not checked against
 * the datasheet: the 8.13.2 register text at hand ends at bit 10.
 */
#define IGB_TPH_CPUID_SHIFT 24
#define IGB_TPH_CPUID_MASK (UINT32_C(0xff) << IGB_TPH_CPUID_SHIFT)

/*
 * The TPH enable a Tx binding sets: descriptor write-backs, the queue's
 * only DMA write (packet data and descriptor fetches are reads).
 */
#define IGB_TPH_TXCTL_ENABLES IGB_TPH_TXCTL_DESC_WB_TPH

/* Every TPH enable of TXCTL, cleared by an unbind. */
#define IGB_TPH_TXCTL_ALL_TPH (IGB_TPH_TXCTL_DESC_FETCH_TPH | \
		IGB_TPH_TXCTL_DESC_WB_TPH | IGB_TPH_TXCTL_PACKET_TPH)

/**
 * TXCTL value steering a queue with @p tag.
 *
 * @param old
 *   Current register value. The CPUID field, the TPH and DCA enables and
 *   the reserved bits are replaced; with TPH enabled the no-snoop enables
 *   are cleared too. Every other bit is kept.
 * @param tag
 *   The 8-bit steering tag.
 * @param enables
 *   Subset of IGB_TPH_TXCTL_ENABLES to set; 0 clears the tag and every
 *   TPH enable (no steering).
 * @return
 *   The new register value.
 */
uint32_t igb_tph_txctl_value(uint32_t old, uint8_t tag, uint32_t enables);

/**
 * Number of Tx queue registers of the MAC of @p hw that the PMD steers,
 * or 0 when the PMD does not support TPH on this MAC; then @p why (if not
 * NULL) is set to the reason.
 */
uint16_t igb_tph_mac_queue_regs(const struct e1000_hw *hw, const char **why);

/** Register index of queue @p queue_id of a port (SR-IOV moves it). */
uint16_t igb_tph_queue_reg_idx(const struct rte_eth_dev *dev,
		uint16_t queue_id);

/** Write @p tag and @p enables (0: clear) into Tx queue register TXCTL. */
void igb_tph_txq_write(struct e1000_hw *hw, uint16_t reg_idx, uint8_t tag,
		uint32_t enables);

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

#endif /* IGB_TPH_H */
