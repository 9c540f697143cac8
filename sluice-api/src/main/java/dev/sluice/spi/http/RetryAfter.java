package dev.sluice.spi.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads the retry hints that upstreams send with 429 and 503 answers. */
public final class RetryAfter {

    private RetryAfter() { }

    /**
     * The wait asked for by {@code retry-after-ms} or {@code retry-after} (seconds or an HTTP date), or null when
     * neither is present or readable.
     */
    public static Duration from(HttpHeaders headers) {
        var ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(ms.get().trim()));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        return headers.firstValue("retry-after").map(RetryAfter::parse).orElse(null);
    }

    public static Duration parse(String value) {
        String v = value.trim();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    /** Whole seconds, rounded up, as a {@code retry-after} header value. */
    public static String headerValue(Duration d) {
        long ms = d.toMillis();
        return Long.toString(Math.max(0, (ms + 999) / 1000));
    }
}
