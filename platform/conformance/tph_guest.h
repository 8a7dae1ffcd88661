/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * What the guest platform is (tph_emu parameters, kernel command line,
 * CPUs and their ACPI UIDs), the tags the test SSDT hands out, and the
 * device state tph_emu exposes in debugfs.
 */

#ifndef TPH_GUEST_H
#define TPH_GUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "tph_vfio.h"

#define TPH_MAX_CPUS 64
#define TPH_MAX_ST 2048


enum tph_loc { TPH_LOC_NONE, TPH_LOC_CAP, TPH_LOC_MSIX };

/* TPH Requester Control (PCIe r6.x 7.9.13.3) */
#define TPH_CTRL_MODE_MASK 0x7u
#define TPH_CTRL_MODE_IV 1u
#define TPH_CTRL_MODE_DS 2u
#define TPH_CTRL_EN_SHIFT 8
#define TPH_CTRL_EN_MASK (0x3u << TPH_CTRL_EN_SHIFT)
#define TPH_CTRL_EN_TPH (0x1u << TPH_CTRL_EN_SHIFT)
#define TPH_CTRL_EN_EXT (0x3u << TPH_CTRL_EN_SHIFT)

struct tph_env {
	const char *bdf;
	bool emu;		/* tph_emu loaded */
	bool absent;		/* tph_emu absent=1 */
	unsigned int modes;	/* capability bits 2:0 */
	enum tph_loc loc;
	unsigned int entries;	/* ST entries the kernel may use (MSI-X: min with the table) */
	unsigned int st_field;	/* ST Table Size field + 1, as the capability says */
	unsigned int msix_n;	/* MSI-X table size, 0 without MSI-X */
	bool rciep;		/* Root Complex Integrated Endpoint: no root port */
	bool af;		/* tph_emu added an Advanced Features capability */
	bool ext_req;
	unsigned int completer;	/* 0 none, 1 TPH, 3 TPH + extended */
	bool notph;		/* pci=notph */
	bool ds_param;		/* vfio_pci.enable_unsafe_tph_ds_mode */
	unsigned int nr_cpu_ids;
	unsigned int ncpus_online;
	uint32_t uid[TPH_MAX_CPUS];
	uint32_t first_invalid_uid;	/* SSDT's TPHI: UIDs from here on have no tag */
	bool ext_tags;		/* requester and completer both extended */
	bool fw_enabled;	/* tph_emu started with TPH enabled "by firmware" */
	bool pending;		/* TPH_PENDING=1: also cases awaiting kernel fixes */
};

/* The NIC the guest bound to vfio-pci (TPH_NIC, else the virtio NIC). */
const char *tph_nic_bdf(void);

/* Fill env from sysfs, debugfs and /proc/cmdline; 0 or -1 (logged). */
int tph_env_load(struct tph_env *env, const char *bdf);
void tph_env_print(const struct tph_env *env);

/* Tag the SSDT gives this CPU, for the effective requester type. */
bool tph_expected_tag(const struct tph_env *env, unsigned int cpu,
		      uint8_t mem, uint16_t *tag);
/* The first online CPU whose UID has no valid tag, or -1. */
int tph_cpu_without_tag(const struct tph_env *env);
/* Expected Control register value for mode (0 = disabled). */
uint32_t tph_expected_ctrl(const struct tph_env *env, unsigned int mode);

/* Device state visible to tests. */
struct tph_state {
	uint32_t ctrl;
	unsigned int n;			/* cap: ST entries; msix: every MSI-X entry */
	uint32_t ent[TPH_MAX_ST];	/* cap: 16-bit entry; msix: Vector Control */
	uint64_t reads;
	uint64_t writes;
};

/* Snapshot the control register, ST table and counters; 0 or -1. */
int tph_state_read(const struct tph_env *env, struct tph_dev *d,
		   struct tph_state *s);
/* Tag stored in entry idx of a snapshot. */
uint16_t tph_state_tag(const struct tph_env *env, const struct tph_state *s,
		       unsigned int idx);
/* Compare ctrl and table (not counters); 0 or tph_failf(). */
int tph_state_same(const struct tph_env *env, const struct tph_state *a,
		   const struct tph_state *b, const char *what);

int tph_emu_reset_counters(void);
int tph_emu_fail_st_write(unsigned int nth);
int tph_emu_counters(uint64_t *reads, uint64_t *writes);
/* A tph_emu debugfs counter (flrs, af_flrs, sbrs, st_writes_enabled, ...). */
int tph_emu_counter(const char *name, uint64_t *val);
/* Write a sysfs/debugfs attribute; 0 or -errno. */
int tph_write_attr(const char *path, const char *val);
/* Raw 64-bit result of the firmware's TPH _DSM for a processor UID. */
int tph_emu_dsm(uint32_t uid, uint64_t *val);

/* Take a CPU offline (false) or online (true) through sysfs; 0 or -errno. */
int tph_cpu_set_online(unsigned int cpu, bool online);
/*
 * Move the calling process into a cgroup v2 cpuset holding exactly the
 * CPUs of the list (e.g. "0-1"), or back to the root cgroup; 0 or -errno.
 */
int tph_cpuset_enter(const char *cpus);
int tph_cpuset_leave(void);

/* Pin the calling thread to one CPU, or all CPUs when cpu < 0. */
int tph_pin(int cpu);

#endif /* TPH_GUEST_H */
