package dev.sluice.server.sigv4;

import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.Caller;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request signed with AWS Signature Version 4 (header form) against the key pairs of a {@link KeyDirectory},
 * as AWS checks it: the canonical request rebuilt from what arrived, the string to sign, the signing key derived from
 * the secret for the credential's date, region and service, and the signatures compared in constant time. {@code host}
 * and {@code x-amz-date} must be signed; the time may be at most {@link #MAX_SKEW} from the server's; the payload is
 * always hashed and checked (an {@code x-amz-content-sha256} must match the body; unsigned and chunked payloads are
 * refused). Any region and service name is accepted: the signature covers them. A signature can be replayed within the
 * skew window, as AWS allows for header-signed requests; TLS keeps it from being seen.
 *
 * <p>Failures are {@link GatewayException}s: an unknown, revoked or expired access key id, or a session token, is an
 * {@link ErrorType#AUTHENTICATION} ("The security token included in the request is invalid.", AWS's
 * UnrecognizedClientException); everything else about the signature is {@link ErrorType#SIGNATURE_INVALID} (AWS's
 * InvalidSignatureException). No message holds a secret. Cost: a SHA-256 of the body and of the canonical request and
 * one HMAC; the four HMACs that derive a signing key are cached per access key id and scope. No database is asked.
 * Thread-safe.
 */
public final class SigV4Verifier {

    /** How far a request's {@code x-amz-date} may be from the server's clock, either way (AWS's rule). */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final String UNKNOWN_KEY = "The security token included in the request is invalid.";
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final int MAX_CACHED_KEYS = 10_000;
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    });

    private final KeyDirectory keys;
    private final Map<String, SigningKey> signingKeys = new ConcurrentHashMap<>();

    /** A request as it arrived: the path and query still percent-encoded, the body whole. */
    public record SignedRequest(String method, String rawPath, String rawQuery, HttpHeaders headers, byte[] body) { }

    /** A derived signing key, valid for one secret (by identity) and one scope. */
    private record SigningKey(byte[] aws4Secret, String scope, SecretKeySpec key) { }

    public SigV4Verifier(KeyDirectory keys) {
        this.keys = keys;
    }

    /** Whether an {@code Authorization} header is a SigV4 signature (which {@link #verify} then judges). */
    public static boolean isSigV4(String authorization) {
        return SigV4Authorization.claims(authorization);
    }

    /** The caller whose key pair signed {@code request}, or a {@link GatewayException} saying why not. */
    public Caller verify(SignedRequest request, Instant now) {
        try {
            return check(request, now);
        } catch (SigV4Authorization.Malformed e) {
            throw invalid(e.getMessage());
        }
    }

    private Caller check(SignedRequest r, Instant now) {
        SigV4Authorization auth = SigV4Authorization.parse(r.headers().get("authorization"));
        if (r.headers().contains("x-amz-security-token")) {
            throw unknown(UNKNOWN_KEY + " Sluice key pairs are long-term credentials: send no session token.");
        }
        List<String> signed = auth.signedHeaderNames();
        if (!signed.contains("host") || !signed.contains("x-amz-date")) {
            throw invalid("The headers 'host' and 'x-amz-date' must be signed.");
        }
        String amzDate = r.headers().get("x-amz-date");
        Instant signedAt = parseDate(amzDate);
        if (!amzDate.startsWith(auth.date())) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + auth.date() + "' != '" + amzDate.substring(0, 8) + "'.");
        }
        KeyDirectory.SigningSecret secret = keys.signingSecret(auth.accessKeyId(), now);
        if (secret == null) {
            throw unknown(UNKNOWN_KEY);
        }
        checkSkew(amzDate, signedAt, now);
        String canonical = CanonicalRequest.of(r.method(), r.rawPath(), r.rawQuery(), r.headers(), signed,
                auth.signedHeaders(), payloadHash(r));
        String toSign = SigV4Authorization.ALGORITHM + '\n' + amzDate + '\n' + auth.scope() + '\n'
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = hmac(signingKey(auth, secret.aws4Secret()), toSign);
        if (!MessageDigest.isEqual(expected, auth.signature())) {
            throw invalid(MISMATCH);
        }
        return secret.caller();
    }

    private static Instant parseDate(String amzDate) {
        if (amzDate == null) {
            throw invalid("The header 'x-amz-date' is signed but not sent.");
        }
        // read by hand: parsing with a DateTimeFormatter took as long as all the rest of the check (~2 us)
        if (amzDate.length() != 16 || amzDate.charAt(8) != 'T' || amzDate.charAt(15) != 'Z') {
            throw invalid("The header 'x-amz-date' must be a time such as 20150830T123600Z.");
        }
        try {
            return LocalDateTime.of(digits(amzDate, 0, 4), digits(amzDate, 4, 6), digits(amzDate, 6, 8),
                    digits(amzDate, 9, 11), digits(amzDate, 11, 13), digits(amzDate, 13, 15)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException e) {
            throw invalid("The header 'x-amz-date' must be a time such as 20150830T123600Z.");
        }
    }

    private static int digits(String s, int from, int to) {
        return Integer.parseUnsignedInt(s, from, to, 10);
    }

    /** AWS's wording: expired when too old, not yet current when too far ahead. */
    private static void checkSkew(String amzDate, Instant signedAt, Instant now) {
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw invalid("Signature expired: " + amzDate + " is now earlier than " + format(now.minus(MAX_SKEW))
                    + " (" + format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature not yet current: " + amzDate + " is still later than "
                    + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 15 min.)");
        }
    }

    /** The body's SHA-256 in hex; an {@code x-amz-content-sha256} that says otherwise is refused. */
    private static String payloadHash(SignedRequest r) {
        String actual = hex(sha256(r.body()));
        String claimed = r.headers().get("x-amz-content-sha256");
        if (claimed == null || claimed.equals(actual)) {
            return actual;
        }
        if (claimed.equals("UNSIGNED-PAYLOAD") || claimed.startsWith("STREAMING-")) {
            throw invalid("Sluice accepts signed payloads only: send no 'x-amz-content-sha256: " + claimed + "'.");
        }
        throw invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"), cached. */
    private SecretKeySpec signingKey(SigV4Authorization auth, byte[] aws4Secret) {
        String scope = auth.scope();
        SigningKey cached = signingKeys.get(auth.accessKeyId());
        if (cached != null && cached.aws4Secret() == aws4Secret && cached.scope().equals(scope)) {
            return cached.key();
        }
        byte[] k = hmac(new SecretKeySpec(aws4Secret, "HmacSHA256"), auth.date());
        k = hmac(new SecretKeySpec(k, "HmacSHA256"), auth.region());
        k = hmac(new SecretKeySpec(k, "HmacSHA256"), auth.service());
        SecretKeySpec key = new SecretKeySpec(hmac(new SecretKeySpec(k, "HmacSHA256"), "aws4_request"), "HmacSHA256");
        if (signingKeys.size() >= MAX_CACHED_KEYS) {
            signingKeys.clear(); // a bound on pairs that came and went; the live ones come back at their next call
        }
        signingKeys.put(auth.accessKeyId(), new SigningKey(aws4Secret, scope, key));
        return key;
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        Mac mac = HMAC.get();
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HMAC key of any length is valid", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String format(Instant t) {
        return AMZ_DATE.format(t.atOffset(ZoneOffset.UTC));
    }

    private static GatewayException unknown(String message) {
        return new GatewayException(new GatewayError(ErrorType.AUTHENTICATION, 401, message, null, null, null));
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(new GatewayError(ErrorType.SIGNATURE_INVALID, 401, message, null, null, null));
    }
}
