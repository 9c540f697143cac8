package dev.sluice.guardrails.pii.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a text holds, counted in one pass: each field as its detectors' gates read it. */
class CharCountsTest {

    private static CharCounts of(String text) {
        return CharCounts.of(text.toCharArray());
    }

    @Test
    void countsDigitsColonsDashesAndDots() {
        CharCounts c = of("Call 555-201-3344 at 10:30. Or 10.0.0.1!");
        assertThat(c.digits()).isEqualTo(19);
        assertThat(c.colons()).isEqualTo(1);
        assertThat(c.dashes()).isEqualTo(2);
        assertThat(c.dots()).isEqualTo(4);
    }

    @Test
    void measuresTheLongestRunOfCapitalsAndDigitsAndOfBase64() {
        CharCounts c = of("key AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCY+EXAMPLEKEY, then AB1 x");
        assertThat(c.upperOrDigitRun()).isEqualTo(20);
        assertThat(c.base64Run()).isEqualTo(41); // the example secret, with a + for its 31st
        assertThat(of("ABCD").upperOrDigitRun()).isEqualTo(4); // a run that ends with the text
        assertThat(of("ab12cd").upperOrDigitRun()).isEqualTo(2);
        assertThat(of("").base64Run()).isZero();
    }

    @Test
    void seesTwoCapitalsSideBySide() {
        assertThat(of("A1B c D").upperPair()).isFalse();
        assertThat(of("the UK").upperPair()).isTrue();
        assertThat(of("ÀB").upperPair()).isFalse(); // ASCII capitals only
    }

    @Test
    void seesDotsFiveApartAndWwwDot() {
        assertThat(of("0a1b.2c3d.4e5f").dotsFiveApart()).isTrue();
        assertThat(of("a.b.c").dotsFiveApart()).isFalse();
        assertThat(of("see WWW.example.com").wwwDot()).isTrue();
        assertThat(of("ww.example.com w.www").wwwDot()).isFalse();
        assertThat(of("awww.").wwwDot()).isTrue(); // www then a dot, wherever the run began
    }
}
