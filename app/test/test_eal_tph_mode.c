/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * The EAL --tph-mode option as the application sees it: rte_eal_tph_mode()
 * must return the mode given on the command line. The caller passes the
 * expected mode in DPDK_TEST_TPH_MODE (off, iv or ds) next to the option;
 * without it the option was not given and the mode must be off. Invalid
 * values are rejected by rte_eal_init() before any test runs: scripted
 * testpmd sessions check that failure.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>

#include "test.h"

static int
test_eal_tph_mode(void)
{
	static const char *const names[] = {
		[RTE_EAL_TPH_MODE_OFF] = "off",
		[RTE_EAL_TPH_MODE_IV] = "iv",
		[RTE_EAL_TPH_MODE_DS] = "ds",
	};
	const char *want = getenv("DPDK_TEST_TPH_MODE");
	enum rte_eal_tph_mode mode = rte_eal_tph_mode();

	if (want == NULL || want[0] == '\0')
		want = "off";
	if ((unsigned int)mode >= RTE_DIM(names)) {
		printf("rte_eal_tph_mode() returned %d, not a mode\n", (int)mode);
		return TEST_FAILED;
	}
	printf("rte_eal_tph_mode(): %s, expected %s\n", names[mode], want);
	TEST_ASSERT(strcmp(names[mode], want) == 0,
		"--tph-mode not reflected by rte_eal_tph_mode()");
	/* Stable: a second read gives the same answer. */
	TEST_ASSERT_EQUAL(rte_eal_tph_mode(), mode, "getter changed");
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(eal_tph_mode_autotest, test_eal_tph_mode);
