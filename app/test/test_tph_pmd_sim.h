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

/* What a PMD test runs each case on. */
struct tph_sim_pmd {
	const char *name;          /* device <name>_sim, port <name>_port */
	uint32_t modes;            /* the simulated device's capability */
	enum rte_tph_st_location st_location;
	uint16_t st_table_size;
	const struct eth_dev_ops *ops; /* the PMD's TPH callbacks */
	uint16_t nb_queues;        /* per direction */
	enum rte_tph_mode mode;    /* enabled before each case, as ethdev would */
	void (*dev_close)(struct rte_eth_dev *dev); /* the PMD's TPH close */
};

/* Suite setup: note the main lcore and pin it to one CPU (its tag is then known). */
int tph_sim_pmd_suite_setup(unsigned int *main_lcore, unsigned int *main_cpu);

/*
 * Case setup: register sim, allocate the port on it with the PMD's
 * private data, enable pmd->mode (what ethdev does before tph_mode_set)
 * and forget the calls so far.
 */
int tph_sim_pmd_setup(const struct tph_sim_pmd *pmd, struct tph_sim_dev *sim,
		void *dev_private, struct rte_eth_dev **port);

/* Case teardown: close and release the port left, unregister sim. */
void tph_sim_pmd_teardown(const struct tph_sim_pmd *pmd,
		struct tph_sim_dev *sim, struct rte_eth_dev **port);

/*
 * Hand the port to ethdev: ops become the PMD's TPH callbacks, dev_start,
 * dev_close and what rte_eth_dev_start()/stop() need.
 */
void tph_sim_pmd_ethdev_ops(const struct tph_sim_pmd *pmd,
		struct rte_eth_dev *port, struct eth_dev_ops *ops,
		eth_dev_start_t dev_start, eth_dev_close_t dev_close);

/*
 * Set mode through ethdev, which starts from off: the device the case
 * setup enabled is disabled first. The calls so far are forgotten.
 */
int tph_sim_pmd_ethdev_mode(struct tph_sim_dev *sim, struct rte_eth_dev *port,
		enum rte_tph_mode mode);

/* The PMD's bind callback for one queue: what ethdev passes for a single queue. */
int tph_sim_pmd_bind1(const struct tph_sim_pmd *pmd, struct rte_eth_dev *port,
		enum rte_eth_tph_queue_dir dir, uint16_t q, unsigned int lcore_id,
		enum rte_tph_mem_type mem_type);

/* The PMD's unbind callback for one queue. */
int tph_sim_pmd_unbind1(const struct tph_sim_pmd *pmd, struct rte_eth_dev *port,
		enum rte_eth_tph_queue_dir dir, uint16_t q);

/* The device was left off, and got no request the kernel would refuse. */
int tph_sim_check_left_off(const struct tph_sim_dev *sim);

/* Stop the port, forget the calls, close it (ethdev releases it: NULL). */
int tph_sim_pmd_ethdev_close(struct tph_sim_dev *sim,
		struct rte_eth_dev **port);

/* Bits lsb to lsb + width - 1 (width <= 64) of a packed queue context. */
uint64_t tph_sim_ctx_bits(const uint8_t *ctx, unsigned int lsb,
		unsigned int width);

/*
 * Fill @p b with every Rx then every Tx queue below @p nb_q, on @p lcore_id,
 * volatile memory: what testpmd binds for nb_q streams on one lcore.
 */
void tph_sim_all_bindings(struct rte_eth_tph_queue_binding *b, uint16_t nb_q,
		unsigned int lcore_id);

#endif /* TEST_TPH_PMD_SIM_H */
