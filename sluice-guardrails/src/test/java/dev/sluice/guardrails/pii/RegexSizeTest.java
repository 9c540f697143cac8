package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.pii.internal.RegexSize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expanded-size estimate that guards RE2/J against nested counted repeats. */
class RegexSizeTest {

    @ParameterizedTest(name = "{0} is about {1}")
    @CsvSource(delimiter = '|', textBlock = """
            abc                      | 3
            EMP-[0-9]{6}             | 10
            (?i)ab                   | 2
            (ab){3}                  | 9
            (?:a{10}){10}            | 110
            (?P<id>x{2,5})           | 6
            [a-z\\]]{4}              | 4
            \\p{L}{3}                | 3
            a{2,}                    | 3
            ((a{100}){100}){100}     | 1010100
            """)
    void countedRepeatsMultiplyWhatTheyRepeat(String regex, long size) {
        assertThat(RegexSize.estimate(regex)).isEqualTo(size);
    }
}
