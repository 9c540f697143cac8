package dev.sluice.api.access;

import dev.sluice.api.event.Caller;
import java.time.Instant;

/**
 * The virtual keys a gateway accepts, looked up by the SHA-256 of the secret a caller presents, or by the AWS access
 * key id of a key pair (SigV4). Implementations keep every key in memory, so a look-up never waits on a database and
 * costs the same for a known and an unknown key. Thread-safe.
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
     * The key pair whose AWS access key id this is, when its key works at {@code now} (and, for the pair a rotation
     * replaced, while its grace lasts); null otherwise. A directory without key pairs answers null.
     */
    default SigningSecret signingSecret(String accessKeyId, Instant now) {
        return null;
    }

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

    /**
     * The guardrail {@code caller}'s key carries, or null (none, the master key, or a directory without keys). Read on
     * the event loop for every call: never blocks. The default knows none.
     */
    default KeyGuardrail guardrail(Caller caller) {
        return null;
    }

    /**
     * Who signs with an access key id, and the secret that SigV4 derives its signing keys from: the UTF-8 bytes of
     * {@code "AWS4" + secret}. The array is shared and must not be changed; it is never logged nor shown.
     */
    record SigningSecret(Caller caller, byte[] aws4Secret) {
        @Override
        public String toString() {
            return "SigningSecret[caller=" + caller + "]";
        }
    }
}
