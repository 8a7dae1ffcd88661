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
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_string_fns.h>

#include "rte_tph.h"
#include "rte_tph_driver.h"
#include "tph_private.h"

RTE_LOG_REGISTER_DEFAULT(rte_tph_logtype, INFO);

/* One device this process knows; its state is in shared memory. */
struct tph_dev {
	TAILQ_ENTRY(tph_dev) next;
	/* Key only: never dereferenced after the caller's call returns. */
	struct rte_device *dev;
	const struct rte_tph_dev_ops *ops;
	struct tph_shared_dev *sh;
	/* sh->gen at registration: another value means the primary removed it. */
	uint64_t gen;
};

static TAILQ_HEAD(, tph_dev) tph_devs = TAILQ_HEAD_INITIALIZER(tph_devs);

/*
 * Two locks. tph_lock serialises the calls of this process; backend
 * operations run under it, so requests for a device never interleave
 * (backends must not call back into the library). The shared state's
 * rwlock keeps other processes from reading it half-updated: the primary
 * holds it for writing through each call that changes a device, readers
 * in every process hold it for reading. Like DPDK's other locks in shared
 * memory it is not robust: a process that dies holding it leaves it taken
 * (tph_lib.rst, Limitations); every path here releases it, errors too.
 */
static pthread_mutex_t tph_lock;

RTE_INIT(tph_lock_init)
{
	pthread_mutex_init(&tph_lock, NULL);
}

static bool
tph_is_primary(void)
{
	return rte_eal_process_type() == RTE_PROC_PRIMARY;
}

/* Take both locks; write is only ever true in the primary. */
static struct tph_shared *
tph_lock_all(bool write)
{
	struct tph_shared *sh;

	pthread_mutex_lock(&tph_lock);
	sh = tph_shared_get();
	if (sh != NULL) {
		if (write)
			rte_rwlock_write_lock(&sh->lock);
		else
			rte_rwlock_read_lock(&sh->lock);
	}
	return sh;
}

static void
tph_unlock_all(struct tph_shared *sh, bool write)
{
	if (sh != NULL) {
		if (write)
			rte_rwlock_write_unlock(&sh->lock);
		else
			rte_rwlock_read_unlock(&sh->lock);
	}
	pthread_mutex_unlock(&tph_lock);
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

/* The primary removed the device this process still knows. */
static bool
tph_dev_stale(const struct tph_dev *td)
{
	return !td->sh->used || td->sh->gen != td->gen;
}

/*
 * Find the state of dev, for the operation called op. On failure log
 * the reason and store the error in *ret. Called with the locks held.
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
	if (tph_dev_stale(td)) {
		TPH_DEV_LOG(ERR, tph_caller_dev_name(dev),
			"%s: the primary process removed this device", op);
		*ret = -ENODEV;
		return NULL;
	}
	return td;
}

/*
 * Start a call that changes a device: refused in a secondary process
 * (nothing reaches the kernel) and, when owner_check, while a driver layer
 * owns the device. Returns with the locks held (tph_unlock_all(*sh, true)
 * releases them) and the device found, or NULL with *ret set and nothing
 * held.
 */
static struct tph_dev *
tph_mutator_begin(struct rte_device *dev, enum rte_tph_op op,
		const char *op_name, bool owner_check, struct tph_shared **sh,
		int *ret)
{
	char why[RTE_TPH_STRERROR_LEN];
	struct tph_dev *td;

	*sh = NULL;
	if (dev == NULL) {
		TPH_LOG(ERR, "%s: NULL device", op_name);
		*ret = -EINVAL;
		return NULL;
	}
	if (!tph_is_primary()) {
		TPH_DEV_LOG(ERR, tph_caller_dev_name(dev), "%s: refused: %s",
			op_name, tph_op_strerror(-E_RTE_SECONDARY, op, why,
				sizeof(why)));
		*ret = -E_RTE_SECONDARY;
		return NULL;
	}
	*sh = tph_lock_all(true);
	td = tph_dev_get(dev, op_name, ret);
	if (td != NULL && owner_check && td->sh->owner[0] != '\0') {
		TPH_DEV_LOG(ERR, td->sh->name, "%s: refused: %s (owner: %s)",
			op_name, tph_op_strerror(-EBUSY, op, why, sizeof(why)),
			td->sh->owner);
		*ret = -EBUSY;
		td = NULL;
	}
	if (td == NULL) {
		tph_unlock_all(*sh, true);
		*sh = NULL;
	}
	return td;
}

/* Log a request the backend (the kernel) refused, in the user's terms. */
static void
tph_log_refusal(const struct tph_dev *td, const char *op_name,
		enum rte_tph_op op, enum rte_tph_mode mode, int err,
		const struct rte_tph_hw_entry *hw, unsigned int n)
{
	struct rte_tph_refusal why = {
		.op = op,
		.mode = mode,
		.lcore_id = RTE_TPH_LCORE_NONE,
		.cpu = RTE_TPH_CPU_NONE,
	};
	char text[RTE_TPH_STRERROR_LEN];
	char batch[32] = "";

	/* The kernel does not say which entry of a batch it refused. */
	if (n == 1 && hw[0].cpu != RTE_TPH_CPU_CLEAR)
		why.cpu = hw[0].cpu;
	if (n > 1)
		snprintf(batch, sizeof(batch), " (batch of %u)", n);
	TPH_DEV_LOG(ERR, td->sh->name, "%s: refused%s: %s", op_name, batch,
		rte_tph_strerror(err, &why, text, sizeof(text)));
}

/* Fill info with the first max programmed entries; return how many exist. */
static unsigned int
tph_entries_copy(const struct tph_shared_dev *d,
		struct rte_tph_entry_info *info, unsigned int max)
{
	unsigned int i, n = 0;

	if (d->slots == NULL)
		return 0;
	for (i = 0; i < d->cap.st_table_size && n < max; i++) {
		const struct tph_slot *s = &d->slots[i];

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
	return d->nb_used;
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

	td->sh->stats.set_st_calls++;
	td->sh->stats.st_entries += n;
	ret = td->ops->set_st(td->dev, hw, n);
	if (ret < 0) {
		tph_log_refusal(td, op, lcores == NULL ? RTE_TPH_OP_CLEAR_ST :
			RTE_TPH_OP_SET_ST, td->sh->mode, ret, hw, n);
		return ret;
	}
	for (i = 0; i < n; i++) {
		struct tph_slot *s = &td->sh->slots[hw[i].index];

		if (lcores == NULL) {
			if (s->used)
				td->sh->nb_used--;
			memset(s, 0, sizeof(*s));
			continue;
		}
		if (!s->used)
			td->sh->nb_used++;
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

	if (td->sh->nb_used == 0)
		return 0;
	hw = calloc(td->sh->nb_used, sizeof(*hw));
	if (hw == NULL) {
		TPH_DEV_LOG(ERR, td->sh->name, "%s: no memory to clear %u entries",
			op, td->sh->nb_used);
		return -ENOMEM;
	}
	for (i = 0; i < td->sh->cap.st_table_size; i++) {
		if (!td->sh->slots[i].used)
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

	td->sh->stats.disable_calls++;
	ret = td->ops->disable(td->dev);
	if (ret < 0) {
		tph_log_refusal(td, op, RTE_TPH_OP_DISABLE, td->sh->mode, ret,
			NULL, 0);
		return ret;
	}
	td->sh->mode = RTE_TPH_MODE_OFF;
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

/* Fill a new shared record; the caller holds the write lock. */
static struct tph_shared_dev *
tph_shared_dev_new(struct tph_shared *sh, const char *name,
		const struct rte_tph_cap *cap, struct tph_slot *slots)
{
	struct tph_shared_dev *d;
	unsigned int i;

	for (i = 0; i < TPH_MAX_DEVS; i++) {
		d = &sh->devs[i];
		if (d->used)
			continue;
		memset(d, 0, sizeof(*d));
		d->used = true;
		d->gen = ++sh->last_gen;
		strlcpy(d->name, name, sizeof(d->name));
		d->cap = *cap;
		d->mode = RTE_TPH_MODE_OFF;
		d->slots = slots;
		return d;
	}
	return NULL;
}

/* The primary's record of a device called name, or NULL. */
static struct tph_shared_dev *
tph_shared_dev_find(struct tph_shared *sh, const char *name)
{
	unsigned int i;

	for (i = 0; sh != NULL && i < TPH_MAX_DEVS; i++)
		if (sh->devs[i].used && strcmp(sh->devs[i].name, name) == 0)
			return &sh->devs[i];
	return NULL;
}

/* Remember that dev of this process has its state in d. */
static struct tph_dev *
tph_dev_track(struct rte_device *dev, const struct rte_tph_dev_ops *ops,
		struct tph_shared_dev *d)
{
	struct tph_dev *td = calloc(1, sizeof(*td));

	if (td == NULL)
		return NULL;
	td->dev = dev;
	td->ops = ops;
	td->sh = d;
	td->gen = d->gen;
	TAILQ_INSERT_TAIL(&tph_devs, td, next);
	return td;
}

/* Attach a secondary process to the primary's record of dev. */
static int
tph_secondary_attach(struct rte_device *dev, const char *name,
		const struct rte_tph_dev_ops *ops)
{
	struct tph_shared_dev *d;
	struct tph_shared *sh;
	int ret = 0;

	sh = tph_lock_all(false);
	if (tph_find(dev) != NULL) {
		TPH_DEV_LOG(ERR, name, "register: already registered");
		ret = -EEXIST;
		goto out;
	}
	if (sh == NULL && rte_errno == EPROTO) {
		/* tph_shared_get() logged which layout it found. */
		ret = -EPROTO;
		goto out;
	}
	d = tph_shared_dev_find(sh, name);
	if (d == NULL) {
		TPH_DEV_LOG(INFO, name, "register: the primary process has no TPH state for this device");
		ret = -ENOENT;
		goto out;
	}
	if (tph_dev_track(dev, ops, d) == NULL) {
		TPH_DEV_LOG(ERR, name, "register: no memory for device state");
		ret = -ENOMEM;
		goto out;
	}
	TPH_DEV_LOG(INFO, name, "attached to the primary process's TPH state (mode %s)",
		rte_tph_mode_name(d->mode));
out:
	tph_unlock_all(sh, false);
	return ret;
}

int
rte_tph_dev_register(struct rte_device *dev, const struct rte_tph_dev_ops *ops)
{
	struct tph_slot *slots = NULL;
	struct tph_shared_dev *d;
	struct tph_shared *sh;
	struct rte_tph_cap cap;
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
	if (!tph_is_primary())
		return tph_secondary_attach(dev, name, ops);

	sh = tph_lock_all(true);
	if (sh == NULL) {
		ret = -ENOMEM;
		goto out;
	}
	if (tph_find(dev) != NULL) {
		TPH_DEV_LOG(ERR, name, "register: already registered");
		ret = -EEXIST;
		goto out;
	}
	if (tph_shared_dev_find(sh, name) != NULL) {
		TPH_DEV_LOG(ERR, name, "register: another device of this name is registered");
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
		slots = tph_shared_slots_alloc(cap.st_table_size);
		if (slots == NULL) {
			TPH_DEV_LOG(ERR, name, "register: no memory for %u table entries",
				cap.st_table_size);
			ret = -ENOMEM;
			goto out;
		}
	}
	d = tph_shared_dev_new(sh, name, &cap, slots);
	if (d == NULL || tph_dev_track(dev, ops, d) == NULL) {
		TPH_DEV_LOG(ERR, name, "register: no room for device state (%s)",
			d == NULL ? "too many devices" : "no memory");
		tph_shared_slots_free(slots);
		if (d != NULL)
			memset(d, 0, sizeof(*d));
		ret = -ENOMEM;
		goto out;
	}
	TPH_DEV_LOG(INFO, name, "registered: modes%s%s%s, ST table %s, %u entries%s",
		(cap.modes & RTE_TPH_CAP_MODE_IV) ? " iv" : "",
		(cap.modes & RTE_TPH_CAP_MODE_DS) ? " ds" : "",
		cap.modes == 0 ? " none" : "",
		cap.st_location == RTE_TPH_ST_LOC_CAP ? "in capability" :
		cap.st_location == RTE_TPH_ST_LOC_MSIX ? "in MSI-X table" : "none",
		cap.st_table_size, cap.extended ? ", extended tags" : "");
	ret = 0;
out:
	tph_unlock_all(sh, true);
	return ret;
}

int
rte_tph_dev_unregister(struct rte_device *dev)
{
	bool primary = tph_is_primary();
	struct tph_shared *sh;
	struct tph_dev *td;

	if (dev == NULL) {
		TPH_LOG(ERR, "unregister: NULL device");
		return -EINVAL;
	}
	sh = tph_lock_all(primary);
	td = tph_find(dev);
	if (td == NULL) {
		tph_unlock_all(sh, primary);
		TPH_DEV_LOG(ERR, tph_caller_dev_name(dev), "unregister: not registered");
		return -ENOENT;
	}
	TAILQ_REMOVE(&tph_devs, td, next);
	if (!primary) {
		/* The primary owns the device's state: only forget it here. */
		tph_unlock_all(sh, false);
		free(td);
		return 0;
	}
	/*
	 * Leave no TPH state in the kernel. The device is going away either
	 * way, so each step is tried even if the one before failed; failures
	 * are logged by the helpers and not returned.
	 */
	if (td->sh->mode != RTE_TPH_MODE_OFF) {
		tph_clear_all(td, "unregister");
		tph_backend_disable(td, "unregister");
	}
	/* Nothing stays behind: a device registered later starts clean. */
	TPH_DEV_LOG(INFO, td->sh->name, "unregistered");
	tph_shared_slots_free(td->sh->slots);
	memset(td->sh, 0, sizeof(*td->sh));
	tph_unlock_all(sh, true);
	free(td);
	return 0;
}

int
rte_tph_dev_claim(struct rte_device *dev, const char *owner)
{
	struct tph_shared *sh;
	struct tph_dev *td;
	int ret = 0;

	if (owner == NULL || owner[0] == '\0') {
		TPH_LOG(ERR, "claim: no owner name");
		return -EINVAL;
	}
	td = tph_mutator_begin(dev, RTE_TPH_OP_OTHER, "claim", false, &sh,
			&ret);
	if (td == NULL)
		return ret;
	if (td->sh->owner[0] != '\0' &&
			strncmp(td->sh->owner, owner, sizeof(td->sh->owner) - 1) != 0) {
		TPH_DEV_LOG(ERR, td->sh->name, "claim: %s cannot claim the device, %s owns it",
			owner, td->sh->owner);
		ret = -EBUSY;
	} else {
		strlcpy(td->sh->owner, owner, sizeof(td->sh->owner));
	}
	tph_unlock_all(sh, true);
	return ret;
}

int
rte_tph_dev_unclaim(struct rte_device *dev)
{
	struct tph_shared *sh;
	struct tph_dev *td;
	int ret = 0;

	td = tph_mutator_begin(dev, RTE_TPH_OP_OTHER, "unclaim", false, &sh,
			&ret);
	if (td == NULL)
		return ret;
	td->sh->owner[0] = '\0';
	tph_unlock_all(sh, true);
	return 0;
}

/*
 * Take the locks for reading and find the state of dev for a query that
 * writes to out. Returns NULL with *ret set (and the reason logged) on
 * failure. The caller calls tph_unlock_all(*sh, false) in both cases.
 */
static struct tph_dev *
tph_query_begin(const struct rte_device *dev, const char *op, const void *out,
		struct tph_shared **sh, int *ret)
{
	struct tph_dev *td;

	*sh = tph_lock_all(false);
	td = tph_dev_get(dev, op, ret);
	if (td != NULL && out == NULL) {
		TPH_DEV_LOG(ERR, td->sh->name, "%s: NULL output pointer", op);
		*ret = -EINVAL;
		return NULL;
	}
	return td;
}

int
rte_tph_cap_get(const struct rte_device *dev, struct rte_tph_cap *cap)
{
	struct tph_shared *sh;
	struct tph_dev *td;
	int ret = 0;

	td = tph_query_begin(dev, "cap_get", cap, &sh, &ret);
	if (td != NULL)
		*cap = td->sh->cap;
	tph_unlock_all(sh, false);
	return ret;
}

int
rte_tph_mode_get(const struct rte_device *dev, enum rte_tph_mode *mode)
{
	struct tph_shared *sh;
	struct tph_dev *td;
	int ret = 0;

	td = tph_query_begin(dev, "mode_get", mode, &sh, &ret);
	if (td != NULL)
		*mode = td->sh->mode;
	tph_unlock_all(sh, false);
	return ret;
}

int
rte_tph_dev_owner_get(const struct rte_device *dev, char *owner, size_t size)
{
	struct tph_shared *sh;
	struct tph_dev *td;
	int ret = 0;

	if (owner != NULL && size == 0) {
		TPH_LOG(ERR, "owner_get: empty output buffer");
		return -EINVAL;
	}
	td = tph_query_begin(dev, "owner_get", owner, &sh, &ret);
	if (td != NULL)
		strlcpy(owner, td->sh->owner, size);
	tph_unlock_all(sh, false);
	return ret;
}

static int
tph_enable(struct rte_device *dev, enum rte_tph_mode mode, bool owner_check)
{
	struct tph_shared *sh;
	struct tph_dev *td;
	uint32_t need;
	int ret = 0;

	td = tph_mutator_begin(dev, RTE_TPH_OP_ENABLE, "enable", owner_check,
			&sh, &ret);
	if (td == NULL)
		return ret;
	if (mode != RTE_TPH_MODE_IV && mode != RTE_TPH_MODE_DS) {
		TPH_DEV_LOG(ERR, td->sh->name, "enable: invalid mode %d (iv or ds expected)",
			(int)mode);
		ret = -EINVAL;
		goto out;
	}
	need = mode == RTE_TPH_MODE_IV ? RTE_TPH_CAP_MODE_IV : RTE_TPH_CAP_MODE_DS;
	if ((td->sh->cap.modes & need) == 0) {
		TPH_DEV_LOG(ERR, td->sh->name, "enable: the device does not support %s mode",
			rte_tph_mode_name(mode));
		ret = -ENOTSUP;
		goto out;
	}
	if (td->sh->mode == mode)
		goto out;

	/*
	 * Switching: entries of the old mode must not linger in the table
	 * where a later Interrupt Vector user would inherit them.
	 */
	ret = tph_clear_all(td, "enable");
	if (ret < 0)
		goto out;
	td->sh->stats.enable_calls++;
	ret = td->ops->enable(dev, mode);
	if (ret < 0) {
		tph_log_refusal(td, "enable", RTE_TPH_OP_ENABLE, mode, ret,
			NULL, 0);
		goto out;
	}
	td->sh->mode = mode;
out:
	tph_unlock_all(sh, true);
	return ret;
}

int
rte_tph_enable(struct rte_device *dev, enum rte_tph_mode mode)
{
	return tph_enable(dev, mode, true);
}

int
rte_tph_owner_enable(struct rte_device *dev, enum rte_tph_mode mode)
{
	return tph_enable(dev, mode, false);
}

static int
tph_disable(struct rte_device *dev, bool owner_check)
{
	struct tph_shared *sh;
	struct tph_dev *td;
	int ret = 0;

	td = tph_mutator_begin(dev, RTE_TPH_OP_DISABLE, "disable", owner_check,
			&sh, &ret);
	if (td == NULL)
		return ret;
	if (td->sh->mode != RTE_TPH_MODE_OFF) {
		/* Entries stay programmed if they cannot be cleared. */
		ret = tph_clear_all(td, "disable");
		if (ret == 0)
			ret = tph_backend_disable(td, "disable");
	}
	tph_unlock_all(sh, true);
	return ret;
}

int
rte_tph_disable(struct rte_device *dev)
{
	return tph_disable(dev, true);
}

int
rte_tph_owner_disable(struct rte_device *dev)
{
	return tph_disable(dev, false);
}

int
rte_tph_get_st(struct rte_device *dev, struct rte_tph_st_query *q,
		unsigned int n)
{
	struct rte_tph_hw_entry *hw = NULL;
	rte_cpuset_t online;
	bool online_read = false;
	char prefix[RTE_DEV_NAME_MAX_LEN + 32];
	struct tph_shared *sh;
	struct tph_dev *td;
	unsigned int i;
	int ret = 0;

	/* A lookup reaches the kernel: the primary's alone, as the changes. */
	td = tph_mutator_begin(dev, RTE_TPH_OP_GET_ST, "get_st", false, &sh,
			&ret);
	if (td == NULL)
		return ret;
	if (td->sh->mode != RTE_TPH_MODE_DS) {
		TPH_DEV_LOG(ERR, td->sh->name, "get_st: device is in %s mode, not ds",
			rte_tph_mode_name(td->sh->mode));
		ret = -EINVAL;
		goto out;
	}
	if (q == NULL) {
		TPH_DEV_LOG(ERR, td->sh->name, "get_st: NULL query array");
		ret = -EINVAL;
		goto out;
	}
	if (n == 0 || n > RTE_TPH_BATCH_MAX) {
		TPH_DEV_LOG(ERR, td->sh->name, "get_st: %u queries, 1 to %u allowed",
			n, RTE_TPH_BATCH_MAX);
		ret = -EINVAL;
		goto out;
	}
	hw = calloc(n, sizeof(*hw));
	if (hw == NULL) {
		TPH_DEV_LOG(ERR, td->sh->name, "get_st: no memory for %u queries", n);
		ret = -ENOMEM;
		goto out;
	}

	for (i = 0; i < n; i++) {
		unsigned int cpu = q[i].cpu, nb_cpus;
		enum tph_lcore_error err;

		if ((unsigned int)q[i].mem_type > RTE_TPH_MEM_PERSISTENT) {
			TPH_DEV_LOG(ERR, td->sh->name, "get_st: query %u: invalid memory type %u",
				i, (unsigned int)q[i].mem_type);
			ret = -EINVAL;
			goto out;
		}
		if (q[i].lcore_id != RTE_TPH_LCORE_NONE) {
			err = tph_lcore_resolve(q[i].lcore_id, &cpu, &nb_cpus);
			if (err != TPH_LCORE_OK) {
				snprintf(prefix, sizeof(prefix), "%s: get_st: query %u: ",
					td->sh->name, i);
				tph_lcore_log_error(prefix, q[i].lcore_id, err, nb_cpus);
				ret = -EINVAL;
				goto out;
			}
		} else {
			if (cpu >= CPU_SETSIZE) {
				TPH_DEV_LOG(ERR, td->sh->name, "get_st: query %u: CPU %u is out of range (CPU_SETSIZE is %u)",
					i, cpu, (unsigned int)CPU_SETSIZE);
				ret = -EINVAL;
				goto out;
			}
			if (!online_read) {
				ret = tph_cpus_online(&online);
				if (ret < 0) {
					TPH_DEV_LOG(ERR, td->sh->name, "get_st: cannot read the online CPUs: %s",
						strerror(-ret));
					ret = -EINVAL;
					goto out;
				}
				online_read = true;
			}
			if (!CPU_ISSET(cpu, &online)) {
				TPH_DEV_LOG(ERR, td->sh->name, "get_st: query %u: CPU %u is not online",
					i, cpu);
				ret = -EINVAL;
				goto out;
			}
		}
		hw[i].cpu = cpu;
		hw[i].mem_type = q[i].mem_type;
	}

	td->sh->stats.get_st_calls++;
	ret = td->ops->get_st(dev, hw, n);
	if (ret < 0) {
		tph_log_refusal(td, "get_st", RTE_TPH_OP_GET_ST, td->sh->mode,
			ret, hw, n);
		goto out;
	}
	for (i = 0; i < n; i++) {
		q[i].cpu = hw[i].cpu;
		q[i].st = hw[i].st;
	}
out:
	tph_unlock_all(sh, true);
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

	seen = calloc(td->sh->cap.st_table_size, sizeof(*seen));
	if (seen == NULL) {
		TPH_DEV_LOG(ERR, td->sh->name, "%s: no memory to check %u indexes", op, n);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (hw[i].index >= td->sh->cap.st_table_size) {
			TPH_DEV_LOG(ERR, td->sh->name, "%s: entry %u: index %u is out of range (table size %u)",
				op, i, hw[i].index, td->sh->cap.st_table_size);
			ret = -EINVAL;
			break;
		}
		if (seen[hw[i].index]) {
			TPH_DEV_LOG(ERR, td->sh->name, "%s: entry %u: index %u appears twice",
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
	if (td->sh->mode != RTE_TPH_MODE_IV) {
		TPH_DEV_LOG(ERR, td->sh->name, "%s: device is in %s mode, not iv",
			op, rte_tph_mode_name(td->sh->mode));
		return -EINVAL;
	}
	if (td->sh->slots == NULL) {
		TPH_DEV_LOG(ERR, td->sh->name, "%s: device has no steering tag table", op);
		return -EINVAL;
	}
	if (arr == NULL) {
		TPH_DEV_LOG(ERR, td->sh->name, "%s: NULL entry array", op);
		return -EINVAL;
	}
	if (n == 0 || n > td->sh->cap.st_table_size) {
		TPH_DEV_LOG(ERR, td->sh->name, "%s: %u entries, 1 to %u (table size) allowed",
			op, n, td->sh->cap.st_table_size);
		return -EINVAL;
	}
	return 0;
}

static int
tph_set_st(struct rte_device *dev, const struct rte_tph_st_entry *ents,
		unsigned int n, bool owner_check)
{
	struct rte_tph_hw_entry *hw = NULL;
	char prefix[RTE_DEV_NAME_MAX_LEN + 32];
	struct tph_shared *sh;
	struct tph_dev *td;
	unsigned int i;
	int ret = 0;

	td = tph_mutator_begin(dev, RTE_TPH_OP_SET_ST, "set_st", owner_check,
			&sh, &ret);
	if (td == NULL)
		return ret;
	ret = tph_check_iv_batch(td, "set_st", ents, n);
	if (ret < 0)
		goto out;
	hw = calloc(n, sizeof(*hw));
	if (hw == NULL) {
		TPH_DEV_LOG(ERR, td->sh->name, "set_st: no memory for %u entries", n);
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
			TPH_DEV_LOG(ERR, td->sh->name, "set_st: entry %u: invalid memory type %u",
				i, (unsigned int)ents[i].mem_type);
			ret = -EINVAL;
			goto out;
		}
		err = tph_lcore_resolve(ents[i].lcore_id, &cpu, &nb_cpus);
		if (err != TPH_LCORE_OK) {
			snprintf(prefix, sizeof(prefix), "%s: set_st: entry %u: ",
				td->sh->name, i);
			tph_lcore_log_error(prefix, ents[i].lcore_id, err, nb_cpus);
			ret = -EINVAL;
			goto out;
		}
		hw[i].cpu = cpu;
		hw[i].mem_type = ents[i].mem_type;
	}
	ret = tph_submit_set(td, "set_st", hw, n, ents);
out:
	tph_unlock_all(sh, true);
	free(hw);
	return ret;
}

int
rte_tph_set_st(struct rte_device *dev, const struct rte_tph_st_entry *ents,
		unsigned int n)
{
	return tph_set_st(dev, ents, n, true);
}

int
rte_tph_owner_set_st(struct rte_device *dev,
		const struct rte_tph_st_entry *ents, unsigned int n)
{
	return tph_set_st(dev, ents, n, false);
}

static int
tph_clear_st(struct rte_device *dev, const uint16_t *index, unsigned int n,
		bool owner_check)
{
	struct rte_tph_hw_entry *hw = NULL;
	struct tph_shared *sh;
	struct tph_dev *td;
	unsigned int i;
	int ret = 0;

	td = tph_mutator_begin(dev, RTE_TPH_OP_CLEAR_ST, "clear_st",
			owner_check, &sh, &ret);
	if (td == NULL)
		return ret;
	ret = tph_check_iv_batch(td, "clear_st", index, n);
	if (ret < 0)
		goto out;
	hw = calloc(n, sizeof(*hw));
	if (hw == NULL) {
		TPH_DEV_LOG(ERR, td->sh->name, "clear_st: no memory for %u entries", n);
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
	tph_unlock_all(sh, true);
	free(hw);
	return ret;
}

int
rte_tph_clear_st(struct rte_device *dev, const uint16_t *index,
		unsigned int n)
{
	return tph_clear_st(dev, index, n, true);
}

int
rte_tph_owner_clear_st(struct rte_device *dev, const uint16_t *index,
		unsigned int n)
{
	return tph_clear_st(dev, index, n, false);
}

int
rte_tph_entries_get(const struct rte_device *dev,
		struct rte_tph_entry_info *info, unsigned int max)
{
	struct tph_shared *sh;
	struct tph_dev *td;
	int ret = 0;

	sh = tph_lock_all(false);
	td = tph_dev_get(dev, "entries_get", &ret);
	if (td == NULL)
		goto out;
	if (info == NULL && max > 0) {
		TPH_DEV_LOG(ERR, td->sh->name, "entries_get: NULL array for %u entries", max);
		ret = -EINVAL;
		goto out;
	}
	ret = (int)tph_entries_copy(td->sh, info, max);
out:
	tph_unlock_all(sh, false);
	return ret;
}

int
rte_tph_stats_get(const struct rte_device *dev, struct rte_tph_stats *stats)
{
	struct tph_shared *sh;
	struct tph_dev *td;
	int ret = 0;

	td = tph_query_begin(dev, "stats_get", stats, &sh, &ret);
	if (td != NULL)
		*stats = td->sh->stats;
	tph_unlock_all(sh, false);
	return ret;
}

/* Telemetry reads the shared state: it lists the primary's devices. */
void
tph_dev_foreach_name(void (*fn)(const char *name, void *arg), void *arg)
{
	struct tph_shared *sh;
	unsigned int i;

	sh = tph_lock_all(false);
	for (i = 0; sh != NULL && i < TPH_MAX_DEVS; i++)
		if (sh->devs[i].used)
			fn(sh->devs[i].name, arg);
	tph_unlock_all(sh, false);
}

int
tph_dev_state_get(const char *name, struct tph_dev_state *state,
		struct rte_tph_entry_info *ents, unsigned int max)
{
	const struct tph_shared_dev *d;
	struct tph_shared *sh;
	int ret = -ENODEV;

	if (name == NULL || state == NULL || (ents == NULL && max > 0))
		return -EINVAL;
	sh = tph_lock_all(false);
	d = tph_shared_dev_find(sh, name);
	if (d != NULL) {
		memset(state, 0, sizeof(*state));
		strlcpy(state->name, d->name, sizeof(state->name));
		strlcpy(state->owner, d->owner, sizeof(state->owner));
		state->cap = d->cap;
		state->mode = d->mode;
		state->stats = d->stats;
		state->nb_entries = tph_entries_copy(d, ents, max);
		ret = 0;
	}
	tph_unlock_all(sh, false);
	return ret;
}
