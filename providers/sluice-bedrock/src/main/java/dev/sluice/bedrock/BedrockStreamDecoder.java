package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import software.amazon.eventstream.Message;

/**
 * Turns decoded ConverseStream messages into canonical events; does no I/O, so a recorded stream can be replayed
 * through it. {@code messageStart} gives {@link ChatEvent.MessageStart} (with the request id and model it was made
 * with, since Bedrock's stream names neither), tool-use {@code contentBlockStart} gives
 * {@link ChatEvent.ToolUseStart}, deltas give text or tool-input fragments, {@code messageStop} gives
 * {@link ChatEvent.MessageStop} and {@code metadata} gives {@link ChatEvent.UsageReport}. Reasoning deltas and
 * unknown events are skipped; padding fields ({@code p}) are ignored.
 *
 * <p>One instance per stream; not thread-safe. Events go to the sink on the caller's thread, in order.
 */
public final class BedrockStreamDecoder {

    private final ChatEventSink sink;
    private final String providerId;
    private final String id;
    private final String model;
    private boolean started;
    private boolean stopped;

    public BedrockStreamDecoder(ChatEventSink sink, String providerId, String id, String model) {
        this.sink = sink;
        this.providerId = providerId;
        this.id = id;
        this.model = model;
    }

    /**
     * Handles one message.
     *
     * @throws GatewayException for an {@code exception} or {@code error} message (mapped as Bedrock errors are), or
     *     for a payload that is not JSON
     */
    public void accept(Message message) {
        String messageType = EventFrames.header(message, EventFrames.MESSAGE_TYPE);
        if ("exception".equals(messageType)) {
            throw new GatewayException(BedrockErrors.decodeInStream(
                    EventFrames.header(message, EventFrames.EXCEPTION_TYPE), message.getPayload(), providerId));
        }
        if ("error".equals(messageType)) {
            String code = EventFrames.header(message, ":error-code");
            String text = EventFrames.header(message, ":error-message");
            throw new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502, "provider '" + providerId
                    + "' ended the stream with an error: " + code + (text == null ? "" : ": " + text), providerId,
                    null, null));
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

    /**
     * Called at the end of the byte stream.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when the stream ended before {@code messageStop}
     */
    public void finish() {
        if (!stopped) {
            throw BedrockResponseCodec.broken(providerId, "ended the stream before the answer was complete");
        }
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
