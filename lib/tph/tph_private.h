/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef TPH_PRIVATE_H
#define TPH_PRIVATE_H

/*
 * Internal interfaces of lib/tph, shared by the API and state (rte_tph.c),
 * the lcore/CPU resolution (tph_cpu.c) and telemetry (tph_telemetry.c).
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_compat.h>
#include <rte_dev.h>
#include <rte_log.h>
#include <rte_rwlock.h>

#include "rte_tph.h"
#include "rte_tph_driver.h"

struct rte_tel_data;

extern int rte_tph_logtype;

/* One log line: "TPH: <message>". */
#define TPH_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, rte_tph_logtype, "TPH: " fmt "\n", \
		## __VA_ARGS__)

/* One log line about a device: "TPH: <device name>: <message>". */
#define TPH_DEV_LOG(level, devname, fmt, ...) \
	TPH_LOG(level, "%s: " fmt, devname, ## __VA_ARGS__)

/*
 * State shared by all processes (tph_shared.c). The primary process owns
 * it: only the primary registers devices and changes their state; every
 * process reads it, under the lock.
 */

/* Devices lib/tph can hold at once. */
#define TPH_MAX_DEVS 64

/* What the library remembers of one programmed ST table entry. */
struct tph_slot {
	bool used;
	uint8_t mem_type;
	unsigned int lcore_id; /* an lcore of the primary process */
	unsigned int cpu;
};

/* The state of one registered device, in shared memory. */
struct tph_shared_dev {
	bool used;
	uint64_t gen; /* registration number, unique for the memory's life */
	char name[RTE_DEV_NAME_MAX_LEN];
	char owner[RTE_TPH_OWNER_NAME_LEN]; /* "" when not claimed */
	struct rte_tph_cap cap;
	enum rte_tph_mode mode;
	struct rte_tph_stats stats;
	struct tph_slot *slots; /* cap.st_table_size slots, or NULL */
	unsigned int nb_used;   /* slots in use */
};

/*
 * The shared state starts with its layout's identity, at a fixed place
 * whatever follows: a process built from other sources (another struct
 * tph_shared) must not read the primary's state as its own. Change
 * TPH_SHARED_VERSION with any change to the structures below; the sizes
 * the build chose (TPH_MAX_DEVS, RTE_DEV_NAME_MAX_LEN, ...) are caught by
 * the stored size and device count without a bump.
 */
#define TPH_SHARED_MAGIC 0x54504831u /* "TPH1" */
#define TPH_SHARED_VERSION 1u

struct tph_shared {
	uint32_t magic;   /* TPH_SHARED_MAGIC once the primary set it up */
	uint32_t version; /* TPH_SHARED_VERSION of the primary */
	uint32_t size;    /* sizeof(struct tph_shared) in the primary */
	uint32_t max_devs; /* TPH_MAX_DEVS of the primary */
	/* Readers: any process. Writers: the primary, with its lock held. */
	rte_rwlock_t lock;
	uint64_t last_gen;
	struct tph_shared_dev devs[TPH_MAX_DEVS];
};

/*
 * The shared state: the primary creates it, a secondary finds it. NULL
 * if it does not exist or the primary is still setting it up (magic 0),
 * rte_errno ENOENT, try again later; or if its layout is not this
 * process's, rte_errno EPROTO, the reason logged once.
 */
struct tph_shared *tph_shared_get(void);

/* Slot table of n entries in shared memory, zeroed; NULL if no memory. */
struct tph_slot *tph_shared_slots_alloc(unsigned int n);
void tph_shared_slots_free(struct tph_slot *slots);

/*
 * Refusal texts (tph_refusal.c).
 */

/* rte_tph_strerror() for an op alone, with no lcore, CPU or mode. */
const char *tph_op_strerror(int err, enum rte_tph_op op, char *buf,
		size_t size);

/*
 * lcore and CPU resolution (tph_cpu.c).
 */

/* Why an lcore cannot be resolved to a CPU. */
enum tph_lcore_error {
	TPH_LCORE_OK = 0,
	TPH_LCORE_OUT_OF_RANGE, /* lcore_id >= RTE_MAX_LCORE */
	TPH_LCORE_DISABLED,     /* not an enabled EAL lcore */
	TPH_LCORE_NOT_ONE_CPU,  /* affinity is not exactly one CPU */
};

/*
 * Resolve an lcore to the single CPU it is bound to, without logging.
 * On TPH_LCORE_NOT_ONE_CPU, *nb_cpus holds the size of its affinity.
 */
enum tph_lcore_error tph_lcore_resolve(unsigned int lcore_id,
		unsigned int *cpu, unsigned int *nb_cpus);

/*
 * Log the one line explaining a failed tph_lcore_resolve(); prefix names
 * the caller's context (for example "<device>: set_st entry 3").
 */
void tph_lcore_log_error(const char *prefix, unsigned int lcore_id,
		enum tph_lcore_error err, unsigned int nb_cpus);

/* Write the sentence explaining a failed tph_lcore_resolve() into buf. */
void tph_lcore_error_text(unsigned int lcore_id, enum tph_lcore_error err,
		unsigned int nb_cpus, char *buf, size_t size);

/*
 * Set of online CPUs, read from /sys/devices/system/cpu/online.
 * Returns 0, or a negative errno when the list cannot be read or parsed
 * (for example on a system without that file).
 */
int tph_cpus_online(rte_cpuset_t *online);

/*
 * State access for telemetry (rte_tph.c). Everything is copied under the
 * library lock, so no caller ever sees a device half-updated.
 */

/* A copy of one registered device's state. */
struct tph_dev_state {
	char name[RTE_DEV_NAME_MAX_LEN]; /* device name at registration */
	char owner[RTE_TPH_OWNER_NAME_LEN]; /* "" when not claimed */
	struct rte_tph_cap cap;
	enum rte_tph_mode mode;
	struct rte_tph_stats stats;
	unsigned int nb_entries; /* programmed entries, all of them */
};

/* Call fn with the name of every live device, in registration order. */
void tph_dev_foreach_name(void (*fn)(const char *name, void *arg),
		void *arg);

/*
 * Copy the state of the live device called name and its first max
 * programmed entries (index order) into ents.
 * Returns 0, -EINVAL on bad argument or -ENODEV if there is no such device.
 */
int tph_dev_state_get(const char *name, struct tph_dev_state *state,
		struct rte_tph_entry_info *ents, unsigned int max);

/*
 * Telemetry handlers (tph_telemetry.c), registered as "/tph/list" and
 * "/tph/info". Exported only so the autotest can call them and inspect
 * the data they build.
 */

/* Array of the names of the live devices. */
__rte_internal
int rte_tph_telemetry_list(const char *cmd, const char *params,
		struct rte_tel_data *d);

/* Dictionary describing the device named by params. */
__rte_internal
int rte_tph_telemetry_info(const char *cmd, const char *params,
		struct rte_tel_data *d);

/* Most entries /tph/info lists: a reply must fit in 16 KiB of JSON. */
#define TPH_TEL_MAX_ENTRIES 128

#endif /* TPH_PRIVATE_H */
