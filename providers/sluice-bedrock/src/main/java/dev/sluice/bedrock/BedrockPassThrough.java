package dev.sluice.bedrock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.api.wire.WireTextReader;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.PassedEvents;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Bedrock Converse callers to a Bedrock upstream. ConverseStream passes frame by frame: each event-stream message
 * reaches the caller byte for byte as the upstream framed it (a ConverseStream event names no model), after the
 * canonical decoder has read it for what the ledger records; an exception message fails the call as a translated stream
 * would, and is not passed. Whole answers: The model is in the URL path, not the body: the caller's Converse body goes
 * up unchanged, to the deployment's upstream model's {@code converse} path, authenticated as {@link
 * BedrockProvider#chatRequest} does (SigV4 over exactly these bytes, or the API key). The answer comes back unchanged
 * too, since a Converse answer names no model, with its {@code x-amzn-RequestId} header, which is the call's id as the
 * canonical encoder sends it. Stop reason and usage are read with the streaming parser.
 *
 * <p>One difference from a translated answer: {@code metrics.latencyMs} is the upstream's own figure as Bedrock wrote
 * it, where the canonical encoder writes the gateway's latency for the whole call. Every other field ({@code
 * additionalModelResponseFields}, {@code trace}, reasoning and citation blocks, ...) passes as it is. Stateless.
 */
record BedrockPassThrough(BedrockProvider provider, String providerId) implements PassThrough {

    private static final String REQUEST_ID = "x-amzn-RequestId";

    /** {@inheritDoc} {@code body} is sent as it is: {@code peek} names the path's model, not one in the body. */
    @Override
    public UpstreamRequest request(byte[] body, RequestPeek peek, String upstreamModel, Attempt attempt) {
        return provider.post(upstreamModel, body, false, attempt);
    }

    @Override
    public StreamPass stream(byte[] body, RequestPeek peek) {
        return new StreamPass() {
            @Override
            public UpstreamRequest request(String upstreamModel, Attempt attempt) {
                return provider.post(upstreamModel, body, true, attempt);
            }

            @Override
            public StreamDecoder decoder(UpstreamResponse head, String publicModel, ChatEventSink sink) {
                PassedEvents passed = new PassedEvents(sink);
                BedrockStreamDecoder events = new BedrockStreamDecoder(passed, providerId,
                        BedrockProvider.requestId(head), publicModel);
                EventStreamFramer framer = new EventStreamFramer((message, frame) -> {
                    events.accept(message); // throws for an exception message, which is then not passed
                    byte[] wire = new byte[frame.remaining()];
                    frame.duplicate().get(wire);
                    passed.pass(wire);
                }, providerId);
                return new StreamDecoder() {
                    @Override
                    public void decode(ByteBuffer bytes) {
                        framer.decode(bytes);
                    }

                    @Override
                    public void end() {
                        framer.end();
                        events.end();
                    }
                };
            }
        };
    }

    /** {@inheritDoc} An answer without an {@code output.message.content} array is not a Converse answer. */
    @Override
    public PassedAnswer answer(UpstreamResponse response, String publicModel) {
        Scan scan = new Scan();
        if (!JsonMembers.tryWalk(response.body(), scan::member) || !scan.content) {
            throw BedrockResponseCodec.broken(providerId, "sent a response that is not a Converse answer (one with"
                    + " output.message.content)");
        }
        return scan.passed(response, null);
    }

    /**
     * {@inheritDoc} With {@code texts}, one strict walk ({@link WireTextReader}: repeated members refused) reads what
     * {@link #answer(UpstreamResponse, String)} reads and the content blocks' texts as {@link BedrockAnswerTexts}
     * does; an answer that walk cannot read is read as without texts (the guardrail then reads it in canonical form).
     */
    @Override
    public PassedAnswer answer(UpstreamResponse response, String publicModel, boolean texts) {
        if (texts) {
            Scan scan = new Scan();
            scan.texts = new WireTextReader();
            if (WireTextReader.walk(response.body(), scan::member) && scan.content) {
                return scan.passed(response, scan.texts.texts());
            }
        }
        return answer(response, publicModel);
    }

    /** {@inheritDoc} Its id is the answer's {@code x-amzn-RequestId}; Converse names no model, so it is the caller's. */
    @Override
    public ChatResponse decode(PassedAnswer answer, String publicModel) {
        return BedrockResponseCodec.decode(answer.body(), answer.id(), publicModel,
                System.currentTimeMillis() / 1000, providerId);
    }

    /** What is read of a Converse answer. */
    private static final class Scan {
        String stopReason;
        boolean content;
        JsonNode usage;
        /** The guardrail's texts, when asked for: then the message is read strictly, with its blocks. */
        WireTextReader texts;

        /** The answer read, with {@code texts} (or null); its body passes unchanged (the model is in the path). */
        PassedAnswer passed(UpstreamResponse response, java.util.List<dev.sluice.api.wire.WireText> texts) {
            String id = BedrockProvider.requestId(response);
            return new PassedAnswer(response.body(), "application/json", Map.of(REQUEST_ID, id),
                    UsageJson.decode(usage), StopReasons.fromWire(stopReason), id, texts);
        }

        void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "stopReason" -> stopReason = JsonMembers.text(p);
                case "usage" -> usage = JsonMembers.object(p);
                case "output" -> walk(p, this::output);
                default -> { }
            }
        }

        private void output(String name, JsonParser p) throws IOException {
            if (name.equals("message")) {
                walk(p, (field, v) -> {
                    boolean blocks = field.equals("content") && v.currentToken() == JsonToken.START_ARRAY;
                    content |= blocks;
                    if (blocks && texts != null) {
                        WireTextReader.elements(v, block -> WireTextReader.members(block,
                                (kind, b) -> BedrockAnswerTexts.block(kind, b, texts)));
                    }
                });
            }
        }

        /** An object's members: strictly when texts are read (repeated members refused), else as they come. */
        private void walk(JsonParser p, JsonMembers.Visitor visitor) throws IOException {
            if (texts != null) {
                WireTextReader.members(p, visitor);
            } else {
                JsonMembers.each(p, visitor);
            }
        }
    }
}
