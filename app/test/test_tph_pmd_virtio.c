/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * net/virtio TPH (Interrupt Vector mode) without a device.
 *
 * What runs here: the queue to MSI-X vector layout, the decision whether
 * a device has enough vectors and ST entries, and the PMD's real TPH
 * callbacks (virtio_tph_*) on a fake port whose device is a simulated TPH
 * requester registered with lib/tph: each call of the PMD, whatever its
 * number of queues, must reach the backend as exactly one set_st batch
 * with (index = queue vector, CPU of the lcore), also through ethdev.
 * Programming the vectors into a virtio device and enabling MSI-X
 * through VFIO need the device: the test records the vector layout the
 * way that setup does once the device accepted it (virtio_tph_layout_set)
 * and a run on a real or QEMU device covers the rest.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>

#include "test.h"
#include "test_tph_pmd_sim.h"

#include "virtio.h"
#include "virtio_tph.h"

static struct tph_sim_dev sim;
static struct virtio_hw *sim_hw;
static struct rte_eth_dev *port;
static unsigned int main_lcore, main_cpu;

/* A QEMU NIC: virtio-net-pci mq=on vectors=6, 2 pairs. */
#define EMU_MSIX_VECTORS 6

/* The TPH part of the PMD's eth_dev_ops, as virtio_ethdev.c sets it. */
static const struct eth_dev_ops virtio_tph_test_ops = {
	.tph_caps_get = virtio_tph_caps_get,
	.tph_mode_set = virtio_tph_mode_set,
	.tph_queues_bind = virtio_tph_queues_bind,
	.tph_queues_unbind = virtio_tph_queues_unbind,
	.tph_queue_info_get = virtio_tph_queue_info_get,
};

/* A TPH requester with IV only, its ST table in MSI-X. */
static const struct tph_sim_pmd virtio_pmd = {
	.name = "tph_pmd_virtio",
	.modes = RTE_TPH_CAP_MODE_IV,
	.st_location = RTE_TPH_ST_LOC_MSIX,
	.st_table_size = EMU_MSIX_VECTORS,
	.ops = &virtio_tph_test_ops,
	.nb_queues = 2,
	.mode = RTE_TPH_MODE_IV,
	.dev_close = virtio_tph_dev_close,
};

/* A device with IV and DS: the PMD still has no DS. */
static const struct tph_sim_pmd virtio_ds_pmd = {
	.name = "tph_pmd_virtio_ds",
	.modes = RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS,
	.st_location = RTE_TPH_ST_LOC_MSIX,
	.st_table_size = EMU_MSIX_VECTORS,
	.ops = &virtio_tph_test_ops,
	.nb_queues = 2,
	.mode = RTE_TPH_MODE_IV,
	.dev_close = virtio_tph_dev_close,
};

/* The PMD's callbacks on one queue: what ethdev passes for a single queue. */
static int
bind1(enum rte_eth_tph_queue_dir dir, uint16_t q, unsigned int lcore_id,
		enum rte_tph_mem_type mem_type)
{
	return tph_sim_pmd_bind1(&virtio_pmd, port, dir, q, lcore_id, mem_type);
}

static int
unbind1(enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	return tph_sim_pmd_unbind1(&virtio_pmd, port, dir, q);
}

/* Where a queue's vector is: Rx q -> 1 + q (as Rx interrupts), Tx q -> 1 + nb_rx + q. */
struct queue_vector_case {
	uint16_t nb_rx;
	uint16_t nb_tx;
	enum rte_eth_tph_queue_dir dir;
	uint16_t queue_id;
	uint16_t vector;
	const char *what;
};

static const struct queue_vector_case queue_vector_cases[] = {
	{ 2, 2, RTE_ETH_TPH_QUEUE_RX, 0, 1, "Rx 0" },
	{ 2, 2, RTE_ETH_TPH_QUEUE_RX, 1, 2, "Rx 1" },
	{ 2, 2, RTE_ETH_TPH_QUEUE_TX, 0, 3, "Tx 0" },
	{ 2, 2, RTE_ETH_TPH_QUEUE_TX, 1, 4, "Tx 1" },
	{ 3, 1, RTE_ETH_TPH_QUEUE_TX, 0, 4, "Tx 0 after 3 Rx" },
};

static int
test_virtio_tph_layout(void)
{
	const struct queue_vector_case *c;
	uint16_t vec = 0xdead;
	unsigned int i;

	TEST_ASSERT_EQUAL(virtio_tph_vectors_needed(2, 2), 5u,
		"2 queue pairs need config + 4 vectors");
	TEST_ASSERT_EQUAL(virtio_tph_vectors_needed(3, 1), 5u, "3 Rx + 1 Tx");
	TEST_ASSERT_EQUAL(virtio_tph_vectors_needed(0, 0), 1u, "config only");

	for (i = 0; i < RTE_DIM(queue_vector_cases); i++) {
		c = &queue_vector_cases[i];
		TEST_ASSERT_SUCCESS(virtio_tph_queue_vector(c->nb_rx, c->nb_tx,
			c->dir, c->queue_id, &vec), "%s", c->what);
		TEST_ASSERT_EQUAL(vec, c->vector, "%s on vector %u, got %u",
			c->what, c->vector, vec);
	}

	/* Queues outside the layout, a bad direction, the 16-bit limit. */
	vec = 0xdead;
	TEST_ASSERT_EQUAL(virtio_tph_queue_vector(2, 2, RTE_ETH_TPH_QUEUE_RX,
		2, &vec), -EINVAL, "Rx 2 of 2");
	TEST_ASSERT_EQUAL(virtio_tph_queue_vector(2, 2, RTE_ETH_TPH_QUEUE_TX,
		2, &vec), -EINVAL, "Tx 2 of 2");
	TEST_ASSERT_EQUAL(virtio_tph_queue_vector(2, 2,
		(enum rte_eth_tph_queue_dir)7, 0, &vec), -EINVAL, "bad dir");
	TEST_ASSERT_EQUAL(virtio_tph_queue_vector(UINT16_MAX, 1,
		RTE_ETH_TPH_QUEUE_TX, 0, &vec), -EINVAL,
		"vector 0x10000 does not exist");
	TEST_ASSERT_EQUAL(virtio_tph_queue_vector(UINT16_MAX - 1, 1,
		RTE_ETH_TPH_QUEUE_TX, 0, &vec), -EINVAL,
		"vector 0xffff means no vector");
	TEST_ASSERT_EQUAL(vec, 0xdead, "vector written on failure");
	return TEST_SUCCESS;
}

static int
test_virtio_tph_iv_check(void)
{
	struct rte_tph_cap msix6 = {
		.modes = RTE_TPH_CAP_MODE_IV,
		.st_location = RTE_TPH_ST_LOC_MSIX,
		.st_table_size = EMU_MSIX_VECTORS,
	};
	struct rte_tph_cap cap4 = {
		.modes = RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS,
		.st_location = RTE_TPH_ST_LOC_CAP,
		.st_table_size = 4,
	};
	struct rte_tph_cap notable = {
		.modes = RTE_TPH_CAP_MODE_IV,
		.st_location = RTE_TPH_ST_LOC_NONE,
	};
	struct rte_tph_cap ds_only = {
		.modes = RTE_TPH_CAP_MODE_DS,
	};
	char why[160];

	/* 6 vectors: 2 pairs fit, 3 pairs do not. */
	TEST_ASSERT_SUCCESS(virtio_tph_iv_check(&msix6, EMU_MSIX_VECTORS, 2, 2,
		why, sizeof(why)), "2 pairs on vectors=6: %s", why);
	TEST_ASSERT_SUCCESS(virtio_tph_iv_check(&msix6, EMU_MSIX_VECTORS, 1, 1,
		why, sizeof(why)), "1 pair on vectors=6: %s", why);
	TEST_ASSERT_EQUAL(virtio_tph_iv_check(&msix6, EMU_MSIX_VECTORS, 3, 3,
		why, sizeof(why)), -ENOSPC, "3 pairs need 7 vectors");
	TEST_ASSERT(strstr(why, "7 MSI-X vectors needed") != NULL &&
		strstr(why, "has 6") != NULL, "reason: %s", why);
	/* Exactly enough: config + 5 queues = 6. */
	TEST_ASSERT_SUCCESS(virtio_tph_iv_check(&msix6, EMU_MSIX_VECTORS, 3, 2,
		why, sizeof(why)), "3 Rx + 2 Tx on 6 vectors: %s", why);

	/* Vectors enough but an ST table in the capability too small. */
	TEST_ASSERT_EQUAL(virtio_tph_iv_check(&cap4, 64, 2, 2, why,
		sizeof(why)), -ENOSPC, "5 entries in a 4-entry table");
	TEST_ASSERT(strstr(why, "steering tag entries") != NULL, "reason: %s",
		why);
	TEST_ASSERT_SUCCESS(virtio_tph_iv_check(&cap4, 64, 2, 1, NULL, 0),
		"4 entries in a 4-entry table");

	/* No MSI-X, or IV without a table: never. */
	TEST_ASSERT_EQUAL(virtio_tph_iv_check(&msix6, 0, 1, 1, why,
		sizeof(why)), -ENOTSUP, "no MSI-X");
	TEST_ASSERT_EQUAL(virtio_tph_iv_check(&notable, 64, 1, 1, why,
		sizeof(why)), -ENOTSUP, "IV without table");

	/* The device's modes are ethdev's check, not the PMD's. */
	TEST_ASSERT_SUCCESS(virtio_tph_iv_check(NULL, EMU_MSIX_VECTORS, 2, 2,
		NULL, 0), "unknown device capability");
	TEST_ASSERT_SUCCESS(virtio_tph_iv_check(&ds_only, EMU_MSIX_VECTORS, 2,
		2, NULL, 0), "DS-only device");
	TEST_ASSERT_EQUAL(virtio_tph_iv_check(NULL, EMU_MSIX_VECTORS, 3, 3,
		NULL, 0), -ENOSPC, "too few vectors whatever the device");
	return TEST_SUCCESS;
}

static int
test_virtio_tph_bind_entry(void)
{
	struct rte_tph_st_entry e;

	memset(&e, 0xa5, sizeof(e));
	TEST_ASSERT_SUCCESS(virtio_tph_bind_entry(2, 2, RTE_ETH_TPH_QUEUE_TX, 1,
		main_lcore, RTE_TPH_MEM_PERSISTENT, &e), "Tx 1");
	TEST_ASSERT_EQUAL(e.index, 4, "index %u", e.index);
	TEST_ASSERT_EQUAL(e.lcore_id, main_lcore, "lcore %u", e.lcore_id);
	TEST_ASSERT_EQUAL(e.mem_type, RTE_TPH_MEM_PERSISTENT, "mem type");

	memset(&e, 0xa5, sizeof(e));
	TEST_ASSERT_EQUAL(virtio_tph_bind_entry(2, 2, RTE_ETH_TPH_QUEUE_RX, 2,
		main_lcore, RTE_TPH_MEM_VOLATILE, &e), -EINVAL, "Rx 2 of 2");
	TEST_ASSERT_EQUAL(e.index, 0xa5a5, "entry written on failure");
	return TEST_SUCCESS;
}

/* Fresh simulated device as pmd describes it, and a fake port on it. */
static int
port_setup(const struct tph_sim_pmd *pmd)
{
	sim_hw = calloc(1, sizeof(*sim_hw));
	TEST_ASSERT_NOT_NULL(sim_hw, "no memory");
	if (tph_sim_pmd_setup(pmd, &sim, sim_hw, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	sim_hw->port_id = port->data->port_id;
	return TEST_SUCCESS;
}

static void
port_teardown(const struct tph_sim_pmd *pmd)
{
	tph_sim_pmd_teardown(pmd, &sim, &port);
	free(sim_hw);
	sim_hw = NULL;
}

/* An IV-only device. */
static int
ut_setup(void)
{
	return port_setup(&virtio_pmd);
}

static void
ut_teardown(void)
{
	port_teardown(&virtio_pmd);
}

/* A device with IV and DS. */
static int
ut_setup_ds(void)
{
	return port_setup(&virtio_ds_pmd);
}

static void
ut_teardown_ds(void)
{
	port_teardown(&virtio_ds_pmd);
}

/* Check that the backend got exactly one batch of one entry. */
static int
check_one_set(uint16_t index, uint32_t cpu, uint8_t mem_type)
{
	TEST_ASSERT_EQUAL(sim.nb_set_st, 1u, "%u set_st batches, 1 expected",
		sim.nb_set_st);
	TEST_ASSERT_EQUAL(sim.last_set_n, 1u, "%u entries, 1 expected",
		sim.last_set_n);
	TEST_ASSERT_EQUAL(sim.last_set[0].index, index, "index %u, %u expected",
		sim.last_set[0].index, index);
	TEST_ASSERT_EQUAL(sim.last_set[0].cpu, cpu, "CPU %u, %u expected",
		sim.last_set[0].cpu, cpu);
	TEST_ASSERT_EQUAL(sim.last_set[0].mem_type, mem_type, "mem type %u",
		sim.last_set[0].mem_type);
	return TEST_SUCCESS;
}

static int
test_virtio_tph_bind(void)
{
	/* Rx 1, Tx 0 (persistent memory), Tx 1, Rx 0 on vectors 2, 3, 4, 1. */
	const struct rte_eth_tph_queue_binding four[] = {
		{ RTE_ETH_TPH_QUEUE_RX, 1, main_lcore, RTE_TPH_MEM_VOLATILE },
		{ RTE_ETH_TPH_QUEUE_TX, 0, main_lcore, RTE_TPH_MEM_PERSISTENT },
		{ RTE_ETH_TPH_QUEUE_TX, 1, main_lcore, RTE_TPH_MEM_VOLATILE },
		{ RTE_ETH_TPH_QUEUE_RX, 0, main_lcore, RTE_TPH_MEM_VOLATILE },
	};
	const uint16_t four_index[] = { 2, 3, 4, 1 };
	const struct rte_eth_tph_queue_ref rest[] = {
		{ RTE_ETH_TPH_QUEUE_TX, 0 }, { RTE_ETH_TPH_QUEUE_TX, 1 },
		{ RTE_ETH_TPH_QUEUE_RX, 0 },
	};
	struct rte_eth_tph_queue_binding bad[RTE_DIM(four)];
	struct rte_eth_tph_queue_info info;
	struct rte_tph_entry_info ents[8];
	uint32_t modes = 0xff;
	unsigned int i;

	/* Not a PCI device (like virtio-user): no IV, said at INFO level. */
	TEST_ASSERT_SUCCESS(virtio_tph_caps_get(port, &modes), "caps_get");
	TEST_ASSERT_EQUAL(modes, 0u, "modes 0x%x on a device without PCI",
		modes);

	TEST_ASSERT_EQUAL(virtio_tph_mode_set(port, RTE_TPH_MODE_DS), -ENOTSUP,
		"virtio has no DS mode");
	/* Stopped port: the mode is recorded, the device is not touched. */
	TEST_ASSERT_SUCCESS(virtio_tph_mode_set(port, RTE_TPH_MODE_IV),
		"mode iv");
	TEST_ASSERT_EQUAL(sim.nb_set_st + sim.nb_enable + sim.nb_disable, 0u,
		"mode_set called the backend");

	/* Before the vectors are in the device, nothing can be programmed. */
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 0,
		main_lcore, RTE_TPH_MEM_VOLATILE), -EIO, "bind without vectors");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 0u, "set_st without vectors");

	/* dev_start's vector setup accepted 2 Rx + 2 Tx queues. */
	virtio_tph_layout_set(port, 2, 2);

	/* The four queues in one call: one set_st batch, index = vector. */
	TEST_ASSERT_SUCCESS(virtio_tph_queues_bind(port, four, RTE_DIM(four)),
		"bind 2 Rx + 2 Tx queues");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 1u, "%u set_st batches, 1 expected",
		sim.nb_set_st);
	TEST_ASSERT_EQUAL(sim.last_set_n, 4u, "%u entries, 4 expected",
		sim.last_set_n);
	for (i = 0; i < RTE_DIM(four); i++) {
		TEST_ASSERT_EQUAL(sim.last_set[i].index, four_index[i],
			"entry %u: index %u, %u expected", i,
			sim.last_set[i].index, four_index[i]);
		TEST_ASSERT_EQUAL(sim.last_set[i].cpu, main_cpu, "entry %u: CPU %u",
			i, sim.last_set[i].cpu);
		TEST_ASSERT_EQUAL(sim.last_set[i].mem_type, four[i].mem_type,
			"entry %u: mem type", i);
		TEST_ASSERT_EQUAL(sim.hw_cpu[four_index[i]], main_cpu,
			"entry %u not programmed", four_index[i]);
	}

	/* One queue outside the programmed layout: no request at all. */
	tph_sim_clear_calls(&sim);
	memcpy(bad, four, sizeof(bad));
	bad[0].mem_type = RTE_TPH_MEM_PERSISTENT;
	bad[2].queue_id = 2;
	TEST_ASSERT_EQUAL(virtio_tph_queues_bind(port, bad, RTE_DIM(bad)),
		-EINVAL, "batch with Tx 2 of 2");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 0u, "set_st for a bad batch");
	TEST_ASSERT_EQUAL(sim.hw_mem[2], RTE_TPH_MEM_VOLATILE,
		"entry 2 changed by a refused batch");

	/* Binding again replaces, still one batch. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 1,
		main_lcore, RTE_TPH_MEM_PERSISTENT), "rebind Rx 1");
	if (check_one_set(2, main_cpu, RTE_TPH_MEM_PERSISTENT) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(sim.hw_mem[2], RTE_TPH_MEM_PERSISTENT,
		"entry 2 not replaced");

	/* Config vector 0 never gets an entry. */
	TEST_ASSERT_EQUAL(sim.hw_cpu[0], RTE_TPH_CPU_CLEAR, "entry 0 set");
	TEST_ASSERT_EQUAL(sim.hw_cpu[5], RTE_TPH_CPU_CLEAR, "entry 5 set");

	/* A queue outside the programmed layout reaches nothing. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 2,
		main_lcore, RTE_TPH_MEM_VOLATILE), -EINVAL, "Tx 2 of 2");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 0u, "set_st for a bad queue");

	/* The backend refuses: the queue's previous entry stays. */
	sim.fail_set_st = -EIO;
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_TX, 1,
		main_lcore, RTE_TPH_MEM_PERSISTENT), -EIO, "backend failure");
	sim.fail_set_st = 0;
	TEST_ASSERT_EQUAL(sim.hw_cpu[4], main_cpu, "entry 4 lost");
	TEST_ASSERT_EQUAL(sim.hw_mem[4], RTE_TPH_MEM_VOLATILE, "entry 4 changed");

	/* info: the ST index of each queue is its vector. */
	memset(&info, 0, sizeof(info));
	TEST_ASSERT_SUCCESS(virtio_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_TX,
		1, &info), "info Tx 1");
	TEST_ASSERT(info.st_index_valid && info.st_index == 4,
		"Tx 1 index %u valid %d", info.st_index, info.st_index_valid);
	TEST_ASSERT(!info.st_valid, "IV mode cannot know the tag");

	/* Unbind clears exactly the queue's entry, in one batch. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_RX, 1), "unbind Rx 1");
	if (check_one_set(2, RTE_TPH_CPU_CLEAR, RTE_TPH_MEM_VOLATILE) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(sim.hw_cpu[2], RTE_TPH_CPU_CLEAR, "entry 2 kept");
	TEST_ASSERT_EQUAL(rte_tph_entries_get(&sim.dev, ents, RTE_DIM(ents)), 3,
		"3 entries left");
	TEST_ASSERT(ents[0].index == 1 && ents[1].index == 3 &&
		ents[2].index == 4, "entries %u %u %u", ents[0].index,
		ents[1].index, ents[2].index);

	/* What ethdev does before mode off: unbind every queue, one batch. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(virtio_tph_queues_unbind(port, rest, RTE_DIM(rest)),
		"unbind the 3 other queues");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 1u, "%u set_st for 3 clears",
		sim.nb_set_st);
	TEST_ASSERT_EQUAL(sim.last_set_n, 3u, "%u entries cleared",
		sim.last_set_n);
	for (i = 0; i < 3; i++)
		TEST_ASSERT_EQUAL(sim.last_set[i].cpu, RTE_TPH_CPU_CLEAR,
			"entry %u of the clear batch sets a CPU", i);
	TEST_ASSERT_EQUAL(rte_tph_entries_get(&sim.dev, NULL, 0), 0,
		"entries left after unbinding all");
	TEST_ASSERT_SUCCESS(virtio_tph_mode_set(port, RTE_TPH_MODE_OFF),
		"mode off");

	/* Off: no binding, no index to report, no backend call. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_EQUAL(bind1(RTE_ETH_TPH_QUEUE_RX, 0,
		main_lcore, RTE_TPH_MEM_VOLATILE), -ENOTSUP, "bind when off");
	memset(&info, 0, sizeof(info));
	TEST_ASSERT_SUCCESS(virtio_tph_queue_info_get(port, RTE_ETH_TPH_QUEUE_RX,
		0, &info), "info when off");
	TEST_ASSERT(!info.st_index_valid, "index reported when off");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 0u, "backend called when off");
	TEST_ASSERT_EQUAL(sim.violations, 0u, "requests the kernel would refuse");
	return TEST_SUCCESS;
}

/* Reconfiguring to other queue counts: old entries go, in one batch. */
static int
test_virtio_tph_relayout(void)
{
	TEST_ASSERT_SUCCESS(virtio_tph_mode_set(port, RTE_TPH_MODE_IV),
		"mode iv");
	virtio_tph_layout_set(port, 2, 2);
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 1,
		main_lcore, RTE_TPH_MEM_VOLATILE), "bind Tx 1");
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_RX, 0,
		main_lcore, RTE_TPH_MEM_VOLATILE), "bind Rx 0");
	TEST_ASSERT(sim.hw_cpu[4] == main_cpu && sim.hw_cpu[1] == main_cpu,
		"entries 1 and 4 not programmed");

	/* Unbind uses the layout the entry was programmed with. */
	port->data->nb_rx_queues = 1;
	port->data->nb_tx_queues = 1;
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_TX, 1),
		"unbind Tx 1 of the old layout");
	if (check_one_set(4, RTE_TPH_CPU_CLEAR, RTE_TPH_MEM_VOLATILE) !=
			TEST_SUCCESS)
		return TEST_FAILED;

	/* A queue that had no vector has nothing to clear. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(unbind1(RTE_ETH_TPH_QUEUE_TX, 5), "unbind Tx 5");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 0u, "set_st for a queue without vector");

	/* The same layout again keeps the entries (ethdev rebinds them). */
	virtio_tph_layout_set(port, 2, 2);
	TEST_ASSERT_EQUAL(sim.nb_set_st, 0u, "same layout cleared entries");
	TEST_ASSERT_EQUAL(sim.hw_cpu[1], main_cpu, "entry 1 lost");

	/* 1 Rx + 1 Tx: Tx 0 moves from vector 3 to 2; entry 1 is stale. */
	virtio_tph_layout_set(port, 1, 1);
	if (check_one_set(1, RTE_TPH_CPU_CLEAR, RTE_TPH_MEM_VOLATILE) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(rte_tph_entries_get(&sim.dev, NULL, 0), 0,
		"entries of the old layout left");
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(bind1(RTE_ETH_TPH_QUEUE_TX, 0,
		main_lcore, RTE_TPH_MEM_VOLATILE), "bind Tx 0");
	if (check_one_set(2, main_cpu, RTE_TPH_MEM_VOLATILE) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(sim.violations, 0u, "requests the kernel would refuse");
	return TEST_SUCCESS;
}

/*
 * Through ethdev: a port whose device is not on PCI (virtio-user) has no
 * MSI-X to give its queues, so ethdev refuses IV although the device
 * offers it, and nothing reaches the device.
 */
static int
test_virtio_tph_ethdev(void)
{
	uint16_t port_id = port->data->port_id;
	struct rte_eth_tph_capa capa;
	enum rte_tph_mode mode;

	/* ut_setup enabled the device itself; ethdev starts from off. */
	TEST_ASSERT_SUCCESS(rte_tph_disable(&sim.dev), "disable");
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(port_id, &capa),
		"capability");
	TEST_ASSERT(capa.dev_err == 0 && capa.dev_modes == RTE_TPH_CAP_MODE_IV,
		"device modes 0x%x err %d", capa.dev_modes, capa.dev_err);
	TEST_ASSERT_EQUAL(capa.pmd_modes, 0u, "PMD modes 0x%x", capa.pmd_modes);
	TEST_ASSERT_EQUAL(capa.modes, 0u, "port modes 0x%x", capa.modes);
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_IV),
		-ENOTSUP, "IV on a port without MSI-X");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_get(port_id, &mode), "mode");
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_OFF, "mode %d", (int)mode);
	TEST_ASSERT_EQUAL(sim.nb_enable + sim.nb_set_st, 0u,
		"the device was touched");
	return TEST_SUCCESS;
}

/*
 * virtio_tph_caps_get() of a PCI port with the QEMU device's MSI-X
 * table: the fake port has no PCI device to read it from, so its answer
 * comes from the same check on the table size.
 */
static int
emu_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	struct rte_tph_cap cap;

	*modes = 0;
	if (rte_tph_cap_get(dev->device, &cap) == 0 &&
			virtio_tph_iv_check(&cap, EMU_MSIX_VECTORS,
				dev->data->nb_rx_queues, dev->data->nb_tx_queues,
				NULL, 0) == 0)
		*modes = RTE_TPH_CAP_MODE_IV;
	return 0;
}

/* The TPH part of virtio's dev_start once the device took every vector. */
static int
emu_dev_start(struct rte_eth_dev *dev)
{
	virtio_tph_layout_set(dev, dev->data->nb_rx_queues,
		dev->data->nb_tx_queues);
	return 0;
}

static int
emu_dev_close(struct rte_eth_dev *dev)
{
	virtio_tph_dev_close(dev);
	tph_sim_port_forget_private(dev);
	return 0;
}

/* The device got one set_st batch of n entries for these CPUs. */
static int
check_batch(unsigned int n, uint32_t cpu)
{
	unsigned int i;

	TEST_ASSERT_EQUAL(sim.nb_set_st, 1u, "%u set_st batches, 1 expected",
		sim.nb_set_st);
	TEST_ASSERT_EQUAL(sim.last_set_n, n, "%u entries, %u expected",
		sim.last_set_n, n);
	for (i = 0; i < n; i++)
		TEST_ASSERT_EQUAL(sim.last_set[i].cpu, cpu,
			"entry %u: CPU 0x%x, 0x%x expected", i,
			sim.last_set[i].cpu, cpu);
	return TEST_SUCCESS;
}

/*
 * Through ethdev, on a port that can use IV: every rebinding of the 2 Rx
 * and 2 Tx queues (testpmd's binding at "start", a dev_start, a close)
 * reaches the device as exactly one SET_ST request.
 */
static int
test_virtio_tph_ethdev_batch(void)
{
	static struct eth_dev_ops ops;
	uint16_t port_id = port->data->port_id;
	struct rte_eth_tph_queue_binding all[4], bad[4];
	struct rte_tph_stats st0, st1;
	unsigned int i;

	tph_sim_pmd_ethdev_ops(&virtio_pmd, port, &ops, emu_dev_start,
		emu_dev_close);
	ops.tph_caps_get = emu_caps_get;
	for (i = 0; i < RTE_DIM(all); i++) {
		all[i].dir = i < 2 ? RTE_ETH_TPH_QUEUE_RX : RTE_ETH_TPH_QUEUE_TX;
		all[i].queue_id = i % 2;
		all[i].lcore_id = main_lcore;
		all[i].mem_type = RTE_TPH_MEM_VOLATILE;
	}

	if (tph_sim_pmd_ethdev_mode(&sim, port, RTE_TPH_MODE_IV) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_tph_stats_get(&sim.dev, &st0), "stats");

	/* A batch with one bad entry: refused before the PMD is asked. */
	memcpy(bad, all, sizeof(bad));
	bad[3].queue_id = 2;
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_queues_bind(port_id, bad, 4), -EINVAL,
		"Tx 2 of 2 in the batch");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(port_id, all, 4),
		"bind while stopped");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 0u, "set_st on a stopped port");

	/* dev_start with 4 recorded bindings: one SET_ST of 4 entries. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	if (check_batch(4, main_cpu) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_tph_stats_get(&sim.dev, &st1), "stats");
	TEST_ASSERT(st1.set_st_calls - st0.set_st_calls == 1 &&
		st1.st_entries - st0.st_entries == 4,
		"lib/tph counted %" PRIu64 " set_st calls, %" PRIu64 " entries",
		st1.set_st_calls - st0.set_st_calls,
		st1.st_entries - st0.st_entries);

	/* testpmd's binding at "start" on the running port: one again. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(port_id, all, 4),
		"bind the 4 queues");
	if (check_batch(4, main_cpu) != TEST_SUCCESS)
		return TEST_FAILED;

	/* One bad entry on the running port: no request, nothing changes. */
	tph_sim_clear_calls(&sim);
	bad[3].queue_id = 1;
	bad[3].mem_type = (enum rte_tph_mem_type)2;
	bad[0].mem_type = RTE_TPH_MEM_PERSISTENT;
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_queues_bind(port_id, bad, 4), -EINVAL,
		"bad memory type in the batch");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 0u, "set_st for a bad batch");
	TEST_ASSERT_EQUAL(sim.hw_mem[1], RTE_TPH_MEM_VOLATILE, "entry 1 changed");

	/* Stop, start: one request; close: one request clearing all four. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port_id), "stop");
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "restart");
	if (check_batch(4, main_cpu) != TEST_SUCCESS)
		return TEST_FAILED;
	if (tph_sim_pmd_ethdev_close(&sim, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	if (check_batch(4, RTE_TPH_CPU_CLEAR) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(rte_tph_entries_get(&sim.dev, NULL, 0), 0,
		"entries left after close");
	if (tph_sim_check_left_off(&sim) != TEST_SUCCESS)
		return TEST_FAILED;
	return TEST_SUCCESS;
}

static bool
pmd_declares_ds(void)
{
	uint32_t modes = 0;

	return virtio_tph_caps_get(port, &modes) == 0 &&
		(modes & RTE_TPH_CAP_MODE_DS) != 0;
}

/*
 * virtio-net has no register for a tag: even on a device that offers DS,
 * the PMD never declares it, refuses it, and ethdev refuses it before the
 * device is touched.
 */
static int
test_virtio_tph_no_ds(void)
{
	uint16_t port_id = port->data->port_id;
	struct rte_eth_tph_capa capa;
	enum rte_tph_mode mode;

	TEST_ASSERT(!pmd_declares_ds(), "the PMD declares DS");
	TEST_ASSERT_EQUAL(virtio_tph_mode_set(port, RTE_TPH_MODE_DS), -ENOTSUP,
		"the PMD accepts DS");
	TEST_ASSERT_SUCCESS(rte_tph_disable(&sim.dev), "disable");
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(port_id, &capa),
		"capability");
	TEST_ASSERT(capa.dev_modes & RTE_TPH_CAP_MODE_DS,
		"the simulated device lacks DS");
	TEST_ASSERT(!(capa.modes & RTE_TPH_CAP_MODE_DS), "port modes 0x%x",
		capa.modes);
	TEST_ASSERT_EQUAL(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_DS),
		-ENOTSUP, "ethdev accepts DS on virtio");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_get(port_id, &mode), "mode");
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_OFF, "mode %d", (int)mode);
	TEST_ASSERT_EQUAL(sim.nb_enable + sim.nb_get_st + sim.nb_set_st, 0u,
		"the device was touched");
	return TEST_SUCCESS;
}

static int
testsuite_setup(void)
{
	return tph_sim_pmd_suite_setup(&main_lcore, &main_cpu);
}

static struct unit_test_suite virtio_tph_suite = {
	.suite_name = "net/virtio TPH (Interrupt Vector mode)",
	.setup = testsuite_setup,
	.teardown = tph_sim_unpin_main_lcore,
	.unit_test_cases = {
		TEST_CASE(test_virtio_tph_layout),
		TEST_CASE(test_virtio_tph_iv_check),
		TEST_CASE(test_virtio_tph_bind_entry),
		TEST_CASE_ST(ut_setup, ut_teardown, test_virtio_tph_bind),
		TEST_CASE_ST(ut_setup, ut_teardown, test_virtio_tph_relayout),
		TEST_CASE_ST(ut_setup, ut_teardown, test_virtio_tph_ethdev),
		TEST_CASE_ST(ut_setup, ut_teardown, test_virtio_tph_ethdev_batch),
		TEST_CASE_ST(ut_setup_ds, ut_teardown_ds,
			test_virtio_tph_no_ds),
		TEST_CASES_END()
	}
};

static int
test_tph_virtio(void)
{
	return unit_test_suite_runner(&virtio_tph_suite);
}

REGISTER_TEST_COMMAND(tph_virtio_autotest, test_tph_virtio);
