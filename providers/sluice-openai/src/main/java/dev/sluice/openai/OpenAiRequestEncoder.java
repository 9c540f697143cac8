package dev.sluice.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.ResponseFormat;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ChatRequest} to Chat Completions request JSON, shaped by a {@link CompatProfile}. Cache points are left out:
 * OpenAI caches long prompt prefixes on its own. Stateless.
 */
final class OpenAiRequestEncoder {

    private OpenAiRequestEncoder() { }

    static ObjectNode encode(ChatRequest r, CompatProfile profile) {
        ObjectNode root = Json.object();
        root.put("model", r.model());
        ArrayNode messages = root.putArray("messages");
        for (Message m : r.messages()) {
            encodeMessage(m, messages);
        }
        if (!r.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            for (Tool t : r.tools()) {
                tools.add(tool(t));
            }
        }
        if (r.toolChoice() != null) {
            toolChoice(root, r.toolChoice());
        }
        if (r.parallelToolCalls() != null && profile.supportsParallelToolCalls()) {
            root.put("parallel_tool_calls", r.parallelToolCalls());
        }
        if (r.responseFormat() != null) {
            root.set("response_format", responseFormat(r.responseFormat()));
        }
        if (r.maxTokens() != null) {
            root.put(profile.maxTokensField(), r.maxTokens());
        }
        putIfSet(root, "temperature", r.temperature());
        putIfSet(root, "top_p", r.topP());
        if (!r.stop().isEmpty()) {
            ArrayNode stop = root.putArray("stop");
            r.stop().forEach(stop::add);
        }
        if (r.seed() != null) {
            root.put("seed", r.seed());
        }
        if (r.user() != null) {
            root.put("user", r.user());
        }
        if (r.stream()) {
            root.put("stream", true);
            if (profile.supportsStreamOptions()) {
                root.putObject("stream_options").put("include_usage", true);
            }
        }
        return root;
    }

    private static void putIfSet(ObjectNode root, String field, Double value) {
        if (value != null) {
            root.put(field, value);
        }
    }

    /** Appends the message; a canonical tool message with several results becomes several OpenAI tool messages. */
    private static void encodeMessage(Message m, ArrayNode out) {
        switch (m.role()) {
            case SYSTEM -> textMessage(out.addObject(), "system", m);
            case USER -> userMessage(out.addObject(), m);
            case ASSISTANT -> assistantMessage(out.addObject(), m);
            case TOOL -> {
                for (ContentBlock b : m.content()) {
                    if (b instanceof ContentBlock.ToolResult tr) {
                        ObjectNode o = out.addObject().put("role", "tool");
                        o.put("tool_call_id", tr.toolUseId()).put("content", tr.content());
                    }
                }
            }
        }
    }

    private static void textMessage(ObjectNode o, String role, Message m) {
        o.put("role", role);
        List<ContentBlock> texts = new ArrayList<>(m.content().size()); // a loop, not a stream: runs on every call
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.Text) {
                texts.add(b);
            }
        }
        if (texts.size() == 1) {
            o.put("content", ((ContentBlock.Text) texts.getFirst()).text());
        } else {
            ArrayNode parts = o.putArray("content");
            texts.forEach(b -> parts.add(part(b)));
        }
        name(o, m);
    }

    private static void userMessage(ObjectNode o, Message m) {
        ContentBlock.Text t = soleText(m);
        if (t != null) {
            o.put("role", "user").put("content", t.text());
        } else {
            o.put("role", "user");
            ArrayNode parts = o.putArray("content");
            for (ContentBlock b : m.content()) {
                if (b instanceof ContentBlock.Text || b instanceof ContentBlock.Image) {
                    parts.add(part(b));
                }
            }
        }
        name(o, m);
    }

    /**
     * The message's one text block when it holds nothing else but cache points (OpenAI caches prompts on its own, so
     * they are left out), else null.
     */
    private static ContentBlock.Text soleText(Message m) {
        ContentBlock.Text text = null;
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.CachePoint) {
                continue;
            }
            if (text != null || !(b instanceof ContentBlock.Text t)) {
                return null;
            }
            text = t;
        }
        return text;
    }

    private static void assistantMessage(ObjectNode o, Message m) {
        o.put("role", "assistant");
        List<ContentBlock.Text> texts = new ArrayList<>();
        List<ContentBlock.ToolUse> calls = new ArrayList<>();
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.Text t) {
                texts.add(t);
            } else if (b instanceof ContentBlock.ToolUse u) {
                calls.add(u);
            }
        }
        if (texts.isEmpty()) {
            o.putNull("content");
        } else if (texts.size() == 1) {
            o.put("content", texts.getFirst().text());
        } else {
            ArrayNode parts = o.putArray("content");
            texts.forEach(t -> parts.add(part(t)));
        }
        name(o, m);
        if (!calls.isEmpty()) {
            ArrayNode arr = o.putArray("tool_calls");
            for (ContentBlock.ToolUse u : calls) {
                ObjectNode call = arr.addObject().put("id", u.id()).put("type", "function");
                call.putObject("function").put("name", u.name()).put("arguments", u.argumentsJson());
            }
        }
    }

    private static void name(ObjectNode o, Message m) {
        if (m.name() != null) {
            o.put("name", m.name());
        }
    }

    private static ObjectNode part(ContentBlock b) {
        ObjectNode p = Json.object();
        if (b instanceof ContentBlock.Text t) {
            p.put("type", "text").put("text", t.text());
        } else if (b instanceof ContentBlock.Image img) {
            String url = img.url() != null ? img.url()
                    : "data:" + img.mediaType() + ";base64," + img.base64Data();
            p.put("type", "image_url").putObject("image_url").put("url", url);
        }
        return p;
    }

    private static ObjectNode tool(Tool t) {
        ObjectNode o = Json.object().put("type", "function");
        ObjectNode fn = o.putObject("function").put("name", t.name());
        if (t.description() != null) {
            fn.put("description", t.description());
        }
        fn.set("parameters", t.parameters());
        if (t.strict() != null) {
            fn.put("strict", t.strict());
        }
        return o;
    }

    private static void toolChoice(ObjectNode root, ToolChoice c) {
        switch (c.mode()) {
            case AUTO -> root.put("tool_choice", "auto");
            case NONE -> root.put("tool_choice", "none");
            case ANY -> root.put("tool_choice", "required");
            case TOOL -> root.putObject("tool_choice").put("type", "function")
                    .putObject("function").put("name", c.name());
        }
    }

    private static ObjectNode responseFormat(ResponseFormat f) {
        ObjectNode o = Json.object();
        switch (f.type()) {
            case TEXT -> o.put("type", "text");
            case JSON_OBJECT -> o.put("type", "json_object");
            case JSON_SCHEMA -> {
                o.put("type", "json_schema");
                ObjectNode s = o.putObject("json_schema").put("name", f.name() == null ? "response" : f.name());
                if (f.schema() != null) {
                    s.set("schema", f.schema());
                }
                if (f.strict() != null) {
                    s.put("strict", f.strict());
                }
            }
        }
        return o;
    }
}
