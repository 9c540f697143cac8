package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bedrock's four identifier types that only a label tells apart from any other number. */
class LabelledIdTest {

    private static final SensitiveInformationFilter ALL =
            new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.ANONYMIZE));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Account number: 000123456789|US_BANK_ACCOUNT_NUMBER|000123456789",
        "The deposit went into account no. 4401-2231-77 by mistake.|US_BANK_ACCOUNT_NUMBER|4401-2231-77",
        "acct: 87185344|US_BANK_ACCOUNT_NUMBER|87185344",
        "my checking account is 5566778899, thanks|US_BANK_ACCOUNT_NUMBER|5566778899",
        "Driver's license: D1234567|DRIVER_ID|D1234567",
        "DL# S530-4127-8833|DRIVER_ID|S530-4127-8833",
        "his driving licence number is MORGA657054SM9IJ today|DRIVER_ID|MORGA657054SM9IJ",
        "License no. 880 061 592 expires next spring.|DRIVER_ID|880 061 592",
        "OHIP 1234-567-890-AB was swiped|CA_HEALTH_NUMBER|1234-567-890-AB",
        "RAMQ: ABCD 1234 5678|CA_HEALTH_NUMBER|ABCD 1234 5678",
        "Her PHN is 9123456789.|CA_HEALTH_NUMBER|9123456789",
        "UTR: 12345 67890|UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER|12345 67890",
        "Corporation Tax UTR 1234567890K is on the letter.|UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER|1234567890K",
    })
    void aValueAfterItsLabelIsFound(String text, String type, String value) {
        assertThat(ALL.check(text).findings()).extracting(Finding::type, Finding::text)
                .contains(org.assertj.core.groups.Tuple.tuple(type, value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Order 000123456789 shipped today.",
        "Please update your bank account details in the portal.",
        "Your account ID is ACME-118204.",
        "acct 87185344 was closed",
        "Bring your driver's license to the appointment.",
        "Your license key is ABCDE-FGHJK.",
        "the DL field is optional",
        "OHIP covers most doctor visits in Ontario.",
        "A UTR is ten digits long.",
        "UTR: 123456789",
        "Account number: 12345678901234567890",
        "Account number: 12345678-2.5",
    })
    void aNumberWithoutItsLabelOrOfTheWrongShapeIsNot(String text) {
        assertThat(ALL.check(text).findings()).extracting(Finding::type).doesNotContain("US_BANK_ACCOUNT_NUMBER",
                "DRIVER_ID", "CA_HEALTH_NUMBER", "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER");
    }

    @Test
    void theValueIsMaskedWithItsTypesPlaceholder() {
        assertThat(ALL.check("Wire it to bank account 4470012239 and quote UTR 1234567890.").text())
                .isEqualTo("Wire it to bank account {US_BANK_ACCOUNT_NUMBER} and quote UTR"
                        + " {UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER}.");
        assertThat(List.of(PiiType.values())).contains(PiiType.DRIVER_ID, PiiType.CA_HEALTH_NUMBER);
    }
}
