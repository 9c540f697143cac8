package dev.sluice.guardrails.words;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.words.WordFinding.WordList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom words and the managed profanity list: whole words, any case, any width, through zero-width characters. */
class WordFilterTest {

    private static List<String> matches(WordFilter filter, String text) {
        return filter.check(text).findings().stream().map(WordFinding::match).toList();
    }

    @Test
    void customWordsMatchWholeWordsIgnoringCase() {
        WordFilter f = new WordFilter(WordPolicy.blocking(List.of("falcon")));
        assertThat(matches(f, "Project FALCON ships; Falcon's team too; falconry does not count."))
                .containsExactly("FALCON", "Falcon");
    }

    @Test
    void aBlockedWordBlocksTheTextAndReportsWhereItIs() {
        String text = "tell me about falcon";
        WordFilterResult r = new WordFilter(WordPolicy.blocking(List.of("falcon"))).check(text);
        assertThat(r.verdict()).isEqualTo(Verdict.BLOCKED);
        WordFinding f = r.findings().get(0);
        assertThat(text.substring(f.start(), f.end())).isEqualTo("falcon");
        assertThat(f.list()).isEqualTo(WordList.CUSTOM);
        assertThat(f.action()).isEqualTo(Action.BLOCK);
    }

    @Test
    void phrasesMatchWhateverSpacingOrPunctuationSeparatesTheirWords() {
        WordFilter f = new WordFilter(WordPolicy.blocking(List.of("internal only")));
        assertThat(matches(f, "This is INTERNAL-ONLY, and internal\n\tonly, but not internally only."))
                .containsExactly("INTERNAL-ONLY", "internal\n\tonly");
    }

    @Test
    void caseFoldingIsUnicodeAware() {
        WordFilter f = new WordFilter(WordPolicy.blocking(List.of("straße", "ÉCOLE")));
        assertThat(matches(f, "Die STRASSE und die Straße; l'école")).containsExactly("STRASSE", "Straße", "école");
    }

    @Test
    void fullWidthLettersAndZeroWidthCharactersDoNotHideAWord() {
        WordFilter f = new WordFilter(WordPolicy.blocking(List.of("falcon")));
        assertThat(matches(f, "ｆａｌｃｏｎ and fal\u200Bcon and fal\u00ADcon"))
                .containsExactly("ｆａｌｃｏｎ", "fal\u200Bcon", "fal\u00ADcon");
    }

    @Test
    void wordsInOtherScriptsMatchWhole() {
        WordFilter f = new WordFilter(WordPolicy.blocking(List.of("секрет", "機密")));
        assertThat(matches(f, "это секрет, не секретарь; 機密 です")).containsExactly("секрет", "機密");
    }

    @Test
    void theShippedProfanityListMatchesWholeWordsOnly() {
        WordFilter f = new WordFilter(WordPolicy.profanityBlocked());
        WordFilterResult r = f.check("What the fuck, that's bullshit. Scunthorpe and the class assessment are fine.");
        assertThat(r.findings()).extracting(WordFinding::match).containsExactly("fuck", "bullshit");
        assertThat(r.findings()).extracting(WordFinding::list).containsOnly(WordList.PROFANITY);
        assertThat(r.verdict()).isEqualTo(Verdict.BLOCKED);
    }

    @Test
    void theProfanityListIsOffUnlessAsked() {
        WordFilter f = new WordFilter(WordPolicy.blocking(List.of("falcon")));
        assertThat(f.check("fuck").findings()).isEmpty();
    }

    @Test
    void noneReportsWithoutBlocking() {
        WordFilter f = new WordFilter(new WordPolicy(List.of("falcon"), Action.NONE, true, Action.NONE));
        WordFilterResult r = f.check("falcon shit");
        assertThat(r.findings()).hasSize(2);
        assertThat(r.verdict()).isEqualTo(Verdict.NONE);
    }

    @Test
    void aWordOnBothListsCountsAsCustom() {
        WordFilter f = new WordFilter(new WordPolicy(List.of("shit"), Action.NONE, true, Action.BLOCK));
        WordFilterResult r = f.check("oh shit");
        assertThat(r.findings()).extracting(WordFinding::list).containsExactly(WordList.CUSTOM);
        assertThat(r.verdict()).isEqualTo(Verdict.NONE);
    }

    @Test
    void overlappingMatchesKeepTheLeftmostLongest() {
        WordFilter f = new WordFilter(WordPolicy.blocking(List.of("red", "red alert", "alert level")));
        assertThat(matches(f, "red alert level")).containsExactly("red alert");
    }

    @Test
    void anonymizeIsRefusedForWordFilters() {
        assertThatThrownBy(() -> new WordPolicy(List.of("x"), Action.ANONYMIZE, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wordsAction");
        assertThatThrownBy(() -> new WordPolicy(List.of(), null, true, Action.ANONYMIZE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("profanityAction");
    }

    @Test
    void aWordWithoutLettersOrDigitsIsRefusedByName() {
        assertThatThrownBy(() -> new WordFilter(WordPolicy.blocking(List.of("ok", "!!!"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'!!!'");
        assertThatThrownBy(() -> WordPolicy.blocking(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("words");
    }
}
