package dev.sluice.openai;

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
 * The texts a guardrail checks in a Chat Completions request, read from its bytes: the content of system, developer
 * and user messages (a string, or each text part) and of tool messages, as {@link OpenAiMessageDecoder} would decode
 * them; assistant turns are not checked. Gives up (null) on anything the decoder would refuse or drop, and on a text
 * that is not one string token (a tool message of several parts, which the decoder joins): the caller then decodes.
 * Stateless.
 */
final class OpenAiPromptTexts {

    /**
     * The members {@link OpenAiRequestDecoder} reads. A body with any other gives up: the decoder would drop it, and
     * on the fast path it would go upstream, carrying what the guardrail never saw (a {@code prediction}, or an
     * {@code audio} modality whose transcript the answer's reader does not check).
     */
    private static final Set<String> MEMBERS = Set.of("model", "messages", "n", "max_completion_tokens",
            "max_tokens", "stream", "stream_options", "tools", "tool_choice", "parallel_tool_calls", "response_format",
            "temperature", "top_p", "stop", "seed", "user");

    /** The members of a checked (not assistant) message that the decoder reads. */
    private static final Set<String> MESSAGE_MEMBERS = Set.of("role", "content", "name", "tool_call_id");

    private OpenAiPromptTexts() { }

    static WirePrompt read(byte[] body) {
        WireTextReader texts = new WireTextReader();
        boolean[] messages = {false};
        boolean read = WireTextReader.walk(body, (name, p) -> {
            if (!MEMBERS.contains(name)) {
                throw unreadable();
            }
            if (name.equals("messages")) {
                messages[0] = true;
                WireTextReader.elements(p, m -> message(m, texts));
            }
        });
        return read && messages[0] ? new WirePrompt(body, texts.texts()) : null;
    }

    private static void message(JsonParser p, WireTextReader texts) throws IOException {
        Message m = new Message();
        if (!WireTextReader.members(p, m::member)) {
            throw unreadable();
        }
        m.addTo(texts);
    }

    /** One message as read; its members come in any order, so its texts are kept until its role is known. */
    private static final class Message {
        private String role;
        private boolean content;
        private boolean parts;
        private boolean images;
        private boolean unknown;
        private final List<JsonMembers.StringToken> texts = new ArrayList<>(2);

        void member(String name, JsonParser p) throws IOException {
            unknown |= !MESSAGE_MEMBERS.contains(name);
            if (name.equals("role")) {
                role = JsonMembers.text(p);
            } else if (name.equals("content")) {
                content = p.currentToken() != JsonToken.VALUE_NULL;
                if (p.currentToken() == JsonToken.VALUE_STRING) {
                    texts.add(JsonMembers.string(p));
                } else if (content) {
                    parts = true;
                    WireTextReader.elements(p, this::part);
                }
            }
        }

        private void part(JsonParser p) throws IOException {
            String[] type = {null};
            JsonMembers.StringToken[] text = {null};
            boolean object = WireTextReader.members(p, (name, v) -> {
                if (name.equals("type")) {
                    type[0] = JsonMembers.text(v);
                } else if (name.equals("text")) {
                    text[0] = WireTextReader.string(v);
                }
            });
            if (object && "text".equals(type[0]) && text[0] != null) {
                texts.add(text[0]);
            } else if (object && "image_url".equals(type[0])) {
                images = true;
            } else {
                throw unreadable();
            }
        }

        void addTo(WireTextReader out) {
            if (role == null) {
                throw unreadable();
            }
            if (unknown && !role.equals("assistant")) {
                throw unreadable(); // a member the decoder drops would go upstream unchecked
            }
            switch (role) {
                case "assistant" -> { }
                case "user" -> checked(out, content);
                case "system", "developer" -> checked(out, content && !images);
                case "tool" -> checked(out, content && !images && (!parts || texts.size() <= 1));
                default -> throw unreadable();
            }
        }

        private void checked(WireTextReader out, boolean readable) {
            if (!readable) {
                throw unreadable();
            }
            out.texts(texts);
        }
    }
}
