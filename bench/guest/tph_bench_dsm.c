/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Firmware calls and wall time of the kernel's tag resolution, straight on
 * the VFIO device fd (no DPDK), for bench/dsm.sh.
 *
 * A batch of N entries spread round-robin over CPUs 0..C-1 (entry i:
 * index i, CPU i mod C; bench/dsm.sh boots with an SSDT that gives every
 * CPU a valid tag) is sent as one
 * SET_ST and as one GET_ST, REPS times each, with volatile memory only
 * (C distinct (CPU, memory type) pairs) and with both memory types
 * alternating (2C pairs). Around each series the test SSDT's evaluation
 * counters, which tph_emu shows in debugfs, are read: dsm_evals counts
 * _DSM function 0xF (one per tag resolved), dsm_queries function 0 (the
 * "is 0xF implemented" question). One line per operation and mix:
 *   BENCH-DSM op=set|get mix=vm|vm+pm n=N pairs=P evals=E queries=Q
 *             ns_median=X ns_min=Y
 * with E and Q per batch (the first batch of a device may ask function 0
 * once more than the others). GET_ST needs
 * vfio_pci.enable_unsafe_tph_ds_mode=1 and checks every tag against the
 * SSDT's; without the opt-in, only SET_ST is measured.
 *
 * Usage: tph_bench_dsm [BDF] [N] [CPUS] [REPS]
 *        (default 0000:01:00.0, 64, 4, 5)
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tph_bench_iv.h"
#include "tph_bench_util.h"
#include "tph_guest.h"
#include "tph_vfio.h"

#define MAX_REPS	64

/* Entry i: index i, CPU cpus[i mod ncpus], memory type per mix. */
static void
fill(struct vfio_device_pci_tph_op *op, unsigned int n,
		const unsigned int *cpus, unsigned int ncpus, int both_mem)
{
	unsigned int i;

	memset(op->st.ents, 0, n * sizeof(op->st.ents[0]));
	for (i = 0; i < n; i++) {
		op->st.ents[i].index = i;
		op->st.ents[i].cpu = cpus[i % ncpus];
		op->st.ents[i].mem_type = both_mem && (i / ncpus) % 2 ?
			VFIO_PCI_TPH_MEM_TYPE_PM : VFIO_PCI_TPH_MEM_TYPE_VM;
	}
}

/*
 * The SSDT's tag of a CPU (platform/acpi/tph-dsm.asl), for the bench's
 * variant of it that gives every UID below 64 a valid tag.
 */
static uint16_t
ssdt_tag(const struct tph_env *env, unsigned int cpu, uint8_t mem)
{
	uint32_t uid = env->uid[cpu];

	if (env->ext_tags)
		return (mem == VFIO_PCI_TPH_MEM_TYPE_VM ? 0x1100 : 0x2200) + uid;
	return (mem == VFIO_PCI_TPH_MEM_TYPE_VM ? 0x10 : 0x20) + uid;
}

/* GET_ST must give the SSDT's tag of each entry's CPU and memory type. */
static int
check_tags(const struct tph_env *env, const struct vfio_device_pci_tph_op *op,
		unsigned int n)
{
	unsigned int i;
	uint16_t want;

	for (i = 0; i < n; i++) {
		const struct vfio_pci_tph_entry *e = &op->st.ents[i];

		want = ssdt_tag(env, e->cpu, e->mem_type);
		if (e->st != want) {
			fprintf(stderr, "GET_ST entry %u: CPU %u mem %u tag 0x%x, want 0x%x\n",
				i, e->cpu, e->mem_type, e->st, want);
			return -1;
		}
	}
	return 0;
}

static int
measure(struct tph_dev *d, const struct tph_env *env, uint32_t opcode,
		unsigned int n, const unsigned int *cpus, unsigned int ncpus,
		int both_mem, unsigned int reps)
{
	uint64_t ns[MAX_REPS], evals0, evals1, queries0, queries1, t0;
	struct vfio_device_pci_tph_op *op;
	unsigned int r, pairs;
	int ret = -1;

	op = tph_op_new(opcode, n, 0);
	if (op == NULL)
		return -1;
	if (tph_bench_emu_u64("dsm_evals", &evals0) != 0 ||
			tph_bench_emu_u64("dsm_queries", &queries0) != 0)
		goto out;
	for (r = 0; r < reps; r++) {
		fill(op, n, cpus, ncpus, both_mem);
		t0 = tph_bench_now_ns();
		ret = tph_ioctl(d->fd, op);
		ns[r] = tph_bench_now_ns() - t0;
		if (ret != 0) {
			fprintf(stderr, "%s of %u entries: %s\n",
				opcode == VFIO_PCI_TPH_SET_ST ? "SET_ST" : "GET_ST",
				n, strerror(-ret));
			goto out;
		}
		if (opcode == VFIO_PCI_TPH_GET_ST && check_tags(env, op, n) != 0) {
			ret = -1;
			goto out;
		}
	}
	ret = -1;
	if (tph_bench_emu_u64("dsm_evals", &evals1) != 0 ||
			tph_bench_emu_u64("dsm_queries", &queries1) != 0)
		goto out;
	qsort(ns, reps, sizeof(ns[0]), tph_bench_cmp_u64);
	pairs = both_mem && n > ncpus ? 2 * ncpus : (n < ncpus ? n : ncpus);
	printf("BENCH-DSM op=%s mix=%s n=%u pairs=%u evals=%.2f queries=%.2f",
		opcode == VFIO_PCI_TPH_SET_ST ? "set" : "get",
		both_mem ? "vm+pm" : "vm", n, pairs,
		(double)(evals1 - evals0) / reps,
		(double)(queries1 - queries0) / reps);
	printf(" ns_median=%" PRIu64 " ns_min=%" PRIu64 "\n", ns[reps / 2],
		ns[0]);
	ret = 0;
out:
	free(op);
	return ret;
}

int
main(int argc, char **argv)
{
	const char *bdf = argc > 1 ? argv[1] : "0000:01:00.0";
	unsigned int n = argc > 2 ? (unsigned int)atoi(argv[2]) : 64;
	unsigned int want_cpus = argc > 3 ? (unsigned int)atoi(argv[3]) : 4;
	unsigned int reps = argc > 4 ? (unsigned int)atoi(argv[4]) : 5;
	unsigned int cpus[TPH_MAX_CPUS], ncpus, mix;
	struct vfio_pci_tph_cap cap;
	struct tph_env env;
	struct tph_dev d;
	uint16_t tag;
	int ret = 1, ds;

	if (reps == 0 || reps > MAX_REPS || n == 0 || want_cpus == 0 ||
			want_cpus > TPH_MAX_CPUS) {
		fprintf(stderr, "usage: tph_bench_dsm [BDF] [N] [CPUS] [REPS<=%d]\n",
			MAX_REPS);
		return 1;
	}
	if (tph_env_load(&env, bdf) != 0)
		return 1;
	if (want_cpus > env.nr_cpu_ids) {
		fprintf(stderr, "%u CPUs wanted, the guest has %u\n", want_cpus,
			env.nr_cpu_ids);
		return 1;
	}
	for (ncpus = 0; ncpus < want_cpus; ncpus++)
		cpus[ncpus] = ncpus;
	if (tph_bench_iv_open(&d, bdf, n, &cap) != 0)
		return 1;
	/* GET_ST answers -EPERM without the opt-in: measure SET_ST only. */
	ds = (cap.supported_modes & VFIO_PCI_TPH_MODE_DS) != 0 &&
		tph_get_one(&d, cpus[0], VFIO_PCI_TPH_MEM_TYPE_VM, &tag) == 0;
	printf("BENCH-DSM-SETUP bdf=%s n=%u cpus=%u reps=%u get_st=%s\n", bdf, n,
		ncpus, reps, ds ? "yes" : "no");
	for (mix = 0; mix < 2; mix++) {
		if (measure(&d, &env, VFIO_PCI_TPH_SET_ST, n, cpus, ncpus, mix,
				reps) != 0)
			goto done;
		if (ds && measure(&d, &env, VFIO_PCI_TPH_GET_ST, n, cpus, ncpus,
				mix, reps) != 0)
			goto done;
	}
	ret = 0;
done:
	return tph_bench_iv_close(&d, bdf) != 0 ? 1 : ret;
}
