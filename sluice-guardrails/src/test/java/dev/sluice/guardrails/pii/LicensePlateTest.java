package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** LICENSE_PLATE: US, UK and EU plate shapes, only after a plate cue. */
class LicensePlateTest {

    private final SensitiveInformationFilter filter =
            new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.NONE));

    private List<String> found(String text) {
        return filter.check(text).findings().stream().map(f -> f.type() + "=" + f.text()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            The car with plate 7ABC123 was towed.                 | 7ABC123
            License plate: ABC-1234                               | ABC-1234
            my licence plate is AB12 CDE, a blue Golf             | AB12 CDE
            Kennzeichen B-MW 1234 parkt falsch.                   | B-MW 1234
            immatriculation AB-123-CD                             | AB-123-CD
            The registration number is 1234 BCD.                  | 1234 BCD
            Reg: 12-ABC-3                                         | 12-ABC-3
            targa AB 123 CD                                       | AB 123 CD
            plate AB12CDE I think                                 | AB12CDE
            tag: 6TRJ244                                          | 6TRJ244
            """)
    void aPlateAfterItsCueIsFound(String text, String value) {
        assertThat(found(text)).containsExactly("LICENSE_PLATE=" + value);
    }

    @ParameterizedTest(name = "nothing in: {0}")
    @ValueSource(strings = {
            "Part 7ABC123 ships Monday.",
            "Flight BA 1234 lands at six.",
            "The license plate recognition cameras are offline.",
            "A plate of pasta costs 12 EUR.",
            "Registration opens on 12 May.",
            "See plate 12A in the appendix.",
            "git tag v2.1.0 and push",
            "plate HELLO is a vanity plate",
            "plate 1234567 has no letter",
            "registration ABCDEFGHJK is too long",
    })
    void noPlateWithoutItsCueOrShape(String text) {
        assertThat(found(text)).isEmpty();
    }

    @Test
    void anonymizeMasksOnlyThePlate() {
        SensitiveInformationFilter f = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(PiiType.LICENSE_PLATE, Action.ANONYMIZE), List.of(), null));
        assertThat(f.check("Number plate: AB12 CDE.").text()).isEqualTo("Number plate: {LICENSE_PLATE}.");
    }
}
