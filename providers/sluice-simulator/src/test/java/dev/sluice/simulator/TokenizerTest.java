package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.Message;
import dev.sluice.testkit.Calls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Counting runs on the call's event loop, so it is exact only up to {@link Tokenizer#EXACT_BYTES} of a request's text
 * and estimated beyond. The deadlines below are guards against a regression to unbounded BPE on the loop (5 MB of one
 * letter took jtokkit 93 s and ran out of memory), not benchmarks: they are many times what the bounded code needs on
 * a slow machine, and far below what the unbounded code takes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenizerTest {

    private static final int FIVE_MB = 5 * 1024 * 1024;
    private static final Duration GUARD = Duration.ofSeconds(2);

    private final Tokenizer tokenizer = new Tokenizer(EncodingType.O200K_BASE);
    private final Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private static ChatRequest prompt(String... userTexts) {
        return ChatRequest.builder().model("sim-upstream")
                .messages(java.util.Arrays.stream(userTexts).map(Message::user).toList()).build();
    }

    @Test
    void aFiveMegabytePromptIsCountedInBoundedTimeExactlyUpToTheAllowanceAndEstimatedBeyond() {
        String prompt = "a".repeat(FIVE_MB);
        int count = assertTimeoutPreemptively(GUARD, () -> tokenizer.countInput(prompt(prompt)));
        int head = o200k.countTokensOrdinary("a".repeat(Tokenizer.EXACT_BYTES));
        int tail = (FIVE_MB - Tokenizer.EXACT_BYTES) / TokenEstimate.BYTES_PER_TOKEN;
        assertThat(count).isEqualTo(Tokenizer.REPLY_PRIMING + Tokenizer.PER_MESSAGE + head + tail);
    }

    @Test
    void aFiveMegabytePromptIsAnsweredInBoundedTime() {
        SimulatorProvider provider = Simulators.provider();
        ChatRequest request = Simulators.ask("b".repeat(FIVE_MB)).toBuilder().maxTokens(4).build();
        ChatResponse response = assertTimeoutPreemptively(GUARD,
                () -> Calls.chat(provider, request, Simulators.attempt("{}")));
        assertThat(response.usage().inputTokens()).isGreaterThan(FIVE_MB / 8);
        assertThat(response.usage().outputTokens()).isEqualTo(4);
    }

    @Test
    void aFiveMegabyteAnswerIsSplitInBoundedTimeIntoChunksThatKeepTheText() {
        String text = "Grüße, 👋🏽 world. ".repeat(FIVE_MB / 20);
        Tokenizer.Tokens tokens = assertTimeoutPreemptively(GUARD, () -> tokenizer.split(text, Integer.MAX_VALUE));
        assertThat(tokens.count()).isEqualTo(tokenizer.count(text));
        assertThat(tokens.truncated()).isFalse();
        assertThat(tokens.text()).isEqualTo(text);
        assertThat(tokens.chunks().get(tokens.chunks().size() / 2)).doesNotContain("\uFFFD");
    }

    @Test
    void textWithinTheAllowanceIsCountedExactly() {
        String prose = "The quick brown fox jumps over the lazy dog. ".repeat(1400); // about 62 KiB
        assertThat(prose.length()).isLessThanOrEqualTo(Tokenizer.EXACT_BYTES);
        assertThat(tokenizer.count(prose)).isEqualTo(o200k.countTokensOrdinary(prose));
    }

    @Test
    void theAllowanceIsSharedByAllTheTextOfARequest() {
        int each = 40 * 1024;
        String x = "x".repeat(each);
        int exactOfSecond = Tokenizer.EXACT_BYTES - each;
        int expected = Tokenizer.REPLY_PRIMING + 2 * Tokenizer.PER_MESSAGE + o200k.countTokensOrdinary(x)
                + o200k.countTokensOrdinary(x.substring(0, exactOfSecond))
                + (each - exactOfSecond) / TokenEstimate.BYTES_PER_TOKEN;
        assertThat(tokenizer.countInput(prompt(x, x))).isEqualTo(expected);
    }

    @Test
    void aSplitBeyondTheAllowanceStopsAtItsLimit() {
        String text = "y".repeat(Tokenizer.EXACT_BYTES + 400);
        int head = o200k.countTokensOrdinary("y".repeat(Tokenizer.EXACT_BYTES));
        Tokenizer.Tokens tokens = tokenizer.split(text, head + 10);
        assertThat(tokens.count()).isEqualTo(head + 10);
        assertThat(tokens.truncated()).isTrue();
        assertThat(tokens.text()).hasSize(Tokenizer.EXACT_BYTES + 10 * TokenEstimate.BYTES_PER_TOKEN);
        assertThat(tokens.chunks().getLast()).isEqualTo("yyyy");
    }

    @Test
    void estimatedRunsHoldWholeCharactersOfAtLeastFourBytes() {
        assertThat(TokenEstimate.split("abcdefghi", 0, 10).chunks()).containsExactly("abcd", "efgh", "i");
        assertThat(TokenEstimate.split("日本語のテ", 0, 10).chunks()).containsExactly("日本", "語の", "テ");
        assertThat(TokenEstimate.split("👋🏽ab", 0, 10).chunks()).containsExactly("👋", "🏽", "ab");
        assertThat(TokenEstimate.count("日本語のテ", 0)).isEqualTo(3);
        assertThat(List.of(TokenEstimate.count("", 0), TokenEstimate.count("abc", 3))).containsOnly(0);
    }
}
