/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * testpmd commands for PCIe TPH steering tags (rte_ethdev_tph.h):
 *   show port (port_id|all) tph
 *   port config (port_id|all) tph mode (off|iv|ds)
 *   port config (port_id) (rxq|txq) (queue_id) tph lcore (lcore_id)
 *   port config (port_id) (rxq|txq) (queue_id) tph auto
 * and the automatic binding of each forwarding stream's queues to the
 * stream's lcore when forwarding starts.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmdline_parse.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ethdev_tph.h>
#include <rte_lcore.h>
#include <rte_tph.h>

#include "testpmd.h"
#include "cmdline_tph.h"
#include "tph_queue_restart.h"

#define TPH_NO_LCORE UINT32_MAX
#define TPH_NB_DIRS 2

/* A queue bound by hand keeps its lcore until "tph auto". */
struct tph_manual_binding {
	bool set;
	unsigned int lcore_id;
};

/* Per port and direction, RTE_MAX_QUEUES_PER_PORT entries; NULL until used. */
static struct tph_manual_binding *tph_manual[RTE_MAX_ETHPORTS][TPH_NB_DIRS];

static const char *
tph_dir_name(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? "rxq" : "txq";
}

static const char *
tph_modes_str(uint32_t modes, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s",
		(modes & RTE_TPH_CAP_MODE_IV) ? "iv" : "",
		(modes & RTE_TPH_CAP_MODE_IV) && (modes & RTE_TPH_CAP_MODE_DS) ?
			" " : "",
		(modes & RTE_TPH_CAP_MODE_DS) ? "ds" : "");
	if (buf[0] == '\0')
		snprintf(buf, len, "none");
	return buf;
}

static const char *
tph_st_location_str(enum rte_tph_st_location loc)
{
	switch (loc) {
	case RTE_TPH_ST_LOC_CAP:
		return "in the TPH capability";
	case RTE_TPH_ST_LOC_MSIX:
		return "in the MSI-X table";
	default:
		return "none";
	}
}

/* The words of the commands; testpmd needs no lib/tph call to print them. */
static const char *const tph_mode_names[] = {
	[RTE_TPH_MODE_OFF] = "off",
	[RTE_TPH_MODE_IV] = "iv",
	[RTE_TPH_MODE_DS] = "ds",
};

static const char *
tph_mode_name(enum rte_tph_mode mode)
{
	if ((unsigned int)mode < RTE_DIM(tph_mode_names))
		return tph_mode_names[mode];
	return "unknown";
}

static int
tph_parse_mode(const char *s, enum rte_tph_mode *mode)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(tph_mode_names); i++) {
		if (strcmp(s, tph_mode_names[i]) == 0) {
			*mode = (enum rte_tph_mode)i;
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * DPDK built without lib/tph (-Ddisable_libs=tph): every TPH command says
 * so rather than reporting ethdev's -ENOTSUP for each port.
 */
static bool
tph_not_built(void)
{
#ifdef RTE_LIB_TPH
	return false;
#else
	fprintf(stderr, "TPH not built: DPDK was configured with -Ddisable_libs=tph\n");
	return true;
#endif
}

/* lib/tph's sentence for a refusal; errno's text without lib/tph. */
static const char *
tph_refusal_text(int err, enum rte_tph_op op, enum rte_tph_mode mode,
		unsigned int lcore_id, char *buf, size_t len)
{
#ifdef RTE_LIB_TPH
	return rte_tph_lcore_strerror(err, op, mode, lcore_id, buf, len);
#else
	RTE_SET_USED(op);
	RTE_SET_USED(mode);
	RTE_SET_USED(lcore_id);
	snprintf(buf, len, "%s", rte_strerror(-err));
	return buf;
#endif
}

/*
 * Why a binding of a queue of @p port_id to @p lcore_id was refused: the
 * lcore rule for -EINVAL, the tag lookup or table write of the port's mode
 * otherwise.
 */
static const char *
tph_bind_refusal_str(portid_t port_id, unsigned int lcore_id, int err,
		char *buf, size_t len)
{
	enum rte_tph_mode mode = RTE_TPH_MODE_OFF;

	if (err == -ENOTSUP) {
		snprintf(buf, len, "TPH is off on the port (port config %u tph mode iv|ds)",
			port_id);
		return buf;
	}
	if (err == -EINVAL || rte_eth_dev_tph_mode_get(port_id, &mode) != 0)
		return tph_refusal_text(err, RTE_TPH_OP_LCORE, mode, lcore_id,
			buf, len);
	return tph_refusal_text(err, mode == RTE_TPH_MODE_DS ?
		RTE_TPH_OP_GET_ST : RTE_TPH_OP_SET_ST, mode, lcore_id, buf, len);
}

/* Why a mode switch was refused: ethdev logged the port's reason for -ENOTSUP. */
static const char *
tph_mode_refusal_str(enum rte_tph_mode mode, int err, char *buf, size_t len)
{
	if (err == -ENOTSUP) {
		snprintf(buf, len, "the port cannot use %s mode", tph_mode_name(mode));
		return buf;
	}
	return tph_refusal_text(err, mode == RTE_TPH_MODE_OFF ?
		RTE_TPH_OP_DISABLE : RTE_TPH_OP_ENABLE, mode,
		RTE_TPH_LCORE_NONE, buf, len);
}

/* "all" or a port number; prints why not on error. */
static int
tph_parse_port(const char *s, portid_t *port_id, bool *all)
{
	unsigned long v;
	char *end;

	*all = strcmp(s, "all") == 0;
	if (*all)
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 ||
			v >= RTE_MAX_ETHPORTS) {
		fprintf(stderr, "Invalid port '%s': expected a port id or all\n", s);
		return -EINVAL;
	}
	*port_id = (portid_t)v;
	if (port_id_is_invalid(*port_id, ENABLED_WARN))
		return -EINVAL;
	return 0;
}

/* Apply fn to the port named by s, or to every port for "all". */
static void
tph_foreach_port(const char *s, void (*fn)(portid_t port_id, const void *arg),
		const void *arg)
{
	portid_t port_id;
	bool all;

	if (tph_parse_port(s, &port_id, &all) != 0)
		return;
	if (!all) {
		fn(port_id, arg);
		return;
	}
	RTE_ETH_FOREACH_DEV(port_id)
		fn(port_id, arg);
}

static struct tph_manual_binding *
tph_manual_get(portid_t port_id, enum rte_eth_tph_queue_dir dir,
		uint16_t queue_id, bool alloc)
{
	struct tph_manual_binding **tab = &tph_manual[port_id][dir];

	if (*tab == NULL) {
		if (!alloc)
			return NULL;
		*tab = calloc(RTE_MAX_QUEUES_PER_PORT, sizeof(**tab));
		if (*tab == NULL)
			return NULL;
	}
	return &(*tab)[queue_id];
}

/* Why a port has no usable TPH mode, from its capability. */
static const char *
tph_unsupported_reason(const struct rte_eth_tph_capa *capa,
		const struct rte_eth_dev_info *info, char *buf, size_t len)
{
	const char *dev = info->device != NULL ? rte_dev_name(info->device) : "?";
	char m1[16], m2[16];

	if (capa->dev_err == -ENOTSUP)
		snprintf(buf, len, "no TPH backend for device %s", dev);
	else if (capa->dev_err != 0)
		snprintf(buf, len, "TPH capability of device %s unavailable: %s",
			dev, rte_strerror(-capa->dev_err));
	else if (capa->dev_modes == 0)
		snprintf(buf, len, "device %s has no usable TPH requester", dev);
	else if (capa->pmd_err == -ENOTSUP)
		snprintf(buf, len, "PMD %s has no TPH support", info->driver_name);
	else if (capa->pmd_err != 0)
		snprintf(buf, len, "PMD %s cannot report its TPH modes: %s",
			info->driver_name, rte_strerror(-capa->pmd_err));
	else if (capa->pmd_modes == 0)
		/* The PMD logged why at start, e.g. too few interrupt vectors. */
		snprintf(buf, len, "PMD %s cannot use TPH on this port",
			info->driver_name);
	else
		snprintf(buf, len, "device modes (%s) and PMD modes (%s) differ",
			tph_modes_str(capa->dev_modes, m1, sizeof(m1)),
			tph_modes_str(capa->pmd_modes, m2, sizeof(m2)));
	return buf;
}

/* A queue info field: its value (in hex for a tag), or absent when not valid. */
static const char *
tph_field_str(bool valid, bool hex, unsigned int v, const char *absent,
		char *buf, size_t len)
{
	if (valid)
		snprintf(buf, len, hex ? "0x%x" : "%u", v);
	else
		snprintf(buf, len, "%s", absent);
	return buf;
}

static void
tph_show_queue(portid_t port_id, enum rte_eth_tph_queue_dir dir, uint16_t q,
		bool started)
{
	struct rte_eth_tph_queue_info qi;
	char cpu[16], idx[16], tag[16], why[RTE_TPH_STRERROR_LEN];
	struct tph_manual_binding *m;
	int ret;

	ret = rte_eth_dev_tph_queue_info_get(port_id, q, dir, &qi);
	if (ret != 0) {
		printf("  %s %u: %s\n", tph_dir_name(dir), q, rte_strerror(-ret));
		return;
	}
	if (!qi.bound && qi.bind_failed) {
		/* Refused bindings leave the queue unsteered: say why. */
		printf("  %s %u: not bound (binding to lcore %u failed: %s)\n",
			tph_dir_name(dir), q, qi.failed_lcore_id,
			tph_bind_refusal_str(port_id, qi.failed_lcore_id,
				qi.bind_err, why, sizeof(why)));
		return;
	}
	if (!qi.bound) {
		printf("  %s %u: not bound%s\n", tph_dir_name(dir), q,
			qi.pending ? " (pending: keeps its tag until the next start)" :
			"");
		return;
	}
	m = tph_manual_get(port_id, dir, q, false);
	printf("  %s %u: lcore %u, CPU %s, ST index %s, tag %s, %s%s%s\n",
		tph_dir_name(dir), q, qi.lcore_id,
		tph_field_str(qi.cpu != UINT32_MAX, false, qi.cpu, "none",
			cpu, sizeof(cpu)),
		tph_field_str(qi.st_index_valid, false, qi.st_index, "none",
			idx, sizeof(idx)),
		tph_field_str(qi.st_valid, true, qi.st, "unknown",
			tag, sizeof(tag)),
		qi.mem_type == RTE_TPH_MEM_PERSISTENT ? "persistent, " : "",
		m != NULL && m->set ? "manual" : "auto",
		qi.pending ? ", pending until the next start" :
		qi.applied ? "" : started ? ", not programmed" :
			", programmed at port start");
}

static void
tph_show_port(portid_t port_id, __rte_unused const void *arg)
{
	struct rte_eth_dev_info info;
	struct rte_eth_tph_capa capa;
	enum rte_tph_mode mode;
	char buf[160], m1[16], m2[16], m3[16];
	bool started;
	uint16_t q;
	int ret;

	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret == 0)
		ret = rte_eth_dev_tph_capability_get(port_id, &capa);
	if (ret == 0)
		ret = rte_eth_dev_tph_mode_get(port_id, &mode);
	if (ret != 0) {
		fprintf(stderr, "Port %u: cannot read TPH state: %s\n",
			port_id, rte_strerror(-ret));
		return;
	}
	printf("Port %u TPH:\n", port_id);
	if (capa.modes == 0) {
		printf("  TPH: not supported (%s)\n",
			tph_unsupported_reason(&capa, &info, buf, sizeof(buf)));
		return;
	}
	printf("  TPH: supported, modes %s (device: %s, PMD: %s)\n",
		tph_modes_str(capa.modes, m1, sizeof(m1)),
		tph_modes_str(capa.dev_modes, m2, sizeof(m2)),
		tph_modes_str(capa.pmd_modes, m3, sizeof(m3)));
	printf("  ST table: %u entries %s, extended tags: %s\n",
		capa.dev_cap.st_table_size,
		tph_st_location_str(capa.dev_cap.st_location),
		capa.dev_cap.extended ? "yes" : "no");
	printf("  Mode: %s\n", tph_mode_name(mode));
	if (capa.pmd_loads_at_queue_start)
		printf("  Tags load at queue start: testpmd restarts queues with pending tags at start\n");
	started = ports[port_id].port_status == RTE_PORT_STARTED;
	for (q = 0; q < info.nb_rx_queues; q++)
		tph_show_queue(port_id, RTE_ETH_TPH_QUEUE_RX, q, started);
	for (q = 0; q < info.nb_tx_queues; q++)
		tph_show_queue(port_id, RTE_ETH_TPH_QUEUE_TX, q, started);
}

/* The lcore of the enabled forwarding stream that polls a queue. */
static unsigned int
tph_stream_lcore(portid_t port_id, enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	struct fwd_stream *fs;
	struct fwd_lcore *fl;
	lcoreid_t lc;
	streamid_t sm;

	for (lc = 0; lc < cur_fwd_config.nb_fwd_lcores; lc++) {
		fl = fwd_lcores[lc];
		for (sm = fl->stream_idx; sm < fl->stream_idx + fl->stream_nb;
				sm++) {
			fs = fwd_streams[sm];
			if (fs->disabled)
				continue;
			if (dir == RTE_ETH_TPH_QUEUE_RX ?
					fs->rx_port == port_id && fs->rx_queue == q :
					fs->tx_port == port_id && fs->tx_queue == q)
				return fwd_lcores_cpuids[fl->cpuid_idx];
		}
	}
	return TPH_NO_LCORE;
}

static void
tph_bind_failed(portid_t port_id, enum rte_eth_tph_queue_dir dir, uint16_t q,
		unsigned int lcore_id, int ret)
{
	char why[RTE_TPH_STRERROR_LEN];

	fprintf(stderr, "Port %u %s %u: TPH binding to lcore %u failed: %s\n",
		port_id, tph_dir_name(dir), q, lcore_id,
		tph_bind_refusal_str(port_id, lcore_id, ret, why, sizeof(why)));
}

/* Whether ethdev still holds a queue's manual binding (a queue set up again loses it). */
static bool
tph_manual_held(portid_t port_id, enum rte_eth_tph_queue_dir dir, uint16_t q,
		unsigned int lcore_id)
{
	struct rte_eth_tph_queue_info qi;

	return rte_eth_dev_tph_queue_info_get(port_id, q, dir, &qi) == 0 &&
		qi.bound && qi.lcore_id == lcore_id;
}

/* " (pending ...)" after a change to a queue whose tag loads at queue start. */
static const char *
tph_pending_note(portid_t port_id, enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	struct rte_eth_tph_queue_info qi;

	if (rte_eth_dev_tph_queue_info_get(port_id, q, dir, &qi) != 0 ||
			!qi.pending)
		return "";
	return " (pending: the queue restarts at the next start)";
}

/*
 * Bindings refused as a batch: bind the queues one at a time, so that a
 * queue whose lcore the device cannot steer to costs only itself.
 */
static void
tph_bind_one_by_one(portid_t port_id,
		const struct rte_eth_tph_queue_binding *b, uint16_t n,
		unsigned int bound[TPH_NB_DIRS])
{
	uint16_t i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = rte_eth_dev_tph_queues_bind(port_id, &b[i], 1);
		if (ret != 0) {
			tph_bind_failed(port_id, b[i].dir, b[i].queue_id,
				b[i].lcore_id, ret);
			continue;
		}
		bound[b[i].dir]++;
	}
}

/*
 * Bind a port's queues to their forwarding lcores, with one ethdev call
 * for the whole port (one request to the device). Queues bound by hand
 * keep their binding; queues no stream polls are unbound, in one call too.
 */
static void
tph_port_bind_streams(portid_t port_id)
{
	struct rte_eth_tph_queue_binding *binds = NULL;
	struct rte_eth_tph_queue_ref *unbinds = NULL;
	unsigned int bound[TPH_NB_DIRS] = { 0, 0 };
	struct tph_manual_binding *m;
	struct rte_eth_dev_info info;
	uint16_t nb, q, nb_binds = 0, nb_unbinds = 0;
	enum rte_tph_mode mode;
	unsigned int lcore;
	int dir, ret;

	if (rte_eth_dev_tph_mode_get(port_id, &mode) != 0 ||
			mode == RTE_TPH_MODE_OFF)
		return;
	if (rte_eth_dev_info_get(port_id, &info) != 0)
		return;
	binds = calloc((size_t)info.nb_rx_queues + info.nb_tx_queues + 1,
		sizeof(*binds));
	unbinds = calloc((size_t)info.nb_rx_queues + info.nb_tx_queues + 1,
		sizeof(*unbinds));
	if (binds == NULL || unbinds == NULL) {
		fprintf(stderr, "Port %u: no memory to bind TPH queues\n",
			port_id);
		goto out;
	}
	for (dir = 0; dir < TPH_NB_DIRS; dir++) {
		nb = dir == RTE_ETH_TPH_QUEUE_RX ?
			info.nb_rx_queues : info.nb_tx_queues;
		for (q = 0; q < RTE_MAX_QUEUES_PER_PORT; q++) {
			m = tph_manual_get(port_id, dir, q, false);
			if (q >= nb) {
				/* The queue is gone: so is its manual binding. */
				if (m == NULL)
					break;
				m->set = false;
				continue;
			}
			if (m != NULL && m->set) {
				if (tph_manual_held(port_id, dir, q, m->lcore_id)) {
					bound[dir]++;
					continue;
				}
				lcore = m->lcore_id;
			} else {
				lcore = tph_stream_lcore(port_id, dir, q);
			}
			if (lcore == TPH_NO_LCORE) {
				unbinds[nb_unbinds].dir = dir;
				unbinds[nb_unbinds].queue_id = q;
				nb_unbinds++;
				continue;
			}
			binds[nb_binds].dir = dir;
			binds[nb_binds].queue_id = q;
			binds[nb_binds].lcore_id = lcore;
			binds[nb_binds].mem_type = RTE_TPH_MEM_VOLATILE;
			nb_binds++;
		}
	}
	if (nb_unbinds > 0)
		rte_eth_dev_tph_queues_unbind(port_id, unbinds, nb_unbinds);
	if (nb_binds > 0) {
		ret = rte_eth_dev_tph_queues_bind(port_id, binds, nb_binds);
		if (ret == 0) {
			for (q = 0; q < nb_binds; q++)
				bound[binds[q].dir]++;
		} else if (nb_binds > 1) {
			fprintf(stderr,
				"Port %u: TPH binding of %u queues failed: %s; binding them one at a time\n",
				port_id, nb_binds, rte_strerror(-ret));
			tph_bind_one_by_one(port_id, binds, nb_binds, bound);
		} else {
			tph_bind_failed(port_id, binds[0].dir, binds[0].queue_id,
				binds[0].lcore_id, ret);
		}
	}
	printf("Port %u: TPH %s: %u Rx and %u Tx queues bound to their lcores\n",
		port_id, tph_mode_name(mode), bound[RTE_ETH_TPH_QUEUE_RX],
		bound[RTE_ETH_TPH_QUEUE_TX]);
	/* No lcore polls before forwarding starts: load pending tags now. */
	if (test_done != 0)
		tph_queues_restart_pending(port_id, info.nb_rx_queues,
			info.nb_tx_queues, stdout, stderr);
	else
		tph_queues_pending_warn(port_id, info.nb_rx_queues,
			info.nb_tx_queues, stdout);
out:
	free(binds);
	free(unbinds);
}

void
tph_fwd_streams_bind(void)
{
	portid_t port_id;

#ifndef RTE_LIB_TPH
	/* Nothing to bind; the TPH commands say why. */
	return;
#endif
	RTE_ETH_FOREACH_DEV(port_id)
		tph_port_bind_streams(port_id);
}

/* *** show port (port_id|all) tph *** */
struct cmd_show_port_tph_result {
	cmdline_fixed_string_t show;
	cmdline_fixed_string_t port;
	cmdline_fixed_string_t port_id;
	cmdline_fixed_string_t tph;
};

static cmdline_parse_token_string_t cmd_show_port_tph_show =
	TOKEN_STRING_INITIALIZER(struct cmd_show_port_tph_result, show, "show");
static cmdline_parse_token_string_t cmd_show_port_tph_port =
	TOKEN_STRING_INITIALIZER(struct cmd_show_port_tph_result, port, "port");
static cmdline_parse_token_string_t cmd_show_port_tph_port_id =
	TOKEN_STRING_INITIALIZER(struct cmd_show_port_tph_result, port_id, NULL);
static cmdline_parse_token_string_t cmd_show_port_tph_tph =
	TOKEN_STRING_INITIALIZER(struct cmd_show_port_tph_result, tph, "tph");

static void
cmd_show_port_tph_parsed(void *parsed_result, __rte_unused struct cmdline *cl,
		__rte_unused void *data)
{
	struct cmd_show_port_tph_result *res = parsed_result;

	if (tph_not_built())
		return;
	tph_foreach_port(res->port_id, tph_show_port, NULL);
}

cmdline_parse_inst_t cmd_show_port_tph = {
	.f = cmd_show_port_tph_parsed,
	.data = NULL,
	.help_str = "show port <port_id>|all tph: "
		"Show the TPH capability, mode and queue bindings",
	.tokens = {
		(void *)&cmd_show_port_tph_show,
		(void *)&cmd_show_port_tph_port,
		(void *)&cmd_show_port_tph_port_id,
		(void *)&cmd_show_port_tph_tph,
		NULL,
	},
};

/*
 * The "port config" both configuration commands start with: first in
 * their parse results, so that one pair of tokens serves both.
 */
struct cmd_port_config_tph_prefix {
	cmdline_fixed_string_t port;
	cmdline_fixed_string_t config;
};

static cmdline_parse_token_string_t cmd_port_config_tph_port =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_tph_prefix, port, "port");
static cmdline_parse_token_string_t cmd_port_config_tph_config =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_tph_prefix, config,
		"config");

/* *** port config (port_id|all) tph mode (off|iv|ds) *** */
struct cmd_port_config_tph_mode_result {
	struct cmd_port_config_tph_prefix prefix;
	cmdline_fixed_string_t port_id;
	cmdline_fixed_string_t tph;
	cmdline_fixed_string_t mode;
	cmdline_fixed_string_t value;
};

static cmdline_parse_token_string_t cmd_port_config_tph_mode_port_id =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_tph_mode_result, port_id,
		NULL);
static cmdline_parse_token_string_t cmd_port_config_tph_mode_tph =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_tph_mode_result, tph,
		"tph");
static cmdline_parse_token_string_t cmd_port_config_tph_mode_mode =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_tph_mode_result, mode,
		"mode");
static cmdline_parse_token_string_t cmd_port_config_tph_mode_value =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_tph_mode_result, value,
		NULL);

static void
tph_port_mode_set(portid_t port_id, const void *arg)
{
	enum rte_tph_mode mode = *(const enum rte_tph_mode *)arg;
	enum rte_tph_mode old = RTE_TPH_MODE_OFF;
	char why[RTE_TPH_STRERROR_LEN];
	int ret;

	rte_eth_dev_tph_mode_get(port_id, &old);
	ret = rte_eth_dev_tph_mode_set(port_id, mode);
	if (ret != 0) {
		fprintf(stderr, "Port %u: TPH mode %s not set: %s\n", port_id,
			tph_mode_name(mode),
			tph_mode_refusal_str(mode, ret, why, sizeof(why)));
		return;
	}
	printf("Port %u: TPH mode %s\n", port_id, tph_mode_name(mode));
	/*
	 * While forwarding, bind the streams now rather than at next start.
	 * A switch between iv and ds keeps the bindings and ethdev already
	 * programmed them in the new mode: only a port coming from off
	 * needs them.
	 */
	if (test_done == 0 && old == RTE_TPH_MODE_OFF)
		tph_port_bind_streams(port_id);
}

static void
cmd_port_config_tph_mode_parsed(void *parsed_result,
		__rte_unused struct cmdline *cl, __rte_unused void *data)
{
	struct cmd_port_config_tph_mode_result *res = parsed_result;
	enum rte_tph_mode mode;

	if (tph_not_built())
		return;
	if (tph_parse_mode(res->value, &mode) != 0) {
		fprintf(stderr, "Invalid TPH mode '%s': expected off, iv or ds\n",
			res->value);
		return;
	}
	tph_foreach_port(res->port_id, tph_port_mode_set, &mode);
}

cmdline_parse_inst_t cmd_port_config_tph_mode = {
	.f = cmd_port_config_tph_mode_parsed,
	.data = NULL,
	.help_str = "port config <port_id>|all tph mode off|iv|ds: "
		"Set the TPH steering tag mode of a port",
	.tokens = {
		(void *)&cmd_port_config_tph_port,
		(void *)&cmd_port_config_tph_config,
		(void *)&cmd_port_config_tph_mode_port_id,
		(void *)&cmd_port_config_tph_mode_tph,
		(void *)&cmd_port_config_tph_mode_mode,
		(void *)&cmd_port_config_tph_mode_value,
		NULL,
	},
};

/* *** port config (port_id) (rxq|txq) (queue_id) tph lcore (lcore_id) *** */
/* *** port config (port_id) (rxq|txq) (queue_id) tph auto *** */
struct cmd_port_config_queue_tph_result {
	struct cmd_port_config_tph_prefix prefix;
	portid_t port_id;
	cmdline_fixed_string_t dir;
	uint16_t queue_id;
	cmdline_fixed_string_t tph;
	cmdline_fixed_string_t what;
	uint32_t lcore_id;
};

static cmdline_parse_token_num_t cmd_port_config_queue_tph_port_id =
	TOKEN_NUM_INITIALIZER(struct cmd_port_config_queue_tph_result, port_id,
		RTE_UINT16);
static cmdline_parse_token_string_t cmd_port_config_queue_tph_dir =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_queue_tph_result, dir,
		"rxq#txq");
static cmdline_parse_token_num_t cmd_port_config_queue_tph_queue_id =
	TOKEN_NUM_INITIALIZER(struct cmd_port_config_queue_tph_result, queue_id,
		RTE_UINT16);
static cmdline_parse_token_string_t cmd_port_config_queue_tph_tph =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_queue_tph_result, tph,
		"tph");
static cmdline_parse_token_string_t cmd_port_config_queue_tph_kw_lcore =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_queue_tph_result, what,
		"lcore");
static cmdline_parse_token_num_t cmd_port_config_queue_tph_lcore_id =
	TOKEN_NUM_INITIALIZER(struct cmd_port_config_queue_tph_result, lcore_id,
		RTE_UINT32);
static cmdline_parse_token_string_t cmd_port_config_queue_tph_kw_auto =
	TOKEN_STRING_INITIALIZER(struct cmd_port_config_queue_tph_result, what,
		"auto");

/* Port and queue checks shared by both queue commands; prints why not. */
static int
tph_queue_check(const struct cmd_port_config_queue_tph_result *res,
		enum rte_eth_tph_queue_dir *dir)
{
	struct rte_eth_dev_info info;
	uint16_t nb;

	if (port_id_is_invalid(res->port_id, ENABLED_WARN))
		return -ENODEV;
	*dir = strcmp(res->dir, "rxq") == 0 ?
		RTE_ETH_TPH_QUEUE_RX : RTE_ETH_TPH_QUEUE_TX;
	if (rte_eth_dev_info_get(res->port_id, &info) != 0)
		return -ENODEV;
	nb = *dir == RTE_ETH_TPH_QUEUE_RX ? info.nb_rx_queues : info.nb_tx_queues;
	if (res->queue_id >= nb) {
		fprintf(stderr, "Port %u: invalid %s %u (%u configured)\n",
			res->port_id, res->dir, res->queue_id, nb);
		return -EINVAL;
	}
	return 0;
}

static void
cmd_port_config_queue_tph_lcore_parsed(void *parsed_result,
		__rte_unused struct cmdline *cl, __rte_unused void *data)
{
	struct cmd_port_config_queue_tph_result *res = parsed_result;
	struct tph_manual_binding *m;
	enum rte_eth_tph_queue_dir dir;
	int ret;

	if (tph_not_built() || tph_queue_check(res, &dir) != 0)
		return;
	/* ethdev applies lib/tph's lcore rule; its refusal is printed below. */
	/* Allocated first so that a failure leaves no binding behind. */
	m = tph_manual_get(res->port_id, dir, res->queue_id, true);
	if (m == NULL) {
		fprintf(stderr, "Port %u: no memory for TPH bindings\n",
			res->port_id);
		return;
	}
	ret = rte_eth_dev_tph_queue_bind(res->port_id, res->queue_id, dir,
			res->lcore_id, RTE_TPH_MEM_VOLATILE);
	if (ret != 0) {
		tph_bind_failed(res->port_id, dir, res->queue_id, res->lcore_id,
			ret);
		return;
	}
	m->set = true;
	m->lcore_id = res->lcore_id;
	printf("Port %u %s %u: TPH bound to lcore %u%s\n", res->port_id,
		res->dir, res->queue_id, res->lcore_id,
		ports[res->port_id].port_status == RTE_PORT_STARTED ?
			tph_pending_note(res->port_id, dir, res->queue_id) :
			" (programmed at port start)");
}

static void
cmd_port_config_queue_tph_auto_parsed(void *parsed_result,
		__rte_unused struct cmdline *cl, __rte_unused void *data)
{
	struct cmd_port_config_queue_tph_result *res = parsed_result;
	char why[RTE_TPH_STRERROR_LEN];
	struct tph_manual_binding *m;
	enum rte_eth_tph_queue_dir dir;
	enum rte_tph_mode mode;
	unsigned int lcore;
	int ret;

	if (tph_not_built() || tph_queue_check(res, &dir) != 0)
		return;
	/* Forwarding: bind to the stream's lcore now; else the next start does. */
	lcore = TPH_NO_LCORE;
	if (test_done == 0 &&
			rte_eth_dev_tph_mode_get(res->port_id, &mode) == 0 &&
			mode != RTE_TPH_MODE_OFF)
		lcore = tph_stream_lcore(res->port_id, dir, res->queue_id);
	if (lcore == TPH_NO_LCORE) {
		ret = rte_eth_dev_tph_queue_unbind(res->port_id, res->queue_id,
				dir);
		/* A secondary process: the queue stays as the primary has it. */
		if (ret == -E_RTE_SECONDARY) {
			fprintf(stderr, "Port %u %s %u: TPH binding not made automatic: %s\n",
				res->port_id, res->dir, res->queue_id,
				tph_refusal_text(ret, RTE_TPH_OP_CLEAR_ST,
					RTE_TPH_MODE_OFF, RTE_TPH_LCORE_NONE,
					why, sizeof(why)));
			return;
		}
	} else {
		ret = rte_eth_dev_tph_queue_bind(res->port_id, res->queue_id,
				dir, lcore, RTE_TPH_MEM_VOLATILE);
		if (ret != 0)
			tph_bind_failed(res->port_id, dir, res->queue_id, lcore,
				ret);
	}
	m = tph_manual_get(res->port_id, dir, res->queue_id, false);
	if (m != NULL)
		m->set = false;
	printf("Port %u %s %u: TPH binding automatic%s\n", res->port_id,
		res->dir, res->queue_id,
		tph_pending_note(res->port_id, dir, res->queue_id));
}

cmdline_parse_inst_t cmd_port_config_queue_tph_lcore = {
	.f = cmd_port_config_queue_tph_lcore_parsed,
	.data = NULL,
	.help_str = "port config <port_id> rxq|txq <queue_id> tph lcore <lcore_id>: "
		"Steer a queue's DMA writes to an lcore's CPU",
	.tokens = {
		(void *)&cmd_port_config_tph_port,
		(void *)&cmd_port_config_tph_config,
		(void *)&cmd_port_config_queue_tph_port_id,
		(void *)&cmd_port_config_queue_tph_dir,
		(void *)&cmd_port_config_queue_tph_queue_id,
		(void *)&cmd_port_config_queue_tph_tph,
		(void *)&cmd_port_config_queue_tph_kw_lcore,
		(void *)&cmd_port_config_queue_tph_lcore_id,
		NULL,
	},
};

cmdline_parse_inst_t cmd_port_config_queue_tph_auto = {
	.f = cmd_port_config_queue_tph_auto_parsed,
	.data = NULL,
	.help_str = "port config <port_id> rxq|txq <queue_id> tph auto: "
		"Bind a queue to its forwarding lcore again",
	.tokens = {
		(void *)&cmd_port_config_tph_port,
		(void *)&cmd_port_config_tph_config,
		(void *)&cmd_port_config_queue_tph_port_id,
		(void *)&cmd_port_config_queue_tph_dir,
		(void *)&cmd_port_config_queue_tph_queue_id,
		(void *)&cmd_port_config_queue_tph_tph,
		(void *)&cmd_port_config_queue_tph_kw_auto,
		NULL,
	},
};
