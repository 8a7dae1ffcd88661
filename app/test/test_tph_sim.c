/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/* Simulated TPH backend shared by the TPH autotests. */

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_tph.h>

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

/* Where the primary tells its secondary the CPU of its main lcore. */
#define TPH_SIM_PRIMARY_CPU_ENV "DPDK_TEST_TPH_PRIMARY_CPU"

int
tph_sim_primary_cpu(unsigned int *cpu)
{
	const char *val = getenv(TPH_SIM_PRIMARY_CPU_ENV);
	char *end;

	if (val == NULL || *val == '\0')
		return -ENOENT;
	*cpu = (unsigned int)strtoul(val, &end, 10);
	return *end == '\0' ? 0 : -EINVAL;
}

/*
 * The secondary runs its main lcore, same id as the primary's, on another
 * CPU when there is one: an lcore id means a CPU in its own process only,
 * so what the secondary reports of the primary's bindings must not be
 * resolved in the secondary.
 */
int
tph_sim_secondary_run(const char *autotest, const char *extra_arg)
{
	char prog[] = "dpdk-test-secondary", proc[] = "--proc-type=secondary";
	char no_pci[] = "--no-pci", *extra = (char *)(uintptr_t)extra_arg;
	char prefix[PATH_MAX], lcores[64], prefix_arg[PATH_MAX + 16];
	char cpu_val[16];
	unsigned int main_lcore = rte_get_main_lcore(), cpu, other;
	long nb_cpus = sysconf(_SC_NPROCESSORS_ONLN);
	char *argv[7];
	int status;
	pid_t pid;

	if (rte_tph_lcore_to_cpu(main_lcore, &cpu) != 0)
		return -1;
	other = nb_cpus > 1 ? (cpu + 1) % (unsigned int)nb_cpus : cpu;
	argv[0] = prog;
	argv[1] = proc;
	argv[2] = prefix_arg;
	argv[3] = no_pci;
	argv[4] = lcores;
	argv[5] = extra;
	argv[6] = NULL;
	snprintf(prefix, sizeof(prefix), "%s", rte_eal_get_runtime_dir());
	snprintf(prefix_arg, sizeof(prefix_arg), "--file-prefix=%s",
		basename(prefix));
	snprintf(lcores, sizeof(lcores), "--lcores=%u@%u", main_lcore, other);
	snprintf(cpu_val, sizeof(cpu_val), "%u", cpu);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setenv("DPDK_TEST", autotest, 1);
		setenv(TPH_SIM_PRIMARY_CPU_ENV, cpu_val, 1);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}
