package dev.sluice.api.event;

/**
 * Who made a call. Ids are null where unknown (before virtual keys, every caller is the master key).
 */
public record Caller(String keyId, String teamId, String useCaseId, String environment) {
    public static final Caller MASTER = new Caller("master", null, null, null);
}
