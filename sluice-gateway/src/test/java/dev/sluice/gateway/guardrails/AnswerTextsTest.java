package dev.sluice.gateway.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.guardrails.apply.TextBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerTextsTest {

    private static ChatResponse answer(ContentBlock... content) {
        return new ChatResponse("id", "m", List.of(content), StopReason.TOOL_USE, null, Usage.EMPTY, 0);
    }

    @Test
    void textAndEveryStringInsideToolArgumentsAreCheckedInOrder() {
        AnswerTexts texts = new AnswerTexts(answer(new ContentBlock.Text("Sending now."),
                new ContentBlock.ToolUse("t1", "send", "{\"to\": [\"a@b.co\", 3], \"body\": {\"text\": \"hi\"}}")));
        assertThat(texts.blocks()).extracting(TextBlock::text).containsExactly("Sending now.", "a@b.co", "hi");
    }

    @Test
    void maskedArgumentsStayValidJsonWithOnlyTheirValuesReplaced() {
        AnswerTexts texts = new AnswerTexts(answer(new ContentBlock.Text("Sending now."),
                new ContentBlock.ToolUse("t1", "send", "{\"to\": [\"a@b.co\", 3], \"n\": 1}")));
        ChatResponse masked = texts.replaced(List.of("Sending now.", "{EMAIL}"));
        assertThat(masked.content().get(1)).isEqualTo(new ContentBlock.ToolUse("t1", "send",
                "{\"to\":[\"{EMAIL}\",3],\"n\":1}"));
    }

    @Test
    void argumentsThatAreNotJsonAreCheckedWhole() {
        AnswerTexts texts = new AnswerTexts(answer(new ContentBlock.ToolUse("t1", "send", "to a@b.co")));
        assertThat(texts.blocks()).extracting(TextBlock::text).containsExactly("to a@b.co");
        assertThat(texts.replaced(List.of("to {EMAIL}")).content().getFirst())
                .isEqualTo(new ContentBlock.ToolUse("t1", "send", "to {EMAIL}"));
    }
}
