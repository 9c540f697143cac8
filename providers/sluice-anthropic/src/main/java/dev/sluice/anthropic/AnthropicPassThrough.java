package dev.sluice.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.json.JsonSplice;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Anthropic callers to an Anthropic upstream, for whole answers: the caller's Messages body goes up with its
 * {@code model} renamed to the upstream's, with the headers {@link AnthropicProvider#chatRequest} sends, and the
 * message comes back with its top-level {@code model} renamed to the one the caller asked for, as the canonical
 * encoder names it. Id, stop reason and usage are read with the streaming parser; every other field (thinking blocks,
 * citations, {@code stop_sequence}, {@code container}, ...) passes as the upstream wrote it. Stateless.
 */
record AnthropicPassThrough(AnthropicProvider provider, String providerId) implements PassThrough {

    @Override
    public UpstreamRequest request(byte[] body, RequestPeek peek, String upstreamModel, Attempt attempt) {
        return provider.messagesPost(peek.withModel(body, upstreamModel), false, attempt);
    }

    /** {@inheritDoc} An answer that is not an object with a {@code content} array is not a message. */
    @Override
    public PassedAnswer answer(UpstreamResponse response, String publicModel) {
        byte[] body = response.body();
        Scan scan = new Scan();
        if (!JsonMembers.tryWalk(body, scan::member) || !scan.content) {
            throw AnthropicResponseCodec.broken(providerId, "answered with something that is not a message");
        }
        return new PassedAnswer(JsonSplice.replaceWithString(body, scan.model, publicModel), "application/json",
                Map.of(), UsageJson.read(scan.usage), StopReasons.fromWire(scan.stopReason),
                scan.id == null ? "" : scan.id);
    }

    /** What is read of a message. */
    private static final class Scan {
        String id;
        JsonMembers.StringToken model;
        String stopReason;
        boolean content;
        JsonNode usage;

        void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "id" -> id = JsonMembers.text(p);
                case "model" -> model = JsonMembers.string(p);
                case "content" -> content = p.currentToken() == JsonToken.START_ARRAY;
                case "stop_reason" -> stopReason = JsonMembers.text(p);
                case "usage" -> usage = JsonMembers.object(p);
                default -> { }
            }
        }
    }
}
