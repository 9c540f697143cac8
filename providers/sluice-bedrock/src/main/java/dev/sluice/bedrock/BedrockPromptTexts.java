package dev.sluice.bedrock;

import static dev.sluice.api.wire.WireTextReader.unreadable;

import com.fasterxml.jackson.core.JsonParser;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.wire.WirePrompt;
import dev.sluice.api.wire.WireTextReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The texts a guardrail checks in a Converse request, read from its bytes: the system blocks' text and
 * {@code guardContent}, and in user turns the text, {@code guardContent} and tool-result texts, as
 * {@link BedrockRequestDecoder} would decode them; assistant turns are not checked. Gives up (null) on anything the
 * decoder would refuse or drop, and on a tool result that is not at most one text (the decoder joins its parts and writes its
 * JSON parts out, so they are not one token): the caller then decodes. Stateless.
 */
final class BedrockPromptTexts {

    /**
     * The members {@link BedrockRequestDecoder} reads. A body with any other gives up: the decoder would drop it, and
     * on the fast path it would go upstream, carrying what the guardrail never saw ({@code promptVariables}), or asking
     * for what the answer's reader does not check ({@code additionalModelRequestFields}: reasoning, say).
     */
    private static final Set<String> MEMBERS = Set.of("messages", "system", "inferenceConfig", "toolConfig");

    /** The members of a message, of a tool result and of a {@code guardContent} text that the decoder reads. */
    private static final Set<String> MESSAGE_MEMBERS = Set.of("role", "content");
    private static final Set<String> INNER_MEMBERS = Set.of("toolUseId", "content", "status", "text", "qualifiers");

    private BedrockPromptTexts() { }

    static WirePrompt read(byte[] body) {
        WireTextReader texts = new WireTextReader();
        boolean[] messages = {false};
        boolean read = WireTextReader.walk(body, (name, p) -> {
            if (!MEMBERS.contains(name)) {
                throw unreadable();
            }
            if (name.equals("system")) {
                WireTextReader.elements(p, b -> texts.texts(Block.read(b).system()));
            } else if (name.equals("messages")) {
                messages[0] = true;
                WireTextReader.elements(p, m -> message(m, texts));
            }
        });
        return read && messages[0] ? new WirePrompt(body, texts.texts()) : null;
    }

    private static void message(JsonParser p, WireTextReader texts) throws IOException {
        String[] role = {null};
        List<Block> blocks = new ArrayList<>(2);
        boolean[] content = {false};
        boolean[] unknown = {false};
        boolean object = WireTextReader.members(p, (name, v) -> {
            unknown[0] |= !MESSAGE_MEMBERS.contains(name);
            if (name.equals("role")) {
                role[0] = JsonMembers.text(v);
            } else if (name.equals("content")) {
                content[0] = true;
                WireTextReader.elements(v, b -> blocks.add(Block.read(b)));
            }
        });
        if (!object || !content[0] || role[0] == null) {
            throw unreadable();
        }
        switch (role[0]) {
            case "user" -> {
                if (unknown[0] || blocks.stream().anyMatch(b -> b.unknown)) {
                    throw unreadable(); // a member the decoder drops would go upstream unchecked
                }
                blocks.forEach(b -> texts.texts(b.user()));
            }
            case "assistant" -> { }
            default -> throw unreadable();
        }
    }

    /** One content block as read: an object of exactly one member, its kind, and the text it holds for a guardrail. */
    private static final class Block {
        private String kind;
        private JsonMembers.StringToken text;
        private boolean unknown;

        static Block read(JsonParser p) throws IOException {
            Block b = new Block();
            if (!WireTextReader.members(p, b::member) || b.kind == null) {
                throw unreadable();
            }
            return b;
        }

        private void member(String name, JsonParser p) throws IOException {
            if (kind != null) {
                throw unreadable(); // the decoder refuses a block of more than one member
            }
            kind = name;
            switch (name) {
                case "text" -> text = WireTextReader.string(p);
                case "guardContent" -> WireTextReader.members(p, (field, t) -> {
                    unknown |= !field.equals("text");
                    if (field.equals("text")) {
                        WireTextReader.members(t, (f, v) -> {
                            unknown |= !INNER_MEMBERS.contains(f);
                            if (f.equals("text")) {
                                text = WireTextReader.string(v);
                            }
                        });
                    }
                });
                case "toolResult" -> WireTextReader.members(p, (field, c) -> {
                    unknown |= !INNER_MEMBERS.contains(field);
                    if (field.equals("content")) {
                        toolResult(c);
                    }
                });
                default -> { }
            }
        }

        /** A tool result's content: at most one text part, so that it stays one token. */
        private void toolResult(JsonParser p) throws IOException {
            int[] parts = {0};
            WireTextReader.elements(p, part -> {
                Block b = read(part);
                if (!b.kind.equals("text") || ++parts[0] > 1) {
                    throw unreadable();
                }
                text = b.text;
            });
        }

        List<JsonMembers.StringToken> system() {
            if (unknown) {
                throw unreadable();
            }
            return switch (kind) {
                case "text", "guardContent" -> required();
                case "cachePoint" -> List.of();
                default -> throw unreadable();
            };
        }

        List<JsonMembers.StringToken> user() {
            return switch (kind) {
                case "text", "guardContent" -> required();
                case "toolResult" -> text == null ? List.of() : List.of(text);
                case "image", "cachePoint", "reasoningContent" -> List.of();
                default -> throw unreadable(); // toolUse in a user turn, documents, unknown kinds: the decoder says
            };
        }

        private List<JsonMembers.StringToken> required() {
            if (text == null) {
                throw unreadable();
            }
            return List.of(text);
        }
    }
}
