/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * ABI test of the bus/pci Linux VFIO backend of lib/tph.
 *
 * The backend is driven through the public rte_tph_* API, on a fake VFIO
 * device: a struct rte_pci_device whose interrupt handle holds an eventfd
 * recognised by this file. This file defines ioctl(), pread(), pread64(),
 * pwrite() and pwrite64(): dpdk-test is linked statically against DPDK
 * (default_library=static), so the backend's calls bind to these at link
 * time; every other fd is forwarded to the C library with
 * dlsym(RTLD_NEXT). Symbol names are set with asm labels, so they are
 * exact whatever _FILE_OFFSET_BITS does to the C declarations.
 *
 * The fake ioctl models the kernel side of the contract (VFIO_DEVICE_PCI_TPH):
 * it parses each argument byte by byte at the documented offsets, not
 * through the backend's structures, checks sizes, op codes, reserved
 * fields and limits, keeps an ST table and a mode, and records every call.
 * Validation failures that the backend should never cause are counted as
 * ABI errors and fail the test.
 */

#include <rte_vfio.h>

#include "test.h"

#if !defined(RTE_EXEC_ENV_LINUX) || !defined(VFIO_PRESENT)

static int
test_tph_vfio(void)
{
	printf("VFIO TPH backend is Linux VFIO only, skipped\n");
	return TEST_SKIPPED;
}

#else

#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_interrupts.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_pci.h>
#include <rte_tph.h>

#include <bus_pci_driver.h>

#include "pci_vfio_tph.h"

/* The ABI, spelled out independently of the backend's headers. */
#define ABI_REQUEST 0x3b7aUL /* _IO(';', 100 + 22) */
#define ABI_GET_CAP 0
#define ABI_ENABLE 1
#define ABI_DISABLE 2
#define ABI_GET_ST 3
#define ABI_SET_ST 4
#define ABI_MODE_IV 0x1
#define ABI_MODE_DS 0x2
#define ABI_HDR_SZ 8
#define ABI_FIXED_SZ 16 /* header + cap/ctrl/st body */
#define ABI_ENT_SZ 12
#define ABI_MAX_ENTRIES 2048
#define ABI_CPU_CLEAR 0xffffffffu
/* vfio-pci places region i at offset i << 40; config space is region 7. */
#define CFG_REGION_BASE ((off_t)7 << 40)

/* PCIe r6.x 7.9.13: TPH Requester capability, as this test lays it out. */
#define TPH_CAP_ID 0x17
#define TPH_CAP_POS 0x100
#define CAP_NO_ST RTE_BIT32(0)
#define CAP_IV RTE_BIT32(1)
#define CAP_DS RTE_BIT32(2)
#define CAP_EXT RTE_BIT32(8)
#define CAP_LOC(l) ((uint32_t)(l) << 9)
#define CAP_SIZE(n) ((uint32_t)((n) - 1) << 16)

#define FAKE_TABLE_MAX 65536
#define FAKE_MAX_CALLS 64
#define FAKE_MAX_FAILS 4

/* One TPH ioctl the fake kernel saw. */
struct fake_call {
	uint32_t op;
	uint32_t argsz;
	uint32_t count;      /* GET_ST / SET_ST */
	uint8_t mode;        /* ENABLE */
	uint16_t first_index; /* SET_ST */
	uint32_t first_cpu;  /* SET_ST */
	int err;             /* errno set, 0 on success */
};

static struct {
	int fd;                     /* the fake device fd */
	uint8_t cfg[4096];
	size_t cfg_size;            /* 256 for a conventional device */
	bool enotty;                /* kernel without the ioctl */
	uint8_t supported_modes;    /* GET_CAP answer */
	uint16_t st_table_sz;       /* GET_CAP answer */
	bool ds_allowed;            /* enable_unsafe_tph_ds_mode */
	/* call sequence numbers (1-based) to fail, and with which errno */
	unsigned int fail_at[FAKE_MAX_FAILS];
	int fail_errno[FAKE_MAX_FAILS];
	/* kernel state */
	uint8_t mode;               /* 0 = disabled */
	uint32_t table_cpu[FAKE_TABLE_MAX];
	uint8_t table_mem[FAKE_TABLE_MAX];
	/* observations */
	unsigned int ncalls;
	struct fake_call calls[FAKE_MAX_CALLS];
	unsigned int cfg_writes;
	unsigned int abi_errors;
	char abi_msg[160];
	/*
	 * The process's cpuset, which the kernel checks each CPU against
	 * (VFIO_DEVICE_PCI_TPH refuses a CPU outside the calling task's
	 * allowed CPUs with -EPERM); all CPUs unless a test narrows it.
	 */
	rte_cpuset_t task_cpuset;
	/* Affinity of the calling thread, seen inside each GET_ST/SET_ST. */
	unsigned int nb_affinity_seen;
	rte_cpuset_t affinity_seen[FAKE_MAX_CALLS];
} fk = { .fd = -1 };

static unsigned int fake_ncpus;

static uint16_t
fake_tag(uint32_t cpu, uint8_t mem)
{
	return (uint16_t)(0x4000 | (cpu << 4) | (mem << 1) | 1);
}

static void
fake_abi_error(const char *fmt, ...)
{
	va_list ap;

	fk.abi_errors++;
	va_start(ap, fmt);
	vsnprintf(fk.abi_msg, sizeof(fk.abi_msg), fmt, ap);
	va_end(ap);
	printf("fake VFIO TPH: ABI violation: %s\n", fk.abi_msg);
}

static uint32_t
get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return rte_le_to_cpu_32(v);
}

static uint16_t
get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return rte_le_to_cpu_16(v);
}

static void
put32(uint8_t *p, uint32_t v)
{
	v = rte_cpu_to_le_32(v);
	memcpy(p, &v, sizeof(v));
}

static void
put16(uint8_t *p, uint16_t v)
{
	v = rte_cpu_to_le_16(v);
	memcpy(p, &v, sizeof(v));
}

static bool
all_zero(const uint8_t *p, size_t n)
{
	while (n-- > 0)
		if (*p++ != 0)
			return false;
	return true;
}

/* Like the kernel: the process's cpuset decides, not the thread's affinity. */
static bool
fake_cpu_allowed(uint32_t cpu)
{
	return cpu < CPU_SETSIZE && CPU_ISSET(cpu, &fk.task_cpuset);
}

/* Record the calling thread's affinity as the ioctl sees it. */
static void
fake_record_affinity(void)
{
	rte_cpuset_t *set;

	if (fk.nb_affinity_seen >= FAKE_MAX_CALLS)
		return;
	set = &fk.affinity_seen[fk.nb_affinity_seen++];
	if (pthread_getaffinity_np(pthread_self(), sizeof(*set), set) != 0)
		CPU_ZERO(set);
}

/* Validate the entries of a GET_ST/SET_ST; 0 or -errno. */
static int
fake_check_entries(uint32_t op, const uint8_t *e, uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++, e += ABI_ENT_SZ) {
		uint32_t cpu = get32(e);
		uint8_t mem = e[4];

		if (e[5] != 0 || get16(e + 10) != 0) {
			fake_abi_error("entry %u: reserved bytes set", i);
			return -EINVAL;
		}
		if (mem > 1) {
			fake_abi_error("entry %u: mem_type %u", i, mem);
			return -EINVAL;
		}
		/* the backend must send the ignored fields as zero */
		if (get16(e + 8) != 0 || (op == ABI_GET_ST && get16(e + 6) != 0)) {
			fake_abi_error("entry %u: ignored field not zero", i);
			return -EINVAL;
		}
		if (op == ABI_SET_ST && get16(e + 6) >= fk.st_table_sz) {
			fake_abi_error("entry %u: index %u >= %u", i,
				get16(e + 6), fk.st_table_sz);
			return -EINVAL;
		}
		if (cpu >= fake_ncpus &&
				!(op == ABI_SET_ST && cpu == ABI_CPU_CLEAR)) {
			fake_abi_error("entry %u: cpu %u", i, cpu);
			return -EINVAL;
		}
		/* like the kernel: only CPUs the calling thread may run on */
		if (cpu != ABI_CPU_CLEAR && !fake_cpu_allowed(cpu))
			return -EPERM;
	}
	return 0;
}

/* The kernel side of VFIO_DEVICE_PCI_TPH; 0 or -errno. */
static int
fake_tph(uint8_t *arg, struct fake_call *rec)
{
	uint32_t argsz = get32(arg), op = get32(arg + 4);
	uint32_t need, count = 0, i;
	uint8_t *e;
	int err;

	rec->op = op;
	rec->argsz = argsz;
	switch (op) {
	case ABI_GET_CAP:
	case ABI_ENABLE:
		need = ABI_FIXED_SZ;
		break;
	case ABI_DISABLE:
		need = ABI_HDR_SZ;
		break;
	case ABI_GET_ST:
	case ABI_SET_ST:
		if (argsz < ABI_FIXED_SZ) {
			fake_abi_error("st op with argsz %u", argsz);
			return -EINVAL;
		}
		count = get32(arg + 8);
		rec->count = count;
		if (count == 0 || count > ABI_MAX_ENTRIES) {
			fake_abi_error("count %u", count);
			return -EINVAL;
		}
		if (get32(arg + 12) != 0) {
			fake_abi_error("st reserved set");
			return -EINVAL;
		}
		need = ABI_FIXED_SZ + count * ABI_ENT_SZ;
		break;
	default:
		fake_abi_error("op %u", op);
		return -EINVAL;
	}
	/* The kernel accepts more; the backend must compute it exactly. */
	if (argsz != need) {
		fake_abi_error("op %u argsz %u, needs %u", op, argsz, need);
		return -EINVAL;
	}

	switch (op) {
	case ABI_GET_CAP:
		if (!all_zero(arg + 8, 8)) {
			fake_abi_error("GET_CAP body not zeroed");
			return -EINVAL;
		}
		break;
	case ABI_ENABLE:
		rec->mode = arg[8];
		if (!all_zero(arg + 9, 7)) {
			fake_abi_error("ENABLE reserved set");
			return -EINVAL;
		}
		if (arg[8] != ABI_MODE_IV && arg[8] != ABI_MODE_DS) {
			fake_abi_error("ENABLE mode 0x%x", arg[8]);
			return -EINVAL;
		}
		if (fk.supported_modes == 0)
			return -EOPNOTSUPP;
		if ((arg[8] & fk.supported_modes) == 0)
			return -EINVAL;
		if (arg[8] == ABI_MODE_DS && !fk.ds_allowed)
			return -EPERM;
		break;
	case ABI_GET_ST:
	case ABI_SET_ST:
		fake_record_affinity();
		e = arg + ABI_FIXED_SZ;
		err = fake_check_entries(op, e, count);
		if (err != 0)
			return err;
		if (op == ABI_GET_ST && !fk.ds_allowed)
			return -EPERM;
		if (op == ABI_SET_ST && fk.mode == ABI_MODE_DS)
			return -EINVAL;
		if (op == ABI_SET_ST) {
			rec->first_index = get16(e + 6);
			rec->first_cpu = get32(e);
		}
		break;
	}

	/* Injected failures come after validation, before any change. */
	for (i = 0; i < FAKE_MAX_FAILS; i++) {
		if (fk.fail_at[i] == fk.ncalls) {
			fk.fail_at[i] = 0;
			return -fk.fail_errno[i];
		}
	}

	switch (op) {
	case ABI_GET_CAP:
		arg[8] = fk.supported_modes;
		put16(arg + 10, fk.st_table_sz);
		break;
	case ABI_ENABLE:
		fk.mode = arg[8];
		break;
	case ABI_DISABLE:
		fk.mode = 0;
		break;
	case ABI_GET_ST:
		for (i = 0, e = arg + ABI_FIXED_SZ; i < count; i++, e += ABI_ENT_SZ)
			put16(e + 8, fake_tag(get32(e), e[4]));
		break;
	case ABI_SET_ST:
		for (i = 0, e = arg + ABI_FIXED_SZ; i < count; i++, e += ABI_ENT_SZ) {
			fk.table_cpu[get16(e + 6)] = get32(e);
			fk.table_mem[get16(e + 6)] = e[4];
		}
		break;
	}
	return 0;
}

static void *
real_fn(const char *name)
{
	void *fn = dlsym(RTLD_NEXT, name);

	if (fn == NULL) {
		fprintf(stderr, "dlsym(%s): %s\n", name, dlerror());
		abort();
	}
	return fn;
}

int tph_test_ioctl(int fd, unsigned long req, ...) __asm__("ioctl");
int
tph_test_ioctl(int fd, unsigned long req, ...)
{
	static int (*real)(int, unsigned long, ...);
	struct fake_call rec;
	va_list ap;
	void *arg;
	int err;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (fd != fk.fd || fd < 0) {
		if (real == NULL)
			real = real_fn("ioctl");
		return real(fd, req, arg);
	}
	if (req != ABI_REQUEST) {
		fake_abi_error("ioctl request 0x%" PRIx64, (uint64_t)req);
		errno = ENOTTY;
		return -1;
	}
	if (fk.enotty) {
		errno = ENOTTY;
		return -1;
	}
	memset(&rec, 0, sizeof(rec));
	fk.ncalls++;
	err = fake_tph(arg, &rec);
	rec.err = -err;
	if (fk.ncalls <= FAKE_MAX_CALLS)
		fk.calls[fk.ncalls - 1] = rec;
	if (err != 0) {
		errno = -err;
		return -1;
	}
	return 0;
}

static ssize_t
fake_cfg_read(void *buf, size_t len, off_t off)
{
	if (off < CFG_REGION_BASE || off - CFG_REGION_BASE > (off_t)fk.cfg_size) {
		errno = EINVAL;
		return -1;
	}
	off -= CFG_REGION_BASE;
	len = RTE_MIN(len, fk.cfg_size - (size_t)off);
	memcpy(buf, fk.cfg + off, len);
	return len;
}

ssize_t tph_test_pread(int fd, void *buf, size_t len, off_t off)
	__asm__("pread");
ssize_t
tph_test_pread(int fd, void *buf, size_t len, off_t off)
{
	static ssize_t (*real)(int, void *, size_t, off_t);

	if (fd == fk.fd && fd >= 0)
		return fake_cfg_read(buf, len, off);
	if (real == NULL)
		real = real_fn("pread");
	return real(fd, buf, len, off);
}

ssize_t tph_test_pread64(int fd, void *buf, size_t len, off64_t off)
	__asm__("pread64");
ssize_t
tph_test_pread64(int fd, void *buf, size_t len, off64_t off)
{
	static ssize_t (*real)(int, void *, size_t, off64_t);

	if (fd == fk.fd && fd >= 0)
		return fake_cfg_read(buf, len, off);
	if (real == NULL)
		real = real_fn("pread64");
	return real(fd, buf, len, off);
}

/* The backend must never write config space: the kernel owns TPH. */
ssize_t tph_test_pwrite(int fd, const void *buf, size_t len, off_t off)
	__asm__("pwrite");
ssize_t
tph_test_pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (fd == fk.fd && fd >= 0) {
		fk.cfg_writes++;
		errno = EPERM;
		return -1;
	}
	if (real == NULL)
		real = real_fn("pwrite");
	return real(fd, buf, len, off);
}

ssize_t tph_test_pwrite64(int fd, const void *buf, size_t len, off64_t off)
	__asm__("pwrite64");
ssize_t
tph_test_pwrite64(int fd, const void *buf, size_t len, off64_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off64_t);

	if (fd == fk.fd && fd >= 0) {
		fk.cfg_writes++;
		errno = EPERM;
		return -1;
	}
	if (real == NULL)
		real = real_fn("pwrite64");
	return real(fd, buf, len, off);
}

/* Reset the fake kernel: a device with a TPH capability at 0x100. */
static void
fake_reset(uint32_t capreg, uint8_t modes, uint16_t table_sz)
{
	unsigned int i;

	memset(fk.cfg, 0, sizeof(fk.cfg));
	fk.cfg_size = sizeof(fk.cfg);
	put32(fk.cfg + TPH_CAP_POS, TPH_CAP_ID | (1 << 16));
	put32(fk.cfg + TPH_CAP_POS + 4, capreg);
	fk.enotty = false;
	fk.supported_modes = modes;
	fk.st_table_sz = table_sz;
	fk.ds_allowed = true;
	memset(fk.fail_at, 0, sizeof(fk.fail_at));
	fk.mode = 0;
	for (i = 0; i < FAKE_TABLE_MAX; i++) {
		fk.table_cpu[i] = ABI_CPU_CLEAR;
		fk.table_mem[i] = 0;
	}
	fk.ncalls = 0;
	fk.cfg_writes = 0;
	fk.abi_errors = 0;
	CPU_ZERO(&fk.task_cpuset);
	for (i = 0; i < fake_ncpus && i < CPU_SETSIZE; i++)
		CPU_SET(i, &fk.task_cpuset);
	fk.nb_affinity_seen = 0;
}

/* Make the call with sequence number seq (1-based, from now) fail. */
static void
fake_fail(unsigned int slot, unsigned int seq, int err)
{
	fk.fail_at[slot] = fk.ncalls + seq;
	fk.fail_errno[slot] = err;
}

/*
 * The fake devices live as long as the suite. test_devs[0] is the one
 * registered by most cases; the others are never registered.
 */
#define DEV_MAIN 0
#define DEV_NOCAP 1
#define DEV_ENOTTY 2 /* and the ones after it */
static struct rte_pci_device *test_devs[5];
static unsigned int main_cpu;

static struct rte_pci_device *
fake_dev_create(unsigned int i)
{
	struct rte_pci_device *dev = calloc(1, sizeof(*dev));

	if (dev == NULL)
		return NULL;
	dev->addr.domain = 0;
	dev->addr.bus = 0x7e;
	dev->addr.devid = i;
	rte_pci_device_name(&dev->addr, dev->name, sizeof(dev->name));
	dev->device.name = dev->name;
	dev->kdrv = RTE_PCI_KDRV_VFIO;
	dev->intr_handle = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (dev->intr_handle == NULL ||
			rte_intr_dev_fd_set(dev->intr_handle, fk.fd) != 0) {
		rte_intr_instance_free(dev->intr_handle);
		free(dev);
		return NULL;
	}
	return dev;
}

static void
fake_devs_free(void)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(test_devs); i++) {
		if (test_devs[i] == NULL)
			continue;
		pci_vfio_tph_remove(test_devs[i]);
		rte_intr_instance_free(test_devs[i]->intr_handle);
		free(test_devs[i]);
		test_devs[i] = NULL;
	}
}

static int
tph_vfio_setup(void)
{
	fake_reset(CAP_NO_ST | CAP_IV | CAP_LOC(2) | CAP_SIZE(16),
		ABI_MODE_IV, 16);
	return 0;
}

/* Whatever a case left registered goes, as in the bus's unmap path. */
static void
tph_vfio_teardown(void)
{
	unsigned int i;

	memset(fk.fail_at, 0, sizeof(fk.fail_at));
	fk.enotty = false;
	for (i = 0; i < RTE_DIM(test_devs); i++)
		if (test_devs[i] != NULL)
			pci_vfio_tph_remove(test_devs[i]);
}

#define CHECK_ABI() \
	TEST_ASSERT(fk.abi_errors == 0 && fk.cfg_writes == 0, \
		"backend broke the ABI: %s (config writes %u)", \
		fk.abi_errors ? fk.abi_msg : "none", fk.cfg_writes)

#define CHECK_CALL(i, op_, argsz_, count_) do { \
	TEST_ASSERT((i) < fk.ncalls, "call %u missing (%u calls)", \
		(unsigned int)(i), fk.ncalls); \
	TEST_ASSERT_EQUAL(fk.calls[i].op, (uint32_t)(op_), \
		"call %u: op %u", (unsigned int)(i), fk.calls[i].op); \
	TEST_ASSERT_EQUAL(fk.calls[i].argsz, (uint32_t)(argsz_), \
		"call %u: argsz %u", (unsigned int)(i), fk.calls[i].argsz); \
	TEST_ASSERT_EQUAL(fk.calls[i].count, (uint32_t)(count_), \
		"call %u: count %u", (unsigned int)(i), fk.calls[i].count); \
} while (0)

static uint32_t
st_argsz(unsigned int count)
{
	return ABI_FIXED_SZ + count * ABI_ENT_SZ;
}

/* Check calls [first, first + chunks) split n entries of op in 2048s. */
static int
check_split(unsigned int first, uint32_t op, unsigned int n)
{
	unsigned int c, i = first;

	for (; n > 0; n -= c, i++) {
		c = RTE_MIN(n, (unsigned int)ABI_MAX_ENTRIES);
		CHECK_CALL(i, op, st_argsz(c), c);
		TEST_ASSERT_EQUAL(fk.calls[i].err, 0, "call %u failed", i);
	}
	TEST_ASSERT_EQUAL(fk.ncalls, i, "%u calls, expected %u", fk.ncalls, i);
	return 0;
}

static int
test_no_capability(void)
{
	struct rte_pci_device *dev = test_devs[DEV_NOCAP];
	struct rte_tph_cap cap;

	/* An AER capability only. */
	put32(fk.cfg + TPH_CAP_POS, 0x1 | (1 << 16));
	TEST_ASSERT_EQUAL(pci_vfio_tph_probe(dev), -ENOTSUP, "probe");
	/* Conventional PCI: no extended config space at all. */
	fk.cfg_size = 256;
	TEST_ASSERT_EQUAL(pci_vfio_tph_probe(dev), -ENOTSUP, "probe");
	/* Not bound to vfio-pci. */
	fake_reset(CAP_IV, ABI_MODE_IV, 8);
	dev->kdrv = RTE_PCI_KDRV_UIO_GENERIC;
	TEST_ASSERT_EQUAL(pci_vfio_tph_probe(dev), -ENOTSUP, "probe uio");
	dev->kdrv = RTE_PCI_KDRV_VFIO;

	TEST_ASSERT_EQUAL(fk.ncalls, 0u, "ioctl without a capability");
	TEST_ASSERT_EQUAL(rte_tph_cap_get(&dev->device, &cap), -ENOTSUP,
		"lib/tph must not know the device");
	CHECK_ABI();
	return TEST_SUCCESS;
}

static int
test_cap_decode(void)
{
	static const struct {
		uint32_t capreg;
		uint8_t kmodes;
		uint16_t ksize;
		uint16_t tph_pos;
		struct rte_tph_cap want;
	} cases[] = {
		/* igb-like: 8-entry table in the capability, extended */
		{ CAP_NO_ST | CAP_IV | CAP_DS | CAP_EXT | CAP_LOC(1) |
			CAP_SIZE(8), ABI_MODE_IV | ABI_MODE_DS, 8, 0x100,
		  { RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS,
		    RTE_TPH_ST_LOC_CAP, 8, true } },
		/* bnxt-like: MSI-X table, behind another capability */
		{ CAP_NO_ST | CAP_IV | CAP_LOC(2) | CAP_SIZE(64),
			ABI_MODE_IV, 64, 0x180,
		  { RTE_TPH_CAP_MODE_IV, RTE_TPH_ST_LOC_MSIX, 64, false } },
		/* E810-like: 0x5, device specific only, no table */
		{ CAP_NO_ST | CAP_DS, ABI_MODE_DS, 0, 0x100,
		  { RTE_TPH_CAP_MODE_DS, RTE_TPH_ST_LOC_NONE, 0, false } },
		/* the kernel's table size wins over the register's */
		{ CAP_IV | CAP_EXT | CAP_LOC(2) | CAP_SIZE(2048),
			ABI_MODE_IV, 32, 0x100,
		  { RTE_TPH_CAP_MODE_IV, RTE_TPH_ST_LOC_MSIX, 32, true } },
		/* reserved location 11b reads as no table */
		{ CAP_IV | CAP_LOC(3) | CAP_SIZE(4), ABI_MODE_IV, 4, 0x100,
		  { RTE_TPH_CAP_MODE_IV, RTE_TPH_ST_LOC_NONE, 4, false } },
		/* pci=notph: capability present, nothing usable */
		{ CAP_IV | CAP_LOC(1) | CAP_SIZE(8), 0, 0, 0x100,
		  { 0, RTE_TPH_ST_LOC_CAP, 0, false } },
	};
	struct rte_pci_device *dev = test_devs[DEV_MAIN];
	struct rte_tph_cap cap;
	unsigned int i;

	for (i = 0; i < RTE_DIM(cases); i++) {
		fake_reset(cases[i].capreg, cases[i].kmodes, cases[i].ksize);
		if (cases[i].tph_pos != TPH_CAP_POS) {
			/* AER at 0x100 pointing to TPH */
			put32(fk.cfg + TPH_CAP_POS, 0x1 | (1 << 16) |
				((uint32_t)cases[i].tph_pos << 20));
			put32(fk.cfg + cases[i].tph_pos,
				TPH_CAP_ID | (1 << 16));
			put32(fk.cfg + cases[i].tph_pos + 4, cases[i].capreg);
		}
		TEST_ASSERT_SUCCESS(pci_vfio_tph_probe(dev), "case %u: probe",
			i);
		CHECK_CALL(0, ABI_GET_CAP, ABI_FIXED_SZ, 0);
		TEST_ASSERT_SUCCESS(rte_tph_cap_get(&dev->device, &cap),
			"case %u: cap_get", i);
		TEST_ASSERT_EQUAL(cap.modes, cases[i].want.modes,
			"case %u: modes 0x%x", i, cap.modes);
		TEST_ASSERT_EQUAL(cap.st_location, cases[i].want.st_location,
			"case %u: location %d", i, cap.st_location);
		TEST_ASSERT_EQUAL(cap.st_table_size, cases[i].want.st_table_size,
			"case %u: table size %u", i, cap.st_table_size);
		TEST_ASSERT_EQUAL(cap.extended, cases[i].want.extended,
			"case %u: extended %d", i, cap.extended);
		if (cap.modes == 0) {
			TEST_ASSERT_EQUAL(rte_tph_enable(&dev->device,
				RTE_TPH_MODE_IV), -ENOTSUP,
				"case %u: enable without modes", i);
		}
		TEST_ASSERT_SUCCESS(pci_vfio_tph_remove(dev),
			"case %u: remove", i);
		CHECK_ABI();
	}
	return TEST_SUCCESS;
}

static int
test_iv_ops(void)
{
	struct rte_pci_device *dev = test_devs[DEV_MAIN];
	struct rte_tph_st_entry ents[3];
	uint16_t idx = 5;
	enum rte_tph_mode mode;
	unsigned int i, n;

	TEST_ASSERT_SUCCESS(pci_vfio_tph_probe(dev), "probe");
	TEST_ASSERT_EQUAL(pci_vfio_tph_probe(dev), -EEXIST, "second probe");

	TEST_ASSERT_SUCCESS(rte_tph_enable(&dev->device, RTE_TPH_MODE_IV),
		"enable iv");
	CHECK_CALL(1, ABI_ENABLE, ABI_FIXED_SZ, 0);
	TEST_ASSERT_EQUAL(fk.calls[1].mode, ABI_MODE_IV, "mode byte");
	TEST_ASSERT_EQUAL(fk.mode, ABI_MODE_IV, "kernel mode");
	TEST_ASSERT_SUCCESS(rte_tph_mode_get(&dev->device, &mode), "mode");
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "lib mode");

	for (i = 0; i < RTE_DIM(ents); i++) {
		ents[i].index = 3 + i;
		ents[i].mem_type = i == 1 ? RTE_TPH_MEM_PERSISTENT :
			RTE_TPH_MEM_VOLATILE;
		ents[i].lcore_id = rte_get_main_lcore();
	}
	n = fk.ncalls;
	TEST_ASSERT_SUCCESS(rte_tph_set_st(&dev->device, ents, RTE_DIM(ents)),
		"set_st");
	TEST_ASSERT_EQUAL(fk.ncalls, n + 1, "one SET_ST for one batch");
	CHECK_CALL(n, ABI_SET_ST, st_argsz(3), 3);
	TEST_ASSERT_EQUAL(fk.calls[n].first_index, 3, "first index");
	for (i = 0; i < RTE_DIM(ents); i++) {
		TEST_ASSERT_EQUAL(fk.table_cpu[3 + i], main_cpu,
			"entry %u cpu %u", 3 + i, fk.table_cpu[3 + i]);
		TEST_ASSERT_EQUAL(fk.table_mem[3 + i], ents[i].mem_type,
			"entry %u mem", 3 + i);
	}

	/* Clearing sends the clear CPU value for exactly that index. */
	idx = 4;
	n = fk.ncalls;
	TEST_ASSERT_SUCCESS(rte_tph_clear_st(&dev->device, &idx, 1), "clear");
	CHECK_CALL(n, ABI_SET_ST, st_argsz(1), 1);
	TEST_ASSERT_EQUAL(fk.calls[n].first_index, 4, "cleared index");
	TEST_ASSERT_EQUAL(fk.calls[n].first_cpu, ABI_CPU_CLEAR, "clear cpu");
	TEST_ASSERT_EQUAL(fk.table_cpu[4], ABI_CPU_CLEAR, "entry 4 cleared");
	TEST_ASSERT_EQUAL(fk.table_cpu[3], main_cpu, "entry 3 kept");

	/* Disable clears what is left, then DISABLE with a bare header. */
	TEST_ASSERT_SUCCESS(rte_tph_disable(&dev->device), "disable");
	CHECK_CALL(fk.ncalls - 1, ABI_DISABLE, ABI_HDR_SZ, 0);
	TEST_ASSERT_EQUAL(fk.mode, 0, "kernel still enabled");
	for (i = 0; i < 16; i++)
		TEST_ASSERT_EQUAL(fk.table_cpu[i], ABI_CPU_CLEAR,
			"entry %u left programmed", i);
	CHECK_ABI();
	return TEST_SUCCESS;
}

/* The calling thread's affinity is before at every ioctl the fake saw. */
static int
check_affinity_unchanged(const rte_cpuset_t *before)
{
	unsigned int i;

	TEST_ASSERT(fk.nb_affinity_seen > 0, "no GET_ST/SET_ST observed");
	for (i = 0; i < fk.nb_affinity_seen; i++)
		TEST_ASSERT(CPU_EQUAL(before, &fk.affinity_seen[i]),
			"affinity changed during ioctl %u", i);
	return TEST_SUCCESS;
}

/*
 * The calling thread is pinned to the main lcore's CPU and asks for tags
 * of a worker lcore's CPU. The kernel checks the process's cpuset, so the
 * backend must not touch the thread's affinity: it is identical before,
 * during (seen from inside the ioctl) and after each call. A CPU outside
 * the process's cpuset is refused by the kernel (-EPERM), and the affinity
 * still does not move.
 */
static int
test_affinity_untouched(void)
{
	struct rte_pci_device *dev = test_devs[DEV_MAIN];
	struct rte_tph_st_entry ent = { .index = 2 };
	struct rte_tph_st_query q = { .mem_type = RTE_TPH_MEM_VOLATILE };
	rte_cpuset_t before, after;
	unsigned int worker, worker_cpu;

	/*
	 * Without a CPU the caller cannot run on, a backend that widens the
	 * affinity has nothing to widen and this test would prove nothing:
	 * no skip, a failure that says what is missing.
	 */
	worker = rte_get_next_lcore(-1, 1, 0);
	TEST_ASSERT(worker < RTE_MAX_LCORE &&
		rte_tph_lcore_to_cpu(worker, &worker_cpu) == 0 &&
		worker_cpu != main_cpu,
		"needs a worker lcore pinned to a CPU other than the main lcore's (two CPUs, EAL -l with two lcores)");
	TEST_ASSERT_SUCCESS(pthread_getaffinity_np(pthread_self(),
		sizeof(before), &before), "affinity");
	TEST_ASSERT(!CPU_ISSET(worker_cpu, &before),
		"main thread may already run on CPU %u", worker_cpu);

	fake_reset(CAP_NO_ST | CAP_IV | CAP_DS | CAP_LOC(2) | CAP_SIZE(16),
		ABI_MODE_IV | ABI_MODE_DS, 16);
	TEST_ASSERT_SUCCESS(pci_vfio_tph_probe(dev), "probe");
	TEST_ASSERT_SUCCESS(rte_tph_enable(&dev->device, RTE_TPH_MODE_IV),
		"enable iv");
	ent.lcore_id = worker;
	TEST_ASSERT_SUCCESS(rte_tph_set_st(&dev->device, &ent, 1),
		"set_st for a worker lcore");
	TEST_ASSERT_EQUAL(fk.table_cpu[2], worker_cpu, "entry 2 cpu %u",
		fk.table_cpu[2]);
	if (check_affinity_unchanged(&before) != TEST_SUCCESS)
		return TEST_FAILED;

	/* DS lookups go the same way. */
	TEST_ASSERT_SUCCESS(rte_tph_enable(&dev->device, RTE_TPH_MODE_DS),
		"enable ds");
	fk.nb_affinity_seen = 0;
	q.lcore_id = worker;
	TEST_ASSERT_SUCCESS(rte_tph_get_st(&dev->device, &q, 1),
		"get_st for a worker lcore");
	TEST_ASSERT_EQUAL(q.st, fake_tag(worker_cpu, 0), "tag 0x%x", q.st);
	if (check_affinity_unchanged(&before) != TEST_SUCCESS)
		return TEST_FAILED;

	/* Outside the process's cpuset: the kernel's EPERM, affinity unmoved. */
	CPU_CLR(worker_cpu, &fk.task_cpuset);
	fk.nb_affinity_seen = 0;
	TEST_ASSERT_EQUAL(rte_tph_get_st(&dev->device, &q, 1), -EPERM,
		"CPU outside the process's cpuset accepted");
	if (check_affinity_unchanged(&before) != TEST_SUCCESS)
		return TEST_FAILED;

	TEST_ASSERT_SUCCESS(pthread_getaffinity_np(pthread_self(),
		sizeof(after), &after), "affinity");
	TEST_ASSERT(CPU_EQUAL(&before, &after), "affinity changed after calls");
	TEST_ASSERT_SUCCESS(rte_tph_disable(&dev->device), "disable");
	CHECK_ABI();
	return TEST_SUCCESS;
}

/* Fill n DS lookups with a pattern that shows chunk misordering. */
static void
ds_queries(struct rte_tph_st_query *q, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		q[i].lcore_id = rte_get_main_lcore();
		q[i].cpu = 0;
		q[i].mem_type = i % 3 == 0 ? RTE_TPH_MEM_PERSISTENT :
			RTE_TPH_MEM_VOLATILE;
		q[i].st = 0xdead;
	}
}

static int
test_ds_get_st(void)
{
	static const unsigned int sizes[] = { 1, 2048, 2049, 4096, 4097, 8192 };
	static struct rte_tph_st_query q[RTE_TPH_BATCH_MAX];
	struct rte_pci_device *dev = test_devs[DEV_MAIN];
	unsigned int i, k, n;

	fake_reset(CAP_NO_ST | CAP_DS, ABI_MODE_DS, 0);
	TEST_ASSERT_SUCCESS(pci_vfio_tph_probe(dev), "probe");

	/* DS without the kernel's consent. */
	fk.ds_allowed = false;
	TEST_ASSERT_EQUAL(rte_tph_enable(&dev->device, RTE_TPH_MODE_DS), -EPERM,
		"enable ds refused");
	CHECK_CALL(1, ABI_ENABLE, ABI_FIXED_SZ, 0);
	TEST_ASSERT_EQUAL(fk.calls[1].mode, ABI_MODE_DS, "mode byte");
	TEST_ASSERT_EQUAL(fk.mode, 0, "kernel enabled anyway");
	fk.ds_allowed = true;
	TEST_ASSERT_SUCCESS(rte_tph_enable(&dev->device, RTE_TPH_MODE_DS),
		"enable ds");
	TEST_ASSERT_EQUAL(fk.mode, ABI_MODE_DS, "kernel mode");

	for (k = 0; k < RTE_DIM(sizes); k++) {
		n = sizes[k];
		ds_queries(q, n);
		fk.ncalls = 0;
		TEST_ASSERT_SUCCESS(rte_tph_get_st(&dev->device, q, n),
			"get_st of %u", n);
		TEST_ASSERT_SUCCESS(check_split(0, ABI_GET_ST, n), "split %u",
			n);
		for (i = 0; i < n; i++)
			TEST_ASSERT_EQUAL(q[i].st,
				fake_tag(main_cpu, q[i].mem_type),
				"get_st of %u: tag %u is 0x%x", n, i, q[i].st);
	}

	/* A failing later chunk: error returned, no tag handed out. */
	ds_queries(q, 4097);
	fake_fail(0, 2, EINVAL);
	TEST_ASSERT_EQUAL(rte_tph_get_st(&dev->device, q, 4097), -EINVAL,
		"failed chunk");
	for (i = 0; i < 4097; i++)
		TEST_ASSERT_EQUAL(q[i].st, 0xdead, "tag %u written on failure",
			i);

	/* The kernel withdrawing its consent for DS lookups. */
	fk.ds_allowed = false;
	ds_queries(q, 1);
	TEST_ASSERT_EQUAL(rte_tph_get_st(&dev->device, q, 1), -EPERM,
		"get_st refused");
	CHECK_ABI();
	return TEST_SUCCESS;
}

/* Program n entries 0..n-1 for the main lcore; mem type by pattern. */
static int
iv_set(struct rte_device *dev, unsigned int n, unsigned int pattern)
{
	struct rte_tph_st_entry *ents = calloc(n, sizeof(*ents));
	unsigned int i;
	int ret;

	if (ents == NULL)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		ents[i].index = i;
		ents[i].lcore_id = rte_get_main_lcore();
		ents[i].mem_type = (i + pattern) % 3 == 0 ?
			RTE_TPH_MEM_PERSISTENT : RTE_TPH_MEM_VOLATILE;
	}
	ret = rte_tph_set_st(dev, ents, n);
	free(ents);
	return ret;
}

/* The fake table holds entries 0..n-1 of iv_set(n, pattern). */
static int
iv_check(unsigned int n, unsigned int pattern)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint8_t mem = (i + pattern) % 3 == 0 ? 1 : 0;

		TEST_ASSERT(fk.table_cpu[i] == main_cpu &&
			fk.table_mem[i] == mem,
			"entry %u: cpu %u mem %u", i, fk.table_cpu[i],
			fk.table_mem[i]);
	}
	return 0;
}

static int
test_iv_split_rollback(void)
{
	static const unsigned int sizes[] = { 2048, 2049, 4096, 4097 };
	static uint32_t snap_cpu[FAKE_TABLE_MAX];
	static uint8_t snap_mem[FAKE_TABLE_MAX];
	struct rte_pci_device *dev = test_devs[DEV_MAIN];
	struct rte_device *d = &dev->device;
	unsigned int k, n;

	/* 16-bit ABI table size: large enough to split a set batch. */
	fake_reset(CAP_IV | CAP_LOC(2) | CAP_SIZE(2048), ABI_MODE_IV, 8192);
	TEST_ASSERT_SUCCESS(pci_vfio_tph_probe(dev), "probe");
	TEST_ASSERT_SUCCESS(rte_tph_enable(d, RTE_TPH_MODE_IV), "enable");

	for (k = 0; k < RTE_DIM(sizes); k++) {
		n = sizes[k];
		fk.ncalls = 0;
		TEST_ASSERT_SUCCESS(iv_set(d, n, k), "set %u", n);
		TEST_ASSERT_SUCCESS(check_split(0, ABI_SET_ST, n), "split %u",
			n);
		TEST_ASSERT_SUCCESS(iv_check(n, k), "table after %u", n);
	}

	/* Baseline: 100 known entries, the rest cleared. */
	TEST_ASSERT_SUCCESS(rte_tph_disable(d), "disable");
	TEST_ASSERT_EQUAL(fk.table_cpu[4096], ABI_CPU_CLEAR, "not cleared");
	TEST_ASSERT_SUCCESS(rte_tph_enable(d, RTE_TPH_MODE_IV), "enable");
	TEST_ASSERT_SUCCESS(iv_set(d, 100, 1), "baseline");
	memcpy(snap_cpu, fk.table_cpu, sizeof(snap_cpu));
	memcpy(snap_mem, fk.table_mem, sizeof(snap_mem));

	/* Third chunk fails: the two accepted chunks are put back. */
	fk.ncalls = 0;
	fake_fail(0, 3, EINVAL);
	TEST_ASSERT_EQUAL(iv_set(d, 4097, 2), -EINVAL, "failing batch");
	CHECK_CALL(0, ABI_SET_ST, st_argsz(2048), 2048);
	CHECK_CALL(1, ABI_SET_ST, st_argsz(2048), 2048);
	CHECK_CALL(2, ABI_SET_ST, st_argsz(1), 1);
	TEST_ASSERT_EQUAL(fk.calls[2].err, EINVAL, "third chunk");
	CHECK_CALL(3, ABI_SET_ST, st_argsz(2048), 2048);
	CHECK_CALL(4, ABI_SET_ST, st_argsz(2048), 2048);
	TEST_ASSERT_EQUAL(fk.ncalls, 5u, "%u calls", fk.ncalls);
	TEST_ASSERT(memcmp(snap_cpu, fk.table_cpu, sizeof(snap_cpu)) == 0 &&
		memcmp(snap_mem, fk.table_mem, sizeof(snap_mem)) == 0,
		"table not restored");
	TEST_ASSERT_EQUAL(rte_tph_entries_get(d, NULL, 0), 100,
		"library state changed by a failed batch");

	/*
	 * Second chunk and the rollback of the first fail: the first chunk
	 * keeps its new tags, and the backend remembers it: a later failed
	 * batch rolls back to those.
	 */
	fk.ncalls = 0;
	fake_fail(0, 2, EIO);
	fake_fail(1, 3, EIO);
	TEST_ASSERT_EQUAL(iv_set(d, 4097, 2), -EIO, "failing batch");
	TEST_ASSERT_EQUAL(fk.ncalls, 3u, "%u calls", fk.ncalls);
	TEST_ASSERT_SUCCESS(iv_check(2048, 2), "first chunk kept");
	TEST_ASSERT(memcmp(snap_cpu + 2048, fk.table_cpu + 2048,
		sizeof(snap_cpu) - 2048 * sizeof(snap_cpu[0])) == 0,
		"second chunk applied");
	memcpy(snap_cpu, fk.table_cpu, sizeof(snap_cpu));
	memcpy(snap_mem, fk.table_mem, sizeof(snap_mem));
	fk.ncalls = 0;
	memset(fk.fail_at, 0, sizeof(fk.fail_at));
	fake_fail(0, 2, EPERM);
	TEST_ASSERT_EQUAL(iv_set(d, 4097, 0), -EPERM, "failing batch");
	TEST_ASSERT(memcmp(snap_cpu, fk.table_cpu, sizeof(snap_cpu)) == 0 &&
		memcmp(snap_mem, fk.table_mem, sizeof(snap_mem)) == 0,
		"not rolled back to the kernel's values");
	CHECK_ABI();
	return TEST_SUCCESS;
}

static int
test_errno_mapping(void)
{
	static const struct {
		int kernel;
		int want;
	} map[] = {
		{ EINVAL, -EINVAL },
		{ EPERM, -EPERM },
		{ EOPNOTSUPP, -ENOTSUP },
		{ ENODEV, -ENODEV },
		{ EBUSY, -EBUSY },
	};
	struct rte_pci_device *dev = test_devs[DEV_MAIN];
	enum rte_tph_mode mode;
	unsigned int i;
	int ret;

	TEST_ASSERT_SUCCESS(pci_vfio_tph_probe(dev), "probe");
	for (i = 0; i < RTE_DIM(map); i++) {
		fake_fail(0, 1, map[i].kernel);
		ret = rte_tph_enable(&dev->device, RTE_TPH_MODE_IV);
		TEST_ASSERT_EQUAL(ret, map[i].want, "enable, errno %d: %d",
			map[i].kernel, ret);
		TEST_ASSERT_SUCCESS(rte_tph_mode_get(&dev->device, &mode),
			"mode");
		TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_OFF, "mode after error");
	}
	TEST_ASSERT_SUCCESS(rte_tph_enable(&dev->device, RTE_TPH_MODE_IV),
		"enable");
	for (i = 0; i < RTE_DIM(map); i++) {
		fake_fail(0, 1, map[i].kernel);
		ret = iv_set(&dev->device, 4, 0);
		TEST_ASSERT_EQUAL(ret, map[i].want, "set_st, errno %d: %d",
			map[i].kernel, ret);
		TEST_ASSERT_EQUAL(fk.table_cpu[0], ABI_CPU_CLEAR,
			"entry set on error");
	}
	CHECK_ABI();
	return TEST_SUCCESS;
}

static unsigned int
count_lines(const char *buf, const char *needle)
{
	unsigned int n = 0;

	while ((buf = strstr(buf, needle)) != NULL) {
		n++;
		buf += strlen(needle);
	}
	return n;
}

static int
test_enotty(void)
{
	/* The backend logs once per process: only the first run sees it. */
	static bool first_run = true;
	uint32_t level = rte_log_get_level(RTE_LOGTYPE_EAL);
	uint32_t global = rte_log_get_global_level();
	FILE *saved = rte_log_get_stream(), *mem;
	struct rte_tph_cap cap;
	char *buf = NULL;
	size_t len = 0;
	unsigned int i, round, lines, expect;
	int ret[3];

	fk.enotty = true;
	mem = open_memstream(&buf, &len);
	TEST_ASSERT_NOT_NULL(mem, "memstream");
	rte_openlog_stream(mem);
	rte_log_set_global_level(RTE_MAX(global, (uint32_t)RTE_LOG_INFO));
	rte_log_set_level(RTE_LOGTYPE_EAL, RTE_MAX(level, (uint32_t)RTE_LOG_INFO));
	/* Every device, twice: neither per device nor per call. */
	for (round = 0; round < 2; round++)
		for (i = 0; i < RTE_DIM(ret); i++)
			ret[i] = pci_vfio_tph_probe(test_devs[DEV_ENOTTY + i]);
	expect = first_run ? 1 : 0;
	first_run = false;
	rte_log_set_level(RTE_LOGTYPE_EAL, level);
	rte_log_set_global_level(global);
	rte_openlog_stream(saved);
	fclose(mem);
	lines = count_lines(buf, "no TPH support");
	free(buf);

	for (i = 0; i < RTE_DIM(ret); i++) {
		TEST_ASSERT_EQUAL(ret[i], -ENOTSUP, "probe %u: %d", i, ret[i]);
		TEST_ASSERT_EQUAL(rte_tph_cap_get(
			&test_devs[DEV_ENOTTY + i]->device, &cap),
			-ENOTSUP, "device %u registered", i);
	}
	TEST_ASSERT_EQUAL(lines, expect, "ENOTTY logged %u times", lines);
	CHECK_ABI();
	return TEST_SUCCESS;
}

static int
test_remove_unregisters(void)
{
	struct rte_pci_device *dev = test_devs[DEV_MAIN];
	struct rte_device *d = &dev->device;
	struct rte_tph_cap cap;
	unsigned int i;

	TEST_ASSERT_SUCCESS(pci_vfio_tph_probe(dev), "probe");
	TEST_ASSERT_SUCCESS(rte_tph_enable(d, RTE_TPH_MODE_IV), "enable");
	TEST_ASSERT_SUCCESS(iv_set(d, 16, 0), "set");

	/* The bus's unmap path: the library undoes everything, then forgets. */
	TEST_ASSERT_SUCCESS(pci_vfio_tph_remove(dev), "remove");
	TEST_ASSERT_EQUAL(fk.mode, 0, "requester left enabled");
	for (i = 0; i < 16; i++)
		TEST_ASSERT_EQUAL(fk.table_cpu[i], ABI_CPU_CLEAR,
			"entry %u left programmed", i);
	CHECK_CALL(fk.ncalls - 1, ABI_DISABLE, ABI_HDR_SZ, 0);
	/* Nothing of it is left in lib/tph: it reads as a device without TPH. */
	TEST_ASSERT_EQUAL(rte_tph_cap_get(d, &cap), -ENOTSUP, "cap after remove");
	TEST_ASSERT_EQUAL(rte_tph_enable(d, RTE_TPH_MODE_IV), -ENOTSUP,
		"enable after remove");
	TEST_ASSERT_EQUAL(pci_vfio_tph_remove(dev), -ENOENT, "second remove");

	/* The next map registers it again. */
	TEST_ASSERT_SUCCESS(pci_vfio_tph_probe(dev), "probe again");
	TEST_ASSERT_SUCCESS(rte_tph_cap_get(d, &cap), "cap");
	TEST_ASSERT_SUCCESS(pci_vfio_tph_remove(dev), "remove");
	CHECK_ABI();
	return TEST_SUCCESS;
}

static void
tph_vfio_suite_teardown(void)
{
	fake_devs_free();
	if (fk.fd >= 0)
		close(fk.fd);
	fk.fd = -1;
}

static int
tph_vfio_suite_setup(void)
{
	unsigned int i;

	if (rte_tph_lcore_to_cpu(rte_get_main_lcore(), &main_cpu) != 0) {
		printf("main lcore is not pinned to one CPU\n");
		return TEST_SKIPPED;
	}
	fake_ncpus = get_nprocs_conf();
	fk.fd = eventfd(0, EFD_CLOEXEC);
	if (fk.fd < 0)
		return TEST_FAILED;
	for (i = 0; i < RTE_DIM(test_devs); i++) {
		test_devs[i] = fake_dev_create(i);
		if (test_devs[i] == NULL) {
			tph_vfio_suite_teardown();
			return TEST_FAILED;
		}
	}
	return TEST_SUCCESS;
}

static struct unit_test_suite tph_vfio_suite = {
	.suite_name = "TPH VFIO backend ABI",
	.setup = tph_vfio_suite_setup,
	.teardown = tph_vfio_suite_teardown,
	.unit_test_cases = {
		TEST_CASE_ST(tph_vfio_setup, tph_vfio_teardown,
			test_no_capability),
		TEST_CASE_ST(tph_vfio_setup, tph_vfio_teardown,
			test_cap_decode),
		TEST_CASE_ST(tph_vfio_setup, tph_vfio_teardown, test_iv_ops),
		TEST_CASE_ST(tph_vfio_setup, tph_vfio_teardown,
			test_affinity_untouched),
		TEST_CASE_ST(tph_vfio_setup, tph_vfio_teardown,
			test_ds_get_st),
		TEST_CASE_ST(tph_vfio_setup, tph_vfio_teardown,
			test_iv_split_rollback),
		TEST_CASE_ST(tph_vfio_setup, tph_vfio_teardown,
			test_errno_mapping),
		TEST_CASE_ST(tph_vfio_setup, tph_vfio_teardown, test_enotty),
		TEST_CASE_ST(tph_vfio_setup, tph_vfio_teardown,
			test_remove_unregisters),
		TEST_CASES_END()
	}
};

static int
test_tph_vfio(void)
{
	return unit_test_suite_runner(&tph_vfio_suite);
}

#endif /* RTE_EXEC_ENV_LINUX && VFIO_PRESENT */

REGISTER_TEST_COMMAND(tph_vfio_autotest, test_tph_vfio);
