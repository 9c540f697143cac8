package dev.sluice.openai;

import static dev.sluice.api.wire.WireTextReader.unreadable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.wire.WireText;
import dev.sluice.api.wire.WireTextReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts a guardrail checks in a {@code chat.completion}, read from its bytes: each choice's content (or its
 * refusal, when it has no content, as {@link OpenAiResponseCodec} reads it) and the string values of its tool calls'
 * arguments. Every choice is read, not only the first the canonical answer keeps: all of them reach the caller. Gives up
 * (null) on a shape the canonical decoder would read differently. Stateless.
 */
final class OpenAiAnswerTexts {

    private OpenAiAnswerTexts() { }

    static List<WireText> read(byte[] body) {
        WireTextReader texts = new WireTextReader();
        boolean read = WireTextReader.walk(body, (name, p) -> {
            if (name.equals("choices")) {
                WireTextReader.elements(p, choice -> each(choice, (field, v) -> {
                    if (field.equals("message")) {
                        message(v, texts);
                    }
                }));
            }
        });
        return read ? texts.texts() : null;
    }

    /** Adds one message's texts to {@code texts}; returns its refusal (null when it has none). */
    static String message(JsonParser p, WireTextReader texts) throws IOException {
        String[] content = {null};
        String[] refusal = {null};
        boolean[] nullContent = {true};
        List<String> arguments = new ArrayList<>(0);
        each(p, (name, v) -> {
            switch (name) {
                case "content" -> {
                    nullContent[0] = v.currentToken() == JsonToken.VALUE_NULL;
                    content[0] = nullContent[0] ? null : WireTextReader.string(v).text();
                }
                case "refusal" -> refusal[0] = JsonMembers.text(v);
                case "tool_calls" -> {
                    if (v.currentToken() != JsonToken.VALUE_NULL) {
                        WireTextReader.elements(v, call -> each(call, (field, fn) -> {
                            if (field.equals("function")) {
                                each(fn, (f, a) -> {
                                    if (f.equals("arguments")) {
                                        arguments.add(WireTextReader.string(a).text());
                                    }
                                });
                            }
                        }));
                    }
                }
                default -> { }
            }
        });
        if (content[0] != null && !content[0].isEmpty()) {
            texts.answerText(content[0]);
        } else if (nullContent[0]) {
            texts.answerText(refusal[0]);
        }
        arguments.forEach(texts::toolArguments);
        return refusal[0];
    }

    /** Walks the object the parser is on, refusing repeated members; gives up on any other value. */
    static void each(JsonParser p, JsonMembers.Visitor visitor) throws IOException {
        if (!WireTextReader.members(p, visitor)) {
            throw unreadable();
        }
    }
}
