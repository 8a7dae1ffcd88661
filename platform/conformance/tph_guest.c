/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tph_guest.h"
#include "tph_test.h"

#define EMU_DBG "/sys/kernel/debug/tph_emu/"
#define EMU_PARAM "/sys/module/tph_emu/parameters/"

/* Read a small sysfs/debugfs file without its trailing newline. */
static int
read_str(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return -errno;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

static int
read_u64(const char *path, uint64_t *val)
{
	char buf[64], *end;
	int ret = read_str(path, buf, sizeof(buf));

	if (ret != 0)
		return ret;
	errno = 0;
	*val = strtoull(buf, &end, 0);
	return errno != 0 || end == buf ? -EINVAL : 0;
}

int
tph_write_attr(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	n = n < 0 ? -errno : 0;
	close(fd);
	return n;
}

/* Count the CPUs of a list such as "0-3,5"; *last gets the highest. */
static unsigned int
cpu_list_count(const char *s, unsigned int *last)
{
	unsigned int count = 0, a, b;
	int used;

	*last = 0;
	while (*s != '\0') {
		if (sscanf(s, "%u-%u%n", &a, &b, &used) == 2) {
			s += used;
		} else if (sscanf(s, "%u%n", &a, &used) == 1) {
			b = a;
			s += used;
		} else {
			break;
		}
		count += b - a + 1;
		*last = b;
		if (*s == ',')
			s++;
	}
	return count;
}

static bool
cmdline_has(const char *word)
{
	char buf[4096], *tok, *save;

	if (read_str("/proc/cmdline", buf, sizeof(buf)) != 0)
		return false;
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	     tok = strtok_r(NULL, " ", &save))
		if (strcmp(tok, word) == 0)
			return true;
	return false;
}

static bool
cmdline_pci_notph(void)
{
	char buf[4096], *p, *opt, *save;

	if (read_str("/proc/cmdline", buf, sizeof(buf)) != 0)
		return false;
	for (p = strstr(buf, "pci="); p != NULL; p = strstr(p + 4, "pci=")) {
		char val[512];

		if (p != buf && p[-1] != ' ')
			continue;
		sscanf(p + 4, "%511s", val);
		for (opt = strtok_r(val, ",", &save); opt != NULL;
		     opt = strtok_r(NULL, ",", &save))
			if (strcmp(opt, "notph") == 0)
				return true;
	}
	return false;
}

static bool
ds_param_set(void)
{
	char buf[16];

	if (read_str("/sys/module/vfio_pci/parameters/enable_unsafe_tph_ds_mode",
		     buf, sizeof(buf)) == 0)
		return buf[0] == 'Y' || buf[0] == 'y' || buf[0] == '1';
	return cmdline_has("vfio_pci.enable_unsafe_tph_ds_mode=1") ||
	       cmdline_has("vfio_pci.enable_unsafe_tph_ds_mode=Y") ||
	       cmdline_has("vfio_pci.enable_unsafe_tph_ds_mode=y");
}

/* APIC ID of every Linux CPU, from /proc/cpuinfo; 0 or -1. */
static int
load_apic_ids(uint32_t *apic, unsigned int n)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	unsigned int cpu = ~0u, val;
	char line[256];

	if (f == NULL)
		return TPH_FAIL("cannot open /proc/cpuinfo");
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "processor : %u", &val) == 1)
			cpu = val;
		else if (sscanf(line, "apicid : %u", &val) == 1 && cpu < n)
			apic[cpu] = val;
	}
	fclose(f);
	return 0;
}

/*
 * ACPI processor UID of every CPU: the MADT (ACPI 6.x 5.2.12) maps APIC
 * IDs to UIDs, which is what the kernel passes to the _DSM.
 */
static int
load_uids(struct tph_env *env)
{
	static uint8_t madt[65536];
	uint32_t apic[TPH_MAX_CPUS];
	unsigned int cpu, off;
	bool found[TPH_MAX_CPUS] = { false };
	size_t len;
	FILE *f;

	memset(apic, 0xff, sizeof(apic));
	TPH_TRY(load_apic_ids(apic, TPH_MAX_CPUS));
	f = fopen("/sys/firmware/acpi/tables/APIC", "rb");
	if (f == NULL)
		return TPH_FAIL("cannot open the MADT");
	len = fread(madt, 1, sizeof(madt), f);
	fclose(f);
	/* Entries follow the 36-byte header, local APIC address and flags. */
	for (off = 44; off + 2 <= len && madt[off + 1] >= 2;
	     off += madt[off + 1]) {
		uint32_t id, uid;

		if (madt[off] == 0 && madt[off + 1] >= 8) {
			uid = madt[off + 2];	/* Processor Local APIC */
			id = madt[off + 3];
		} else if (madt[off] == 9 && madt[off + 1] >= 16) {
			memcpy(&id, &madt[off + 4], 4);	/* x2APIC */
			memcpy(&uid, &madt[off + 12], 4);
		} else {
			continue;
		}
		for (cpu = 0; cpu < env->nr_cpu_ids && cpu < TPH_MAX_CPUS; cpu++)
			if (apic[cpu] == id) {
				env->uid[cpu] = uid;
				found[cpu] = true;
			}
	}
	for (cpu = 0; cpu < env->nr_cpu_ids && cpu < TPH_MAX_CPUS; cpu++)
		if (apic[cpu] != 0xffffffffu && !found[cpu])
			return TPH_FAIL("CPU %u (APIC ID %u) is not in the MADT",
					cpu, apic[cpu]);
	return 0;
}

const char *
tph_nic_bdf(void)
{
	const char *bdf = getenv("TPH_NIC");

	return bdf != NULL && *bdf != '\0' ? bdf : "0000:01:00.0";
}

/* Entries of the MSI-X table, as tph_emu reads it from the BAR. */
static unsigned int
msix_table_size(void)
{
	FILE *f = fopen(EMU_DBG "msix_vc", "r");
	unsigned int idx, val, n = 0;

	if (f == NULL)
		return 0;
	while (fscanf(f, "%u %x", &idx, &val) == 2)
		n++;
	fclose(f);
	return n;
}

int
tph_env_load(struct tph_env *env, const char *bdf)
{
	char buf[256];
	uint64_t cap;
	unsigned int last, bus = 0;
	const char *pend = getenv("TPH_PENDING");

	memset(env, 0, sizeof(*env));
	env->bdf = bdf;
	env->pending = pend != NULL && strcmp(pend, "1") == 0;
	/* On q35 a PCIe device directly on bus 0 (pcie.0) is an RCiEP. */
	env->rciep = sscanf(bdf, "%*x:%x:", &bus) == 1 && bus == 0;
	env->notph = cmdline_pci_notph();
	env->ds_param = ds_param_set();

	if (read_str("/sys/devices/system/cpu/possible", buf, sizeof(buf)) != 0)
		return TPH_FAIL("no /sys/devices/system/cpu/possible");
	cpu_list_count(buf, &last);
	env->nr_cpu_ids = last + 1;
	if (read_str("/sys/devices/system/cpu/online", buf, sizeof(buf)) != 0)
		return TPH_FAIL("no /sys/devices/system/cpu/online");
	env->ncpus_online = cpu_list_count(buf, &last);
	if (load_uids(env) != 0)
		return -1;

	env->emu = access(EMU_DBG "cap", R_OK) == 0;
	/* platform/acpi/tph-dsm.asl's TPHI, 3 unless a variant is booted. */
	env->first_invalid_uid = 3;
	if (!env->emu)
		return 0;
	if (read_u64(EMU_DBG "first_invalid_uid", &cap) == 0)
		env->first_invalid_uid = cap;
	if (read_u64(EMU_DBG "cap", &cap) != 0)
		return TPH_FAIL("cannot read " EMU_DBG "cap");
	env->modes = cap & 0x7;
	env->ext_req = cap & (1u << 8);
	env->loc = (cap >> 9) & 0x3;
	env->st_field = env->loc != TPH_LOC_NONE ? ((cap >> 16) & 0x7ff) + 1 : 0;
	env->entries = env->st_field;
	if (env->loc == TPH_LOC_MSIX) {
		/* The MSI-X table must be decoded for tph_emu to read it. */
		env->msix_n = msix_table_size();
		if (env->msix_n == 0)
			return TPH_FAIL("cannot read " EMU_DBG "msix_vc");
		if (env->msix_n < env->entries)
			env->entries = env->msix_n;
	}
	env->fw_enabled = read_str(EMU_PARAM "fw_enabled", buf, sizeof(buf)) == 0 &&
			  buf[0] == 'Y';
	env->af = read_str(EMU_PARAM "af_pos", buf, sizeof(buf)) == 0 &&
		  strcmp(buf, "0") != 0;
	if (read_str(EMU_PARAM "absent", buf, sizeof(buf)) != 0)
		return TPH_FAIL("cannot read tph_emu parameters");
	env->absent = buf[0] == 'Y';
	if (read_str(EMU_PARAM "completer", buf, sizeof(buf)) != 0)
		return TPH_FAIL("cannot read tph_emu parameters");
	env->completer = strcmp(buf, "ext") == 0 ? 3 :
			 strcmp(buf, "tph") == 0 ? 1 : 0;
	/* An RCiEP's requester type is its own (no completer to match). */
	env->ext_tags = env->ext_req && (env->completer == 3 || env->rciep);
	return 0;
}

void
tph_env_print(const struct tph_env *env)
{
	static const char *const locs[] = { "none", "cap", "msix", "?" };
	unsigned int cpu;

	printf("env: device %s%s, tph_emu %s%s, modes 0x%x, ST %s x%u (field %u, MSI-X %u), ext_req %d, completer %u, %s tags%s%s\n",
	       env->bdf, env->rciep ? " (RCiEP)" : "",
	       env->emu ? "loaded" : "absent",
	       env->absent ? " (no capability)" : "", env->modes,
	       locs[env->loc & 3], env->entries, env->st_field, env->msix_n,
	       env->ext_req, env->completer,
	       env->ext_tags ? "16-bit" : "8-bit", env->af ? ", AF FLR" : "",
	       env->pending ? ", pending cases on" : "");
	printf("env: pci=notph %d, enable_unsafe_tph_ds_mode %d, nr_cpu_ids %u, online %u, first UID without tag %u, UIDs",
	       env->notph, env->ds_param, env->nr_cpu_ids, env->ncpus_online,
	       env->first_invalid_uid);
	for (cpu = 0; cpu < env->nr_cpu_ids && cpu < TPH_MAX_CPUS; cpu++)
		printf(" %u", env->uid[cpu]);
	printf("\n");
}

bool
tph_expected_tag(const struct tph_env *env, unsigned int cpu, uint8_t mem,
		 uint16_t *tag)
{
	uint32_t uid;

	if (cpu >= TPH_MAX_CPUS || cpu >= env->nr_cpu_ids)
		return false;
	uid = env->uid[cpu];
	if (uid >= env->first_invalid_uid)
		return false;
	if (env->ext_tags)
		*tag = (mem == VFIO_PCI_TPH_MEM_TYPE_VM ? 0x1100 : 0x2200) + uid;
	else
		*tag = (mem == VFIO_PCI_TPH_MEM_TYPE_VM ? 0x10 : 0x20) + uid;
	return true;
}

int
tph_cpu_without_tag(const struct tph_env *env)
{
	unsigned int cpu;
	uint16_t tag;

	for (cpu = 0; cpu < env->nr_cpu_ids && cpu < TPH_MAX_CPUS; cpu++)
		if (!tph_expected_tag(env, cpu, VFIO_PCI_TPH_MEM_TYPE_VM, &tag))
			return cpu;
	return -1;
}

uint32_t
tph_expected_ctrl(const struct tph_env *env, unsigned int mode)
{
	uint32_t sel = mode == VFIO_PCI_TPH_MODE_DS ? TPH_CTRL_MODE_DS :
		       TPH_CTRL_MODE_IV;

	return sel | (env->ext_tags ? TPH_CTRL_EN_EXT : TPH_CTRL_EN_TPH);
}

/* "index value" lines of a tph_emu table file into s->ent[]. */
static int
read_table(const char *path, struct tph_state *s)
{
	FILE *f = fopen(path, "r");
	unsigned int idx, val;

	if (f == NULL)
		return TPH_FAIL("cannot open %s", path);
	s->n = 0;
	while (s->n < TPH_MAX_ST && fscanf(f, "%u %x", &idx, &val) == 2) {
		if (idx != s->n) {
			fclose(f);
			return TPH_FAIL("%s out of order at %u", path, idx);
		}
		s->ent[s->n++] = val;
	}
	fclose(f);
	return 0;
}

int
tph_state_read(const struct tph_env *env, struct tph_dev *d,
	       struct tph_state *s)
{
	uint64_t ctrl;

	memset(s, 0, sizeof(*s));
	if (read_u64(EMU_DBG "ctrl", &ctrl) != 0)
		return TPH_FAIL("cannot read " EMU_DBG "ctrl");
	s->ctrl = ctrl;
	if (tph_emu_counters(&s->reads, &s->writes) != 0)
		return TPH_FAIL("cannot read tph_emu counters");
	(void)d;
	if (env->loc == TPH_LOC_CAP)
		return read_table(EMU_DBG "st_table", s);
	if (env->loc != TPH_LOC_MSIX)
		return 0;
	/*
	 * Read by the kernel from the BAR, not through a user mapping of
	 * the table, which the kernel under test may refuse while TPH is on.
	 */
	TPH_TRY(read_table(EMU_DBG "msix_vc", s));
	if (s->n != env->msix_n)
		return TPH_FAIL("MSI-X table shows %u entries, expected %u",
				s->n, env->msix_n);
	return 0;
}

uint16_t
tph_state_tag(const struct tph_env *env, const struct tph_state *s,
	      unsigned int idx)
{
	if (idx >= s->n)
		return 0xdead;
	/* MSI-X Vector Control: ST Lower 23:16, ST Upper 31:24. */
	return env->loc == TPH_LOC_MSIX ? s->ent[idx] >> 16 : s->ent[idx];
}

int
tph_state_same(const struct tph_env *env, const struct tph_state *a,
	       const struct tph_state *b, const char *what)
{
	unsigned int i;

	(void)env;
	if (a->ctrl != b->ctrl)
		return TPH_FAIL("%s: control register 0x%08x became 0x%08x",
				what, a->ctrl, b->ctrl);
	if (a->n != b->n)
		return TPH_FAIL("%s: table size %u became %u", what, a->n,
				b->n);
	for (i = 0; i < a->n; i++)
		if (a->ent[i] != b->ent[i])
			return TPH_FAIL("%s: ST entry %u 0x%08x became 0x%08x",
					what, i, a->ent[i], b->ent[i]);
	return 0;
}

int
tph_emu_reset_counters(void)
{
	return tph_write_attr(EMU_DBG "reset_counters", "1");
}

int
tph_emu_fail_st_write(unsigned int nth)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", nth);
	return tph_write_attr(EMU_DBG "fail_st_write", buf);
}

int
tph_emu_counters(uint64_t *reads, uint64_t *writes)
{
	if (read_u64(EMU_DBG "reads", reads) != 0 ||
	    read_u64(EMU_DBG "writes", writes) != 0)
		return -EIO;
	return 0;
}

int
tph_emu_counter(const char *name, uint64_t *val)
{
	char path[128];

	snprintf(path, sizeof(path), EMU_DBG "%s", name);
	return read_u64(path, val);
}

int
tph_emu_dsm(uint32_t uid, uint64_t *val)
{
	char buf[16];
	int ret;

	snprintf(buf, sizeof(buf), "%u", uid);
	ret = tph_write_attr(EMU_DBG "dsm_uid", buf);
	return ret != 0 ? ret : read_u64(EMU_DBG "dsm", val);
}

int
tph_cpu_set_online(unsigned int cpu, bool online)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/online",
		 cpu);
	return tph_write_attr(path, online ? "1" : "0");
}

/* cgroup v2 mount point: the usual one, made by the kernel with CGROUPS. */
#define CG_ROOT "/sys/fs/cgroup"
#define CG_TPH CG_ROOT "/tph"

int
tph_cpuset_enter(const char *cpus)
{
	int ret;

	if (access(CG_ROOT, F_OK) != 0)
		return -ENOSYS;	/* a kernel without CONFIG_CGROUPS */
	if (access(CG_ROOT "/cgroup.procs", F_OK) != 0 &&
	    mount("cgroup2", CG_ROOT, "cgroup2", 0, NULL) != 0)
		return -errno;
	ret = tph_write_attr(CG_ROOT "/cgroup.subtree_control", "+cpuset");
	if (ret != 0)
		return ret;
	if (mkdir(CG_TPH, 0755) != 0 && errno != EEXIST)
		return -errno;
	ret = tph_write_attr(CG_TPH "/cpuset.cpus", cpus);
	if (ret == 0)
		ret = tph_write_attr(CG_TPH "/cpuset.mems", "0");
	/* "0" is the writing process, all of its threads. */
	if (ret == 0)
		ret = tph_write_attr(CG_TPH "/cgroup.procs", "0");
	return ret;
}

int
tph_cpuset_leave(void)
{
	int ret = tph_write_attr(CG_ROOT "/cgroup.procs", "0");

	if (ret == 0 && rmdir(CG_TPH) != 0)
		ret = -errno;
	return ret;
}

int
tph_pin(int cpu)
{
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	if (cpu >= 0)
		CPU_SET(cpu, &set);
	else
		for (i = 0; i < CPU_SETSIZE; i++)
			CPU_SET(i, &set);
	return sched_setaffinity(0, sizeof(set), &set) < 0 ? -errno : 0;
}
