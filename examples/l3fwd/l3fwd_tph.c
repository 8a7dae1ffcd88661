/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Steering l3fwd's queues with PCIe TPH, written to be copied.
 *
 * A TPH-capable NIC can tag the DMA writes of each queue so that the
 * platform puts them in the cache of one CPU. Only the application knows
 * which lcore, hence which CPU, reads a queue; it tells ethdev once per
 * port, with one rte_eth_dev_tph_queues_bind() call made before the port
 * is started. rte_eth_dev_start() then programs the whole batch with one
 * request to the device and, should the device refuse it (an lcore whose
 * CPU has no steering tag), binds the queues one at a time so that only
 * the faulty ones stay unsteered. TPH never stops a port from forwarding.
 *
 * Only ethdev and EAL calls steer: lib/tph, optional, merely words the
 * reasons for a refusal when DPDK has it (RTE_LIB_TPH). Without it ethdev
 * refuses every TPH request and errno's words say why.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_ethdev_tph.h>
#include <rte_lcore.h>
#ifdef RTE_LIB_TPH
#include <rte_tph.h>
#endif

#include "l3fwd.h"
#include "l3fwd_tph.h"

/* A reason for a refusal: lib/tph's sentence fits, errno's too. */
#define TPH_WHY_LEN 192

/* Enough for every Rx and every Tx queue of a port. */
#define TPH_MAX_BINDINGS (2 * RTE_MAX_QUEUES_PER_PORT)

/* Built on the main lcore only, one port at a time. */
static struct rte_eth_tph_queue_binding tph_bindings[TPH_MAX_BINDINGS];
/* Why l3fwd_tph_bind_port() could not steer a port, for the report. */
static int tph_bind_err[RTE_MAX_ETHPORTS];

/* The mode asked for with --tph-mode. */
static enum rte_tph_mode
tph_mode_requested(void)
{
	switch (rte_eal_tph_mode()) {
	case RTE_EAL_TPH_MODE_IV:
		return RTE_TPH_MODE_IV;
	case RTE_EAL_TPH_MODE_DS:
		return RTE_TPH_MODE_DS;
	default:
		return RTE_TPH_MODE_OFF;
	}
}

static int
tph_binding_add(uint16_t *n, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, unsigned int lcore_id)
{
	if (*n == TPH_MAX_BINDINGS)
		return -ENOSPC;
	tph_bindings[(*n)++] = (struct rte_eth_tph_queue_binding){
		.dir = dir,
		.queue_id = queue_id,
		.lcore_id = lcore_id,
		.mem_type = RTE_TPH_MEM_VOLATILE,
	};
	return 0;
}

/* Each queue of a port with the lcore using it. 8< */

/*
 * Fill tph_bindings with the queues of @p portid and the lcore using each:
 * the Rx queues of --config with their polling lcore, and the Tx queue
 * l3fwd gives each polling lcore on every port. Returns their number, or
 * -ENOSPC should they not fit.
 */
static int
tph_port_bindings(uint16_t portid)
{
	const struct lcore_conf *qconf;
	unsigned int lcore_id;
	uint16_t i, n = 0;
	int ret = 0;

	RTE_LCORE_FOREACH(lcore_id) {
		qconf = &lcore_conf[lcore_id];
		/* An lcore without Rx queues returns at once: it sends nothing. */
		if (qconf->n_rx_queue == 0)
			continue;
		for (i = 0; i < qconf->n_rx_queue && ret == 0; i++)
			if (qconf->rx_queue_list[i].port_id == portid)
				ret = tph_binding_add(&n, RTE_ETH_TPH_QUEUE_RX,
					qconf->rx_queue_list[i].queue_id,
					lcore_id);
		if (ret == 0)
			ret = tph_binding_add(&n, RTE_ETH_TPH_QUEUE_TX,
				qconf->tx_queue_id[portid], lcore_id);
		if (ret != 0)
			return ret;
	}
	return n;
}
/* >8 End of each queue of a port with the lcore using it. */

/* Bind a port's queues before starting it. 8< */
void
l3fwd_tph_bind_port(uint16_t portid)
{
	enum rte_tph_mode mode = tph_mode_requested();
	int n, ret;

	if (mode == RTE_TPH_MODE_OFF)
		return;
	n = tph_port_bindings(portid);
	if (n <= 0) {
		/*
		 * Nothing to bind (event mode: no lcore polls a queue) or too
		 * much: keep TPH off rather than let ethdev enable --tph-mode
		 * with no queue steered.
		 */
		rte_eth_dev_tph_mode_set(portid, RTE_TPH_MODE_OFF);
		tph_bind_err[portid] = n == 0 ? -ENOENT : n;
		return;
	}
	ret = rte_eth_dev_tph_mode_set(portid, mode);
	if (ret == 0) {
		/* Recorded now, programmed by rte_eth_dev_start(). */
		ret = rte_eth_dev_tph_queues_bind(portid, tph_bindings, n);
		if (ret != 0)
			rte_eth_dev_tph_mode_set(portid, RTE_TPH_MODE_OFF);
	}
	tph_bind_err[portid] = ret;
}
/* >8 End of binding a port's queues before starting it. */

/* The word for the modes --tph-mode asks for. */
static const char *
tph_mode_name(enum rte_tph_mode mode)
{
	return mode == RTE_TPH_MODE_DS ? "ds" : "iv";
}

/* No lcore concerned (lib/tph's RTE_TPH_LCORE_NONE). */
#define TPH_NO_LCORE UINT32_MAX

/* What the device was asked to do when it refused. */
enum tph_request {
	TPH_REQUEST_ENABLE, /* enable the port's mode */
	TPH_REQUEST_LCORE,  /* resolve the lcore to its CPU */
	TPH_REQUEST_TAG,    /* look up or program the CPU's tag */
};

#ifdef RTE_LIB_TPH
/* lib/tph's sentence for a refused request, naming the lcore's CPU. */
static const char *
tph_refusal(int err, enum tph_request request, enum rte_tph_mode mode,
		unsigned int lcore_id, char *buf, size_t size)
{
	struct rte_tph_refusal why = {
		.mode = mode,
		.lcore_id = lcore_id,
		.cpu = RTE_TPH_CPU_NONE,
	};

	switch (request) {
	case TPH_REQUEST_ENABLE:
		why.op = RTE_TPH_OP_ENABLE;
		break;
	case TPH_REQUEST_LCORE:
		why.op = RTE_TPH_OP_LCORE;
		break;
	default:
		why.op = mode == RTE_TPH_MODE_DS ?
			RTE_TPH_OP_GET_ST : RTE_TPH_OP_SET_ST;
		break;
	}
	if (lcore_id != TPH_NO_LCORE &&
			rte_tph_lcore_to_cpu(lcore_id, &why.cpu) != 0)
		why.cpu = RTE_TPH_CPU_NONE;
	return rte_tph_strerror(err, &why, buf, size);
}
#else
/* Without lib/tph, errno's words. */
static const char *
tph_refusal(int err, enum tph_request request __rte_unused,
		enum rte_tph_mode mode __rte_unused,
		unsigned int lcore_id __rte_unused, char *buf, size_t size)
{
	snprintf(buf, size, "%s", strerror(-err));
	return buf;
}
#endif

/* Why a port's TPH was left off, in the user's terms. */
static const char *
tph_port_refusal(int err, enum rte_tph_mode mode, char *buf, size_t size)
{
	switch (err) {
	case -ENOENT:
		snprintf(buf, size, "no lcore polls a queue of the port");
		return buf;
	case -ENOSPC:
		snprintf(buf, size, "more queues than l3fwd can bind at once");
		return buf;
	case -ENOTSUP:
		/* ethdev logs which part of the system lacks TPH. */
		snprintf(buf, size, "the port cannot use %s mode",
			tph_mode_name(mode));
		return buf;
	default:
		return tph_refusal(err, TPH_REQUEST_ENABLE, mode,
			TPH_NO_LCORE, buf, size);
	}
}

/* Why the device refused a queue's binding: lcore rule, else the tag. */
static const char *
tph_queue_refusal(const struct rte_eth_tph_queue_info *info,
		enum rte_tph_mode mode, char *buf, size_t size)
{
	if (!info->bind_failed) {
		snprintf(buf, size, "not programmed");
		return buf;
	}
	return tph_refusal(info->bind_err, info->bind_err == -EINVAL ?
		TPH_REQUEST_LCORE : TPH_REQUEST_TAG, mode,
		info->failed_lcore_id, buf, size);
}

static const char *
tph_dir_name(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq";
}

/* What the device accepted. 8< */

/* Print the queues whose binding the device accepted (or refused). */
static uint16_t
tph_print_queues(uint16_t portid, enum rte_tph_mode mode, uint16_t n,
		bool accepted)
{
	const struct rte_eth_tph_queue_binding *b;
	struct rte_eth_tph_queue_info info;
	char why[TPH_WHY_LEN];
	uint16_t i, count = 0;

	for (i = 0; i < n; i++) {
		b = &tph_bindings[i];
		if (rte_eth_dev_tph_queue_info_get(portid, b->queue_id,
				b->dir, &info) != 0 ||
				(info.bound && info.applied) != accepted)
			continue;
		printf("%s %s %u lcore %u", count == 0 ? "" : ",",
			tph_dir_name(b->dir), b->queue_id, b->lcore_id);
		if (!accepted)
			printf(" (%s)", tph_queue_refusal(&info, mode, why,
				sizeof(why)));
		else if (info.st_index_valid)
			printf(" CPU %u ST index %u", info.cpu, info.st_index);
		else if (info.st_valid)
			printf(" CPU %u tag 0x%x", info.cpu, info.st);
		count++;
	}
	return count;
}

void
l3fwd_tph_report_port(uint16_t portid)
{
	enum rte_tph_mode mode = tph_mode_requested();
	char why[TPH_WHY_LEN];
	uint16_t bound;
	int n;

	if (mode == RTE_TPH_MODE_OFF)
		return;
	if (tph_bind_err[portid] != 0) {
		printf("Port %u TPH %s mode: not enabled, no queue steered: %s\n",
			portid, tph_mode_name(mode),
			tph_port_refusal(tph_bind_err[portid], mode, why,
				sizeof(why)));
		return;
	}
	n = tph_port_bindings(portid);
	printf("Port %u TPH %s mode: bound:", portid,
		tph_mode_name(mode));
	bound = tph_print_queues(portid, mode, n, true);
	printf("%s; refused:", bound == 0 ? " none" : "");
	if (tph_print_queues(portid, mode, n, false) == 0)
		printf(" none");
	printf("; %u of %d queues steered\n", bound, n);
}
/* >8 End of what the device accepted. */
