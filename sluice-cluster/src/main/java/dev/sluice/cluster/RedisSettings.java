package dev.sluice.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The {@code redis:} section: where the cluster's shared counters live.
 *
 * @param url {@code redis://[user:password@]host[:port][/db]} (or {@code rediss://} for TLS)
 * @param timeoutMs how long a call waits for Redis before this node counts on its own (default 250)
 * @param keyPrefix the prefix of every key Sluice writes (default {@code sluice:}), so clusters can share a Redis
 */
public record RedisSettings(String url, Long timeoutMs, String keyPrefix) {

    /** The section's settings, or null when there is no {@code redis:} section (one node, counting on its own). */
    public static RedisSettings from(JsonNode section) {
        RedisSettings s = ConfigBinder.bind(section, RedisSettings.class, "redis");
        if (s == null) {
            return null;
        }
        ConfigBinder.required(s.url(), "redis.url");
        try {
            URI uri = new URI(s.url().strip());
            if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException("redis.url", "must be a redis:// or rediss:// URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException("redis.url", "is not a URL: " + e.getReason());
        }
        long timeout = ConfigBinder.range(s.timeoutMs(), 250, 1, 10_000, "redis.timeout_ms");
        String prefix = s.keyPrefix() == null ? "sluice:" : s.keyPrefix();
        return new RedisSettings(s.url().strip(), timeout, prefix);
    }

    public Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }
}
