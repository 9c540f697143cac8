package dev.sluice.guardrails.words;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.internal.Words;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped list is well formed: lower case, one word or phrase per line, no duplicates. */
class ProfanityListTest {

    @Test
    void theListLoadsFromTheModulesResources() {
        assertThat(ProfanityList.load()).hasSizeGreaterThan(50).contains("fuck", "shit", "son of a bitch");
    }

    @Test
    void everyEntryIsLowerCaseWordsWithoutDuplicates() {
        List<String> words = ProfanityList.load();
        assertThat(words).doesNotHaveDuplicates();
        for (String word : words) {
            assertThat(String.join(" ", Words.keys(word))).as(word).isEqualTo(word);
        }
    }
}
