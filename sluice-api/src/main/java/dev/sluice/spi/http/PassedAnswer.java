package dev.sluice.spi.http;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import java.util.Map;

/**
 * An upstream's whole answer passed through to a caller of the same wire format, with what the gateway records of it.
 *
 * @param body the bytes to send the caller
 * @param headers headers of the answer to keep (e.g. Bedrock's {@code x-amzn-RequestId}); never credentials
 */
public record PassedAnswer(byte[] body, String contentType, Map<String, String> headers, Usage usage,
                           StopReason stopReason, String id) {
    public PassedAnswer {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        usage = usage == null ? Usage.EMPTY : usage;
    }
}
