/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * TPH API and per-device state. Every request is checked here in full
 * before the bus backend sees it, and the state is updated only after the
 * backend accepted the request, so a failure leaves nothing behind.
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_dev.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_string_fns.h>

#include "rte_tph.h"
#include "rte_tph_driver.h"
#include "tph_private.h"

RTE_LOG_REGISTER_DEFAULT(rte_tph_logtype, INFO);

/* What the library remembers of one programmed ST table entry. */
struct tph_slot {
	bool used;
	uint8_t mem_type;
	unsigned int lcore_id;
	unsigned int cpu;
};

/* One device known to the library. */
struct tph_dev {
	TAILQ_ENTRY(tph_dev) next;
	/* Key only: never dereferenced, it may be freed after unregister. */
	struct rte_device *dev;
	char name[RTE_DEV_NAME_MAX_LEN];
	/* NULL once unregistered: a tombstone that answers -ENODEV. */
	const struct rte_tph_dev_ops *ops;
	struct rte_tph_cap cap;
	enum rte_tph_mode mode;
	struct rte_tph_stats stats;
	struct tph_slot *slots; /* cap.st_table_size slots, or NULL */
	unsigned int nb_used;   /* slots in use */
};

static TAILQ_HEAD(, tph_dev) tph_devs = TAILQ_HEAD_INITIALIZER(tph_devs);

/*
 * One lock for all state; backend operations run under it, so requests
 * for a device never interleave. Backends must not call back into the
 * library.
 */
static pthread_mutex_t tph_lock;

RTE_INIT(tph_lock_init)
{
	pthread_mutex_init(&tph_lock, NULL);
}

static const char * const tph_mode_names[] = {
	[RTE_TPH_MODE_OFF] = "off",
	[RTE_TPH_MODE_IV] = "iv",
	[RTE_TPH_MODE_DS] = "ds",
};

const char *
rte_tph_mode_name(enum rte_tph_mode mode)
{
	if ((unsigned int)mode >= RTE_DIM(tph_mode_names))
		return "unknown";
	return tph_mode_names[mode];
}

/* Name of a device the caller handed in (valid for the call). */
static const char *
tph_caller_dev_name(const struct rte_device *dev)
{
	const char *name = rte_dev_name(dev);

	return name != NULL ? name : "(unnamed device)";
}

static struct tph_dev *
tph_find(const struct rte_device *dev)
{
	struct tph_dev *td;

	TAILQ_FOREACH(td, &tph_devs, next)
		if (td->dev == dev)
			return td;
	return NULL;
}

/*
 * Find the live state of dev, for the operation called op. On failure log
 * the reason and store the error in *ret. Called with the lock held.
 */
static struct tph_dev *
tph_dev_get(const struct rte_device *dev, const char *op, int *ret)
{
	struct tph_dev *td;

	if (dev == NULL) {
		TPH_LOG(ERR, "%s: NULL device", op);
		*ret = -EINVAL;
		return NULL;
	}
	td = tph_find(dev);
	if (td == NULL) {
		/* The usual answer for devices without TPH: not an error. */
		TPH_DEV_LOG(DEBUG, tph_caller_dev_name(dev),
			"%s: no bus provides TPH for this device", op);
		*ret = -ENOTSUP;
		return NULL;
	}
	if (td->ops == NULL) {
		TPH_DEV_LOG(ERR, td->name, "%s: device was removed", op);
		*ret = -ENODEV;
		return NULL;
	}
	return td;
}

/* Fill info with the first max programmed entries; return how many exist. */
static unsigned int
tph_entries_copy(const struct tph_dev *td, struct rte_tph_entry_info *info,
		unsigned int max)
{
	unsigned int i, n = 0;

	if (td->slots == NULL)
		return 0;
	for (i = 0; i < td->cap.st_table_size && n < max; i++) {
		const struct tph_slot *s = &td->slots[i];

		if (!s->used)
			continue;
		memset(&info[n], 0, sizeof(info[n]));
		info[n].index = i;
		info[n].mem_type = s->mem_type;
		info[n].lcore_id = s->lcore_id;
		info[n].cpu = s->cpu;
		/* Interrupt Vector backends never reveal the tag. */
		info[n].st_valid = false;
		n++;
	}
	return td->nb_used;
}

/*
 * Submit one set_st batch and, once the backend accepted it, record it:
 * with lcores NULL the batch clears its entries, otherwise entry i was set
 * for lcores[i].
 */
static int
tph_submit_set(struct tph_dev *td, const char *op,
		const struct rte_tph_hw_entry *hw, unsigned int n,
		const struct rte_tph_st_entry *lcores)
{
	unsigned int i;
	int ret;

	td->stats.set_st_calls++;
	td->stats.st_entries += n;
	ret = td->ops->set_st(td->dev, hw, n);
	if (ret < 0) {
		TPH_DEV_LOG(ERR, td->name, "%s: backend failed to %s a batch of %u: %s",
			op, lcores == NULL ? "clear" : "program", n, strerror(-ret));
		return ret;
	}
	for (i = 0; i < n; i++) {
		struct tph_slot *s = &td->slots[hw[i].index];

		if (lcores == NULL) {
			if (s->used)
				td->nb_used--;
			memset(s, 0, sizeof(*s));
			continue;
		}
		if (!s->used)
			td->nb_used++;
		s->used = true;
		s->mem_type = hw[i].mem_type;
		s->lcore_id = lcores[i].lcore_id;
		s->cpu = hw[i].cpu;
	}
	return 0;
}

/* Clear every programmed entry with one set_st batch. Lock held. */
static int
tph_clear_all(struct tph_dev *td, const char *op)
{
	struct rte_tph_hw_entry *hw;
	unsigned int i, n = 0;
	int ret;

	if (td->nb_used == 0)
		return 0;
	hw = calloc(td->nb_used, sizeof(*hw));
	if (hw == NULL) {
		TPH_DEV_LOG(ERR, td->name, "%s: no memory to clear %u entries",
			op, td->nb_used);
		return -ENOMEM;
	}
	for (i = 0; i < td->cap.st_table_size; i++) {
		if (!td->slots[i].used)
			continue;
		hw[n].cpu = RTE_TPH_CPU_CLEAR;
		hw[n].index = i;
		hw[n].mem_type = RTE_TPH_MEM_VOLATILE;
		n++;
	}
	ret = tph_submit_set(td, op, hw, n, NULL);
	free(hw);
	return ret;
}

/* Disable the requester through the backend. Lock held. */
static int
tph_backend_disable(struct tph_dev *td, const char *op)
{
	int ret;

	td->stats.disable_calls++;
	ret = td->ops->disable(td->dev);
	if (ret < 0) {
		TPH_DEV_LOG(ERR, td->name, "%s: backend failed to disable: %s",
			op, strerror(-ret));
		return ret;
	}
	td->mode = RTE_TPH_MODE_OFF;
	return 0;
}

/* Check a capability reported by a backend. */
static int
tph_cap_check(const char *name, const struct rte_tph_cap *cap)
{
	if ((cap->modes & ~(RTE_TPH_CAP_MODE_IV | RTE_TPH_CAP_MODE_DS)) != 0) {
		TPH_DEV_LOG(ERR, name, "register: backend reports unknown modes 0x%x",
			cap->modes);
		return -EINVAL;
	}
	if ((unsigned int)cap->st_location > RTE_TPH_ST_LOC_MSIX) {
		TPH_DEV_LOG(ERR, name, "register: backend reports unknown ST table location %u",
			(unsigned int)cap->st_location);
		return -EINVAL;
	}
	return 0;
}

int
rte_tph_dev_register(struct rte_device *dev, const struct rte_tph_dev_ops *ops)
{
	struct tph_slot *slots = NULL;
	struct rte_tph_cap cap;
	struct tph_dev *td;
	const char *name;
	int ret;

	if (dev == NULL) {
		TPH_LOG(ERR, "register: NULL device");
		return -EINVAL;
	}
	name = tph_caller_dev_name(dev);
	if (ops == NULL || ops->cap_get == NULL || ops->enable == NULL ||
			ops->disable == NULL || ops->get_st == NULL ||
			ops->set_st == NULL) {
		TPH_DEV_LOG(ERR, name, "register: missing device operations");
		return -EINVAL;
	}

	pthread_mutex_lock(&tph_lock);
	td = tph_find(dev);
	if (td != NULL && td->ops != NULL) {
		TPH_DEV_LOG(ERR, name, "register: already registered");
		ret = -EEXIST;
		goto out;
	}

	memset(&cap, 0, sizeof(cap));
	ret = ops->cap_get(dev, &cap);
	if (ret < 0) {
		TPH_DEV_LOG(ERR, name, "register: cannot read the TPH capability: %s",
			strerror(-ret));
		goto out;
	}
	ret = tph_cap_check(name, &cap);
	if (ret < 0)
		goto out;

	if (cap.st_location != RTE_TPH_ST_LOC_NONE && cap.st_table_size > 0) {
		slots = calloc(cap.st_table_size, sizeof(*slots));
		if (slots == NULL) {
			TPH_DEV_LOG(ERR, name, "register: no memory for %u table entries",
				cap.st_table_size);
			ret = -ENOMEM;
			goto out;
		}
	}
	if (td == NULL) {
		td = calloc(1, sizeof(*td));
		if (td == NULL) {
			TPH_DEV_LOG(ERR, name, "register: no memory for device state");
			free(slots);
			ret = -ENOMEM;
			goto out;
		}
		td->dev = dev;
		TAILQ_INSERT_TAIL(&tph_devs, td, next);
	}

	/* A fresh registration (or a revived tombstone) starts clean. */
	strlcpy(td->name, name, sizeof(td->name));
	td->ops = ops;
	td->cap = cap;
	td->mode = RTE_TPH_MODE_OFF;
	memset(&td->stats, 0, sizeof(td->stats));
	td->slots = slots;
	td->nb_used = 0;
	TPH_DEV_LOG(INFO, td->name, "registered: modes%s%s%s, ST table %s, %u entries%s",
		(cap.modes & RTE_TPH_CAP_MODE_IV) ? " iv" : "",
		(cap.modes & RTE_TPH_CAP_MODE_DS) ? " ds" : "",
		cap.modes == 0 ? " none" : "",
		cap.st_location == RTE_TPH_ST_LOC_CAP ? "in capability" :
		cap.st_location == RTE_TPH_ST_LOC_MSIX ? "in MSI-X table" : "none",
		cap.st_table_size, cap.extended ? ", extended tags" : "");
	ret = 0;
out:
	pthread_mutex_unlock(&tph_lock);
	return ret;
}

int
rte_tph_dev_unregister(struct rte_device *dev)
{
	struct tph_dev *td;

	if (dev == NULL) {
		TPH_LOG(ERR, "unregister: NULL device");
		return -EINVAL;
	}
	pthread_mutex_lock(&tph_lock);
	td = tph_find(dev);
	if (td == NULL || td->ops == NULL) {
		pthread_mutex_unlock(&tph_lock);
		TPH_DEV_LOG(ERR, tph_caller_dev_name(dev), "unregister: not registered");
		return -ENOENT;
	}
	/*
	 * Leave no TPH state in the kernel. The device is going away either
	 * way, so each step is tried even if the one before failed; failures
	 * are logged by the helpers and not returned.
	 */
	if (td->mode != RTE_TPH_MODE_OFF) {
		tph_clear_all(td, "unregister");
		tph_backend_disable(td, "unregister");
	}

	free(td->slots);
	td->slots = NULL;
	td->nb_used = 0;
	td->ops = NULL;
	td->mode = RTE_TPH_MODE_OFF;
	TPH_DEV_LOG(INFO, td->name, "unregistered");
	pthread_mutex_unlock(&tph_lock);
	return 0;
}

/*
 * Take the lock and find the live state of dev for a query that writes to
 * out. Returns NULL with *ret set (and the reason logged) on failure. The
 * caller unlocks in both cases.
 */
static struct tph_dev *
tph_query_begin(const struct rte_device *dev, const char *op, const void *out,
		int *ret)
{
	struct tph_dev *td;

	pthread_mutex_lock(&tph_lock);
	td = tph_dev_get(dev, op, ret);
	if (td != NULL && out == NULL) {
		TPH_DEV_LOG(ERR, td->name, "%s: NULL output pointer", op);
		*ret = -EINVAL;
		return NULL;
	}
	return td;
}

int
rte_tph_cap_get(const struct rte_device *dev, struct rte_tph_cap *cap)
{
	struct tph_dev *td;
	int ret = 0;

	td = tph_query_begin(dev, "cap_get", cap, &ret);
	if (td != NULL)
		*cap = td->cap;
	pthread_mutex_unlock(&tph_lock);
	return ret;
}

int
rte_tph_mode_get(const struct rte_device *dev, enum rte_tph_mode *mode)
{
	struct tph_dev *td;
	int ret = 0;

	td = tph_query_begin(dev, "mode_get", mode, &ret);
	if (td != NULL)
		*mode = td->mode;
	pthread_mutex_unlock(&tph_lock);
	return ret;
}

int
rte_tph_enable(struct rte_device *dev, enum rte_tph_mode mode)
{
	struct tph_dev *td;
	uint32_t need;
	int ret = 0;

	pthread_mutex_lock(&tph_lock);
	td = tph_dev_get(dev, "enable", &ret);
	if (td == NULL)
		goto out;
	if (mode != RTE_TPH_MODE_IV && mode != RTE_TPH_MODE_DS) {
		TPH_DEV_LOG(ERR, td->name, "enable: invalid mode %d (iv or ds expected)",
			(int)mode);
		ret = -EINVAL;
		goto out;
	}
	need = mode == RTE_TPH_MODE_IV ? RTE_TPH_CAP_MODE_IV : RTE_TPH_CAP_MODE_DS;
	if ((td->cap.modes & need) == 0) {
		TPH_DEV_LOG(ERR, td->name, "enable: device does not support %s mode",
			rte_tph_mode_name(mode));
		ret = -ENOTSUP;
		goto out;
	}
	if (td->mode == mode)
		goto out;

	/*
	 * Switching: entries of the old mode must not linger in the table
	 * where a later Interrupt Vector user would inherit them.
	 */
	ret = tph_clear_all(td, "enable");
	if (ret < 0)
		goto out;
	td->stats.enable_calls++;
	ret = td->ops->enable(dev, mode);
	if (ret < 0) {
		TPH_DEV_LOG(ERR, td->name, "enable: backend refused %s mode: %s",
			rte_tph_mode_name(mode), strerror(-ret));
		goto out;
	}
	td->mode = mode;
out:
	pthread_mutex_unlock(&tph_lock);
	return ret;
}

int
rte_tph_disable(struct rte_device *dev)
{
	struct tph_dev *td;
	int ret = 0;

	pthread_mutex_lock(&tph_lock);
	td = tph_dev_get(dev, "disable", &ret);
	if (td != NULL && td->mode != RTE_TPH_MODE_OFF) {
		/* Entries stay programmed if they cannot be cleared. */
		ret = tph_clear_all(td, "disable");
		if (ret == 0)
			ret = tph_backend_disable(td, "disable");
	}
	pthread_mutex_unlock(&tph_lock);
	return ret;
}

int
rte_tph_get_st(struct rte_device *dev, struct rte_tph_st_query *q,
		unsigned int n)
{
	struct rte_tph_hw_entry *hw = NULL;
	rte_cpuset_t online;
	bool online_read = false;
	char prefix[RTE_DEV_NAME_MAX_LEN + 32];
	struct tph_dev *td;
	unsigned int i;
	int ret = 0;

	pthread_mutex_lock(&tph_lock);
	td = tph_dev_get(dev, "get_st", &ret);
	if (td == NULL)
		goto out;
	if (td->mode != RTE_TPH_MODE_DS) {
		TPH_DEV_LOG(ERR, td->name, "get_st: device is in %s mode, not ds",
			rte_tph_mode_name(td->mode));
		ret = -EINVAL;
		goto out;
	}
	if (q == NULL) {
		TPH_DEV_LOG(ERR, td->name, "get_st: NULL query array");
		ret = -EINVAL;
		goto out;
	}
	if (n == 0 || n > RTE_TPH_BATCH_MAX) {
		TPH_DEV_LOG(ERR, td->name, "get_st: %u queries, 1 to %u allowed",
			n, RTE_TPH_BATCH_MAX);
		ret = -EINVAL;
		goto out;
	}
	hw = calloc(n, sizeof(*hw));
	if (hw == NULL) {
		TPH_DEV_LOG(ERR, td->name, "get_st: no memory for %u queries", n);
		ret = -ENOMEM;
		goto out;
	}

	for (i = 0; i < n; i++) {
		unsigned int cpu = q[i].cpu, nb_cpus;
		enum tph_lcore_error err;

		if ((unsigned int)q[i].mem_type > RTE_TPH_MEM_PERSISTENT) {
			TPH_DEV_LOG(ERR, td->name, "get_st: query %u: invalid memory type %u",
				i, (unsigned int)q[i].mem_type);
			ret = -EINVAL;
			goto out;
		}
		if (q[i].lcore_id != RTE_TPH_LCORE_NONE) {
			err = tph_lcore_resolve(q[i].lcore_id, &cpu, &nb_cpus);
			if (err != TPH_LCORE_OK) {
				snprintf(prefix, sizeof(prefix), "%s: get_st: query %u: ",
					td->name, i);
				tph_lcore_log_error(prefix, q[i].lcore_id, err, nb_cpus);
				ret = -EINVAL;
				goto out;
			}
		} else {
			if (cpu >= CPU_SETSIZE) {
				TPH_DEV_LOG(ERR, td->name, "get_st: query %u: CPU %u is out of range (CPU_SETSIZE is %u)",
					i, cpu, (unsigned int)CPU_SETSIZE);
				ret = -EINVAL;
				goto out;
			}
			if (!online_read) {
				ret = tph_cpus_online(&online);
				if (ret < 0) {
					TPH_DEV_LOG(ERR, td->name, "get_st: cannot read the online CPUs: %s",
						strerror(-ret));
					ret = -EINVAL;
					goto out;
				}
				online_read = true;
			}
			if (!CPU_ISSET(cpu, &online)) {
				TPH_DEV_LOG(ERR, td->name, "get_st: query %u: CPU %u is not online",
					i, cpu);
				ret = -EINVAL;
				goto out;
			}
		}
		hw[i].cpu = cpu;
		hw[i].mem_type = q[i].mem_type;
	}

	td->stats.get_st_calls++;
	ret = td->ops->get_st(dev, hw, n);
	if (ret < 0) {
		TPH_DEV_LOG(ERR, td->name, "get_st: backend failed to resolve a batch of %u: %s",
			n, strerror(-ret));
		goto out;
	}
	for (i = 0; i < n; i++) {
		q[i].cpu = hw[i].cpu;
		q[i].st = hw[i].st;
	}
out:
	pthread_mutex_unlock(&tph_lock);
	free(hw);
	return ret;
}

/*
 * Checks shared by set_st and clear_st, once hw[].index is filled: the
 * device is in IV mode with a table, and the n indexes are in range and
 * distinct. Lock held.
 */
static int
tph_check_indexes(struct tph_dev *td, const char *op,
		const struct rte_tph_hw_entry *hw, unsigned int n)
{
	uint8_t *seen;
	unsigned int i;
	int ret = 0;

	seen = calloc(td->cap.st_table_size, sizeof(*seen));
	if (seen == NULL) {
		TPH_DEV_LOG(ERR, td->name, "%s: no memory to check %u indexes", op, n);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (hw[i].index >= td->cap.st_table_size) {
			TPH_DEV_LOG(ERR, td->name, "%s: entry %u: index %u is out of range (table size %u)",
				op, i, hw[i].index, td->cap.st_table_size);
			ret = -EINVAL;
			break;
		}
		if (seen[hw[i].index]) {
			TPH_DEV_LOG(ERR, td->name, "%s: entry %u: index %u appears twice",
				op, i, hw[i].index);
			ret = -EINVAL;
			break;
		}
		seen[hw[i].index] = 1;
	}
	free(seen);
	return ret;
}

/*
 * Checks a set_st/clear_st request before its entries are looked at:
 * IV mode, a table, a non-NULL array of 1 to table size entries.
 */
static int
tph_check_iv_batch(struct tph_dev *td, const char *op, const void *arr,
		unsigned int n)
{
	if (td->mode != RTE_TPH_MODE_IV) {
		TPH_DEV_LOG(ERR, td->name, "%s: device is in %s mode, not iv",
			op, rte_tph_mode_name(td->mode));
		return -EINVAL;
	}
	if (td->slots == NULL) {
		TPH_DEV_LOG(ERR, td->name, "%s: device has no steering tag table", op);
		return -EINVAL;
	}
	if (arr == NULL) {
		TPH_DEV_LOG(ERR, td->name, "%s: NULL entry array", op);
		return -EINVAL;
	}
	if (n == 0 || n > td->cap.st_table_size) {
		TPH_DEV_LOG(ERR, td->name, "%s: %u entries, 1 to %u (table size) allowed",
			op, n, td->cap.st_table_size);
		return -EINVAL;
	}
	return 0;
}

int
rte_tph_set_st(struct rte_device *dev, const struct rte_tph_st_entry *ents,
		unsigned int n)
{
	struct rte_tph_hw_entry *hw = NULL;
	char prefix[RTE_DEV_NAME_MAX_LEN + 32];
	struct tph_dev *td;
	unsigned int i;
	int ret = 0;

	pthread_mutex_lock(&tph_lock);
	td = tph_dev_get(dev, "set_st", &ret);
	if (td == NULL)
		goto out;
	ret = tph_check_iv_batch(td, "set_st", ents, n);
	if (ret < 0)
		goto out;
	hw = calloc(n, sizeof(*hw));
	if (hw == NULL) {
		TPH_DEV_LOG(ERR, td->name, "set_st: no memory for %u entries", n);
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		hw[i].index = ents[i].index;
	ret = tph_check_indexes(td, "set_st", hw, n);
	if (ret < 0)
		goto out;

	for (i = 0; i < n; i++) {
		enum tph_lcore_error err;
		unsigned int cpu = 0, nb_cpus;

		if ((unsigned int)ents[i].mem_type > RTE_TPH_MEM_PERSISTENT) {
			TPH_DEV_LOG(ERR, td->name, "set_st: entry %u: invalid memory type %u",
				i, (unsigned int)ents[i].mem_type);
			ret = -EINVAL;
			goto out;
		}
		err = tph_lcore_resolve(ents[i].lcore_id, &cpu, &nb_cpus);
		if (err != TPH_LCORE_OK) {
			snprintf(prefix, sizeof(prefix), "%s: set_st: entry %u: ",
				td->name, i);
			tph_lcore_log_error(prefix, ents[i].lcore_id, err, nb_cpus);
			ret = -EINVAL;
			goto out;
		}
		hw[i].cpu = cpu;
		hw[i].mem_type = ents[i].mem_type;
	}
	ret = tph_submit_set(td, "set_st", hw, n, ents);
out:
	pthread_mutex_unlock(&tph_lock);
	free(hw);
	return ret;
}

int
rte_tph_clear_st(struct rte_device *dev, const uint16_t *index,
		unsigned int n)
{
	struct rte_tph_hw_entry *hw = NULL;
	struct tph_dev *td;
	unsigned int i;
	int ret = 0;

	pthread_mutex_lock(&tph_lock);
	td = tph_dev_get(dev, "clear_st", &ret);
	if (td == NULL)
		goto out;
	ret = tph_check_iv_batch(td, "clear_st", index, n);
	if (ret < 0)
		goto out;
	hw = calloc(n, sizeof(*hw));
	if (hw == NULL) {
		TPH_DEV_LOG(ERR, td->name, "clear_st: no memory for %u entries", n);
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		hw[i].index = index[i];
		hw[i].cpu = RTE_TPH_CPU_CLEAR;
		hw[i].mem_type = RTE_TPH_MEM_VOLATILE;
	}
	ret = tph_check_indexes(td, "clear_st", hw, n);
	if (ret < 0)
		goto out;
	ret = tph_submit_set(td, "clear_st", hw, n, NULL);
out:
	pthread_mutex_unlock(&tph_lock);
	free(hw);
	return ret;
}

int
rte_tph_entries_get(const struct rte_device *dev,
		struct rte_tph_entry_info *info, unsigned int max)
{
	struct tph_dev *td;
	int ret = 0;

	pthread_mutex_lock(&tph_lock);
	td = tph_dev_get(dev, "entries_get", &ret);
	if (td == NULL)
		goto out;
	if (info == NULL && max > 0) {
		TPH_DEV_LOG(ERR, td->name, "entries_get: NULL array for %u entries", max);
		ret = -EINVAL;
		goto out;
	}
	ret = (int)tph_entries_copy(td, info, max);
out:
	pthread_mutex_unlock(&tph_lock);
	return ret;
}

int
rte_tph_stats_get(const struct rte_device *dev, struct rte_tph_stats *stats)
{
	struct tph_dev *td;
	int ret = 0;

	td = tph_query_begin(dev, "stats_get", stats, &ret);
	if (td != NULL)
		*stats = td->stats;
	pthread_mutex_unlock(&tph_lock);
	return ret;
}

void
tph_dev_foreach_name(void (*fn)(const char *name, void *arg), void *arg)
{
	struct tph_dev *td;

	pthread_mutex_lock(&tph_lock);
	TAILQ_FOREACH(td, &tph_devs, next)
		if (td->ops != NULL)
			fn(td->name, arg);
	pthread_mutex_unlock(&tph_lock);
}

int
tph_dev_state_get(const char *name, struct tph_dev_state *state,
		struct rte_tph_entry_info *ents, unsigned int max)
{
	struct tph_dev *td;
	int ret = -ENODEV;

	if (name == NULL || state == NULL || (ents == NULL && max > 0))
		return -EINVAL;
	pthread_mutex_lock(&tph_lock);
	TAILQ_FOREACH(td, &tph_devs, next) {
		if (td->ops == NULL || strcmp(td->name, name) != 0)
			continue;
		memset(state, 0, sizeof(*state));
		strlcpy(state->name, td->name, sizeof(state->name));
		state->cap = td->cap;
		state->mode = td->mode;
		state->stats = td->stats;
		state->nb_entries = tph_entries_copy(td, ents, max);
		ret = 0;
		break;
	}
	pthread_mutex_unlock(&tph_lock);
	return ret;
}
