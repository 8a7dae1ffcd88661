/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef PCI_VFIO_TPH_H
#define PCI_VFIO_TPH_H

/**
 * @file
 * Linux VFIO backend of lib/tph: hooks for the VFIO map/unmap paths of
 * the PCI bus. Private to drivers/bus/pci (and its ABI autotest).
 */

struct rte_pci_device;

#ifdef RTE_LIB_TPH

/**
 * Register the TPH operations of a VFIO device with lib/tph.
 *
 * Called once the device fd is stored in the device's interrupt handle.
 * TPH is optional: a failure is logged here and must not fail the
 * mapping of the device.
 *
 * @param dev
 *   A device bound to vfio-pci.
 * @return
 *   0 if registered; -ENOTSUP if the device has no TPH Requester
 *   capability, is not a VFIO device or the kernel lacks the ioctl;
 *   -EEXIST if already registered; another negative errno on error.
 */
int pci_vfio_tph_probe(struct rte_pci_device *dev);

/**
 * Unregister a device from lib/tph, which first clears its programmed
 * steering tags and disables its requester. Must run while the VFIO
 * device fd is still open.
 *
 * @param dev
 *   The device.
 * @return
 *   0 if it was registered and is no more; -ENOENT if it was not.
 */
int pci_vfio_tph_remove(struct rte_pci_device *dev);

#else /* DPDK built without lib/tph: no device has TPH. */

#include <errno.h>

#include <rte_common.h>

static inline int
pci_vfio_tph_probe(__rte_unused struct rte_pci_device *dev)
{
	return -ENOTSUP;
}

static inline int
pci_vfio_tph_remove(__rte_unused struct rte_pci_device *dev)
{
	return -ENOENT;
}

#endif /* RTE_LIB_TPH */

#endif /* PCI_VFIO_TPH_H */
