package dev.sluice.bedrock;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * Authenticates one upstream request. Implementations are thread-safe.
 */
interface UpstreamAuth extends AutoCloseable {

    /**
     * Adds the authentication headers for a POST of exactly {@code body} to {@code uri}, whose other headers are
     * {@code headers} (already on {@code builder}; they are covered by the signature where one is made).
     */
    void apply(URI uri, Map<String, String> headers, byte[] body, HttpRequest.Builder builder);

    @Override
    default void close() { }

    /** A Bedrock API key, sent as {@code Authorization: Bearer}. */
    record Bearer(String key) implements UpstreamAuth {
        @Override
        public void apply(URI uri, Map<String, String> headers, byte[] body, HttpRequest.Builder builder) {
            builder.header("authorization", "Bearer " + key);
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }
}
