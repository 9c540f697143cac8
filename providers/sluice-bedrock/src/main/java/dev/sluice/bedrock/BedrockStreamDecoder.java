package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.http.StreamDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import software.amazon.eventstream.Message;

/**
 * Turns a ConverseStream body into canonical events as its bytes arrive: an {@link EventStreamFramer} cuts the bytes
 * into messages, and each message is read at once. Does no I/O, so a recorded stream can be replayed through it in
 * any chunking. {@code messageStart} gives {@link ChatEvent.MessageStart} (with the request id and model it was made
 * with, since Bedrock's stream names neither), tool-use {@code contentBlockStart} gives
 * {@link ChatEvent.ToolUseStart}, deltas give text or tool-input fragments, {@code messageStop} gives
 * {@link ChatEvent.MessageStop} and {@code metadata} gives {@link ChatEvent.UsageReport}. Reasoning deltas and
 * unknown events are skipped; padding fields ({@code p}) are ignored.
 *
 * <p>One instance per stream; not thread-safe. Events go to the sink on the caller's thread, in order.
 */
public final class BedrockStreamDecoder implements StreamDecoder {

    private final ChatEventSink sink;
    private final String providerId;
    private final String id;
    private final String model;
    private final EventStreamFramer framer;
    private boolean started;
    private boolean stopped;

    public BedrockStreamDecoder(ChatEventSink sink, String providerId, String id, String model) {
        this.sink = sink;
        this.providerId = providerId;
        this.id = id;
        this.model = model;
        this.framer = new EventStreamFramer(this::accept, providerId);
    }

    /**
     * {@inheritDoc}
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} for a malformed frame, or as {@link #accept} does
     */
    @Override
    public void decode(ByteBuffer bytes) {
        framer.decode(bytes);
    }

    /**
     * {@inheritDoc}
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when the body ended inside a message or before
     *     {@code messageStop}
     */
    @Override
    public void end() {
        framer.end();
        if (!stopped) {
            throw BedrockResponseCodec.broken(providerId, "ended the stream before the answer was complete");
        }
    }

    /**
     * Handles one whole message (as {@link #decode} does for each message it frames).
     *
     * @throws GatewayException for an {@code exception} or {@code error} message (mapped as Bedrock errors are), or
     *     for a payload that is not JSON
     */
    void accept(Message message) {
        String messageType = EventFrames.header(message, EventFrames.MESSAGE_TYPE);
        if ("exception".equals(messageType)) {
            throw new GatewayException(BedrockErrors.decodeInStream(
                    EventFrames.header(message, EventFrames.EXCEPTION_TYPE), message.getPayload(), providerId));
        }
        if ("error".equals(messageType)) {
            throw new GatewayException(BedrockErrors.decodeStreamError(EventFrames.header(message, ":error-code"),
                    EventFrames.header(message, ":error-message"), providerId));
        }
        String eventType = EventFrames.header(message, EventFrames.EVENT_TYPE);
        if (eventType == null) {
            return;
        }
        onEvent(eventType, payload(message.getPayload()));
    }

    private void onEvent(String type, JsonNode p) {
        switch (type) {
            case "messageStart" -> start();
            case "contentBlockStart" -> {
                start();
                JsonNode use = p.path("start").get("toolUse");
                if (use != null && use.isObject()) {
                    sink.accept(new ChatEvent.ToolUseStart(p.path("contentBlockIndex").asInt(),
                            use.path("toolUseId").asText(""), use.path("name").asText("")));
                }
            }
            case "contentBlockDelta" -> {
                start();
                int block = p.path("contentBlockIndex").asInt();
                JsonNode delta = p.path("delta");
                JsonNode text = delta.get("text");
                JsonNode use = delta.get("toolUse");
                if (text != null && text.isTextual()) {
                    sink.accept(new ChatEvent.TextDelta(block, text.textValue()));
                } else if (use != null && use.path("input").isTextual()) {
                    sink.accept(new ChatEvent.ToolUseDelta(block, use.path("input").textValue()));
                }
            }
            case "messageStop" -> {
                start();
                stopped = true;
                sink.accept(new ChatEvent.MessageStop(StopReasons.fromWire(p.path("stopReason").asText(null)), null));
            }
            case "metadata" -> {
                start();
                JsonNode usage = p.get("usage");
                if (usage != null && usage.isObject()) {
                    sink.accept(new ChatEvent.UsageReport(UsageJson.decode(usage)));
                }
            }
            default -> { }
        }
    }

    /** True once {@code messageStop} was seen. */
    public boolean stopped() {
        return stopped;
    }

    private void start() {
        if (!started) {
            started = true;
            sink.accept(new ChatEvent.MessageStart(id, model));
        }
    }

    private JsonNode payload(byte[] bytes) {
        if (bytes.length == 0) {
            return Json.object();
        }
        try {
            JsonNode n = Json.parse(bytes);
            return n == null ? Json.object() : n;
        } catch (IOException e) {
            throw BedrockResponseCodec.broken(providerId, "sent a stream event whose payload is not JSON");
        }
    }
}
