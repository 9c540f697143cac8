package dev.sluice.guardrails.pii.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Placeholders number a type's distinct values in order, and a value seen again gets its first placeholder. */
class PlaceholdersTest {

    /** {@code words} joined by spaces, each a finding of {@code type(word)}, masked. */
    private static String masked(List<String> words, Action action) {
        StringBuilder text = new StringBuilder();
        List<Finding> findings = new ArrayList<>();
        for (String w : words) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            String type = w.contains("@") ? "EMAIL" : "PHONE";
            findings.add(new Finding(type, text.length(), text.length() + w.length(), w, 0.9, action));
            text.append(w);
        }
        return Placeholders.mask(text.toString(), findings);
    }

    @Test
    void eachTypeNumbersItsOwnValuesAndARepeatKeepsItsPlaceholder() {
        assertThat(masked(List.of("a@x.io", "555-0100", "b@x.io", "a@x.io", "555-0199", "555-0100"), Action.ANONYMIZE))
                .isEqualTo("{EMAIL} {PHONE} {EMAIL_2} {EMAIL} {PHONE_2} {PHONE}");
    }

    @Test
    void manyValuesAreNumberedTheSameWay() {
        List<String> words = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            words.add("u" + i + "@x.io");
            expected.append(i == 1 ? "{EMAIL}" : " {EMAIL_" + i + "}");
        }
        words.add("u3@x.io");
        words.add("u40@x.io");
        words.add("555-0100");
        expected.append(" {EMAIL_3} {EMAIL_40} {PHONE}");
        assertThat(masked(words, Action.ANONYMIZE)).isEqualTo(expected.toString());
    }

    @Test
    void findingsThatAreOnlyReportedStayAsTheyAre() {
        assertThat(masked(List.of("a@x.io", "555-0100"), Action.NONE)).isEqualTo("a@x.io 555-0100");
    }
}
