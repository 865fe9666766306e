package org.solrtoolkit.playbook;

/** A phase of a playbook (e.g. {@code P2}, "Protect prepayment customers"). */
public record Phase(String id, String title) {
}
