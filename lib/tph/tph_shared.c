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
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "tph_private.h"

#define TPH_SHARED_MZ_NAME "rte_tph_state"

static struct tph_shared *tph_shared;
static bool tph_shared_missing_logged;

struct tph_shared *
tph_shared_get(void)
{
	const struct rte_memzone *mz;

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
		return NULL;
	}
	/* The primary starts it empty: no lock held, no device. */
	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		memset(mz->addr, 0, sizeof(*tph_shared));
		rte_rwlock_init(&((struct tph_shared *)mz->addr)->lock);
	}
	tph_shared = mz->addr;
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
