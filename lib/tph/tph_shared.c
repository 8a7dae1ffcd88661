/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * The memory holding lib/tph state for all processes. The kernel keeps TPH
 * state per device, not per process, so one process (the primary) must
 * own it and the others must see what it did: the state lives in a
 * memzone the primary reserves, and slot tables in its shared heap.
 */

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "tph_private.h"

#define TPH_SHARED_MZ_NAME "rte_tph_state"

static struct tph_shared *tph_shared;
static bool tph_shared_missing_logged;
static bool tph_shared_layout_logged;

/*
 * Whether a secondary can read the primary's state: the memzone must hold
 * a layout this process was built with, sizes included. rte_errno ENOENT
 * while the primary has not set it up yet (magic still 0), EPROTO for a
 * foreign layout, said once.
 */
static bool
tph_shared_layout_known(const struct rte_memzone *mz)
{
	const struct tph_shared *sh = mz->addr;
	uint32_t magic = 0, version = 0, size = 0, max_devs = 0;

	if (mz->len >= offsetof(struct tph_shared, max_devs) +
			sizeof(max_devs)) {
		/* The primary writes magic last: the rest is valid once it is. */
		magic = __atomic_load_n(&sh->magic, __ATOMIC_ACQUIRE);
		version = sh->version;
		size = sh->size;
		max_devs = sh->max_devs;
	}
	if (magic == TPH_SHARED_MAGIC && version == TPH_SHARED_VERSION &&
			size == sizeof(*sh) && max_devs == TPH_MAX_DEVS &&
			mz->len >= sizeof(*sh))
		return true;
	if (magic == 0 && mz->len >= sizeof(*sh)) {
		TPH_LOG(INFO, "the primary's TPH state (memzone %s) is not set up yet: try again later",
			TPH_SHARED_MZ_NAME);
		rte_errno = ENOENT;
		return false;
	}
	if (!tph_shared_layout_logged) {
		tph_shared_layout_logged = true;
		TPH_LOG(ERR, "the primary's TPH state (memzone %s) has layout 0x%08x version %u size %u devices %u, this process knows 0x%08x version %u size %zu devices %u: not attaching; run processes built from the same DPDK",
			TPH_SHARED_MZ_NAME, magic, version, size, max_devs,
			TPH_SHARED_MAGIC, TPH_SHARED_VERSION, sizeof(*sh),
			TPH_MAX_DEVS);
	}
	rte_errno = EPROTO;
	return false;
}

struct tph_shared *
tph_shared_get(void)
{
	const struct rte_memzone *mz;
	struct tph_shared *sh;

	if (tph_shared != NULL)
		return tph_shared;
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		mz = rte_memzone_reserve(TPH_SHARED_MZ_NAME,
				sizeof(*tph_shared), SOCKET_ID_ANY, 0);
	else
		mz = rte_memzone_lookup(TPH_SHARED_MZ_NAME);
	if (mz == NULL) {
		if (!tph_shared_missing_logged) {
			tph_shared_missing_logged = true;
			if (rte_eal_process_type() == RTE_PROC_PRIMARY)
				TPH_LOG(ERR, "cannot reserve the shared TPH state: %s",
					rte_strerror(rte_errno));
			else
				TPH_LOG(INFO, "the primary process has no TPH state");
		}
		rte_errno = ENOENT;
		return NULL;
	}
	sh = mz->addr;
	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		/* The primary starts it empty: no lock held, no device. */
		memset(sh, 0, sizeof(*sh));
		rte_rwlock_init(&sh->lock);
		sh->version = TPH_SHARED_VERSION;
		sh->size = sizeof(*sh);
		sh->max_devs = TPH_MAX_DEVS;
		__atomic_store_n(&sh->magic, TPH_SHARED_MAGIC, __ATOMIC_RELEASE);
	} else if (!tph_shared_layout_known(mz)) {
		return NULL;
	}
	tph_shared = sh;
	return tph_shared;
}

struct tph_slot *
tph_shared_slots_alloc(unsigned int n)
{
	return rte_zmalloc("rte_tph_slots", (size_t)n * sizeof(struct tph_slot),
			0);
}

void
tph_shared_slots_free(struct tph_slot *slots)
{
	rte_free(slots);
}
