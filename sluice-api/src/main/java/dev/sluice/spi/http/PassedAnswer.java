package dev.sluice.spi.http;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.wire.WireText;
import java.util.List;
import java.util.Map;

/**
 * An upstream's whole answer passed through to a caller of the same wire format, with what the gateway records of it.
 *
 * @param body the bytes to send the caller
 * @param headers headers of the answer to keep (e.g. Bedrock's {@code x-amzn-RequestId}); never credentials
 * @param texts the texts a guardrail checks in it ({@link dev.sluice.api.wire.ChatWireCodec#answerTexts}), read in
 *     the same pass as its usage when the call asked for them ({@link PassThrough#answer(UpstreamResponse, String,
 *     boolean)}); null when not read (not asked, or not readable on the wire: then read them from the body)
 */
public record PassedAnswer(byte[] body, String contentType, Map<String, String> headers, Usage usage,
                           StopReason stopReason, String id, List<WireText> texts) {
    public PassedAnswer {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        usage = usage == null ? Usage.EMPTY : usage;
        texts = texts == null ? null : List.copyOf(texts);
    }

    /** An answer whose texts were not read. */
    public PassedAnswer(byte[] body, String contentType, Map<String, String> headers, Usage usage,
                        StopReason stopReason, String id) {
        this(body, contentType, headers, usage, stopReason, id, null);
    }
}
