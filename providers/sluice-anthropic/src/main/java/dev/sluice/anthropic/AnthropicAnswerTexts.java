package dev.sluice.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.wire.WireText;
import dev.sluice.api.wire.WireTextReader;
import java.io.IOException;
import java.util.List;

/**
 * The texts a guardrail checks in a whole Messages answer, read from its bytes: the text blocks and the string values
 * of the tool calls' {@code input}, as {@link AnthropicResponseCodec} reads them (thinking and server-tool blocks have
 * no canonical form and are not checked). Gives up (null) on a block that is not an object. Stateless.
 */
final class AnthropicAnswerTexts {

    private AnthropicAnswerTexts() { }

    static List<WireText> read(byte[] body) {
        WireTextReader texts = new WireTextReader();
        boolean read = WireTextReader.walk(body, (name, p) -> {
            if (name.equals("content")) {
                WireTextReader.elements(p, block -> block(block, texts));
            }
        });
        return read ? texts.texts() : null;
    }

    /** Adds one content block's texts to {@code texts}. */
    static void block(JsonParser p, WireTextReader texts) throws IOException {
        String[] type = {null};
        String[] text = {null};
        JsonNode[] input = {null};
        if (!WireTextReader.members(p, (name, v) -> {
            switch (name) {
                case "type" -> type[0] = JsonMembers.text(v);
                case "text" -> text[0] = JsonMembers.text(v);
                case "input" -> input[0] = WireTextReader.object(v);
                default -> { }
            }
        })) {
            throw WireTextReader.unreadable();
        }
        if ("text".equals(type[0])) {
            texts.answerText(text[0]);
        } else if ("tool_use".equals(type[0]) && input[0] != null) {
            texts.toolArguments(input[0]);
        }
    }
}
