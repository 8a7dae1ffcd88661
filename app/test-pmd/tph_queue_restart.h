/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef TPH_QUEUE_RESTART_H
#define TPH_QUEUE_RESTART_H

/*
 * testpmd: load the TPH tags that wait for a queue start (PMDs with
 * rte_eth_tph_capa.pmd_loads_at_queue_start) by restarting their queues.
 * Apart from testpmd's globals, so that app/test can run it on a fake
 * port (test_tph_pmd_restart.c).
 */

#include <stdint.h>
#include <stdio.h>

/*
 * Restart, through rte_eth_dev_{rx,tx}_queue_stop() and _start(), every
 * queue below nb_rxq/nb_txq of the port whose TPH tag is pending. All are
 * found before the first restart. On @p out one line names the queues
 * restarted; on @p err one line per queue that was not, saying whether it
 * still runs with its tag pending (stop failed) or is left STOPPED (start
 * failed) and the command that starts it. Call it while no lcore polls
 * the port.
 *
 * @return
 *   The number of queues not restarted, or -ENOMEM (said on @p err).
 */
int tph_queues_restart_pending(uint16_t port_id, uint16_t nb_rxq,
		uint16_t nb_txq, FILE *out, FILE *err);

/*
 * While forwarding (no restart possible): say on @p out how many queues
 * wait for the next start. Returns that number.
 */
unsigned int tph_queues_pending_warn(uint16_t port_id, uint16_t nb_rxq,
		uint16_t nb_txq, FILE *out);

#endif /* TPH_QUEUE_RESTART_H */
