/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/* The guest's NIC through vfio-pci (no-IOMMU) and the TPH ioctl. */

#ifndef TPH_VFIO_H
#define TPH_VFIO_H

#include <stddef.h>
#include <stdint.h>

#include <linux/vfio.h>

#define TPH_MAX_VECTORS 64

struct tph_dev {
	char bdf[32];
	int container;
	int group;
	int fd;			/* device fd, -1 while closed */
	uint64_t cfg_off;	/* offset of the config region in fd */
	/* MSI-X table, mapped through the vfio BAR region */
	unsigned int msix_n;
	unsigned int msix_bar;
	uint32_t msix_table;	/* table offset in the BAR */
	volatile uint8_t *bar;
	size_t bar_len;
	int irq_fd[TPH_MAX_VECTORS];
	unsigned int nirq;
};

/* Open container, no-IOMMU group and device; 0 or -errno (logged). */
int tph_dev_open(struct tph_dev *d, const char *bdf);
/* Close only the device fd (the last close: vfio-pci disables it). */
void tph_dev_close_fd(struct tph_dev *d);
/* Get a new device fd from the still open group. */
int tph_dev_reopen(struct tph_dev *d);
void tph_dev_close(struct tph_dev *d);

/* Config space through the vfio config region; 0 or -errno. */
int tph_cfg_read(const struct tph_dev *d, unsigned int off, void *buf,
		 size_t len);
int tph_cfg_write(const struct tph_dev *d, unsigned int off, const void *buf,
		  size_t len);

/* Offset of a capability in the standard list, or -errno. */
int tph_cfg_find_cap(const struct tph_dev *d, uint8_t cap_id);

/*
 * Store Vector Control of MSI-X entry idx through the user mapping of the
 * BAR: 0, -EFAULT if the store raised SIGBUS, -EACCES on SIGSEGV.
 */
int tph_msix_store_vector_ctrl(struct tph_dev *d, unsigned int idx,
			       uint32_t vc);
/* Load it the same way: what a user reads of an ST table in MSI-X. */
int tph_msix_load_vector_ctrl(struct tph_dev *d, unsigned int idx,
			      uint32_t *vc);
/*
 * 1 if VFIO_DEVICE_GET_REGION_INFO of the MSI-X BAR carries
 * VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 0 if not, -errno on failure.
 */
int tph_msix_region_mappable(struct tph_dev *d);
/*
 * Set the power state (0 = D0, 3 = D3hot) through PMCSR in the config
 * region, as a user would (PCI PM 1.2 sec 3.2.4); 0 or -errno.
 */
int tph_set_power_state(struct tph_dev *d, unsigned int state);
/* VFIO_DEVICE_PCI_HOT_RESET of the device alone; 0 or -errno. */
int tph_hot_reset(struct tph_dev *d);

/* Enable every MSI-X vector with an eventfd (VFIO_DEVICE_SET_IRQS). */
int tph_msix_enable(struct tph_dev *d);
int tph_msix_disable(struct tph_dev *d);
/* Vector Control dword of MSI-X entry idx, read through the BAR mapping. */
int tph_msix_vector_ctrl(struct tph_dev *d, unsigned int idx, uint32_t *vc);

/* Bytes an operation needs: header + body + count entries. */
uint32_t tph_op_size(uint32_t op, uint32_t count);
/* A zeroed op buffer with room for count entries plus slack bytes after. */
struct vfio_device_pci_tph_op *tph_op_new(uint32_t op, uint32_t count,
					  size_t slack);
/* VFIO_DEVICE_PCI_TPH: 0 or -errno. */
int tph_ioctl(int fd, struct vfio_device_pci_tph_op *op);

/* Shorthands on an open device; 0 or -errno. */
int tph_get_cap(struct tph_dev *d, struct vfio_pci_tph_cap *cap);
int tph_enable(struct tph_dev *d, uint8_t mode);
int tph_disable(struct tph_dev *d);
/* One SET_ST entry (cpu, mem_type, index). */
int tph_set_one(struct tph_dev *d, uint32_t cpu, uint8_t mem, uint16_t index);
/* GET_ST for one CPU; the tag in *st. */
int tph_get_one(struct tph_dev *d, uint32_t cpu, uint8_t mem, uint16_t *st);

#endif /* TPH_VFIO_H */
