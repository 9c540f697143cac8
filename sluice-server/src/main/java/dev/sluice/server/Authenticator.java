package dev.sluice.server;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the caller's key, taken from {@code Authorization: Bearer} (OpenAI, Bedrock API keys) or {@code x-api-key}
 * (Anthropic). Until virtual keys exist the only key is the master key. Keys are compared as SHA-256 digests in
 * constant time; the key itself is never kept or logged. Thread-safe.
 */
public final class Authenticator {

    private final MessageDigest prototype;
    private final byte[] masterDigest;

    public Authenticator(String masterKey) {
        try {
            this.prototype = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
        this.masterDigest = sha256(masterKey);
    }

    /** The caller, or an AUTHENTICATION error in canonical form. */
    public Caller authenticate(ServerRequest request) {
        String authorization = request.header("authorization");
        String key = authorization != null ? bearer(authorization) : request.header("x-api-key");
        if (key == null || key.isBlank()) {
            throw new GatewayException(new GatewayError(ErrorType.AUTHENTICATION, 401,
                    "Missing API key: send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'.", null, null,
                    null));
        }
        if (!MessageDigest.isEqual(masterDigest, sha256(key))) {
            throw new GatewayException(new GatewayError(ErrorType.AUTHENTICATION, 401, "Invalid API key.", null,
                    null, null));
        }
        return Caller.MASTER;
    }

    /** True when the request carries the master key (admin routes). */
    public boolean isMaster(ServerRequest request) {
        try {
            authenticate(request);
            return true;
        } catch (GatewayException e) {
            return false;
        }
    }

    private static String bearer(String header) {
        String h = header.trim();
        return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : h;
    }

    /** A clone of a prototype digest: cheaper than a provider look-up on every request. */
    private byte[] sha256(String s) {
        try {
            return ((MessageDigest) prototype.clone()).digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }
}
