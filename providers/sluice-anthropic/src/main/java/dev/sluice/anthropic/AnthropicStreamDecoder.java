package dev.sluice.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.http.SseEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns an upstream's Anthropic server-sent events into canonical events, as they come: {@code message_start} gives
 * {@link ChatEvent.MessageStart}, text and tool-use blocks give deltas (renumbered so that skipped blocks, such as
 * thinking, leave no gaps), and {@code message_delta} gives {@link ChatEvent.MessageStop} then a
 * {@link ChatEvent.UsageReport} adding its output counts to the input counts of {@code message_start}. Pings and
 * unknown events are ignored; an {@code error} event throws. No I/O; one instance per stream; not thread-safe.
 */
public final class AnthropicStreamDecoder {

    private final ChatEventSink sink;
    private final String providerId;
    /** Wire block index to canonical block index. */
    private final Map<Integer, Integer> blocks = new HashMap<>();
    private final Map<Integer, String> blockTypes = new HashMap<>();
    private JsonNode startUsage;
    private boolean started;
    private boolean stopped;
    private boolean done;

    public AnthropicStreamDecoder(ChatEventSink sink, String providerId) {
        this.sink = sink;
        this.providerId = providerId;
    }

    /**
     * Handles one event.
     *
     * @return false once {@code message_stop} was seen: nothing more is expected
     * @throws GatewayException for an {@code error} event or an event that cannot be read
     */
    public boolean accept(SseEvent event) {
        if (done) {
            return false;
        }
        if (event.data() == null || event.data().isBlank()) {
            return true;
        }
        JsonNode data;
        try {
            data = Json.parse(event.data());
        } catch (IOException e) {
            throw broken("sent a stream event that is not valid JSON");
        }
        if (data == null || !data.isObject()) {
            throw broken("sent a stream event that is not a JSON object");
        }
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        switch (type) {
            case "message_start" -> messageStart(data.path("message"));
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"));
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"));
            case "message_delta" -> messageDelta(data);
            case "message_stop" -> done = true;
            case "error" -> throw new GatewayException(AnthropicErrors.decodeInStream(data.get("error"), providerId));
            default -> { } // ping, content_block_stop, and event types added later
        }
        return !done;
    }

    /** The upstream stream ended; throws {@code UPSTREAM_ERROR} when it was cut short before the stop reason. */
    public void finish() {
        if (!stopped) {
            throw broken("ended the stream before the answer was complete");
        }
    }

    private void messageStart(JsonNode message) {
        if (started) {
            return;
        }
        started = true;
        startUsage = message.get("usage");
        sink.accept(new ChatEvent.MessageStart(message.path("id").asText(""), message.path("model").asText("")));
    }

    private void blockStart(int index, JsonNode block) {
        requireStarted();
        String type = block.path("type").asText("");
        blockTypes.put(index, type);
        switch (type) {
            case "text" -> {
                String text = block.path("text").asText("");
                if (!text.isEmpty()) {
                    sink.accept(new ChatEvent.TextDelta(canonical(index), text));
                }
            }
            case "tool_use" -> {
                int b = canonical(index);
                sink.accept(new ChatEvent.ToolUseStart(b, block.path("id").asText(""), block.path("name").asText("")));
                JsonNode input = block.get("input");
                if (input != null && input.isObject() && !input.isEmpty()) {
                    sink.accept(new ChatEvent.ToolUseDelta(b, Json.text(input)));
                }
            }
            default -> { } // thinking, server tools: no canonical form
        }
    }

    private void blockDelta(int index, JsonNode delta) {
        requireStarted();
        switch (delta.path("type").asText("")) {
            case "text_delta" -> {
                String text = delta.path("text").asText("");
                if (!text.isEmpty() && "text".equals(blockTypes.getOrDefault(index, "text"))) {
                    sink.accept(new ChatEvent.TextDelta(canonical(index), text));
                }
            }
            case "input_json_delta" -> {
                String json = delta.path("partial_json").asText("");
                if (!json.isEmpty() && "tool_use".equals(blockTypes.get(index))) {
                    sink.accept(new ChatEvent.ToolUseDelta(canonical(index), json));
                }
            }
            default -> { } // thinking_delta, signature_delta, citations_delta
        }
    }

    private void messageDelta(JsonNode data) {
        requireStarted();
        JsonNode delta = data.path("delta");
        JsonNode reason = delta.get("stop_reason");
        if (!stopped && reason != null && reason.isTextual()) {
            stopped = true;
            JsonNode sequence = delta.get("stop_sequence");
            sink.accept(new ChatEvent.MessageStop(StopReasons.fromWire(reason.textValue()),
                    sequence != null && sequence.isTextual() ? sequence.textValue() : null));
        }
        JsonNode usage = data.get("usage");
        if (usage != null && usage.isObject()) {
            sink.accept(new ChatEvent.UsageReport(merged(usage)));
        }
    }

    /** Counts from {@code message_delta}, falling back to those of {@code message_start} for the input side. */
    private Usage merged(JsonNode deltaUsage) {
        ObjectNode combined = Json.object();
        if (startUsage != null && startUsage.isObject()) {
            combined.setAll((ObjectNode) startUsage);
        }
        deltaUsage.properties().forEach(e -> {
            if (e.getValue().isNumber()) {
                combined.set(e.getKey(), e.getValue());
            }
        });
        return UsageJson.read(combined);
    }

    private int canonical(int wireIndex) {
        Integer b = blocks.get(wireIndex);
        if (b == null) {
            b = blocks.size();
            blocks.put(wireIndex, b);
        }
        return b;
    }

    private void requireStarted() {
        if (!started) {
            throw broken("sent content before message_start");
        }
    }

    private GatewayException broken(String problem) {
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502,
                "provider '" + providerId + "' " + problem, providerId, null, null));
    }
}
