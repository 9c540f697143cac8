package dev.sluice.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a request's key depends on, and the stored answer's own format. */
class CacheKeyTest {

    private static ChatRequest base() {
        return ChatRequest.builder().model("m").messages(List.of(Message.system("be brief"), Message.user("hi")))
                .maxTokens(100).build();
    }

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void streamingTheUsageOptionAndTheUserDoNotChangeTheKey() {
        String key = CacheKey.exact("team:a", base());
        assertThat(CacheKey.exact("team:a", base().toBuilder().stream(true).includeUsage(true).user("bob").build()))
                .isEqualTo(key).hasSize(64);
    }

    @Test
    void everythingThatChangesTheAnswerChangesTheKey() {
        String key = CacheKey.exact("team:a", base());
        assertThat(List.of(
                CacheKey.exact("team:b", base()),
                CacheKey.exact("team:a", base().withModel("n")),
                CacheKey.exact("team:a", base().withMessages(List.of(Message.system("be brief"),
                        Message.user("hi!")))),
                CacheKey.exact("team:a", base().withMessages(List.of(Message.user("hi")))),
                CacheKey.exact("team:a", base().toBuilder().maxTokens(101).build()),
                CacheKey.exact("team:a", base().toBuilder().temperature(0.0).build()),
                CacheKey.exact("team:a", base().toBuilder().topP(0.5).build()),
                CacheKey.exact("team:a", base().toBuilder().seed(1L).build()),
                CacheKey.exact("team:a", base().toBuilder().stop(List.of("END")).build()),
                CacheKey.exact("team:a", base().toBuilder().tools(List.of(new Tool("f", "d",
                        json("{\"type\":\"object\"}"), null))).build())))
                .doesNotContain(key).doesNotHaveDuplicates();
    }

    @Test
    void fieldsCannotBeShiftedIntoOneAnother() {
        ChatRequest ab = base().withMessages(List.of(Message.user("a"), Message.user("b")));
        ChatRequest joined = base().withMessages(List.of(new Message(dev.sluice.api.chat.Role.USER,
                List.of(new ContentBlock.Text("a"), new ContentBlock.Text("b")), null)));
        assertThat(CacheKey.exact("s", ab)).isNotEqualTo(CacheKey.exact("s", joined));
    }

    @Test
    void aSchemaCountsByContentWhateverTheOrderOfItsKeys() {
        ChatRequest one = base().toBuilder().tools(List.of(new Tool("f", "d",
                json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"), null))).build();
        ChatRequest two = base().toBuilder().tools(List.of(new Tool("f", "d",
                json("{\"properties\":{\"a\":{\"type\":\"string\"}},\"type\":\"object\"}"), null))).build();
        assertThat(CacheKey.exact("s", one)).isEqualTo(CacheKey.exact("s", two));
    }

    @Test
    void theSemanticContextLeavesOutOnlyTheLastUserMessage() {
        String context = CacheKey.semanticContext("s", base());
        assertThat(CacheKey.semanticContext("s", base().withMessages(List.of(Message.system("be brief"),
                Message.user("hello there"))))).isEqualTo(context);
        assertThat(CacheKey.semanticContext("s", base().withMessages(List.of(Message.system("be long"),
                Message.user("hi"))))).isNotEqualTo(context);
        assertThat(CacheKey.semanticContext("s", base().withMessages(List.of(Message.user("hi"),
                Message.assistant("hello"))))).as("the last message is not the user's").isNull();
        assertThat(CacheKey.turns(base())).isEqualTo(1);
    }

    @Test
    void aStoredAnswerReadsBackAsItWasAndFilteredAnswersAreNotStored() {
        ChatResponse answer = new ChatResponse("id-1", "gpt", List.of(new ContentBlock.Text("Paris."),
                new ContentBlock.ToolUse("call_1", "lookup", "{\"q\":\"x\"}")), StopReason.TOOL_USE, null,
                new Usage(21, 8, 3, 0, 1), 1_700_000_000L);
        StoredAnswer stored = new StoredAnswer(answer, 123L);
        assertThat(StoredAnswer.parse(stored.bytes())).isEqualTo(stored);
        assertThat(StoredAnswer.parse("not json".getBytes())).isNull();
        assertThat(StoredAnswer.storable(answer)).isTrue();
        for (StopReason r : List.of(StopReason.GUARDRAIL_INTERVENED, StopReason.CONTENT_FILTERED,
                StopReason.REFUSAL)) {
            assertThat(StoredAnswer.storable(new ChatResponse("i", "m", List.of(), r, null, null, 0))).isFalse();
        }
    }
}
