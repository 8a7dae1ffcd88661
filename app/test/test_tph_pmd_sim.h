/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef TEST_TPH_PMD_SIM_H
#define TEST_TPH_PMD_SIM_H

/*
 * A simulated TPH device for the PMD tests: registered with lib/tph
 * through rte_tph_driver.h, it models the requester (mode, ST table) the
 * way the kernel would, records every backend call and can be told to
 * fail. The PMD's TPH callbacks run on a fake ethdev port whose
 * rte_device is this one.
 */

#include <stdbool.h>
#include <stdint.h>

#include <dev_driver.h>
#include <ethdev_driver.h>
#include <rte_tph.h>
#include <rte_tph_driver.h>

#define TPH_SIM_TABLE_MAX 64

/* Tag the simulated platform returns for a CPU and memory type (8-bit). */
#define TPH_SIM_TAG(cpu, mem) ((uint16_t)(0x40 + ((cpu) % 64) * 2 + (mem)))

struct tph_sim_dev {
	struct rte_device dev;
	char name[32];
	struct rte_tph_cap cap;

	/* Failure injection: while non-zero, the op returns this -errno. */
	int fail_get_st;
	int fail_set_st;
	/* When non-zero, get_st answers this tag for every CPU. */
	uint16_t forced_tag;

	/* Calls received, and the entries of the last of each kind. */
	unsigned int nb_enable, nb_disable, nb_get_st, nb_set_st;
	unsigned int last_get_n;
	struct rte_tph_hw_entry last_get[TPH_SIM_TABLE_MAX];
	unsigned int last_set_n;
	struct rte_tph_hw_entry last_set[TPH_SIM_TABLE_MAX];
	/* Requests the kernel would refuse (wrong mode, index, count). */
	unsigned int violations;

	/* Model of the hardware. */
	enum rte_tph_mode hw_mode;
	uint32_t hw_cpu[TPH_SIM_TABLE_MAX]; /* RTE_TPH_CPU_CLEAR when empty */
	uint8_t hw_mem[TPH_SIM_TABLE_MAX];
};

/* Give the device a name and a capability and register it with lib/tph. */
int tph_sim_register(struct tph_sim_dev *s, const char *name, uint32_t modes,
		enum rte_tph_st_location loc, uint16_t table_size);

/* Unregister it (lib/tph clears its entries and disables it first). */
void tph_sim_unregister(struct tph_sim_dev *s);

/* Forget the calls recorded so far; the hardware model stays. */
void tph_sim_clear_calls(struct tph_sim_dev *s);

/* Pin the main lcore to its first CPU and report that CPU. */
int tph_sim_pin_main_lcore(unsigned int *cpu);

/* Undo tph_sim_pin_main_lcore(). */
void tph_sim_unpin_main_lcore(void);

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
