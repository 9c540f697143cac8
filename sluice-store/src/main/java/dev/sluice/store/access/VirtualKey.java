package dev.sluice.store.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.access.KeyGuardrail;
import dev.sluice.api.json.Json;
import java.time.Instant;

/**
 * A virtual key as stored: never its secret, only the secret's digest (and, for a grace period after a rotation, the
 * previous secret's) and a prefix to recognise it by.
 *
 * @param prefix the first characters of the secret, shown in lists
 * @param secretSha256 SHA-256 of the secret
 * @param previousSha256 SHA-256 of the secret before the last rotation, or null
 * @param previousValidUntil until when the previous secret (and previous pair) still works, or null
 * @param pair the key's AWS-style key pair (SigV4), or null for a key made before key pairs existed
 * @param previousPair the pair before the last rotation, or null
 * @param teamId the team, or null
 * @param useCaseId the use case (of that team), or null
 * @param environment a free label such as {@code prod}, or null
 * @param expiresAt when the key stops working, or null for never
 * @param revokedAt when it was revoked, or null
 * @param guardrail the guardrail applied to every call made with the key, or null for none
 */
public record VirtualKey(String id, String name, String prefix, byte[] secretSha256, byte[] previousSha256,
                         Instant previousValidUntil, AccessKeyPair pair, AccessKeyPair previousPair, String teamId,
                         String useCaseId, String environment, Grant grant, Instant expiresAt, Instant createdAt,
                         Instant updatedAt, Instant revokedAt, KeyGuardrail guardrail) {

    /** A key without a guardrail of its own. */
    public VirtualKey(String id, String name, String prefix, byte[] secretSha256, byte[] previousSha256,
                      Instant previousValidUntil, AccessKeyPair pair, AccessKeyPair previousPair, String teamId,
                      String useCaseId, String environment, Grant grant, Instant expiresAt, Instant createdAt,
                      Instant updatedAt, Instant revokedAt) {
        this(id, name, prefix, secretSha256, previousSha256, previousValidUntil, pair, previousPair, teamId, useCaseId,
                environment, grant, expiresAt, createdAt, updatedAt, revokedAt, null);
    }

    /** Whether the key opens calls at {@code now}: not revoked, not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The key as the admin API shows it: no digest, no secret; the access key id, which is not secret. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object().put("id", id).put("name", name).put("prefix", prefix)
                .put("aws_access_key_id", pair == null ? null : pair.accessKeyId()).put("team", teamId)
                .put("use_case", useCaseId).put("environment", environment);
        grant.write(out);
        if (guardrail == null) {
            out.putNull("guardrail");
        } else {
            out.putObject("guardrail").put("id", guardrail.id()).put("version", guardrail.version());
        }
        return out.put("expires_at", text(expiresAt)).put("created_at", text(createdAt))
                .put("updated_at", text(updatedAt)).put("revoked_at", text(revokedAt))
                .put("previous_valid_until", text(previousValidUntil));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    @Override
    public String toString() {
        return "VirtualKey[id=" + id + ", name=" + name + ", prefix=" + prefix + "]";
    }
}
