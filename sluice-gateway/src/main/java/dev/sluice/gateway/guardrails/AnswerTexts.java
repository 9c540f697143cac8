package dev.sluice.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.json.Json;
import dev.sluice.guardrails.apply.TextBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts of a whole answer that the output guardrail checks, and the answer with them replaced (masked): the
 * text blocks, and the string values inside each tool call's arguments (a tool call is output too: an e-mail address
 * the model puts in {@code send_email}'s arguments leaves as surely as one in its text). Arguments are checked value
 * by value, so that masking keeps them valid JSON; arguments that are not JSON are checked whole. Not thread-safe;
 * one per answer.
 */
final class AnswerTexts {

    /** Where a checked text is: its content block and, for tool arguments, its JSON path (null: the whole block). */
    private record Slot(int block, List<Object> path) { }

    private final ChatResponse response;
    private final List<Slot> slots = new ArrayList<>();
    private final List<TextBlock> blocks = new ArrayList<>();

    AnswerTexts(ChatResponse response) {
        this.response = response;
        List<ContentBlock> content = response.content();
        for (int b = 0; b < content.size(); b++) {
            switch (content.get(b)) {
                case ContentBlock.Text t when !t.text().isEmpty() -> add(b, null, t.text());
                case ContentBlock.ToolUse u when u.argumentsJson() != null && !u.argumentsJson().isBlank() ->
                        arguments(b, u.argumentsJson());
                default -> { }
            }
        }
    }

    private void arguments(int block, String json) {
        JsonNode node;
        try {
            node = Json.parse(json);
        } catch (IOException | RuntimeException e) {
            node = null;
        }
        if (node == null || node.isValueNode()) {
            add(block, null, json);
            return;
        }
        strings(block, node, new ArrayList<>());
    }

    private void strings(int block, JsonNode node, List<Object> path) {
        if (node.isTextual()) {
            if (!node.textValue().isEmpty()) {
                add(block, List.copyOf(path), node.textValue());
            }
        } else if (node.isObject()) {
            for (var e : node.properties()) {
                path.add(e.getKey());
                strings(block, e.getValue(), path);
                path.removeLast();
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                strings(block, node.get(i), path);
                path.removeLast();
            }
        }
    }

    private void add(int block, List<Object> path, String text) {
        slots.add(new Slot(block, path));
        blocks.add(TextBlock.of(text));
    }

    /** The texts to check, in answer order. */
    List<TextBlock> blocks() { return blocks; }

    /** The answer with the checked texts replaced by {@code texts} (one per block, in order). */
    ChatResponse replaced(List<String> texts) {
        List<ContentBlock> content = new ArrayList<>(response.content());
        List<JsonNode> parsed = new ArrayList<>(java.util.Collections.nCopies(content.size(), (JsonNode) null));
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (s.path() == null) {
                content.set(s.block(), switch (content.get(s.block())) {
                    case ContentBlock.ToolUse u -> new ContentBlock.ToolUse(u.id(), u.name(), texts.get(i));
                    default -> new ContentBlock.Text(texts.get(i));
                });
                continue;
            }
            if (parsed.get(s.block()) == null) {
                parsed.set(s.block(), parse(((ContentBlock.ToolUse) content.get(s.block())).argumentsJson()));
            }
            set(parsed.get(s.block()), s.path(), texts.get(i));
        }
        for (int b = 0; b < content.size(); b++) {
            if (parsed.get(b) != null && content.get(b) instanceof ContentBlock.ToolUse u) {
                content.set(b, new ContentBlock.ToolUse(u.id(), u.name(), parsed.get(b).toString()));
            }
        }
        return new ChatResponse(response.id(), response.model(), content, response.stopReason(),
                response.stopSequence(), response.usage(), response.createdEpochSeconds());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException("arguments parsed before", e);
        }
    }

    private static void set(JsonNode root, List<Object> path, String value) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object p = path.get(i);
            parent = p instanceof Integer n ? parent.get(n) : parent.get((String) p);
        }
        Object last = path.getLast();
        if (last instanceof Integer n) {
            ((ArrayNode) parent).set(n, TextNode.valueOf(value));
        } else {
            ((ObjectNode) parent).set((String) last, TextNode.valueOf(value));
        }
    }
}
