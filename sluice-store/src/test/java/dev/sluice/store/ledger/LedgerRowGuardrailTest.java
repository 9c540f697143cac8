package dev.sluice.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.event.GuardrailVerdict;
import dev.sluice.api.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerRowGuardrailTest {

    @Test
    void findingsAreAJsonArrayOfKindsAndCountsInLowerCaseWords() throws Exception {
        var row = LedgerRow.Guardrail.of(new GuardrailVerdict("support", "3", "ANONYMIZED", List.of(
                new GuardrailVerdict.Finding("INPUT", "sensitiveInformationPolicy", "EMAIL", "ANONYMIZED", 2),
                new GuardrailVerdict.Finding("OUTPUT", "wordPolicy", "CUSTOM_WORDS", "BLOCKED", 1)), 12_345));

        assertThat(row.action()).isEqualTo("anonymized");
        assertThat(row.latencyUs()).isEqualTo(12);
        JsonNode findings = Json.parse(row.findings());
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).toString()).isEqualTo(
                "{\"source\":\"input\",\"policy\":\"sensitiveInformationPolicy\",\"type\":\"EMAIL\","
                        + "\"action\":\"anonymized\",\"count\":2}");
        assertThat(findings.get(1).get("source").asText()).isEqualTo("output");
        assertThat(findings.get(1).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aCustomRegexNameIsEscapedNotSpliced() throws Exception {
        String name = "odd \"name\"\\ with\nbreaks";
        var row = LedgerRow.Guardrail.of(new GuardrailVerdict("g", "DRAFT", "BLOCKED", List.of(
                new GuardrailVerdict.Finding("INPUT", "sensitiveInformationPolicy", name, "BLOCKED", 1)), 0));

        assertThat(Json.parse(row.findings()).get(0).get("type").asText()).isEqualTo(name);
    }

    @Test
    void noFindingsIsAnEmptyArrayAndNoVerdictNoColumns() {
        assertThat(LedgerRow.Guardrail.of(new GuardrailVerdict("g", "1", "NONE", List.of(), 0)).findings())
                .isEqualTo("[]");
        assertThat(LedgerRow.Guardrail.of(null)).isNull();
    }
}
