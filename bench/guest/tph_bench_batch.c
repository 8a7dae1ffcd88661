/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Kernel cost of one steering tag batch against the same entries sent one
 * by one, straight on the VFIO device fd (no DPDK), for bench/control.sh.
 *
 * For each size N (powers of two up to the ST table size, and the size
 * itself) the device, enabled in Interrupt Vector mode, gets:
 *   batch        one SET_ST ioctl carrying N entries;
 *   per-entry    N SET_ST ioctls of one entry each (what a library
 *                without batching would issue);
 *   batch-clear  one SET_ST clearing N entries: no firmware call for
 *                tags, so its time is the kernel's cost without the ACPI
 *                _DSM;
 * each REPS times. tph_emu counts the kernel's config accesses to the TPH
 * capability; the ioctls are timed with CLOCK_MONOTONIC (TCG: indicative
 * only). One line per size and path:
 *   BENCH-BATCH n=N path=batch|per-entry|batch-clear ioctls=I reads=R writes=W
 *               accesses=A target=T ns_median=X
 * with I, R, W, A per repetition and T = N + 4 (the kernel series' bound
 * for one batch). Reuses the conformance suite's VFIO and platform helpers.
 *
 * Usage: tph_bench_batch [BDF] [REPS]   (default 0000:01:00.0, 5)
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

#define MAX_REPS 64

/* Online CPUs the test SSDT gives a valid tag; their number. */
static unsigned int
tagged_cpus(const struct tph_env *env, unsigned int *cpus)
{
	unsigned int c, n = 0;
	uint16_t tag;

	for (c = 0; c < env->nr_cpu_ids && c < TPH_MAX_CPUS; c++)
		if (tph_expected_tag(env, c, VFIO_PCI_TPH_MEM_TYPE_VM, &tag))
			cpus[n++] = c;
	return n;
}

/*
 * Fill op (a SET_ST of count entries) with entries first..first+count-1;
 * entry i steers index i to a tagged CPU that changes with round, so no
 * write repeats the value already in the table. With ncpus 0 the entries
 * clear instead: the kernel then needs no tag from the firmware.
 */
static void
fill(struct vfio_device_pci_tph_op *op, unsigned int first,
		unsigned int count, const unsigned int *cpus,
		unsigned int ncpus, unsigned int round)
{
	unsigned int i;

	memset(op->st.ents, 0, count * sizeof(op->st.ents[0]));
	for (i = 0; i < count; i++) {
		op->st.ents[i].index = first + i;
		op->st.ents[i].cpu = ncpus == 0 ? VFIO_PCI_TPH_CPU_CLEAR :
			cpus[(first + i + round) % ncpus];
		op->st.ents[i].mem_type = VFIO_PCI_TPH_MEM_TYPE_VM;
	}
}

/*
 * Program entries 0..n-1 reps times, chunk entries per ioctl; print the
 * per-repetition counts and the median time of a repetition.
 */
static int
measure(struct tph_dev *d, const char *path, unsigned int n,
		unsigned int chunk, unsigned int reps, const unsigned int *cpus,
		unsigned int ncpus)
{
	struct vfio_device_pci_tph_op *op;
	uint64_t ns[MAX_REPS], reads, writes, t0;
	unsigned int r, first, ioctls = 0;
	int ret;

	op = tph_op_new(VFIO_PCI_TPH_SET_ST, chunk, 0);
	if (tph_emu_reset_counters() != 0) {
		fprintf(stderr, "cannot reset the tph_emu counters\n");
		free(op);
		return -1;
	}
	for (r = 0; r < reps; r++) {
		t0 = tph_bench_now_ns();
		for (first = 0; first < n; first += chunk) {
			fill(op, first, chunk, cpus, ncpus, r + 1);
			ret = tph_ioctl(d->fd, op);
			if (ret != 0) {
				fprintf(stderr, "SET_ST of %u entries at %u: %s\n",
					chunk, first, strerror(-ret));
				free(op);
				return -1;
			}
			ioctls++;
		}
		ns[r] = tph_bench_now_ns() - t0;
	}
	free(op);
	if (tph_emu_counters(&reads, &writes) != 0) {
		fprintf(stderr, "cannot read the tph_emu counters\n");
		return -1;
	}
	qsort(ns, reps, sizeof(ns[0]), tph_bench_cmp_u64);
	printf("BENCH-BATCH n=%u path=%s ioctls=%u reads=%.2f writes=%.2f",
		n, path, ioctls / reps, (double)reads / reps,
		(double)writes / reps);
	printf(" accesses=%.2f target=%u ns_median=%" PRIu64 "\n",
		(double)(reads + writes) / reps, n + 4, ns[reps / 2]);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *bdf = argc > 1 ? argv[1] : "0000:01:00.0";
	unsigned int reps = argc > 2 ? (unsigned int)atoi(argv[2]) : 5;
	unsigned int cpus[TPH_MAX_CPUS], ncpus, size, n;
	struct vfio_pci_tph_cap cap;
	struct tph_env env;
	struct tph_dev d;
	int ret = 1;

	if (reps == 0 || reps > MAX_REPS) {
		fprintf(stderr, "REPS must be 1 to %d\n", MAX_REPS);
		return 1;
	}
	if (tph_env_load(&env, bdf) != 0)
		return 1;
	ncpus = tagged_cpus(&env, cpus);
	if (ncpus == 0) {
		fprintf(stderr, "no online CPU has a valid steering tag\n");
		return 1;
	}
	if (tph_bench_iv_open(&d, bdf, 1, &cap) != 0)
		return 1;
	size = cap.st_table_sz;
	if (size > VFIO_PCI_TPH_MAX_ENTRIES)
		size = VFIO_PCI_TPH_MAX_ENTRIES;
	printf("BENCH-BATCH-SETUP bdf=%s table=%u cpus=%u reps=%u\n", bdf, size,
		ncpus, reps);
	for (n = 1; ; n = n * 2 < size ? n * 2 : size) {
		if (measure(&d, "batch", n, n, reps, cpus, ncpus) != 0 ||
				measure(&d, "per-entry", n, 1, reps, cpus,
					ncpus) != 0 ||
				measure(&d, "batch-clear", n, n, reps, cpus,
					0) != 0)
			goto done;
		if (n == size)
			break;
	}
	ret = 0;
done:
	return tph_bench_iv_close(&d, bdf) != 0 ? 1 : ret;
}
