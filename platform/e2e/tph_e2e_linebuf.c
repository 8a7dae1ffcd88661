/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * LD_PRELOAD shim of the end-to-end suite: makes testpmd's stdout line
 * buffered when it goes to a file. The guest session tells that a command
 * is done when the echo of the next (comment) line appears; the echo is
 * written straight to the fd, so the command's own printf output must have
 * left the stdio buffer by then.
 */

#include <stdio.h>

static void __attribute__((constructor))
tph_e2e_linebuf(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}
