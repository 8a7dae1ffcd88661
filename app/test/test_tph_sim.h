/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef TEST_TPH_SIM_H
#define TEST_TPH_SIM_H

/*
 * A simulated TPH requester for the TPH autotests, registered with lib/tph
 * through rte_tph_driver.h: it models the device (mode, ST table) the way
 * the kernel would, records every backend call and can be told to fail.
 * It answers for its own fake rte_device or for an existing one (a vdev's).
 */

#include <stdbool.h>
#include <stdint.h>

#include <dev_driver.h>
#include <rte_tph.h>
#include <rte_tph_driver.h>

#define TPH_SIM_TABLE_MAX 256
#define TPH_SIM_TRACE_MAX 64

/* Tag the simulated platform returns for a CPU and memory type (8-bit). */
#define TPH_SIM_TAG(cpu, mem) ((uint16_t)(0x40 + ((cpu) % 64) * 2 + (mem)))
/* The same for a device with extended (16-bit) tags. */
#define TPH_SIM_TAG_EXT(cpu, mem) ((uint16_t)(0x100 + (cpu) * 2 + (mem)))

struct tph_sim_dev {
	struct rte_device dev;    /* the fake device, when none is given */
	struct rte_device *device; /* the device this backend answers for */
	char name[32];
	struct rte_tph_cap cap;

	/* Failure injection: while non-zero, the op returns this -errno. */
	int fail_cap_get;
	int fail_enable;
	int fail_disable;
	int fail_get_st;
	int fail_set_st;
	/* When non-zero, get_st answers this tag for every CPU. */
	uint16_t forced_tag;

	/* One letter per call, in order: C cap_get, E enable, D disable, G get_st, S set_st. */
	char trace[TPH_SIM_TRACE_MAX + 1];
	unsigned int nb_cap_get, nb_enable, nb_disable, nb_get_st, nb_set_st;
	enum rte_tph_mode last_enable_mode;
	unsigned int last_get_n;
	struct rte_tph_hw_entry last_get[RTE_TPH_BATCH_MAX];
	unsigned int last_set_n;
	struct rte_tph_hw_entry last_set[TPH_SIM_TABLE_MAX];
	/* Requests the kernel would refuse (wrong mode, index, count). */
	unsigned int violations;

	/* Model of the hardware. */
	enum rte_tph_mode hw_mode;
	uint32_t hw_cpu[TPH_SIM_TABLE_MAX]; /* RTE_TPH_CPU_CLEAR when empty */
	uint8_t hw_mem[TPH_SIM_TABLE_MAX];
};

/* The backend operations, to register a device with lib/tph. */
extern const struct rte_tph_dev_ops tph_sim_ops;

/*
 * Forget all records, give the simulated device a name and a capability
 * and answer for device (its own fake device when NULL). Not registered.
 */
void tph_sim_init(struct tph_sim_dev *s, struct rte_device *device,
		const char *name, uint32_t modes, enum rte_tph_st_location loc,
		uint16_t table_size, bool extended);

/* tph_sim_init() with its own device, then register it with lib/tph. */
int tph_sim_register(struct tph_sim_dev *s, const char *name, uint32_t modes,
		enum rte_tph_st_location loc, uint16_t table_size);

/* Unregister it (lib/tph clears its entries and disables it first). */
void tph_sim_unregister(struct tph_sim_dev *s);

/* Forget the calls recorded so far; the hardware model stays. */
void tph_sim_clear_calls(struct tph_sim_dev *s);

/* True when no ST table entry of the hardware model is set. */
bool tph_sim_table_empty(const struct tph_sim_dev *s);

/* Pin the main lcore to its first CPU and report that CPU. */
int tph_sim_pin_main_lcore(unsigned int *cpu);

/* Undo tph_sim_pin_main_lcore(). */
void tph_sim_unpin_main_lcore(void);

/*
 * Run this dpdk-test as a secondary process of this one (same file
 * prefix, this process's main lcore id on another CPU when there is one,
 * @p extra_arg if not NULL) with DPDK_TEST=@p autotest; return its exit
 * status, -1 if it could not run or died.
 */
int tph_sim_secondary_run(const char *autotest, const char *extra_arg);

/*
 * In a secondary that tph_sim_secondary_run() started: the CPU of the
 * primary's main lcore. 0, or -ENOENT/-EINVAL without one.
 */
int tph_sim_primary_cpu(unsigned int *cpu);

#endif /* TEST_TPH_SIM_H */
