/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef VFIO_TPH_UAPI_H
#define VFIO_TPH_UAPI_H

/**
 * @file
 * The VFIO_DEVICE_PCI_TPH ioctl (PCIe TLP Processing Hints on a vfio-pci
 * device fd), as proposed for include/uapi/linux/vfio.h by Chengwen Feng's
 * "vfio/pci: Add PCIe TPH support" v4 series (linux-pci, April 2026; not
 * merged in Linux yet).
 *
 * The system <linux/vfio.h> is used when it already defines the ioctl;
 * otherwise the copy below, with the same names, so the
 * backend compiles against either. The layout asserts at the end apply to
 * whichever definition is in use.
 */

#include <stddef.h>
#include <stdint.h>

#include <linux/vfio.h>

#ifndef VFIO_DEVICE_PCI_TPH

/** One ioctl, five operations selected by vfio_device_pci_tph_op::op. */
#define VFIO_DEVICE_PCI_TPH _IO(VFIO_TYPE, VFIO_BASE + 22)

#define VFIO_PCI_TPH_GET_CAP 0 /* out: cap */
#define VFIO_PCI_TPH_ENABLE  1 /* in: ctrl */
#define VFIO_PCI_TPH_DISABLE 2 /* no body */
#define VFIO_PCI_TPH_GET_ST  3 /* in/out: st */
#define VFIO_PCI_TPH_SET_ST  4 /* in: st */

/* Mode bits: supported_modes of cap, and mode of ctrl (exactly one bit). */
#define VFIO_PCI_TPH_MODE_IV (1 << 0) /* Interrupt Vector */
#define VFIO_PCI_TPH_MODE_DS (1 << 1) /* Device Specific */

/* vfio_pci_tph_entry::mem_type */
#define VFIO_PCI_TPH_MEM_TYPE_VM 0 /* volatile memory */
#define VFIO_PCI_TPH_MEM_TYPE_PM 1 /* persistent memory */

struct vfio_pci_tph_cap {
	uint8_t supported_modes; /* VFIO_PCI_TPH_MODE_* */
	uint8_t reserved0;
	uint16_t st_table_sz;    /* entries SET_ST can program, 0 = none */
	uint32_t reserved;
};

struct vfio_pci_tph_ctrl {
	uint8_t mode;            /* exactly one VFIO_PCI_TPH_MODE_* bit */
	uint8_t reserved[7];
};

struct vfio_pci_tph_entry {
	uint32_t cpu;            /* Linux CPU id; SET_ST: CPU_CLEAR clears */
	uint8_t mem_type;        /* VFIO_PCI_TPH_MEM_TYPE_* */
	uint8_t reserved0;
	uint16_t index;          /* SET_ST: ST table index */
	uint16_t st;             /* GET_ST: the tag (output) */
	uint16_t reserved1;
};

struct vfio_pci_tph_st {
	uint32_t count;          /* 1 to VFIO_PCI_TPH_MAX_ENTRIES */
	uint32_t reserved;
	struct vfio_pci_tph_entry ents[];
};

struct vfio_device_pci_tph_op {
	uint32_t argsz;          /* header + body + entries, in bytes */
	uint32_t op;             /* VFIO_PCI_TPH_GET_CAP ... SET_ST */
	union {
		struct vfio_pci_tph_cap cap;
		struct vfio_pci_tph_ctrl ctrl;
		struct vfio_pci_tph_st st;
	};
};

#endif /* VFIO_DEVICE_PCI_TPH */

/*
 * Constants without a struct: defined apart so that a system header that
 * names them differently still leaves the backend with the contract's
 * values.
 */
#ifndef VFIO_PCI_TPH_MAX_ENTRIES
/** Most entries one GET_ST or SET_ST may carry. */
#define VFIO_PCI_TPH_MAX_ENTRIES 2048
#endif
#ifndef VFIO_PCI_TPH_CPU_CLEAR
/** vfio_pci_tph_entry::cpu value that clears an entry on SET_ST. */
#define VFIO_PCI_TPH_CPU_CLEAR 0xffffffffu
#endif

/* The ABI, pinned (header 8, cap 8, ctrl 8, st 8, entry 12). */
_Static_assert(offsetof(struct vfio_device_pci_tph_op, cap) == 8,
	"VFIO TPH header must be 8 bytes");
_Static_assert(sizeof(struct vfio_device_pci_tph_op) == 16,
	"VFIO TPH header with its body union must be 16 bytes");
_Static_assert(sizeof(struct vfio_pci_tph_cap) == 8, "cap must be 8 bytes");
_Static_assert(sizeof(struct vfio_pci_tph_ctrl) == 8, "ctrl must be 8 bytes");
_Static_assert(sizeof(struct vfio_pci_tph_st) == 8, "st must be 8 bytes");
_Static_assert(sizeof(struct vfio_pci_tph_entry) == 12,
	"entry must be 12 bytes");
_Static_assert(offsetof(struct vfio_device_pci_tph_op, st.ents) == 16,
	"entries must start right after the st body");
_Static_assert(offsetof(struct vfio_pci_tph_entry, mem_type) == 4 &&
	offsetof(struct vfio_pci_tph_entry, index) == 6 &&
	offsetof(struct vfio_pci_tph_entry, st) == 8 &&
	offsetof(struct vfio_pci_tph_entry, reserved1) == 10,
	"entry field offsets");

#endif /* VFIO_TPH_UAPI_H */
