package dev.sluice.guardrails.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Words as a reader sees them, and phrases found among them in one pass. */
class PhraseMatcherTest {

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Words.scan(text, 100, (s, e, key) -> out.add(text.substring(s, e) + "=" + key));
        return out;
    }

    @Test
    void wordsAreRunsOfLettersDigitsAndMarksWithFoldedKeys() {
        assertThat(words("Hello, WORLD 42x café")).containsExactly("Hello=hello", "WORLD=world", "42x=42x",
                "café=café");
    }

    @Test
    void combiningMarksStayInTheirWordAndNormaliseAway() {
        assertThat(words("cafe\u0301!")).containsExactly("cafe\u0301=café");
    }

    @Test
    void controlCharactersAndLoneSurrogatesSeparateWords() {
        assertThat(words("a\u0000b\uD800c")).containsExactly("a=a", "b=b", "c=c");
    }

    @Test
    void aWordLongerThanAskedHasNoKey() {
        List<String> keys = new ArrayList<>();
        Words.scan("short averyveryverylongword", 10, (s, e, key) -> keys.add(String.valueOf(key)));
        assertThat(keys).containsExactly("short", "null");
    }

    @Test
    void everyOccurrenceIsFoundInTheOrderOfItsEndIncludingOverlappingOnes() {
        PhraseMatcher.Builder<String> b = PhraseMatcher.builder();
        b.add("new york", "city");
        b.add("york", "town");
        b.add("new york new", "odd");
        String text = "New York, new York new york";
        List<String> found = PhraseMatcher.<String>builder().build().find(text).stream().map(Object::toString)
                .toList();
        assertThat(found).isEmpty();
        assertThat(b.build().find(text)).extracting(h -> text.substring(h.start(), h.end()) + ":" + h.payload())
                .containsExactly("New York:city", "York:town", "New York, new:odd", "new York:city", "York:town",
                        "new York new:odd", "new york:city", "york:town");
    }

    @Test
    void aPhraseWithoutWordsIsNotAdded() {
        assertThat(PhraseMatcher.<String>builder().add("?!", "x")).isFalse();
    }
}
