/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * rte_eth_dev_reset() and TPH: after a reset, ethdev, lib/tph and the PMD
 * agree that the port is off with no binding (the rule of
 * rte_ethdev_tph.h), and after the application sets the mode and binds
 * again, all three agree on the new state.
 *
 * Each model is a fake port (test_tph_pmd_sim.h) on a simulated TPH
 * device with a PMD's real TPH callbacks: net/virtio in Interrupt Vector
 * mode, net/e1000 igb (I210, Tx queues) in Device Specific mode on a fake
 * register space. Its dev_reset does the TPH part of the PMD's reset:
 * virtio forgets its TPH state, igb keeps its private data; either way
 * ethdev must have cleared the tags and turned TPH off before it runs.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>

#include <rte_tph_driver.h>

#include "test.h"
#include "test_tph_pmd_sim.h"

#include "virtio.h"
#include "virtio_tph.h"
#include "base/e1000_api.h"
#include "e1000_ethdev.h"
#include "igb_tph.h"

#define NB_Q 2
#define IGB_REGS_SIZE 0x10000
/* A QEMU virtio-net-pci device: 2 queue pairs, 6 MSI-X vectors. */
#define VIRTIO_MSIX_VECTORS 6

static const struct eth_dev_ops virtio_ops = {
	.tph_caps_get = virtio_tph_caps_get,
	.tph_mode_set = virtio_tph_mode_set,
	.tph_queues_bind = virtio_tph_queues_bind,
	.tph_queues_unbind = virtio_tph_queues_unbind,
	.tph_queue_info_get = virtio_tph_queue_info_get,
};

/*
 * igb keeps its TPH mode in the port's private data; its reset re-inits
 * the port without touching it, so ethdev must have turned it off.
 */
static void
igb_tph_forget(struct rte_eth_dev *dev __rte_unused)
{
}

static const struct eth_dev_ops igb_ops = {
	.tph_caps_get = igb_tph_caps_get,
	.tph_mode_set = igb_tph_mode_set,
	.tph_queues_bind = igb_tph_queues_bind,
	.tph_queues_unbind = igb_tph_queues_unbind,
	.tph_queue_info_get = igb_tph_queue_info_get,
};

static const struct tph_sim_pmd virtio_pmd = {
	.name = "tph_reset_virtio",
	.modes = RTE_TPH_CAP_MODE_IV,
	.st_location = RTE_TPH_ST_LOC_MSIX,
	.st_table_size = VIRTIO_MSIX_VECTORS,
	.ops = &virtio_ops,
	.nb_queues = NB_Q,
	.mode = RTE_TPH_MODE_IV,
	.dev_close = virtio_tph_dev_close,
};

/* The I210's capability (datasheet 9.5.3.2): DS only, 8 entries. */
static const struct tph_sim_pmd igb_pmd = {
	.name = "tph_reset_igb",
	.modes = RTE_TPH_CAP_MODE_DS,
	.st_location = RTE_TPH_ST_LOC_CAP,
	.st_table_size = 8,
	.ops = &igb_ops,
	.nb_queues = NB_Q,
	.mode = RTE_TPH_MODE_DS,
	.dev_close = igb_tph_forget,
};

static struct tph_sim_dev sim;
/* igb steers Tx queues only (its Rx register page is unchecked). */
static bool model_tx_only;
static struct rte_eth_dev *port;
static struct eth_dev_ops port_ops;
static unsigned int main_lcore, main_cpu;
static struct virtio_hw *virtio_hw;
static struct e1000_adapter *igb_adapter;
/* igb register space, and its content with TPH off. */
static uint8_t *igb_regs, *igb_regs_at_setup;

/* virtio's capability check, on that device's MSI-X table size. */
static int
virtio_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	struct rte_tph_cap cap;

	*modes = 0;
	if (rte_tph_cap_get(dev->device, &cap) == 0 &&
			virtio_tph_iv_check(&cap, VIRTIO_MSIX_VECTORS,
				dev->data->nb_rx_queues, dev->data->nb_tx_queues,
				NULL, 0) == 0)
		*modes = RTE_TPH_CAP_MODE_IV;
	return 0;
}

/* The TPH part of virtio's dev_start once the device took every vector. */
static int
virtio_dev_start(struct rte_eth_dev *dev)
{
	virtio_tph_layout_set(dev, dev->data->nb_rx_queues,
		dev->data->nb_tx_queues);
	return 0;
}

static int
virtio_dev_close(struct rte_eth_dev *dev)
{
	virtio_tph_dev_close(dev);
	tph_sim_port_forget_private(dev);
	return 0;
}

/* A PMD reset: the PMD forgets its TPH state, as a close and init would. */
static int
virtio_dev_reset(struct rte_eth_dev *dev)
{
	virtio_tph_dev_close(dev);
	return 0;
}

static int
igb_dev_start(struct rte_eth_dev *dev __rte_unused)
{
	return 0;
}

static int
igb_dev_close(struct rte_eth_dev *dev)
{
	tph_sim_port_forget_private(dev);
	return 0;
}

/* eth_igb_reset() re-inits the port; nothing of its TPH state changes. */
static int
igb_dev_reset(struct rte_eth_dev *dev __rte_unused)
{
	return 0;
}

static int
virtio_setup(void)
{
	virtio_hw = calloc(1, sizeof(*virtio_hw));
	TEST_ASSERT_NOT_NULL(virtio_hw, "no memory");
	if (tph_sim_pmd_setup(&virtio_pmd, &sim, virtio_hw, &port) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	virtio_hw->port_id = port->data->port_id;
	model_tx_only = false;
	tph_sim_pmd_ethdev_ops(&virtio_pmd, port, &port_ops, virtio_dev_start,
		virtio_dev_close);
	port_ops.tph_caps_get = virtio_caps_get;
	port_ops.dev_reset = virtio_dev_reset;
	return TEST_SUCCESS;
}

static void
virtio_teardown(void)
{
	tph_sim_pmd_teardown(&virtio_pmd, &sim, &port);
	free(virtio_hw);
	virtio_hw = NULL;
}

static int
igb_setup(void)
{
	igb_regs = calloc(1, IGB_REGS_SIZE);
	igb_regs_at_setup = calloc(1, IGB_REGS_SIZE);
	igb_adapter = calloc(1, sizeof(*igb_adapter));
	TEST_ASSERT(igb_regs != NULL && igb_regs_at_setup != NULL &&
		igb_adapter != NULL, "no memory");
	igb_adapter->hw.hw_addr = igb_regs;
	igb_adapter->hw.mac.type = e1000_i210;
	model_tx_only = true;
	if (tph_sim_pmd_setup(&igb_pmd, &sim, igb_adapter, &port) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	tph_sim_pmd_ethdev_ops(&igb_pmd, port, &port_ops, igb_dev_start,
		igb_dev_close);
	port_ops.dev_reset = igb_dev_reset;
	/* What TPH off leaves in the registers, whatever the PMD writes then. */
	if (tph_sim_pmd_ethdev_mode(&sim, port, RTE_TPH_MODE_DS) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port->data->port_id,
		RTE_TPH_MODE_OFF), "off");
	memcpy(igb_regs_at_setup, igb_regs, IGB_REGS_SIZE);
	return TEST_SUCCESS;
}

static void
igb_teardown(void)
{
	tph_sim_pmd_teardown(&igb_pmd, &sim, &port);
	free(igb_adapter);
	free(igb_regs);
	free(igb_regs_at_setup);
	igb_adapter = NULL;
	igb_regs = igb_regs_at_setup = NULL;
}

/* ethdev, lib/tph and the device all say @p mode; each queue bound or not. */
static int
check_agree(enum rte_tph_mode mode, bool bound)
{
	uint16_t port_id = port->data->port_id;
	char owner[RTE_TPH_OWNER_NAME_LEN];
	struct rte_eth_tph_queue_info qi;
	enum rte_tph_mode m;
	unsigned int dir;
	uint16_t q;

	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_get(port_id, &m), "ethdev mode");
	TEST_ASSERT_EQUAL(m, mode, "ethdev says %s, %s expected",
		rte_tph_mode_name(m), rte_tph_mode_name(mode));
	TEST_ASSERT_SUCCESS(rte_tph_mode_get(sim.device, &m), "lib/tph mode");
	TEST_ASSERT_EQUAL(m, mode, "lib/tph says %s, %s expected",
		rte_tph_mode_name(m), rte_tph_mode_name(mode));
	TEST_ASSERT_EQUAL(sim.hw_mode, mode, "the device is in %s, %s expected",
		rte_tph_mode_name(sim.hw_mode), rte_tph_mode_name(mode));
	/* ethdev owns the device exactly while the port uses TPH. */
	TEST_ASSERT_SUCCESS(rte_tph_dev_owner_get(sim.device, owner,
		sizeof(owner)), "owner");
	TEST_ASSERT((owner[0] != '\0') == (mode != RTE_TPH_MODE_OFF),
		"owner \"%s\" in %s mode", owner, rte_tph_mode_name(mode));
	for (dir = model_tx_only ? 1 : 0; dir < 2; dir++) {
		for (q = 0; q < NB_Q; q++) {
			TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id,
				q, dir, &qi), "queue info");
			TEST_ASSERT(qi.bound == bound && qi.applied == bound &&
				!qi.bind_failed,
				"%s %u: bound %d applied %d failed %d, %s expected",
				dir == 0 ? "rxq" : "txq", q, qi.bound, qi.applied,
				qi.bind_failed, bound ? "bound" : "unbound");
			if (bound)
				TEST_ASSERT_EQUAL(qi.lcore_id, main_lcore,
					"on lcore %u", qi.lcore_id);
		}
	}
	TEST_ASSERT_EQUAL(sim.violations, 0u, "requests the kernel would refuse");
	return TEST_SUCCESS;
}

/*
 * Mode set, every queue bound, port started; reset; then, as after a
 * reconfiguration, the mode set again, the queues bound and the port
 * started. @p pmd_off checks the PMD's own state after the reset, @p
 * programmed the device's after each start.
 */
static int
reset_cycle(enum rte_tph_mode mode, int (*pmd_off)(void),
		int (*programmed)(void))
{
	uint16_t port_id = port->data->port_id;
	struct rte_eth_tph_queue_binding all[2 * NB_Q];
	/* The Tx bindings are the second half of all[]. */
	struct rte_eth_tph_queue_binding *b = model_tx_only ? all + NB_Q : all;
	uint16_t nb = model_tx_only ? NB_Q : 2 * NB_Q;

	tph_sim_all_bindings(all, NB_Q, main_lcore);
	if (tph_sim_pmd_ethdev_mode(&sim, port, mode) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(port_id, b, nb),
		"bind");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	if (check_agree(mode, true) != TEST_SUCCESS || programmed() !=
			TEST_SUCCESS)
		return TEST_FAILED;

	TEST_ASSERT_SUCCESS(rte_eth_dev_reset(port_id), "reset");
	TEST_ASSERT(!port->data->dev_started, "started after the reset");
	if (check_agree(RTE_TPH_MODE_OFF, false) != TEST_SUCCESS ||
			pmd_off() != TEST_SUCCESS)
		return TEST_FAILED;
	/* Started again without TPH (no --tph-mode here): nothing comes back. */
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start after reset");
	TEST_ASSERT_EQUAL(sim.nb_enable + sim.nb_get_st + sim.nb_set_st, 0u,
		"TPH came back by itself: %s", sim.trace);
	if (check_agree(RTE_TPH_MODE_OFF, false) != TEST_SUCCESS)
		return TEST_FAILED;

	/* The application sets it up again: all three follow. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port_id), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(port_id, mode), "mode");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(port_id, b, nb),
		"bind again");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start again");
	if (check_agree(mode, true) != TEST_SUCCESS || programmed() !=
			TEST_SUCCESS)
		return TEST_FAILED;
	if (tph_sim_pmd_ethdev_close(&sim, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_sim_check_left_off(&sim);
}

/* IV: the ST entries of the four queue vectors (1-4) hold the main CPU. */
static int
virtio_programmed(void)
{
	uint16_t idx;

	for (idx = 1; idx <= 2 * NB_Q; idx++)
		TEST_ASSERT_EQUAL(sim.hw_cpu[idx], main_cpu,
			"ST entry %u for CPU 0x%x, %u expected", idx,
			sim.hw_cpu[idx], main_cpu);
	return TEST_SUCCESS;
}

/* The table is empty and the PMD refuses to bind: it is off too. */
static int
virtio_pmd_off(void)
{
	struct rte_eth_tph_queue_binding all[2 * NB_Q];

	tph_sim_all_bindings(all, NB_Q, main_lcore);
	TEST_ASSERT(tph_sim_table_empty(&sim), "ST entries left after reset");
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_EQUAL(virtio_ops.tph_queues_bind(port, all, RTE_DIM(all)),
		-ENOTSUP, "the PMD still binds in iv mode after the reset");
	TEST_ASSERT_EQUAL(sim.nb_set_st, 0u, "the PMD wrote an ST entry");
	return TEST_SUCCESS;
}

static int
test_reset_virtio(void)
{
	return reset_cycle(RTE_TPH_MODE_IV, virtio_pmd_off, virtio_programmed);
}

/* net/virtio has no dev_reset: the reset is refused and TPH untouched. */
static int
test_reset_virtio_unsupported(void)
{
	uint16_t port_id = port->data->port_id;
	struct rte_eth_tph_queue_binding all[2 * NB_Q];

	port_ops.dev_reset = NULL;
	tph_sim_all_bindings(all, NB_Q, main_lcore);
	if (tph_sim_pmd_ethdev_mode(&sim, port, RTE_TPH_MODE_IV) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(port_id, all,
		RTE_DIM(all)), "bind");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	tph_sim_clear_calls(&sim);
	TEST_ASSERT_EQUAL(rte_eth_dev_reset(port_id), -ENOTSUP, "reset");
	TEST_ASSERT_EQUAL(sim.trace[0], '\0', "the device was touched: %s",
		sim.trace);
	if (check_agree(RTE_TPH_MODE_IV, true) != TEST_SUCCESS ||
			virtio_programmed() != TEST_SUCCESS)
		return TEST_FAILED;
	if (tph_sim_pmd_ethdev_close(&sim, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_sim_check_left_off(&sim);
}

/* DS: the PMD looked the tags up and wrote its registers. */
static int
igb_programmed(void)
{
	struct rte_eth_tph_queue_info qi;

	TEST_ASSERT(memcmp(igb_regs, igb_regs_at_setup, IGB_REGS_SIZE) != 0,
		"no register written");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port->data->port_id,
		0, RTE_ETH_TPH_QUEUE_TX, &qi), "info");
	TEST_ASSERT(qi.st_valid &&
		qi.st == TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_VOLATILE),
		"txq 0: tag valid %d 0x%x", qi.st_valid, qi.st);
	return TEST_SUCCESS;
}

/* Every register is as TPH off leaves it; the PMD refuses to bind. */
static int
igb_pmd_off(void)
{
	struct rte_eth_tph_queue_binding all[2 * NB_Q];
	uint32_t off, v;

	for (off = 0; off < IGB_REGS_SIZE; off += 4) {
		memcpy(&v, igb_regs + off, sizeof(v));
		TEST_ASSERT(memcmp(igb_regs + off, igb_regs_at_setup + off, 4) == 0,
			"register 0x%05x left at 0x%08x after the reset", off, v);
	}
	tph_sim_all_bindings(all, NB_Q, main_lcore);
	tph_sim_clear_calls(&sim);
	TEST_ASSERT(igb_ops.tph_queues_bind(port, all + NB_Q, NB_Q) < 0,
		"the PMD still binds in ds mode after the reset");
	TEST_ASSERT_EQUAL(sim.nb_get_st, 0u, "the PMD looked a tag up");
	TEST_ASSERT(memcmp(igb_regs, igb_regs_at_setup, IGB_REGS_SIZE) == 0,
		"the PMD wrote a register");
	return TEST_SUCCESS;
}

static int
test_reset_igb(void)
{
	return reset_cycle(RTE_TPH_MODE_DS, igb_pmd_off, igb_programmed);
}

/*
 * The mode choice after a reset: the application's choice goes with the
 * rest of the port's TPH state, so EAL --tph-mode (iv, given to this
 * test) applies again at the next start, as for a newly probed port
 * (rte_ethdev_tph.h, tph_pmd.rst). Before the reset, the application's
 * explicit off keeps --tph-mode from applying.
 */
static int
test_reset_eal_mode_again(void)
{
	uint16_t port_id = port->data->port_id;

	if (rte_eal_tph_mode() != RTE_EAL_TPH_MODE_IV) {
		printf("needs --tph-mode=iv, skipped\n");
		return TEST_SKIPPED;
	}
	if (tph_sim_pmd_ethdev_mode(&sim, port, RTE_TPH_MODE_OFF) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start");
	if (check_agree(RTE_TPH_MODE_OFF, false) != TEST_SUCCESS)
		return TEST_FAILED;

	TEST_ASSERT_SUCCESS(rte_eth_dev_reset(port_id), "reset");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port_id), "start after reset");
	if (check_agree(RTE_TPH_MODE_IV, false) != TEST_SUCCESS)
		return TEST_FAILED;
	if (tph_sim_pmd_ethdev_close(&sim, &port) != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_sim_check_left_off(&sim);
}

static int
testsuite_setup(void)
{
	return tph_sim_pmd_suite_setup(&main_lcore, &main_cpu);
}

static struct unit_test_suite ethdev_tph_reset_suite = {
	.suite_name = "ethdev TPH and rte_eth_dev_reset()",
	.setup = testsuite_setup,
	.teardown = tph_sim_unpin_main_lcore,
	.unit_test_cases = {
		TEST_CASE_ST(virtio_setup, virtio_teardown, test_reset_virtio),
		TEST_CASE_ST(virtio_setup, virtio_teardown,
			test_reset_virtio_unsupported),
		TEST_CASE_ST(igb_setup, igb_teardown, test_reset_igb),
		TEST_CASES_END()
	}
};

static int
test_ethdev_tph_reset(void)
{
	return unit_test_suite_runner(&ethdev_tph_reset_suite);
}

REGISTER_TEST_COMMAND(ethdev_tph_reset_autotest, test_ethdev_tph_reset);

static struct unit_test_suite ethdev_tph_reset_eal_mode_suite = {
	.suite_name = "ethdev TPH: --tph-mode after rte_eth_dev_reset()",
	.setup = testsuite_setup,
	.teardown = tph_sim_unpin_main_lcore,
	.unit_test_cases = {
		TEST_CASE_ST(virtio_setup, virtio_teardown,
			test_reset_eal_mode_again),
		TEST_CASES_END()
	}
};

static int
test_ethdev_tph_reset_eal_mode(void)
{
	return unit_test_suite_runner(&ethdev_tph_reset_eal_mode_suite);
}

REGISTER_TEST_COMMAND(ethdev_tph_reset_eal_mode_autotest,
	test_ethdev_tph_reset_eal_mode);
