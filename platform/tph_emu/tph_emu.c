// SPDX-License-Identifier: GPL-2.0
/*
 * tph_emu - test-only emulation of a PCIe TPH Requester for QEMU guests.
 *
 * QEMU 7.2 has no device with a TPH Requester capability and its root
 * ports do not advertise TPH completion.  This module wraps the config
 * accessors of the buses of one endpoint and its root port so that:
 *  - the endpoint shows a TPH Requester extended capability at 0x100
 *    whose control register and ST table live in memory here;
 *  - the root port's Device Capabilities 2 reports TPH completer support;
 * then removes and rescans the endpoint so the PCI core enumerates it with
 * the capability.  Accesses to the capability are counted and exposed in
 * debugfs (tph_emu/) with a dump of the control register and ST table, so
 * tests can check exactly what the kernel wrote and at what cost.  The
 * "dsm" file evaluates the firmware's TPH _DSM for a processor UID, so the
 * test SSDT can be checked independently of the kernel under test.
 *
 * Beyond counting, it flags what a conforming kernel never does (an ST
 * entry written while the requester is enabled, the reserved Requester
 * Enable encoding 10b), models the resets a user can trigger (FLR through
 * Device Control or an Advanced Features capability it can add, and the
 * root port's Secondary Bus Reset), can start with TPH left enabled "by
 * firmware", and works on a Root Complex Integrated Endpoint (no root
 * port, capability appended to the device's own extended capabilities).
 *
 * Copyright(c) 2026 The dpdk-tph authors
 */

#include <linux/acpi.h>
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/unaligned.h>

/* PCIe Base Spec r6.x 7.9.13: TPH Requester Extended Capability */
#define TPH_EMU_CAP_ID		0x17
#define TPH_EMU_CAP_VER		1
#define TPH_EMU_EXT_FIRST	0x100	/* first extended capability */
#define TPH_EMU_REG_CAP		0x04
#define TPH_EMU_REG_CTRL	0x08
#define TPH_EMU_REG_TABLE	0x0c
#define TPH_EMU_CAP_EXT_REQ	BIT(8)
#define TPH_EMU_CAP_LOC_SHIFT	9
#define TPH_EMU_CAP_SIZE_SHIFT	16
#define TPH_EMU_CAP_MODES	0x7	/* No-ST, Interrupt Vector, Device Specific */
#define TPH_EMU_LOC_NONE	0
#define TPH_EMU_LOC_CAP		1
#define TPH_EMU_LOC_MSIX	2
#define TPH_EMU_CTRL_MODE_MASK	0x07	/* bits 2:0, byte 0 */
#define TPH_EMU_CTRL_EN_MASK	0x03	/* bits 9:8, byte 1 */
#define TPH_EMU_CTRL_EN_RSVD	0x02	/* 7.9.13.3: Requester Enable 10b is reserved */
#define TPH_EMU_MAX_CAP_ST	64	/* 7.9.13.2: at most 64 entries in the capability */
#define TPH_EMU_MAX_ST		2048	/* 11-bit ST Table Size field */
#define TPH_EMU_WINDOW		(TPH_EMU_REG_TABLE + 2 * TPH_EMU_MAX_CAP_ST)

/* PCI Base Spec 3.0 / PCIe r6.x 7.5.1.3.13: Secondary Bus Reset */
#define TPH_EMU_BRCTL_SBR_BYTE	0x40	/* bit 6 of Bridge Control (0x3e) */

/* Advanced Features capability (PCI Advanced Capabilities ECN, ID 0x13) */
#define TPH_EMU_AF_LEN		6
#define TPH_EMU_AF_CAPS		(PCI_AF_CAP_TP | PCI_AF_CAP_FLR)

/* 7.5.3.15: Device Capabilities 2 bits 13:12, TPH Completer Supported */
#define TPH_EMU_DEVCAP2_COMP_SHIFT	12
#define TPH_EMU_DEVCAP2_COMP_MASK	(0x3 << TPH_EMU_DEVCAP2_COMP_SHIFT)

static char *bdf = "0000:01:00.0";
module_param(bdf, charp, 0444);
MODULE_PARM_DESC(bdf, "Endpoint to give a TPH Requester capability (DDDD:BB:DD.F)");

static uint modes = 0x3;
module_param(modes, uint, 0444);
MODULE_PARM_DESC(modes, "Capability bits 2:0: 1 No-ST, 2 Interrupt Vector, 4 Device Specific");

static char *st_loc = "cap";
module_param(st_loc, charp, 0444);
MODULE_PARM_DESC(st_loc, "ST table location: none, cap or msix");

static uint st_size;
module_param(st_size, uint, 0444);
MODULE_PARM_DESC(st_size, "ST table entries (0: 8 in the capability, MSI-X table size for msix)");

static bool ext_req;
module_param(ext_req, bool, 0444);
MODULE_PARM_DESC(ext_req, "Advertise Extended TPH Requester (16-bit tags)");

static char *completer = "tph";
module_param(completer, charp, 0444);
MODULE_PARM_DESC(completer, "Root port TPH completer: none, tph or ext");

static bool absent;
module_param(absent, bool, 0444);
MODULE_PARM_DESC(absent, "Give the endpoint no TPH capability (root port still patched)");

static bool flr_keeps_state;
module_param(flr_keeps_state, bool, 0444);
MODULE_PARM_DESC(flr_keeps_state, "FLR and bus reset leave control and ST table alone, so only software cleans up");

static uint cap_pos = TPH_EMU_EXT_FIRST;
module_param_named(pos, cap_pos, uint, 0444);
MODULE_PARM_DESC(pos, "Offset of the TPH capability (0x100; else appended after the device's own)");

static uint af_pos;
module_param(af_pos, uint, 0444);
MODULE_PARM_DESC(af_pos, "Add an Advanced Features capability (FLR) at this free config offset (0: none)");

static bool fw_enabled;
module_param(fw_enabled, bool, 0444);
MODULE_PARM_DESC(fw_enabled, "Start with TPH enabled in IV mode and a non-empty table, as firmware may leave it");

struct tph_emu {
	raw_spinlock_t lock;		/* image, counters, fault injection */
	struct pci_ops ops;		/* shared wrapper installed on both buses */
	struct pci_bus *ep_bus;
	struct pci_bus *rp_bus;
	struct pci_ops *ep_orig;
	struct pci_ops *rp_orig;
	unsigned int ep_devfn;
	unsigned int rp_devfn;
	int ep_devctl;			/* endpoint Device Control, for FLR */
	int rp_devcap2;			/* root port Device Capabilities 2 */
	bool has_rp;			/* false for a Root Complex Integrated Endpoint */
	int ext_last;			/* ext. capability whose next pointer leads to us, 0 none */
	int cap_last;			/* capability whose next pointer leads to the AF one */
	u32 comp_bits;
	bool splice;
	unsigned int loc;
	unsigned int entries;
	unsigned int cap_len;		/* bytes of the capability proper */
	unsigned int window;		/* emulated bytes from 0x100, dword-rounded */
	u8 image[TPH_EMU_WINDOW];
	u8 wmask[TPH_EMU_WINDOW];
	u64 reads;
	u64 writes;
	u64 flrs;			/* FLRs through Device Control */
	u64 af_flrs;			/* FLRs through the Advanced Features capability */
	u64 sbrs;			/* Secondary Bus Resets of the root port */
	u64 st_writes_enabled;		/* ST entry writes while the requester was enabled */
	u64 reserved_enables;		/* Control writes with Requester Enable 10b */
	int ep_pmcsr;			/* endpoint PMCSR offset, 0 without PM */
	bool d3hot;			/* PMCSR last written with D3hot */
	bool d3_snap_valid;		/* memory decoded when entering D3hot */
	void __iomem *msix_base;	/* the endpoint's MSI-X table */
	unsigned int msix_n;
	u32 *d3_snap;			/* its Vector Control words at D3hot entry */
	u64 d3hot_st_writes;		/* ST entries written while in D3hot */
	u8 af_image[TPH_EMU_AF_LEN];
	u32 fail_st_write;		/* n-th next ST table write fails, 0 off */
	u32 dsm_uid;			/* processor UID the "dsm" file asks for */
	struct dentry *dir;
};

static struct tph_emu emu;

static bool tph_emu_is_ep(struct pci_bus *bus, unsigned int devfn)
{
	return emu.splice && bus == emu.ep_bus && devfn == emu.ep_devfn;
}

static bool tph_emu_in_window(int where)
{
	return where >= cap_pos && where < cap_pos + emu.window;
}

static bool tph_emu_in_af(int where)
{
	return af_pos && where >= af_pos && where < af_pos + TPH_EMU_AF_LEN;
}

static struct pci_ops *tph_emu_orig(struct pci_bus *bus)
{
	return bus == emu.ep_bus ? emu.ep_orig : emu.rp_orig;
}

/* Does [where, where + size) contain byte @pos? */
static bool tph_emu_covers(int where, int size, int pos)
{
	return pos >= where && pos < where + size;
}

static int tph_emu_cap_read(int where, int size, u32 *val)
{
	unsigned int off = where - cap_pos;
	unsigned long flags;
	u32 v = 0;
	int i;

	raw_spin_lock_irqsave(&emu.lock, flags);
	emu.reads++;
	for (i = 0; i < size; i++)
		v |= (u32)emu.image[off + i] << (8 * i);
	raw_spin_unlock_irqrestore(&emu.lock, flags);
	*val = v;
	return PCIBIOS_SUCCESSFUL;
}

/* Requester Enable as it is now: bits 9:8 of the control register. */
static u8 tph_emu_req_en(void)
{
	return emu.image[TPH_EMU_REG_CTRL + 1] & TPH_EMU_CTRL_EN_MASK;
}

static int tph_emu_cap_write(int where, int size, u32 val)
{
	unsigned int off = where - cap_pos;
	unsigned long flags;
	int ret = PCIBIOS_SUCCESSFUL;
	bool st_write;
	int i;

	raw_spin_lock_irqsave(&emu.lock, flags);
	emu.writes++;
	st_write = emu.loc == TPH_EMU_LOC_CAP && off >= TPH_EMU_REG_TABLE &&
		   off < emu.cap_len;
	/* PCIe r6.x 6.17.3: ST entries change only while the requester is off. */
	if (st_write && tph_emu_req_en())
		emu.st_writes_enabled++;
	/* The kernel's rule (vfio TPH doc): no ST entry changes in D3hot. */
	if (st_write && emu.d3hot)
		emu.d3hot_st_writes++;
	if (tph_emu_covers(off, size, TPH_EMU_REG_CTRL + 1) &&
	    ((val >> (8 * (TPH_EMU_REG_CTRL + 1 - off))) &
	     TPH_EMU_CTRL_EN_MASK) == TPH_EMU_CTRL_EN_RSVD)
		emu.reserved_enables++;
	if (st_write && emu.fail_st_write) {
		/* Injected failure of one ST table write, then disarm. */
		if (--emu.fail_st_write == 0) {
			ret = PCIBIOS_SET_FAILED;
			goto out;
		}
	}
	for (i = 0; i < size; i++) {
		u8 b = val >> (8 * i);
		u8 m = emu.wmask[off + i];

		emu.image[off + i] = (emu.image[off + i] & ~m) | (b & m);
	}
out:
	raw_spin_unlock_irqrestore(&emu.lock, flags);
	return ret;
}

/* Does a write of val at where set bit @bit of the byte at @byte? */
static bool tph_emu_sets(int where, int size, u32 val, int byte, u8 bit)
{
	return tph_emu_covers(where, size, byte) &&
	       ((val >> (8 * (byte - where))) & bit);
}

/* A reset returns the requester to its power-on state; counted in *what. */
static void tph_emu_reset(u64 *what)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu.lock, flags);
	(*what)++;
	emu.d3hot = false;	/* PMCSR is D0 after a reset */
	if (!flr_keeps_state)
		memset(emu.image + TPH_EMU_REG_CTRL, 0,
		       emu.window - TPH_EMU_REG_CTRL);
	raw_spin_unlock_irqrestore(&emu.lock, flags);
}

/* Function Level Reset through Device Control bit 15 (7.5.3.4). */
static void tph_emu_check_flr(int where, int size, u32 val)
{
	/* byte holding bit 15, BCR/FLR */
	if (emu.ep_devctl && tph_emu_sets(where, size, val, emu.ep_devctl + 1,
					  PCI_EXP_DEVCTL_BCR_FLR >> 8))
		tph_emu_reset(&emu.flrs);
}

static int tph_emu_af_read(int where, int size, u32 *val)
{
	u32 v = 0;
	int i;

	for (i = 0; i < size; i++)
		if (tph_emu_in_af(where + i))
			v |= (u32)emu.af_image[where + i - af_pos] << (8 * i);
	*val = v;
	return PCIBIOS_SUCCESSFUL;
}

/*
 * AF Control bit 0 "Initiate FLR": the requester is reset here, and the
 * device behind it gets a real FLR through Device Control, as hardware
 * resets the whole function (QEMU then resets its MSI-X table too).
 */
static int tph_emu_af_write(struct pci_bus *bus, int where, int size, u32 val)
{
	if (!tph_emu_sets(where, size, val, af_pos + PCI_AF_CTRL,
			  PCI_AF_CTRL_FLR))
		return PCIBIOS_SUCCESSFUL;
	tph_emu_reset(&emu.af_flrs);
	if (!emu.ep_devctl)
		return PCIBIOS_SUCCESSFUL;
	return emu.ep_orig->write(bus, emu.ep_devfn, emu.ep_devctl + 1, 1,
				  PCI_EXP_DEVCTL_BCR_FLR >> 8);
}

/* Point the next field of a capability header at our spliced capability. */
static void tph_emu_patch_next(int where, int size, u32 *val, int byte,
			       u32 mask, u32 next)
{
	int shift;

	if (!tph_emu_covers(where, size, byte))
		return;
	shift = 8 * (byte - where);
	*val = (*val & ~(mask << shift)) | (next << shift);
}

static void tph_emu_patch_devcap2(int where, int size, u32 *val)
{
	int hi = emu.rp_devcap2 + 1;	/* byte holding bits 15:8 */
	int shift;

	if (!tph_emu_covers(where, size, hi))
		return;
	shift = 8 * (hi - where);
	*val &= ~((TPH_EMU_DEVCAP2_COMP_MASK >> 8) << shift);
	*val |= (emu.comp_bits >> 8) << shift;
}

static int tph_emu_read(struct pci_bus *bus, unsigned int devfn, int where,
			int size, u32 *val)
{
	bool ep = bus == emu.ep_bus && devfn == emu.ep_devfn;
	int ret;

	if (tph_emu_is_ep(bus, devfn) && tph_emu_in_window(where))
		return tph_emu_cap_read(where, size, val);
	if (ep && tph_emu_in_af(where))
		return tph_emu_af_read(where, size, val);

	ret = tph_emu_orig(bus)->read(bus, devfn, where, size, val);
	if (ret != PCIBIOS_SUCCESSFUL)
		return ret;
	if (emu.has_rp && bus == emu.rp_bus && devfn == emu.rp_devfn)
		tph_emu_patch_devcap2(where, size, val);
	/* Next pointers: bits 31:20 of an extended header, byte 1 of a cap. */
	if (tph_emu_is_ep(bus, devfn) && emu.ext_last) {
		tph_emu_patch_next(where, size, val, emu.ext_last + 3, 0xff,
				   (cap_pos >> 4) & 0xff);
		tph_emu_patch_next(where, size, val, emu.ext_last + 2, 0xf0,
				   (cap_pos & 0xf) << 4);
	}
	if (ep && af_pos)
		tph_emu_patch_next(where, size, val, emu.cap_last + 1, 0xff,
				   af_pos);
	return ret;
}

/* Is memory space decoded? Read below the pci_ops wrapper, lock held. */
static bool tph_emu_mem_decoded(struct pci_bus *bus)
{
	u32 cmd = 0;

	emu.ep_orig->read(bus, emu.ep_devfn, PCI_COMMAND, 2, &cmd);
	return cmd & PCI_COMMAND_MEMORY;
}

/*
 * D3hot decodes no memory (PCIe r6.0 sec 5.3.1.4.1), but QEMU's BARs
 * still answer: snapshot the MSI-X Vector Control words when PMCSR goes
 * to D3hot and count those that changed when it leaves, before the
 * write reaches the device. ST entries in MSI-X written in D3hot thus
 * show up in d3hot_st_writes, next to those in the capability.
 */
static void tph_emu_check_pm(struct pci_bus *bus, int where, int size,
			     u32 val)
{
	unsigned long flags;
	unsigned int i;
	bool to_d3;

	if (!emu.ep_pmcsr || !tph_emu_covers(where, size, emu.ep_pmcsr))
		return;
	to_d3 = ((val >> (8 * (emu.ep_pmcsr - where))) &
		 PCI_PM_CTRL_STATE_MASK) == 3;

	raw_spin_lock_irqsave(&emu.lock, flags);
	if (to_d3 && !emu.d3hot) {
		emu.d3_snap_valid = emu.msix_base && tph_emu_mem_decoded(bus);
		for (i = 0; emu.d3_snap_valid && i < emu.msix_n; i++)
			emu.d3_snap[i] = readl(emu.msix_base +
					       i * PCI_MSIX_ENTRY_SIZE +
					       PCI_MSIX_ENTRY_VECTOR_CTRL);
	} else if (!to_d3 && emu.d3hot && emu.d3_snap_valid &&
		   tph_emu_mem_decoded(bus)) {
		for (i = 0; i < emu.msix_n; i++)
			if (readl(emu.msix_base + i * PCI_MSIX_ENTRY_SIZE +
				  PCI_MSIX_ENTRY_VECTOR_CTRL) != emu.d3_snap[i])
				emu.d3hot_st_writes++;
	}
	emu.d3hot = to_d3;
	raw_spin_unlock_irqrestore(&emu.lock, flags);
}

static int tph_emu_write(struct pci_bus *bus, unsigned int devfn, int where,
			 int size, u32 val)
{
	if (bus == emu.ep_bus && devfn == emu.ep_devfn && tph_emu_in_af(where))
		return tph_emu_af_write(bus, where, size, val);
	if (tph_emu_is_ep(bus, devfn)) {
		if (tph_emu_in_window(where))
			return tph_emu_cap_write(where, size, val);
		tph_emu_check_flr(where, size, val);
		tph_emu_check_pm(bus, where, size, val);
	}
	if (emu.has_rp && bus == emu.rp_bus && devfn == emu.rp_devfn &&
	    tph_emu_sets(where, size, val, PCI_BRIDGE_CONTROL,
			 TPH_EMU_BRCTL_SBR_BYTE))
		tph_emu_reset(&emu.sbrs);
	return tph_emu_orig(bus)->write(bus, devfn, where, size, val);
}

static void tph_emu_put32(unsigned int off, u32 v)
{
	emu.image[off] = v;
	emu.image[off + 1] = v >> 8;
	emu.image[off + 2] = v >> 16;
	emu.image[off + 3] = v >> 24;
}

static u32 tph_emu_get32(unsigned int off)
{
	return emu.image[off] | emu.image[off + 1] << 8 |
	       emu.image[off + 2] << 16 | (u32)emu.image[off + 3] << 24;
}

static int tph_emu_parse_choice(const char *name, const char *val,
				const char * const *choices, int n)
{
	int i = match_string(choices, n, val);

	if (i < 0)
		pr_err("tph_emu: bad %s '%s'\n", name, val);
	return i < 0 ? -EINVAL : i;
}

/* Build the capability image from the module parameters. */
static int tph_emu_build(struct pci_dev *ep)
{
	static const char * const locs[] = { "none", "cap", "msix" };
	static const char * const comps[] = { "none", "tph", "ext" };
	static const u32 comp_bits[] = { 0, 1, 3 };
	unsigned int i;
	u16 msix_flags;
	u32 cap;
	int ret;

	ret = tph_emu_parse_choice("completer", completer, comps,
				   ARRAY_SIZE(comps));
	if (ret < 0)
		return ret;
	emu.comp_bits = comp_bits[ret] << TPH_EMU_DEVCAP2_COMP_SHIFT;

	ret = tph_emu_parse_choice("st_loc", st_loc, locs, ARRAY_SIZE(locs));
	if (ret < 0)
		return ret;
	emu.loc = ret;

	if (modes & ~TPH_EMU_CAP_MODES) {
		pr_err("tph_emu: modes 0x%x has bits outside 0x7\n", modes);
		return -EINVAL;
	}

	emu.entries = 0;
	if (emu.loc == TPH_EMU_LOC_CAP) {
		emu.entries = st_size ? st_size : 8;
		if (emu.entries > TPH_EMU_MAX_CAP_ST) {
			pr_err("tph_emu: %u entries do not fit in the capability\n",
			       emu.entries);
			return -EINVAL;
		}
	} else if (emu.loc == TPH_EMU_LOC_MSIX) {
		if (!ep->msix_cap) {
			pr_err("tph_emu: %s has no MSI-X capability\n",
			       pci_name(ep));
			return -EINVAL;
		}
		pci_read_config_word(ep, ep->msix_cap + PCI_MSIX_FLAGS,
				     &msix_flags);
		emu.entries = st_size ? st_size :
			      (msix_flags & PCI_MSIX_FLAGS_QSIZE) + 1;
		if (emu.entries > TPH_EMU_MAX_ST) {
			pr_err("tph_emu: %u entries exceed the ST Table Size field\n",
			       emu.entries);
			return -EINVAL;
		}
	} else if (st_size) {
		pr_err("tph_emu: st_size needs st_loc cap or msix\n");
		return -EINVAL;
	}

	emu.cap_len = TPH_EMU_REG_TABLE;
	if (emu.loc == TPH_EMU_LOC_CAP)
		emu.cap_len += 2 * emu.entries;
	emu.window = round_up(emu.cap_len, 4);

	memset(emu.image, 0, sizeof(emu.image));
	memset(emu.wmask, 0, sizeof(emu.wmask));
	/* Header: ID, version, next = 0 (last extended capability). */
	tph_emu_put32(0, TPH_EMU_CAP_ID | TPH_EMU_CAP_VER << 16);
	cap = modes | emu.loc << TPH_EMU_CAP_LOC_SHIFT;
	if (ext_req)
		cap |= TPH_EMU_CAP_EXT_REQ;
	if (emu.entries)
		cap |= (emu.entries - 1) << TPH_EMU_CAP_SIZE_SHIFT;
	tph_emu_put32(TPH_EMU_REG_CAP, cap);
	emu.wmask[TPH_EMU_REG_CTRL] = TPH_EMU_CTRL_MODE_MASK;
	emu.wmask[TPH_EMU_REG_CTRL + 1] = TPH_EMU_CTRL_EN_MASK;
	for (i = TPH_EMU_REG_TABLE; i < emu.cap_len; i++)
		emu.wmask[i] = 0xff;
	if (fw_enabled) {
		/* IV mode, requester enabled, every entry holding a tag. */
		emu.image[TPH_EMU_REG_CTRL] = 1;
		emu.image[TPH_EMU_REG_CTRL + 1] = ext_req ? 3 : 1;
		for (i = TPH_EMU_REG_TABLE; i < emu.cap_len; i++)
			emu.image[i] = 0xe0 + (i & 0xf);
	}

	emu.af_image[0] = PCI_CAP_ID_AF;	/* next = 0: last capability */
	emu.af_image[PCI_AF_LENGTH] = TPH_EMU_AF_LEN;
	emu.af_image[PCI_AF_CAP] = TPH_EMU_AF_CAPS;
	return 0;
}

static int tph_emu_u64_get(void *data, u64 *val)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu.lock, flags);
	*val = *(u64 *)data;
	raw_spin_unlock_irqrestore(&emu.lock, flags);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tph_emu_u64_fops, tph_emu_u64_get, NULL, "%llu\n");

static int tph_emu_reset_set(void *data, u64 val)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu.lock, flags);
	emu.reads = 0;
	emu.writes = 0;
	raw_spin_unlock_irqrestore(&emu.lock, flags);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tph_emu_reset_fops, NULL, tph_emu_reset_set, "%llu\n");

/* Evaluate an integer of the test SSDT (\_SB.PCI0.TPHC, TPHQ, TPHI). */
#ifdef CONFIG_ACPI
static int tph_emu_acpi_counter_get(void *data, u64 *val)
{
	struct pci_host_bridge *hb = pci_find_host_bridge(emu.ep_bus);
	acpi_handle handle = hb ? ACPI_HANDLE(&hb->dev) : NULL;
	unsigned long long v;

	if (!handle)
		return -ENODEV;
	if (ACPI_FAILURE(acpi_evaluate_integer(handle, data, NULL, &v)))
		return -EIO;
	*val = v;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tph_emu_acpi_counter_fops, tph_emu_acpi_counter_get,
			 NULL, "%llu\n");
#endif

/*
 * Vector Control of every MSI-X table entry, read from the BAR by the
 * kernel, so tests need no user mapping of the table (which the kernel
 * under test may refuse while TPH is on).
 */
static int tph_emu_msix_show(struct seq_file *s, void *unused)
{
	struct pci_dev *ep = pci_get_slot(emu.ep_bus, emu.ep_devfn);
	u32 table, vc;
	u16 flags, cmd = PCI_COMMAND_MEMORY;	/* until read */
	void __iomem *base;
	unsigned int i, n;
	int ret = 0;

	if (!ep)
		return -ENODEV;
	if (!ep->msix_cap) {
		ret = -ENXIO;
		goto out;
	}
	/* The BAR must be decoded, even while no user has the device open. */
	pci_read_config_word(ep, PCI_COMMAND, &cmd);
	if (!(cmd & PCI_COMMAND_MEMORY))
		pci_write_config_word(ep, PCI_COMMAND, cmd | PCI_COMMAND_MEMORY);
	pci_read_config_word(ep, ep->msix_cap + PCI_MSIX_FLAGS, &flags);
	pci_read_config_dword(ep, ep->msix_cap + PCI_MSIX_TABLE, &table);
	n = (flags & PCI_MSIX_FLAGS_QSIZE) + 1;
	base = ioremap(pci_resource_start(ep, table & PCI_MSIX_TABLE_BIR) +
		       (table & PCI_MSIX_TABLE_OFFSET), n * PCI_MSIX_ENTRY_SIZE);
	if (!base) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		vc = readl(base + i * PCI_MSIX_ENTRY_SIZE +
			   PCI_MSIX_ENTRY_VECTOR_CTRL);
		seq_printf(s, "%u 0x%08x\n", i, vc);
	}
	iounmap(base);
out:
	if (!(cmd & PCI_COMMAND_MEMORY))
		pci_write_config_word(ep, PCI_COMMAND, cmd);
	pci_dev_put(ep);
	return ret;
}
DEFINE_SHOW_ATTRIBUTE(tph_emu_msix);

static int tph_emu_fail_get(void *data, u64 *val)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu.lock, flags);
	*val = emu.fail_st_write;
	raw_spin_unlock_irqrestore(&emu.lock, flags);
	return 0;
}

static int tph_emu_fail_set(void *data, u64 val)
{
	unsigned long flags;

	if (val > U32_MAX)
		return -EINVAL;
	raw_spin_lock_irqsave(&emu.lock, flags);
	emu.fail_st_write = val;
	raw_spin_unlock_irqrestore(&emu.lock, flags);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tph_emu_fail_fops, tph_emu_fail_get, tph_emu_fail_set,
			 "%llu\n");

static int tph_emu_reg_get(void *data, u64 *val)
{
	unsigned int off = (uintptr_t)data;
	unsigned long flags;

	raw_spin_lock_irqsave(&emu.lock, flags);
	*val = tph_emu_get32(off);
	raw_spin_unlock_irqrestore(&emu.lock, flags);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tph_emu_reg_fops, tph_emu_reg_get, NULL, "0x%08llx\n");

/*
 * Write the Control register behind the kernel's back, as firmware or a
 * config write that slipped through would: no counter sees it.
 */
static int tph_emu_ctrl_set(void *data, u64 val)
{
	unsigned long flags;
	int i;

	raw_spin_lock_irqsave(&emu.lock, flags);
	for (i = 0; i < 4; i++) {
		u8 m = emu.wmask[TPH_EMU_REG_CTRL + i];
		u8 *b = &emu.image[TPH_EMU_REG_CTRL + i];

		*b = (*b & ~m) | ((val >> (8 * i)) & m);
	}
	raw_spin_unlock_irqrestore(&emu.lock, flags);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tph_emu_ctrl_fops, tph_emu_reg_get, tph_emu_ctrl_set,
			 "0x%08llx\n");

static int tph_emu_table_show(struct seq_file *s, void *unused)
{
	u16 ent[TPH_EMU_MAX_CAP_ST];
	unsigned int i, n = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&emu.lock, flags);
	if (emu.loc == TPH_EMU_LOC_CAP) {
		n = emu.entries;
		for (i = 0; i < n; i++) {
			unsigned int off = TPH_EMU_REG_TABLE + 2 * i;

			ent[i] = emu.image[off] | emu.image[off + 1] << 8;
		}
	}
	raw_spin_unlock_irqrestore(&emu.lock, flags);

	for (i = 0; i < n; i++)
		seq_printf(s, "%u 0x%04x\n", i, ent[i]);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tph_emu_table);

#ifdef CONFIG_ACPI
/* PCI Firmware Spec r3.3 4.6.15: cache locality TPH features, rev 7, fn 0xF */
static const guid_t tph_emu_dsm_guid =
	GUID_INIT(0xe5c937d0, 0x3553, 0x4d7a,
		  0x91, 0x17, 0xea, 0x4d, 0x19, 0xc3, 0x43, 0x4d);
#define TPH_EMU_DSM_REV		7
#define TPH_EMU_DSM_FN		0xf

/* Raw 64-bit _DSM result for emu.dsm_uid, as the host bridge returns it. */
static int tph_emu_dsm_get(void *data, u64 *val)
{
	union acpi_object args[3] = {}, argv4 = {}, *out;
	struct pci_host_bridge *hb = pci_find_host_bridge(emu.ep_bus);
	acpi_handle handle = hb ? ACPI_HANDLE(&hb->dev) : NULL;
	int ret = 0;

	if (!handle)
		return -ENODEV;
	if (!acpi_check_dsm(handle, &tph_emu_dsm_guid, TPH_EMU_DSM_REV,
			    BIT(TPH_EMU_DSM_FN)))
		return -EOPNOTSUPP;
	args[0].type = ACPI_TYPE_INTEGER;
	args[0].integer.value = 0;	/* feature ID */
	args[1].type = ACPI_TYPE_INTEGER;
	args[1].integer.value = READ_ONCE(emu.dsm_uid);
	args[2].type = ACPI_TYPE_INTEGER;
	args[2].integer.value = 0;	/* default properties */
	argv4.type = ACPI_TYPE_PACKAGE;
	argv4.package.count = ARRAY_SIZE(args);
	argv4.package.elements = args;
	out = acpi_evaluate_dsm(handle, &tph_emu_dsm_guid, TPH_EMU_DSM_REV,
				TPH_EMU_DSM_FN, &argv4);
	if (!out)
		return -EIO;
	if (out->type == ACPI_TYPE_BUFFER && out->buffer.length >= 8)
		*val = get_unaligned_le64(out->buffer.pointer);
	else
		ret = -EPROTO;
	ACPI_FREE(out);
	return ret;
}
DEFINE_DEBUGFS_ATTRIBUTE(tph_emu_dsm_fops, tph_emu_dsm_get, NULL, "0x%016llx\n");
#endif

static void tph_emu_debugfs_init(void)
{
	emu.dir = debugfs_create_dir("tph_emu", NULL);
	debugfs_create_file_unsafe("reads", 0444, emu.dir, &emu.reads,
				   &tph_emu_u64_fops);
	debugfs_create_file_unsafe("writes", 0444, emu.dir, &emu.writes,
				   &tph_emu_u64_fops);
	debugfs_create_file_unsafe("flrs", 0444, emu.dir, &emu.flrs,
				   &tph_emu_u64_fops);
	debugfs_create_file_unsafe("af_flrs", 0444, emu.dir, &emu.af_flrs,
				   &tph_emu_u64_fops);
	debugfs_create_file_unsafe("sbrs", 0444, emu.dir, &emu.sbrs,
				   &tph_emu_u64_fops);
	debugfs_create_file_unsafe("st_writes_enabled", 0444, emu.dir,
				   &emu.st_writes_enabled, &tph_emu_u64_fops);
	debugfs_create_file_unsafe("reserved_enables", 0444, emu.dir,
				   &emu.reserved_enables, &tph_emu_u64_fops);
	debugfs_create_file("msix_vc", 0444, emu.dir, NULL, &tph_emu_msix_fops);
	debugfs_create_file_unsafe("reset_counters", 0200, emu.dir, NULL,
				   &tph_emu_reset_fops);
	debugfs_create_file_unsafe("fail_st_write", 0600, emu.dir, NULL,
				   &tph_emu_fail_fops);
	debugfs_create_file_unsafe("cap", 0444, emu.dir,
				   (void *)(uintptr_t)TPH_EMU_REG_CAP,
				   &tph_emu_reg_fops);
	debugfs_create_file_unsafe("ctrl", 0644, emu.dir,
				   (void *)(uintptr_t)TPH_EMU_REG_CTRL,
				   &tph_emu_ctrl_fops);
	debugfs_create_file_unsafe("d3hot_st_writes", 0444, emu.dir,
				   &emu.d3hot_st_writes, &tph_emu_u64_fops);
	debugfs_create_file("st_table", 0444, emu.dir, NULL,
			    &tph_emu_table_fops);
#ifdef CONFIG_ACPI
	debugfs_create_u32("dsm_uid", 0600, emu.dir, &emu.dsm_uid);
	debugfs_create_file_unsafe("dsm", 0444, emu.dir, NULL,
				   &tph_emu_dsm_fops);
	debugfs_create_file_unsafe("dsm_evals", 0444, emu.dir, "TPHC",
				   &tph_emu_acpi_counter_fops);
	debugfs_create_file_unsafe("dsm_queries", 0444, emu.dir, "TPHQ",
				   &tph_emu_acpi_counter_fops);
	debugfs_create_file_unsafe("first_invalid_uid", 0444, emu.dir, "TPHI",
				   &tph_emu_acpi_counter_fops);
#endif
}

static void tph_emu_set_ops(bool install)
{
	if (install) {
		if (emu.has_rp)
			emu.rp_orig = pci_bus_set_ops(emu.rp_bus, &emu.ops);
		emu.ep_orig = pci_bus_set_ops(emu.ep_bus, &emu.ops);
	} else {
		pci_bus_set_ops(emu.ep_bus, emu.ep_orig);
		if (emu.has_rp)
			pci_bus_set_ops(emu.rp_bus, emu.rp_orig);
	}
}

/* Re-enumerate the endpoint so the PCI core sees the current config space. */
static struct pci_dev *tph_emu_reenumerate(bool install)
{
	struct pci_dev *ep;

	pci_lock_rescan_remove();
	ep = pci_get_slot(emu.ep_bus, emu.ep_devfn);
	if (ep) {
		pci_stop_and_remove_bus_device(ep);
		pci_dev_put(ep);
	}
	tph_emu_set_ops(install);
	pci_rescan_bus(emu.ep_bus);
	ep = pci_get_slot(emu.ep_bus, emu.ep_devfn);
	pci_unlock_rescan_remove();
	return ep;
}

/* Last extended capability of ep, 0 if it has none; -1 on a bad list. */
static int tph_emu_last_ext_cap(struct pci_dev *ep)
{
	int at = TPH_EMU_EXT_FIRST, n;
	u32 hdr;

	pci_read_config_dword(ep, at, &hdr);
	if (!hdr || hdr == ~0U)
		return 0;
	for (n = 0; n < (4096 - TPH_EMU_EXT_FIRST) / 8; n++) {
		if (!PCI_EXT_CAP_NEXT(hdr))
			return at;
		at = PCI_EXT_CAP_NEXT(hdr);
		pci_read_config_dword(ep, at, &hdr);
	}
	return -1;
}

/* Last capability of ep's standard list (it has at least PCIe's). */
static int tph_emu_last_cap(struct pci_dev *ep)
{
	u8 at, next;
	int n;

	pci_read_config_byte(ep, PCI_CAPABILITY_LIST, &at);
	for (n = 0; n < 48 && at; n++) {
		pci_read_config_byte(ep, at + PCI_CAP_LIST_NEXT, &next);
		if (!next)
			return at;
		at = next;
	}
	return -1;
}

/* Are len bytes at where all zero (unused config space)? */
static bool tph_emu_free(struct pci_dev *ep, int where, int len)
{
	u8 b;
	int i;

	for (i = 0; i < len; i++) {
		pci_read_config_byte(ep, where + i, &b);
		if (b)
			return false;
	}
	return true;
}

/* Where the capabilities go: the free space and the list ends to patch. */
static int tph_emu_place(struct pci_dev *ep)
{
	int last = tph_emu_last_ext_cap(ep);

	if (cap_pos % 4 || cap_pos < TPH_EMU_EXT_FIRST ||
	    cap_pos + TPH_EMU_WINDOW > ep->cfg_size) {
		pci_err(ep, "tph_emu: bad pos 0x%x\n", cap_pos);
		return -EINVAL;
	}
	if (!absent && last < 0) {
		pci_err(ep, "tph_emu: broken extended capability list\n");
		return -EINVAL;
	}
	if (!absent && last && cap_pos == TPH_EMU_EXT_FIRST) {
		/* Splicing would hide the device's own capabilities. */
		pci_err(ep, "tph_emu: 0x100 holds a capability, give pos=\n");
		return -EBUSY;
	}
	if (!absent && !last && cap_pos != TPH_EMU_EXT_FIRST) {
		pci_err(ep, "tph_emu: no extended capability to append to, use pos=0x100\n");
		return -EINVAL;
	}
	if (!absent && cap_pos != TPH_EMU_EXT_FIRST &&
	    !tph_emu_free(ep, cap_pos, TPH_EMU_WINDOW)) {
		pci_err(ep, "tph_emu: config space at pos 0x%x is in use\n", cap_pos);
		return -EBUSY;
	}
	emu.ext_last = absent ? 0 : last;

	if (!af_pos)
		return 0;
	emu.cap_last = tph_emu_last_cap(ep);
	if (emu.cap_last <= 0 || af_pos % 4 || af_pos < PCI_STD_HEADER_SIZEOF ||
	    af_pos + TPH_EMU_AF_LEN > PCI_CFG_SPACE_SIZE ||
	    !tph_emu_free(ep, af_pos, TPH_EMU_AF_LEN)) {
		pci_err(ep, "tph_emu: cannot add an AF capability at 0x%x\n",
			af_pos);
		return -EBUSY;
	}
	return 0;
}

static int tph_emu_locate(struct pci_dev **epp)
{
	unsigned int dom, bus, dev, fn;
	struct pci_dev *ep, *rp;
	int ret = -ENODEV;

	if (sscanf(bdf, "%x:%x:%x.%x", &dom, &bus, &dev, &fn) != 4 ||
	    bus > 0xff || dev > 0x1f || fn > 7) {
		pr_err("tph_emu: bad bdf '%s'\n", bdf);
		return -EINVAL;
	}
	ep = pci_get_domain_bus_and_slot(dom, bus, PCI_DEVFN(dev, fn));
	if (!ep) {
		pr_err("tph_emu: no device %s\n", bdf);
		return -ENODEV;
	}
	if (!pci_is_pcie(ep)) {
		pci_err(ep, "tph_emu: not a PCIe device\n");
		goto err;
	}
	/* An RCiEP has no root port: nothing to patch there (6.17.1). */
	emu.has_rp = pci_pcie_type(ep) != PCI_EXP_TYPE_RC_END;
	rp = pcie_find_root_port(ep);
	if (emu.has_rp && (!rp || rp == ep || rp->bus == ep->bus)) {
		pci_err(ep, "tph_emu: needs an RCiEP or an endpoint below a root port\n");
		goto err;
	}
	if (ep->cfg_size <= TPH_EMU_EXT_FIRST) {
		pci_err(ep, "tph_emu: no extended config space (MMCONFIG?)\n");
		goto err;
	}
	ret = tph_emu_place(ep);
	if (ret)
		goto err;
	emu.ep_bus = ep->bus;
	emu.ep_devfn = ep->devfn;
	emu.ep_devctl = ep->pcie_cap + PCI_EXP_DEVCTL;
	if (emu.has_rp) {
		emu.rp_bus = rp->bus;
		emu.rp_devfn = rp->devfn;
		emu.rp_devcap2 = rp->pcie_cap + PCI_EXP_DEVCAP2;
	}
	*epp = ep;
	return 0;
err:
	pci_dev_put(ep);
	return ret;
}

/*
 * Map the MSI-X table once, for the D3hot check in the config write path
 * (which may not sleep). Without PM or MSI-X there is nothing to check.
 */
static void tph_emu_map_msix(struct pci_dev *ep)
{
	u32 table;
	u16 flags;

	emu.ep_pmcsr = ep->pm_cap ? ep->pm_cap + PCI_PM_CTRL : 0;
	if (!emu.ep_pmcsr || !ep->msix_cap)
		return;
	pci_read_config_word(ep, ep->msix_cap + PCI_MSIX_FLAGS, &flags);
	pci_read_config_dword(ep, ep->msix_cap + PCI_MSIX_TABLE, &table);
	emu.msix_n = (flags & PCI_MSIX_FLAGS_QSIZE) + 1;
	emu.d3_snap = kcalloc(emu.msix_n, sizeof(*emu.d3_snap), GFP_KERNEL);
	if (!emu.d3_snap)
		return;
	emu.msix_base = ioremap(pci_resource_start(ep, table & PCI_MSIX_TABLE_BIR) +
				(table & PCI_MSIX_TABLE_OFFSET),
				emu.msix_n * PCI_MSIX_ENTRY_SIZE);
}

static int __init tph_emu_init(void)
{
	struct pci_dev *ep;
	int ret;

	raw_spin_lock_init(&emu.lock);
	ret = tph_emu_locate(&ep);
	if (ret)
		return ret;
	ret = tph_emu_build(ep);
	if (ret) {
		pci_dev_put(ep);
		return ret;
	}
	if (ep->driver)
		pci_warn(ep, "tph_emu: unbinding %s for re-enumeration\n",
			 ep->driver->name);
	pci_dev_put(ep);

	emu.splice = !absent;
	emu.ops.read = tph_emu_read;
	emu.ops.write = tph_emu_write;
	ep = tph_emu_reenumerate(true);
	if (!ep) {
		pr_err("tph_emu: %s did not come back after rescan\n", bdf);
		tph_emu_reenumerate(false);
		return -ENODEV;
	}
	if (emu.splice && pci_find_ext_capability(ep, TPH_EMU_CAP_ID) != cap_pos) {
		pci_err(ep, "tph_emu: capability not found after rescan\n");
		pci_dev_put(ep);
		pci_dev_put(tph_emu_reenumerate(false));
		return -EIO;
	}
	pci_info(ep, "tph_emu: %s at 0x%x, modes 0x%x, ST %s x%u%s, completer %s%s%s\n",
		 emu.splice ? "TPH Requester" : "no TPH capability", cap_pos,
		 modes, st_loc, emu.entries, ext_req ? ", extended" : "",
		 emu.has_rp ? completer : "(RCiEP)",
		 af_pos ? ", AF capability" : "",
		 fw_enabled ? ", left enabled" : "");
	tph_emu_map_msix(ep);
	pci_dev_put(ep);
	tph_emu_debugfs_init();
	return 0;
}

static void __exit tph_emu_exit(void)
{
	debugfs_remove_recursive(emu.dir);
	pci_dev_put(tph_emu_reenumerate(false));
	if (emu.msix_base)
		iounmap(emu.msix_base);
	kfree(emu.d3_snap);
}

module_init(tph_emu_init);
module_exit(tph_emu_exit);

MODULE_DESCRIPTION("Test-only PCIe TPH Requester emulation for QEMU guests");
MODULE_AUTHOR("The dpdk-tph authors");
MODULE_LICENSE("GPL");
