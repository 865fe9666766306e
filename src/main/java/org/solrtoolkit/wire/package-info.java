/**
 * What travels on the wire in a real event (issue 16; domain.md section 6): the GBCS codec (the
 * General Ciphering and General Signing framing, the CS02b Update Security Credentials payloads as
 * GBCS ASN.1, raw r||s ECDSA signatures, the ACB's AES-GCM MAC with the GBCS KDF, the 8F66 / 8F67
 * alerts). Depends on nothing but {@code pki}.
 */
package org.solrtoolkit.wire;
