package dev.sluice.bedrock;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent, test-only implementation of AWS Signature Version 4 (header form, non-S3 rules: each path
 * segment is URI-encoded once more), written from the published algorithm, to check the signatures the provider
 * sent. Checked itself against AWS's published example in {@code SigV4VerifierTest}.
 */
final class SigV4Verifier {

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 ...} header. */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {

        static Authorization parse(String header) {
            if (!header.startsWith("AWS4-HMAC-SHA256 ")) {
                throw new IllegalArgumentException("not a SigV4 authorization: " + header);
            }
            Map<String, String> parts = new TreeMap<>();
            for (String p : header.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
                String[] kv = p.trim().split("=", 2);
                parts.put(kv[0], kv[1]);
            }
            String[] scope = parts.get("Credential").split("/");
            return new Authorization(scope[0], scope[1], scope[2], scope[3],
                    List.of(parts.get("SignedHeaders").split(";")), parts.get("Signature"));
        }
    }

    private SigV4Verifier() { }

    /**
     * The signature of a request.
     *
     * @param rawPath the path as sent on the wire (already percent-encoded)
     * @param headerValue the value of a (lowercase) header name as sent
     */
    static String signature(String method, String rawPath, String canonicalQuery, List<String> signedHeaders,
                            Function<String, String> headerValue, byte[] body, String secret, String amzDate,
                            String region, String service, boolean doubleEncodePath) {
        String canonical = canonicalRequest(method, rawPath, canonicalQuery, signedHeaders, headerValue, body,
                doubleEncodePath);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(bytes(canonical)));
        return hex(hmac(signingKey(secret, date, region, service), bytes(toSign)));
    }

    static String canonicalRequest(String method, String rawPath, String canonicalQuery, List<String> signedHeaders,
                                   Function<String, String> headerValue, byte[] body, boolean doubleEncodePath) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append('\n');
        sb.append(doubleEncodePath ? encodeSegments(rawPath) : rawPath).append('\n');
        sb.append(canonicalQuery).append('\n');
        List<String> names = new ArrayList<>(signedHeaders);
        names.sort(String::compareTo);
        for (String name : names) {
            String v = headerValue.apply(name);
            if (v == null) {
                throw new IllegalArgumentException("signed header missing from the request: " + name);
            }
            sb.append(name).append(':').append(v.trim().replaceAll(" +", " ")).append('\n');
        }
        sb.append('\n').append(String.join(";", names)).append('\n');
        sb.append(hex(sha256(body)));
        return sb.toString();
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac(bytes("AWS4" + secret), bytes(date));
        k = hmac(k, bytes(region));
        k = hmac(k, bytes(service));
        return hmac(k, bytes("aws4_request"));
    }

    private static String encodeSegments(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes(path)) {
            int c = b & 0xff;
            boolean unreserved = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
