package dev.sluice.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.ResponseFormat;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.util.List;

/**
 * Encodes a canonical request as an upstream Messages API body. System messages move to {@code system}; tool
 * messages become {@code tool_result} blocks at the head of a user turn, merged with the user message that follows;
 * {@code max_tokens}, which Anthropic requires, defaults to {@value #DEFAULT_MAX_TOKENS}. A cache point becomes
 * {@code cache_control} on the block before it (and is left out when nothing precedes it in its turn).
 */
final class AnthropicRequestEncoder {

    static final int DEFAULT_MAX_TOKENS = 4096;

    private AnthropicRequestEncoder() { }

    static ObjectNode encode(ChatRequest r) {
        if (r.responseFormat() != null && r.responseFormat().type() == ResponseFormat.Type.JSON_SCHEMA) {
            throw GatewayException.of(ErrorType.UNSUPPORTED_FEATURE,
                    "response_format json_schema is not supported by the Anthropic Messages API");
        }
        ObjectNode root = Json.object();
        root.put("model", r.model());
        root.put("max_tokens", r.maxTokens() == null ? DEFAULT_MAX_TOKENS : r.maxTokens());
        system(r, root);
        messages(r.messages(), root.putArray("messages"));
        if (!r.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            for (Tool t : r.tools()) {
                ObjectNode tool = tools.addObject().put("name", t.name());
                if (t.description() != null) {
                    tool.put("description", t.description());
                }
                tool.set("input_schema", t.parameters());
                if (t.cachePoint() != null) {
                    tool.set("cache_control", CacheControl.encode(t.cachePoint()));
                }
            }
        }
        toolChoice(r, root);
        if (!r.stop().isEmpty()) {
            ArrayNode stops = root.putArray("stop_sequences");
            r.stop().forEach(stops::add);
        }
        if (r.temperature() != null) {
            root.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            root.put("top_p", r.topP());
        }
        if (r.user() != null) {
            root.putObject("metadata").put("user_id", r.user());
        }
        if (r.stream()) {
            root.put("stream", true);
        }
        return root;
    }

    private static void system(ChatRequest r, ObjectNode root) {
        List<Message> system = r.messages().stream().filter(m -> m.role() == Role.SYSTEM).toList();
        if (system.isEmpty()) {
            return;
        }
        if (system.size() == 1 && system.getFirst().content().size() == 1) {
            root.put("system", system.getFirst().text());
            return;
        }
        ArrayNode blocks = root.putArray("system");
        for (Message m : system) {
            for (ContentBlock b : m.content()) {
                if (b instanceof ContentBlock.Text t) {
                    blocks.addObject().put("type", "text").put("text", t.text());
                } else if (b instanceof ContentBlock.CachePoint p) {
                    CacheControl.mark(blocks, p);
                }
            }
        }
    }

    private static void messages(List<Message> messages, ArrayNode out) {
        ArrayNode pendingResults = null;
        for (Message m : messages) {
            switch (m.role()) {
                case SYSTEM -> { }
                case TOOL -> {
                    if (pendingResults == null) {
                        pendingResults = userTurn(out);
                    }
                    for (ContentBlock b : m.content()) {
                        block(b, pendingResults);
                    }
                }
                case USER -> {
                    ArrayNode target = pendingResults;
                    pendingResults = null;
                    if (target != null) {
                        m.content().forEach(b -> block(b, target));
                    } else {
                        turn(out, "user", m);
                    }
                }
                case ASSISTANT -> {
                    pendingResults = null;
                    turn(out, "assistant", m);
                }
            }
        }
    }

    private static ArrayNode userTurn(ArrayNode out) {
        return out.addObject().put("role", "user").putArray("content");
    }

    private static void turn(ArrayNode out, String role, Message m) {
        ObjectNode turn = out.addObject().put("role", role);
        if (m.content().size() == 1 && m.content().getFirst() instanceof ContentBlock.Text t) {
            turn.put("content", t.text());
            return;
        }
        ArrayNode content = turn.putArray("content");
        m.content().forEach(b -> block(b, content));
    }

    /** Appends one block; empty text blocks are left out, since Anthropic rejects them inside a content array. */
    private static void block(ContentBlock b, ArrayNode out) {
        switch (b) {
            case ContentBlock.Text t -> {
                if (!t.text().isEmpty()) {
                    out.addObject().put("type", "text").put("text", t.text());
                }
            }
            case ContentBlock.Image i -> {
                ObjectNode source = out.addObject().put("type", "image").putObject("source");
                if (i.url() != null) {
                    source.put("type", "url").put("url", i.url());
                } else {
                    source.put("type", "base64").put("media_type", i.mediaType()).put("data", i.base64Data());
                }
            }
            case ContentBlock.ToolUse u -> out.addObject().put("type", "tool_use").put("id", u.id())
                    .put("name", u.name()).set("input", input(u));
            case ContentBlock.ToolResult r -> {
                ObjectNode result = out.addObject().put("type", "tool_result").put("tool_use_id", r.toolUseId())
                        .put("content", r.content());
                if (r.isError()) {
                    result.put("is_error", true);
                }
            }
            case ContentBlock.CachePoint p -> CacheControl.mark(out, p);
        }
    }

    private static JsonNode input(ContentBlock.ToolUse u) {
        JsonNode n;
        try {
            n = Json.parse(u.argumentsJson());
        } catch (IOException | RuntimeException e) {
            throw GatewayException.invalid("the arguments of tool call '" + u.id() + "' are not valid JSON", null);
        }
        if (n == null || !n.isObject()) {
            throw GatewayException.invalid("the arguments of tool call '" + u.id() + "' must be a JSON object", null);
        }
        return n;
    }

    private static void toolChoice(ChatRequest r, ObjectNode root) {
        ToolChoice c = r.toolChoice();
        boolean noParallel = Boolean.FALSE.equals(r.parallelToolCalls());
        if (c == null && !(noParallel && !r.tools().isEmpty())) {
            return;
        }
        ObjectNode choice = root.putObject("tool_choice");
        ToolChoice effective = c == null ? ToolChoice.AUTO : c;
        choice.put("type", switch (effective.mode()) {
            case AUTO -> "auto";
            case ANY -> "any";
            case NONE -> "none";
            case TOOL -> "tool";
        });
        if (effective.mode() == ToolChoice.Mode.TOOL) {
            choice.put("name", effective.name());
        }
        if (noParallel && effective.mode() != ToolChoice.Mode.NONE) {
            choice.put("disable_parallel_tool_use", true);
        }
    }

}
