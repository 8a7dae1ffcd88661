/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Unit tests of the ethdev TPH layer (rte_ethdev_tph.h): the per-port
 * mode, the per-queue bindings and their life cycle (start, stop, queue
 * release, reconfiguration, close) and the EAL --tph-mode default.
 *
 * Ports are net_null vdevs. Their PMD gets test TPH operations (a copy of
 * the null PMD's eth_dev_ops with the tph_* members filled), which program
 * tags through lib/tph like a real PMD would, one batch per call:
 * Interrupt Vector mode writes ST table entries, Device Specific mode
 * reads tags. lib/tph talks to a simulated bus backend registered through
 * rte_tph_driver.h, which keeps a model of the device's requester; its
 * per-device counters (rte_tph_stats_get()) show how many requests each
 * step cost the device. Run it with any --tph-mode: the EAL default test
 * checks the behaviour that mode asks for.
 */

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "test.h"

#ifndef RTE_HAS_CPUSET

static int
test_ethdev_tph(void)
{
	printf("TPH tests need lcore cpusets, not available on this OS\n");
	return TEST_SKIPPED;
}

#else

#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_ethdev_tph.h>
#include <rte_mbuf.h>
#include <rte_tph.h>
#include <rte_tph_driver.h>
#include <dev_driver.h>
#include <ethdev_driver.h>

#include "test_tph_sim.h"

#define NB_Q 2            /* queues per direction of each test port */
#define SIM_TABLE 16      /* ST table entries of the simulated device */
#define NB_DIRS 2
#define BOTH_MODES (RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS)
#define TRACE_MAX 512

/* The test PMD operations of one port and what they were asked to do. */
struct fake_pmd {
	bool used;
	char name[32];
	uint16_t port_id;
	uint32_t modes;           /* reported by tph_caps_get */
	int fail_mode_set;        /* while non-zero, tph_mode_set returns it */
	int fail_bind;            /* while non-zero, tph_queues_bind returns it */
	/* While set, tph_queues_bind refuses a batch with this lcore in it. */
	bool fail_lcore_set;
	unsigned int fail_lcore;
	enum rte_tph_mode mode;   /* last tph_mode_set */
	/* Calls of each op, and entries the bind calls carried. */
	unsigned int nb_bind, nb_bind_ents, nb_unbind, nb_mode_set;
	/* What the PMD programmed, per direction and queue. */
	bool programmed[NB_DIRS][NB_Q];
	unsigned int prog_lcore[NB_DIRS][NB_Q];
	uint16_t prog_st[NB_DIRS][NB_Q];
	/*
	 * One item per op call: "M<mode>." per mode_set, "B" then "<r|t><q>"
	 * per queue then "." per bind batch, the same with "U" per unbind.
	 */
	char trace[TRACE_MAX];
	struct eth_dev_ops ops;
	struct tph_sim_dev sim;
};

static struct fake_pmd fakes[RTE_MAX_ETHPORTS];
static struct rte_mempool *pool;
static unsigned int main_lcore, other_lcore, disabled_lcore;
static unsigned int main_cpu, other_cpu;

static struct fake_pmd *
fake_of(const struct rte_eth_dev *dev)
{
	return &fakes[dev->data->port_id];
}

static void
fake_trace(struct fake_pmd *f, const char *item)
{
	size_t len = strlen(f->trace);

	snprintf(f->trace + len, sizeof(f->trace) - len, "%s", item);
}

static char
dir_char(enum rte_eth_tph_queue_dir dir)
{
	return dir == RTE_ETH_TPH_QUEUE_RX ? 'r' : 't';
}

/* Trace one batch: op letter, "<r|t><q>" per queue, ".". */
static void
fake_trace_batch(struct fake_pmd *f, char op,
		const struct rte_eth_tph_queue_binding *b,
		const struct rte_eth_tph_queue_ref *r, uint16_t n)
{
	char item[16];
	uint16_t i;

	snprintf(item, sizeof(item), "%c", op);
	fake_trace(f, item);
	for (i = 0; i < n; i++) {
		if (b != NULL)
			snprintf(item, sizeof(item), "%c%u", dir_char(b[i].dir),
				b[i].queue_id % 10);
		else
			snprintf(item, sizeof(item), "%c%u", dir_char(r[i].dir),
				r[i].queue_id % 10);
		fake_trace(f, item);
	}
	fake_trace(f, ".");
}

/* IV mode: the queue's ST table index, as a real PMD's MSI-X vector. */
static uint16_t
fake_st_index(enum rte_eth_tph_queue_dir dir, uint16_t q)
{
	return (uint16_t)(1 + dir * NB_Q + q);
}

/* --- test PMD TPH operations (eth_dev_ops tph_*) --- */

static int
fake_caps_get(struct rte_eth_dev *dev, uint32_t *modes)
{
	*modes = fake_of(dev)->modes;
	return 0;
}

static int
fake_mode_set(struct rte_eth_dev *dev, enum rte_tph_mode mode)
{
	struct fake_pmd *f = fake_of(dev);
	char item[8];

	f->nb_mode_set++;
	snprintf(item, sizeof(item), "M%d.", (int)mode);
	fake_trace(f, item);
	if (f->fail_mode_set != 0)
		return f->fail_mode_set;
	f->mode = mode;
	return 0;
}

static int
fake_bind(struct rte_eth_dev *dev, const struct rte_eth_tph_queue_binding *b,
		uint16_t n)
{
	struct fake_pmd *f = fake_of(dev);
	struct rte_tph_st_entry e[NB_DIRS * NB_Q];
	struct rte_tph_st_query sq[NB_DIRS * NB_Q];
	uint16_t i;
	int ret;

	f->nb_bind++;
	f->nb_bind_ents += n;
	fake_trace_batch(f, 'B', b, NULL, n);
	if (dev->data->dev_started == 0 || n == 0 || n > NB_DIRS * NB_Q)
		return -EFAULT; /* ethdev broke its contract */
	for (i = 0; i < n; i++) {
		if (b[i].queue_id >= NB_Q)
			return -EFAULT;
		if (f->fail_lcore_set && b[i].lcore_id == f->fail_lcore)
			return -EINVAL; /* as the kernel, for a CPU without tag */
	}
	if (f->fail_bind != 0)
		return f->fail_bind;
	/* One lib/tph batch for the whole call, as a real PMD does. */
	memset(e, 0, sizeof(e));
	memset(sq, 0, sizeof(sq));
	for (i = 0; i < n; i++) {
		e[i].index = fake_st_index(b[i].dir, b[i].queue_id);
		e[i].mem_type = b[i].mem_type;
		e[i].lcore_id = b[i].lcore_id;
		sq[i].lcore_id = b[i].lcore_id;
		sq[i].mem_type = b[i].mem_type;
	}
	if (f->mode == RTE_TPH_MODE_IV)
		ret = rte_tph_owner_set_st(dev->device, e, n);
	else
		ret = rte_tph_get_st(dev->device, sq, n);
	if (ret != 0)
		return ret;
	for (i = 0; i < n; i++) {
		if (f->mode != RTE_TPH_MODE_IV)
			f->prog_st[b[i].dir][b[i].queue_id] = sq[i].st;
		f->programmed[b[i].dir][b[i].queue_id] = true;
		f->prog_lcore[b[i].dir][b[i].queue_id] = b[i].lcore_id;
	}
	return 0;
}

static int
fake_unbind(struct rte_eth_dev *dev, const struct rte_eth_tph_queue_ref *r,
		uint16_t n)
{
	struct fake_pmd *f = fake_of(dev);
	uint16_t index[NB_DIRS * NB_Q];
	uint16_t i;

	f->nb_unbind++;
	fake_trace_batch(f, 'U', NULL, r, n);
	if (n == 0 || n > NB_DIRS * NB_Q)
		return -EFAULT;
	for (i = 0; i < n; i++) {
		if (r[i].queue_id >= NB_Q ||
				!f->programmed[r[i].dir][r[i].queue_id])
			return -EFAULT; /* ethdev broke its contract */
		index[i] = fake_st_index(r[i].dir, r[i].queue_id);
	}
	for (i = 0; i < n; i++) {
		f->programmed[r[i].dir][r[i].queue_id] = false;
		f->prog_st[r[i].dir][r[i].queue_id] = 0;
	}
	if (f->mode == RTE_TPH_MODE_IV)
		return rte_tph_owner_clear_st(dev->device, index, n);
	return 0;
}

static int
fake_info_get(struct rte_eth_dev *dev, enum rte_eth_tph_queue_dir dir,
		uint16_t q, struct rte_eth_tph_queue_info *info)
{
	struct fake_pmd *f = fake_of(dev);

	if (f->mode == RTE_TPH_MODE_IV) {
		info->st_index_valid = true;
		info->st_index = fake_st_index(dir, q);
	} else {
		info->st_valid = true;
		info->st = f->prog_st[dir][q];
	}
	return 0;
}

/* --- port helpers --- */

static int
port_queues_setup(uint16_t port_id, uint16_t nb_q)
{
	struct rte_eth_conf conf;
	uint16_t q;
	int ret;

	memset(&conf, 0, sizeof(conf));
	ret = rte_eth_dev_configure(port_id, nb_q, nb_q, &conf);
	for (q = 0; ret == 0 && q < nb_q; q++) {
		ret = rte_eth_rx_queue_setup(port_id, q, 64, SOCKET_ID_ANY,
				NULL, pool);
		if (ret == 0)
			ret = rte_eth_tx_queue_setup(port_id, q, 64,
					SOCKET_ID_ANY, NULL);
	}
	return ret;
}

/*
 * Create a configured net_null port (NB_Q queues each way, stopped).
 * pmd_modes: what its PMD declares (0: keep the null PMD's ops, no TPH);
 * dev_modes: what its device offers (0: no backend registered).
 */
static int
port_create(const char *name, uint32_t pmd_modes, uint32_t dev_modes,
		uint16_t *port_id)
{
	struct rte_eth_dev *dev;
	struct fake_pmd *f;

	if (rte_vdev_init(name, NULL) != 0 ||
			rte_eth_dev_get_port_by_name(name, port_id) != 0)
		return -1;
	dev = &rte_eth_devices[*port_id];
	f = &fakes[*port_id];
	memset(f, 0, sizeof(*f));
	f->used = true;
	f->port_id = *port_id;
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->modes = pmd_modes;
	f->ops = *dev->dev_ops;
	if (pmd_modes != 0) {
		f->ops.tph_caps_get = fake_caps_get;
		f->ops.tph_mode_set = fake_mode_set;
		f->ops.tph_queues_bind = fake_bind;
		f->ops.tph_queues_unbind = fake_unbind;
		f->ops.tph_queue_info_get = fake_info_get;
	}
	dev->dev_ops = &f->ops;
	tph_sim_init(&f->sim, dev->device, name, 0, RTE_TPH_ST_LOC_NONE, 0,
		false);
	if (dev_modes != 0) {
		f->sim.cap.modes = dev_modes;
		f->sim.cap.st_location = RTE_TPH_ST_LOC_MSIX;
		f->sim.cap.st_table_size = SIM_TABLE;
		if (rte_tph_dev_register(dev->device, &tph_sim_ops) != 0)
			return -1;
	}
	return port_queues_setup(*port_id, NB_Q);
}

static void
port_destroy(uint16_t port_id)
{
	struct fake_pmd *f;

	if (port_id >= RTE_MAX_ETHPORTS || !fakes[port_id].used)
		return;
	f = &fakes[port_id];
	if (rte_eth_dev_is_valid_port(port_id)) {
		rte_eth_dev_stop(port_id);
		rte_eth_dev_close(port_id);
	}
	rte_tph_dev_unregister(f->sim.device);
	rte_vdev_uninit(f->name);
	f->used = false;
}

static bool
queue_bound(uint16_t port_id, uint16_t q, enum rte_eth_tph_queue_dir dir)
{
	struct rte_eth_tph_queue_info info;

	return rte_eth_dev_tph_queue_info_get(port_id, q, dir, &info) == 0 &&
		info.bound;
}

/* The queue is unbound because its binding to lcore_id was refused with err. */
static bool
queue_failed(uint16_t port_id, uint16_t q, enum rte_eth_tph_queue_dir dir,
		unsigned int lcore_id, int err)
{
	struct rte_eth_tph_queue_info info;

	return rte_eth_dev_tph_queue_info_get(port_id, q, dir, &info) == 0 &&
		!info.bound && !info.applied && info.bind_failed &&
		info.failed_lcore_id == lcore_id && info.bind_err == err;
}

static enum rte_tph_mode
port_mode(uint16_t port_id)
{
	enum rte_tph_mode mode = (enum rte_tph_mode)-1;

	rte_eth_dev_tph_mode_get(port_id, &mode);
	return mode;
}

#define ASSERT_STR(got, want, msg) \
	TEST_ASSERT(strcmp((got), (want)) == 0, "%s: got \"%s\", want \"%s\"", \
		(msg), (got), (want))

#define ASSERT_ERR(call, err) \
	TEST_ASSERT_EQUAL((call), (err), "%s: expected %d", #call, (err))

/* --- tests --- */

static int
test_capability(void)
{
	struct rte_eth_tph_capa capa;
	uint16_t full = RTE_MAX_ETHPORTS, plain = RTE_MAX_ETHPORTS;
	uint16_t ivonly = RTE_MAX_ETHPORTS, mismatch = RTE_MAX_ETHPORTS;
	int ret = TEST_FAILED;

	if (port_create("net_null_tphcap0", RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS,
				RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS, &full) != 0 ||
			port_create("net_null_tphcap1", 0, 0, &plain) != 0 ||
			port_create("net_null_tphcap2", RTE_TPH_CAP_MODE_IV,
				RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS, &ivonly) != 0 ||
			port_create("net_null_tphcap3", RTE_TPH_CAP_MODE_IV,
				RTE_TPH_CAP_MODE_DS, &mismatch) != 0) {
		printf("cannot create the test ports\n");
		goto out;
	}

	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(full, &capa), "capa");
	TEST_ASSERT_EQUAL(capa.modes, BOTH_MODES, "full port modes");
	TEST_ASSERT_EQUAL(capa.dev_err, 0, "full port dev_err");
	TEST_ASSERT_EQUAL(capa.dev_cap.st_table_size, SIM_TABLE, "table size");
	TEST_ASSERT_EQUAL(capa.dev_cap.st_location, RTE_TPH_ST_LOC_MSIX, "loc");

	/* Neither backend nor PMD support: nothing usable, and why. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(plain, &capa), "capa");
	TEST_ASSERT_EQUAL(capa.modes, 0, "plain port modes");
	TEST_ASSERT_EQUAL(capa.dev_err, -ENOTSUP, "plain port has no backend");
	TEST_ASSERT_EQUAL(capa.pmd_modes, 0, "plain PMD");
	ASSERT_ERR(rte_eth_dev_tph_mode_set(plain, RTE_TPH_MODE_IV), -ENOTSUP);
	TEST_ASSERT_EQUAL(port_mode(plain), RTE_TPH_MODE_OFF, "plain stays off");
	/* Turning off a port that never had TPH is harmless. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(plain, RTE_TPH_MODE_OFF),
		"off on plain port");

	/* The usable modes are the intersection. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(ivonly, &capa), "capa");
	TEST_ASSERT_EQUAL(capa.modes, RTE_TPH_CAP_MODE_IV, "iv-only PMD");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_capability_get(mismatch, &capa), "capa");
	TEST_ASSERT_EQUAL(capa.modes, 0, "no common mode");
	TEST_ASSERT_EQUAL(capa.dev_modes, RTE_TPH_CAP_MODE_DS, "device modes");
	TEST_ASSERT_EQUAL(capa.pmd_modes, RTE_TPH_CAP_MODE_IV, "PMD modes");
	ASSERT_ERR(rte_eth_dev_tph_mode_set(mismatch, RTE_TPH_MODE_DS), -ENOTSUP);
	ASSERT_ERR(rte_eth_dev_tph_mode_set(mismatch, RTE_TPH_MODE_IV), -ENOTSUP);
	TEST_ASSERT_EQUAL(fakes[mismatch].nb_mode_set, 0, "PMD not asked");
	TEST_ASSERT_EQUAL(fakes[mismatch].sim.hw_mode, RTE_TPH_MODE_OFF, "hw off");

	ASSERT_ERR(rte_eth_dev_tph_capability_get(RTE_MAX_ETHPORTS, &capa), -ENODEV);
	ASSERT_ERR(rte_eth_dev_tph_capability_get(full, NULL), -EINVAL);
	ret = TEST_SUCCESS;
out:
	port_destroy(full);
	port_destroy(plain);
	port_destroy(ivonly);
	port_destroy(mismatch);
	return ret;
}

static int
test_mode_set(void)
{
	uint16_t p = RTE_MAX_ETHPORTS;
	struct fake_pmd *f;
	enum rte_tph_mode mode;
	enum rte_tph_mode lib_mode;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphmode", RTE_TPH_CAP_MODE_IV |
			RTE_TPH_CAP_MODE_DS, RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS,
			&p), "port");
	f = &fakes[p];

	ASSERT_ERR(rte_eth_dev_tph_mode_set(RTE_MAX_ETHPORTS, RTE_TPH_MODE_IV),
		-ENODEV);
	ASSERT_ERR(rte_eth_dev_tph_mode_set(p, (enum rte_tph_mode)7), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_mode_get(RTE_MAX_ETHPORTS, &mode), -ENODEV);
	ASSERT_ERR(rte_eth_dev_tph_mode_get(p, NULL), -EINVAL);
	TEST_ASSERT_EQUAL(port_mode(p), RTE_TPH_MODE_OFF, "default off");

	/* Takes effect on the device at once, port stopped. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	TEST_ASSERT_EQUAL(port_mode(p), RTE_TPH_MODE_IV, "mode iv");
	TEST_ASSERT_EQUAL(f->sim.hw_mode, RTE_TPH_MODE_IV, "device in iv");
	TEST_ASSERT_SUCCESS(rte_tph_mode_get(f->sim.device, &lib_mode), "lib mode");
	TEST_ASSERT_EQUAL(lib_mode, RTE_TPH_MODE_IV, "lib/tph in iv");
	TEST_ASSERT_EQUAL(f->mode, RTE_TPH_MODE_IV, "PMD told iv");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "again");
	TEST_ASSERT_EQUAL(f->nb_mode_set, 1, "same mode: PMD not asked again");

	/* The PMD refuses: the device goes back to the old mode. */
	f->fail_mode_set = -EIO;
	ASSERT_ERR(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_DS), -EIO);
	f->fail_mode_set = 0;
	TEST_ASSERT_EQUAL(port_mode(p), RTE_TPH_MODE_IV, "still iv");
	TEST_ASSERT_EQUAL(f->sim.hw_mode, RTE_TPH_MODE_IV, "device back in iv");
	ASSERT_STR(f->trace, "M1.M2.M1.", "PMD restored to iv");

	/* The kernel refuses (DS without consent): nothing changes. */
	f->sim.fail_enable = -EPERM;
	ASSERT_ERR(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_DS), -EPERM);
	f->sim.fail_enable = 0;
	TEST_ASSERT_EQUAL(port_mode(p), RTE_TPH_MODE_IV, "still iv");
	TEST_ASSERT_EQUAL(f->mode, RTE_TPH_MODE_IV, "PMD still iv");

	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_DS), "ds");
	TEST_ASSERT_EQUAL(f->sim.hw_mode, RTE_TPH_MODE_DS, "device in ds");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_OFF), "off");
	TEST_ASSERT_EQUAL(f->sim.hw_mode, RTE_TPH_MODE_OFF, "device off");
	TEST_ASSERT_EQUAL(f->mode, RTE_TPH_MODE_OFF, "PMD off");
	TEST_ASSERT_EQUAL(port_mode(p), RTE_TPH_MODE_OFF, "mode off");

	port_destroy(p);
	return TEST_SUCCESS;
}

static int
test_bind_validation(void)
{
	uint16_t p = RTE_MAX_ETHPORTS;
	struct rte_eth_tph_queue_info info;
	struct fake_pmd *f;
	const enum rte_eth_tph_queue_dir rx = RTE_ETH_TPH_QUEUE_RX;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphval", RTE_TPH_CAP_MODE_IV,
			RTE_TPH_CAP_MODE_IV, &p), "port");
	f = &fakes[p];

	/* TPH off: binding makes no sense yet. */
	ASSERT_ERR(rte_eth_dev_tph_queue_bind(p, 0, rx, main_lcore,
			RTE_TPH_MEM_VOLATILE), -ENOTSUP);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");

	ASSERT_ERR(rte_eth_dev_tph_queue_bind(RTE_MAX_ETHPORTS, 0, rx, main_lcore,
			RTE_TPH_MEM_VOLATILE), -ENODEV);
	ASSERT_ERR(rte_eth_dev_tph_queue_bind(p, NB_Q, rx, main_lcore,
			RTE_TPH_MEM_VOLATILE), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_queue_bind(p, 0, (enum rte_eth_tph_queue_dir)2,
			main_lcore, RTE_TPH_MEM_VOLATILE), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_queue_bind(p, 0, rx, RTE_MAX_LCORE,
			RTE_TPH_MEM_VOLATILE), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_queue_bind(p, 0, rx, disabled_lcore,
			RTE_TPH_MEM_VOLATILE), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_queue_bind(p, 0, rx, main_lcore,
			(enum rte_tph_mem_type)2), -EINVAL);
	TEST_ASSERT(!queue_bound(p, 0, rx), "a refused bind leaves no binding");
	TEST_ASSERT_EQUAL(f->nb_bind, 0, "PMD never asked");

	ASSERT_ERR(rte_eth_dev_tph_queue_unbind(p, NB_Q, rx), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_queue_unbind(RTE_MAX_ETHPORTS, 0, rx), -ENODEV);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_unbind(p, 0, rx),
		"unbinding an unbound queue is fine");
	ASSERT_ERR(rte_eth_dev_tph_queue_info_get(p, NB_Q, rx, &info), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_queue_info_get(p, 0, rx, NULL), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_queue_info_get(RTE_MAX_ETHPORTS, 0, rx, &info),
		-ENODEV);
	TEST_ASSERT_EQUAL(f->nb_unbind, 0, "PMD never asked");

	port_destroy(p);
	return TEST_SUCCESS;
}

static int
test_bind_start_stop(void)
{
	const enum rte_eth_tph_queue_dir rx = RTE_ETH_TPH_QUEUE_RX;
	const enum rte_eth_tph_queue_dir tx = RTE_ETH_TPH_QUEUE_TX;
	struct rte_eth_tph_queue_info info;
	uint16_t p = RTE_MAX_ETHPORTS;
	struct fake_pmd *f;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphbind", RTE_TPH_CAP_MODE_IV,
			RTE_TPH_CAP_MODE_IV, &p), "port");
	f = &fakes[p];
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");

	/* Stopped: recorded, programmed at start. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 0, rx, main_lcore,
			RTE_TPH_MEM_VOLATILE), "bind rxq 0");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 1, tx, other_lcore,
			RTE_TPH_MEM_PERSISTENT), "bind txq 1");
	TEST_ASSERT_EQUAL(f->nb_bind, 0, "nothing programmed while stopped");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(p, 0, rx, &info), "info");
	TEST_ASSERT(info.bound && !info.applied, "bound, not yet programmed");
	TEST_ASSERT_EQUAL(info.lcore_id, main_lcore, "lcore");

	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start");
	TEST_ASSERT_EQUAL(f->nb_bind, 1, "both programmed at start, in one call");
	TEST_ASSERT_EQUAL(f->nb_bind_ents, 2, "of both bindings");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(rx, 0)], main_cpu,
		"rxq 0 entry steers to the main lcore's CPU");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(tx, 1)], other_cpu,
		"txq 1 entry steers to the other lcore's CPU");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(p, 1, tx, &info), "info");
	TEST_ASSERT(info.bound && info.applied, "programmed");
	TEST_ASSERT_EQUAL(info.lcore_id, other_lcore, "lcore");
	TEST_ASSERT_EQUAL(info.cpu, other_cpu, "cpu");
	TEST_ASSERT_EQUAL(info.mem_type, RTE_TPH_MEM_PERSISTENT, "mem type");
	TEST_ASSERT(info.st_index_valid && info.st_index == fake_st_index(tx, 1),
		"ST index from the PMD");
	TEST_ASSERT(!info.st_valid, "no tag in IV mode");
	TEST_ASSERT(!queue_bound(p, 1, rx), "rxq 1 never bound");

	/* Stop keeps the bindings; start programs them again. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p), "stop");
	TEST_ASSERT_EQUAL(f->nb_unbind, 0, "stop clears nothing");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "restart");
	TEST_ASSERT_EQUAL(f->nb_bind, 2, "both programmed again, in one call");
	TEST_ASSERT_EQUAL(f->nb_bind_ents, 4, "of both bindings");

	/*
	 * Started: programmed at once. A refused rebinding must not leave
	 * the queue steered to the lcore it had: unbound, entry cleared.
	 */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 1, rx, other_lcore,
			RTE_TPH_MEM_VOLATILE), "bind rxq 1");
	TEST_ASSERT_EQUAL(f->nb_bind, 3, "programmed at once");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(rx, 1)], other_cpu, "entry");
	f->fail_bind = -EIO;
	ASSERT_ERR(rte_eth_dev_tph_queue_bind(p, 0, rx, other_lcore,
			RTE_TPH_MEM_VOLATILE), -EIO);
	f->fail_bind = 0;
	TEST_ASSERT(queue_failed(p, 0, rx, other_lcore, -EIO),
		"failed rebind: rxq 0 unbound, the failure reported");
	TEST_ASSERT_EQUAL(f->nb_unbind, 1, "PMD cleared the old tag");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(rx, 0)], RTE_TPH_CPU_CLEAR,
		"rxq 0 entry cleared");
	TEST_ASSERT(queue_bound(p, 1, rx) && queue_bound(p, 1, tx),
		"the other queues keep their bindings");

	/* Unbind clears the entry. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_unbind(p, 1, rx), "unbind");
	TEST_ASSERT_EQUAL(f->nb_unbind, 2, "PMD cleared it");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(rx, 1)], RTE_TPH_CPU_CLEAR,
		"entry cleared");
	TEST_ASSERT(!queue_bound(p, 1, rx), "unbound");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_unbind(p, 1, rx), "again");
	TEST_ASSERT_EQUAL(f->nb_unbind, 2, "nothing left to clear");

	/* A PMD failure at start never fails the start; nothing stays steered. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p), "stop");
	f->fail_bind = -EIO;
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start despite TPH failure");
	f->fail_bind = 0;
	TEST_ASSERT(queue_failed(p, 1, tx, other_lcore, -EIO),
		"txq 1 unbound, the failure reported");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(tx, 1)], RTE_TPH_CPU_CLEAR,
		"txq 1 entry cleared");

	port_destroy(p);
	return TEST_SUCCESS;
}

static int
test_queue_release(void)
{
	const enum rte_eth_tph_queue_dir rx = RTE_ETH_TPH_QUEUE_RX;
	const enum rte_eth_tph_queue_dir tx = RTE_ETH_TPH_QUEUE_TX;
	struct rte_eth_conf conf;
	uint16_t p = RTE_MAX_ETHPORTS;
	struct fake_pmd *f;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphrel", RTE_TPH_CAP_MODE_IV,
			RTE_TPH_CAP_MODE_IV, &p), "port");
	f = &fakes[p];
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 0, rx, main_lcore,
			RTE_TPH_MEM_VOLATILE), "rxq 0");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 1, rx, main_lcore,
			RTE_TPH_MEM_VOLATILE), "rxq 1");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 0, tx, main_lcore,
			RTE_TPH_MEM_VOLATILE), "txq 0");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 1, tx, main_lcore,
			RTE_TPH_MEM_VOLATILE), "txq 1");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p), "stop");
	f->trace[0] = '\0';

	/* Setting a queue up again replaces it: its binding goes first. */
	TEST_ASSERT_SUCCESS(rte_eth_rx_queue_setup(p, 0, 64, SOCKET_ID_ANY, NULL,
			pool), "rxq 0 setup");
	ASSERT_STR(f->trace, "Ur0.", "PMD cleared rxq 0 only");
	TEST_ASSERT(!queue_bound(p, 0, rx), "rxq 0 binding gone");
	TEST_ASSERT(queue_bound(p, 1, rx), "rxq 1 binding kept");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(rx, 0)], RTE_TPH_CPU_CLEAR,
		"rxq 0 entry cleared");

	/* Fewer queues: the bindings of the queues that go away go too. */
	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(p, 1, 1, &conf), "reconfigure");
	ASSERT_STR(f->trace, "Ur0.Ur1t1.", "rxq 1 and txq 1 cleared in one call");
	TEST_ASSERT(queue_bound(p, 0, tx), "txq 0 binding kept");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start");
	ASSERT_STR(f->trace, "Ur0.Ur1t1.Bt0.", "only txq 0 programmed");

	port_destroy(p);
	return TEST_SUCCESS;
}

static int
test_mode_switch(void)
{
	const enum rte_eth_tph_queue_dir rx = RTE_ETH_TPH_QUEUE_RX;
	const enum rte_eth_tph_queue_dir tx = RTE_ETH_TPH_QUEUE_TX;
	struct rte_eth_tph_queue_info info;
	uint16_t p = RTE_MAX_ETHPORTS;
	struct fake_pmd *f;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphsw", RTE_TPH_CAP_MODE_IV |
			RTE_TPH_CAP_MODE_DS, RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS,
			&p), "port");
	f = &fakes[p];
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 0, rx, other_lcore,
			RTE_TPH_MEM_VOLATILE), "rxq 0");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 0, tx, main_lcore,
			RTE_TPH_MEM_PERSISTENT), "txq 0");
	f->trace[0] = '\0';

	/* IV -> DS while running: cleared, switched, programmed again. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_DS), "ds");
	ASSERT_STR(f->trace, "Ur0t0.M2.Br0t0.", "switch sequence");
	TEST_ASSERT_EQUAL(f->sim.hw_mode, RTE_TPH_MODE_DS, "device in ds");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(p, 0, rx, &info), "info");
	TEST_ASSERT(info.applied && info.st_valid, "tag known in DS mode");
	TEST_ASSERT_EQUAL(info.st, TPH_SIM_TAG(other_cpu, RTE_TPH_MEM_VOLATILE), "tag");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(p, 0, tx, &info), "info");
	TEST_ASSERT_EQUAL(info.st, TPH_SIM_TAG(main_cpu, RTE_TPH_MEM_PERSISTENT), "tag");

	/* DS -> off: every binding goes, the device is disabled. */
	f->trace[0] = '\0';
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_OFF), "off");
	ASSERT_STR(f->trace, "Ur0t0.M0.", "off sequence");
	TEST_ASSERT_EQUAL(f->sim.hw_mode, RTE_TPH_MODE_OFF, "device off");
	TEST_ASSERT(!queue_bound(p, 0, rx) && !queue_bound(p, 0, tx),
		"bindings dropped");
	ASSERT_ERR(rte_eth_dev_tph_queue_bind(p, 0, rx, main_lcore,
			RTE_TPH_MEM_VOLATILE), -ENOTSUP);

	port_destroy(p);
	return TEST_SUCCESS;
}

/* lib/tph's counters of the requests a port's device received. */
static struct rte_tph_stats
dev_stats(const struct fake_pmd *f)
{
	struct rte_tph_stats st;

	memset(&st, 0, sizeof(st));
	if (rte_tph_stats_get(f->sim.device, &st) != 0)
		memset(&st, 0xff, sizeof(st)); /* fails every count below */
	return st;
}

/* The device received set and get requests (and set entries) as said. */
#define ASSERT_REQUESTS(f, before, sets, gets, ents, msg) do { \
	struct rte_tph_stats now_ = dev_stats(f); \
	TEST_ASSERT_EQUAL(now_.set_st_calls - (before).set_st_calls, \
		(uint64_t)(sets), "%s: %" PRIu64 " set_st requests, %u expected", \
		(msg), now_.set_st_calls - (before).set_st_calls, (sets)); \
	TEST_ASSERT_EQUAL(now_.get_st_calls - (before).get_st_calls, \
		(uint64_t)(gets), "%s: %" PRIu64 " get_st requests, %u expected", \
		(msg), now_.get_st_calls - (before).get_st_calls, (gets)); \
	TEST_ASSERT_EQUAL(now_.st_entries - (before).st_entries, \
		(uint64_t)(ents), "%s: %" PRIu64 " entries set, %u expected", \
		(msg), now_.st_entries - (before).st_entries, (ents)); \
} while (0)

/*
 * What testpmd does at "start" with 2 streams on 2 lcores: rxq/txq 0 on
 * one lcore, rxq/txq 1 on the other, the whole port in one call.
 */
static void
streams_bindings(struct rte_eth_tph_queue_binding b[4], unsigned int lc0,
		unsigned int lc1)
{
	unsigned int i;

	memset(b, 0, 4 * sizeof(*b));
	for (i = 0; i < 4; i++) {
		b[i].dir = i < 2 ? RTE_ETH_TPH_QUEUE_RX : RTE_ETH_TPH_QUEUE_TX;
		b[i].queue_id = i % 2;
		b[i].lcore_id = i % 2 == 0 ? lc0 : lc1;
		b[i].mem_type = RTE_TPH_MEM_VOLATILE;
	}
}

static int
all_bound_to(uint16_t p, const struct rte_eth_tph_queue_binding *b,
		unsigned int n, bool applied)
{
	struct rte_eth_tph_queue_info info;
	unsigned int i;

	for (i = 0; i < n; i++) {
		TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(p,
			b[i].queue_id, b[i].dir, &info), "info");
		TEST_ASSERT(info.bound && info.lcore_id == b[i].lcore_id &&
			info.applied == applied,
			"%c%u: bound %d lcore %u applied %d, want lcore %u applied %d",
			dir_char(b[i].dir), b[i].queue_id, info.bound,
			info.lcore_id, info.applied, b[i].lcore_id, applied);
	}
	return TEST_SUCCESS;
}

static int
test_bind_batch(void)
{
	const enum rte_eth_tph_queue_dir rx = RTE_ETH_TPH_QUEUE_RX;
	const enum rte_eth_tph_queue_dir tx = RTE_ETH_TPH_QUEUE_TX;
	struct rte_eth_tph_queue_binding all[4], swapped[4], bad[4];
	const struct rte_eth_tph_queue_ref pair1[2] = {
		{ .dir = rx, .queue_id = 1 }, { .dir = tx, .queue_id = 1 },
	};
	struct rte_eth_tph_queue_ref dup[2];
	struct rte_tph_stats st;
	uint16_t p = RTE_MAX_ETHPORTS;
	struct fake_pmd *f;
	unsigned int i;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphbatch", BOTH_MODES,
			BOTH_MODES, &p), "port");
	f = &fakes[p];
	streams_bindings(all, main_lcore, other_lcore);
	streams_bindings(swapped, other_lcore, main_lcore);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start");
	TEST_ASSERT_EQUAL(f->nb_bind, 0, "a start without bindings asks nothing");

	/* Bad requests: refused whole, nothing recorded, nothing asked. */
	st = dev_stats(f);
	ASSERT_ERR(rte_eth_dev_tph_queues_bind(RTE_MAX_ETHPORTS, all, 4), -ENODEV);
	ASSERT_ERR(rte_eth_dev_tph_queues_bind(p, NULL, 4), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_queues_bind(p, all, 0), -EINVAL);
	for (i = 0; i < 6; i++) {
		memcpy(bad, all, sizeof(bad));
		switch (i) {
		case 0:
			bad[3].queue_id = NB_Q;
			break;
		case 1:
			bad[3].dir = (enum rte_eth_tph_queue_dir)2;
			break;
		case 2:
			bad[3].lcore_id = RTE_MAX_LCORE;
			break;
		case 3:
			bad[3].lcore_id = disabled_lcore;
			break;
		case 4:
			bad[3].mem_type = (enum rte_tph_mem_type)2;
			break;
		default:
			bad[3] = bad[0]; /* rxq 0 named twice */
			bad[3].lcore_id = other_lcore;
			break;
		}
		ASSERT_ERR(rte_eth_dev_tph_queues_bind(p, bad, 4), -EINVAL);
	}
	TEST_ASSERT_EQUAL(f->nb_bind, 0, "PMD asked for a bad batch");
	ASSERT_REQUESTS(f, st, 0, 0, 0, "bad batches");
	TEST_ASSERT(!queue_bound(p, 0, rx) && !queue_bound(p, 1, rx) &&
		!queue_bound(p, 0, tx) && !queue_bound(p, 1, tx),
		"a refused batch left a binding");

	/* 2 Rx + 2 Tx queues on a running port: one call, one request. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(p, all, 4), "batch");
	ASSERT_STR(f->trace, "M1.Br0r1t0t1.", "one PMD call for the 4 queues");
	ASSERT_REQUESTS(f, st, 1, 0, 4, "binding 4 queues");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(rx, 1)], other_cpu, "rxq 1");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(tx, 0)], main_cpu, "txq 0");
	if (all_bound_to(p, all, 4, true) != TEST_SUCCESS)
		return TEST_FAILED;

	/*
	 * The PMD refuses a rebinding: no queue of it may stay steered to
	 * its old lcore. All four unbound, their tags cleared in one call.
	 */
	f->fail_bind = -EIO;
	f->trace[0] = '\0';
	st = dev_stats(f);
	ASSERT_ERR(rte_eth_dev_tph_queues_bind(p, swapped, 4), -EIO);
	f->fail_bind = 0;
	ASSERT_STR(f->trace, "Br0r1t0t1.Ur0r1t0t1.", "refused, then one clear");
	TEST_ASSERT(tph_sim_table_empty(&f->sim), "old tags left in the device");
	for (i = 0; i < 4; i++)
		TEST_ASSERT(queue_failed(p, swapped[i].queue_id, swapped[i].dir,
			swapped[i].lcore_id, -EIO), "queue %u not reported failed", i);

	/* Stop and start: the 4 recorded bindings in one call, one request. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(p, swapped, 4),
		"batch while stopped");
	f->trace[0] = '\0';
	st = dev_stats(f);
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "restart");
	ASSERT_STR(f->trace, "Br0r1t0t1.", "one PMD call at start");
	ASSERT_REQUESTS(f, st, 1, 0, 4, "dev_start with 4 bindings");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(rx, 0)], other_cpu, "rxq 0");
	if (all_bound_to(p, swapped, 4, true) != TEST_SUCCESS)
		return TEST_FAILED;

	/* IV -> DS on a running port: one request to clear, one to program. */
	f->trace[0] = '\0';
	st = dev_stats(f);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_DS), "ds");
	ASSERT_STR(f->trace, "Ur0r1t0t1.M2.Br0r1t0t1.", "switch in 3 calls");
	ASSERT_REQUESTS(f, st, 1, 1, 4, "mode switch with 4 bindings");

	/* Unbinding a queue pair: one call; a bad request unbinds nothing. */
	dup[0] = pair1[0];
	dup[1] = pair1[0];
	ASSERT_ERR(rte_eth_dev_tph_queues_unbind(p, dup, 2), -EINVAL);
	ASSERT_ERR(rte_eth_dev_tph_queues_unbind(p, pair1, 0), -EINVAL);
	TEST_ASSERT(queue_bound(p, 1, rx), "a refused unbind unbound rxq 1");
	f->trace[0] = '\0';
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_unbind(p, pair1, 2), "unbind");
	ASSERT_STR(f->trace, "Ur1t1.", "one PMD call for the pair");
	TEST_ASSERT(!queue_bound(p, 1, rx) && !queue_bound(p, 1, tx) &&
		queue_bound(p, 0, rx) && queue_bound(p, 0, tx), "pair 1 only");

	/* Back to IV, then close: one request clears what is left. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p), "stop");
	f->trace[0] = '\0';
	st = dev_stats(f);
	TEST_ASSERT_SUCCESS(rte_eth_dev_close(p), "close");
	ASSERT_STR(f->trace, "Ur0t0.M0.", "close clears in one call");
	ASSERT_REQUESTS(f, st, 1, 0, 2, "close");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(rx, 0)], RTE_TPH_CPU_CLEAR,
		"rxq 0 entry left");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(tx, 0)], RTE_TPH_CPU_CLEAR,
		"txq 0 entry left");
	port_destroy(p);
	return TEST_SUCCESS;
}

/*
 * At a start, a batch the device refuses because of one lcore (a CPU
 * without a firmware tag) is retried queue by queue: the other queues are
 * steered all the same.
 */
static int
test_bind_batch_fallback(void)
{
	struct rte_eth_tph_queue_binding all[4];
	uint16_t p = RTE_MAX_ETHPORTS;
	struct fake_pmd *f;

	if (other_lcore == main_lcore) {
		printf("needs two lcores (-l 0-1), skipped\n");
		return TEST_SKIPPED;
	}
	TEST_ASSERT_SUCCESS(port_create("net_null_tphfb", RTE_TPH_CAP_MODE_IV,
			RTE_TPH_CAP_MODE_IV, &p), "port");
	f = &fakes[p];
	streams_bindings(all, main_lcore, other_lcore);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(p, all, 4), "batch");
	f->fail_lcore_set = true;
	f->fail_lcore = other_lcore;
	f->trace[0] = '\0';
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start despite the refusal");
	ASSERT_STR(f->trace, "Br0r1t0t1.Br0.Br1.Bt0.Bt1.",
		"batch, then one queue at a time");
	if (all_bound_to(p, &all[0], 1, true) != TEST_SUCCESS ||
			all_bound_to(p, &all[2], 1, true) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT(queue_failed(p, 1, all[1].dir, other_lcore, -EINVAL) &&
		queue_failed(p, 1, all[3].dir, other_lcore, -EINVAL),
		"queue pair 1 not reported unbound after the refusal");
	f->fail_lcore_set = false;
	port_destroy(p);
	return TEST_SUCCESS;
}

/*
 * testpmd's "start" after "set corelist" moved queue pair 0 to an lcore
 * whose CPU has no tag: the batch is refused, testpmd binds the queues one
 * at a time. Queue pair 0 must end unsteered (its old entries cleared, not
 * left pointing at the CPU that no longer polls it) and reported failed;
 * queue pair 1 keeps its new binding. A later start leaves pair 0 alone.
 */
static int
test_rebind_failure(void)
{
	struct rte_eth_tph_queue_binding old[4], moved[4];
	uint16_t p = RTE_MAX_ETHPORTS;
	struct rte_tph_stats st;
	struct fake_pmd *f;
	unsigned int i;

	if (other_lcore == main_lcore) {
		printf("needs two lcores (-l 0-1), skipped\n");
		return TEST_SKIPPED;
	}
	TEST_ASSERT_SUCCESS(port_create("net_null_tphrb", RTE_TPH_CAP_MODE_IV,
			RTE_TPH_CAP_MODE_IV, &p), "port");
	f = &fakes[p];
	streams_bindings(old, main_lcore, main_lcore);
	streams_bindings(moved, other_lcore, main_lcore);
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(p, old, 4), "bind");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(RTE_ETH_TPH_QUEUE_RX, 0)],
		main_cpu, "rxq 0 steered to the main lcore's CPU");

	/* The other lcore's CPU has no tag now. */
	f->fail_lcore_set = true;
	f->fail_lcore = other_lcore;
	f->trace[0] = '\0';
	st = dev_stats(f);
	ASSERT_ERR(rte_eth_dev_tph_queues_bind(p, moved, 4), -EINVAL);
	for (i = 0; i < 4; i++)
		TEST_ASSERT(rte_eth_dev_tph_queues_bind(p, &moved[i], 1) ==
			(moved[i].lcore_id == other_lcore ? -EINVAL : 0),
			"one at a time: queue %u", i);
	ASSERT_STR(f->trace, "Br0r1t0t1.Ur0r1t0t1.Br0.Br1.Bt0.Bt1.",
		"refused batch cleared once, then one queue at a time");
	/* lib/tph counts a clear as a set batch to no CPU. */
	ASSERT_REQUESTS(f, st, 3, 0, 6, "one clear of 4, then queue pair 1");
	for (i = 0; i < 4; i++) {
		uint16_t idx = fake_st_index(moved[i].dir, moved[i].queue_id);

		if (moved[i].queue_id == 0) {
			TEST_ASSERT(queue_failed(p, 0, moved[i].dir, other_lcore,
				-EINVAL), "queue %u not reported failed", i);
			TEST_ASSERT_EQUAL(f->sim.hw_cpu[idx], RTE_TPH_CPU_CLEAR,
				"queue %u still steered to CPU %u", i,
				f->sim.hw_cpu[idx]);
		} else {
			if (all_bound_to(p, &moved[i], 1, true) != TEST_SUCCESS)
				return TEST_FAILED;
			TEST_ASSERT_EQUAL(f->sim.hw_cpu[idx], main_cpu,
				"queue %u entry", i);
		}
	}

	/* A restart programs queue pair 1 only; pair 0 stays unsteered. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p), "stop");
	f->trace[0] = '\0';
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "restart");
	ASSERT_STR(f->trace, "Br1t1.", "restart binds what is bound");

	/* Binding the queue again (an lcore with a tag) clears the failure. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queues_bind(p, &old[0], 1), "rxq 0");
	if (all_bound_to(p, &old[0], 1, true) != TEST_SUCCESS)
		return TEST_FAILED;
	f->fail_lcore_set = false;
	port_destroy(p);
	return TEST_SUCCESS;
}

static int
test_close(void)
{
	const enum rte_eth_tph_queue_dir rx = RTE_ETH_TPH_QUEUE_RX;
	uint16_t p = RTE_MAX_ETHPORTS, p2 = RTE_MAX_ETHPORTS;
	struct fake_pmd *f;
	unsigned int nb_disable;
	enum rte_tph_mode mode;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphclose", RTE_TPH_CAP_MODE_IV,
			RTE_TPH_CAP_MODE_IV, &p), "port");
	f = &fakes[p];
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 1, rx, main_lcore,
			RTE_TPH_MEM_VOLATILE), "rxq 1");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p), "stop");
	f->trace[0] = '\0';
	nb_disable = f->sim.nb_disable;

	TEST_ASSERT_SUCCESS(rte_eth_dev_close(p), "close");
	ASSERT_STR(f->trace, "Ur1.M0.", "close sequence");
	TEST_ASSERT(f->sim.nb_disable > nb_disable, "device disabled");
	TEST_ASSERT_EQUAL(f->sim.hw_mode, RTE_TPH_MODE_OFF, "device off");
	TEST_ASSERT_SUCCESS(rte_tph_mode_get(f->sim.device, &mode), "lib mode");
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_OFF, "lib/tph off");
	ASSERT_ERR(rte_eth_dev_tph_mode_get(p, &mode), -ENODEV);
	port_destroy(p);

	/* The next port in that slot starts clean. */
	TEST_ASSERT_SUCCESS(port_create("net_null_tphclose", RTE_TPH_CAP_MODE_IV,
			RTE_TPH_CAP_MODE_IV, &p2), "port again");
	TEST_ASSERT_EQUAL(port_mode(p2), RTE_TPH_MODE_OFF, "mode reset");
	TEST_ASSERT(!queue_bound(p2, 1, rx), "bindings reset");
	port_destroy(p2);
	return TEST_SUCCESS;
}

/* A registered non-EAL thread binding rxq 0 of a port to its own lcore. */
struct non_eal_bind {
	uint16_t port_id;
	rte_cpuset_t cpus;  /* the thread's affinity when it registers */
	unsigned int lcore_id;
	int ret;
};

static void *
non_eal_bind_thread(void *arg)
{
	struct non_eal_bind *nb = arg;

	nb->lcore_id = RTE_MAX_LCORE;
	nb->ret = -ENOSYS;
	if (pthread_setaffinity_np(pthread_self(), sizeof(nb->cpus),
			&nb->cpus) != 0 || rte_thread_register() != 0)
		return NULL;
	nb->lcore_id = rte_lcore_id();
	nb->ret = rte_eth_dev_tph_queue_bind(nb->port_id, 0,
		RTE_ETH_TPH_QUEUE_RX, nb->lcore_id, RTE_TPH_MEM_VOLATILE);
	/* The lcore id goes with the thread: so must the binding. */
	rte_eth_dev_tph_queue_unbind(nb->port_id, 0, RTE_ETH_TPH_QUEUE_RX);
	rte_thread_unregister();
	return NULL;
}

static int
non_eal_bind(uint16_t port_id, const rte_cpuset_t *cpus, int *ret)
{
	struct non_eal_bind nb = { .port_id = port_id, .cpus = *cpus };
	pthread_t t;

	TEST_ASSERT_SUCCESS(pthread_create(&t, NULL, non_eal_bind_thread, &nb),
		"thread");
	TEST_ASSERT_SUCCESS(pthread_join(t, NULL), "join");
	TEST_ASSERT(nb.lcore_id < RTE_MAX_LCORE, "no lcore id for the thread");
	*ret = nb.ret;
	return TEST_SUCCESS;
}

/*
 * ethdev applies lib/tph's lcore rule: a registered non-EAL thread can be
 * bound when its affinity is one CPU, not when it is several; an lcore
 * not in use never. (Each role is tested in lib/tph's tph_autotest.)
 */
static int
test_lcore_rule(void)
{
	uint16_t p = RTE_MAX_ETHPORTS;
	rte_cpuset_t cpus;
	int ret;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphrule", RTE_TPH_CAP_MODE_IV,
			RTE_TPH_CAP_MODE_IV, &p), "port");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	CPU_ZERO(&cpus);
	CPU_SET(main_cpu, &cpus);
	if (non_eal_bind(p, &cpus, &ret) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_SUCCESS(ret, "non-EAL thread on one CPU refused");
	CPU_SET(other_cpu, &cpus);
	if (main_cpu != other_cpu) {
		if (non_eal_bind(p, &cpus, &ret) != TEST_SUCCESS)
			return TEST_FAILED;
		ASSERT_ERR(ret, -EINVAL);
	}
	if (disabled_lcore < RTE_MAX_LCORE)
		ASSERT_ERR(rte_eth_dev_tph_queue_bind(p, 0, RTE_ETH_TPH_QUEUE_RX,
			disabled_lcore, RTE_TPH_MEM_VOLATILE), -EINVAL);
	port_destroy(p);
	return TEST_SUCCESS;
}

/* The device-level mutators on the device of @p f's port all answer @p err. */
static int
direct_mutators(struct fake_pmd *f, int err)
{
	struct rte_tph_st_entry ent = {
		.index = 9, .lcore_id = main_lcore,
		.mem_type = RTE_TPH_MEM_VOLATILE,
	};
	uint16_t idx = 9;

	ASSERT_ERR(rte_tph_enable(f->sim.device, RTE_TPH_MODE_IV), err);
	ASSERT_ERR(rte_tph_set_st(f->sim.device, &ent, 1), err);
	ASSERT_ERR(rte_tph_clear_st(f->sim.device, &idx, 1), err);
	ASSERT_ERR(rte_tph_disable(f->sim.device), err);
	return TEST_SUCCESS;
}

/*
 * ethdev owns the device of a port in IV or DS mode (lib/tph's claim): the
 * application-facing lib/tph mutators are refused with -EBUSY and change
 * nothing, so ethdev, lib/tph and the PMD cannot disagree. Off, close and
 * reset give the claim up; a device enabled behind ethdev's back while
 * the port was off is not taken over.
 */
static int
test_ownership(void)
{
	const enum rte_eth_tph_queue_dir rx = RTE_ETH_TPH_QUEUE_RX;
	char owner[RTE_TPH_OWNER_NAME_LEN], want[RTE_TPH_OWNER_NAME_LEN];
	uint16_t p = RTE_MAX_ETHPORTS;
	struct rte_eth_tph_queue_info qi;
	struct fake_pmd *f;
	enum rte_tph_mode mode;
	char *log = NULL;
	size_t log_size = 0;
	FILE *mem;
	bool ok;
	int ret;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphown", BOTH_MODES,
			BOTH_MODES, &p), "port");
	f = &fakes[p];
	TEST_ASSERT_SUCCESS(rte_tph_dev_owner_get(f->sim.device, owner,
		sizeof(owner)), "owner");
	ASSERT_STR(owner, "", "no owner while off");

	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_IV), "iv");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(p), "start");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_bind(p, 1, rx, main_lcore,
			RTE_TPH_MEM_VOLATILE), "rxq 1");
	TEST_ASSERT_SUCCESS(rte_tph_dev_owner_get(f->sim.device, owner,
		sizeof(owner)), "owner");
	snprintf(want, sizeof(want), "ethdev");
	ASSERT_STR(owner, want, "owner while in iv");

	/* Direct calls change nothing: mode, entry and binding stay. */
	tph_sim_clear_calls(&f->sim);
	if (direct_mutators(f, -EBUSY) != TEST_SUCCESS)
		return TEST_FAILED;
	ASSERT_STR(f->sim.trace, "", "backend called");
	TEST_ASSERT_SUCCESS(rte_tph_mode_get(f->sim.device, &mode), "lib mode");
	TEST_ASSERT_EQUAL(mode, RTE_TPH_MODE_IV, "lib/tph mode changed");
	TEST_ASSERT_EQUAL(f->sim.hw_mode, RTE_TPH_MODE_IV, "device mode changed");
	TEST_ASSERT_EQUAL(f->sim.hw_cpu[fake_st_index(rx, 1)], main_cpu,
		"entry of rxq 1 changed");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_queue_info_get(p, 1, rx, &qi),
		"info");
	TEST_ASSERT(qi.bound && qi.applied, "binding changed");

	/* Off: the claim goes with it, and so does the refusal. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_OFF), "off");
	TEST_ASSERT_SUCCESS(rte_tph_dev_owner_get(f->sim.device, owner,
		sizeof(owner)), "owner");
	ASSERT_STR(owner, "", "owner after off");
	TEST_ASSERT_SUCCESS(rte_tph_enable(f->sim.device, RTE_TPH_MODE_IV),
		"direct enable of a port that is off");

	/*
	 * A device enabled behind ethdev's back is not taken over, and the
	 * refusal says so, not that a port uses the device.
	 */
	mem = open_memstream(&log, &log_size);
	TEST_ASSERT_NOT_NULL(mem, "no memory stream");
	rte_openlog_stream(mem);
	ret = rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_DS);
	rte_openlog_stream(NULL);
	fclose(mem);
	ok = log != NULL && strstr(log, "outside ethdev") != NULL &&
		strstr(log, "used by a port") == NULL;
	if (!ok)
		printf("refusal log: \"%s\"\n", log != NULL ? log : "");
	free(log);
	TEST_ASSERT_EQUAL(ret, -EBUSY, "mode set: %d", ret);
	TEST_ASSERT(ok, "refusal of a device enabled outside ethdev");
	TEST_ASSERT_EQUAL(port_mode(p), RTE_TPH_MODE_OFF, "port mode");
	TEST_ASSERT_SUCCESS(rte_tph_dev_owner_get(f->sim.device, owner,
		sizeof(owner)), "owner");
	ASSERT_STR(owner, "", "claim kept after the refusal");
	TEST_ASSERT_SUCCESS(rte_tph_disable(f->sim.device), "direct disable");

	/* Close gives the claim up too. */
	TEST_ASSERT_SUCCESS(rte_eth_dev_tph_mode_set(p, RTE_TPH_MODE_DS), "ds");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_close(p), "close");
	TEST_ASSERT_SUCCESS(rte_tph_dev_owner_get(f->sim.device, owner,
		sizeof(owner)), "owner");
	ASSERT_STR(owner, "", "owner after close");
	if (direct_mutators(f, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	port_destroy(p);
	return TEST_SUCCESS;
}

/* lib/tph's mode and owner of a device: @p mode and an owner iff not off. */
static int
device_state(const struct tph_sim_dev *sim, enum rte_tph_mode mode)
{
	char owner[RTE_TPH_OWNER_NAME_LEN];
	enum rte_tph_mode m;

	TEST_ASSERT_SUCCESS(rte_tph_mode_get(sim->device, &m), "lib mode");
	TEST_ASSERT_EQUAL(m, mode, "device in %s, %s expected",
		rte_tph_mode_name(m), rte_tph_mode_name(mode));
	TEST_ASSERT_EQUAL(sim->hw_mode, mode, "hardware in %s",
		rte_tph_mode_name(sim->hw_mode));
	TEST_ASSERT_SUCCESS(rte_tph_dev_owner_get(sim->device, owner,
		sizeof(owner)), "owner");
	ASSERT_STR(owner, mode == RTE_TPH_MODE_OFF ? "" : "ethdev", "owner");
	return TEST_SUCCESS;
}

/*
 * Two ports on one device (one PCI function with two ports): TPH state
 * is the device's, so ethdev's claim is too. Both ports use it in the
 * same mode; a port asking for another mode is refused (-EBUSY) while the
 * other uses it; the device goes off, and the claim goes, with the last
 * port that used it, not with the first.
 */
static int
test_shared_device(void)
{
	uint16_t a = RTE_MAX_ETHPORTS, b = RTE_MAX_ETHPORTS;
	struct rte_device *b_own;
	struct tph_sim_dev *sim;
	int ret = TEST_FAILED;

	TEST_ASSERT_SUCCESS(port_create("net_null_tphsh0", BOTH_MODES,
			BOTH_MODES, &a), "port a");
	/* Port b: its PMD has TPH; its device is port a's. */
	if (port_create("net_null_tphsh1", BOTH_MODES, 0, &b) != 0) {
		port_destroy(a);
		TEST_ASSERT(false, "port b");
	}
	sim = &fakes[a].sim;
	b_own = rte_eth_devices[b].device;
	rte_eth_devices[b].device = rte_eth_devices[a].device;

	if (rte_eth_dev_tph_mode_set(a, RTE_TPH_MODE_IV) != 0 ||
			rte_eth_dev_tph_mode_set(b, RTE_TPH_MODE_IV) != 0) {
		printf("both ports of the device cannot use iv mode\n");
		goto out;
	}
	if (device_state(sim, RTE_TPH_MODE_IV) != TEST_SUCCESS)
		goto out;
	/* One mode per device: b cannot switch it under a. */
	if (rte_eth_dev_tph_mode_set(b, RTE_TPH_MODE_DS) != -EBUSY ||
			port_mode(b) != RTE_TPH_MODE_IV ||
			port_mode(a) != RTE_TPH_MODE_IV) {
		printf("port b switched the shared device to ds\n");
		goto out;
	}
	/* a leaves: the device stays on and claimed for b. */
	if (rte_eth_dev_tph_mode_set(a, RTE_TPH_MODE_OFF) != 0 ||
			device_state(sim, RTE_TPH_MODE_IV) != TEST_SUCCESS ||
			port_mode(b) != RTE_TPH_MODE_IV) {
		printf("port a turned the device off under port b\n");
		goto out;
	}
	if (rte_eth_dev_tph_mode_set(a, RTE_TPH_MODE_DS) != -EBUSY ||
			port_mode(a) != RTE_TPH_MODE_OFF) {
		printf("port a switched the device used by port b\n");
		goto out;
	}
	/* The last one turns it off and gives the claim up. */
	if (rte_eth_dev_tph_mode_set(b, RTE_TPH_MODE_OFF) != 0 ||
			device_state(sim, RTE_TPH_MODE_OFF) != TEST_SUCCESS)
		goto out;
	/* Off, either port may now choose the mode. */
	if (rte_eth_dev_tph_mode_set(a, RTE_TPH_MODE_DS) != 0 ||
			device_state(sim, RTE_TPH_MODE_DS) != TEST_SUCCESS ||
			rte_eth_dev_tph_mode_set(a, RTE_TPH_MODE_OFF) != 0)
		goto out;
	ret = TEST_SUCCESS;
out:
	rte_eth_dev_tph_mode_set(b, RTE_TPH_MODE_OFF);
	rte_eth_devices[b].device = b_own;
	port_destroy(b);
	port_destroy(a);
	return ret;
}

/* Lines of a captured log that start with "Port <p>: TPH". */
static unsigned int
log_lines(const char *log, uint16_t port_id, const char *must_contain)
{
	char prefix[32], line[256];
	const char *l = log, *eol;
	unsigned int n = 0;
	size_t len, ll;

	len = snprintf(prefix, sizeof(prefix), "Port %u: TPH", port_id);
	while (l != NULL && *l != '\0') {
		eol = strchr(l, '\n');
		ll = eol != NULL ? (size_t)(eol - l) : strlen(l);
		ll = RTE_MIN(ll, sizeof(line) - 1);
		memcpy(line, l, ll);
		line[ll] = '\0';
		if (strncmp(line, prefix, len) == 0 &&
				(must_contain == NULL || strstr(line, must_contain)))
			n++;
		l = eol != NULL ? eol + 1 : NULL;
	}
	return n;
}

static int
test_eal_default(void)
{
	enum rte_eal_tph_mode eal = rte_eal_tph_mode();
	const uint32_t both = RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS;
	uint16_t full = RTE_MAX_ETHPORTS, ivpmd = RTE_MAX_ETHPORTS;
	uint16_t app = RTE_MAX_ETHPORTS, nodev = RTE_MAX_ETHPORTS;
	uint16_t refused = RTE_MAX_ETHPORTS, declined = RTE_MAX_ETHPORTS;
	uint16_t nopmd = RTE_MAX_ETHPORTS;
	struct rte_eth_tph_capa capa;
	enum rte_tph_mode want;
	const char *why;
	char *log = NULL;
	size_t log_size = 0;
	FILE *mem;
	int ret = TEST_FAILED;

	want = eal == RTE_EAL_TPH_MODE_IV ? RTE_TPH_MODE_IV :
		eal == RTE_EAL_TPH_MODE_DS ? RTE_TPH_MODE_DS : RTE_TPH_MODE_OFF;
	printf("EAL --tph-mode: %s\n", rte_tph_mode_name(want));
	if (port_create("net_null_tpheal0", both, both, &full) != 0 ||
			port_create("net_null_tpheal1", RTE_TPH_CAP_MODE_IV, both,
				&ivpmd) != 0 ||
			port_create("net_null_tpheal2", both, both, &app) != 0 ||
			port_create("net_null_tpheal3", both, 0, &nodev) != 0 ||
			port_create("net_null_tpheal4", both, both, &refused) != 0 ||
			port_create("net_null_tpheal5", both, both, &declined) != 0 ||
			port_create("net_null_tpheal6", 0, both, &nopmd) != 0) {
		printf("cannot create the test ports\n");
		goto out;
	}
	/* A TPH PMD that cannot use it with this port's configuration. */
	fakes[declined].modes = 0;
	if (rte_eth_dev_tph_capability_get(declined, &capa) != 0 ||
			capa.pmd_err != 0 || capa.pmd_modes != 0 ||
			rte_eth_dev_tph_capability_get(nopmd, &capa) != 0 ||
			capa.pmd_err != -ENOTSUP || capa.pmd_modes != 0) {
		printf("pmd_err: 0 expected for a PMD declining, -ENOTSUP without PMD support\n");
		goto out;
	}
	/* The application's choice wins over --tph-mode. */
	if (rte_eth_dev_tph_mode_set(app, RTE_TPH_MODE_OFF) != 0)
		goto out;
	fakes[refused].sim.fail_enable = -EPERM;

	mem = open_memstream(&log, &log_size);
	if (mem == NULL)
		goto out;
	rte_openlog_stream(mem);
	ret = rte_eth_dev_start(full) | rte_eth_dev_start(ivpmd) |
		rte_eth_dev_start(app) | rte_eth_dev_start(nodev) |
		rte_eth_dev_start(refused) | rte_eth_dev_start(declined) |
		rte_eth_dev_start(nopmd);
	/* A second start must not repeat the verdict. */
	ret |= rte_eth_dev_stop(full) | rte_eth_dev_start(full);
	rte_openlog_stream(NULL);
	fclose(mem);
	if (ret != 0) {
		printf("a start failed\n");
		ret = TEST_FAILED;
		goto out;
	}
	ret = TEST_FAILED;

	TEST_ASSERT_EQUAL(port_mode(full), want, "full port follows --tph-mode");
	TEST_ASSERT_EQUAL(fakes[full].sim.hw_mode, want, "its device too");
	TEST_ASSERT_EQUAL(port_mode(app), RTE_TPH_MODE_OFF, "app choice kept");
	TEST_ASSERT_EQUAL(port_mode(nodev), RTE_TPH_MODE_OFF, "no backend: off");
	TEST_ASSERT_EQUAL(port_mode(refused), RTE_TPH_MODE_OFF, "refused: off");
	TEST_ASSERT_EQUAL(port_mode(declined), RTE_TPH_MODE_OFF, "declined: off");
	TEST_ASSERT_EQUAL(port_mode(nopmd), RTE_TPH_MODE_OFF, "no PMD TPH: off");
	TEST_ASSERT_EQUAL(log_lines(log, app, NULL), 0, "no line for app port");
	if (want == RTE_TPH_MODE_OFF) {
		TEST_ASSERT_EQUAL(port_mode(ivpmd), RTE_TPH_MODE_OFF, "off");
		TEST_ASSERT_EQUAL(log_lines(log, full, NULL) +
			log_lines(log, ivpmd, NULL) + log_lines(log, nodev, NULL) +
			log_lines(log, refused, NULL) +
			log_lines(log, declined, NULL) + log_lines(log, nopmd, NULL),
			0, "silent by default");
		ret = TEST_SUCCESS;
		goto out;
	}
	TEST_ASSERT_EQUAL(log_lines(log, full, NULL), 1, "one line per port");
	TEST_ASSERT_EQUAL(log_lines(log, full, "enabled in"), 1, "enabled");
	if (want == RTE_TPH_MODE_IV) {
		TEST_ASSERT_EQUAL(port_mode(ivpmd), RTE_TPH_MODE_IV, "iv PMD");
		TEST_ASSERT_EQUAL(log_lines(log, ivpmd, "enabled in iv"), 1, "line");
	} else {
		TEST_ASSERT_EQUAL(port_mode(ivpmd), RTE_TPH_MODE_OFF, "PMD lacks ds");
		TEST_ASSERT_EQUAL(log_lines(log, ivpmd, "not enabled: PMD"), 1,
			"says the PMD lacks the mode");
	}
	TEST_ASSERT_EQUAL(log_lines(log, nodev, "not enabled: no TPH backend"),
		1, "says there is no backend");
	/* Why, in lib/tph's words (rte_tph_strerror()). */
	why = "refused by the system: the kernel does not allow this TPH request";
	if (want == RTE_TPH_MODE_DS)
		why = "refused by the system: the kernel does not allow "
			"device specific mode (vfio-pci enable_unsafe_tph_ds_mode)";
	TEST_ASSERT_EQUAL(log_lines(log, refused, why), 1,
		"says why the kernel refused");
	/* A PMD declining the port is not a PMD without TPH support. */
	TEST_ASSERT_EQUAL(log_lines(log, declined,
		"not enabled: PMD net_null cannot use TPH on this port"), 1,
		"says the PMD cannot use TPH on this port");
	TEST_ASSERT_EQUAL(log_lines(log, nopmd,
		"not enabled: PMD net_null has no TPH support"), 1,
		"says the PMD has no TPH support");
	ret = TEST_SUCCESS;
out:
	if (ret != TEST_SUCCESS && log != NULL)
		printf("captured log:\n%s", log);
	free(log);
	port_destroy(full);
	port_destroy(ivpmd);
	port_destroy(app);
	port_destroy(nodev);
	port_destroy(refused);
	port_destroy(declined);
	port_destroy(nopmd);
	return ret;
}

static int
testsuite_setup(void)
{
	unsigned int lc;

	main_lcore = rte_get_main_lcore();
	other_lcore = rte_get_next_lcore(-1, 1, 0);
	if (other_lcore >= RTE_MAX_LCORE)
		other_lcore = main_lcore;
	disabled_lcore = RTE_MAX_LCORE;
	for (lc = 0; lc < RTE_MAX_LCORE; lc++) {
		if (!rte_lcore_is_enabled(lc)) {
			disabled_lcore = lc;
			break;
		}
	}
	if (rte_tph_lcore_to_cpu(main_lcore, &main_cpu) != 0 ||
			rte_tph_lcore_to_cpu(other_lcore, &other_cpu) != 0) {
		printf("lcores must each run on one CPU\n");
		return TEST_SKIPPED;
	}
	pool = rte_pktmbuf_pool_create("ethdev_tph_pool", 512, 0, 0,
			RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (pool == NULL)
		return TEST_FAILED;
	return TEST_SUCCESS;
}

static void
testsuite_teardown(void)
{
	rte_mempool_free(pool);
	pool = NULL;
}

static struct unit_test_suite ethdev_tph_suite = {
	.suite_name = "ethdev TPH autotest",
	.setup = testsuite_setup,
	.teardown = testsuite_teardown,
	.unit_test_cases = {
		TEST_CASE(test_capability),
		TEST_CASE(test_mode_set),
		TEST_CASE(test_bind_validation),
		TEST_CASE(test_bind_start_stop),
		TEST_CASE(test_queue_release),
		TEST_CASE(test_mode_switch),
		TEST_CASE(test_bind_batch),
		TEST_CASE(test_bind_batch_fallback),
		TEST_CASE(test_rebind_failure),
		TEST_CASE(test_close),
		TEST_CASE(test_ownership),
		TEST_CASE(test_shared_device),
		TEST_CASE(test_lcore_rule),
		TEST_CASE(test_eal_default),
		TEST_CASES_END()
	}
};

static int
test_ethdev_tph(void)
{
	return unit_test_suite_runner(&ethdev_tph_suite);
}

#endif /* RTE_HAS_CPUSET */

REGISTER_TEST_COMMAND(ethdev_tph_autotest, test_ethdev_tph);
