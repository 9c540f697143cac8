package dev.sluice.api.access;

import dev.sluice.api.event.Caller;
import java.time.Instant;

/**
 * The virtual keys a gateway accepts, looked up by the SHA-256 of the secret a caller presents. Implementations keep
 * every key in memory, so a look-up never waits on a database and costs the same for a known and an unknown key.
 * Thread-safe.
 */
public interface KeyDirectory {

    /** No virtual keys: only the master key opens calls. */
    KeyDirectory NONE = new KeyDirectory() {
        @Override
        public Caller caller(byte[] sha256, Instant now) {
            return null;
        }

        @Override
        public boolean allows(Caller caller, String model) {
            return true;
        }

        @Override
        public java.util.List<Limits> limits(Caller caller) {
            return java.util.List.of();
        }

        @Override
        public java.util.List<Budget> budgets(Caller caller) {
            return java.util.List.of();
        }
    };

    /** The caller whose key has this digest and works at {@code now}, or null (unknown, revoked, expired). */
    Caller caller(byte[] sha256, Instant now);

    /**
     * Whether {@code caller} may call {@code model}: its key's, use case's and team's model lists all allow it (a
     * missing list allows any). Callers without a virtual key (the master key) may call any model.
     */
    boolean allows(Caller caller, String model);

    /**
     * The rate limits a call by {@code caller} counts against: its key's, its use case's and its team's, those that
     * limit anything; empty for the master key.
     */
    java.util.List<Limits> limits(Caller caller);

    /** The money budgets a call by {@code caller} spends from: its key's, its use case's and its team's that exist. */
    java.util.List<Budget> budgets(Caller caller);
}
