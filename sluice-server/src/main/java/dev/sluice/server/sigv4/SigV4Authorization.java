package dev.sluice.server.sigv4;

import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Authorization} header of a SigV4 request, read: {@code AWS4-HMAC-SHA256 Credential=<access key
 * id>/<yyyyMMdd>/<region>/<service>/aws4_request, SignedHeaders=<a;b;c>, Signature=<64 hex digits>}.
 *
 * @param signedHeaders the {@code SignedHeaders} list as sent (lower case, sorted, by the SDKs' rule)
 * @param signature the 32 bytes the hex digits stand for
 */
record SigV4Authorization(String accessKeyId, String date, String region, String service, String signedHeaders,
                          byte[] signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String TERMINATOR = "aws4_request";
    private static final Pattern DATE = Pattern.compile("\\d{8}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");

    /** Whether {@code header} claims to be a SigV4 signature (it may still be malformed). */
    static boolean claims(String header) {
        return header != null && header.startsWith(ALGORITHM) && (header.length() == ALGORITHM.length()
                || Character.isWhitespace(header.charAt(ALGORITHM.length())));
    }

    /** The header read, or a {@link Malformed} saying what is missing or wrong. */
    static SigV4Authorization parse(String header) {
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : header.substring(ALGORITHM.length()).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = p.substring(eq + 1).trim();
            switch (p.substring(0, eq).trim()) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> { }
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw new Malformed("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'"
                    + " parameters.");
        }
        String[] c = credential.split("/", -1);
        if (c.length != 5 || c[0].isEmpty() || !DATE.matcher(c[1]).matches() || c[2].isEmpty() || c[3].isEmpty()
                || !c[4].equals(TERMINATOR)) {
            throw new Malformed("Credential should be scoped to a valid region, service and date: "
                    + "<access key id>/<yyyyMMdd>/<region>/<service>/aws4_request.");
        }
        if (signedHeaders.isEmpty() || !SIGNATURE.matcher(signature).matches()) {
            throw new Malformed("SignedHeaders must name headers and Signature must be 64 lower-case hex digits.");
        }
        return new SigV4Authorization(c[0], c[1], c[2], c[3], signedHeaders, HexFormat.of().parseHex(signature));
    }

    List<String> signedHeaderNames() {
        return List.of(signedHeaders.split(";", -1));
    }

    /** {@code date/region/service/aws4_request}. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    /** An {@code Authorization} header that does not follow SigV4's form (AWS's IncompleteSignature). */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
