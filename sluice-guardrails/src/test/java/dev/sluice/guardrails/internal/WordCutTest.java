package dev.sluice.guardrails.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordCutTest {

    /** The spans and keys of {@link Words}, which every matcher of a cut must agree with. */
    private static List<String> expected(String text) {
        List<String> out = new ArrayList<>();
        Words.spans(text, 0, text.length(), (s, e) -> out.add(s + "-" + e + ":" + Words.key(text, s, e, null)));
        return out;
    }

    private static List<String> cut(String text) {
        WordCut cut = WordCut.of(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cut.size(); i++) {
            out.add(cut.start(i) + "-" + cut.end(i) + ":" + cut.key(i, null, Integer.MAX_VALUE));
        }
        return out;
    }

    @Test
    void cutsTheWordsThatWordsFindsWithTheSameKeys() {
        for (String text : List.of("", "   ", "Hello, World!", "e-mail ann@example.com or call 555-201-3344.",
                "f\u200Bool", "fool\u200B bar", "\u200Bfool", "STRASSE straße", "ｆｕｌｌ width", "naïve café",
                "𝐛𝐨𝐥𝐝 𝟏𝟐𝟑 and 😀 emoji", "a\uD800", "\uDC00b", "x\u0301y", "tab\tnew\nline", "ÅNGSTRÖM\u00ADUNIT")) {
            assertThat(cut(text)).as(text).isEqualTo(expected(text));
        }
    }

    @Test
    void cutsRandomTextLikeWords() {
        Random random = new Random(16);
        char[] alphabet = ("aZ09 .,-_@\t\n\u00e9\u00df\u00ad\u200b\u200d\u2060\ufeff\ufe0f\u0301\u4e2d\uff21"
                + "\ud835\udc1b\ud83d\ude00\ud800\udc00").toCharArray();
        for (int round = 0; round < 2_000; round++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = b.toString();
            assertThat(cut(text)).as("%s", text.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(expected(text));
            assertThat(hashedKeys(text)).as("%s", text.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(cut(text));
        }
    }

    /** The words of a cut, each with its key as read through a key list that holds it: its hash must let it by. */
    private static List<String> hashedKeys(String text) {
        WordCut cut = WordCut.of(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cut.size(); i++) {
            String key = Words.key(text, cut.start(i), cut.end(i), null);
            KeyHashes only = new KeyHashes(Set.of(key));
            out.add(cut.start(i) + "-" + cut.end(i) + ":" + cut.key(i, only, Integer.MAX_VALUE));
        }
        return out;
    }

    @Test
    void anAsciiWordInNoPhraseGetsNoKeyAndOneInAPhraseDoes() {
        KeyHashes known = new KeyHashes(Set.of("falcon"));
        WordCut cut = WordCut.of("Project FALCON f\u200Balcon");
        assertThat(cut.size()).isEqualTo(3);
        assertThat(cut.key(0, known, 64)).isNull();
        assertThat(cut.key(1, known, 64)).isEqualTo("falcon");
        assertThat(cut.key(2, known, 64)).isEqualTo("falcon"); // not ASCII: its key is built to be known
    }

    @Test
    void aTextIsTakenToHoldNoListedWordOnlyWhenNoneOfItsWordsIsOne() {
        KeyHashes known = new KeyHashes(Set.of("falcon", "project", "straße", "1234"));
        assertThat(WordCut.of("What is the capital of France?").mayHold(known)).isFalse();
        assertThat(WordCut.of("").mayHold(known)).isFalse();
        assertThat(WordCut.of("Project-x").mayHold(known)).isTrue();
        assertThat(WordCut.of("pin 1234.").mayHold(known)).isTrue();
        assertThat(WordCut.of("falcons falco").mayHold(known)).isFalse();
        assertThat(WordCut.of("FALCON").mayHold(known)).isTrue();
        assertThat(WordCut.of("une café").mayHold(known)).isTrue(); // not ASCII: its key must be built to be known
        assertThat(WordCut.of("fal\u200Bcon").mayHold(known)).isTrue();
    }

    @Test
    void aTextTakenToHoldNoListedWordHasNoMatchBeforeOrAfterItIsCut() {
        PhraseMatcher.Builder<String> b = PhraseMatcher.builder();
        for (String phrase : List.of("project falcon", "straße", "a b", "x9", "ＦＵＬＬ")) {
            b.add(phrase, phrase);
        }
        PhraseMatcher<String> matcher = b.build();
        KeyHashes known = new KeyHashes(Set.of("project", "falcon", "strasse", "straße", "a", "b", "x9", "full"));
        Random random = new Random(16);
        String[] words = {"project", "Falcon", "a", "b", "c", "x9", "x", "9", "straße", "STRASSE", "ｆｕｌｌ", "full",
                "zz", "\u200B", "é"};
        String[] separators = {" ", "-", ".", "", "\n", "\u0000"};
        int heldNone = 0;
        for (int round = 0; round < 5_000; round++) {
            StringBuilder t = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) {
                t.append(words[random.nextInt(words.length)]).append(separators[random.nextInt(separators.length)]);
            }
            String text = t.toString();
            WordCut fresh = WordCut.of(text);
            boolean before = fresh.mayHold(known);
            if (!before) {
                heldNone++;
                assertThat(matcher.find(WordCut.of(text))).as(text).isEmpty();
                assertThat(matcher.find(text)).as(text).isEmpty();
            }
            WordCut cut = WordCut.of(text);
            cut.size();
            boolean after = cut.mayHold(known); // from the cut's words: as sure as the pass over the chars, or more
            if (after || text.chars().allMatch(ch -> ch < 0x80)) {
                assertThat(before).as(text).isEqualTo(after);
            }
            if (!after) {
                assertThat(matcher.find(cut)).as(text).isEmpty();
            }
        }
        assertThat(heldNone).isGreaterThan(500);
    }

    @Test
    void theCharsAreTheTextsAndCopiedOnce() {
        WordCut cut = WordCut.of("abc");
        assertThat(cut.chars()).containsExactly('a', 'b', 'c');
        assertThat(cut.chars()).isSameAs(cut.chars());
    }
}
