package dev.sluice.server.sigv4;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SigV4's canonical request, rebuilt from a request as it arrived: method, canonical URI, canonical query, the signed
 * headers and the payload's hash, one per line. Stateless.
 *
 * <p>The canonical URI is the path as sent, URI-encoded once more: AWS SDKs send a path whose segments they encoded
 * once (a Bedrock model id's {@code :} as {@code %3A}) and sign it encoded twice ({@code %253A}) for every service but
 * S3, which Sluice does not serve. Dot segments are not removed: Sluice routes the path as sent, so it checks the
 * path as sent.
 */
final class CanonicalRequest {

    private CanonicalRequest() { }

    /** The canonical request, or a {@link SigV4Authorization.Malformed} when a signed header is absent. */
    static String of(String method, String rawPath, String rawQuery, HttpHeaders headers, List<String> signedHeaders,
                     String signedHeaderList, String payloadHash) {
        StringBuilder out = new StringBuilder(256).append(method).append('\n')
                .append(canonicalUri(rawPath)).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            List<String> values = headers.getAll(name);
            if (values.isEmpty()) {
                throw new SigV4Authorization.Malformed("The header '" + name + "' is signed but not sent.");
            }
            out.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                out.append(i == 0 ? "" : ",").append(trimAll(values.get(i)));
            }
            out.append('\n');
        }
        return out.append('\n').append(signedHeaderList).append('\n').append(payloadHash).toString();
    }

    static String canonicalUri(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : encode(rawPath, true);
    }

    /** Each {@code name=value} decoded, encoded as SigV4 encodes, sorted by name then value, joined by {@code &}. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            params.add(new String[] {encode(decode(name), false), encode(decode(value), false)});
        }
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : params) {
            out.append(out.isEmpty() ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** A header value with its ends trimmed and each run of spaces inside made one. */
    static String trimAll(String value) {
        String v = value.strip();
        StringBuilder out = new StringBuilder(v.length());
        boolean space = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ') {
                if (!space) {
                    out.append(c);
                }
                space = true;
            } else {
                out.append(c);
                space = false;
            }
        }
        return out.toString();
    }

    /** RFC 3986 encoding of UTF-8 bytes: unreserved characters as they are, the rest {@code %XX} in upper case. */
    static String encode(String s, boolean keepSlash) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || keepSlash && c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** {@code %XX} escapes decoded as UTF-8 bytes; anything else (a {@code +}, a stray {@code %}) kept as it is. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi = i + 2 < bytes.length && bytes[i] == '%' ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(bytes[i + 2], 16);
            if (lo >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
