package dev.sluice.api.wire;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.error.GatewayError;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns canonical stream events into one wire format's streamed bytes (SSE for OpenAI and Anthropic, AWS event-stream
 * for Bedrock). A small state machine: one instance per stream, not thread-safe. The caller flushes {@code out} after
 * each call.
 */
public interface StreamEncoder {

    /** Media type of the stream, e.g. {@code text/event-stream}. */
    String contentType();

    void onEvent(ChatEvent event, OutputStream out) throws IOException;

    /**
     * Where to read a trace the caller asked for (Converse's guardrail trace), for formats that carry one in the
     * stream (Bedrock's {@code metadata} event, read when it is written); the supplier gives null while there is
     * none. The default ignores it.
     */
    default void traceFrom(java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> trace) { }

    /** The stream ended normally; writes any closing frames (e.g. {@code data: [DONE]}). */
    void onComplete(OutputStream out) throws IOException;

    /** The stream failed after it started; writes the format's in-stream error frame. */
    void onError(GatewayError error, OutputStream out) throws IOException;
}
