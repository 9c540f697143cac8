package dev.sluice.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.json.JsonSplice;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.PassedEvents;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.SseStream;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Anthropic callers to an Anthropic upstream. Streams pass event by event: each server-sent event reaches the caller as
 * the upstream wrote it (thinking blocks, signatures, citations and pings included), with {@code message_start}'s
 * {@code message.model} renamed to the caller's; the canonical decoder reads each event first, for what the ledger
 * records, and so that an {@code error} event or a malformed stream fails as a translated one would. Whole answers: the
 * caller's Messages body goes up with its {@code model} renamed to the upstream's, with the headers {@link
 * AnthropicProvider#chatRequest} sends, and the message comes back with its top-level {@code model} renamed to the one
 * the caller asked for, as the canonical encoder names it. Id, stop reason and usage are read with the streaming
 * parser; every other field (thinking blocks, citations, {@code stop_sequence}, {@code container}, ...) passes as the
 * upstream wrote it. Stateless.
 */
record AnthropicPassThrough(AnthropicProvider provider, String providerId) implements PassThrough {

    @Override
    public UpstreamRequest request(byte[] body, RequestPeek peek, String upstreamModel, Attempt attempt) {
        return provider.messagesPost(peek.withModel(body, upstreamModel), false, attempt);
    }

    @Override
    public StreamPass stream(byte[] body, RequestPeek peek) {
        if (!peek.modelInBody()) {
            return null;
        }
        return new StreamPass() {
            @Override
            public UpstreamRequest request(String upstreamModel, Attempt attempt) {
                return provider.messagesPost(peek.withModel(body, upstreamModel), true, attempt);
            }

            @Override
            public StreamDecoder decoder(UpstreamResponse head, String publicModel, ChatEventSink sink) {
                PassedEvents passed = new PassedEvents(sink);
                AnthropicStreamDecoder events = new AnthropicStreamDecoder(passed, providerId);
                return new SseStream(event -> {
                    boolean more = events.accept(event); // throws for an error event, which is then not passed
                    passed.pass(wire(event, publicModel));
                    return more;
                }, events::finish, providerId);
            }
        };
    }

    /** One event as the caller gets it: as it came, but for the model in {@code message_start}. */
    private static byte[] wire(SseEvent event, String publicModel) {
        String data = event.data();
        if (event.event() == null || event.event().equals("message_start")) {
            byte[] json = data.getBytes(StandardCharsets.UTF_8);
            JsonMembers.StringToken[] model = new JsonMembers.StringToken[1];
            JsonMembers.tryWalk(json, (name, p) -> {
                if (name.equals("message")) {
                    JsonMembers.each(p, (n, v) -> {
                        if (n.equals("model")) {
                            model[0] = JsonMembers.string(v);
                        }
                    });
                }
            });
            if (model[0] != null) {
                data = new String(JsonSplice.replaceWithString(json, model[0], publicModel), StandardCharsets.UTF_8);
            }
        }
        StringBuilder out = new StringBuilder(data.length() + 32);
        if (event.event() != null) {
            out.append("event: ").append(event.event()).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
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

    /** {@inheritDoc} Stamped with the time of decoding, as a translated answer is (Anthropic sends no time). */
    @Override
    public ChatResponse decode(PassedAnswer answer, String publicModel) {
        return AnthropicResponseCodec.decode(answer.body(), providerId, System.currentTimeMillis() / 1000);
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
