package dev.sluice.spi.http;

import dev.sluice.api.wire.RequestPeek;
import dev.sluice.spi.Attempt;

/**
 * The fast path of an {@link dev.sluice.spi.HttpProvider} for callers that speak its own wire format: the caller's
 * body goes upstream as it is, with only the model renamed, and the upstream's answer comes back as it is, with only
 * the model renamed to the one the caller asked for; usage, stop reason and id are read from it without building a
 * tree. Used for whole (not streamed) answers when no interceptor needed the request decoded. Thread-safe.
 */
public interface PassThrough {

    /**
     * The upstream request for the caller's {@code body}.
     *
     * @param upstreamModel the deployment's upstream model id, to put in place of the caller's model
     */
    UpstreamRequest request(byte[] body, RequestPeek peek, String upstreamModel, Attempt attempt);

    /**
     * Reads a whole 2xx answer.
     *
     * @param publicModel the model name the caller used, to put in place of the upstream's
     * @throws dev.sluice.api.error.GatewayException {@code UPSTREAM_ERROR} when the answer is not one this format
     *     allows
     */
    PassedAnswer answer(UpstreamResponse response, String publicModel);
}
