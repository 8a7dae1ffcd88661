/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef TEST_TPH_PMD_QCTX_H
#define TEST_TPH_PMD_QCTX_H

/*
 * What the tests of the PMDs whose steering tag is in a queue context
 * (net/i40e, net/ice: ethdev_tph_qctx.h) share: checking the TPH fields
 * of a packed context against a per-PMD table of bit positions, the
 * PMD's view of a queue, the one-batch rule, and the empty mbuf pool
 * that stops an Rx queue start once its context is written.
 */

#include <stdbool.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_mbuf.h>

#include "test_tph_pmd_sim.h"

/* The memzone of the PMDs' shared TPH state (ethdev_tph_qctx.c). */
#define TPH_QCTX_TEST_MZ_NAME "rte_eth_dev_tph_qctx"

/* One bit of a packed context, with the name the checks print. */
struct tph_qctx_test_bit {
	const char *name;
	unsigned int bit;
};

/*
 * The TPH fields of one direction's packed queue context, and the two
 * fields every queue has (ring base in 128-byte units, 57 bits; ring
 * length in descriptors, 13 bits) to show a binding leaves them alone.
 * Positions are the test's own numbers; each PMD test says where they
 * come from.
 */
struct tph_qctx_test_layout {
	const char *dir_name;   /* "rxq" or "txq" */
	unsigned int size;      /* bytes of the packed context */
	unsigned int cpuid;     /* lowest bit of the 8-bit CPUID field */
	unsigned int base;      /* lowest bit of the ring base */
	unsigned int qlen;      /* lowest bit of the ring length */
	unsigned int nb_set;    /* enables a binding sets */
	struct tph_qctx_test_bit set[3];
	unsigned int nb_cleared; /* enables no binding sets (fetches) */
	struct tph_qctx_test_bit cleared[2];
};

/*
 * Context @p ctx of queue @p q: CPUID @p tag and the write enables when
 * steered, CPUID 0 and no enable when not, fetch enables always clear;
 * ring base and length as given.
 */
int tph_qctx_test_ctx_is(const struct tph_qctx_test_layout *l,
		const uint8_t *ctx, uint16_t q, bool steered, uint16_t tag,
		uint64_t ring_dma, uint16_t nb_desc);

/* Whether a bit of the context belongs to the TPH fields. */
bool tph_qctx_test_tph_bit(const struct tph_qctx_test_layout *l,
		unsigned int bit);

/*
 * Give an i40e or ice Rx or Tx queue structure (the fields are named
 * alike) the identity its context writer and TPH hooks read: ethdev
 * queue @p id of @p port, hardware queue @p reg of @p vsi_ptr.
 */
#define TPH_QCTX_TEST_QUEUE_FILL(queue, port, id, reg, vsi_ptr) do { \
	(queue)->port_id = (port)->data->port_id; \
	(queue)->queue_id = (id); \
	(queue)->reg_idx = (reg); \
	(queue)->vsi = (vsi_ptr); \
	(queue)->q_set = true; \
} while (0)

/* The PMD's view of a queue (rte_eth_tph_qctx_queue_info_get()). */
int tph_qctx_test_info_is(struct rte_eth_dev *port,
		enum rte_eth_tph_queue_dir dir, uint16_t q, bool st_valid,
		uint16_t st, bool pending);

/* ethdev's view of a queue (rte_eth_dev_tph_queue_info_get()). */
int tph_qctx_test_ethdev_info_is(uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t q, bool bound,
		uint16_t st, bool pending);

/* Queue stops for a fake port: the state only, as no device runs. */
int tph_qctx_test_rxq_stop(struct rte_eth_dev *dev, uint16_t q);
int tph_qctx_test_txq_stop(struct rte_eth_dev *dev, uint16_t q);

/*
 * Two Rx and two Tx queues of a running port bound in one call: one
 * lookup batch of four, and all four pending.
 */
int tph_qctx_test_batch(const struct tph_sim_pmd *pmd,
		struct rte_eth_dev *port, struct tph_sim_dev *sim,
		unsigned int lcore_id);

/*
 * The LAN Rx queue context: DPDK 22.11's base codes give i40e
 * (i40e_lan_hmc.c, i40e_hmc_rxq_ce_info) and ice (ice_common.c,
 * ice_rlan_ctx_info) the same positions: CPUID 20:13, base 88:32, QLEN
 * 101:89, TPHRDesc 193, TPHWDesc 194, TPHData 195, TPHHead 196, in 32
 * bytes. No datasheet page was available to cite.
 */
extern const struct tph_qctx_test_layout tph_qctx_test_lan_rx_layout;

/*
 * Hand the port to ethdev in DS mode (tph_sim_pmd_ethdev_ops() and
 * tph_sim_pmd_ethdev_mode()) and check its capability: DS, tags loaded
 * at queue start.
 */
int tph_qctx_test_ethdev_ds(const struct tph_sim_pmd *pmd,
		struct tph_sim_dev *sim, struct rte_eth_dev *port,
		struct eth_dev_ops *ops, eth_dev_start_t dev_start,
		eth_dev_close_t dev_close);

/*
 * dev_close of a fake port: the PMD's TPH close (rte_eth_tph_qctx_dev_close());
 * the private data stays the test's.
 */
int tph_qctx_test_dev_close(struct rte_eth_dev *dev);

/* Stop and close the port through ethdev: the device is left off. */
int tph_qctx_test_ethdev_close(struct tph_sim_dev *sim,
		struct rte_eth_dev **port);

/* Stop and start a queue through ethdev; both must succeed. */
int tph_qctx_test_ethdev_restart(uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t q);

/*
 * ethdev refused the queue's last binding with @p err: unbound, the
 * failure reported, and pending (its restart unsteers it).
 */
int tph_qctx_test_ethdev_refused_is(uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t q, int err);

/* What a suite needs: main lcore pinned, an mbuf pool that stays empty. */
struct tph_qctx_test_suite {
	unsigned int main_lcore;
	unsigned int main_cpu;
	struct rte_mempool *mp;  /* one mbuf, held: Rx starts find none */
	struct rte_mbuf *held;
};

/* The state of the suite running, set up by its setup. */
extern struct tph_qctx_test_suite tph_qctx_ts;

/* unit_test_suite setup and teardown of the queue-context PMD tests. */
int tph_qctx_test_suite_setup(void);
void tph_qctx_test_suite_teardown(void);

#endif /* TEST_TPH_PMD_QCTX_H */
