/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * From lcores to the OS CPU ids the kernel resolves steering tags for.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_lcore.h>

#include "rte_tph.h"
#include "tph_private.h"

#define TPH_CPU_ONLINE_PATH "/sys/devices/system/cpu/online"

/*
 * The lcore rule (rte_tph.h): any role but ROLE_OFF (EAL lcore, service
 * lcore, registered non-EAL thread) with an affinity of exactly one CPU.
 * The affinity is the lcore's cpuset as EAL recorded it: at launch for
 * EAL and service lcores, at rte_thread_register() for non-EAL threads.
 */
enum tph_lcore_error
tph_lcore_resolve(unsigned int lcore_id, unsigned int *cpu,
		unsigned int *nb_cpus)
{
	*nb_cpus = 0;
	if (lcore_id >= RTE_MAX_LCORE)
		return TPH_LCORE_OUT_OF_RANGE;
	if (rte_lcore_has_role(lcore_id, ROLE_OFF) != 0)
		return TPH_LCORE_DISABLED;
#ifdef RTE_HAS_CPUSET
	{
		rte_cpuset_t set = rte_lcore_cpuset(lcore_id);
		unsigned int c;

		*nb_cpus = CPU_COUNT(&set);
		if (*nb_cpus != 1)
			return TPH_LCORE_NOT_ONE_CPU;
		for (c = 0; c < CPU_SETSIZE; c++) {
			if (CPU_ISSET(c, &set)) {
				*cpu = c;
				return TPH_LCORE_OK;
			}
		}
	}
#endif
	/* No cpuset on this OS: the affinity cannot be known. */
	return TPH_LCORE_NOT_ONE_CPU;
}

void
tph_lcore_error_text(unsigned int lcore_id, enum tph_lcore_error err,
		unsigned int nb_cpus, char *buf, size_t size)
{
	switch (err) {
	case TPH_LCORE_OUT_OF_RANGE:
		snprintf(buf, size, "lcore %u is out of range (RTE_MAX_LCORE is %u)",
			lcore_id, RTE_MAX_LCORE);
		break;
	case TPH_LCORE_DISABLED:
		snprintf(buf, size, "lcore %u is not in use (not an EAL lcore, service lcore or registered non-EAL thread)",
			lcore_id);
		break;
	case TPH_LCORE_NOT_ONE_CPU:
		snprintf(buf, size, "lcore %u may run on %u CPUs; a steering tag needs an lcore pinned to exactly one CPU (e.g. --lcores=%u@<cpu>)",
			lcore_id, nb_cpus, lcore_id);
		break;
	case TPH_LCORE_OK:
		snprintf(buf, size, "lcore %u can be bound", lcore_id);
		break;
	}
}

void
tph_lcore_log_error(const char *prefix, unsigned int lcore_id,
		enum tph_lcore_error err, unsigned int nb_cpus)
{
	char text[RTE_TPH_STRERROR_LEN];

	if (err == TPH_LCORE_OK)
		return;
	tph_lcore_error_text(lcore_id, err, nb_cpus, text, sizeof(text));
	TPH_LOG(ERR, "%s%s", prefix, text);
}

int
rte_tph_lcore_to_cpu(unsigned int lcore_id, unsigned int *cpu)
{
	enum tph_lcore_error err;
	unsigned int nb_cpus;
	unsigned int c = 0;

	if (cpu == NULL) {
		TPH_LOG(ERR, "lcore_to_cpu: NULL cpu pointer");
		return -EINVAL;
	}
	err = tph_lcore_resolve(lcore_id, &c, &nb_cpus);
	if (err != TPH_LCORE_OK) {
		tph_lcore_log_error("", lcore_id, err, nb_cpus);
		return -EINVAL;
	}
	*cpu = c;
	return 0;
}

/* Parse one "N" or "N-M" range of a kernel CPU list into set. */
static int
tph_cpu_range_parse(const char *s, char **end, rte_cpuset_t *set)
{
	unsigned long first, last, c;

	errno = 0;
	first = strtoul(s, end, 10);
	if (errno != 0 || *end == s)
		return -EINVAL;
	last = first;
	if (**end == '-') {
		s = *end + 1;
		last = strtoul(s, end, 10);
		if (errno != 0 || *end == s || last < first)
			return -EINVAL;
	}
	/* CPUs beyond the set cannot be named by callers anyway. */
	for (c = first; c <= last && c < CPU_SETSIZE; c++)
		CPU_SET(c, set);
	return 0;
}

int
tph_cpus_online(rte_cpuset_t *online)
{
	char buf[4096];
	char *p, *end;
	FILE *f;
	int ret;

	CPU_ZERO(online);
	f = fopen(TPH_CPU_ONLINE_PATH, "r");
	if (f == NULL)
		return -errno;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (p == NULL)
		return -EIO;

	/* The format is a comma separated list of ranges: "0-3,6,8-9\n". */
	for (;;) {
		ret = tph_cpu_range_parse(p, &end, online);
		if (ret < 0)
			return ret;
		if (*end != ',')
			break;
		p = end + 1;
	}
	if (*end != '\n' && *end != '\0')
		return -EINVAL;
	return 0;
}
