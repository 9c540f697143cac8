package dev.sluice.guardrails.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
    void aTextNeedNotBeCutToKnowThatItHoldsNoPhraseButWhatIsFoundIsTheSame() {
        PhraseMatcher.Builder<String> b = PhraseMatcher.builder();
        for (String phrase : List.of("son of a gun", "project falcon", "a b", "x9", "straße", "ＦＵＬＬ stop", "of")) {
            b.add(phrase, phrase);
        }
        PhraseMatcher<String> matcher = b.build();
        Random random = new Random(16);
        String[] words = {"son", "of", "a", "gun", "project", "Falcon", "b", "x9", "x", "9", "STRASSE", "straße",
                "full", "ｆｕｌｌ", "stop", "zz", "\u200B", "é"};
        String[] separators = {" ", "-", ".", "", "\n", "\u0000"};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder t = new StringBuilder();
            for (int k = random.nextInt(9); k > 0; k--) {
                t.append(words[random.nextInt(words.length)]).append(separators[random.nextInt(separators.length)]);
            }
            String text = t.toString();
            List<String> expected = matcher.find(text).stream().map(Object::toString).toList(); // every word read
            assertThat(matcher.find(WordCut.of(text)).stream().map(Object::toString).toList()).as(text)
                    .isEqualTo(expected);
            List<String> sunk = new ArrayList<>();
            matcher.find(WordCut.of(text), 0, Integer.MAX_VALUE,
                    (start, end, payload) -> sunk.add(new PhraseMatcher.Hit<>(start, end, payload).toString()));
            assertThat(sunk).as(text).isEqualTo(expected);
        }
    }

    @Test
    void aPhraseIsLookedForOnlyWhereItsLongestWordIs() {
        PhraseMatcher.Builder<String> b = PhraseMatcher.builder();
        b.add("son of a gun", "x");
        PhraseMatcher<String> matcher = b.build();
        WordCut cut = WordCut.of("The capital of France is a city.");
        assertThat(matcher.find(cut)).isEmpty();
        assertThat(cut.wasCut()).isFalse(); // "of" and "a" are words of the phrase, but "son" and "gun" are not here
        WordCut gun = WordCut.of("a gun of a son");
        assertThat(matcher.find(gun)).isEmpty();
        assertThat(gun.wasCut()).isTrue();
    }

    @Test
    void aPhraseWithoutWordsIsNotAdded() {
        assertThat(PhraseMatcher.<String>builder().add("?!", "x")).isFalse();
    }

    @Test
    void oneWordCutReadByManyMatchersFindsWhatEachFindsInTheText() {
        PhraseMatcher.Builder<String> a = PhraseMatcher.builder();
        a.add("new york", "city");
        a.add("café", "shop");
        a.add("foo", "word");
        PhraseMatcher.Builder<String> b = PhraseMatcher.builder();
        b.add("york new", "odd");
        b.add("STRASSE", "street");
        String text = "New York new \uFF59ork, CAFE\u0301 f\u200Boo a\u0000b Straße \uD800 averyveryveryverylongword";
        WordCut cut = WordCut.of(text);
        for (PhraseMatcher<String> m : List.of(a.build(), b.build())) {
            assertThat(m.find(cut)).isEqualTo(m.find(text));
        }
        assertThat(a.build().find(cut)).extracting(PhraseMatcher.Hit::payload)
                .containsExactly("city", "city", "shop", "word");
        assertThat(b.build().find(cut)).extracting(PhraseMatcher.Hit::payload).containsExactly("odd", "street");
    }

    @Test
    void aRangeOfACutHoldsTheWholeWordsThatStartInIt() {
        PhraseMatcher.Builder<String> b = PhraseMatcher.builder();
        b.add("password", "cue");
        String text = "mypassword password";
        List<String> found = new ArrayList<>();
        b.build().find(WordCut.of(text), 2, 11, (s, e, p) -> found.add(s + "-" + e));
        assertThat(found).isEmpty(); // the range starts inside "mypassword": that word is not cut to "password"
        b.build().find(WordCut.of(text), 0, 12, (s, e, p) -> found.add(s + "-" + e));
        assertThat(found).containsExactly("11-19");
    }
}
