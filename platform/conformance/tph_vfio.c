/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tph_vfio.h"

/* Pin the UAPI layout (tph-uapi.md): a header mismatch fails the build. */
_Static_assert(sizeof(struct vfio_pci_tph_cap) == 8, "cap is 8 bytes");
_Static_assert(sizeof(struct vfio_pci_tph_ctrl) == 8, "ctrl is 8 bytes");
_Static_assert(sizeof(struct vfio_pci_tph_st) == 8, "st is 8 bytes");
_Static_assert(sizeof(struct vfio_pci_tph_entry) == 12, "entry is 12 bytes");
_Static_assert(offsetof(struct vfio_device_pci_tph_op, cap) == 8,
	       "header is 8 bytes");
_Static_assert(sizeof(struct vfio_device_pci_tph_op) == 16,
	       "fixed part is 16 bytes");
_Static_assert(offsetof(struct vfio_pci_tph_entry, index) == 6, "index");
_Static_assert(offsetof(struct vfio_pci_tph_entry, st) == 8, "st");
_Static_assert(VFIO_DEVICE_PCI_TPH == _IO(VFIO_TYPE, VFIO_BASE + 22), "nr");
_Static_assert(VFIO_PCI_TPH_GET_CAP == 0 && VFIO_PCI_TPH_ENABLE == 1 &&
	       VFIO_PCI_TPH_DISABLE == 2 && VFIO_PCI_TPH_GET_ST == 3 &&
	       VFIO_PCI_TPH_SET_ST == 4, "op values");
_Static_assert(VFIO_PCI_TPH_MODE_IV == 1 && VFIO_PCI_TPH_MODE_DS == 2,
	       "mode bits");
_Static_assert(VFIO_PCI_TPH_MEM_TYPE_VM == 0 && VFIO_PCI_TPH_MEM_TYPE_PM == 1,
	       "memory types");
_Static_assert(VFIO_PCI_TPH_MAX_ENTRIES == 2048, "max entries");
_Static_assert(VFIO_PCI_TPH_CPU_CLEAR == 0xffffffffu, "clear marker");

static int
get_device_fd(struct tph_dev *d)
{
	struct vfio_region_info reg = { .argsz = sizeof(reg) };

	d->fd = ioctl(d->group, VFIO_GROUP_GET_DEVICE_FD, d->bdf);
	if (d->fd < 0) {
		fprintf(stderr, "VFIO_GROUP_GET_DEVICE_FD %s: %s\n", d->bdf,
			strerror(errno));
		return -errno;
	}
	reg.index = VFIO_PCI_CONFIG_REGION_INDEX;
	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, &reg) < 0) {
		fprintf(stderr, "config region info: %s\n", strerror(errno));
		return -errno;
	}
	d->cfg_off = reg.offset;
	return 0;
}

int
tph_dev_open(struct tph_dev *d, const char *bdf)
{
	char path[PATH_MAX + 32], link[PATH_MAX];
	struct vfio_group_status st = { .argsz = sizeof(st) };
	const char *grp;
	ssize_t n;
	int i;

	memset(d, 0, sizeof(*d));
	d->container = d->group = d->fd = -1;
	for (i = 0; i < TPH_MAX_VECTORS; i++)
		d->irq_fd[i] = -1;
	snprintf(d->bdf, sizeof(d->bdf), "%s", bdf);

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group",
		 bdf);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0) {
		fprintf(stderr, "%s: %s (bound to vfio-pci?)\n", path,
			strerror(errno));
		return -errno;
	}
	link[n] = '\0';
	grp = strrchr(link, '/');
	grp = grp ? grp + 1 : link;

	d->container = open("/dev/vfio/vfio", O_RDWR);
	if (d->container < 0)
		return -errno;
	if (ioctl(d->container, VFIO_GET_API_VERSION) != VFIO_API_VERSION ||
	    ioctl(d->container, VFIO_CHECK_EXTENSION, VFIO_NOIOMMU_IOMMU) != 1) {
		fprintf(stderr, "vfio: no no-IOMMU support\n");
		return -ENODEV;
	}
	snprintf(path, sizeof(path), "/dev/vfio/noiommu-%s", grp);
	d->group = open(path, O_RDWR);
	if (d->group < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -errno;
	}
	if (ioctl(d->group, VFIO_GROUP_GET_STATUS, &st) < 0 ||
	    !(st.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		fprintf(stderr, "group %s not viable\n", grp);
		return -ENODEV;
	}
	if (ioctl(d->group, VFIO_GROUP_SET_CONTAINER, &d->container) < 0 ||
	    ioctl(d->container, VFIO_SET_IOMMU, VFIO_NOIOMMU_IOMMU) < 0) {
		fprintf(stderr, "vfio container setup: %s\n", strerror(errno));
		return -errno;
	}
	return get_device_fd(d);
}

static void
unmap_bar(struct tph_dev *d)
{
	if (d->bar != NULL)
		munmap((void *)d->bar, d->bar_len);
	d->bar = NULL;
	d->bar_len = 0;
}

static void
close_irqs(struct tph_dev *d)
{
	unsigned int i;

	for (i = 0; i < d->nirq; i++) {
		close(d->irq_fd[i]);
		d->irq_fd[i] = -1;
	}
	d->nirq = 0;
}

void
tph_dev_close_fd(struct tph_dev *d)
{
	unmap_bar(d);
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
	close_irqs(d);
}

int
tph_dev_reopen(struct tph_dev *d)
{
	tph_dev_close_fd(d);
	return get_device_fd(d);
}

void
tph_dev_close(struct tph_dev *d)
{
	tph_dev_close_fd(d);
	if (d->group >= 0)
		close(d->group);
	if (d->container >= 0)
		close(d->container);
	d->group = d->container = -1;
}

int
tph_cfg_read(const struct tph_dev *d, unsigned int off, void *buf, size_t len)
{
	ssize_t n = pread(d->fd, buf, len, d->cfg_off + off);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int
tph_cfg_write(const struct tph_dev *d, unsigned int off, const void *buf,
	      size_t len)
{
	ssize_t n = pwrite(d->fd, buf, len, d->cfg_off + off);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int
tph_cfg_find_cap(const struct tph_dev *d, uint8_t cap_id)
{
	uint8_t pos = 0, id;
	int guard = 48, ret;

	/* PCI Local Bus 3.0 6.7: list head at 0x34, next pointer at +1. */
	ret = tph_cfg_read(d, 0x34, &pos, 1);
	while (ret == 0 && pos >= 0x40 && guard--) {
		ret = tph_cfg_read(d, pos, &id, 1);
		if (ret == 0 && id == cap_id)
			return pos;
		if (ret == 0)
			ret = tph_cfg_read(d, pos + 1, &pos, 1);
	}
	return ret ? ret : -ENODEV;
}

/* Locate the MSI-X table (PCI Local Bus 3.0 6.8.2) and map its BAR. */
static int
map_msix(struct tph_dev *d)
{
	struct vfio_region_info reg = { .argsz = sizeof(reg) };
	uint16_t flags;
	uint32_t table;
	int pos, ret;
	void *p;

	if (d->bar != NULL)
		return 0;
	pos = tph_cfg_find_cap(d, 0x11);
	if (pos < 0)
		return pos;
	ret = tph_cfg_read(d, pos + 2, &flags, 2);
	if (ret == 0)
		ret = tph_cfg_read(d, pos + 4, &table, 4);
	if (ret != 0)
		return ret;
	d->msix_n = (flags & 0x7ff) + 1;
	d->msix_bar = table & 0x7;
	d->msix_table = table & ~0x7u;

	reg.index = d->msix_bar;
	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, &reg) < 0)
		return -errno;
	if (!(reg.flags & VFIO_REGION_INFO_FLAG_MMAP))
		return -ENOTSUP;
	p = mmap(NULL, reg.size, PROT_READ | PROT_WRITE, MAP_SHARED, d->fd,
		 reg.offset);
	if (p == MAP_FAILED)
		return -errno;
	d->bar = p;
	d->bar_len = reg.size;
	return 0;
}

int
tph_msix_enable(struct tph_dev *d)
{
	struct vfio_irq_set *set;
	unsigned int i;
	size_t sz;
	int ret;

	ret = map_msix(d);
	if (ret != 0)
		return ret;
	if (d->msix_n > TPH_MAX_VECTORS)
		return -E2BIG;
	sz = sizeof(*set) + d->msix_n * sizeof(int32_t);
	set = calloc(1, sz);
	if (set == NULL)
		return -ENOMEM;
	close_irqs(d);
	for (i = 0; i < d->msix_n; i++) {
		d->irq_fd[i] = eventfd(0, EFD_CLOEXEC);
		if (d->irq_fd[i] < 0) {
			ret = -errno;
			goto out;
		}
		d->nirq++;
	}
	set->argsz = sz;
	set->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	set->index = VFIO_PCI_MSIX_IRQ_INDEX;
	set->start = 0;
	set->count = d->msix_n;
	memcpy(set->data, d->irq_fd, d->msix_n * sizeof(int32_t));
	ret = ioctl(d->fd, VFIO_DEVICE_SET_IRQS, set) < 0 ? -errno : 0;
out:
	free(set);
	return ret;
}

int
tph_msix_disable(struct tph_dev *d)
{
	struct vfio_irq_set set = {
		.argsz = sizeof(set),
		.flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
		.index = VFIO_PCI_MSIX_IRQ_INDEX,
	};
	int ret = ioctl(d->fd, VFIO_DEVICE_SET_IRQS, &set) < 0 ? -errno : 0;

	close_irqs(d);
	return ret;
}

int
tph_msix_vector_ctrl(struct tph_dev *d, unsigned int idx, uint32_t *vc)
{
	int ret = map_msix(d);
	size_t off;

	if (ret != 0)
		return ret;
	if (idx >= d->msix_n)
		return -EINVAL;
	/* 16-byte entries; Vector Control is the last dword. */
	off = d->msix_table + 16 * idx + 12;
	if (off + 4 > d->bar_len)
		return -EINVAL;
	*vc = *(volatile uint32_t *)(d->bar + off);
	return 0;
}

static sigjmp_buf store_fault;

static void
on_store_fault(int sig)
{
	siglongjmp(store_fault, sig);
}

/* One access to Vector Control through the mapping, a fault reported. */
static int
msix_vector_ctrl_access(struct tph_dev *d, unsigned int idx, uint32_t *vc,
			bool store)
{
	struct sigaction sa = { .sa_handler = on_store_fault }, old_bus, old_segv;
	volatile uint32_t *p;
	int ret = map_msix(d), sig;

	if (ret != 0)
		return ret;
	if (idx >= d->msix_n || d->msix_table + 16 * idx + 16 > d->bar_len)
		return -EINVAL;
	p = (volatile uint32_t *)(d->bar + d->msix_table + 16 * idx + 12);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(SIGSEGV, &sa, &old_segv);
	sig = sigsetjmp(store_fault, 1);
	if (sig == 0) {
		if (store)
			*p = *vc;
		else
			*vc = *p;
		ret = 0;
	} else {
		ret = sig == SIGBUS ? -EFAULT : -EACCES;
	}
	sigaction(SIGBUS, &old_bus, NULL);
	sigaction(SIGSEGV, &old_segv, NULL);
	return ret;
}

int
tph_msix_store_vector_ctrl(struct tph_dev *d, unsigned int idx, uint32_t vc)
{
	return msix_vector_ctrl_access(d, idx, &vc, true);
}

int
tph_msix_load_vector_ctrl(struct tph_dev *d, unsigned int idx, uint32_t *vc)
{
	return msix_vector_ctrl_access(d, idx, vc, false);
}

int
tph_msix_region_mappable(struct tph_dev *d)
{
	struct vfio_region_info *reg;
	struct vfio_info_cap_header *hdr;
	uint32_t off, sz = 256;
	int ret = map_msix(d);

	if (ret != 0)
		return ret;
	reg = calloc(1, sz);
	if (reg == NULL)
		return -ENOMEM;
	reg->argsz = sz;
	reg->index = d->msix_bar;
	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, reg) < 0) {
		ret = -errno;
	} else if (reg->argsz > sz) {
		ret = -ENOSPC;	/* more capabilities than expected */
	} else {
		ret = 0;
		off = (reg->flags & VFIO_REGION_INFO_FLAG_CAPS) ?
		      reg->cap_offset : 0;
		while (off != 0 && off + sizeof(*hdr) <= sz) {
			hdr = (struct vfio_info_cap_header *)((char *)reg + off);
			if (hdr->id == VFIO_REGION_INFO_CAP_MSIX_MAPPABLE)
				ret = 1;
			off = hdr->next;
		}
	}
	free(reg);
	return ret;
}

int
tph_set_power_state(struct tph_dev *d, unsigned int state)
{
	int pos = tph_cfg_find_cap(d, 0x01);	/* Power Management */
	uint16_t pmcsr;
	int ret;

	if (pos < 0)
		return pos;
	ret = tph_cfg_read(d, pos + 4, &pmcsr, 2);
	if (ret != 0)
		return ret;
	pmcsr = (pmcsr & ~0x3u) | (state & 0x3u);
	ret = tph_cfg_write(d, pos + 4, &pmcsr, 2);
	if (ret != 0)
		return ret;
	ret = tph_cfg_read(d, pos + 4, &pmcsr, 2);
	if (ret == 0 && (pmcsr & 0x3u) != state)
		ret = -EIO;	/* the state did not change */
	return ret;
}

int
tph_hot_reset(struct tph_dev *d)
{
	struct vfio_pci_hot_reset_info info = { .argsz = sizeof(info) };
	struct vfio_pci_hot_reset *rst;
	int ret;

	/* Only the count is wanted: ENOSPC is the expected answer. */
	if (ioctl(d->fd, VFIO_DEVICE_GET_PCI_HOT_RESET_INFO, &info) < 0 &&
	    errno != ENOSPC)
		return -errno;
	if (info.count != 1)
		return -EXDEV;	/* another device shares the reset */
	rst = calloc(1, sizeof(*rst) + sizeof(int32_t));
	if (rst == NULL)
		return -ENOMEM;
	rst->argsz = sizeof(*rst) + sizeof(int32_t);
	rst->count = 1;
	rst->group_fds[0] = d->group;
	ret = ioctl(d->fd, VFIO_DEVICE_PCI_HOT_RESET, rst) < 0 ? -errno : 0;
	free(rst);
	return ret;
}

uint32_t
tph_op_size(uint32_t op, uint32_t count)
{
	size_t hdr = offsetof(struct vfio_device_pci_tph_op, cap);

	switch (op) {
	case VFIO_PCI_TPH_GET_CAP:
		return hdr + sizeof(struct vfio_pci_tph_cap);
	case VFIO_PCI_TPH_ENABLE:
		return hdr + sizeof(struct vfio_pci_tph_ctrl);
	case VFIO_PCI_TPH_GET_ST:
	case VFIO_PCI_TPH_SET_ST:
		return hdr + sizeof(struct vfio_pci_tph_st) +
		       (size_t)count * sizeof(struct vfio_pci_tph_entry);
	default:
		return hdr;
	}
}

struct vfio_device_pci_tph_op *
tph_op_new(uint32_t op, uint32_t count, size_t slack)
{
	uint32_t need = tph_op_size(op, count);
	size_t alloc = need > sizeof(struct vfio_device_pci_tph_op) ?
		       need : sizeof(struct vfio_device_pci_tph_op);
	struct vfio_device_pci_tph_op *p = calloc(1, alloc + slack);

	if (p == NULL) {
		perror("calloc");
		exit(2);
	}
	p->argsz = need;
	p->op = op;
	if (op == VFIO_PCI_TPH_GET_ST || op == VFIO_PCI_TPH_SET_ST)
		p->st.count = count;
	return p;
}

int
tph_ioctl(int fd, struct vfio_device_pci_tph_op *op)
{
	return ioctl(fd, VFIO_DEVICE_PCI_TPH, op) < 0 ? -errno : 0;
}

int
tph_get_cap(struct tph_dev *d, struct vfio_pci_tph_cap *cap)
{
	struct vfio_device_pci_tph_op *op = tph_op_new(VFIO_PCI_TPH_GET_CAP,
						       0, 0);
	int ret = tph_ioctl(d->fd, op);

	*cap = op->cap;
	free(op);
	return ret;
}

int
tph_enable(struct tph_dev *d, uint8_t mode)
{
	struct vfio_device_pci_tph_op *op = tph_op_new(VFIO_PCI_TPH_ENABLE,
						       0, 0);
	int ret;

	op->ctrl.mode = mode;
	ret = tph_ioctl(d->fd, op);
	free(op);
	return ret;
}

int
tph_disable(struct tph_dev *d)
{
	struct vfio_device_pci_tph_op *op = tph_op_new(VFIO_PCI_TPH_DISABLE,
						       0, 0);
	int ret = tph_ioctl(d->fd, op);

	free(op);
	return ret;
}

/* SET_ST or GET_ST (type) of one entry; the tag the kernel left in *st. */
static int
tph_one_entry(struct tph_dev *d, uint32_t type, uint32_t cpu, uint8_t mem,
	      uint16_t index, uint16_t *st)
{
	struct vfio_device_pci_tph_op *op = tph_op_new(type, 1, 0);
	int ret;

	op->st.ents[0].cpu = cpu;
	op->st.ents[0].mem_type = mem;
	op->st.ents[0].index = index;
	ret = tph_ioctl(d->fd, op);
	if (st != NULL)
		*st = op->st.ents[0].st;
	free(op);
	return ret;
}

int
tph_set_one(struct tph_dev *d, uint32_t cpu, uint8_t mem, uint16_t index)
{
	return tph_one_entry(d, VFIO_PCI_TPH_SET_ST, cpu, mem, index, NULL);
}

int
tph_get_one(struct tph_dev *d, uint32_t cpu, uint8_t mem, uint16_t *st)
{
	return tph_one_entry(d, VFIO_PCI_TPH_GET_ST, cpu, mem, 0, st);
}
