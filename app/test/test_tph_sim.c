/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/* Simulated TPH backend shared by the TPH autotests. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>

#include "test_tph_sim.h"

/* Simulated devices by the rte_device they answer for. */
#define TPH_SIM_DEVS_MAX 64
static struct tph_sim_dev *tph_sim_devs[TPH_SIM_DEVS_MAX];

/* ethdev reports the driver name of a port: the fake device needs one. */
static const struct rte_driver tph_sim_driver = {
	.name = "tph_sim",
};

static struct tph_sim_dev *
tph_sim_of(struct rte_device *dev)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(tph_sim_devs); i++)
		if (tph_sim_devs[i] != NULL && tph_sim_devs[i]->device == dev)
			return tph_sim_devs[i];
	RTE_VERIFY(false); /* lib/tph called for a device never registered */
	return NULL;
}

/* Make s the one simulated device answering for s->device. */
static void
tph_sim_track(struct tph_sim_dev *s)
{
	unsigned int i, free_slot = RTE_DIM(tph_sim_devs);

	for (i = 0; i < RTE_DIM(tph_sim_devs); i++) {
		if (tph_sim_devs[i] == s ||
				(tph_sim_devs[i] != NULL &&
				 tph_sim_devs[i]->device == s->device))
			tph_sim_devs[i] = NULL;
		if (tph_sim_devs[i] == NULL && free_slot == RTE_DIM(tph_sim_devs))
			free_slot = i;
	}
	RTE_VERIFY(free_slot < RTE_DIM(tph_sim_devs));
	tph_sim_devs[free_slot] = s;
}

static void
tph_sim_trace(struct tph_sim_dev *s, char op)
{
	size_t len = strlen(s->trace);

	if (len < TPH_SIM_TRACE_MAX)
		s->trace[len] = op;
}

static int
tph_sim_cap_get(struct rte_device *dev, struct rte_tph_cap *cap)
{
	struct tph_sim_dev *s = tph_sim_of(dev);

	tph_sim_trace(s, 'C');
	s->nb_cap_get++;
	if (s->fail_cap_get != 0)
		return s->fail_cap_get;
	*cap = s->cap;
	return 0;
}

static int
tph_sim_enable(struct rte_device *dev, enum rte_tph_mode mode)
{
	struct tph_sim_dev *s = tph_sim_of(dev);

	tph_sim_trace(s, 'E');
	s->nb_enable++;
	s->last_enable_mode = mode;
	if (s->fail_enable != 0)
		return s->fail_enable;
	s->hw_mode = mode;
	return 0;
}

static int
tph_sim_disable(struct rte_device *dev)
{
	struct tph_sim_dev *s = tph_sim_of(dev);

	tph_sim_trace(s, 'D');
	s->nb_disable++;
	if (s->fail_disable != 0)
		return s->fail_disable;
	s->hw_mode = RTE_TPH_MODE_OFF;
	return 0;
}

static uint16_t
tph_sim_tag(const struct tph_sim_dev *s, uint32_t cpu, uint8_t mem)
{
	if (s->forced_tag != 0)
		return s->forced_tag;
	return s->cap.extended ? TPH_SIM_TAG_EXT(cpu, mem) : TPH_SIM_TAG(cpu, mem);
}

static int
tph_sim_get_st(struct rte_device *dev, struct rte_tph_hw_entry *ents,
		unsigned int n)
{
	struct tph_sim_dev *s = tph_sim_of(dev);
	unsigned int i;

	tph_sim_trace(s, 'G');
	s->nb_get_st++;
	s->last_get_n = n;
	if (n == 0 || n > RTE_TPH_BATCH_MAX || s->hw_mode != RTE_TPH_MODE_DS) {
		s->violations++;
		return -EINVAL;
	}
	memcpy(s->last_get, ents, n * sizeof(*ents));
	if (s->fail_get_st != 0)
		return s->fail_get_st;
	for (i = 0; i < n; i++)
		ents[i].st = tph_sim_tag(s, ents[i].cpu, ents[i].mem_type);
	return 0;
}

static int
tph_sim_set_st(struct rte_device *dev, const struct rte_tph_hw_entry *ents,
		unsigned int n)
{
	struct tph_sim_dev *s = tph_sim_of(dev);
	unsigned int i;

	tph_sim_trace(s, 'S');
	s->nb_set_st++;
	s->last_set_n = n;
	if (n == 0 || n > s->cap.st_table_size || n > TPH_SIM_TABLE_MAX ||
			s->hw_mode != RTE_TPH_MODE_IV) {
		s->violations++;
		return -EINVAL;
	}
	memcpy(s->last_set, ents, n * sizeof(*ents));
	for (i = 0; i < n; i++) {
		if (ents[i].index >= s->cap.st_table_size) {
			s->violations++;
			return -EINVAL;
		}
	}
	if (s->fail_set_st != 0)
		return s->fail_set_st;
	for (i = 0; i < n; i++) {
		s->hw_cpu[ents[i].index] = ents[i].cpu;
		s->hw_mem[ents[i].index] = ents[i].mem_type;
	}
	return 0;
}

const struct rte_tph_dev_ops tph_sim_ops = {
	.cap_get = tph_sim_cap_get,
	.enable = tph_sim_enable,
	.disable = tph_sim_disable,
	.get_st = tph_sim_get_st,
	.set_st = tph_sim_set_st,
};

void
tph_sim_init(struct tph_sim_dev *s, struct rte_device *device,
		const char *name, uint32_t modes, enum rte_tph_st_location loc,
		uint16_t table_size, bool extended)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->dev.name = s->name;
	s->dev.driver = &tph_sim_driver;
	s->device = device != NULL ? device : &s->dev;
	s->cap.modes = modes;
	s->cap.st_location = loc;
	s->cap.st_table_size = table_size;
	s->cap.extended = extended;
	for (i = 0; i < TPH_SIM_TABLE_MAX; i++)
		s->hw_cpu[i] = RTE_TPH_CPU_CLEAR;
	tph_sim_track(s);
}

int
tph_sim_register(struct tph_sim_dev *s, const char *name, uint32_t modes,
		enum rte_tph_st_location loc, uint16_t table_size)
{
	tph_sim_init(s, NULL, name, modes, loc, table_size, false);
	return rte_tph_dev_register(s->device, &tph_sim_ops);
}

void
tph_sim_unregister(struct tph_sim_dev *s)
{
	s->fail_get_st = s->fail_set_st = s->fail_disable = 0;
	rte_tph_dev_unregister(s->device);
}

void
tph_sim_clear_calls(struct tph_sim_dev *s)
{
	memset(s->trace, 0, sizeof(s->trace));
	s->nb_cap_get = s->nb_enable = s->nb_disable = 0;
	s->nb_get_st = s->nb_set_st = 0;
	s->last_get_n = s->last_set_n = 0;
	memset(s->last_get, 0, sizeof(s->last_get));
	memset(s->last_set, 0, sizeof(s->last_set));
}

bool
tph_sim_table_empty(const struct tph_sim_dev *s)
{
	unsigned int i;

	for (i = 0; i < TPH_SIM_TABLE_MAX; i++)
		if (s->hw_cpu[i] != RTE_TPH_CPU_CLEAR)
			return false;
	return true;
}

#ifdef RTE_HAS_CPUSET

static rte_cpuset_t tph_sim_saved_affinity;
static bool tph_sim_pinned;

int
tph_sim_pin_main_lcore(unsigned int *cpu)
{
	rte_cpuset_t one;
	unsigned int c;

	tph_sim_saved_affinity = rte_lcore_cpuset(rte_lcore_id());
	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &tph_sim_saved_affinity))
			break;
	if (c == CPU_SETSIZE)
		return -ENOENT;
	CPU_ZERO(&one);
	CPU_SET(c, &one);
	if (rte_thread_set_affinity(&one) != 0)
		return -EINVAL;
	tph_sim_pinned = true;
	*cpu = c;
	return 0;
}

void
tph_sim_unpin_main_lcore(void)
{
	if (tph_sim_pinned)
		rte_thread_set_affinity(&tph_sim_saved_affinity);
	tph_sim_pinned = false;
}

#endif /* RTE_HAS_CPUSET */
