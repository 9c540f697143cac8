package dev.sluice.spi.http;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.spi.Attempt;

/**
 * The fast path of an {@link dev.sluice.spi.HttpProvider} for callers that speak its own wire format: the caller's
 * body goes upstream as it is, with only the model renamed, and the upstream's answer comes back as it is, with only
 * the model renamed to the one the caller asked for; usage, stop reason and id are read from it without building a
 * tree. Used when no interceptor needed the request decoded, for whole answers and, where the format has a
 * {@link #stream streamed fast path}, for streams: each wire event then reaches the caller as the upstream wrote it
 * (the model renamed), as {@link dev.sluice.api.chat.ChatEvent.Passed} events. Thread-safe.
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

    /**
     * Like {@link #answer(UpstreamResponse, String)}; when {@code texts}, with the texts a guardrail checks read in the
     * same pass ({@link PassedAnswer#texts}), as the caller's codec reads them
     * ({@link dev.sluice.api.wire.ChatWireCodec#answerTexts}): one parse of the answer instead of two. The default
     * reads none (the guardrail then reads them from the body).
     */
    default PassedAnswer answer(UpstreamResponse response, String publicModel, boolean texts) {
        return answer(response, publicModel);
    }

    /**
     * The canonical form of an answer this fast path passed ({@link #answer}), for an interceptor that must rewrite
     * it after all (a guardrail that blocks or masks it); read as the translated path reads the upstream's answer.
     *
     * @param publicModel the model name the caller used
     * @throws dev.sluice.api.error.GatewayException {@code UPSTREAM_ERROR} when the answer cannot be read
     */
    ChatResponse decode(PassedAnswer answer, String publicModel);

    /**
     * The streamed fast path for this caller's {@code body}, or null when this request must be translated (the
     * default: the format has no streamed fast path, or this body asks for something it cannot pass, such as stream
     * options the gateway would have to change).
     */
    default StreamPass stream(byte[] body, RequestPeek peek) {
        return null;
    }

    /** One streamed call on the fast path. Confined to the call's thread. */
    interface StreamPass {

        /**
         * The upstream request: the caller's body with the model renamed, asking for a streamed answer, and for the
         * usage report the ledger needs even when the caller did not ask for it.
         */
        UpstreamRequest request(String upstreamModel, Attempt attempt);

        /**
         * A decoder for the body of a 2xx answer: each whole wire event goes to {@code sink} as a
         * {@link dev.sluice.api.chat.ChatEvent.Passed} with the model renamed to {@code publicModel}, as soon as it is
         * read. An in-stream error, and a malformed or cut stream, throw as the translated decoder would, and their
         * bytes are not passed. An answer that is not in the caller's format (a server that answered a stream request
         * whole) may go to {@code sink} as canonical events instead.
         */
        StreamDecoder decoder(UpstreamResponse head, String publicModel, ChatEventSink sink);
    }
}
