package dev.sluice.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.json.JsonSplice;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.api.wire.WireTextReader;
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
        return scan.passed(body, publicModel, null);
    }

    /**
     * {@inheritDoc} With {@code texts}, one strict walk ({@link WireTextReader}: repeated members refused) reads what
     * {@link #answer(UpstreamResponse, String)} reads and the content blocks' texts as {@link AnthropicAnswerTexts}
     * does; an answer that walk cannot read is read as without texts (the guardrail then reads it in canonical form).
     */
    @Override
    public PassedAnswer answer(UpstreamResponse response, String publicModel, boolean texts) {
        if (texts) {
            byte[] body = response.body();
            Scan scan = new Scan();
            scan.texts = new WireTextReader();
            if (WireTextReader.walk(body, scan::member) && scan.content) {
                return scan.passed(body, publicModel, scan.texts.texts());
            }
        }
        return answer(response, publicModel);
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
        /** The guardrail's texts, when asked for: then the content blocks are read, strictly. */
        WireTextReader texts;

        /** The answer read: its body with the model renamed to {@code publicModel}, and {@code texts} (or null). */
        PassedAnswer passed(byte[] body, String publicModel, java.util.List<dev.sluice.api.wire.WireText> texts) {
            return new PassedAnswer(JsonSplice.replaceWithString(body, model, publicModel), "application/json",
                    Map.of(), UsageJson.read(usage), StopReasons.fromWire(stopReason), id == null ? "" : id, texts);
        }

        void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "id" -> id = JsonMembers.text(p);
                case "model" -> model = JsonMembers.string(p);
                case "content" -> {
                    content = p.currentToken() == JsonToken.START_ARRAY;
                    if (texts != null) {
                        WireTextReader.elements(p, block -> AnthropicAnswerTexts.block(block, texts));
                    }
                }
                case "stop_reason" -> stopReason = JsonMembers.text(p);
                case "usage" -> usage = JsonMembers.object(p);
                default -> { }
            }
        }
    }
}
