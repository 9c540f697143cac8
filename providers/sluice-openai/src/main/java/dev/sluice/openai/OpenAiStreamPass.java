package dev.sluice.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.json.JsonSplice;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.SseStream;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A streamed OpenAI call on the fast path: the caller's body goes up with its model renamed and, when the caller did
 * not ask for it, {@code "stream_options":{"include_usage":true}} added (the ledger needs the usage); each
 * {@code chat.completion.chunk} comes back as the upstream wrote it, with its {@code model} renamed to the caller's,
 * read with the streaming parser for the id, content, finish reason and usage. The usage chunk is passed only to a
 * caller that asked for it. A caller that set other {@code stream_options} is translated instead, since its options
 * would have to change. One instance per call; confined to the call's thread.
 */
final class OpenAiStreamPass implements PassThrough.StreamPass {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASK_USAGE = ",\"stream_options\":{\"include_usage\":true}"
            .getBytes(StandardCharsets.US_ASCII);

    private final OpenAiProvider provider;
    private final String providerId;
    private final byte[] body;
    private final RequestPeek peek;
    private final boolean callerWantsUsage;

    private OpenAiStreamPass(OpenAiProvider provider, String providerId, byte[] body, RequestPeek peek,
                             boolean callerWantsUsage) {
        this.provider = provider;
        this.providerId = providerId;
        this.body = body;
        this.peek = peek;
        this.callerWantsUsage = callerWantsUsage;
    }

    /** The fast path for this body, or null when it sets stream options other than {@code include_usage: true}. */
    static OpenAiStreamPass of(OpenAiProvider provider, String providerId, byte[] body, RequestPeek peek) {
        if (!peek.modelInBody()) {
            return null;
        }
        StreamOptions options = new StreamOptions();
        if (!JsonMembers.tryWalk(body, options::member)) {
            return null;
        }
        if (options.present && !(options.includeUsage && !options.other)) {
            return null;
        }
        return new OpenAiStreamPass(provider, providerId, body, peek, options.present);
    }

    /** What the caller's {@code stream_options} say. */
    private static final class StreamOptions {
        boolean present;
        boolean includeUsage;
        boolean other;

        void member(String name, JsonParser p) throws IOException {
            if (!name.equals("stream_options") || p.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            present = true;
            if (!JsonMembers.each(p, this::option)) {
                other = true;
            }
        }

        private void option(String name, JsonParser p) {
            if (name.equals("include_usage") && p.currentToken() == JsonToken.VALUE_TRUE) {
                includeUsage = true;
            } else {
                other = true;
            }
        }
    }

    @Override
    public UpstreamRequest request(String upstreamModel, Attempt attempt) {
        byte[] renamed = peek.withModel(body, upstreamModel);
        return provider.chatPost(upstreamModel, callerWantsUsage ? renamed : askForUsage(renamed), true, attempt);
    }

    /** The body with {@code stream_options.include_usage} added as its last member. */
    private static byte[] askForUsage(byte[] json) {
        int close = json.length - 1;
        while (close > 0 && json[close] != '}') {
            close--;
        }
        byte[] out = new byte[json.length + ASK_USAGE.length];
        System.arraycopy(json, 0, out, 0, close);
        System.arraycopy(ASK_USAGE, 0, out, close, ASK_USAGE.length);
        System.arraycopy(json, close, out, close + ASK_USAGE.length, json.length - close);
        return out;
    }

    /** {@inheritDoc} A server that ignores {@code stream} and answers whole is replayed as canonical events. */
    @Override
    public StreamDecoder decoder(UpstreamResponse head, String publicModel, ChatEventSink sink) {
        String type = head.header("content-type");
        if (type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return new ResponseReplay(sink, providerId);
        }
        Chunks chunks = new Chunks(publicModel, sink);
        return new SseStream(chunks::accept, chunks::finish, providerId);
    }

    /** Reads and passes the chunks of one stream. */
    private final class Chunks {
        private final String publicModel;
        private final ChatEventSink sink;
        private boolean started;
        private boolean stopped;
        private boolean done;
        private boolean refused;

        Chunks(String publicModel, ChatEventSink sink) {
            this.publicModel = publicModel;
            this.sink = sink;
        }

        boolean accept(SseEvent event) {
            if (done) {
                return false;
            }
            String data = event.data().strip();
            if (data.equals("[DONE]")) {
                done = true;
                sink.accept(new ChatEvent.Passed(DONE, null, 0, false, null, null));
                return false;
            }
            if (data.isEmpty()) {
                return true;
            }
            byte[] json = data.getBytes(StandardCharsets.UTF_8);
            Chunk c = new Chunk();
            try {
                if (!JsonMembers.walk(json, c::member)) {
                    throw broken("sent a stream event that is not a JSON object");
                }
            } catch (IOException e) {
                throw broken("sent a stream event that is not valid JSON");
            }
            if (c.error) {
                throw inStreamError(json);
            }
            String id = null;
            if (!started && (c.choices > 0 || c.usage != null)) { // Azure opens with a filter-results-only chunk
                started = true;
                id = c.id == null ? "" : c.id;
            }
            refused |= c.refused;
            StopReason stop = null;
            if (c.finishReason != null && !stopped) {
                stopped = true;
                stop = FinishReasons.fromWire(c.finishReason, refused);
            }
            byte[] wire = c.choices == 0 && c.usage != null && !callerWantsUsage ? new byte[0]
                    : frame(c.model == null ? json : JsonSplice.replaceWithString(json, c.model, publicModel));
            sink.accept(new ChatEvent.Passed(wire, id, c.chars, c.content, c.usage, stop));
            return true;
        }

        /** The body ended: a stream cut before its finish reason fails; one without {@code [DONE]} gets it. */
        void finish() {
            if (!stopped) {
                throw broken("ended the stream before the answer was complete");
            }
            if (!done) {
                done = true;
                sink.accept(new ChatEvent.Passed(DONE, null, 0, false, null, null));
            }
        }
    }

    private static byte[] frame(byte[] json) {
        byte[] out = new byte[DATA.length + json.length + END.length];
        System.arraycopy(DATA, 0, out, 0, DATA.length);
        System.arraycopy(json, 0, out, DATA.length, json.length);
        System.arraycopy(END, 0, out, DATA.length + json.length, END.length);
        return out;
    }

    /** What is read of one {@code chat.completion.chunk}. */
    private static final class Chunk {
        String id;
        JsonMembers.StringToken model;
        int choices;
        String finishReason;
        boolean refused;
        boolean content;
        int chars;
        Usage usage;
        boolean error;

        void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "id" -> id = JsonMembers.text(p);
                case "model" -> model = JsonMembers.string(p);
                case "choices" -> choices(p);
                case "usage" -> usage = UsageJson.read(p);
                case "error" -> error = p.currentToken() != JsonToken.VALUE_NULL;
                default -> { }
            }
        }

        /** The first choice is read; the others (n > 1) pass unread. */
        private void choices(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (choices++ == 0) {
                    JsonMembers.each(p, this::choice);
                } else {
                    p.skipChildren();
                }
            }
        }

        private void choice(String name, JsonParser p) throws IOException {
            if (name.equals("finish_reason")) {
                finishReason = JsonMembers.text(p);
            } else if (name.equals("delta")) {
                JsonMembers.each(p, this::delta);
            }
        }

        private void delta(String name, JsonParser p) throws IOException {
            switch (name) {
                case "content" -> text(JsonMembers.text(p));
                case "refusal" -> {
                    String r = JsonMembers.text(p);
                    refused |= r != null && !r.isEmpty();
                    text(r);
                }
                case "tool_calls" -> toolCalls(p);
                default -> { }
            }
        }

        private void text(String t) {
            if (t != null && !t.isEmpty()) {
                chars += t.length();
                content = true;
            }
        }

        private void toolCalls(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonMembers.each(p, this::toolCall);
            }
        }

        private void toolCall(String name, JsonParser p) throws IOException {
            if (name.equals("id") && p.currentToken() == JsonToken.VALUE_STRING) {
                content = true; // a tool call starts
            } else if (name.equals("function")) {
                JsonMembers.each(p, (n, v) -> {
                    if (n.equals("arguments")) {
                        String a = JsonMembers.text(v);
                        chars += a == null ? 0 : a.length();
                    }
                });
            }
        }
    }

    private GatewayException inStreamError(byte[] json) {
        JsonNode error;
        try {
            error = Json.parse(new String(json, StandardCharsets.UTF_8)).get("error");
        } catch (IOException e) {
            throw broken("sent a stream event that is not valid JSON");
        }
        JsonNode err = error.isObject() ? error : Json.object().put("message", error.asText());
        return new GatewayException(OpenAiErrors.decodeInStream(err, providerId));
    }

    private GatewayException broken(String problem) {
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502,
                "provider '" + providerId + "' " + problem, providerId, null, null));
    }
}
