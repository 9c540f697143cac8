package dev.sluice.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the {@code data} of OpenAI {@code chat.completion.chunk} events into canonical {@link ChatEvent}s: one
 * {@link ChatEvent.MessageStart} at the first chunk; text and tool-call deltas on canonical block indexes allocated in
 * order of first appearance (OpenAI's tool-call {@code index} is mapped to a block); a {@link ChatEvent.MessageStop}
 * at the {@code finish_reason}; a {@link ChatEvent.UsageReport} for every non-null {@code usage}.
 *
 * <p>No I/O: feed it with {@link #accept(String)} and call {@link #finish()} when the body ends (the provider's
 * stream decoder does, from the events it frames). One instance per stream; not thread-safe. Events go to the sink on
 * the calling thread, as each chunk is read.
 */
public final class OpenAiStreamDecoder {

    private final ChatEventSink sink;
    private final String providerId;
    private final Map<Integer, Integer> blockByToolIndex = new HashMap<>();
    private int nextBlock;
    private int textBlock = -1;
    private boolean started;
    private boolean stopped;
    private boolean done;
    private boolean refused;

    public OpenAiStreamDecoder(ChatEventSink sink, String providerId) {
        this.sink = sink;
        this.providerId = providerId;
    }

    /**
     * Reads the data of one server-sent event.
     *
     * @return false once {@code [DONE]} was seen (nothing more is expected), else true
     * @throws GatewayException for an in-stream {@code {"error":...}} or data that is not a chunk
     */
    public boolean accept(String data) {
        if (done) {
            return false;
        }
        String d = data.strip();
        if (d.equals("[DONE]")) {
            done = true;
            return false;
        }
        if (d.isEmpty()) {
            return true;
        }
        JsonNode chunk;
        try {
            chunk = Json.parse(d);
        } catch (IOException e) {
            throw broken("sent a stream event that is not valid JSON");
        }
        if (chunk == null || !chunk.isObject()) {
            throw broken("sent a stream event that is not a JSON object");
        }
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            JsonNode err = error.isObject() ? error : Json.object().put("message", error.asText());
            throw new GatewayException(OpenAiErrors.decodeInStream(err, providerId));
        }
        onChunk(chunk);
        return true;
    }

    /** True once a finish reason was read. */
    public boolean stopped() {
        return stopped;
    }

    /**
     * The body ended: checks that the answer was complete.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when the stream ended before any finish reason
     */
    public void finish() {
        if (!stopped) {
            throw broken("ended the stream before the answer was complete");
        }
    }

    private void onChunk(JsonNode chunk) {
        JsonNode usage = chunk.get("usage");
        boolean hasUsage = usage != null && usage.isObject();
        if (!started && chunk.path("choices").isEmpty() && !hasUsage) {
            // Azure opens with a chunk that only carries prompt_filter_results, with an empty id and model
            return;
        }
        if (!started) {
            started = true;
            sink.accept(new ChatEvent.MessageStart(chunk.path("id").asText(""), chunk.path("model").asText("")));
        }
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.isObject()) {
            onDelta(choice.path("delta"));
            JsonNode finish = choice.get("finish_reason");
            if (finish != null && finish.isTextual() && !stopped) {
                stopped = true;
                sink.accept(new ChatEvent.MessageStop(FinishReasons.fromWire(finish.textValue(), refused), null));
            }
        }
        if (hasUsage) {
            sink.accept(new ChatEvent.UsageReport(UsageJson.decode(usage)));
        }
    }

    private void onDelta(JsonNode delta) {
        if (!delta.isObject()) {
            return;
        }
        text(delta.get("content"));
        JsonNode refusal = delta.get("refusal");
        if (refusal != null && refusal.isTextual() && !refusal.textValue().isEmpty()) {
            refused = true;
            text(refusal);
        }
        JsonNode calls = delta.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (int i = 0; i < calls.size(); i++) {
                toolCall(calls.get(i), i);
            }
        }
    }

    private void text(JsonNode content) {
        if (content == null || !content.isTextual() || content.textValue().isEmpty()) {
            return;
        }
        if (textBlock < 0) {
            textBlock = nextBlock++;
        }
        sink.accept(new ChatEvent.TextDelta(textBlock, content.textValue()));
    }

    private void toolCall(JsonNode call, int position) {
        int index = call.path("index").asInt(position);
        Integer block = blockByToolIndex.get(index);
        JsonNode fn = call.path("function");
        if (block == null) {
            block = nextBlock++;
            blockByToolIndex.put(index, block);
            sink.accept(new ChatEvent.ToolUseStart(block, call.path("id").asText(""), fn.path("name").asText("")));
        }
        JsonNode args = fn.get("arguments");
        if (args != null && args.isTextual() && !args.textValue().isEmpty()) {
            sink.accept(new ChatEvent.ToolUseDelta(block, args.textValue()));
        }
    }

    private GatewayException broken(String problem) {
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502,
                "provider '" + providerId + "' " + problem, providerId, null, null));
    }
}
