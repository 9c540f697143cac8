package dev.sluice.openai;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamErrors;
import dev.sluice.spi.http.UpstreamResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The body of a whole {@code chat.completion}, sent by a server that answered a streamed request in one piece: it is
 * gathered (up to {@link UpstreamResponse#MAX_BODY_BYTES}) and played as stream events when the body ends. One
 * instance per answer; not thread-safe.
 */
final class ResponseReplay implements StreamDecoder {

    private final ChatEventSink sink;
    private final String providerId;
    private byte[] body = new byte[8192];
    private int length;

    ResponseReplay(ChatEventSink sink, String providerId) {
        this.sink = sink;
        this.providerId = providerId;
    }

    /** {@inheritDoc} Emits nothing yet: a JSON answer can only be read whole. */
    @Override
    public void decode(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (n > UpstreamResponse.MAX_BODY_BYTES - length) {
            throw UpstreamErrors.tooLarge(providerId);
        }
        if (length + n > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(UpstreamResponse.MAX_BODY_BYTES,
                    Math.max(length + n, 2L * body.length)));
        }
        bytes.get(body, length, n);
        length += n;
    }

    /** {@inheritDoc} Reads the answer and emits it as events, in the order a stream would have. */
    @Override
    public void end() {
        emit(OpenAiResponseCodec.decode(Arrays.copyOf(body, length), providerId), sink);
    }

    private static void emit(ChatResponse response, ChatEventSink sink) {
        sink.accept(new ChatEvent.MessageStart(response.id(), response.model()));
        int block = 0;
        for (ContentBlock b : response.content()) {
            if (b instanceof ContentBlock.Text t) {
                sink.accept(new ChatEvent.TextDelta(block++, t.text()));
            } else if (b instanceof ContentBlock.ToolUse u) {
                sink.accept(new ChatEvent.ToolUseStart(block, u.id(), u.name()));
                sink.accept(new ChatEvent.ToolUseDelta(block++, u.argumentsJson()));
            }
        }
        sink.accept(new ChatEvent.MessageStop(response.stopReason(), response.stopSequence()));
        sink.accept(new ChatEvent.UsageReport(response.usage()));
    }
}
