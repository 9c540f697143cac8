package dev.sluice.api.access;

/**
 * The rate limits of one scope (a key, a use case, a team): each 0 when not limited.
 *
 * @param scope what is limited, e.g. {@code key:key_3f9a...}, {@code team:team_...}: the same scope anywhere shares one
 *     limit
 * @param rpm requests per minute
 * @param tpm tokens per minute (input and output), estimated before a call and settled after it
 * @param maxConcurrent calls at once
 */
public record Limits(String scope, long rpm, long tpm, long maxConcurrent) {

    /** True when nothing is limited. */
    public boolean none() {
        return rpm <= 0 && tpm <= 0 && maxConcurrent <= 0;
    }
}
