/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Guest helper of the end-to-end suite: prints, in a form the host parses,
 * what the DEVICE holds, independently of DPDK and of the VFIO fd that
 * testpmd owns:
 *
 *   tph_e2e_dev dev [BDF]   TPH Requester registers and every ST entry,
 *                           read from config space (table in the
 *                           capability) or from the MSI-X table through a
 *                           mmap of the BAR's sysfs resource file (table in
 *                           MSI-X: the tag is in the Vector Control dword)
 *   tph_e2e_dev cpus        Linux CPU -> APIC ID -> ACPI processor UID,
 *                           from /proc/cpuinfo and the MADT
 *
 * Output lines:
 *   E2E-DEV bdf=B cap=none
 *   E2E-DEV bdf=B cap=0x100 capreg=0x.. ctrl=0x.. mode=M enable=E loc=L
 *           size=N msix=on|off
 *   E2E-ST <index> 0x<16-bit tag>
 *   E2E-CPU cpu=C apicid=A uid=U
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* PCIe Base Spec r6.x 7.9.13: TPH Requester Extended Capability. */
#define EXT_CAP_START 0x100
#define EXT_CAP_ID_TPH 0x17
#define TPH_REG_CAP 0x04
#define TPH_REG_CTRL 0x08
#define TPH_REG_TABLE 0x0c
#define TPH_CAP_LOC(c) (((c) >> 9) & 0x3)
#define TPH_CAP_SIZE(c) ((((c) >> 16) & 0x7ff) + 1)
#define TPH_LOC_NONE 0
#define TPH_LOC_CAP 1
#define TPH_LOC_MSIX 2
/* PCI Local Bus 3.0 6.8.2: MSI-X capability. */
#define PCI_COMMAND 0x04
#define PCI_COMMAND_MEMORY 0x2
#define PCI_CAP_PTR 0x34
#define CAP_ID_MSIX 0x11
#define MSIX_CTRL 2
#define MSIX_TABLE 4
#define MSIX_ENTRY_SIZE 16
#define MSIX_VECTOR_CTRL 12
/* ACPI 6.x 5.2.12: MADT entries after a 44-byte header. */
#define MADT_HDR 44
#define MADT_LAPIC 0
#define MADT_X2APIC 9
#define MAX_CPUS 256

static int cfg_fd = -1;

static int
cfg_read(unsigned int off, void *buf, size_t len)
{
	if (pread(cfg_fd, buf, len, off) != (ssize_t)len) {
		fprintf(stderr, "tph_e2e_dev: config read at 0x%x failed: %s\n",
			off, strerror(errno));
		return -1;
	}
	return 0;
}

static int
cfg_write(unsigned int off, const void *buf, size_t len)
{
	if (pwrite(cfg_fd, buf, len, off) != (ssize_t)len) {
		fprintf(stderr, "tph_e2e_dev: config write at 0x%x failed: %s\n",
			off, strerror(errno));
		return -1;
	}
	return 0;
}

/* Offset of an extended capability, 0 if absent, -1 on error. */
static int
ext_cap_find(uint16_t id)
{
	unsigned int pos = EXT_CAP_START, n;
	uint32_t hdr;

	for (n = 0; pos >= EXT_CAP_START && n < 480; n++) {
		if (cfg_read(pos, &hdr, 4) < 0)
			return -1;
		if (hdr == 0 || hdr == UINT32_MAX)
			return 0;
		if ((hdr & 0xffff) == id)
			return (int)pos;
		pos = hdr >> 20;
	}
	return 0;
}

/* Offset of a standard capability, 0 if absent, -1 on error. */
static int
cap_find(uint8_t id)
{
	uint8_t pos, hdr[2];
	unsigned int n;

	if (cfg_read(PCI_CAP_PTR, &pos, 1) < 0)
		return -1;
	for (n = 0; pos != 0 && n < 48; n++) {
		if (cfg_read(pos, hdr, 2) < 0)
			return -1;
		if (hdr[0] == id)
			return pos;
		pos = hdr[1];
	}
	return 0;
}

/* Print the tag bits (31:16) of the Vector Control dword of n entries. */
static int
msix_dump(const char *bdf, int msix, unsigned int n)
{
	uint32_t table, vc;
	uint16_t cmd, cmd_on;
	size_t len, off;
	char path[128];
	unsigned int i;
	void *map;
	int fd, ret = 0;

	if (cfg_read(msix + MSIX_TABLE, &table, 4) < 0)
		return -1;
	off = table & ~0x7u;
	len = off + (size_t)n * MSIX_ENTRY_SIZE;
	len = (len + 4095) & ~(size_t)4095;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource%u",
		bdf, table & 0x7);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "tph_e2e_dev: %s: %s\n", path, strerror(errno));
		return -1;
	}
	map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		fprintf(stderr, "tph_e2e_dev: mmap %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	/* A closed VFIO device has memory decoding off: turn it on to read. */
	if (cfg_read(PCI_COMMAND, &cmd, 2) < 0) {
		munmap(map, len);
		return -1;
	}
	cmd_on = cmd | PCI_COMMAND_MEMORY;
	if (cmd != cmd_on && cfg_write(PCI_COMMAND, &cmd_on, 2) < 0) {
		munmap(map, len);
		return -1;
	}
	for (i = 0; i < n; i++) {
		vc = *(volatile uint32_t *)((char *)map + off +
			i * MSIX_ENTRY_SIZE + MSIX_VECTOR_CTRL);
		printf("E2E-ST %u 0x%04x\n", i, vc >> 16);
	}
	if (cmd != cmd_on && cfg_write(PCI_COMMAND, &cmd, 2) < 0)
		ret = -1;
	munmap(map, len);
	return ret;
}

static int
dev_dump(const char *bdf)
{
	static const char *const loc_name[] = { "none", "cap", "msix", "rsvd" };
	uint32_t capreg, ctrl;
	uint16_t msix_ctrl = 0, ent;
	unsigned int i, size;
	char path[128];
	int tph, msix;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", bdf);
	cfg_fd = open(path, O_RDWR);
	if (cfg_fd < 0) {
		fprintf(stderr, "tph_e2e_dev: %s: %s\n", path, strerror(errno));
		return 1;
	}
	tph = ext_cap_find(EXT_CAP_ID_TPH);
	msix = cap_find(CAP_ID_MSIX);
	if (tph < 0 || msix < 0)
		return 1;
	if (tph == 0) {
		printf("E2E-DEV bdf=%s cap=none\n", bdf);
		return 0;
	}
	if (cfg_read(tph + TPH_REG_CAP, &capreg, 4) < 0 ||
			cfg_read(tph + TPH_REG_CTRL, &ctrl, 4) < 0)
		return 1;
	if (msix > 0 && cfg_read(msix + MSIX_CTRL, &msix_ctrl, 2) < 0)
		return 1;
	size = TPH_CAP_SIZE(capreg);
	if (TPH_CAP_LOC(capreg) == TPH_LOC_MSIX)
		size = msix > 0 ? (msix_ctrl & 0x7ffu) + 1 : 0;
	else if (TPH_CAP_LOC(capreg) == TPH_LOC_NONE)
		size = 0;
	printf("E2E-DEV bdf=%s cap=0x%x capreg=0x%08x ctrl=0x%08x mode=%u enable=%u loc=%s size=%u msix=%s\n",
		bdf, tph, capreg, ctrl, ctrl & 0x7, (ctrl >> 8) & 0x3,
		loc_name[TPH_CAP_LOC(capreg)], size,
		(msix_ctrl & 0x8000) ? "on" : "off");
	if (TPH_CAP_LOC(capreg) == TPH_LOC_CAP) {
		for (i = 0; i < size; i++) {
			if (cfg_read(tph + TPH_REG_TABLE + 2 * i, &ent, 2) < 0)
				return 1;
			printf("E2E-ST %u 0x%04x\n", i, ent);
		}
	} else if (TPH_CAP_LOC(capreg) == TPH_LOC_MSIX && size > 0) {
		if (msix_dump(bdf, msix, size) < 0)
			return 1;
	}
	return 0;
}

/* APIC ID of each CPU listed in /proc/cpuinfo. */
static int
cpus_apic(long *apic, unsigned int *ncpu)
{
	char line[256];
	long cpu = -1, v;
	FILE *f;

	f = fopen("/proc/cpuinfo", "r");
	if (f == NULL) {
		perror("tph_e2e_dev: /proc/cpuinfo");
		return -1;
	}
	*ncpu = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "processor : %ld", &v) == 1)
			cpu = v;
		else if (sscanf(line, "apicid : %ld", &v) == 1 &&
				cpu >= 0 && cpu < MAX_CPUS) {
			apic[cpu] = v;
			if ((unsigned int)cpu + 1 > *ncpu)
				*ncpu = cpu + 1;
		}
	}
	fclose(f);
	return 0;
}

static int
cpus_dump(void)
{
	static uint8_t madt[65536];
	long apic[MAX_CPUS];
	unsigned int ncpu, cpu;
	size_t len, off;
	uint32_t id, uid;
	FILE *f;
	bool found;

	memset(apic, 0xff, sizeof(apic));
	if (cpus_apic(apic, &ncpu) < 0)
		return 1;
	f = fopen("/sys/firmware/acpi/tables/APIC", "rb");
	if (f == NULL) {
		perror("tph_e2e_dev: MADT");
		return 1;
	}
	len = fread(madt, 1, sizeof(madt), f);
	fclose(f);
	for (cpu = 0; cpu < ncpu; cpu++) {
		found = false;
		for (off = MADT_HDR; off + 2 <= len && madt[off + 1] >= 2;
				off += madt[off + 1]) {
			if (madt[off] == MADT_LAPIC && madt[off + 1] >= 8) {
				uid = madt[off + 2];
				id = madt[off + 3];
			} else if (madt[off] == MADT_X2APIC &&
					madt[off + 1] >= 16) {
				memcpy(&id, &madt[off + 4], 4);
				memcpy(&uid, &madt[off + 12], 4);
			} else {
				continue;
			}
			if (apic[cpu] >= 0 && id == (uint32_t)apic[cpu]) {
				found = true;
				break;
			}
		}
		if (!found) {
			fprintf(stderr, "tph_e2e_dev: CPU %u (APIC ID %ld) is not in the MADT\n",
				cpu, apic[cpu]);
			return 1;
		}
		printf("E2E-CPU cpu=%u apicid=%ld uid=%" PRIu32 "\n", cpu,
			apic[cpu], uid);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "dev") == 0 && argc <= 3)
		return dev_dump(argc == 3 ? argv[2] : "0000:01:00.0");
	if (argc == 2 && strcmp(argv[1], "cpus") == 0)
		return cpus_dump();
	fprintf(stderr, "usage: %s dev [BDF] | cpus\n", argv[0]);
	return 2;
}
