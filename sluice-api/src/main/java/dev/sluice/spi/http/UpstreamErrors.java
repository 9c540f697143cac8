package dev.sluice.spi.http;

import dev.sluice.api.error.ErrorType;

/**
 * The one wording of upstream failures, shared by every provider's error mapper: which provider, what it said (cut
 * to {@value #MAX_MESSAGE} characters), and never what it said about credentials, since an upstream may echo part of
 * the key it was sent.
 */
public final class UpstreamErrors {

    /** The most of an upstream's own message that is passed on. */
    public static final int MAX_MESSAGE = 500;

    private UpstreamErrors() { }

    /**
     * The message for a caller.
     *
     * @param status the upstream's HTTP status, or 0 for an error reported inside a stream
     * @param code the upstream's own error name (e.g. Bedrock's {@code ThrottlingException}), or null
     * @param upstream the upstream's own message, or null
     */
    public static String message(ErrorType type, int status, String code, String upstream, String providerId) {
        String who = "provider '" + providerId + "'";
        String answered = status == 0 ? "" : "HTTP " + status;
        String what = code == null ? answered : answered.isEmpty() ? code : answered + ", " + code;
        if (type == ErrorType.AUTHENTICATION || type == ErrorType.PERMISSION_DENIED && looksLikeCredentials(upstream)) {
            return who + " rejected the configured credentials" + (what.isEmpty() ? "" : " (" + what + ")");
        }
        if (upstream == null || upstream.isBlank()) {
            return who + " failed" + (what.isEmpty() ? "" : " (" + what + ")");
        }
        String m = upstream.strip();
        m = m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
        return who + (code == null ? "" : " (" + code + ")") + ": " + m;
    }

    /** A whole answer over {@link UpstreamResponse#MAX_BODY_BYTES}: an upstream error, never read further. */
    public static dev.sluice.api.error.GatewayException tooLarge(String providerId) {
        return new dev.sluice.api.error.GatewayException(new dev.sluice.api.error.GatewayError(
                ErrorType.UPSTREAM_ERROR, 502, "provider '" + providerId + "' sent an answer larger than "
                + UpstreamResponse.MAX_BODY_BYTES + " bytes", providerId, null, null));
    }

    private static boolean looksLikeCredentials(String upstream) {
        if (upstream == null) {
            return false;
        }
        String u = upstream.toLowerCase(java.util.Locale.ROOT);
        return u.contains("key") || u.contains("token") || u.contains("credential") || u.contains("signature");
    }
}
