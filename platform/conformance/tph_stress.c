/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Stress VFIO_DEVICE_PCI_TPH: several threads, each with its own device fd,
 * issue randomized operations (valid and garbage: ops, sizes, counts, CPUs,
 * reserved fields, resets).  Every round ends with all fds closed, which
 * must leave TPH disabled and the ST table clean.  One more thread keeps
 * changing the device's interrupts (VFIO_DEVICE_SET_IRQS: MSI-X on and
 * off, with varying vector counts) while the others program the table,
 * since with the table in MSI-X both change the same registers.  Meant
 * for the debug kernel: the harness then requires a clean dmesg (KASAN,
 * lockdep, ...).
 *
 * Usage: tph_stress [TOTAL_IOCTLS [THREADS [SEED]]]
 */

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tph_guest.h"
#include "tph_test.h"
#include "tph_vfio.h"

#define ROUNDS 8
#define MAX_THREADS 16
#define MAX_COUNT (VFIO_PCI_TPH_MAX_ENTRIES + 1)
#define NERR 256

static struct tph_dev dev;
static struct tph_env env;
static pthread_barrier_t barrier;
static unsigned int per_round;
static unsigned int nthreads;
static unsigned long long seed;

struct worker {
	pthread_t tid;
	unsigned int id;
	uint64_t rng;
	unsigned long long calls;
	unsigned long long ok;
	unsigned long long err[NERR];
	int fatal;
};

static struct worker workers[MAX_THREADS + 1];	/* + the IRQ churner */

static uint64_t
rnd(struct worker *w)
{
	/* xorshift64*: reproducible from the printed seed. */
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return w->rng * 2685821657736338717ULL;
}

static unsigned int
below(struct worker *w, unsigned int n)
{
	return n ? rnd(w) % n : 0;
}

static uint32_t
pick_cpu(struct worker *w)
{
	switch (below(w, 8)) {
	case 0:
		return VFIO_PCI_TPH_CPU_CLEAR;
	case 1:
		return env.nr_cpu_ids + below(w, 4);
	case 2:
		return (uint32_t)rnd(w);
	default:
		return below(w, env.nr_cpu_ids);
	}
}

static void
fill_entries(struct worker *w, struct vfio_device_pci_tph_op *op,
	     unsigned int n)
{
	unsigned int i, tsz = env.entries ? env.entries : 8;

	for (i = 0; i < n; i++) {
		struct vfio_pci_tph_entry *e = &op->st.ents[i];

		e->cpu = pick_cpu(w);
		e->mem_type = below(w, 16) ? below(w, 2) : below(w, 256);
		e->index = below(w, 16) ? below(w, tsz) : below(w, 0x10000);
		e->reserved0 = below(w, 32) ? 0 : below(w, 256);
		e->reserved1 = below(w, 32) ? 0 : below(w, 0x10000);
		e->st = below(w, 4) ? 0 : below(w, 0x10000);
	}
}

/* One random call on fd with buffer buf (room for MAX_COUNT entries). */
static void
one_call(struct worker *w, int fd, struct vfio_device_pci_tph_op *op,
	 size_t bufsz)
{
	unsigned int count = 1, kind = below(w, 100);
	uint32_t need;
	int ret;

	memset(op, 0, tph_op_size(VFIO_PCI_TPH_SET_ST, 4));
	if (kind < 2) {
		ret = ioctl(fd, VFIO_DEVICE_RESET) < 0 ? -errno : 0;
		goto account;
	}
	op->op = kind < 10 ? VFIO_PCI_TPH_GET_CAP :
		 kind < 25 ? VFIO_PCI_TPH_ENABLE :
		 kind < 32 ? VFIO_PCI_TPH_DISABLE :
		 kind < 50 ? VFIO_PCI_TPH_GET_ST :
		 kind < 95 ? VFIO_PCI_TPH_SET_ST : 5 + below(w, 1000);
	if (op->op == VFIO_PCI_TPH_ENABLE) {
		op->ctrl.mode = below(w, 8) ? 1 + below(w, 2) : below(w, 256);
		if (!below(w, 16))
			op->ctrl.reserved[below(w, 7)] = 1 + below(w, 255);
	}
	if (op->op == VFIO_PCI_TPH_GET_ST || op->op == VFIO_PCI_TPH_SET_ST) {
		switch (below(w, 10)) {
		case 0:
			count = 0;
			break;
		case 1:
			count = VFIO_PCI_TPH_MAX_ENTRIES + below(w, 2);
			break;
		case 2:
			count = below(w, 200);
			break;
		default:
			count = 1 + below(w, 8);
		}
		memset(op, 0, tph_op_size(op->op, count));
		op->op = kind < 50 ? VFIO_PCI_TPH_GET_ST : VFIO_PCI_TPH_SET_ST;
		op->st.count = below(w, 64) ? count : (uint32_t)rnd(w);
		op->st.reserved = below(w, 32) ? 0 : (uint32_t)rnd(w);
		fill_entries(w, op, count);
	}
	need = tph_op_size(op->op, count);
	switch (below(w, 6)) {
	case 0:
		op->argsz = need ? need - 1 : 0;
		break;
	case 1:
		op->argsz = below(w, 24);
		break;
	case 2:
		/* Larger than needed, but never past our buffer. */
		op->argsz = need + below(w, bufsz - need + 1);
		break;
	default:
		op->argsz = need;
	}
	ret = ioctl(fd, VFIO_DEVICE_PCI_TPH, op) < 0 ? -errno : 0;
account:
	w->calls++;
	if (ret == 0)
		w->ok++;
	else
		w->err[-ret < NERR ? -ret : NERR - 1]++;
	/* We never pass a bad pointer, and the kernel has the ioctl. */
	if (ret == -EFAULT || ret == -ENOTTY)
		w->fatal = ret;
}

static int
open_fd(void)
{
	int fd = ioctl(dev.group, VFIO_GROUP_GET_DEVICE_FD, dev.bdf);

	if (fd < 0)
		fprintf(stderr, "GET_DEVICE_FD: %s\n", strerror(errno));
	return fd;
}

static void *
worker_main(void *arg)
{
	size_t bufsz = tph_op_size(VFIO_PCI_TPH_SET_ST, MAX_COUNT) + 64;
	struct vfio_device_pci_tph_op *op = calloc(1, bufsz);
	struct worker *w = arg;
	unsigned int round, i;
	cpu_set_t set;

	if (op == NULL)
		abort();
	for (round = 0; round < ROUNDS; round++) {
		int fd = open_fd();

		if (fd < 0) {
			w->fatal = -EBADF;
			fd = -1;
		}
		/* Random affinity makes the EPERM path part of the mix. */
		CPU_ZERO(&set);
		for (i = 0; i < env.ncpus_online; i++)
			if (below(w, 2) || i == w->id % env.ncpus_online)
				CPU_SET(i, &set);
		sched_setaffinity(0, sizeof(set), &set);
		for (i = 0; fd >= 0 && i < per_round; i++)
			one_call(w, fd, op, bufsz);
		if (fd >= 0)
			close(fd);
		/* All closed: main checks the device, then next round. */
		pthread_barrier_wait(&barrier);
		pthread_barrier_wait(&barrier);
	}
	free(op);
	return NULL;
}

/* MSI-X vectors of the device (VFIO_DEVICE_GET_IRQ_INFO), 0 if none. */
static unsigned int
msix_vectors(int fd)
{
	struct vfio_irq_info info = {
		.argsz = sizeof(info),
		.index = VFIO_PCI_MSIX_IRQ_INDEX,
	};

	if (ioctl(fd, VFIO_DEVICE_GET_IRQ_INFO, &info) < 0)
		return 0;
	return info.count < TPH_MAX_VECTORS ? info.count : TPH_MAX_VECTORS;
}

/* One SET_IRQS: MSI-X off, or on with a random number of vectors. */
static void
irq_call(struct worker *w, int fd, const int *efd, unsigned int nvec)
{
	char buf[sizeof(struct vfio_irq_set) + TPH_MAX_VECTORS * sizeof(int32_t)];
	struct vfio_irq_set *set = (struct vfio_irq_set *)buf;
	unsigned int n = below(w, 3) ? 1 + below(w, nvec) : 0;
	int ret;

	memset(buf, 0, sizeof(buf));
	set->argsz = sizeof(*set) + n * sizeof(int32_t);
	set->flags = VFIO_IRQ_SET_ACTION_TRIGGER |
		     (n ? VFIO_IRQ_SET_DATA_EVENTFD : VFIO_IRQ_SET_DATA_NONE);
	set->index = VFIO_PCI_MSIX_IRQ_INDEX;
	set->count = n;
	memcpy(set->data, efd, n * sizeof(int32_t));
	ret = ioctl(fd, VFIO_DEVICE_SET_IRQS, set) < 0 ? -errno : 0;
	w->calls++;
	if (ret == 0)
		w->ok++;
	else
		w->err[-ret < NERR ? -ret : NERR - 1]++;
}

/* Changes the device's MSI-X setup while the workers call the ioctl. */
static void *
irq_main(void *arg)
{
	struct worker *w = arg;
	int efd[TPH_MAX_VECTORS];
	unsigned int round, i, nvec = 0;

	for (i = 0; i < TPH_MAX_VECTORS; i++)
		efd[i] = eventfd(0, EFD_CLOEXEC);
	for (round = 0; round < ROUNDS; round++) {
		int fd = open_fd();

		if (fd < 0)
			w->fatal = -EBADF;
		else if (nvec == 0)
			nvec = msix_vectors(fd);
		for (i = 0; fd >= 0 && nvec && i < per_round / 4 + 1; i++)
			irq_call(w, fd, efd, nvec);
		if (fd >= 0)
			close(fd);
		pthread_barrier_wait(&barrier);
		pthread_barrier_wait(&barrier);
	}
	for (i = 0; i < TPH_MAX_VECTORS; i++)
		if (efd[i] >= 0)
			close(efd[i]);
	if (nvec == 0 && w->fatal == 0)
		w->fatal = -ENXIO;	/* no MSI-X: the churn tested nothing */
	return NULL;
}

/* After the last close: requester disabled, table clean. */
static int
check_clean(unsigned int round)
{
	struct tph_state s;
	unsigned int i;

	if (!env.emu || env.absent)
		return 0;
	if (tph_state_read(&env, &dev, &s) != 0)
		return -1;
	if (s.ctrl & TPH_CTRL_EN_MASK)
		return TPH_FAIL("round %u: TPH still enabled after the last close (ctrl 0x%08x)",
				round, s.ctrl);
	for (i = 0; i < s.n; i++)
		if (tph_state_tag(&env, &s, i) != 0)
			return TPH_FAIL("round %u: ST entry %u = 0x%04x after the last close",
					round, i, tph_state_tag(&env, &s, i));
	return 0;
}

static int
run_stress(const struct tph_env *e, const void *arg)
{
	unsigned long long calls = 0, ok = 0, err[NERR] = { 0 };
	unsigned int t, round, i;
	int ret = 0;

	(void)e;
	(void)arg;
	pthread_barrier_init(&barrier, NULL, nthreads + 2);
	for (t = 0; t <= nthreads; t++) {
		workers[t].id = t;
		workers[t].rng = seed * 0x9e3779b97f4a7c15ULL + t + 1;
		pthread_create(&workers[t].tid, NULL,
			       t < nthreads ? worker_main : irq_main,
			       &workers[t]);
	}
	for (round = 0; round < ROUNDS; round++) {
		pthread_barrier_wait(&barrier);
		if (ret == 0)
			ret = check_clean(round);
		pthread_barrier_wait(&barrier);
	}
	for (t = 0; t <= nthreads; t++) {
		pthread_join(workers[t].tid, NULL);
		if (t == nthreads) {
			printf("stress: %llu VFIO_DEVICE_SET_IRQS alongside, %llu ok\n",
			       workers[t].calls, workers[t].ok);
			if (workers[t].fatal && ret == 0)
				ret = TPH_FAIL("SET_IRQS thread: %s",
					       strerror(-workers[t].fatal));
			continue;
		}
		calls += workers[t].calls;
		ok += workers[t].ok;
		for (i = 0; i < NERR; i++)
			err[i] += workers[t].err[i];
		if (workers[t].fatal && ret == 0)
			ret = TPH_FAIL("thread %u saw %s", t,
				       strerror(-workers[t].fatal));
	}
	printf("stress: %llu ioctls in %u threads x %u rounds (seed %llu): %llu ok",
	       calls, nthreads, ROUNDS, seed, ok);
	for (i = 1; i < NERR; i++)
		if (err[i])
			printf(", %llu %s", err[i], strerror(i));
	printf("\n");
	if (ret == 0 && ok == 0)
		ret = TPH_FAIL("no call succeeded: the mix exercised nothing");
	return ret;
}

int
main(int argc, char **argv)
{
	static const struct tph_case cases[] = {
		{ "stress_random_ioctls", NULL, run_stress, NULL },
	};
	unsigned long total = argc > 1 ? strtoul(argv[1], NULL, 0) : 12000;
	int ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	nthreads = argc > 2 ? strtoul(argv[2], NULL, 0) : 4;
	seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
	if (nthreads < 1 || nthreads > MAX_THREADS || total < nthreads) {
		fprintf(stderr, "usage: %s [TOTAL [THREADS(1-%d) [SEED]]]\n",
			argv[0], MAX_THREADS);
		return 2;
	}
	per_round = (total + nthreads * ROUNDS - 1) / (nthreads * ROUNDS);
	if (tph_env_load(&env, tph_nic_bdf()) != 0)
		return 1;
	tph_env_print(&env);
	ret = tph_dev_open(&dev, env.bdf);
	if (ret != 0) {
		fprintf(stderr, "cannot open %s: %s\n", env.bdf,
			strerror(-ret));
		return 1;
	}
	/* Worker fds only: the harness' own fd would keep the device open. */
	tph_dev_close_fd(&dev);
	ret = tph_run_cases(cases, 1, &env, NULL);
	tph_dev_close(&dev);
	return ret;
}
