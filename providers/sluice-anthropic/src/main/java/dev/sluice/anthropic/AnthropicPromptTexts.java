package dev.sluice.anthropic;

import static dev.sluice.api.wire.WireTextReader.unreadable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.wire.WirePrompt;
import dev.sluice.api.wire.WireTextReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The texts a guardrail checks in a Messages request, read from its bytes: the system prompt (a string or text
 * blocks), and in user turns the text blocks and the tool results' content, as {@link AnthropicRequestDecoder} would
 * decode them; assistant turns are not checked. Gives up (null) on anything the decoder would refuse, drop or read
 * otherwise, and on a tool result of several text blocks (the decoder joins them, so they are not one token): the
 * caller then decodes. Stateless.
 */
final class AnthropicPromptTexts {

    /**
     * The members {@link AnthropicRequestDecoder} reads. A body with any other gives up: the decoder would drop it,
     * and on the fast path it would go upstream, carrying what the guardrail never saw (or asking for {@code
     * thinking}, whose text the answer's reader does not check).
     */
    private static final Set<String> MEMBERS = Set.of("model", "max_tokens", "system", "messages", "tools",
            "tool_choice", "stop_sequences", "temperature", "top_p", "top_k", "metadata", "stream");

    /** The members of a message and of a user turn's block that the decoder reads. */
    private static final Set<String> MESSAGE_MEMBERS = Set.of("role", "content");
    private static final Set<String> BLOCK_MEMBERS = Set.of("type", "text", "cache_control", "source",
            "tool_use_id", "content", "is_error", "id", "name", "input");

    private AnthropicPromptTexts() { }

    static WirePrompt read(byte[] body) {
        WireTextReader texts = new WireTextReader();
        boolean[] messages = {false};
        boolean read = WireTextReader.walk(body, (name, p) -> {
            if (!MEMBERS.contains(name)) {
                throw unreadable();
            }
            if (name.equals("system")) {
                texts.texts(system(p));
            } else if (name.equals("messages")) {
                messages[0] = true;
                WireTextReader.elements(p, m -> message(m, texts));
            }
        });
        return read && messages[0] ? new WirePrompt(body, texts.texts()) : null;
    }

    /** A system prompt: a string, or blocks that must all be text. */
    private static List<JsonMembers.StringToken> system(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return List.of(JsonMembers.string(p));
        }
        List<JsonMembers.StringToken> out = new ArrayList<>(1);
        WireTextReader.elements(p, b -> {
            Block block = Block.read(b);
            if (!block.type.equals("text") || block.text == null || block.unknown) {
                throw unreadable();
            }
            out.add(block.text);
        });
        return out;
    }

    private static void message(JsonParser p, WireTextReader texts) throws IOException {
        String[] role = {null};
        List<JsonMembers.StringToken> found = new ArrayList<>(2);
        boolean[] content = {false};
        boolean[] toolUse = {false};
        boolean[] unknown = {false};
        boolean object = WireTextReader.members(p, (name, v) -> {
            unknown[0] |= !MESSAGE_MEMBERS.contains(name);
            if (name.equals("role")) {
                role[0] = JsonMembers.text(v);
            } else if (name.equals("content")) {
                content[0] = true;
                if (v.currentToken() == JsonToken.VALUE_STRING) {
                    found.add(JsonMembers.string(v));
                } else {
                    WireTextReader.elements(v, b -> {
                        Block block = Block.read(b);
                        toolUse[0] |= block.type.equals("tool_use");
                        unknown[0] |= block.unknown;
                        found.addAll(block.checked());
                    });
                }
            }
        });
        if (!object || !content[0] || role[0] == null) {
            throw unreadable();
        }
        switch (role[0]) {
            case "user" -> {
                if (toolUse[0] || unknown[0]) {
                    throw unreadable(); // the decoder refuses a tool call here, and drops members it does not read
                }
                texts.texts(found);
            }
            case "assistant" -> { } // not checked; its blocks were read only as far as needed to skip them
            default -> throw unreadable();
        }
    }

    /** One content block as read: its type, its text, and a tool result's content. */
    private static final class Block {
        private String type;
        private JsonMembers.StringToken text;
        private List<JsonMembers.StringToken> content = List.of();
        private boolean other;
        private boolean unknown;

        static Block read(JsonParser p) throws IOException {
            Block b = new Block();
            if (!WireTextReader.members(p, b::member) || b.type == null) {
                throw unreadable();
            }
            return b;
        }

        private void member(String name, JsonParser p) throws IOException {
            unknown |= !BLOCK_MEMBERS.contains(name);
            switch (name) {
                case "type" -> type = JsonMembers.text(p);
                case "text" -> text = JsonMembers.string(p);
                case "content" -> content(p);
                default -> { }
            }
        }

        /** A tool result's content: a string, or text blocks (one at most, to stay one token). */
        private void content(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                content = List.of(JsonMembers.string(p));
                return;
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                other = true;
                p.skipChildren();
                return;
            }
            List<JsonMembers.StringToken> parts = new ArrayList<>(1);
            WireTextReader.elements(p, part -> {
                Block b = read(part);
                if (!b.type.equals("text") || b.text == null) {
                    throw unreadable();
                }
                unknown |= b.unknown;
                parts.add(b.text);
            });
            if (parts.size() > 1) {
                throw unreadable();
            }
            content = parts;
        }

        /**
         * What a user turn's block gives the guardrail; {@link WireTextReader#unreadable} for a block a user turn
         * cannot hold or that the decoder refuses. (In an assistant turn the result is ignored, but a shape this
         * does not know still gives up, as the decoder would refuse it.)
         */
        List<JsonMembers.StringToken> checked() {
            return switch (type) {
                case "text" -> {
                    if (text == null) {
                        throw unreadable();
                    }
                    yield List.of(text);
                }
                case "tool_result" -> {
                    if (other) {
                        throw unreadable();
                    }
                    yield content;
                }
                case "image", "tool_use" -> List.of();
                default -> throw unreadable();
            };
        }
    }
}
