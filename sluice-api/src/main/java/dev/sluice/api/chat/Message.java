package dev.sluice.api.chat;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation. System prompts are {@link Role#SYSTEM} messages at the head of the list; formats that
 * carry the system prompt apart (Anthropic, Bedrock) move them in and out in their codecs.
 *
 * @param name optional author name (OpenAI's {@code name}); null when absent
 */
public record Message(Role role, List<ContentBlock> content, String name) {

    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    public static Message system(String text) { return of(Role.SYSTEM, text); }

    public static Message user(String text) { return of(Role.USER, text); }

    public static Message assistant(String text) { return of(Role.ASSISTANT, text); }

    public static Message of(Role role, String text) {
        return new Message(role, List.of(new ContentBlock.Text(text)), null);
    }

    /** The concatenated text blocks of this message; empty when there are none. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
