package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.spi.http.PassedAnswer;

/**
 * A whole answer: canonical ({@link #response}), or passed through from an upstream of the caller's own wire format
 * ({@link #passed}), with what the gateway records of it either way.
 */
public final class ChatResult {

    private final ChatResponse response;
    private final PassedAnswer passed;

    private ChatResult(ChatResponse response, PassedAnswer passed) {
        this.response = response;
        this.passed = passed;
    }

    public static ChatResult of(ChatResponse response) {
        return new ChatResult(response, null);
    }

    public static ChatResult passed(PassedAnswer answer) {
        return new ChatResult(null, answer);
    }

    /** The upstream's answer to send as it is, or null when the answer is canonical. */
    public PassedAnswer passed() { return passed; }

    /**
     * The canonical answer.
     *
     * @throws IllegalStateException for a passed-through answer: an interceptor that needs the canonical answer must
     *     decode the request on the way in ({@link ChatInput#request}), which turns the fast path off
     */
    public ChatResponse response() {
        if (response == null) {
            throw new IllegalStateException("the answer was passed through; decode the request to get it in canonical"
                    + " form");
        }
        return response;
    }

    public Usage usage() { return response != null ? response.usage() : passed.usage(); }

    public StopReason stopReason() { return response != null ? response.stopReason() : passed.stopReason(); }

    public String id() { return response != null ? response.id() : passed.id(); }
}
