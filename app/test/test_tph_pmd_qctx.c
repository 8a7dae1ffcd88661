/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/* Shared checks of the queue-context PMD TPH tests (i40e, ice). */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev_tph.h>
#include <rte_lcore.h>

#include "test.h"
#include "test_tph_pmd_qctx.h"
#include <ethdev_tph_qctx.h>

/* Ring base address field: 128-byte units (both PMDs' contexts). */
#define TPH_QCTX_TEST_BASE_UNIT 128
#define TPH_QCTX_TEST_BASE_WIDTH 57
#define TPH_QCTX_TEST_QLEN_WIDTH 13
#define TPH_QCTX_TEST_CPUID_WIDTH 8

const struct tph_qctx_test_layout tph_qctx_test_lan_rx_layout = {
	.dir_name = "rxq", .size = 32, .cpuid = 13, .base = 32, .qlen = 89,
	.nb_set = 3, .set = {
		{ "descriptor write-back", 194 },
		{ "data", 195 },
		{ "header", 196 },
	},
	.nb_cleared = 1, .cleared = { { "descriptor fetch", 193 } },
};

struct tph_qctx_test_suite tph_qctx_ts;

int
tph_qctx_test_ctx_is(const struct tph_qctx_test_layout *l, const uint8_t *ctx,
		uint16_t q, bool steered, uint16_t tag, uint64_t ring_dma,
		uint16_t nb_desc)
{
	uint64_t cpuid = tph_sim_ctx_bits(ctx, l->cpuid,
		TPH_QCTX_TEST_CPUID_WIDTH);
	unsigned int i;

	TEST_ASSERT_EQUAL(cpuid, (steered ? (uint64_t)tag : 0),
		"%s %u CPUID 0x%" PRIx64, l->dir_name, q, cpuid);
	for (i = 0; i < l->nb_cleared; i++)
		TEST_ASSERT_EQUAL(tph_sim_ctx_bits(ctx, l->cleared[i].bit, 1),
			0u, "%s %u %s enable", l->dir_name, q,
			l->cleared[i].name);
	for (i = 0; i < l->nb_set; i++)
		TEST_ASSERT_EQUAL(tph_sim_ctx_bits(ctx, l->set[i].bit, 1),
			(steered ? 1u : 0u), "%s %u %s enable", l->dir_name, q,
			l->set[i].name);
	/* The rest of the context is the queue's. */
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(ctx, l->qlen,
		TPH_QCTX_TEST_QLEN_WIDTH), (uint64_t)nb_desc, "%s %u QLEN",
		l->dir_name, q);
	TEST_ASSERT_EQUAL(tph_sim_ctx_bits(ctx, l->base,
		TPH_QCTX_TEST_BASE_WIDTH), ring_dma / TPH_QCTX_TEST_BASE_UNIT,
		"%s %u base", l->dir_name, q);
	return TEST_SUCCESS;
}

bool
tph_qctx_test_tph_bit(const struct tph_qctx_test_layout *l, unsigned int bit)
{
	unsigned int i;

	if (bit >= l->cpuid && bit < l->cpuid + TPH_QCTX_TEST_CPUID_WIDTH)
		return true;
	for (i = 0; i < l->nb_set; i++)
		if (bit == l->set[i].bit)
			return true;
	for (i = 0; i < l->nb_cleared; i++)
		if (bit == l->cleared[i].bit)
			return true;
	return false;
}

int
tph_qctx_test_info_is(struct rte_eth_dev *port, enum rte_eth_tph_queue_dir dir,
		uint16_t q, bool st_valid, uint16_t st, bool pending)
{
	struct rte_eth_tph_queue_info info;

	memset(&info, 0, sizeof(info));
	TEST_ASSERT_SUCCESS(rte_eth_tph_qctx_queue_info_get(port, dir, q, &info),
		"info");
	TEST_ASSERT(info.st_valid == st_valid && info.st == st &&
		info.pending == pending,
		"%s %u: st_valid %d st 0x%x pending %d, expected %d 0x%x %d",
		dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq", q, info.st_valid,
		info.st, info.pending, st_valid, st, pending);
	return TEST_SUCCESS;
}

int
tph_qctx_test_ethdev_info_is(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t q, bool bound, uint16_t st, bool pending)
{
	struct rte_eth_tph_queue_info info;

	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, q, dir,
		&info), "info");
	TEST_ASSERT(info.bound == bound && info.st == st &&
		info.pending == pending,
		"queue %u: bound %d st 0x%x pending %d, expected %d 0x%x %d", q,
		info.bound, info.st, info.pending, bound, st, pending);
	return TEST_SUCCESS;
}

int
tph_qctx_test_rxq_stop(struct rte_eth_dev *dev, uint16_t q)
{
	dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

int
tph_qctx_test_txq_stop(struct rte_eth_dev *dev, uint16_t q)
{
	dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

int
tph_qctx_test_batch(const struct tph_sim_pmd *pmd, struct rte_eth_dev *port,
		struct tph_sim_dev *sim, unsigned int lcore_id)
{
	struct rte_eth_tph_queue_binding b[4];
	uint16_t q;

	tph_sim_all_bindings(b, 2, lcore_id);
	TEST_ASSERT_SUCCESS(pmd->ops->tph_queues_bind(port, b, 4), "bind 4");
	TEST_ASSERT(sim->nb_get_st == 1 && sim->last_get_n == 4,
		"%u lookups of %u, 1 of 4 expected", sim->nb_get_st,
		sim->last_get_n);
	for (q = 0; q < 2; q++)
		if (tph_qctx_test_info_is(port, RTE_ETH_TPH_QUEUE_RX, q, false,
				0, true) != TEST_SUCCESS ||
				tph_qctx_test_info_is(port,
					RTE_ETH_TPH_QUEUE_TX, q, false, 0,
					true) != TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
}

int
tph_qctx_test_ethdev_ds(const struct tph_sim_pmd *pmd, struct tph_sim_dev *sim,
		struct rte_eth_dev *port, struct eth_dev_ops *ops,
		eth_dev_start_t dev_start, eth_dev_close_t dev_close)
{
	struct rte_eth_tph_capa capa;

	tph_sim_pmd_ethdev_ops(pmd, port, ops, dev_start, dev_close);
	if (tph_sim_pmd_ethdev_mode(sim, port, RTE_TPH_MODE_DS) !=
			TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(port->data->port_id,
		&capa), "capability");
	TEST_ASSERT(capa.modes == RTE_TPH_CAP_MODE_DS &&
		capa.pmd_loads_at_queue_start, "modes 0x%x, loads at start %d",
		capa.modes, capa.pmd_loads_at_queue_start);
	return TEST_SUCCESS;
}

int
tph_qctx_test_dev_close(struct rte_eth_dev *dev)
{
	rte_eth_tph_qctx_dev_close(dev);
	tph_sim_port_forget_private(dev);
	return 0;
}

int
tph_qctx_test_ethdev_close(struct tph_sim_dev *sim, struct rte_eth_dev **port)
{
	if (tph_sim_pmd_ethdev_close(sim, port) != TEST_SUCCESS)
		return TEST_FAILED;
	return tph_sim_check_left_off(sim);
}

int
tph_qctx_test_ethdev_restart(uint16_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t q)
{
	bool rx = dir == RTE_ETH_TPH_QUEUE_RX;
	int ret;

	ret = rx ? rte_eth_dev_rx_queue_stop(port_id, q) :
		rte_eth_dev_tx_queue_stop(port_id, q);
	TEST_ASSERT_SUCCESS(ret, "stop");
	ret = rx ? rte_eth_dev_rx_queue_start(port_id, q) :
		rte_eth_dev_tx_queue_start(port_id, q);
	TEST_ASSERT_SUCCESS(ret, "start");
	return TEST_SUCCESS;
}

int
tph_qctx_test_ethdev_refused_is(uint16_t port_id,
		enum rte_eth_tph_queue_dir dir, uint16_t q, int err)
{
	struct rte_eth_tph_queue_info info;

	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(port_id, q, dir,
		&info), "info");
	TEST_ASSERT(!info.bound && info.bind_failed &&
		info.bind_err == err && info.pending,
		"refusal: bound %d failed %d err %d pending %d", info.bound,
		info.bind_failed, info.bind_err, info.pending);
	return TEST_SUCCESS;
}

int
tph_qctx_test_suite_setup(void)
{
	struct tph_qctx_test_suite *s = &tph_qctx_ts;

	s->mp = rte_pktmbuf_pool_create("tph_qctx_test_mp", 1, 0, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(s->mp, "mbuf pool");
	s->held = rte_pktmbuf_alloc(s->mp);
	TEST_ASSERT_NOT_NULL(s->held, "mbuf");
	return tph_sim_pmd_suite_setup(&s->main_lcore, &s->main_cpu);
}

void
tph_qctx_test_suite_teardown(void)
{
	struct tph_qctx_test_suite *s = &tph_qctx_ts;

	tph_sim_unpin_main_lcore();
	rte_pktmbuf_free(s->held);
	rte_mempool_free(s->mp);
	s->held = NULL;
	s->mp = NULL;
}
