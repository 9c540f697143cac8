package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.spi.http.PassedAnswer;
import java.util.function.Function;

/**
 * A whole answer: canonical ({@link #response}), or passed through from an upstream of the caller's own wire format
 * ({@link #passed}), with what the gateway records of it either way.
 */
public final class ChatResult {

    private final ChatResponse response;
    private final PassedAnswer passed;
    private final Function<PassedAnswer, ChatResponse> decoder;

    private ChatResult(ChatResponse response, PassedAnswer passed, Function<PassedAnswer, ChatResponse> decoder) {
        this.response = response;
        this.passed = passed;
        this.decoder = decoder;
    }

    public static ChatResult of(ChatResponse response) {
        return new ChatResult(response, null, null);
    }

    /** A passed answer that has no canonical form ({@link #canonical} throws). */
    public static ChatResult passed(PassedAnswer answer) {
        return new ChatResult(null, answer, null);
    }

    /** A passed answer, with the fast path's reading of it in canonical form ({@link #canonical}). */
    public static ChatResult passed(PassedAnswer answer, Function<PassedAnswer, ChatResponse> decoder) {
        return new ChatResult(null, answer, decoder);
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

    /**
     * The answer in canonical form: the canonical answer, or the passed one read into it, for an interceptor that let
     * the answer take the fast path and must rewrite it after all (a guardrail that blocks or masks it). Read anew
     * on each call.
     *
     * @throws IllegalStateException for a passed answer that has no canonical form
     * @throws dev.sluice.api.error.GatewayException {@code UPSTREAM_ERROR} when the passed answer cannot be read
     */
    public ChatResponse canonical() {
        if (response != null) {
            return response;
        }
        if (decoder == null) {
            throw new IllegalStateException("this passed answer has no canonical form");
        }
        return decoder.apply(passed);
    }

    public Usage usage() { return response != null ? response.usage() : passed.usage(); }

    public StopReason stopReason() { return response != null ? response.stopReason() : passed.stopReason(); }

    public String id() { return response != null ? response.id() : passed.id(); }
}
