/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef CMDLINE_TPH_H
#define CMDLINE_TPH_H

#include <cmdline_parse.h>

/* PCIe TPH steering tags: commands and forwarding-time queue binding. */

extern cmdline_parse_inst_t cmd_show_port_tph;
extern cmdline_parse_inst_t cmd_port_config_tph_mode;
extern cmdline_parse_inst_t cmd_port_config_queue_tph_lcore;
extern cmdline_parse_inst_t cmd_port_config_queue_tph_auto;

/*
 * Bind every Rx and Tx queue of the forwarding streams to the lcore of its
 * stream, on each port whose TPH mode is not off, with one ethdev call per
 * port; queues bound by hand keep their lcore. Called when forwarding
 * starts, after fwd_config_setup().
 */
void tph_fwd_streams_bind(void);

#endif /* CMDLINE_TPH_H */
