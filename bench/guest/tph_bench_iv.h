/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * The device session the VFIO benchmark programs share: open the NIC,
 * enable Interrupt Vector mode on a large enough ST table, and at the end
 * disable TPH and close, so the next program finds the device clean.
 */

#ifndef TPH_BENCH_IV_H
#define TPH_BENCH_IV_H

#include <stdio.h>

#include "tph_vfio.h"

/*
 * Open bdf and enable IV mode on an ST table of at least min_entries,
 * its capability in *cap; 0, or -1 with the reason printed and d closed.
 */
static inline int
tph_bench_iv_open(struct tph_dev *d, const char *bdf, unsigned int min_entries,
		struct vfio_pci_tph_cap *cap)
{
	if (tph_dev_open(d, bdf) != 0)
		return -1;
	if (tph_get_cap(d, cap) != 0 ||
			!(cap->supported_modes & VFIO_PCI_TPH_MODE_IV) ||
			cap->st_table_sz < min_entries) {
		fprintf(stderr, "%s: no Interrupt Vector mode with at least %u ST entries\n",
			bdf, min_entries);
		goto fail;
	}
	if (tph_enable(d, VFIO_PCI_TPH_MODE_IV) != 0) {
		fprintf(stderr, "%s: cannot enable IV mode\n", bdf);
		goto fail;
	}
	return 0;
fail:
	tph_dev_close(d);
	return -1;
}

/* Disable TPH and close d; 0, or -1 with the reason printed. */
static inline int
tph_bench_iv_close(struct tph_dev *d, const char *bdf)
{
	int ret = 0;

	if (tph_disable(d) != 0) {
		fprintf(stderr, "%s: cannot disable TPH\n", bdf);
		ret = -1;
	}
	tph_dev_close(d);
	return ret;
}

#endif /* TPH_BENCH_IV_H */
