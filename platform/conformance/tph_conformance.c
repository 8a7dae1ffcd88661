/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Conformance suite for VFIO_DEVICE_PCI_TPH (shared/docs/tph-uapi.md), run
 * in the emulated guest on the vfio device fd of the NIC.  The device
 * state is checked where the device keeps it: tph_emu's copy of the
 * capability (debugfs) or the MSI-X table (through the BAR), and every
 * tag against the one the test SSDT gives that CPU and memory type.
 *
 * Usage: tph_conformance SCENARIO [CASE]
 *   SCENARIO names the guest configuration the harness booted and is
 *   checked against what the guest reports: cap, msix, msix-small,
 *   ds-off, ds-on, no-table, no-completer, fw-on, rciep, uid-map, notph,
 *   absent, enotty (kernel without the ioctl).
 *
 * Environment: TPH_NIC names the device (default 0000:01:00.0);
 * TPH_PENDING=1 also runs the cases that need kernel fixes still under
 * review (issue 9).
 *
 * After every case that passed, tph_emu must have seen no ST entry
 * written while the requester was enabled (PCIe r6.x 6.17.3) and no
 * Control write with the reserved Requester Enable encoding 10b.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tph_guest.h"
#include "tph_test.h"
#include "tph_vfio.h"

#define VM VFIO_PCI_TPH_MEM_TYPE_VM
#define PM VFIO_PCI_TPH_MEM_TYPE_PM
#define HDR_SZ 8u
#define ENT_SZ ((uint32_t)sizeof(struct vfio_pci_tph_entry))

static struct tph_dev dev;
static unsigned int tag_cpus[TPH_MAX_CPUS];	/* online CPUs with a tag */
static unsigned int n_tag_cpus;

/* ---- predicates -------------------------------------------------------- */

static bool
tph_on(const struct tph_env *env)
{
	return env->emu && !env->absent && !env->notph;
}

/* A requester that can be enabled: a completer above it, or an RCiEP. */
static bool
can_enable(const struct tph_env *env)
{
	return tph_on(env) && (env->rciep || env->completer != 0);
}

static bool
has_table(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return can_enable(env) && (env->modes & 0x2) &&
	       (env->loc == TPH_LOC_CAP || env->loc == TPH_LOC_MSIX);
}

/* What GET_CAP reports: an IV-capable requester with an ST table. */
static bool
reports_table(const struct tph_env *env)
{
	return tph_on(env) && (env->modes & 0x2) &&
	       (env->loc == TPH_LOC_CAP || env->loc == TPH_LOC_MSIX);
}

static bool
has_cap_table(const struct tph_env *env, const void *arg)
{
	return has_table(env, arg) && env->loc == TPH_LOC_CAP;
}

static bool
has_table_and_cpus(const struct tph_env *env, const void *arg)
{
	return has_table(env, arg) && n_tag_cpus >= 3;
}

static bool
has_table_and_tagless_cpu(const struct tph_env *env, const void *arg)
{
	int cpu = tph_cpu_without_tag(env);

	return has_table(env, arg) && cpu >= 0 &&
	       (unsigned int)cpu < env->ncpus_online && n_tag_cpus >= 2;
}

static bool
cap_table_and_cpus(const struct tph_env *env, const void *arg)
{
	return has_table_and_cpus(env, arg) && env->loc == TPH_LOC_CAP;
}

static bool
batch_measurable(const struct tph_env *env, const void *arg)
{
	return has_cap_table(env, arg) && env->entries >= 64;
}

static bool
ds_capable(const struct tph_env *env)
{
	return can_enable(env) && (env->modes & 0x4);
}

static bool
ds_refused(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return ds_capable(env) && !env->ds_param;
}

static bool
ds_allowed(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return ds_capable(env) && env->ds_param && n_tag_cpus >= 2;
}

static bool
ds_allowed_with_table(const struct tph_env *env, const void *arg)
{
	return ds_allowed(env, arg) && has_table(env, arg);
}

static bool
ds_only(const struct tph_env *env, const void *arg)
{
	return ds_allowed(env, arg) && !(env->modes & 0x2);
}

static bool
any_tph(const struct tph_env *env, const void *arg)
{
	return has_table(env, arg) || ds_allowed(env, arg);
}

static bool
no_tph(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return env->emu && (env->absent || env->notph);
}

/* ---- helpers ----------------------------------------------------------- */

/*
 * Set tph_emu's Control register behind the kernel's back, as firmware
 * or a config write that slipped through would.
 */
#define EMU_CTRL "/sys/kernel/debug/tph_emu/ctrl"

static int
emu_set_ctrl(uint32_t ctrl)
{
	char v[16];

	snprintf(v, sizeof(v), "0x%x", ctrl);
	if (tph_write_attr(EMU_CTRL, v) != 0)
		return TPH_FAIL("cannot write " EMU_CTRL);
	return 0;
}

/* Requester disabled and table clear. */
static int
check_cleared(const struct tph_env *env, const char *what)
{
	struct tph_state s;
	unsigned int i;

	TPH_TRY(tph_state_read(env, &dev, &s));
	if (s.ctrl & TPH_CTRL_EN_MASK)
		return TPH_FAIL("after %s TPH is enabled (ctrl 0x%08x)", what,
				s.ctrl);
	for (i = 0; i < s.n; i++)
		if (tph_state_tag(env, &s, i) != 0)
			return TPH_FAIL("after %s ST entry %u = 0x%04x", what, i,
					tph_state_tag(env, &s, i));
	return 0;
}

/* A fresh device fd; a new open must find TPH off and the table clean. */
static int
fresh(const struct tph_env *env)
{
	int ret = tph_dev_reopen(&dev);

	if (ret != 0)
		return TPH_FAIL("reopening the device: %s", strerror(-ret));
	if (!env->emu)
		return 0;
	return check_cleared(env, "a new open");
}

/* The Control register holds what ENABLE in mode sets. */
static int
check_ctrl(const struct tph_env *env, uint8_t mode)
{
	struct tph_state s;

	TPH_TRY(tph_state_read(env, &dev, &s));
	TPH_CHECK_EQ(s.ctrl, tph_expected_ctrl(env, mode));
	return 0;
}

/* The requester is disabled. */
static int
check_requester_off(const struct tph_env *env)
{
	struct tph_state s;

	TPH_TRY(tph_state_read(env, &dev, &s));
	TPH_CHECK_EQ(s.ctrl & TPH_CTRL_EN_MASK, 0);
	return 0;
}

/* Enable MSI-X, which an ST table in the MSI-X table needs mapped. */
static int
msix_on(void)
{
	int ret = tph_msix_enable(&dev);

	if (ret != 0)
		return TPH_FAIL("enabling MSI-X: %s", strerror(-ret));
	return 0;
}

/* A fresh fd, then ENABLE in mode: accepted, Control register as expected. */
static int
fresh_enable(const struct tph_env *env, uint8_t mode)
{
	TPH_TRY(fresh(env));
	TPH_CHECK_EQ(tph_enable(&dev, mode), 0);
	return check_ctrl(env, mode);
}

/* Enable Interrupt Vector mode (MSI-X vectors first for the MSI-X table). */
static int
prep_iv(const struct tph_env *env)
{
	int ret;

	TPH_TRY(fresh(env));
	if (env->loc == TPH_LOC_MSIX)
		TPH_TRY(msix_on());
	ret = tph_enable(&dev, VFIO_PCI_TPH_MODE_IV);
	if (ret != 0)
		return TPH_FAIL("ENABLE IV: %s", strerror(-ret));
	return 0;
}

/* Fill a SET_ST/GET_ST entry. */
static void
ent_set(struct vfio_device_pci_tph_op *op, unsigned int i, uint32_t cpu,
	uint8_t mem, uint16_t index)
{
	op->st.ents[i].cpu = cpu;
	op->st.ents[i].mem_type = mem;
	op->st.ents[i].index = index;
}

/* SET_ST of n entries: index i <- tag_cpus[(i + shift) % n], mem. */
static int
program(const struct tph_env *env, unsigned int n, unsigned int shift,
	uint8_t mem)
{
	struct vfio_device_pci_tph_op *op = tph_op_new(VFIO_PCI_TPH_SET_ST,
						       n, 0);
	unsigned int i;
	int ret;

	(void)env;
	for (i = 0; i < n; i++)
		ent_set(op, i, tag_cpus[(i + shift) % n_tag_cpus], mem, i);
	ret = tph_ioctl(dev.fd, op);
	free(op);
	if (ret != 0)
		return TPH_FAIL("SET_ST of %u entries: %s", n, strerror(-ret));
	return 0;
}

/* IV enabled and entries [0, n) programmed by program(n, shift, mem). */
static int
prep_iv_programmed(const struct tph_env *env, unsigned int n,
		   unsigned int shift, uint8_t mem)
{
	TPH_TRY(prep_iv(env));
	return program(env, n, shift, mem);
}

/* Check entries [0, n) hold what program(n, shift, mem) wrote, rest 0. */
static int
check_programmed(const struct tph_env *env, unsigned int n,
		 unsigned int shift, uint8_t mem)
{
	struct tph_state s;
	unsigned int i;
	uint16_t want;

	TPH_TRY(tph_state_read(env, &dev, &s));
	/* MSI-X: entries past the usable size must stay untouched (0). */
	if (s.n != (env->loc == TPH_LOC_MSIX ? env->msix_n : env->entries))
		return TPH_FAIL("table shows %u entries, device has %u", s.n,
				env->entries);
	for (i = 0; i < s.n; i++) {
		unsigned int cpu = tag_cpus[(i + shift) % n_tag_cpus];

		want = 0;
		if (i < n && !tph_expected_tag(env, cpu, mem, &want))
			return TPH_FAIL("CPU %u has no tag", cpu);
		if (tph_state_tag(env, &s, i) != want)
			return TPH_FAIL("ST entry %u = 0x%04x, expected 0x%04x (CPU %u, %s)",
					i, tph_state_tag(env, &s, i), want, cpu,
					mem == VM ? "volatile" : "persistent");
	}
	return 0;
}

/* Baseline for "nothing changed" checks: enabled, some entries set. */
static int
prep_baseline(const struct tph_env *env)
{
	unsigned int n;

	if (has_table(env, NULL)) {
		n = env->entries < 4 ? env->entries : 4;
		return prep_iv_programmed(env, n, 0, VM);
	}
	TPH_TRY(fresh(env));
	if (ds_allowed(env, NULL) && tph_enable(&dev, VFIO_PCI_TPH_MODE_DS))
		return TPH_FAIL("ENABLE DS failed");
	return 0;
}

/*
 * Issue op, expect failure with want_errno (0: any errno) and no change of
 * the control register or the table; with no_writes also no config write
 * at all (the kernel validated before touching the device).
 */
static int
expect_rejected(const struct tph_env *env, struct vfio_device_pci_tph_op *op,
		int want_errno, bool no_writes, const char *what)
{
	static struct tph_state before, after;
	int ret;

	TPH_TRY(tph_state_read(env, &dev, &before));
	ret = tph_ioctl(dev.fd, op);
	TPH_TRY(tph_state_read(env, &dev, &after));
	if (ret == 0)
		return TPH_FAIL("%s: accepted, expected %s", what,
				want_errno ? strerror(want_errno) : "an error");
	if (want_errno != 0 && ret != -want_errno)
		return TPH_FAIL("%s: got %s, expected %s", what,
				strerror(-ret), strerror(want_errno));
	TPH_TRY(tph_state_same(env, &before, &after, what));
	if (no_writes && after.writes != before.writes)
		return TPH_FAIL("%s: rejected but made %llu config writes",
				what, (unsigned long long)(after.writes -
							   before.writes));
	return 0;
}

/* ENABLE in mode must fail with want_errno and leave the device alone. */
static int
expect_enable_rejected(const struct tph_env *env, uint8_t mode,
		       int want_errno, const char *what)
{
	struct vfio_device_pci_tph_op *op = tph_op_new(VFIO_PCI_TPH_ENABLE,
						       0, 0);
	int ret;

	op->ctrl.mode = mode;
	ret = expect_rejected(env, op, want_errno, true, what);
	free(op);
	return ret;
}

/*
 * SET_ST or GET_ST (type) of one entry, cpu and mem at index 0, must fail
 * with want_errno and leave the device alone.
 */
static int
expect_entry_rejected(const struct tph_env *env, uint32_t type,
		      uint32_t cpu, uint8_t mem, int want_errno,
		      const char *what)
{
	struct vfio_device_pci_tph_op *op = tph_op_new(type, 1, 0);
	int ret;

	ent_set(op, 0, cpu, mem, 0);
	ret = expect_rejected(env, op, want_errno, true, what);
	free(op);
	return ret;
}

/* ---- the platform itself ---------------------------------------------- */

/* The SSDT answers what the suite expects for every CPU's UID. */
static int
case_firmware_tags(const struct tph_env *env, const void *arg)
{
	unsigned int cpu;

	(void)arg;
	for (cpu = 0; cpu < env->ncpus_online; cpu++) {
		uint32_t uid = env->uid[cpu];
		uint64_t got, want = 0;
		int ret = tph_emu_dsm(uid, &got);

		if (ret != 0)
			return TPH_FAIL("_DSM for UID %u: %s", uid,
					strerror(-ret));
		if (uid < env->first_invalid_uid)
			want = (0x3ULL | (0x10ULL + uid) << 8 |
				(0x1100ULL + uid) << 16) |
			       (0x3ULL | (0x20ULL + uid) << 8 |
				(0x2200ULL + uid) << 16) << 32;
		if (got != want)
			return TPH_FAIL("_DSM for CPU %u (UID %u) = 0x%016llx, expected 0x%016llx",
					cpu, uid, (unsigned long long)got,
					(unsigned long long)want);
	}
	return 0;
}

static bool
emu_loaded(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return env->emu;
}

/* ---- happy paths ------------------------------------------------------- */

static int
case_get_cap(const struct tph_env *env, const void *arg)
{
	struct vfio_pci_tph_cap cap;
	unsigned int want = 0;
	int ret;

	(void)arg;
	TPH_TRY(fresh(env));
	memset(&cap, 0xa5, sizeof(cap));
	ret = tph_get_cap(&dev, &cap);
	TPH_CHECK_EQ(ret, 0);
	/* Reported even when no completer lets ENABLE succeed. */
	if (reports_table(env))
		want |= VFIO_PCI_TPH_MODE_IV;
	TPH_CHECK_EQ(cap.supported_modes & VFIO_PCI_TPH_MODE_IV, want);
	if (env->ds_param && ds_capable(env))
		TPH_CHECK_EQ(cap.supported_modes & VFIO_PCI_TPH_MODE_DS,
			     VFIO_PCI_TPH_MODE_DS);
	if (!(tph_on(env) && (env->modes & 0x4)))
		TPH_CHECK_EQ(cap.supported_modes & VFIO_PCI_TPH_MODE_DS, 0);
	TPH_CHECK_EQ(cap.supported_modes & ~3u, 0);
	TPH_CHECK_EQ(cap.st_table_sz, reports_table(env) ? env->entries : 0);
	TPH_CHECK_EQ(cap.reserved0, 0);
	TPH_CHECK_EQ(cap.reserved, 0);
	return 0;
}

static int
case_enable_iv(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(prep_iv(env));
	TPH_TRY(check_ctrl(env, VFIO_PCI_TPH_MODE_IV));
	/* Same mode again is not an error and changes nothing. */
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	TPH_TRY(check_ctrl(env, VFIO_PCI_TPH_MODE_IV));
	return 0;
}

static int
case_disable(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(prep_iv(env));
	TPH_CHECK_EQ(tph_disable(&dev), 0);
	TPH_TRY(check_requester_off(env));
	/* Enabling again works after a disable. */
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	TPH_TRY(check_ctrl(env, VFIO_PCI_TPH_MODE_IV));
	return 0;
}

static int
case_set_st_tags(const struct tph_env *env, const void *arg)
{
	unsigned int n = env->entries < 16 ? env->entries : 16;
	uint32_t vc_before[TPH_MAX_ST];
	struct tph_state s;
	unsigned int i;

	(void)arg;
	TPH_TRY(prep_iv(env));
	TPH_TRY(tph_state_read(env, &dev, &s));
	for (i = 0; i < s.n; i++)
		vc_before[i] = s.ent[i];
	TPH_TRY(program(env, n, 0, VM));
	TPH_TRY(check_programmed(env, n, 0, VM));
	TPH_TRY(program(env, n, 1, PM));
	TPH_TRY(check_programmed(env, n, 1, PM));
	TPH_TRY(tph_state_read(env, &dev, &s));
	TPH_CHECK_EQ(s.ctrl, tph_expected_ctrl(env, VFIO_PCI_TPH_MODE_IV));
	if (env->loc == TPH_LOC_MSIX) {
		/* The tag shares the dword with the vector's mask bit. */
		for (i = 0; i < s.n; i++)
			if ((s.ent[i] & 0xffff) != (vc_before[i] & 0xffff))
				return TPH_FAIL("MSI-X entry %u Vector Control low bits 0x%x became 0x%x",
						i, vc_before[i] & 0xffff,
						s.ent[i] & 0xffff);
	}
	return 0;
}

static int
case_set_st_full_table(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(prep_iv_programmed(env, env->entries, 2, PM));
	return check_programmed(env, env->entries, 2, PM);
}

static int
case_set_st_clear(const struct tph_env *env, const void *arg)
{
	struct vfio_device_pci_tph_op *op;
	unsigned int last = env->entries - 1;
	struct tph_state s;
	uint16_t want;
	int ret;

	(void)arg;
	TPH_TRY(prep_iv_programmed(env, 2, 0, VM));
	TPH_CHECK_EQ(tph_set_one(&dev, tag_cpus[1], PM, last), 0);
	op = tph_op_new(VFIO_PCI_TPH_SET_ST, 2, 0);
	ent_set(op, 0, VFIO_PCI_TPH_CPU_CLEAR, VM, 0);
	ent_set(op, 1, VFIO_PCI_TPH_CPU_CLEAR, PM, last);
	ret = tph_ioctl(dev.fd, op);
	free(op);
	TPH_CHECK_EQ(ret, 0);
	TPH_TRY(tph_state_read(env, &dev, &s));
	TPH_CHECK_EQ(tph_state_tag(env, &s, 0), 0);
	TPH_CHECK_EQ(tph_state_tag(env, &s, last), 0);
	tph_expected_tag(env, tag_cpus[1], VM, &want);
	TPH_CHECK_EQ(tph_state_tag(env, &s, 1), want);
	return 0;
}

/* argsz larger than needed: the kernel must not touch the extra bytes. */
static int
case_argsz_larger(const struct tph_env *env, const void *arg)
{
	const size_t extra = 256;
	struct vfio_device_pci_tph_op *op;
	unsigned char *tail;
	size_t i, need;
	int ret;

	(void)arg;
	TPH_TRY(prep_iv(env));
	op = tph_op_new(VFIO_PCI_TPH_GET_CAP, 0, extra);
	need = tph_op_size(VFIO_PCI_TPH_GET_CAP, 0);
	tail = (unsigned char *)op + need;
	memset(tail, 0x5a, extra);
	op->argsz = need + extra;
	ret = tph_ioctl(dev.fd, op);
	for (i = 0; i < extra && tail[i] == 0x5a; i++)
		;
	free(op);
	TPH_CHECK_EQ(ret, 0);
	TPH_CHECK(i == extra, "GET_CAP wrote byte %zu past what it needs", i);

	/* SET_ST: garbage entries past count must be ignored. */
	op = tph_op_new(VFIO_PCI_TPH_SET_ST, 2, 0);
	ent_set(op, 0, tag_cpus[0], VM, 0);
	ent_set(op, 1, 0xfffffffe, 9, 0xffff);
	op->st.ents[1].reserved1 = 0xffff;
	op->st.count = 1;
	ret = tph_ioctl(dev.fd, op);
	free(op);
	TPH_CHECK_EQ(ret, 0);
	return check_programmed(env, 1, 0, VM);
}

/* TPH capability offset in the device's extended config space. */
static unsigned int
tph_cap_pos(void)
{
	unsigned int pos = 0x100, guard = 64;
	uint32_t hdr;

	/* PCIe r6.x 7.6.3: ID bits 15:0, next offset bits 31:20. */
	while (pos >= 0x100 && guard-- &&
	       tph_cfg_read(&dev, pos, &hdr, 4) == 0 && hdr != 0) {
		if ((hdr & 0xffff) == 0x17)
			return pos;
		pos = hdr >> 20;
	}
	return 0;
}

/* Write v (width 1, 2 or 4) at every byte offset of [from, to). */
static void
cfg_scribble(unsigned int from, unsigned int to, unsigned int width)
{
	uint32_t v = 0xa5a5a5a5u;
	unsigned int off;

	for (off = from; off + width <= to; off += width)
		tph_cfg_write(&dev, off, &v, width);
}

/*
 * Every TPH register through the config region: header, capability,
 * control and each ST entry, written at every width: nothing reaches the
 * device (no config write at all), so the ioctl stays the only way in.
 */
static int
case_config_region_writes(const struct tph_env *env, const void *arg)
{
	static const unsigned int widths[] = { 1, 2, 4 };
	struct tph_state before, after;
	unsigned int pos, end, i;
	uint32_t hdr, cap;

	(void)arg;
	TPH_TRY(prep_iv_programmed(env, 2, 0, PM));
	pos = tph_cap_pos();
	TPH_CHECK(pos != 0, "TPH capability not in the config region");
	TPH_CHECK_EQ(tph_cfg_read(&dev, pos, &hdr, 4), 0);
	TPH_CHECK_EQ(hdr & 0xffff, 0x17);
	TPH_CHECK_EQ(tph_cfg_read(&dev, pos + 4, &cap, 4), 0);
	TPH_CHECK_EQ((cap >> 16 & 0x7ff) + 1, env->st_field);
	TPH_CHECK_EQ((cap >> 9) & 3, env->loc);
	end = pos + 0xc + (env->loc == TPH_LOC_CAP ? 2 * env->entries : 0);
	TPH_TRY(tph_state_read(env, &dev, &before));
	for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		cfg_scribble(pos, end, widths[i]);
	TPH_TRY(tph_state_read(env, &dev, &after));
	TPH_TRY(tph_state_same(env, &before, &after,
			       "writes through the config region"));
	TPH_CHECK(after.writes == before.writes,
		  "%llu config writes reached the TPH capability",
		  (unsigned long long)(after.writes - before.writes));
	TPH_CHECK_EQ(tph_cfg_read(&dev, pos + 4, &cap, 4), 0);
	TPH_CHECK_EQ((cap >> 16 & 0x7ff) + 1, env->st_field);
	return 0;
}

/*
 * No read of the config region shows a raw tag (with or without the
 * opt-in): ST entries read 0; Capability and Control, which carry no
 * tag, read as the device has them (vfio/pci "Hide TPH Steering Tags in
 * config space").
 */
static int
case_config_region_no_raw_tag(const struct tph_env *env, const void *arg)
{
	struct tph_state s;
	unsigned int pos, i;
	uint32_t cap, ctrl;
	uint16_t ent, b;

	(void)arg;
	TPH_TRY(prep_iv_programmed(env, env->entries, 1, PM));
	pos = tph_cap_pos();
	TPH_CHECK(pos != 0, "TPH capability not in the config region");
	TPH_TRY(tph_state_read(env, &dev, &s));
	TPH_CHECK_EQ(tph_cfg_read(&dev, pos + 8, &ctrl, 4), 0);
	TPH_CHECK_EQ(ctrl, s.ctrl);
	TPH_CHECK_EQ(tph_cfg_read(&dev, pos + 4, &cap, 4), 0);
	TPH_CHECK_EQ(cap & 0x07ff0707, (env->modes | env->ext_req << 8 |
				     env->loc << 9 |
				     (env->st_field - 1) << 16) & 0x07ff0707);
	for (i = 0; i < env->entries; i++) {
		TPH_CHECK_EQ(tph_cfg_read(&dev, pos + 0xc + 2 * i, &ent, 2), 0);
		TPH_CHECK(ent == 0, "ST entry %u reads 0x%04x through the config region",
			  i, ent);
		b = 0;
		TPH_CHECK_EQ(tph_cfg_read(&dev, pos + 0xc + 2 * i + 1, &b, 1), 0);
		TPH_CHECK(b == 0, "ST entry %u upper byte reads 0x%02x", i, b);
	}
	return 0;
}

static bool
config_region_applies(const struct tph_env *env, const void *arg)
{
	return has_table_and_cpus(env, arg);
}

static bool
no_raw_tag_applies(const struct tph_env *env, const void *arg)
{
	return has_table_and_cpus(env, arg) && env->loc == TPH_LOC_CAP;
}

/* ---- bad input matrix -------------------------------------------------- */

enum bad_kind {
	BAD_ARGSZ,	/* argsz = needed + value */
	BAD_OP,		/* op = value */
	BAD_MODE,	/* ctrl.mode = value */
	BAD_CTRL_RSVD,	/* ctrl.reserved[at] = value */
	BAD_ST_RSVD,	/* st.reserved = value */
	BAD_COUNT,	/* st.count = value, argsz covers it when possible */
	BAD_COUNT_RAW,	/* st.count = value, argsz for the real entries */
	BAD_MEM,	/* ents[at].mem_type = value */
	BAD_RSVD0,	/* ents[at].reserved0 = value */
	BAD_RSVD1,	/* ents[at].reserved1 = value */
	BAD_INDEX,	/* ents[at].index = value */
	BAD_CPU,	/* ents[at].cpu = value */
};

#define VAL_ENTRIES (-1000)	/* the device's table size */
#define VAL_NR_CPUS (-1001)	/* nr_cpu_ids */

struct bad_input {
	const char *name;
	uint32_t op;
	uint32_t count;		/* entries in the buffer (valid by default) */
	enum bad_kind kind;
	long long value;
	unsigned int at;
};

static const struct bad_input bad_inputs[] = {
	{ "bad_get_cap_argsz_short", VFIO_PCI_TPH_GET_CAP, 0, BAD_ARGSZ, -1, 0 },
	{ "bad_get_cap_argsz_zero", VFIO_PCI_TPH_GET_CAP, 0, BAD_ARGSZ, -16, 0 },
	{ "bad_enable_argsz_short", VFIO_PCI_TPH_ENABLE, 0, BAD_ARGSZ, -1, 0 },
	{ "bad_disable_argsz_short", VFIO_PCI_TPH_DISABLE, 0, BAD_ARGSZ, -1, 0 },
	{ "bad_set_st_argsz_no_body", VFIO_PCI_TPH_SET_ST, 1, BAD_ARGSZ, -13, 0 },
	{ "bad_set_st_argsz_body_short", VFIO_PCI_TPH_SET_ST, 1, BAD_ARGSZ, -(ENT_SZ + 1), 0 },
	{ "bad_set_st_argsz_entry_short", VFIO_PCI_TPH_SET_ST, 1, BAD_ARGSZ, -1, 0 },
	{ "bad_set_st_argsz_last_entry_short", VFIO_PCI_TPH_SET_ST, 3, BAD_ARGSZ, -1, 0 },
	{ "bad_op_5", 5, 0, BAD_OP, 5, 0 },
	{ "bad_op_all_ones", 5, 0, BAD_OP, 0xffffffffLL, 0 },
	{ "bad_enable_mode_0", VFIO_PCI_TPH_ENABLE, 0, BAD_MODE, 0, 0 },
	{ "bad_enable_mode_3", VFIO_PCI_TPH_ENABLE, 0, BAD_MODE, 3, 0 },
	{ "bad_enable_mode_4", VFIO_PCI_TPH_ENABLE, 0, BAD_MODE, 4, 0 },
	{ "bad_enable_mode_0x81", VFIO_PCI_TPH_ENABLE, 0, BAD_MODE, 0x81, 0 },
	{ "bad_enable_reserved_first", VFIO_PCI_TPH_ENABLE, 0, BAD_CTRL_RSVD, 1, 0 },
	{ "bad_enable_reserved_last", VFIO_PCI_TPH_ENABLE, 0, BAD_CTRL_RSVD, 0x80, 6 },
	{ "bad_set_st_reserved", VFIO_PCI_TPH_SET_ST, 1, BAD_ST_RSVD, 1, 0 },
	{ "bad_set_st_count_0", VFIO_PCI_TPH_SET_ST, 1, BAD_COUNT, 0, 0 },
	{ "bad_set_st_count_2049", VFIO_PCI_TPH_SET_ST, 2049, BAD_COUNT, 2049, 0 },
	{ "bad_set_st_count_huge", VFIO_PCI_TPH_SET_ST, 1, BAD_COUNT_RAW, 0xffffffffLL, 0 },
	{ "bad_set_st_mem_type_2", VFIO_PCI_TPH_SET_ST, 1, BAD_MEM, 2, 0 },
	{ "bad_set_st_mem_type_255", VFIO_PCI_TPH_SET_ST, 1, BAD_MEM, 255, 0 },
	{ "bad_set_st_entry_reserved0", VFIO_PCI_TPH_SET_ST, 1, BAD_RSVD0, 1, 0 },
	{ "bad_set_st_entry_reserved1", VFIO_PCI_TPH_SET_ST, 1, BAD_RSVD1, 0x8000, 0 },
	{ "bad_set_st_index_table_size", VFIO_PCI_TPH_SET_ST, 1, BAD_INDEX, VAL_ENTRIES, 0 },
	{ "bad_set_st_index_ffff", VFIO_PCI_TPH_SET_ST, 1, BAD_INDEX, 0xffff, 0 },
	{ "bad_set_st_cpu_nr_cpu_ids", VFIO_PCI_TPH_SET_ST, 1, BAD_CPU, VAL_NR_CPUS, 0 },
	{ "bad_set_st_cpu_int_max", VFIO_PCI_TPH_SET_ST, 1, BAD_CPU, 0x7fffffffLL, 0 },
	{ "bad_set_st_cpu_clear_minus_1", VFIO_PCI_TPH_SET_ST, 1, BAD_CPU, 0xfffffffeLL, 0 },
	{ "bad_set_st_last_of_3_index", VFIO_PCI_TPH_SET_ST, 3, BAD_INDEX, VAL_ENTRIES, 2 },
	{ "bad_set_st_middle_of_3_mem_type", VFIO_PCI_TPH_SET_ST, 3, BAD_MEM, 7, 1 },
	{ "bad_set_st_last_of_3_cpu", VFIO_PCI_TPH_SET_ST, 3, BAD_CPU, VAL_NR_CPUS, 2 },
	{ "bad_get_st_argsz_short", VFIO_PCI_TPH_GET_ST, 1, BAD_ARGSZ, -1, 0 },
	{ "bad_get_st_reserved", VFIO_PCI_TPH_GET_ST, 1, BAD_ST_RSVD, 1, 0 },
	{ "bad_get_st_count_0", VFIO_PCI_TPH_GET_ST, 1, BAD_COUNT, 0, 0 },
	{ "bad_get_st_count_2049", VFIO_PCI_TPH_GET_ST, 2049, BAD_COUNT, 2049, 0 },
	{ "bad_get_st_mem_type_2", VFIO_PCI_TPH_GET_ST, 1, BAD_MEM, 2, 0 },
	{ "bad_get_st_entry_reserved0", VFIO_PCI_TPH_GET_ST, 1, BAD_RSVD0, 1, 0 },
	{ "bad_get_st_entry_reserved1", VFIO_PCI_TPH_GET_ST, 1, BAD_RSVD1, 1, 0 },
	{ "bad_get_st_cpu_nr_cpu_ids", VFIO_PCI_TPH_GET_ST, 1, BAD_CPU, VAL_NR_CPUS, 0 },
};

static bool
bad_applies(const struct tph_env *env, const void *arg)
{
	const struct bad_input *b = arg;

	if (b->op == VFIO_PCI_TPH_SET_ST)
		return has_table(env, NULL) && n_tag_cpus >= 1;
	if (b->op == VFIO_PCI_TPH_GET_ST)
		return ds_allowed(env, NULL);
	return any_tph(env, NULL);
}

static long long
bad_value(const struct tph_env *env, long long v)
{
	if (v == VAL_ENTRIES)
		return env->entries;
	if (v == VAL_NR_CPUS)
		return env->nr_cpu_ids;
	return v;
}

static int
case_bad_input(const struct tph_env *env, const void *arg)
{
	const struct bad_input *b = arg;
	struct vfio_device_pci_tph_op *op;
	long long v = bad_value(env, b->value);
	unsigned int i;
	int ret;

	TPH_TRY(prep_baseline(env));
	op = tph_op_new(b->op, b->count, 0);
	for (i = 0; i < b->count; i++)
		ent_set(op, i, tag_cpus[i % n_tag_cpus], PM,
			env->entries ? i % env->entries : 0);
	switch (b->kind) {
	case BAD_ARGSZ:
		op->argsz = (uint32_t)((long long)op->argsz + v);
		break;
	case BAD_OP:
		op->op = (uint32_t)v;
		break;
	case BAD_MODE:
		op->ctrl.mode = (uint8_t)v;
		break;
	case BAD_CTRL_RSVD:
		op->ctrl.reserved[b->at] = (uint8_t)v;
		break;
	case BAD_ST_RSVD:
		op->st.reserved = (uint32_t)v;
		break;
	case BAD_COUNT:
		op->st.count = (uint32_t)v;
		if (v > 0)
			op->argsz = tph_op_size(b->op, (uint32_t)v);
		break;
	case BAD_COUNT_RAW:
		op->st.count = (uint32_t)v;
		break;
	case BAD_MEM:
		op->st.ents[b->at].mem_type = (uint8_t)v;
		break;
	case BAD_RSVD0:
		op->st.ents[b->at].reserved0 = (uint8_t)v;
		break;
	case BAD_RSVD1:
		op->st.ents[b->at].reserved1 = (uint16_t)v;
		break;
	case BAD_INDEX:
		op->st.ents[b->at].index = (uint16_t)v;
		break;
	case BAD_CPU:
		op->st.ents[b->at].cpu = (uint32_t)v;
		break;
	}
	ret = expect_rejected(env, op, EINVAL, true, b->name);
	free(op);
	return ret;
}

/* ---- CPU checks -------------------------------------------------------- */

static int
case_offline_cpu(const struct tph_env *env, const void *arg)
{
	unsigned int cpu = tag_cpus[n_tag_cpus - 1];
	int ret, ret2;

	(void)arg;
	TPH_TRY(prep_baseline(env));
	if (cpu == 0)
		return TPH_FAIL("need a tagged CPU other than 0");
	ret = tph_cpu_set_online(cpu, false);
	if (ret != 0)
		return TPH_FAIL("cannot offline CPU %u: %s", cpu,
				strerror(-ret));
	ret = expect_entry_rejected(env, VFIO_PCI_TPH_SET_ST, cpu, VM, EINVAL,
				    "SET_ST on an offline CPU");
	ret2 = tph_cpu_set_online(cpu, true);
	if (ret2 != 0)
		return TPH_FAIL("cannot online CPU %u again: %s", cpu,
				strerror(-ret2));
	if (ret != 0)
		return ret;
	/* Back online, the same CPU is accepted. */
	TPH_CHECK_EQ(tph_set_one(&dev, cpu, VM, 0), 0);
	return 0;
}

/* ---- SET_ST all-or-nothing --------------------------------------------- */

/* Entries 0..n-1 hold CPU tag_cpus[0] VM tags; a batch of PM tags fails. */
static int
rollback_prep(const struct tph_env *env, unsigned int n)
{
	unsigned int i;

	TPH_TRY(prep_iv(env));
	for (i = 0; i < n; i++)
		if (tph_set_one(&dev, tag_cpus[0], VM, i) != 0)
			return TPH_FAIL("programming entry %u", i);
	return 0;
}

static struct vfio_device_pci_tph_op *
rollback_batch(unsigned int n)
{
	struct vfio_device_pci_tph_op *op = tph_op_new(VFIO_PCI_TPH_SET_ST,
						       n, 0);
	unsigned int i;

	for (i = 0; i < n; i++)
		ent_set(op, i, tag_cpus[1], PM, i);
	return op;
}

static int
case_rollback_validation(const struct tph_env *env, const void *arg)
{
	unsigned int n = env->entries < 4 ? env->entries : 4;
	struct vfio_device_pci_tph_op *op;
	int ret;

	(void)arg;
	TPH_TRY(rollback_prep(env, n));
	op = rollback_batch(n);
	op->st.ents[n - 1].index = env->entries;
	ret = expect_rejected(env, op, EINVAL, true,
			      "batch whose last index is beyond the table");
	free(op);
	return ret;
}

static int
case_rollback_invalid_tag(const struct tph_env *env, const void *arg)
{
	struct vfio_device_pci_tph_op *op;
	int ret;

	(void)arg;
	TPH_TRY(rollback_prep(env, 3));
	op = rollback_batch(3);
	op->st.ents[2].cpu = tph_cpu_without_tag(env);
	/* Firmware is asked before the device is touched: no write at all. */
	ret = expect_rejected(env, op, ENODATA, true,
			      "batch whose last CPU has no valid _DSM tag");
	free(op);
	if (ret != 0)
		return ret;
	op = rollback_batch(1);
	op->st.ents[0].cpu = tph_cpu_without_tag(env);
	ret = expect_rejected(env, op, ENODATA, true,
			      "CPU without a valid _DSM tag");
	free(op);
	return ret;
}

/* Entries [0, n) hold tag_cpus[1] PM tags, the rest stays as prepared. */
static int
check_rollback_batch(const struct tph_env *env, unsigned int n)
{
	struct tph_state s;
	uint16_t want;
	unsigned int i;

	TPH_TRY(tph_state_read(env, &dev, &s));
	tph_expected_tag(env, tag_cpus[1], PM, &want);
	for (i = 0; i < n; i++)
		if (tph_state_tag(env, &s, i) != want)
			return TPH_FAIL("ST entry %u = 0x%04x, expected 0x%04x",
					i, tph_state_tag(env, &s, i), want);
	return 0;
}

static int
rollback_write_failure(const struct tph_env *env, unsigned int nth)
{
	struct vfio_device_pci_tph_op *op;
	unsigned int left = 1;
	char what[96];
	FILE *f;
	int ret;

	TPH_TRY(rollback_prep(env, 5));
	if (tph_emu_fail_st_write(nth) != 0)
		return TPH_FAIL("cannot arm tph_emu fail_st_write");
	op = rollback_batch(5);
	snprintf(what, sizeof(what), "batch whose ST write %u fails", nth);
	/* PCIBIOS_SET_FAILED becomes -EIO (pcibios_err_to_errno()). */
	ret = expect_rejected(env, op, EIO, false, what);
	free(op);
	/* Disarm, and prove the injected failure was really reached. */
	f = fopen("/sys/kernel/debug/tph_emu/fail_st_write", "r");
	if (f != NULL) {
		if (fscanf(f, "%u", &left) != 1)
			left = 1;
		fclose(f);
	}
	tph_emu_fail_st_write(0);
	if (ret != 0)
		return ret;
	if (left != 0)
		return TPH_FAIL("the kernel never reached ST write %u", nth);
	/* The device still works after the failed batch. */
	op = rollback_batch(5);
	ret = tph_ioctl(dev.fd, op);
	free(op);
	TPH_CHECK_EQ(ret, 0);
	return check_rollback_batch(env, 5);
}

/* A batch writing one index twice fails late: the first value is back. */
static int
case_rollback_duplicate_index(const struct tph_env *env, const void *arg)
{
	struct vfio_device_pci_tph_op *op;
	int ret;

	(void)arg;
	TPH_TRY(rollback_prep(env, 3));
	if (tph_emu_fail_st_write(3) != 0)
		return TPH_FAIL("cannot arm tph_emu fail_st_write");
	op = rollback_batch(3);
	op->st.ents[1].cpu = tag_cpus[2];
	op->st.ents[1].index = 0;
	ret = expect_rejected(env, op, EIO, false,
			      "batch writing entry 0 twice, third write fails");
	free(op);
	tph_emu_fail_st_write(0);
	return ret;
}

static int
case_rollback_write_failure(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return rollback_write_failure(env, 3);
}

static int
case_rollback_first_write_failure(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return rollback_write_failure(env, 1);
}

/* Tags in the MSI-X table live across MSI-X being enabled and disabled. */
static int
case_msix_irq_changes(const struct tph_env *env, const void *arg)
{
	int ret;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	/* Programmed while MSI-X is off: the kernel writes the table itself. */
	TPH_TRY(program(env, env->entries, 0, VM));
	TPH_TRY(check_programmed(env, env->entries, 0, VM));
	TPH_TRY(msix_on());
	TPH_TRY(check_programmed(env, env->entries, 0, VM));
	TPH_TRY(program(env, env->entries, 1, PM));
	TPH_TRY(check_programmed(env, env->entries, 1, PM));
	ret = tph_msix_disable(&dev);
	if (ret != 0)
		return TPH_FAIL("disabling MSI-X: %s", strerror(-ret));
	TPH_TRY(check_programmed(env, env->entries, 1, PM));
	TPH_TRY(msix_on());
	return check_programmed(env, env->entries, 1, PM);
}

static bool
has_msix_table(const struct tph_env *env, const void *arg)
{
	return has_table_and_cpus(env, arg) && env->loc == TPH_LOC_MSIX;
}

/* ---- Device Specific mode ---------------------------------------------- */

static int
case_ds_refused(const struct tph_env *env, const void *arg)
{
	struct vfio_device_pci_tph_op *op;
	int ret;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_TRY(expect_enable_rejected(env, VFIO_PCI_TPH_MODE_DS, EPERM,
				       "ENABLE DS"));
	op = tph_op_new(VFIO_PCI_TPH_GET_ST, 1, 0);
	ent_set(op, 0, tag_cpus[0], VM, 0);
	ret = expect_rejected(env, op, EPERM, true, "GET_ST");
	if (ret == 0 && op->st.ents[0].st != 0)
		ret = TPH_FAIL("refused GET_ST still returned a tag");
	free(op);
	if (ret != 0 || !has_table(env, NULL))
		return ret;
	/* IV enabled: a refused switch to DS leaves IV in place. */
	TPH_TRY(prep_baseline(env));
	return expect_enable_rejected(env, VFIO_PCI_TPH_MODE_DS, EPERM,
				      "ENABLE DS over IV");
}

static int
case_ds_enable(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(fresh_enable(env, VFIO_PCI_TPH_MODE_DS));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_DS), 0);
	TPH_CHECK_EQ(tph_disable(&dev), 0);
	TPH_TRY(check_requester_off(env));
	return 0;
}

static int
case_ds_get_st(const struct tph_env *env, const void *arg)
{
	unsigned int n = 2 * n_tag_cpus, i;
	struct vfio_device_pci_tph_op *op;
	struct tph_state before, after;
	uint16_t want;
	int ret;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_DS), 0);
	op = tph_op_new(VFIO_PCI_TPH_GET_ST, n, 0);
	for (i = 0; i < n; i++)
		ent_set(op, i, tag_cpus[i / 2], i % 2 ? PM : VM, 0x4000 + i);
	TPH_TRY(tph_state_read(env, &dev, &before));
	ret = tph_ioctl(dev.fd, op);
	TPH_TRY(tph_state_read(env, &dev, &after));
	if (ret != 0) {
		free(op);
		return TPH_FAIL("GET_ST: %s", strerror(-ret));
	}
	for (i = 0; i < n; i++) {
		const struct vfio_pci_tph_entry *e = &op->st.ents[i];

		tph_expected_tag(env, tag_cpus[i / 2], i % 2 ? PM : VM, &want);
		if (e->st != want || e->cpu != tag_cpus[i / 2] ||
		    e->mem_type != (i % 2 ? PM : VM) || e->index != 0x4000 + i ||
		    e->reserved0 || e->reserved1) {
			ret = TPH_FAIL("GET_ST entry %u: cpu %u mem %u index 0x%x st 0x%04x, expected st 0x%04x for CPU %u",
				       i, e->cpu, e->mem_type, e->index, e->st,
				       want, tag_cpus[i / 2]);
			break;
		}
	}
	TPH_CHECK_EQ(op->st.count, n);
	free(op);
	if (ret != 0)
		return ret;
	TPH_TRY(tph_state_same(env, &before, &after, "GET_ST"));
	TPH_CHECK_EQ(after.writes - before.writes, 0);
	return 0;
}

static int
case_ds_get_st_no_tag(const struct tph_env *env, const void *arg)
{
	struct vfio_device_pci_tph_op *op;
	int ret;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_DS), 0);
	op = tph_op_new(VFIO_PCI_TPH_GET_ST, 2, 0);
	ent_set(op, 0, tag_cpus[0], VM, 0);
	ent_set(op, 1, tph_cpu_without_tag(env), VM, 0);
	ret = expect_rejected(env, op, 0, true, "GET_ST of a CPU without tag");
	free(op);
	return ret;
}

static bool
ds_allowed_tagless(const struct tph_env *env, const void *arg)
{
	int cpu = tph_cpu_without_tag(env);

	return ds_allowed(env, arg) && cpu >= 0 &&
	       (unsigned int)cpu < env->ncpus_online;
}

static int
case_ds_set_st_refused(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(prep_iv_programmed(env, 2, 0, VM));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_DS), 0);
	return expect_entry_rejected(env, VFIO_PCI_TPH_SET_ST, tag_cpus[1], PM,
				     EINVAL, "SET_ST in DS mode");
}

static int
case_mode_switch(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(prep_iv_programmed(env, 2, 0, VM));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_DS), 0);
	TPH_TRY(check_ctrl(env, VFIO_PCI_TPH_MODE_DS));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	TPH_TRY(check_ctrl(env, VFIO_PCI_TPH_MODE_IV));
	/* IV works again after the round trip. */
	TPH_TRY(program(env, 3, 1, PM));
	return check_programmed(env, 3, 1, PM);
}

static int
case_ds_only_device(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(fresh(env));
	TPH_TRY(expect_enable_rejected(env, VFIO_PCI_TPH_MODE_IV, EINVAL,
				       "ENABLE IV on a device without IV mode"));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_DS), 0);
	return expect_entry_rejected(env, VFIO_PCI_TPH_SET_ST, tag_cpus[0], VM,
				     EINVAL,
				     "SET_ST on a device without ST table");
}

/* ---- lifetime ---------------------------------------------------------- */

static int
case_close_cleans(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(prep_iv_programmed(env, env->entries, 0, PM));
	TPH_TRY(check_programmed(env, env->entries, 0, PM));
	tph_dev_close_fd(&dev);
	/* fresh() checks what the next user finds. */
	return fresh(env);
}

/* After a reset: requester disabled, table clear, the device usable. */
static int
check_clean_after_reset(const struct tph_env *env, const char *what)
{
	TPH_TRY(check_cleared(env, what));
	/* The kernel's view must match: enabling and programming work. */
	if (env->loc == TPH_LOC_MSIX)
		TPH_TRY(msix_on());
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	TPH_TRY(check_ctrl(env, VFIO_PCI_TPH_MODE_IV));
	TPH_TRY(program(env, 2, 2, PM));
	return check_programmed(env, 2, 2, PM);
}

static int
case_reset_cleans(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(prep_iv_programmed(env, env->entries, 1, VM));
	TPH_CHECK_EQ(ioctl(dev.fd, VFIO_DEVICE_RESET) < 0 ? -errno : 0, 0);
	return check_clean_after_reset(env, "VFIO_DEVICE_RESET");
}

/* Programmed table, then one reset; tph_emu's counter proves its path. */
static int
reset_by(const struct tph_env *env, const char *method, const char *counter,
	 int (*trigger)(void), const char *what)
{
	uint64_t before, after;
	char path[128];
	int ret;

	TPH_TRY(prep_iv_programmed(env, env->entries, 1, VM));
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/reset_method",
		 env->bdf);
	/* The PCI core resets with the first method that works: pick one. */
	if (method != NULL && tph_write_attr(path, method) != 0)
		return TPH_FAIL("cannot select reset method %s", method);
	if (tph_emu_counter(counter, &before) != 0)
		return TPH_FAIL("cannot read tph_emu %s", counter);
	ret = trigger();
	if (method != NULL)
		tph_write_attr(path, "default");
	if (ret != 0)
		return TPH_FAIL("%s: %s", what, strerror(-ret));
	if (tph_emu_counter(counter, &after) != 0)
		return TPH_FAIL("cannot read tph_emu %s", counter);
	TPH_CHECK(after > before, "%s did not reach the device (%s %llu)",
		  what, counter, (unsigned long long)after);
	return check_clean_after_reset(env, what);
}

static int
trigger_hot_reset(void)
{
	return tph_hot_reset(&dev);
}

/* Initiate FLR, PCIe r6.x 7.5.3.4 Device Control bit 15, as a user would. */
static int
trigger_flr_devctl(void)
{
	int pos = tph_cfg_find_cap(&dev, 0x10);
	uint16_t ctl;

	if (pos < 0)
		return pos;
	if (tph_cfg_read(&dev, pos + 8, &ctl, 2) != 0)
		return -EIO;
	ctl |= 0x8000;
	return tph_cfg_write(&dev, pos + 8, &ctl, 2);
}

/* Initiate FLR in the Advanced Features capability (AF Control bit 0). */
static int
trigger_flr_af(void)
{
	int pos = tph_cfg_find_cap(&dev, 0x13);
	uint8_t ctl = 1;

	if (pos < 0)
		return pos;
	return tph_cfg_write(&dev, pos + 4, &ctl, 1);
}

static int
case_reset_hot(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return reset_by(env, NULL, "sbrs", trigger_hot_reset,
			"VFIO_DEVICE_PCI_HOT_RESET");
}

static int
case_reset_flr_devctl(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return reset_by(env, "flr", "flrs", trigger_flr_devctl,
			"FLR through Device Control in the config region");
}

static int
case_reset_flr_af(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return reset_by(env, "af_flr", "af_flrs", trigger_flr_af,
			"FLR through the AF capability in the config region");
}

/*
 * Firmware left the requester enabled with tags in its table: the user
 * finds it off and clean, and its first ENABLE works (nothing adopted, so
 * no -EBUSY). Runs before any other case touches TPH.
 */
static int
case_fw_left_enabled(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(fresh_enable(env, VFIO_PCI_TPH_MODE_IV));
	TPH_TRY(program(env, env->entries, 0, VM));
	return check_programmed(env, env->entries, 0, VM);
}

/*
 * Before any vfio open: a PCI core reset (sysfs "reset", save, FLR,
 * restore) must not bring back what firmware left enabled, since the
 * kernel saves and restores TPH only when it enabled it (as mainline).
 */
static int
case_fw_reset(const struct tph_env *env, const void *arg)
{
	struct tph_state s;
	char path[128];
	uint64_t flrs0, flrs;

	(void)arg;
	TPH_TRY(tph_state_read(env, &dev, &s));
	/*
	 * A restore before this point (runtime PM of the idle device) clears
	 * the Control fields the kernel did not set: firmware sets them again.
	 */
	if (!(s.ctrl & TPH_CTRL_EN_MASK))
		TPH_TRY(emu_set_ctrl(tph_expected_ctrl(env,
						       VFIO_PCI_TPH_MODE_IV)));
	TPH_TRY(tph_state_read(env, &dev, &s));
	TPH_CHECK(s.ctrl & TPH_CTRL_EN_MASK,
		  "firmware state gone before the test (ctrl 0x%08x)", s.ctrl);
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/reset", env->bdf);
	if (tph_emu_counter("flrs", &flrs0) != 0 ||
	    tph_write_attr(path, "1") != 0 ||
	    tph_emu_counter("flrs", &flrs) != 0)
		return TPH_FAIL("PCI reset through %s failed", path);
	TPH_CHECK(flrs > flrs0, "the reset was no FLR");
	/* Neither the TPH nor the tags firmware left enabled may come back. */
	return check_cleared(env, "a PCI reset of what firmware left enabled");
}

/* Capability reported, but no completer above: ENABLE is -EOPNOTSUPP. */
static int
case_enable_no_completer(const struct tph_env *env, const void *arg)
{
	struct vfio_pci_tph_cap cap;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_CHECK_EQ(tph_get_cap(&dev, &cap), 0);
	TPH_CHECK_EQ(cap.supported_modes & VFIO_PCI_TPH_MODE_IV,
		     VFIO_PCI_TPH_MODE_IV);
	return expect_enable_rejected(env, VFIO_PCI_TPH_MODE_IV, EOPNOTSUPP,
				      "ENABLE IV below a root port without completer");
}

/* ---- CPU permission: the task's cpuset, not its affinity -------------- */

/* "a,b" of the first two tagged CPUs, for cpuset.cpus. */
static void
two_cpus(char *buf, size_t len)
{
	snprintf(buf, len, "%u,%u", tag_cpus[0], tag_cpus[1]);
}

static int
case_cpuset_outside(const struct tph_env *env, const void *arg)
{
	struct vfio_device_pci_tph_op *op;
	char cpus[32];
	int ret;

	(void)arg;
	TPH_TRY(prep_baseline(env));
	two_cpus(cpus, sizeof(cpus));
	ret = tph_cpuset_enter(cpus);
	if (ret != 0) {
		tph_cpuset_leave();
		return TPH_FAIL("cgroup v2 cpuset %s: %s", cpus, strerror(-ret));
	}
	op = tph_op_new(VFIO_PCI_TPH_SET_ST, 1, 0);
	ent_set(op, 0, tag_cpus[2], VM, 0);
	ret = expect_rejected(env, op, EPERM, true,
			      "SET_ST for a CPU outside the cpuset");
	if (ret == 0 && env->ds_param) {
		op->op = VFIO_PCI_TPH_GET_ST;
		ret = expect_rejected(env, op, EPERM, true,
				      "GET_ST for a CPU outside the cpuset");
	}
	free(op);
	if (tph_cpuset_leave() != 0 && ret == 0)
		ret = TPH_FAIL("cannot leave the cpuset");
	tph_pin(-1);
	return ret;
}

/* Inside the cpuset, outside the thread's affinity: allowed. */
static int
case_cpuset_inside(const struct tph_env *env, const void *arg)
{
	uint16_t want, st = 0;
	struct tph_state s;
	char cpus[32];
	int ret;

	(void)arg;
	TPH_TRY(prep_baseline(env));
	two_cpus(cpus, sizeof(cpus));
	ret = tph_cpuset_enter(cpus);
	if (ret == 0)
		ret = tph_pin(tag_cpus[0]);
	if (ret == 0)
		ret = tph_set_one(&dev, tag_cpus[1], PM, 0);
	if (ret == 0 && env->ds_param)
		ret = tph_get_one(&dev, tag_cpus[1], PM, &st);
	tph_cpuset_leave();
	tph_pin(-1);
	if (ret != 0)
		return TPH_FAIL("SET_ST/GET_ST for CPU %u in the cpuset, task pinned to CPU %u: %s",
				tag_cpus[1], tag_cpus[0], strerror(-ret));
	TPH_TRY(tph_state_read(env, &dev, &s));
	tph_expected_tag(env, tag_cpus[1], PM, &want);
	TPH_CHECK_EQ(tph_state_tag(env, &s, 0), want);
	if (env->ds_param)
		TPH_CHECK_EQ(st, want);
	return 0;
}

/* ---- enable_unsafe_tph_ds_mode changed at run time --------------------- */

#define DS_PARAM "/sys/module/vfio_pci/parameters/enable_unsafe_tph_ds_mode"

/*
 * Documented (vfio-pci parameter help, cover letter): the parameter is
 * checked when DS mode is enabled and at every GET_ST; clearing it leaves
 * a DS mode already enabled as it is, refuses new DS enables and GET_ST.
 */
static int
ds_param_cleared(const struct tph_env *env)
{
	uint16_t st;

	TPH_TRY(check_ctrl(env, VFIO_PCI_TPH_MODE_DS));
	TPH_TRY(expect_enable_rejected(env, VFIO_PCI_TPH_MODE_DS, EPERM,
				       "ENABLE DS after the parameter was cleared"));
	TPH_CHECK_EQ(tph_get_one(&dev, tag_cpus[0], VM, &st), -EPERM);
	TPH_CHECK_EQ(tph_disable(&dev), 0);
	return 0;
}

static int
case_ds_param_runtime(const struct tph_env *env, const void *arg)
{
	uint16_t st, want;
	int ret;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_DS), 0);
	if (tph_write_attr(DS_PARAM, "0") != 0)
		return TPH_FAIL("cannot clear " DS_PARAM);
	ret = ds_param_cleared(env);
	if (tph_write_attr(DS_PARAM, "1") != 0)
		return TPH_FAIL("cannot set " DS_PARAM " again");
	if (ret != 0)
		return ret;
	/* Set again: DS mode and GET_ST are back. */
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_DS), 0);
	TPH_CHECK_EQ(tph_get_one(&dev, tag_cpus[0], VM, &st), 0);
	tph_expected_tag(env, tag_cpus[0], VM, &want);
	TPH_CHECK_EQ(st, want);
	return 0;
}

/* ---- MSI-X table through the user mapping ------------------------------ */

/* A fresh fd with MSI-X enabled, so that the MSI-X BAR is mapped. */
static int
fresh_msix(const struct tph_env *env)
{
	TPH_TRY(fresh(env));
	return msix_on();
}

/* Store 0xbeef into the tag bits of usable MSI-X entries through the mmap. */
static int
store_beef(const struct tph_env *env, int want, const char *when)
{
	struct tph_state s;
	unsigned int i;
	int ret;

	TPH_TRY(tph_state_read(env, &dev, &s));
	for (i = 0; i < env->entries && i < s.n; i++) {
		ret = tph_msix_store_vector_ctrl(&dev, i,
						 (s.ent[i] & 0xffff) | 0xbeef0000u);
		if (ret != want)
			return TPH_FAIL("store to MSI-X entry %u %s: %s, expected %s",
					i, when, ret ? strerror(-ret) : "no fault",
					want ? "SIGBUS" : "no fault");
	}
	return 0;
}

static int
check_beef(const struct tph_env *env, const char *when)
{
	struct tph_state s;
	unsigned int i;

	TPH_TRY(tph_state_read(env, &dev, &s));
	for (i = 0; i < env->entries && i < s.n; i++)
		TPH_CHECK(s.ent[i] >> 16 == 0xbeef,
			  "store to MSI-X entry %u %s did not land (0x%08x)", i,
			  when, s.ent[i]);
	return 0;
}

/*
 * Security model, design (a) of the kernel series (cover letter, UAPI
 * doc): the MSI-X BAR stays reported mappable (MSIX_MAPPABLE). While TPH
 * is off the table pages map and a store lands (the device uses no tag);
 * ENABLE writes the kernel's tags back over it; while TPH is on, a store
 * faults (SIGBUS) and no ST entry changes, unless
 * enable_unsafe_tph_ds_mode trusts the user with raw tags; DISABLE makes
 * the pages mappable again.
 */
static int
case_msix_mmap_store(const struct tph_env *env, const void *arg)
{
	struct tph_state before, after;

	(void)arg;
	TPH_TRY(fresh_msix(env));
	TPH_CHECK_EQ(tph_msix_region_mappable(&dev), 1);
	TPH_TRY(program(env, env->entries, 0, VM));

	/* TPH off: the mapping behaves as MSIX_MAPPABLE says. */
	TPH_TRY(store_beef(env, 0, "with TPH off"));
	TPH_TRY(check_beef(env, "with TPH off"));

	/* ENABLE: without the opt-in, the kernel's tags are back. */
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	if (!env->ds_param)
		TPH_TRY(check_programmed(env, env->entries, 0, VM));
	else
		TPH_TRY(check_beef(env, "before ENABLE, with the opt-in"));
	TPH_CHECK_EQ(tph_msix_region_mappable(&dev), 1);

	/* TPH on: a store faults and changes nothing, or lands (opt-in). */
	TPH_TRY(tph_state_read(env, &dev, &before));
	TPH_TRY(store_beef(env, env->ds_param ? 0 : -EFAULT, "with TPH on"));
	TPH_TRY(tph_state_read(env, &dev, &after));
	if (env->ds_param)
		TPH_TRY(check_beef(env, "with TPH on and the opt-in"));
	else
		TPH_TRY(tph_state_same(env, &before, &after,
				       "stores through the MSI-X mapping"));

	/* DISABLE: mappable again; the next ENABLE restores the tags. */
	TPH_CHECK_EQ(tph_disable(&dev), 0);
	TPH_TRY(store_beef(env, 0, "after DISABLE"));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	if (!env->ds_param)
		TPH_TRY(check_programmed(env, env->entries, 0, VM));
	return 0;
}

/*
 * Load the tag bits of MSI-X entries [0, entries) through the user's
 * mapping: [0, n) must show the tags program(n, 0, VM) set when tags is
 * true, every other entry 0.
 */
static int
check_mapped_tags(const struct tph_env *env, unsigned int n, bool tags,
		  const char *when)
{
	unsigned int i;
	uint16_t want;
	uint32_t vc;
	int ret;

	for (i = 0; i < env->entries; i++) {
		ret = tph_msix_load_vector_ctrl(&dev, i, &vc);
		if (ret != 0)
			return TPH_FAIL("load from MSI-X entry %u %s: %s", i,
					when, strerror(-ret));
		want = 0;
		if (tags && i < n &&
		    !tph_expected_tag(env, tag_cpus[i % n_tag_cpus], VM, &want))
			return TPH_FAIL("CPU %u has no tag",
					tag_cpus[i % n_tag_cpus]);
		TPH_CHECK(vc >> 16 == want,
			  "MSI-X entry %u %s reads tag 0x%04x through the mapping, expected 0x%04x",
			  i, when, vc >> 16, want);
	}
	return 0;
}

/*
 * Security model (UAPI doc): without the opt-in, an ST table in MSI-X
 * holds the kernel's tags only while the requester is enabled, so a load
 * through the user's mapping never shows one. SET_ST with TPH off keeps
 * the tags in the kernel (the device table stays 0), ENABLE writes them,
 * DISABLE zeroes the table and the next ENABLE writes them again. With
 * enable_unsafe_tph_ds_mode, SET_ST writes the table at once and DISABLE
 * leaves it. Half the table is programmed, so that ENABLE must also
 * clear what the user stored into the other half.
 */
static int
case_msix_mmap_no_raw_tag(const struct tph_env *env, const void *arg)
{
	unsigned int n = (env->entries + 1) / 2;

	(void)arg;
	TPH_TRY(fresh_msix(env));
	TPH_TRY(program(env, n, 0, VM));
	TPH_TRY(check_mapped_tags(env, n, env->ds_param,
				  "after SET_ST with TPH off"));
	if (!env->ds_param) {
		TPH_TRY(check_programmed(env, 0, 0, VM));
		TPH_TRY(store_beef(env, 0, "with TPH off"));
	}

	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	TPH_TRY(check_programmed(env, n, 0, VM));
	TPH_CHECK_EQ(tph_disable(&dev), 0);
	TPH_TRY(check_mapped_tags(env, n, env->ds_param, "after DISABLE"));
	if (env->ds_param)
		return 0;
	TPH_TRY(check_programmed(env, 0, 0, VM));

	/* The kernel kept the tags across DISABLE. */
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	TPH_TRY(check_programmed(env, n, 0, VM));
	TPH_CHECK_EQ(tph_disable(&dev), 0);
	return check_mapped_tags(env, n, false, "after the second DISABLE");
}

/* ---- D3hot set through the config region ------------------------------- */

/*
 * A device in D3hot decodes config requests only (PCIe r6.0 sec
 * 5.3.1.4.1). Documented (UAPI doc): ENABLE and SET_ST fail with -EIO and
 * touch nothing, DISABLE works (config space), and every reset brings the
 * device to D0 before clearing TPH. tph_emu counts ST entries written in
 * D3hot (d3hot_st_writes, checked after every case): none may be.
 */
static int
case_d3hot(const struct tph_env *env, const void *arg)
{
	struct tph_state before, after;
	int ret;

	(void)arg;
	TPH_TRY(prep_iv_programmed(env, env->entries, 0, VM));
	TPH_TRY(tph_state_read(env, &dev, &before));
	ret = tph_set_power_state(&dev, 3);
	if (ret != 0)
		return TPH_FAIL("PMCSR D3hot: %s", strerror(-ret));
	ret = tph_set_one(&dev, tag_cpus[1], VM, 0);
	if (ret != -EIO)
		tph_set_power_state(&dev, 0);
	TPH_CHECK_EQ(ret, -EIO);
	ret = tph_enable(&dev, VFIO_PCI_TPH_MODE_IV);
	if (ret != -EIO)
		tph_set_power_state(&dev, 0);
	TPH_CHECK_EQ(ret, -EIO);
	TPH_TRY(tph_state_read(env, &dev, &after));
	TPH_TRY(tph_state_same(env, &before, &after, "SET_ST/ENABLE in D3hot"));
	TPH_CHECK_EQ(tph_disable(&dev), 0);
	TPH_TRY(check_requester_off(env));
	TPH_CHECK_EQ(tph_set_power_state(&dev, 0), 0);
	/* Back in D0: the restore must not bring back what DISABLE turned off. */
	TPH_TRY(check_requester_off(env));
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	TPH_TRY(program(env, env->entries, 1, VM));
	/* A reset from D3hot: to D0 first, then TPH cleared. */
	TPH_CHECK_EQ(tph_set_power_state(&dev, 3), 0);
	TPH_CHECK_EQ(ioctl(dev.fd, VFIO_DEVICE_RESET) < 0 ? -errno : 0, 0);
	return check_clean_after_reset(env, "VFIO_DEVICE_RESET from D3hot");
}

/* The FLR a user starts through Device Control, from D3hot. */
static int
case_d3hot_flr(const struct tph_env *env, const void *arg)
{
	int ret;

	(void)arg;
	TPH_TRY(prep_iv_programmed(env, env->entries, 1, VM));
	TPH_CHECK_EQ(tph_set_power_state(&dev, 3), 0);
	ret = trigger_flr_devctl();
	if (ret != 0)
		return TPH_FAIL("FLR through Device Control: %s", strerror(-ret));
	return check_clean_after_reset(env, "FLR through Device Control from D3hot");
}

/* ---- requester state the kernel did not set ---------------------------- */

/*
 * A requester enabled behind the kernel's back (firmware, a config write
 * that slipped through) still gets the disable window around ST writes
 * (PCIe r6.x 6.17.3): the window follows the Control register, not the
 * kernel's flag. tph_emu's st_writes_enabled is checked after the case.
 */
static int
case_set_st_enabled_behind_back(const struct tph_env *env, const void *arg)
{
	uint32_t on = tph_expected_ctrl(env, VFIO_PCI_TPH_MODE_IV);
	struct tph_state s;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_TRY(emu_set_ctrl(on));
	TPH_TRY(program(env, env->entries, 0, VM));
	TPH_TRY(check_programmed(env, env->entries, 0, VM));
	/* The window closes again: the requester is as it was found. */
	TPH_TRY(tph_state_read(env, &dev, &s));
	TPH_CHECK_EQ(s.ctrl, on);
	TPH_CHECK_EQ(tph_disable(&dev), 0);
	return 0;
}

/*
 * pci_restore_state() (here: D3hot and back, which vfio saves and
 * restores around for a device without No_Soft_Reset) writes only what
 * the kernel enabled: with TPH off it leaves Control alone, as mainline
 * does (vfio clears TPH on open and around resets), with TPH on it
 * writes the mode the kernel chose, not one changed behind its back.
 */
static int
case_restore_kernel_fields(const struct tph_env *env, const void *arg)
{
	uint32_t iv = tph_expected_ctrl(env, VFIO_PCI_TPH_MODE_IV);
	struct tph_state s;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_TRY(emu_set_ctrl(TPH_CTRL_MODE_IV));
	TPH_CHECK_EQ(tph_set_power_state(&dev, 3), 0);
	TPH_CHECK_EQ(tph_set_power_state(&dev, 0), 0);
	TPH_TRY(tph_state_read(env, &dev, &s));
	TPH_CHECK(s.ctrl == TPH_CTRL_MODE_IV,
		  "restore with TPH off wrote Control 0x%08x, expected it left at 0x%08x",
		  s.ctrl, TPH_CTRL_MODE_IV);

	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), 0);
	TPH_TRY(emu_set_ctrl((iv & ~TPH_CTRL_MODE_MASK) | TPH_CTRL_MODE_DS));
	TPH_CHECK_EQ(tph_set_power_state(&dev, 3), 0);
	TPH_CHECK_EQ(tph_set_power_state(&dev, 0), 0);
	TPH_TRY(tph_state_read(env, &dev, &s));
	TPH_CHECK(s.ctrl == iv,
		  "restore wrote Control 0x%08x, the kernel enabled 0x%08x",
		  s.ctrl, iv);
	TPH_CHECK_EQ(tph_disable(&dev), 0);
	return 0;
}

/*
 * pci=notph: TPH left on by firmware is still cleared by the open (the
 * suite's first open ran before this case) and by a reset.
 */
static int
case_notph_cleared(const struct tph_env *env, const void *arg)
{
	(void)arg;
	TPH_TRY(check_cleared(env, "the first open under pci=notph"));
	TPH_CHECK_EQ(ioctl(dev.fd, VFIO_DEVICE_RESET) < 0 ? -errno : 0, 0);
	return check_cleared(env, "VFIO_DEVICE_RESET under pci=notph");
}

/* ---- predicates of the cases above ------------------------------------- */

/* Hot reset resets the root port's secondary bus: not for an RCiEP. */
static bool
has_root_port_table(const struct tph_env *env, const void *arg)
{
	return has_table_and_cpus(env, arg) && !env->rciep;
}

static bool
has_af_table(const struct tph_env *env, const void *arg)
{
	return has_table_and_cpus(env, arg) && env->af;
}

static bool
fw_left_enabled(const struct tph_env *env, const void *arg)
{
	return has_table_and_cpus(env, arg) && env->fw_enabled;
}

static bool
notph_fw_left_enabled(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return env->emu && env->notph && !env->absent && env->fw_enabled &&
	       (env->modes & 0x2) && env->loc == TPH_LOC_CAP;
}

static bool
no_completer(const struct tph_env *env, const void *arg)
{
	(void)arg;
	return reports_table(env) && !can_enable(env);
}

/* ---- invariants checked after every case -------------------------------- */

static uint64_t seen_enabled_writes, seen_reserved_enables, seen_d3hot_writes;

/* What a conforming kernel never makes the device see (tph_emu counts). */
static int
emu_invariants(void)
{
	uint64_t ew, re, d3;

	if (tph_emu_counter("st_writes_enabled", &ew) != 0 ||
	    tph_emu_counter("reserved_enables", &re) != 0 ||
	    tph_emu_counter("d3hot_st_writes", &d3) != 0)
		return TPH_FAIL("cannot read tph_emu invariant counters");
	if (d3 != seen_d3hot_writes) {
		uint64_t dd3 = d3 - seen_d3hot_writes;

		seen_d3hot_writes = d3;
		return TPH_FAIL("%llu ST entries written while the device was in D3hot",
				(unsigned long long)dd3);
	}
	if (ew != seen_enabled_writes || re != seen_reserved_enables) {
		uint64_t dew = ew - seen_enabled_writes;
		uint64_t dre = re - seen_reserved_enables;

		seen_enabled_writes = ew;
		seen_reserved_enables = re;
		return TPH_FAIL("%llu ST entry writes while the requester was enabled, %llu Requester Enable 10b writes",
				(unsigned long long)dew,
				(unsigned long long)dre);
	}
	return 0;
}

/* ---- no TPH ------------------------------------------------------------ */

static int
case_no_tph(const struct tph_env *env, const void *arg)
{
	struct vfio_pci_tph_cap cap;
	struct tph_state before, after;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_TRY(tph_state_read(env, &dev, &before));
	memset(&cap, 0xa5, sizeof(cap));
	TPH_CHECK_EQ(tph_get_cap(&dev, &cap), 0);
	TPH_CHECK_EQ(cap.supported_modes, 0);
	TPH_CHECK_EQ(cap.st_table_sz, 0);
	/* tph-uapi.md: no capability or pci=notph is -EOPNOTSUPP. */
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), -EOPNOTSUPP);
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_DS), -EOPNOTSUPP);
	TPH_CHECK_EQ(tph_disable(&dev), -EOPNOTSUPP);
	TPH_CHECK_EQ(tph_set_one(&dev, 0, VM, 0), -EOPNOTSUPP);
	TPH_TRY(tph_state_read(env, &dev, &after));
	TPH_TRY(tph_state_same(env, &before, &after, "no TPH"));
	TPH_CHECK_EQ(after.writes - before.writes, 0);
	return 0;
}

static int
case_enotty(const struct tph_env *env, const void *arg)
{
	struct vfio_pci_tph_cap cap;

	(void)arg;
	TPH_TRY(fresh(env));
	TPH_CHECK_EQ(tph_get_cap(&dev, &cap), -ENOTTY);
	TPH_CHECK_EQ(tph_enable(&dev, VFIO_PCI_TPH_MODE_IV), -ENOTTY);
	return 0;
}

/* ---- cost -------------------------------------------------------------- */

static int
case_batch_cost(const struct tph_env *env, const void *arg)
{
	static const unsigned int sizes[] = { 1, 8, 64 };
	uint64_t reads, writes, evals0, evals, queries0, queries;
	unsigned int i, pairs;
	int over = 0, extra_evals = 0;

	(void)arg;
	TPH_TRY(prep_iv(env));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned int n = sizes[i];

		if (tph_emu_reset_counters() != 0 ||
		    tph_emu_counter("dsm_evals", &evals0) != 0 ||
		    tph_emu_counter("dsm_queries", &queries0) != 0)
			return TPH_FAIL("cannot reset tph_emu counters");
		TPH_TRY(program(env, n, i, i % 2 ? PM : VM));
		if (tph_emu_counters(&reads, &writes) != 0 ||
		    tph_emu_counter("dsm_evals", &evals) != 0 ||
		    tph_emu_counter("dsm_queries", &queries) != 0)
			return TPH_FAIL("cannot read tph_emu counters");
		/* One memory type per batch: distinct pairs = distinct CPUs. */
		pairs = n < n_tag_cpus ? n : n_tag_cpus;
		printf("TPH-DSM-EVALS n=%u pairs=%u evals=%llu queries=%llu\n",
		       n, pairs, (unsigned long long)(evals - evals0),
		       (unsigned long long)(queries - queries0));
		/* One evaluation per pair, support known already. */
		if (evals - evals0 > pairs || queries != queries0)
			extra_evals = 1;
		printf("TPH-BATCH-COST n=%u reads=%llu writes=%llu total=%llu target=%u\n",
		       n, (unsigned long long)reads,
		       (unsigned long long)writes,
		       (unsigned long long)(reads + writes), n + 4);
		TPH_TRY(check_programmed(env, n, i, i % 2 ? PM : VM));
		if (reads + writes > n + 4)
			over = 1;
	}
	TPH_CHECK(!over, "a SET_ST batch took more than N + 4 config accesses");
	TPH_CHECK(!extra_evals,
		  "a SET_ST batch evaluated _DSM more than once per (CPU, memory type) or queried its support again");
	return 0;
}

/* ---- registry ---------------------------------------------------------- */

static const struct tph_case fixed_cases[] = {
	{ "firmware_tags", emu_loaded, case_firmware_tags, NULL },
	/* First to touch TPH: what firmware left must still be there. */
	{ "firmware_left_enabled", fw_left_enabled, case_fw_left_enabled, NULL },
	{ "get_cap", NULL, case_get_cap, NULL },
	{ "enable_iv", has_table, case_enable_iv, NULL },
	{ "disable", has_table, case_disable, NULL },
	{ "set_st_tags", has_table_and_cpus, case_set_st_tags, NULL },
	{ "set_st_full_table", has_table_and_cpus, case_set_st_full_table, NULL },
	{ "set_st_clear", has_table_and_cpus, case_set_st_clear, NULL },
	{ "argsz_larger_accepted", has_table_and_cpus, case_argsz_larger, NULL },
	{ "config_region_writes_dropped", config_region_applies,
	  case_config_region_writes, NULL },
	{ "config_region_no_raw_tag", no_raw_tag_applies,
	  case_config_region_no_raw_tag, NULL },
	{ "offline_cpu", has_table_and_cpus, case_offline_cpu, NULL },
	{ "cpuset_outside_eperm", has_table_and_cpus, case_cpuset_outside, NULL },
	{ "cpuset_inside_outside_affinity", has_table_and_cpus,
	  case_cpuset_inside, NULL },
	{ "rollback_validation", has_table_and_cpus, case_rollback_validation, NULL },
	{ "rollback_invalid_tag", has_table_and_tagless_cpu, case_rollback_invalid_tag, NULL },
	{ "rollback_write_failure", cap_table_and_cpus, case_rollback_write_failure, NULL },
	{ "rollback_first_write_failure", cap_table_and_cpus,
	  case_rollback_first_write_failure, NULL },
	{ "rollback_duplicate_index", cap_table_and_cpus, case_rollback_duplicate_index,
	  NULL },
	{ "msix_tags_across_irq_changes", has_msix_table, case_msix_irq_changes, NULL },
	{ "msix_mmap_store", has_msix_table, case_msix_mmap_store, NULL },
	{ "msix_mmap_no_raw_tag", has_msix_table, case_msix_mmap_no_raw_tag,
	  NULL },
	{ "d3hot", has_table_and_cpus, case_d3hot, NULL },
	{ "d3hot_flr_devctl", has_root_port_table, case_d3hot_flr, NULL },
	{ "set_st_enabled_behind_back", cap_table_and_cpus,
	  case_set_st_enabled_behind_back, NULL },
	{ "restore_kernel_fields", cap_table_and_cpus,
	  case_restore_kernel_fields, NULL },
	{ "notph_cleared", notph_fw_left_enabled, case_notph_cleared, NULL },
	{ "ds_refused", ds_refused, case_ds_refused, NULL },
	{ "ds_enable", ds_allowed, case_ds_enable, NULL },
	{ "ds_get_st", ds_allowed, case_ds_get_st, NULL },
	{ "ds_get_st_no_tag", ds_allowed_tagless, case_ds_get_st_no_tag, NULL },
	{ "ds_param_runtime", ds_allowed, case_ds_param_runtime, NULL },
	{ "ds_set_st_refused", ds_allowed_with_table, case_ds_set_st_refused, NULL },
	{ "mode_switch", ds_allowed_with_table, case_mode_switch, NULL },
	{ "ds_only_device", ds_only, case_ds_only_device, NULL },
	{ "close_cleans", has_table_and_cpus, case_close_cleans, NULL },
	{ "reset_cleans", has_table_and_cpus, case_reset_cleans, NULL },
	{ "reset_hot_cleans", has_root_port_table, case_reset_hot, NULL },
	{ "reset_flr_devctl_cleans", has_root_port_table, case_reset_flr_devctl,
	  NULL },
	{ "reset_flr_af_cleans", has_af_table, case_reset_flr_af, NULL },
	{ "enable_no_completer", no_completer, case_enable_no_completer, NULL },
	{ "no_tph", no_tph, case_no_tph, NULL },
	{ "set_st_batch_cost", batch_measurable, case_batch_cost, NULL },
};

/* Does some online CPU's ACPI UID differ from its Linux number? */
static bool
uids_differ(const struct tph_env *env)
{
	unsigned int cpu;

	for (cpu = 0; cpu < env->ncpus_online && cpu < TPH_MAX_CPUS; cpu++)
		if (env->uid[cpu] != cpu)
			return true;
	return false;
}

/* Does the booted guest match the configuration the harness asked for? */
static int
check_scenario(const char *sc, const struct tph_env *env)
{
	bool ok;

	if (strcmp(sc, "enotty") == 0)
		return 0;
	if (!env->emu) {
		fprintf(stderr, "tph_emu is not loaded\n");
		return -1;
	}
	if (strcmp(sc, "cap") == 0)
		ok = has_cap_table(env, NULL) && !env->ds_param &&
		     !env->fw_enabled;
	else if (strcmp(sc, "fw-on") == 0)
		ok = has_cap_table(env, NULL) && env->fw_enabled;
	else if (strcmp(sc, "msix") == 0)
		ok = has_table(env, NULL) && env->loc == TPH_LOC_MSIX &&
		     !env->rciep;
	else if (strcmp(sc, "msix-small") == 0)
		ok = has_table(env, NULL) && env->loc == TPH_LOC_MSIX &&
		     env->st_field < env->msix_n;
	else if (strcmp(sc, "rciep") == 0)
		ok = has_table(env, NULL) && env->rciep;
	else if (strcmp(sc, "uid-map") == 0)
		ok = has_table_and_cpus(env, NULL) && uids_differ(env);
	else if (strcmp(sc, "no-completer") == 0)
		ok = no_completer(env, NULL);
	else if (strcmp(sc, "ds-off") == 0)
		ok = ds_refused(env, NULL);
	else if (strcmp(sc, "ds-on") == 0)
		ok = ds_allowed_with_table(env, NULL);
	else if (strcmp(sc, "no-table") == 0)
		ok = ds_only(env, NULL);
	else if (strcmp(sc, "notph") == 0)
		ok = env->notph && !env->absent;
	else if (strcmp(sc, "absent") == 0)
		ok = env->absent && !env->notph;
	else {
		fprintf(stderr, "unknown scenario '%s'\n", sc);
		return -1;
	}
	if (!ok)
		fprintf(stderr, "the guest does not match scenario '%s'\n", sc);
	return ok ? 0 : -1;
}

int
main(int argc, char **argv)
{
	const size_t nbad = sizeof(bad_inputs) / sizeof(bad_inputs[0]);
	const size_t nfixed = sizeof(fixed_cases) / sizeof(fixed_cases[0]);
	static const struct tph_case before_open[] = {
		{ "reset_drops_firmware_tph", fw_left_enabled, case_fw_reset,
		  NULL },
	};
	static const struct tph_case enotty_case[] = {
		{ "firmware_tags", emu_loaded, case_firmware_tags, NULL },
		{ "enotty", NULL, case_enotty, NULL },
	};
	struct tph_case *cases;
	struct tph_env env;
	unsigned int cpu, n;
	int ret, pre_ret = 0;
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s SCENARIO [CASE]\n", argv[0]);
		return 2;
	}
	if (tph_env_load(&env, tph_nic_bdf()) != 0) {
		fprintf(stderr, "cannot read the guest environment\n");
		return 1;
	}
	tph_env_print(&env);
	for (cpu = 0; cpu < env.ncpus_online && cpu < TPH_MAX_CPUS; cpu++) {
		uint16_t tag;

		if (tph_expected_tag(&env, cpu, VM, &tag))
			tag_cpus[n_tag_cpus++] = cpu;
	}
	if (n_tag_cpus == 0) {
		fprintf(stderr, "no online CPU has a tag in the SSDT\n");
		return 1;
	}
	if (check_scenario(argv[1], &env) != 0)
		return 1;
	/* What firmware left is only there until the first vfio open. */
	if (argc == 2 && fw_left_enabled(&env, NULL))
		pre_ret = tph_run_cases(before_open, 1, &env, NULL);
	ret = tph_dev_open(&dev, env.bdf);
	if (ret != 0) {
		fprintf(stderr, "cannot open %s through vfio: %s\n", env.bdf,
			strerror(-ret));
		return 1;
	}
	if (strcmp(argv[1], "enotty") == 0) {
		ret = tph_run_cases(enotty_case, 2, &env, argv[2]);
		tph_dev_close(&dev);
		return ret;
	}

	if (env.emu)
		tph_set_after_case(emu_invariants);
	cases = calloc(nfixed + nbad, sizeof(*cases));
	if (cases == NULL)
		return 2;
	memcpy(cases, fixed_cases, sizeof(fixed_cases));
	n = nfixed;
	for (i = 0; i < nbad; i++) {
		cases[n].name = bad_inputs[i].name;
		cases[n].applies = bad_applies;
		cases[n].run = case_bad_input;
		cases[n].arg = &bad_inputs[i];
		n++;
	}
	ret = tph_run_cases(cases, n, &env, argc == 3 ? argv[2] : NULL);
	free(cases);
	tph_dev_close(&dev);
	return ret != 0 ? ret : pre_ret;
}
