package dev.sluice.bedrock;

import dev.sluice.spi.http.Endpoint;
import java.util.Map;

/**
 * Authenticates one upstream request by adding headers to it. Implementations are thread-safe.
 */
interface UpstreamAuth extends AutoCloseable {

    /**
     * Adds the authentication headers, with lower-case names, to {@code headers} for a POST of exactly {@code body} to
     * {@code path} on {@code endpoint}. The headers already in the map are sent as they are and, where a signature is
     * made, covered by it. {@code host} is never added: the transport sets it to {@link Endpoint#authority()}, which is
     * the value signed.
     *
     * @throws RuntimeException when no credentials can be found (the message names where it looked, never a secret)
     */
    void apply(Endpoint endpoint, String path, Map<String, String> headers, byte[] body);

    @Override
    default void close() { }

    /** A Bedrock API key, sent as {@code Authorization: Bearer}. */
    record Bearer(String key) implements UpstreamAuth {
        @Override
        public void apply(Endpoint endpoint, String path, Map<String, String> headers, byte[] body) {
            headers.put("authorization", "Bearer " + key);
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }
}
