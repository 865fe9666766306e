package org.solrtoolkit.pki;

/**
 * An object as a map key by identity, for caches keyed by the very object a hot path holds (a key, a
 * parsed certificate): Bouncy Castle's value-based {@code hashCode} and {@code equals} on keys and
 * certificates cost microseconds to a millisecond.
 */
public record ByIdentity(Object value) {

    @Override
    public boolean equals(Object o) {
        return o instanceof ByIdentity i && i.value == value;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(value);
    }
}
