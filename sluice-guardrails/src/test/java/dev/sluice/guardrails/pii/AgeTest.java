package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AGE: a number with age phrasing, not a duration, a size, a threshold or a statistic. */
class AgeTest {

    private final SensitiveInformationFilter filter =
            new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.NONE));

    private List<String> found(String text) {
        return filter.check(text).findings().stream().map(f -> f.type() + "=" + f.text()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            I am 34 years old and live alone.                  | 34
            The patient, aged 52, reports chest pain.          | 52
            Age: 41                                            | 41
            Our son is a 7-year-old with asthma.               | 7
            45 y/o male, no known allergies                    | 45
            She was 80 years of age at the time.               | 80
            He started school at the age of 6.                 | 6
            I'm 19 yo and looking for a summer job             | 19
            """)
    void anAgeIsFound(String text, String value) {
        assertThat(found(text)).containsExactly("AGE=" + value);
    }

    @ParameterizedTest(name = "nothing in: {0}")
    @ValueSource(strings = {
            "I have 34 years of experience in logistics.",
            "We signed a 3-year contract with the vendor.",
            "The office opened 5 years ago.",
            "The average age is 41 in this team.",
            "You must be over the age of 18 to apply.",
            "Minimum age 16, with a parent's consent.",
            "Ages 4-8 need a booster seat.",
            "The age group 18-24 grew by 12%.",
            "It comes with a 10-year warranty.",
            "Retirement age: 67 in most countries.",
            "Age 200 is not a real age.",
            "The 2024 vintage was bottled in 2026.",
    })
    void noAgeWithoutAgePhrasing(String text) {
        assertThat(found(text)).isEmpty();
    }

    @Test
    void anonymizeMasksOnlyTheNumber() {
        SensitiveInformationFilter f = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(PiiType.AGE, Action.ANONYMIZE), List.of(), null));
        assertThat(f.check("I am 34 years old, my daughter is a 7-year-old.").text())
                .isEqualTo("I am {AGE} years old, my daughter is a {AGE_2}-year-old.");
    }
}
