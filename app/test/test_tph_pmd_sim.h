/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef TEST_TPH_PMD_SIM_H
#define TEST_TPH_PMD_SIM_H

/*
 * Fake ethdev ports for the PMD TPH tests: the PMD's TPH callbacks run on
 * a port whose rte_device is a simulated TPH device (test_tph_sim.h).
 */

#include <stdbool.h>
#include <stdint.h>

#include <dev_driver.h>
#include <ethdev_driver.h>
#include <rte_tph.h>

#include "test_tph_sim.h"

/*
 * Allocate an ethdev port for a device without a bus, as a PMD probe
 * would: given ops and private data, nb_rx/nb_tx queues that look set up
 * to ethdev (never used for I/O), configured, stopped. With the ops of
 * tph_sim_port_ops_fill() (and a dev_start and dev_close of the test's)
 * rte_eth_dev_start(), rte_eth_dev_stop() and rte_eth_dev_close() work.
 */
struct rte_eth_dev *tph_sim_port_create(const char *name,
		struct rte_device *device, const struct eth_dev_ops *ops,
		void *dev_private, uint16_t nb_rx, uint16_t nb_tx);

/* Set the ops rte_eth_dev_start()/stop() need but a TPH test does not care about. */
void tph_sim_port_ops_fill(struct eth_dev_ops *ops);

/*
 * For a test's dev_close op: the port's private data is the test's, so
 * that the port release after dev_close does not free it.
 */
void tph_sim_port_forget_private(struct rte_eth_dev *eth_dev);

/* Release the port; its private data stays with the caller. */
void tph_sim_port_destroy(struct rte_eth_dev *eth_dev);

#endif /* TEST_TPH_PMD_SIM_H */
