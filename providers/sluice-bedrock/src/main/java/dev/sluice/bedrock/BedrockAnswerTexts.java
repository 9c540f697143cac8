package dev.sluice.bedrock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.wire.WireText;
import dev.sluice.api.wire.WireTextReader;
import java.io.IOException;
import java.util.List;

/**
 * The texts a guardrail checks in a whole Converse answer, read from its bytes: {@code output.message.content}'s text
 * blocks and the string values of its tool calls' {@code input}, as {@link BedrockResponseCodec} reads them
 * (reasoning and citations have no canonical form and are not checked). Gives up (null) on a tool input that is not
 * an object. Stateless.
 */
final class BedrockAnswerTexts {

    private BedrockAnswerTexts() { }

    static List<WireText> read(byte[] body) {
        WireTextReader texts = new WireTextReader();
        boolean read = WireTextReader.walk(body, (name, p) -> {
            if (name.equals("output")) {
                WireTextReader.members(p, (field, m) -> {
                    if (field.equals("message")) {
                        WireTextReader.members(m, (f, c) -> {
                            if (f.equals("content")) {
                                WireTextReader.elements(c, block -> WireTextReader.members(block,
                                        (kind, v) -> block(kind, v, texts)));
                            }
                        });
                    }
                });
            }
        });
        return read ? texts.texts() : null;
    }

    /** Adds the texts of one content block member ({@code kind}) to {@code texts}. */
    static void block(String kind, JsonParser p, WireTextReader texts) throws IOException {
        if (kind.equals("text")) {
            texts.answerText(JsonMembers.text(p));
        } else if (kind.equals("toolUse")) {
            WireTextReader.members(p, (field, v) -> {
                if (field.equals("input") && v.currentToken() != JsonToken.VALUE_NULL) {
                    JsonNode input = WireTextReader.object(v);
                    if (input == null) {
                        throw WireTextReader.unreadable();
                    }
                    texts.toolArguments(input);
                }
            });
        }
    }
}
