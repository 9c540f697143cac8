package dev.sluice.guardrails.topics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.sluice.guardrails.corpus.LabelledText;
import dev.sluice.guardrails.corpus.TopicScoring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPiecesTest {

    private static final WordPieces PIECES = new WordPieces(BatchEncoder.vocabulary());

    @Test
    void theJavaWordPiecesAreTheNativeTokenizersOnEveryKindOfText() {
        List<String> texts = new ArrayList<>(TopicScoring.TEXTS.stream().map(LabelledText::text).toList());
        texts.addAll(List.of(
                "Café déjà vu: naïve façade, Ångström and Œuvre!",
                "東京で株を買うべきですか？ 我应该买股票吗。",
                "tabs\tand\r\nnew lines, zero\u200bwidth and soft\u00adhyphen",
                "e-mail ann@example.com, call +1 (555) 201-3344; card 4242-4242-4242-4242.",
                "emoji 🚀📈 and unknowns like ⟁⟁ and a " + "x".repeat(120) + " long word",
                "“Quoted” ‘text’ — with dashes – and ellipsis… «guillemets» ¿qué?",
                "UPPER lower MiXeD 1234567890 3.14 $100 50% #tag @user under_score",
                "", "   ", "Привет, как дела? Ελληνικά κείμενα."));
        try (HuggingFaceTokenizer nativeTokenizer = BatchEncoder.tokenizer(Map.of("padding", "false",
                "truncation", "false"))) {
            for (String text : texts) {
                long[] expected = nativeTokenizer.encode(text, false, false).getIds();
                List<Integer> got = new ArrayList<>();
                PIECES.pieces(text, got::add);
                assertThat(got).as(text).containsExactlyElementsOf(Arrays.stream(expected).mapToObj(i -> (int) i)
                        .toList());
            }
        }
    }
}
