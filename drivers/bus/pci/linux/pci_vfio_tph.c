/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Linux VFIO backend of lib/tph.
 *
 * A device bound to vfio-pci that has a TPH Requester capability gets its
 * TPH operations registered with lib/tph when the bus maps it. Each
 * operation is one VFIO_DEVICE_PCI_TPH ioctl on the VFIO device fd (see
 * vfio_tph_uapi.h), split only when a batch exceeds what one ioctl can
 * carry. The library validates requests and keeps the TPH state; this file
 * keeps what it read at probe and, for undoing split batches, the last
 * value it wrote to each steering tag (ST) table entry.
 *
 * The calling thread's CPU affinity is never changed: the kernel checks
 * each CPU against the process's cpuset, not the thread's affinity, so a
 * control thread pinned to one CPU can ask for the tag of any CPU the
 * process may use.
 */

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/queue.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_interrupts.h>
#include <rte_log.h>
#include <rte_pci.h>
#include <rte_vfio.h>
#include <rte_tph_driver.h>

#include <bus_pci_driver.h>

#include "pci_vfio_tph.h"

#ifdef VFIO_PRESENT

#include "vfio_tph_uapi.h"

/* PCIe Base Spec r6.x, 7.9.13.1: TPH Requester Extended Capability ID. */
#define TPH_EXT_CAP_ID 0x17
/* PCIe r6.x 7.9.13.2: TPH Requester Capability Register, at +0x04. */
#define TPH_CAP_REG 0x04
/* 7.9.13.2 bit 8: Extended TPH Requester Supported (16-bit tags). */
#define TPH_CAP_EXT_REQ RTE_BIT32(8)
/* 7.9.13.2 bits 10:9: ST Table Location. */
#define TPH_CAP_LOC_SHIFT 9
#define TPH_CAP_LOC_MASK (UINT32_C(0x3) << TPH_CAP_LOC_SHIFT)
#define TPH_CAP_LOC_NONE 0 /* no table */
#define TPH_CAP_LOC_CAP 1  /* in the TPH Requester capability */
#define TPH_CAP_LOC_MSIX 2 /* in the MSI-X table; 3 is reserved */

/* Bytes of the op header; DISABLE carries nothing else. */
#define TPH_OP_HDR_SZ offsetof(struct vfio_device_pci_tph_op, cap)

/* lib/tph values are passed to the kernel unchanged. */
_Static_assert(RTE_TPH_CPU_CLEAR == VFIO_PCI_TPH_CPU_CLEAR,
	"clear-entry CPU values differ");
_Static_assert((int)RTE_TPH_MEM_VOLATILE == VFIO_PCI_TPH_MEM_TYPE_VM,
	"volatile memory type values differ");
_Static_assert((int)RTE_TPH_MEM_PERSISTENT == VFIO_PCI_TPH_MEM_TYPE_PM,
	"persistent memory type values differ");

/* Last value this process wrote to one ST table entry. */
struct tph_vfio_shadow {
	uint32_t cpu;     /* VFIO_PCI_TPH_CPU_CLEAR when cleared */
	uint8_t mem_type;
};

/* One registered device. */
struct tph_vfio_dev {
	TAILQ_ENTRY(tph_vfio_dev) next;
	struct rte_pci_device *pdev;
	struct rte_tph_cap cap;          /* as read at probe */
	struct tph_vfio_shadow *shadow;  /* cap.st_table_size entries */
};

static TAILQ_HEAD(, tph_vfio_dev) tph_vfio_devs =
	TAILQ_HEAD_INITIALIZER(tph_vfio_devs);
/*
 * Guards the list and every device's shadow table. It is held across the
 * ioctls, so that removal cannot free a device an operation is using.
 */
static pthread_mutex_t tph_vfio_lock = PTHREAD_MUTEX_INITIALIZER;

/* A kernel without the ioctl is reported once per process, not per device. */
static bool tph_vfio_enotty_logged;

static const char * const tph_vfio_op_names[] = {
	[VFIO_PCI_TPH_GET_CAP] = "GET_CAP",
	[VFIO_PCI_TPH_ENABLE] = "ENABLE",
	[VFIO_PCI_TPH_DISABLE] = "DISABLE",
	[VFIO_PCI_TPH_GET_ST] = "GET_ST",
	[VFIO_PCI_TPH_SET_ST] = "SET_ST",
};

static size_t
tph_vfio_st_argsz(unsigned int count)
{
	return offsetof(struct vfio_device_pci_tph_op, st.ents) +
		(size_t)count * sizeof(struct vfio_pci_tph_entry);
}

/* Issue one TPH op on the device fd; 0 or a negative errno. */
static int
tph_vfio_ioctl(const struct rte_pci_device *pdev,
		struct vfio_device_pci_tph_op *arg)
{
	int fd = rte_intr_dev_fd_get(pdev->intr_handle);

	if (fd < 0)
		return -ENODEV;
	if (ioctl(fd, VFIO_DEVICE_PCI_TPH, arg) >= 0)
		return 0;
	if (errno == EOPNOTSUPP)
		return -ENOTSUP;
	return errno > 0 ? -errno : -EIO;
}

/*
 * Failures of the operations lib/tph calls are logged by the library, with
 * its context; the ioctl detail is only worth a debug line here.
 */
static void
tph_vfio_log_fail(const struct rte_pci_device *pdev, uint32_t op, int ret)
{
	RTE_LOG(DEBUG, EAL, "%s: VFIO TPH %s failed: %s\n",
		pdev->name, tph_vfio_op_names[op], strerror(-ret));
}

/* Call with tph_vfio_lock held. */
static struct tph_vfio_dev *
tph_vfio_find(const struct rte_device *dev)
{
	struct tph_vfio_dev *t;

	TAILQ_FOREACH(t, &tph_vfio_devs, next)
		if (&t->pdev->device == dev)
			return t;
	return NULL;
}

/*
 * Allocate the buffer of a GET_ST or SET_ST batch of n entries: large
 * enough for its biggest chunk, reused for every chunk.
 */
static struct vfio_device_pci_tph_op *
tph_vfio_st_alloc(unsigned int n)
{
	return calloc(1, tph_vfio_st_argsz(RTE_MIN(n,
				(unsigned int)VFIO_PCI_TPH_MAX_ENTRIES)));
}

/* Reset the buffer for a chunk of count entries: reserved fields zero. */
static void
tph_vfio_st_prepare(struct vfio_device_pci_tph_op *arg, uint32_t op,
		unsigned int count)
{
	memset(arg, 0, tph_vfio_st_argsz(count));
	arg->argsz = tph_vfio_st_argsz(count);
	arg->op = op;
	arg->st.count = count;
}

/*
 * Encode count entries as a GET_ST or SET_ST. The index is sent only with
 * SET_ST: GET_ST ignores it and the kernel wants ignored fields zero.
 */
static void
tph_vfio_st_fill(struct vfio_device_pci_tph_op *arg, uint32_t op,
		const struct rte_tph_hw_entry *ents, unsigned int count)
{
	unsigned int i;

	tph_vfio_st_prepare(arg, op, count);
	for (i = 0; i < count; i++) {
		arg->st.ents[i].cpu = ents[i].cpu;
		arg->st.ents[i].mem_type = ents[i].mem_type;
		if (op == VFIO_PCI_TPH_SET_ST)
			arg->st.ents[i].index = ents[i].index;
	}
}

static int
tph_vfio_cap_get(struct rte_device *dev, struct rte_tph_cap *cap)
{
	struct tph_vfio_dev *t;
	int ret = -ENODEV;

	pthread_mutex_lock(&tph_vfio_lock);
	t = tph_vfio_find(dev);
	if (t != NULL) {
		*cap = t->cap;
		ret = 0;
	}
	pthread_mutex_unlock(&tph_vfio_lock);
	return ret;
}

/* Issue a bodiless or ctrl op (ENABLE, DISABLE) for dev. */
static int
tph_vfio_simple_op(struct rte_device *dev, struct vfio_device_pci_tph_op *arg)
{
	struct tph_vfio_dev *t;
	int ret = -ENODEV;

	pthread_mutex_lock(&tph_vfio_lock);
	t = tph_vfio_find(dev);
	if (t != NULL) {
		ret = tph_vfio_ioctl(t->pdev, arg);
		if (ret != 0)
			tph_vfio_log_fail(t->pdev, arg->op, ret);
	}
	pthread_mutex_unlock(&tph_vfio_lock);
	return ret;
}

static int
tph_vfio_enable(struct rte_device *dev, enum rte_tph_mode mode)
{
	struct vfio_device_pci_tph_op arg;

	memset(&arg, 0, sizeof(arg));
	/* header + ctrl: the whole fixed part */
	arg.argsz = sizeof(arg);
	arg.op = VFIO_PCI_TPH_ENABLE;
	switch (mode) {
	case RTE_TPH_MODE_IV:
		arg.ctrl.mode = VFIO_PCI_TPH_MODE_IV;
		break;
	case RTE_TPH_MODE_DS:
		arg.ctrl.mode = VFIO_PCI_TPH_MODE_DS;
		break;
	default:
		return -EINVAL;
	}
	return tph_vfio_simple_op(dev, &arg);
}

static int
tph_vfio_disable(struct rte_device *dev)
{
	struct vfio_device_pci_tph_op arg;

	memset(&arg, 0, sizeof(arg));
	/* DISABLE has no body: the header is all the kernel needs. */
	arg.argsz = TPH_OP_HDR_SZ;
	arg.op = VFIO_PCI_TPH_DISABLE;
	return tph_vfio_simple_op(dev, &arg);
}

/*
 * Issue a GET_ST or SET_ST for n entries, in chunks of at most
 * VFIO_PCI_TPH_MAX_ENTRIES. For GET_ST the tags are stored in sts[]. On
 * failure *done tells how many entries the kernel accepted before.
 */
static int
tph_vfio_st_submit(const struct tph_vfio_dev *t,
		struct vfio_device_pci_tph_op *arg, uint32_t op,
		const struct rte_tph_hw_entry *ents, unsigned int n,
		uint16_t *sts, unsigned int *done)
{
	unsigned int i, c;
	int ret;

	for (*done = 0; *done < n; *done += c) {
		c = RTE_MIN(n - *done, (unsigned int)VFIO_PCI_TPH_MAX_ENTRIES);
		tph_vfio_st_fill(arg, op, ents + *done, c);
		ret = tph_vfio_ioctl(t->pdev, arg);
		if (ret != 0) {
			RTE_LOG(DEBUG, EAL,
				"%s: VFIO TPH %s failed at entries %u-%u of %u: %s\n",
				t->pdev->name, tph_vfio_op_names[op], *done,
				*done + c - 1, n, strerror(-ret));
			return ret;
		}
		for (i = 0; sts != NULL && i < c; i++)
			sts[*done + i] = arg->st.ents[i].st;
	}
	return 0;
}

static int
tph_vfio_get_st(struct rte_device *dev, struct rte_tph_hw_entry *ents,
		unsigned int n)
{
	struct vfio_device_pci_tph_op *arg = NULL;
	uint16_t *sts = NULL;
	struct tph_vfio_dev *t;
	unsigned int i, done;
	int ret;

	if (ents == NULL || n == 0)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (ents[i].mem_type > VFIO_PCI_TPH_MEM_TYPE_PM)
			return -EINVAL;

	pthread_mutex_lock(&tph_vfio_lock);
	t = tph_vfio_find(dev);
	if (t == NULL) {
		ret = -ENODEV;
		goto out;
	}
	/* Tags are collected apart and handed out only if every chunk worked. */
	arg = tph_vfio_st_alloc(n);
	sts = malloc(n * sizeof(*sts));
	if (arg == NULL || sts == NULL) {
		ret = -ENOMEM;
		goto out;
	}
	ret = tph_vfio_st_submit(t, arg, VFIO_PCI_TPH_GET_ST, ents, n, sts,
			&done);
	if (ret != 0)
		goto out;
	for (i = 0; i < n; i++)
		ents[i].st = sts[i];
	ret = 0;
out:
	pthread_mutex_unlock(&tph_vfio_lock);
	free(sts);
	free(arg);
	return ret;
}

static void
tph_vfio_shadow_update(struct tph_vfio_dev *t,
		const struct rte_tph_hw_entry *ents, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		t->shadow[ents[i].index].cpu = ents[i].cpu;
		t->shadow[ents[i].index].mem_type = ents[i].mem_type;
	}
}

/*
 * Undo the chunks of a split SET_ST batch that the kernel accepted before
 * a later chunk failed: ents[0, done) go back to prev[], what this process
 * had written there before the batch. SET_ST is all-or-nothing per call,
 * so a rollback chunk that fails leaves its entries holding the new tags,
 * and the shadow records exactly that.
 */
static void
tph_vfio_set_rollback(struct tph_vfio_dev *t,
		struct vfio_device_pci_tph_op *arg,
		const struct rte_tph_hw_entry *ents,
		const struct tph_vfio_shadow *prev, unsigned int done)
{
	unsigned int i, k, c;
	int ret;

	for (i = 0; i < done; i += c) {
		c = RTE_MIN(done - i, (unsigned int)VFIO_PCI_TPH_MAX_ENTRIES);
		tph_vfio_st_prepare(arg, VFIO_PCI_TPH_SET_ST, c);
		for (k = 0; k < c; k++) {
			arg->st.ents[k].cpu = prev[i + k].cpu;
			arg->st.ents[k].mem_type = prev[i + k].mem_type;
			arg->st.ents[k].index = ents[i + k].index;
		}
		ret = tph_vfio_ioctl(t->pdev, arg);
		if (ret != 0) {
			RTE_LOG(ERR, EAL,
				"%s: VFIO TPH SET_ST rollback failed, entries %u-%u keep their new tags: %s\n",
				t->pdev->name, i, i + c - 1, strerror(-ret));
			tph_vfio_shadow_update(t, ents + i, c);
		}
	}
}

/*
 * Program ST entries. A batch over VFIO_PCI_TPH_MAX_ENTRIES goes out in
 * several SET_ST calls, so it is not atomic in the kernel: if a chunk
 * fails, the chunks before it are rolled back here to the values this
 * process last wrote (cleared if it never wrote them). Entries written by
 * another process, or cleared by a device reset behind this process's
 * back, are not known here and are restored to the shadow value.
 * Splitting needs a table of more than 2048 entries, which the 11-bit ST
 * Table Size and MSI-X Table Size fields (PCIe r6.x 7.9.13.2, 7.7.2.2)
 * rule out on real devices: the split path only follows the 16-bit ABI.
 */
static int
tph_vfio_set_st(struct rte_device *dev, const struct rte_tph_hw_entry *ents,
		unsigned int n)
{
	struct vfio_device_pci_tph_op *arg = NULL;
	struct tph_vfio_shadow *prev = NULL;
	struct tph_vfio_dev *t;
	unsigned int i, done;
	int ret;

	if (ents == NULL || n == 0)
		return -EINVAL;

	pthread_mutex_lock(&tph_vfio_lock);
	t = tph_vfio_find(dev);
	if (t == NULL) {
		ret = -ENODEV;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (ents[i].index >= t->cap.st_table_size ||
				ents[i].mem_type > VFIO_PCI_TPH_MEM_TYPE_PM) {
			RTE_LOG(ERR, EAL,
				"%s: VFIO TPH SET_ST entry %u invalid (index %u of %u, mem type %u)\n",
				t->pdev->name, i, ents[i].index,
				t->cap.st_table_size, ents[i].mem_type);
			ret = -EINVAL;
			goto out;
		}
	}
	arg = tph_vfio_st_alloc(n);
	if (arg == NULL) {
		ret = -ENOMEM;
		goto out;
	}
	if (n > VFIO_PCI_TPH_MAX_ENTRIES) {
		prev = malloc(n * sizeof(*prev));
		if (prev == NULL) {
			ret = -ENOMEM;
			goto out;
		}
		for (i = 0; i < n; i++)
			prev[i] = t->shadow[ents[i].index];
	}
	ret = tph_vfio_st_submit(t, arg, VFIO_PCI_TPH_SET_ST, ents, n, NULL,
			&done);
	if (ret != 0) {
		if (done > 0)
			tph_vfio_set_rollback(t, arg, ents, prev, done);
		goto out;
	}
	tph_vfio_shadow_update(t, ents, n);
	ret = 0;
out:
	pthread_mutex_unlock(&tph_vfio_lock);
	free(prev);
	free(arg);
	return ret;
}

static const struct rte_tph_dev_ops tph_vfio_ops = {
	.cap_get = tph_vfio_cap_get,
	.enable = tph_vfio_enable,
	.disable = tph_vfio_disable,
	.get_st = tph_vfio_get_st,
	.set_st = tph_vfio_set_st,
};

static const char *
tph_vfio_loc_name(enum rte_tph_st_location loc)
{
	switch (loc) {
	case RTE_TPH_ST_LOC_CAP:
		return "capability";
	case RTE_TPH_ST_LOC_MSIX:
		return "MSI-X table";
	default:
		return "none";
	}
}

/*
 * Build the capability from the TPH Requester Capability register (ST
 * location, extended tags) and the kernel's GET_CAP (usable modes and
 * table size: the kernel knows what it can program).
 */
static void
tph_vfio_cap_decode(const struct rte_pci_device *pdev, uint32_t reg,
		const struct vfio_pci_tph_cap *kcap, struct rte_tph_cap *cap)
{
	memset(cap, 0, sizeof(*cap));
	if (kcap->supported_modes & VFIO_PCI_TPH_MODE_IV)
		cap->modes |= RTE_TPH_CAP_MODE_IV;
	if (kcap->supported_modes & VFIO_PCI_TPH_MODE_DS)
		cap->modes |= RTE_TPH_CAP_MODE_DS;
	cap->st_table_size = kcap->st_table_sz;
	cap->extended = (reg & TPH_CAP_EXT_REQ) != 0;
	switch ((reg & TPH_CAP_LOC_MASK) >> TPH_CAP_LOC_SHIFT) {
	case TPH_CAP_LOC_NONE:
		cap->st_location = RTE_TPH_ST_LOC_NONE;
		break;
	case TPH_CAP_LOC_CAP:
		cap->st_location = RTE_TPH_ST_LOC_CAP;
		break;
	case TPH_CAP_LOC_MSIX:
		cap->st_location = RTE_TPH_ST_LOC_MSIX;
		break;
	default:
		RTE_LOG(WARNING, EAL,
			"%s: TPH ST table location is the reserved value 3, using none\n",
			pdev->name);
		cap->st_location = RTE_TPH_ST_LOC_NONE;
		break;
	}
}

/* Offset of the TPH Requester capability; 0 if none, negative on error. */
static off_t
tph_vfio_find_cap(struct rte_pci_device *pdev)
{
	uint32_t header;

	/*
	 * A device without extended config space (conventional PCI) gives a
	 * short read at 0x100, which rte_pci_find_ext_capability() would
	 * take for a header.
	 */
	if (rte_pci_read_config(pdev, &header, sizeof(header),
			RTE_PCI_CFG_SPACE_SIZE) != (int)sizeof(header))
		return 0;
	return rte_pci_find_ext_capability(pdev, TPH_EXT_CAP_ID);
}

int
pci_vfio_tph_probe(struct rte_pci_device *pdev)
{
	struct vfio_device_pci_tph_op arg;
	struct tph_vfio_dev *t;
	uint32_t reg;
	off_t pos;
	int ret;

	if (pdev->kdrv != RTE_PCI_KDRV_VFIO ||
			rte_intr_dev_fd_get(pdev->intr_handle) < 0)
		return -ENOTSUP;
	pthread_mutex_lock(&tph_vfio_lock);
	t = tph_vfio_find(&pdev->device);
	pthread_mutex_unlock(&tph_vfio_lock);
	if (t != NULL)
		return -EEXIST;

	pos = tph_vfio_find_cap(pdev);
	if (pos < 0) {
		RTE_LOG(ERR, EAL, "%s: cannot look up the TPH capability\n",
			pdev->name);
		return -EIO;
	}
	if (pos == 0)
		return -ENOTSUP;
	if (rte_pci_read_config(pdev, &reg, sizeof(reg), pos + TPH_CAP_REG) !=
			(int)sizeof(reg)) {
		RTE_LOG(ERR, EAL, "%s: cannot read the TPH capability register\n",
			pdev->name);
		return -EIO;
	}
	reg = rte_le_to_cpu_32(reg);

	memset(&arg, 0, sizeof(arg));
	arg.argsz = sizeof(arg); /* header + cap */
	arg.op = VFIO_PCI_TPH_GET_CAP;
	ret = tph_vfio_ioctl(pdev, &arg);
	if (ret == -ENOTTY) {
		if (!__atomic_exchange_n(&tph_vfio_enotty_logged, true,
				__ATOMIC_RELAXED))
			RTE_LOG(INFO, EAL,
				"VFIO has no TPH support in this kernel, TPH unavailable\n");
		return -ENOTSUP;
	}
	if (ret != 0) {
		RTE_LOG(ERR, EAL, "%s: VFIO TPH GET_CAP failed: %s\n",
			pdev->name, strerror(-ret));
		return ret;
	}

	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return -ENOMEM;
	t->pdev = pdev;
	tph_vfio_cap_decode(pdev, reg, &arg.cap, &t->cap);
	if (t->cap.st_table_size != 0) {
		unsigned int i;

		t->shadow = calloc(t->cap.st_table_size, sizeof(*t->shadow));
		if (t->shadow == NULL) {
			free(t);
			return -ENOMEM;
		}
		/* The kernel hands out a device with a cleared table. */
		for (i = 0; i < t->cap.st_table_size; i++)
			t->shadow[i].cpu = VFIO_PCI_TPH_CPU_CLEAR;
	}

	pthread_mutex_lock(&tph_vfio_lock);
	if (tph_vfio_find(&pdev->device) != NULL) {
		pthread_mutex_unlock(&tph_vfio_lock);
		free(t->shadow);
		free(t);
		return -EEXIST;
	}
	TAILQ_INSERT_TAIL(&tph_vfio_devs, t, next);
	pthread_mutex_unlock(&tph_vfio_lock);

	/* Not under the lock: registration calls back into cap_get. */
	ret = rte_tph_dev_register(&pdev->device, &tph_vfio_ops);
	if (ret != 0) {
		/* A secondary whose primary has no TPH for it: nothing wrong. */
		if (ret == -ENOENT && rte_eal_process_type() != RTE_PROC_PRIMARY)
			RTE_LOG(DEBUG, EAL, "%s: no TPH state in the primary process\n",
				pdev->name);
		else
			RTE_LOG(ERR, EAL, "%s: cannot register TPH operations: %s\n",
				pdev->name, strerror(-ret));
		pthread_mutex_lock(&tph_vfio_lock);
		TAILQ_REMOVE(&tph_vfio_devs, t, next);
		pthread_mutex_unlock(&tph_vfio_lock);
		free(t->shadow);
		free(t);
		return ret;
	}
	/* lib/tph reports the registration; this adds where it came from. */
	RTE_LOG(DEBUG, EAL,
		"%s: VFIO TPH capability at 0x%x: modes%s%s%s, %u ST entries in %s, %s tags\n",
		pdev->name, (unsigned int)pos,
		(t->cap.modes & RTE_TPH_CAP_MODE_IV) ? " iv" : "",
		(t->cap.modes & RTE_TPH_CAP_MODE_DS) ? " ds" : "",
		t->cap.modes == 0 ? " none" : "",
		t->cap.st_table_size, tph_vfio_loc_name(t->cap.st_location),
		t->cap.extended ? "16-bit" : "8-bit");
	return 0;
}

int
pci_vfio_tph_remove(struct rte_pci_device *pdev)
{
	struct tph_vfio_dev *t;
	int ret;

	pthread_mutex_lock(&tph_vfio_lock);
	t = tph_vfio_find(&pdev->device);
	pthread_mutex_unlock(&tph_vfio_lock);
	if (t == NULL)
		return -ENOENT;

	/* The library clears and disables through our ops: fd still open. */
	ret = rte_tph_dev_unregister(&pdev->device);
	if (ret != 0)
		RTE_LOG(ERR, EAL, "%s: cannot unregister TPH operations: %s\n",
			pdev->name, strerror(-ret));

	pthread_mutex_lock(&tph_vfio_lock);
	TAILQ_REMOVE(&tph_vfio_devs, t, next);
	pthread_mutex_unlock(&tph_vfio_lock);
	free(t->shadow);
	free(t);
	return 0;
}

#else /* !VFIO_PRESENT */

int
pci_vfio_tph_probe(struct rte_pci_device *pdev __rte_unused)
{
	return -ENOTSUP;
}

int
pci_vfio_tph_remove(struct rte_pci_device *pdev __rte_unused)
{
	return -ENOENT;
}

#endif /* VFIO_PRESENT */
