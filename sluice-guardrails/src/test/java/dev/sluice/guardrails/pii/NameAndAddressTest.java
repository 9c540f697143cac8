package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.Verdict;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** NAME and ADDRESS in the sensitive-information filter: masking, the ambiguous cases and bad input. */
class NameAndAddressTest {

    private final SensitiveInformationFilter both = new SensitiveInformationFilter(new SensitiveInformationPolicy(
            Map.of(PiiType.NAME, Action.ANONYMIZE, PiiType.ADDRESS, Action.ANONYMIZE), List.of(), null));

    private List<String> found(SensitiveInformationFilter filter, String text) {
        return filter.check(text).findings().stream().map(f -> f.type() + "=" + f.text()).toList();
    }

    @Test
    void aNameAndAnAddressAreMaskedWithTheirPlaceholders() {
        SensitiveInformationResult r = both.check("Dear Mrs Patel, we ship to 12 Oak Lane, Bristol BS8 1TH today.");
        assertThat(r.verdict()).isEqualTo(Verdict.ANONYMIZED);
        assertThat(r.text()).isEqualTo("Dear Mrs {NAME}, we ship to {ADDRESS} today.");
    }

    @Test
    void givenNamesThatAreWordsCountOnlyWithASurnameOrACue() {
        assertThat(found(both, "May is the warmest month. Will it rain? Mark the box.")).isEmpty();
        assertThat(found(both, "Grace Hopper wrote it.")).as("no cue, no known family name").isEmpty();
        assertThat(found(both, "Please tell Grace Hopper, and ask for June Carter.")).containsExactly(
                "NAME=Grace Hopper", "NAME=June Carter");
    }

    @Test
    void placesAndCompaniesNamedAfterPeopleAreNotNames() {
        assertThat(found(both, "The Washington Post is near Lincoln Center and Victoria Station.")).isEmpty();
    }

    @Test
    void aStreetNamedAfterAPersonIsAnAddressNotAName() {
        SensitiveInformationFilter namesOnly = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(PiiType.NAME, Action.BLOCK), List.of(), null));
        assertThat(found(namesOnly, "Send it to 75 King William Street, London EC4N 7BE.")).isEmpty();
        assertThat(found(both, "Send it to 75 King William Street, London EC4N 7BE.")).containsExactly(
                "ADDRESS=75 King William Street, London EC4N 7BE");
    }

    @Test
    void numbersNextToStreetWordsInProseAreNotAddresses() {
        assertThat(found(both, "I ran 5 miles down the road; read chapter 5, Road to Recovery; we need 4 Street"
                + " lamps.")).isEmpty();
    }

    @Test
    void theStructuredPolicyOfAllTypesLeavesNamesAndAddressesOut() {
        assertThat(SensitiveInformationPolicy.all(Action.NONE).entities()).doesNotContainKeys(PiiType.NAME,
                PiiType.ADDRESS);
        assertThat(found(new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.NONE)),
                "Ask Sarah Connor at 12 Oak Lane.")).isEmpty();
    }

    @Test
    void randomTextNeverThrowsAndFindingsStayInside() {
        SplittableRandom random = new SplittableRandom(16);
        String alphabet = "0123456789 ,.:'-AaBbMmSsTtRrDd\u00E9\u00DF\n\uD800\uDE00";
        for (int round = 0; round < 2000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                b.append(random.nextInt(4) == 0 ? " Street " : random.nextInt(5) == 0 ? " Anna "
                        : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
            }
            String text = b.toString();
            both.check(text).findings().forEach(f -> assertThat(f.end()).isLessThanOrEqualTo(text.length()));
        }
    }
}
