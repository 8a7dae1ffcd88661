/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Telemetry: "/tph/list" and "/tph/info,<device name>".
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_telemetry.h>

#include "rte_tph.h"
#include "tph_private.h"

static const char *
tph_st_location_name(enum rte_tph_st_location loc)
{
	switch (loc) {
	case RTE_TPH_ST_LOC_NONE:
		return "none";
	case RTE_TPH_ST_LOC_CAP:
		return "cap";
	case RTE_TPH_ST_LOC_MSIX:
		return "msix";
	}
	return "unknown";
}

static const char *
tph_mem_type_name(enum rte_tph_mem_type mem_type)
{
	return mem_type == RTE_TPH_MEM_PERSISTENT ? "persistent" : "volatile";
}

static void
tph_tel_add_name(const char *name, void *arg)
{
	rte_tel_data_add_array_string(arg, name);
}

int
rte_tph_telemetry_list(const char *cmd __rte_unused,
		const char *params __rte_unused, struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	tph_dev_foreach_name(tph_tel_add_name, d);
	return 0;
}

/* The "supported_modes" array of d (attached first, as for entries). */
static void
tph_tel_add_modes(struct rte_tel_data *d, uint32_t modes)
{
	struct rte_tel_data *arr = rte_tel_data_alloc();

	if (arr == NULL)
		return;
	rte_tel_data_start_array(arr, RTE_TEL_STRING_VAL);
	if (rte_tel_data_add_dict_container(d, "supported_modes", arr, 0) != 0) {
		rte_tel_data_free(arr);
		return;
	}
	if (modes & RTE_TPH_CAP_MODE_IV)
		rte_tel_data_add_array_string(arr, rte_tph_mode_name(RTE_TPH_MODE_IV));
	if (modes & RTE_TPH_CAP_MODE_DS)
		rte_tel_data_add_array_string(arr, rte_tph_mode_name(RTE_TPH_MODE_DS));
}

/*
 * The "entries" dictionary of d: one dictionary per programmed entry, keyed
 * by its table index (22.11 telemetry arrays cannot hold dictionaries).
 * Containers are attached to d before they are filled, so telemetry frees
 * them even when memory runs out half way (the list is then shorter than
 * "nb_entries").
 */
static void
tph_tel_add_entries(struct rte_tel_data *d,
		const struct rte_tph_entry_info *ents, unsigned int n)
{
	struct rte_tel_data *dict = rte_tel_data_alloc();
	char key[8];
	unsigned int i;

	if (dict == NULL)
		return;
	rte_tel_data_start_dict(dict);
	if (rte_tel_data_add_dict_container(d, "entries", dict, 0) != 0) {
		rte_tel_data_free(dict);
		return;
	}
	for (i = 0; i < n; i++) {
		struct rte_tel_data *e = rte_tel_data_alloc();

		if (e == NULL)
			return;
		rte_tel_data_start_dict(e);
		snprintf(key, sizeof(key), "%u", ents[i].index);
		if (rte_tel_data_add_dict_container(dict, key, e, 0) != 0) {
			rte_tel_data_free(e);
			return;
		}
		rte_tel_data_add_dict_u64(e, "index", ents[i].index);
		rte_tel_data_add_dict_u64(e, "lcore", ents[i].lcore_id);
		rte_tel_data_add_dict_u64(e, "cpu", ents[i].cpu);
		rte_tel_data_add_dict_string(e, "mem_type",
			tph_mem_type_name(ents[i].mem_type));
		if (ents[i].st_valid)
			rte_tel_data_add_dict_u64(e, "st", ents[i].st);
	}
}

int
rte_tph_telemetry_info(const char *cmd __rte_unused, const char *params,
		struct rte_tel_data *d)
{
	struct rte_tph_entry_info ents[TPH_TEL_MAX_ENTRIES];
	struct tph_dev_state st;
	unsigned int n;
	int ret;

	if (params == NULL || params[0] == '\0')
		return -EINVAL;
	ret = tph_dev_state_get(params, &st, ents, RTE_DIM(ents));
	if (ret < 0)
		return ret;
	n = RTE_MIN(st.nb_entries, RTE_DIM(ents));

	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", st.name);
	rte_tel_data_add_dict_string(d, "mode", rte_tph_mode_name(st.mode));
	rte_tel_data_add_dict_string(d, "owner", st.owner);
	tph_tel_add_modes(d, st.cap.modes);
	rte_tel_data_add_dict_string(d, "st_location",
		tph_st_location_name(st.cap.st_location));
	rte_tel_data_add_dict_u64(d, "st_table_size", st.cap.st_table_size);
	rte_tel_data_add_dict_int(d, "extended", st.cap.extended ? 1 : 0);
	rte_tel_data_add_dict_u64(d, "enable_calls", st.stats.enable_calls);
	rte_tel_data_add_dict_u64(d, "disable_calls", st.stats.disable_calls);
	rte_tel_data_add_dict_u64(d, "get_st_calls", st.stats.get_st_calls);
	rte_tel_data_add_dict_u64(d, "set_st_calls", st.stats.set_st_calls);
	rte_tel_data_add_dict_u64(d, "st_entries", st.stats.st_entries);
	/* All programmed entries; "entries" lists at most TPH_TEL_MAX_ENTRIES. */
	rte_tel_data_add_dict_u64(d, "nb_entries", st.nb_entries);
	tph_tel_add_entries(d, ents, n);
	return 0;
}

RTE_INIT(tph_telemetry_init)
{
	rte_telemetry_register_cmd("/tph/list", rte_tph_telemetry_list,
		"Returns the names of the devices with TPH. Takes no parameters");
	rte_telemetry_register_cmd("/tph/info", rte_tph_telemetry_info,
		"Returns the TPH state of a device. Parameters: device name");
}
