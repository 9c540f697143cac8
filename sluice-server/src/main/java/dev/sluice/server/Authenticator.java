package dev.sluice.server;

import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.Caller;
import dev.sluice.server.sigv4.SigV4Verifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * Checks the caller's key, taken from {@code Authorization: Bearer} (OpenAI, Bedrock API keys) or {@code x-api-key}
 * (Anthropic): the master key, or a virtual key of the {@link KeyDirectory}. Keys are compared as SHA-256 digests (the
 * master key's in constant time; virtual keys by a look-up of the digest in memory, so no database is asked and an
 * unknown key costs what a known one does); the key itself is never kept or logged. A request signed with AWS SigV4
 * ({@code Authorization: AWS4-HMAC-SHA256 ...}) by a virtual key's key pair is checked by {@link SigV4Verifier}
 * instead; the master key has no key pair. Thread-safe.
 */
public final class Authenticator {

    private final MessageDigest prototype;
    private final byte[] masterDigest;
    private final KeyDirectory keys;
    private final SigV4Verifier sigV4;

    /** Only the master key opens anything. */
    public Authenticator(String masterKey) {
        this(masterKey, KeyDirectory.NONE);
    }

    /** The master key (administration and calls) and the directory's virtual keys (calls). */
    public Authenticator(String masterKey, KeyDirectory keys) {
        this.keys = keys;
        this.sigV4 = new SigV4Verifier(keys);
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
        if (SigV4Verifier.isSigV4(authorization)) {
            return sigV4.verify(new SigV4Verifier.SignedRequest(request.method(), request.path(), request.rawQuery(),
                    request.headers(), request.body()), Instant.now());
        }
        String key = authorization != null ? bearer(authorization) : request.header("x-api-key");
        if (key == null || key.isBlank()) {
            throw new GatewayException(new GatewayError(ErrorType.AUTHENTICATION, 401,
                    "Missing API key: send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'.", null, null,
                    null));
        }
        byte[] digest = sha256(key);
        if (MessageDigest.isEqual(masterDigest, digest)) {
            return Caller.MASTER;
        }
        Caller caller = keys.caller(digest, Instant.now());
        if (caller == null) {
            throw new GatewayException(new GatewayError(ErrorType.AUTHENTICATION, 401, "Invalid API key.", null,
                    null, null));
        }
        return caller;
    }

    /** True when the request carries the master key (admin routes). */
    public boolean isMaster(ServerRequest request) {
        return callerOrNull(request) == Caller.MASTER;
    }

    /** The caller ({@link Caller#MASTER} for the master key), or null when the request opens nothing. */
    public Caller callerOrNull(ServerRequest request) {
        try {
            return authenticate(request);
        } catch (GatewayException e) {
            return null;
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
