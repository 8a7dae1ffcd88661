/*
 * SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 *
 * Test-only SSDT: adds the PCI Firmware Specification _DSM (GUID
 * e5c937d0-3553-4d7a-9117-ea4d19c3434d, revision 7) with function 0xF
 * "cache locality TPH features" to the q35 host bridge \_SB.PCI0, which
 * QEMU's DSDT does not provide.
 *
 * Every CPU gets tags derived from its ACPI processor UID so that a tag
 * resolved for the wrong CPU or the wrong memory type is visible:
 *   volatile   8-bit 0x10 + UID, 16-bit 0x1100 + UID
 *   persistent 8-bit 0x20 + UID, 16-bit 0x2200 + UID
 * UIDs from TPHI (3) up have no valid tag at all, so the
 * "invalid tag is an error" path can be exercised on a guest CPU.
 * Any feature ID other than 0 also answers "no valid tag".
 *
 * TPHQ and TPHC count the evaluations of functions 0 (query) and 0xF since
 * boot; tph_emu shows them in debugfs (dsm_queries, dsm_evals) so tests
 * can count the firmware calls a kernel makes per batch.
 *
 * Result layout (low to high, per memory type 32 bits): valid, extended
 * valid, PH ignored, 5 reserved, 8-bit tag, 16-bit tag; volatile first.
 */
DefinitionBlock ("", "SSDT", 2, "DPDKTP", "TPHDSM", 0x00000001)
{
    External (\_SB.PCI0, DeviceObj)

    Scope (\_SB.PCI0)
    {
        /* First UID without a tag (tph_emu: first_invalid_uid). */
        Name (TPHI, 3)
        /* Evaluation counters, read by tph_emu (debugfs dsm_evals). */
        Name (TPHQ, Zero)
        Name (TPHC, Zero)

        Method (_DSM, 4, Serialized)
        {
            If ((Arg0 != ToUUID ("e5c937d0-3553-4d7a-9117-ea4d19c3434d")))
            {
                Return (Buffer (One) { 0x00 })
            }

            /* Only revision 7 and later know function 0xF. */
            If ((Arg1 < 7))
            {
                Return (Buffer (One) { 0x00 })
            }

            If ((Arg2 == Zero))
            {
                TPHQ++
                /* Functions 0 and 0xF are implemented. */
                Return (Buffer (2) { 0x01, 0x80 })
            }

            If ((Arg2 == 0x0F))
            {
                TPHC++
                Name (RBUF, Buffer (8) { 0, 0, 0, 0, 0, 0, 0, 0 })
                CreateDWordField (RBUF, 0, VMST)
                CreateDWordField (RBUF, 4, PMST)

                If ((ObjectType (Arg3) != 4))
                {
                    Return (RBUF)
                }
                If ((SizeOf (Arg3) < 3))
                {
                    Return (RBUF)
                }

                Local0 = DerefOf (Arg3 [0])
                Local1 = DerefOf (Arg3 [1])
                If ((Local0 != Zero))
                {
                    Return (RBUF)
                }
                If ((Local1 >= TPHI))
                {
                    Return (RBUF)
                }

                /* valid | extended valid, 8-bit tag, 16-bit tag */
                VMST = (0x03 | ((0x10 + Local1) << 8) |
                        ((0x1100 + Local1) << 16))
                PMST = (0x03 | ((0x20 + Local1) << 8) |
                        ((0x2200 + Local1) << 16))
                Return (RBUF)
            }

            Return (Buffer (One) { 0x00 })
        }
    }
}
