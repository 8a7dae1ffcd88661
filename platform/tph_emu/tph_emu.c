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
#define TPH_EMU_POS		0x100	/* first extended capability */
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
#define TPH_EMU_MAX_CAP_ST	64	/* 7.9.13.2: at most 64 entries in the capability */
#define TPH_EMU_MAX_ST		2048	/* 11-bit ST Table Size field */
#define TPH_EMU_WINDOW		(TPH_EMU_REG_TABLE + 2 * TPH_EMU_MAX_CAP_ST)

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
MODULE_PARM_DESC(flr_keeps_state, "FLR leaves control and ST table alone, so only software cleans up");

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
	u64 flrs;
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
	return where >= TPH_EMU_POS && where < TPH_EMU_POS + emu.window;
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
	unsigned int off = where - TPH_EMU_POS;
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

static int tph_emu_cap_write(int where, int size, u32 val)
{
	unsigned int off = where - TPH_EMU_POS;
	unsigned long flags;
	int ret = PCIBIOS_SUCCESSFUL;
	int i;

	raw_spin_lock_irqsave(&emu.lock, flags);
	emu.writes++;
	if (emu.loc == TPH_EMU_LOC_CAP && off >= TPH_EMU_REG_TABLE &&
	    off < emu.cap_len && emu.fail_st_write) {
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

/* Function Level Reset returns the requester to its power-on state. */
static void tph_emu_check_flr(int where, int size, u32 val)
{
	int hi = emu.ep_devctl + 1;	/* byte holding bit 15, BCR/FLR */
	unsigned long flags;

	if (!emu.ep_devctl || !tph_emu_covers(where, size, hi))
		return;
	if (!((val >> (8 * (hi - where))) & (PCI_EXP_DEVCTL_BCR_FLR >> 8)))
		return;
	raw_spin_lock_irqsave(&emu.lock, flags);
	emu.flrs++;
	if (!flr_keeps_state)
		memset(emu.image + TPH_EMU_REG_CTRL, 0,
		       emu.window - TPH_EMU_REG_CTRL);
	raw_spin_unlock_irqrestore(&emu.lock, flags);
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
	int ret;

	if (tph_emu_is_ep(bus, devfn) && tph_emu_in_window(where))
		return tph_emu_cap_read(where, size, val);

	ret = tph_emu_orig(bus)->read(bus, devfn, where, size, val);
	if (ret == PCIBIOS_SUCCESSFUL && bus == emu.rp_bus &&
	    devfn == emu.rp_devfn)
		tph_emu_patch_devcap2(where, size, val);
	return ret;
}

static int tph_emu_write(struct pci_bus *bus, unsigned int devfn, int where,
			 int size, u32 val)
{
	if (tph_emu_is_ep(bus, devfn)) {
		if (tph_emu_in_window(where))
			return tph_emu_cap_write(where, size, val);
		tph_emu_check_flr(where, size, val);
	}
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
	debugfs_create_file_unsafe("reset_counters", 0200, emu.dir, NULL,
				   &tph_emu_reset_fops);
	debugfs_create_file_unsafe("fail_st_write", 0600, emu.dir, NULL,
				   &tph_emu_fail_fops);
	debugfs_create_file_unsafe("cap", 0444, emu.dir,
				   (void *)(uintptr_t)TPH_EMU_REG_CAP,
				   &tph_emu_reg_fops);
	debugfs_create_file_unsafe("ctrl", 0444, emu.dir,
				   (void *)(uintptr_t)TPH_EMU_REG_CTRL,
				   &tph_emu_reg_fops);
	debugfs_create_file("st_table", 0444, emu.dir, NULL,
			    &tph_emu_table_fops);
#ifdef CONFIG_ACPI
	debugfs_create_u32("dsm_uid", 0600, emu.dir, &emu.dsm_uid);
	debugfs_create_file_unsafe("dsm", 0444, emu.dir, NULL,
				   &tph_emu_dsm_fops);
#endif
}

static void tph_emu_set_ops(bool install)
{
	if (install) {
		emu.rp_orig = pci_bus_set_ops(emu.rp_bus, &emu.ops);
		emu.ep_orig = pci_bus_set_ops(emu.ep_bus, &emu.ops);
	} else {
		pci_bus_set_ops(emu.ep_bus, emu.ep_orig);
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

static int tph_emu_locate(struct pci_dev **epp)
{
	unsigned int dom, bus, dev, fn;
	struct pci_dev *ep, *rp;
	u32 hdr;

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
	rp = pcie_find_root_port(ep);
	if (!rp || rp == ep || !pci_is_pcie(ep) || rp->bus == ep->bus) {
		pci_err(ep, "tph_emu: needs a PCIe endpoint below a root port\n");
		goto err;
	}
	if (ep->cfg_size <= TPH_EMU_POS) {
		pci_err(ep, "tph_emu: no extended config space (MMCONFIG?)\n");
		goto err;
	}
	pci_read_config_dword(ep, TPH_EMU_POS, &hdr);
	if (!absent && hdr && hdr != ~0U) {
		/* Splicing would hide the device's own capabilities. */
		pci_err(ep, "tph_emu: 0x100 already holds capability 0x%08x\n",
			hdr);
		goto err;
	}
	emu.ep_bus = ep->bus;
	emu.ep_devfn = ep->devfn;
	emu.ep_devctl = ep->pcie_cap + PCI_EXP_DEVCTL;
	emu.rp_bus = rp->bus;
	emu.rp_devfn = rp->devfn;
	emu.rp_devcap2 = rp->pcie_cap + PCI_EXP_DEVCAP2;
	*epp = ep;
	return 0;
err:
	pci_dev_put(ep);
	return -ENODEV;
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
	if (emu.splice &&
	    pci_find_ext_capability(ep, TPH_EMU_CAP_ID) != TPH_EMU_POS) {
		pci_err(ep, "tph_emu: capability not found after rescan\n");
		pci_dev_put(ep);
		pci_dev_put(tph_emu_reenumerate(false));
		return -EIO;
	}
	pci_info(ep, "tph_emu: %s, modes 0x%x, ST %s x%u%s, completer %s\n",
		 emu.splice ? "TPH Requester at 0x100" : "no TPH capability",
		 modes, st_loc, emu.entries, ext_req ? ", extended" : "",
		 completer);
	pci_dev_put(ep);
	tph_emu_debugfs_init();
	return 0;
}

static void __exit tph_emu_exit(void)
{
	debugfs_remove_recursive(emu.dir);
	pci_dev_put(tph_emu_reenumerate(false));
}

module_init(tph_emu_init);
module_exit(tph_emu_exit);

MODULE_DESCRIPTION("Test-only PCIe TPH Requester emulation for QEMU guests");
MODULE_AUTHOR("The dpdk-tph authors");
MODULE_LICENSE("GPL");
