/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/*
 * Why a TPH request was refused, in words a user can act on. The errors
 * are those of the kernel interface (VFIO_DEVICE_PCI_TPH, proposed for
 * include/uapi/linux/vfio.h by the "vfio/pci: Add PCIe TPH support" v4
 * series) and of the library itself; the request they answer tells which
 * meaning applies (EPERM on ENABLE is the kernel refusing device specific
 * mode, on SET_ST a CPU outside the caller's cpuset).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>

#include "rte_tph.h"
#include "tph_private.h"

/* " for CPU 3", or "" when no single CPU is concerned. */
static const char *
tph_cpu_suffix(const struct rte_tph_refusal *why, char *buf, size_t size)
{
	if (why->cpu == RTE_TPH_CPU_NONE)
		return " for one of the requested CPUs";
	snprintf(buf, size, " for CPU %u", why->cpu);
	return buf;
}

static void
tph_refusal_text(int err, const struct rte_tph_refusal *why, char *buf,
		size_t size)
{
	char cpu[32];
	unsigned int nb_cpus = 0, c;

	switch (err) {
	case E_RTE_SECONDARY:
		/* A lookup changes nothing but still asks the device. */
		if (why->op == RTE_TPH_OP_GET_ST)
			snprintf(buf, size, "steering tag lookups go to the device, which the primary process owns; ask the primary");
		else
			snprintf(buf, size, "TPH state belongs to the primary process; a secondary process cannot change it");
		return;
	case EBUSY:
		snprintf(buf, size, "the device is used by a port: change its TPH through the port (rte_eth_dev_tph_* calls, testpmd 'port config ... tph')");
		return;
	case ENOTTY:
		snprintf(buf, size, "the kernel has no VFIO TPH interface (VFIO_DEVICE_PCI_TPH): boot a kernel carrying the \"vfio/pci: Add PCIe TPH support\" series");
		return;
	case ENODATA:
		snprintf(buf, size, "firmware (_DSM) has no steering tag%s",
			tph_cpu_suffix(why, cpu, sizeof(cpu)));
		return;
	case ENXIO:
		snprintf(buf, size, "the steering tag table is in the MSI-X table but the device has no usable MSI-X table");
		return;
	case ENOMEM:
		snprintf(buf, size, "out of memory");
		return;
	}

	switch (why->op) {
	case RTE_TPH_OP_LCORE:
		if (err == EINVAL && why->lcore_id != RTE_TPH_LCORE_NONE) {
			enum tph_lcore_error le;

			le = tph_lcore_resolve(why->lcore_id, &c, &nb_cpus);
			if (le != TPH_LCORE_OK) {
				tph_lcore_error_text(why->lcore_id, le, nb_cpus,
					buf, size);
				return;
			}
		}
		break;
	case RTE_TPH_OP_ENABLE:
		if (err == EPERM && why->mode == RTE_TPH_MODE_DS) {
			snprintf(buf, size, "the kernel does not allow device specific mode (vfio-pci enable_unsafe_tph_ds_mode)");
			return;
		}
		if (err == ENOTSUP) {
			snprintf(buf, size, "the root port does not complete TPH, or TPH is off in the kernel (pci=notph)");
			return;
		}
		if (err == EINVAL) {
			snprintf(buf, size, "the device does not support %s mode",
				rte_tph_mode_name(why->mode));
			return;
		}
		break;
	case RTE_TPH_OP_GET_ST:
	case RTE_TPH_OP_SET_ST:
		if (err == EPERM && why->op == RTE_TPH_OP_GET_ST &&
				why->mode != RTE_TPH_MODE_DS) {
			snprintf(buf, size, "the kernel does not allow device specific mode (vfio-pci enable_unsafe_tph_ds_mode)");
			return;
		}
		if (err == EPERM) {
			if (why->cpu == RTE_TPH_CPU_NONE)
				snprintf(buf, size, "a requested CPU is outside the CPUs this process may use (its cpuset)");
			else
				snprintf(buf, size, "CPU %u is outside the CPUs this process may use (its cpuset)",
					why->cpu);
			return;
		}
		if (err == EIO) {
			snprintf(buf, size, "firmware (_DSM) failed to return a steering tag%s",
				tph_cpu_suffix(why, cpu, sizeof(cpu)));
			return;
		}
		if (err == ENODEV) {
			snprintf(buf, size, "firmware has no steering tag method (ACPI _DSM) for this device, or no ACPI processor%s",
				tph_cpu_suffix(why, cpu, sizeof(cpu)));
			return;
		}
		if (err == ENOTSUP) {
			snprintf(buf, size, "the root port does not complete TPH, or TPH is off in the kernel (pci=notph)");
			return;
		}
		if (err == EINVAL) {
			if (why->cpu == RTE_TPH_CPU_NONE)
				snprintf(buf, size, "the kernel refused the request: a CPU is offline or an entry is outside the device's table");
			else
				snprintf(buf, size, "the kernel refused the request: CPU %u is offline or not a CPU of this system",
					why->cpu);
			return;
		}
		break;
	default:
		break;
	}

	switch (err) {
	case ENOTSUP:
		snprintf(buf, size, "the device has no TPH support here (no TPH Requester capability, not bound to vfio-pci, or a kernel without VFIO TPH)");
		return;
	case ENODEV:
		snprintf(buf, size, "the device was removed");
		return;
	case EPERM:
		snprintf(buf, size, "the kernel does not allow this TPH request");
		return;
	case EINVAL:
		snprintf(buf, size, "invalid TPH request");
		return;
	default:
		snprintf(buf, size, "%s", strerror(err));
		return;
	}
}

const char *
rte_tph_strerror(int err, const struct rte_tph_refusal *why, char *buf,
		size_t size)
{
	const struct rte_tph_refusal none = {
		.op = RTE_TPH_OP_OTHER,
		.mode = RTE_TPH_MODE_OFF,
		.lcore_id = RTE_TPH_LCORE_NONE,
		.cpu = RTE_TPH_CPU_NONE,
	};

	if (buf == NULL || size == 0)
		return "";
	tph_refusal_text(err < 0 ? -err : err, why != NULL ? why : &none, buf,
		size);
	return buf;
}

const char *
tph_op_strerror(int err, enum rte_tph_op op, char *buf, size_t size)
{
	const struct rte_tph_refusal why = {
		.op = op,
		.mode = RTE_TPH_MODE_OFF,
		.lcore_id = RTE_TPH_LCORE_NONE,
		.cpu = RTE_TPH_CPU_NONE,
	};

	return rte_tph_strerror(err, &why, buf, size);
}

const char *
rte_tph_lcore_strerror(int err, enum rte_tph_op op, enum rte_tph_mode mode,
		unsigned int lcore_id, char *buf, size_t size)
{
	struct rte_tph_refusal why = {
		.op = op,
		.mode = mode,
		.lcore_id = lcore_id,
		.cpu = RTE_TPH_CPU_NONE,
	};

	if (lcore_id != RTE_TPH_LCORE_NONE && op != RTE_TPH_OP_LCORE &&
			rte_tph_lcore_to_cpu(lcore_id, &why.cpu) != 0)
		why.cpu = RTE_TPH_CPU_NONE;
	return rte_tph_strerror(err, &why, buf, size);
}
