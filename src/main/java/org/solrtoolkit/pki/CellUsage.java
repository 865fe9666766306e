package org.solrtoolkit.pki;

/**
 * Which trust anchor cell an Organisation Certificate is meant for (domain.md section 3): the
 * Supplier has a separate KA key pair for prepayment top-ups (UTRNs); everything else is
 * management.
 */
public enum CellUsage { MANAGEMENT, PREPAYMENT_TOP_UP }
