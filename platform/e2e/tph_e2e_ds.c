/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Guest helper of the end-to-end suite: Device Specific mode through
 * lib/tph itself, on a device no PMD drives (no PMD in this tree writes
 * DS tags on the emulated virtio-net). It maps the device through the PCI
 * bus as a PMD's probe would (VFIO, which registers it with lib/tph),
 * enables DS, looks up the tag of every guest CPU one at a time and of
 * the batch CPUs in one call, reads the device while DS is on
 * (tph_e2e_dev dev), disables TPH and reads it again. The host compares
 * the tags with the test SSDT's.
 *
 *   tph_e2e_ds <EAL arguments> -- <BDF> <nb CPUs> <batch CPUs, e.g. 0,1,2>
 *
 * Output lines (the host parses them, see e2e.py):
 *   E2E-DS cap rc=R modes=M
 *   E2E-DS enable rc=R error=TEXT
 *   E2E-DS st cpu=C rc=R tag=0xT error=TEXT
 *   E2E-DS batch rc=R tags=0xT,0xT,... error=TEXT
 *   E2E-DS-DEV enabled|disabled    followed by tph_e2e_dev's lines
 *   E2E-DS disable rc=R error=TEXT
 * R is 0 or a negative errno, TEXT lib/tph's sentence for it
 * (rte_tph_strerror()) or "none".
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bus_driver.h>
#include <bus_pci_driver.h>
#include <rte_bus.h>
#include <rte_bus_pci.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_interrupts.h>
#include <rte_tph.h>

#define MAX_CPUS 64

/* lib/tph's sentence for a refusal (rte_tph_strerror()), "none" for 0. */
static const char *
why(int rc, enum rte_tph_op op, unsigned int cpu, char *buf, size_t size)
{
	const struct rte_tph_refusal r = {
		.op = op,
		.mode = RTE_TPH_MODE_DS,
		.lcore_id = RTE_TPH_LCORE_NONE,
		.cpu = cpu,
	};

	if (rc == 0)
		return "none";
	return rte_tph_strerror(rc, &r, buf, size);
}

static void
say(const char *what, enum rte_tph_op op, int rc)
{
	char text[RTE_TPH_STRERROR_LEN];

	printf("E2E-DS %s rc=%d error=%s\n", what, rc,
		why(rc, op, RTE_TPH_CPU_NONE, text, sizeof(text)));
}

/* The device lines of tph_e2e_dev, under a label. */
static void
read_device(const char *label, const char *bdf)
{
	char cmd[64];

	printf("E2E-DS-DEV %s\n", label);
	fflush(stdout);
	snprintf(cmd, sizeof(cmd), "tph_e2e_dev dev %s", bdf);
	if (system(cmd) != 0)
		printf("E2E-DS-DEV error: tph_e2e_dev failed\n");
	fflush(stdout);
}

static int
name_cmp(const struct rte_device *dev, const void *name)
{
	return strcmp(rte_dev_name(dev), name);
}

/* The device as the PCI bus scanned it: no driver probes it here. */
static struct rte_device *
find_device(const char *bdf)
{
	struct rte_bus *bus = rte_bus_find_by_name("pci");

	if (bus == NULL)
		return NULL;
	return bus->find_device(NULL, name_cmp, bdf);
}

/* "0,1,2" -> CPUs; returns how many, -1 if malformed. */
static int
parse_cpus(const char *s, unsigned int *cpus)
{
	char *end;
	int n = 0;

	while (*s != '\0' && n < MAX_CPUS) {
		cpus[n++] = strtoul(s, &end, 10);
		if (end == s || (*end != ',' && *end != '\0'))
			return -1;
		s = *end == ',' ? end + 1 : end;
	}
	return n;
}

static void
lookups(struct rte_device *dev, unsigned int nb_cpus,
		const unsigned int *batch, int nb_batch)
{
	struct rte_tph_st_query q[MAX_CPUS];
	char text[RTE_TPH_STRERROR_LEN];
	unsigned int cpu;
	int i, rc;

	for (cpu = 0; cpu < nb_cpus; cpu++) {
		memset(q, 0, sizeof(q[0]));
		q[0].lcore_id = RTE_TPH_LCORE_NONE;
		q[0].cpu = cpu;
		q[0].mem_type = RTE_TPH_MEM_VOLATILE;
		rc = rte_tph_get_st(dev, q, 1);
		printf("E2E-DS st cpu=%u rc=%d tag=0x%04x error=%s\n", cpu, rc,
			rc == 0 ? q[0].st : 0,
			why(rc, RTE_TPH_OP_GET_ST, cpu, text, sizeof(text)));
	}
	memset(q, 0, sizeof(q));
	for (i = 0; i < nb_batch; i++) {
		q[i].lcore_id = RTE_TPH_LCORE_NONE;
		q[i].cpu = batch[i];
		q[i].mem_type = RTE_TPH_MEM_VOLATILE;
	}
	rc = rte_tph_get_st(dev, q, nb_batch);
	printf("E2E-DS batch rc=%d tags=", rc);
	for (i = 0; i < nb_batch; i++)
		printf("%s0x%04x", i == 0 ? "" : ",", rc == 0 ? q[i].st : 0);
	printf(" error=%s\n", why(rc, RTE_TPH_OP_GET_ST, RTE_TPH_CPU_NONE, text,
		sizeof(text)));
}

int
main(int argc, char **argv)
{
	unsigned int batch[MAX_CPUS];
	struct rte_pci_device *pdev;
	struct rte_tph_cap cap;
	struct rte_device *dev;
	const char *bdf;
	int n, nb_batch, rc;

	n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, "E2E-DS error: EAL init failed\n");
		return 1;
	}
	argc -= n;
	argv += n;
	if (argc != 4 || (nb_batch = parse_cpus(argv[3], batch)) <= 0) {
		fprintf(stderr, "usage: tph_e2e_ds <EAL args> -- BDF NB_CPUS CPU,CPU...\n");
		return 2;
	}
	bdf = argv[1];
	dev = find_device(bdf);
	if (dev == NULL) {
		printf("E2E-DS error: no PCI device %s\n", bdf);
		return 1;
	}
	/*
	 * Mapping through VFIO registers the device with lib/tph. The bus
	 * gives a device its interrupt handles when a driver probes it:
	 * mapping needs them (the VFIO device fd lives there).
	 */
	pdev = RTE_DEV_TO_PCI(dev);
	pdev->intr_handle = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	pdev->vfio_req_intr_handle =
		rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (pdev->intr_handle == NULL || pdev->vfio_req_intr_handle == NULL) {
		printf("E2E-DS error: no memory for interrupt handles\n");
		return 1;
	}
	rc = rte_pci_map_device(pdev);
	if (rc != 0) {
		printf("E2E-DS error: cannot map %s (%d)\n", bdf, rc);
		return 1;
	}
	rc = rte_tph_cap_get(dev, &cap);
	printf("E2E-DS cap rc=%d modes=0x%x\n", rc, rc == 0 ? cap.modes : 0);
	rc = rte_tph_enable(dev, RTE_TPH_MODE_DS);
	say("enable", RTE_TPH_OP_ENABLE, rc);
	if (rc == 0) {
		lookups(dev, strtoul(argv[2], NULL, 10), batch, nb_batch);
		read_device("enabled", bdf);
		say("disable", RTE_TPH_OP_DISABLE, rte_tph_disable(dev));
	}
	read_device("disabled", bdf);
	rte_pci_unmap_device(pdev);
	rte_eal_cleanup();
	printf("E2E-DS done\n");
	return 0;
}
