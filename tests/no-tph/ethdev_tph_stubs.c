/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * An application of a DPDK built without lib/tph (-Ddisable_libs=tph):
 * it compiles against the installed rte_ethdev_tph.h alone, and every
 * ethdev TPH call on a real port (net_null) returns -ENOTSUP, as the
 * header says. Built and run by tests/no-tph/check-ethdev-tph-stubs.sh.
 * Prints one line per call and "N of N ... -ENOTSUP"; exits non-zero on
 * any other answer.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_ethdev_tph.h>
#include <rte_lcore.h>

#ifdef RTE_LIB_TPH
#error "built against a DPDK with lib/tph: this checks the build without it"
#endif
#if defined(__has_include)
#if __has_include(<rte_tph.h>)
#error "rte_tph.h is installed by a DPDK built without lib/tph"
#endif
#endif

/* Every call gets valid arguments, so only the missing library can refuse. */
static int
check(const char *name, int ret)
{
	printf("%s: %d%s\n", name, ret, ret == -ENOTSUP ? " (-ENOTSUP)" : "");
	return ret == -ENOTSUP;
}

int
main(int argc, char **argv)
{
	struct rte_eth_tph_queue_binding bind = {
		.dir = RTE_ETH_TPH_QUEUE_RX,
		.queue_id = 0,
		.mem_type = RTE_TPH_MEM_VOLATILE,
	};
	const struct rte_eth_tph_queue_ref ref = {
		.dir = RTE_ETH_TPH_QUEUE_RX,
		.queue_id = 0,
	};
	struct rte_eth_tph_queue_info info;
	struct rte_eth_tph_capa capa;
	enum rte_tph_mode mode;
	unsigned int ok = 0, total = 0;
	uint16_t port_id = 0;

	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "EAL init failed\n");
		return EXIT_FAILURE;
	}
	if (!rte_eth_dev_is_valid_port(port_id)) {
		fprintf(stderr, "no port 0: pass --vdev net_null0\n");
		rte_eal_cleanup();
		return EXIT_FAILURE;
	}
	bind.lcore_id = rte_get_main_lcore();

#define CHECK(call) do { total++; ok += check(#call, call); } while (0)
	CHECK(rte_eth_dev_tph_capability_get(port_id, &capa));
	CHECK(rte_eth_dev_tph_mode_set(port_id, RTE_TPH_MODE_IV));
	CHECK(rte_eth_dev_tph_mode_get(port_id, &mode));
	CHECK(rte_eth_dev_tph_queue_bind(port_id, 0, RTE_ETH_TPH_QUEUE_RX,
		bind.lcore_id, RTE_TPH_MEM_VOLATILE));
	CHECK(rte_eth_dev_tph_queues_bind(port_id, &bind, 1));
	CHECK(rte_eth_dev_tph_queue_unbind(port_id, 0, RTE_ETH_TPH_QUEUE_RX));
	CHECK(rte_eth_dev_tph_queues_unbind(port_id, &ref, 1));
	CHECK(rte_eth_dev_tph_queue_info_get(port_id, 0, RTE_ETH_TPH_QUEUE_RX,
		&info));
#undef CHECK

	printf("%u of %u ethdev TPH calls returned -ENOTSUP\n", ok, total);
	rte_eal_cleanup();
	return ok == total ? EXIT_SUCCESS : EXIT_FAILURE;
}
