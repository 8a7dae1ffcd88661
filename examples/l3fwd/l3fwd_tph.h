/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef __L3FWD_TPH_H__
#define __L3FWD_TPH_H__

#include <stdint.h>

/*
 * PCIe TPH steering of a port's queues, asked for with the EAL option
 * --tph-mode=iv|ds: every Rx queue is steered to the lcore polling it and
 * the Tx queue of every polling lcore to that lcore. With --tph-mode=off
 * (the default) both functions do nothing and print nothing.
 */

/* Before rte_eth_dev_start(): set the port's TPH mode, bind its queues. */
void l3fwd_tph_bind_port(uint16_t portid);

/* After rte_eth_dev_start(): one line on the queues the device accepted. */
void l3fwd_tph_report_port(uint16_t portid);

#endif /* __L3FWD_TPH_H__ */
