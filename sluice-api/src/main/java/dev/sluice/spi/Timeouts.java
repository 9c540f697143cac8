package dev.sluice.spi;

import java.time.Duration;

/**
 * Upstream time limits of one deployment. {@code firstToken} bounds the wait for the first streamed content (for a
 * non-streamed call, for the response headers); {@code total} bounds the whole attempt.
 */
public record Timeouts(Duration connect, Duration firstToken, Duration total) {
    public static final Timeouts DEFAULT =
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(600));
}
