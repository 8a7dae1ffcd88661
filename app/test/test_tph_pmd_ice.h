/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#ifndef TEST_TPH_PMD_ICE_H
#define TEST_TPH_PMD_ICE_H

/*
 * The firmware side of ice Tx queue starts in tph_ice_autotest: app/test
 * links ice_ena_vsi_txq() to __wrap_ice_ena_vsi_txq() (-Wl,--wrap), which
 * hands the ports that are not the test's to the base code's
 * __real_ice_ena_vsi_txq().
 */

#include "base/ice_common.h"

enum ice_status
__real_ice_ena_vsi_txq(struct ice_port_info *pi, u16 vsi_handle, u8 tc,
		u16 q_handle, u8 num_qgrps, struct ice_aqc_add_tx_qgrp *buf,
		u16 buf_size, struct ice_sq_cd *cd);

enum ice_status
__wrap_ice_ena_vsi_txq(struct ice_port_info *pi, u16 vsi_handle, u8 tc,
		u16 q_handle, u8 num_qgrps, struct ice_aqc_add_tx_qgrp *buf,
		u16 buf_size, struct ice_sq_cd *cd);

#endif /* TEST_TPH_PMD_ICE_H */
