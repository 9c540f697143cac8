package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy's actions, context words, placeholders and custom regexes. */
class SensitiveInformationFilterTest {

    private static SensitiveInformationFilter filter(Map<PiiType, Action> entities) {
        return new SensitiveInformationFilter(new SensitiveInformationPolicy(entities, List.of(), null));
    }

    @Test
    void anonymizeReplacesEachFindingWithItsTypesPlaceholder() {
        SensitiveInformationResult r = filter(Map.of(PiiType.EMAIL, Action.ANONYMIZE, PiiType.PHONE, Action.ANONYMIZE))
                .check("Mail ann@example.com or call (415) 555-2671.");
        assertThat(r.text()).isEqualTo("Mail {EMAIL} or call {PHONE}.");
        assertThat(r.verdict()).isEqualTo(Verdict.ANONYMIZED);
        assertThat(r.intervened()).isTrue();
    }

    @Test
    void theSameValueGetsTheSamePlaceholderAndAnotherValueANumberedOne() {
        SensitiveInformationResult r = filter(Map.of(PiiType.EMAIL, Action.ANONYMIZE))
                .check("ann@example.com wrote to bob@example.com, then ann@example.com again, then eve@example.com");
        assertThat(r.text()).isEqualTo("{EMAIL} wrote to {EMAIL_2}, then {EMAIL} again, then {EMAIL_3}");
    }

    @Test
    void findingsCarryTypeOffsetsTextConfidenceAndAction() {
        String text = "SSN 219-45-6789.";
        Finding f = filter(Map.of(PiiType.US_SOCIAL_SECURITY_NUMBER, Action.BLOCK)).check(text).findings().get(0);
        assertThat(f.type()).isEqualTo("US_SOCIAL_SECURITY_NUMBER");
        assertThat(text.substring(f.start(), f.end())).isEqualTo(f.text()).isEqualTo("219-45-6789");
        assertThat(f.confidence()).isBetween(SensitiveInformationFilter.THRESHOLD, 1.0);
        assertThat(f.action()).isEqualTo(Action.BLOCK);
    }

    @Test
    void blockWinsTheVerdictAndTheBlockedTextIsStillMaskedForLogs() {
        SensitiveInformationResult r = filter(Map.of(PiiType.EMAIL, Action.ANONYMIZE,
                PiiType.CREDIT_DEBIT_CARD_NUMBER, Action.BLOCK)).check("ann@example.com paid with 4111 1111 1111 1111");
        assertThat(r.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(r.text()).isEqualTo("{EMAIL} paid with {CREDIT_DEBIT_CARD_NUMBER}");
    }

    @Test
    void noneReportsFindingsAndLeavesTheTextAsItIs() {
        String text = "Mail ann@example.com.";
        SensitiveInformationResult r = filter(Map.of(PiiType.EMAIL, Action.NONE)).check(text);
        assertThat(r.findings()).hasSize(1);
        assertThat(r.verdict()).isEqualTo(Verdict.NONE);
        assertThat(r.text()).isSameAs(text);
    }

    @Test
    void typesOutsideThePolicyAreNotReportedButStillTellLookAlikesApart() {
        SensitiveInformationFilter phoneOnly = filter(Map.of(PiiType.PHONE, Action.ANONYMIZE));
        assertThat(phoneOnly.check("My NHS number is 943 476 5919.").findings()).isEmpty();
        assertThat(phoneOnly.check("My number is 943 476 5919.").text()).isEqualTo("My number is {PHONE}.");
    }

    @Test
    void typesReportedOnlyWithContextNeedASupportingWordNearby() {
        SensitiveInformationFilter f = filter(Map.of(PiiType.CREDIT_DEBIT_CARD_CVV, Action.NONE));
        assertThat(f.check("Room 737 is upstairs.").findings()).isEmpty();
        assertThat(f.check("The security code is 737.").findings()).extracting(Finding::text).containsExactly("737");
    }

    @Test
    void aSupportingWordRaisesABareNumberOverTheThreshold() {
        SensitiveInformationFilter f = filter(Map.of(PiiType.US_SOCIAL_SECURITY_NUMBER, Action.NONE));
        assertThat(f.check("Invoice 219456789 is paid.").findings()).isEmpty();
        assertThat(f.check("SSN 219456789 is on file.").findings()).hasSize(1);
    }

    @Test
    void anOpposingWordLowersAVersionStringUnderTheThreshold() {
        SensitiveInformationFilter f = filter(Map.of(PiiType.IP_ADDRESS, Action.NONE));
        assertThat(f.check("Upgrade to version 4.2.1.7 tonight.").findings()).isEmpty();
        assertThat(f.check("Connect to 4.2.1.7 tonight.").findings()).hasSize(1);
    }

    @Test
    void theNearestContextWordDecidesBetweenLookAlikesOfOneSpan() {
        SensitiveInformationResult r = new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.NONE))
                .check("SSN 219456789 and passport number 910239248 are on the form.");
        assertThat(r.findings()).extracting(Finding::type)
                .containsExactly("US_SOCIAL_SECURITY_NUMBER", "US_PASSPORT_NUMBER");
    }

    @Test
    void contextWordsCanBeAddedPerType() {
        ContextWords spanish = ContextWords.defaults().withSupporting(PiiType.US_PASSPORT_NUMBER, "pasaporte");
        SensitiveInformationFilter f = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(PiiType.US_PASSPORT_NUMBER, Action.NONE), List.of(), spanish));
        assertThat(f.check("Mi pasaporte es 910239248.").findings()).hasSize(1);
        assertThat(filter(Map.of(PiiType.US_PASSPORT_NUMBER, Action.NONE)).check("Mi pasaporte es 910239248.")
                .findings()).isEmpty();
    }

    @Test
    void contextWordsCanLowerConfidenceToo() {
        ContextWords words = ContextWords.defaults().withOpposing(PiiType.PHONE, "dummy data");
        SensitiveInformationFilter f = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(PiiType.PHONE, Action.NONE), List.of(), words));
        assertThat(f.check("Dummy data: 020 7946 0958").findings()).isEmpty();
        assertThat(f.check("Office: 020 7946 0958").findings()).hasSize(1);
    }

    @Test
    void customRegexesAreReportedUnderTheirNameAndMaskedWithIt() {
        CustomRegex employee = new CustomRegex("EMPLOYEE_ID", "EMP-[0-9]{6}", Action.ANONYMIZE);
        SensitiveInformationFilter f = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(), List.of(employee), null));
        SensitiveInformationResult r = f.check("Ask EMP-004211 or EMP-004211 or EMP-99.");
        assertThat(r.findings()).extracting(Finding::type, Finding::text, Finding::confidence)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("EMPLOYEE_ID", "EMP-004211", 1.0));
        assertThat(r.text()).isEqualTo("Ask {EMPLOYEE_ID} or {EMPLOYEE_ID} or EMP-99.");
    }

    @Test
    void aCustomRegexThatMatchesEmptyIsIgnoredWhereItMatchesNothing() {
        CustomRegex maybe = new CustomRegex("MAYBE", "x*", Action.ANONYMIZE);
        SensitiveInformationFilter f = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(), List.of(maybe), null));
        assertThat(f.check("abxxc").text()).isEqualTo("ab{MAYBE}c");
    }

    @Test
    void aRegexThatRe2RefusesIsAnErrorNamingIt() {
        assertThatThrownBy(() -> new CustomRegex("REPEAT", "(a)\\1", Action.BLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom regex 'REPEAT'");
        assertThatThrownBy(() -> new CustomRegex("LOOKAHEAD", "a(?=b)", Action.BLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom regex 'LOOKAHEAD'");
        assertThatThrownBy(() -> new CustomRegex("HUGE", "(((a{50}){50}){50}){50}", Action.BLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom regex 'HUGE'")
                .hasMessageContaining("repetitions expand");
        assertThatThrownBy(() -> new CustomRegex("TOO_MANY", "a{1001}", Action.BLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom regex 'TOO_MANY'");
        assertThatThrownBy(() -> new CustomRegex("LONG", "a".repeat(501), Action.BLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom regex 'LONG'");
    }

    @Test
    void customRegexNamesAreCheckedAndUniqueInAPolicy() {
        assertThatThrownBy(() -> new CustomRegex("EMAIL", "x", Action.BLOCK))
                .hasMessageContaining("built-in entity type");
        assertThatThrownBy(() -> new CustomRegex("has space", "x", Action.BLOCK)).hasMessageContaining("has space");
        CustomRegex one = new CustomRegex("ID", "x", Action.BLOCK);
        assertThatThrownBy(() -> new SensitiveInformationPolicy(Map.of(), List.of(one, one), null))
                .hasMessageContaining("'ID' is defined twice");
    }

    @Test
    void anEmptyTextHasNoFindings() {
        SensitiveInformationResult r = new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.BLOCK))
                .check("");
        assertThat(r.findings()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.NONE);
        assertThat(r.text()).isEmpty();
    }
}
