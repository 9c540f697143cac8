package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.GatewayException;
import dev.sluice.api.wire.GuardrailRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A Converse body's guardrailConfig and its guardContent blocks sorted by Bedrock's qualifiers. */
class BedrockGuardrailConfigTest {

    private static GuardrailRequest read(String content) {
        return BedrockGuardrailConfig.read(("""
                {"guardrailConfig": {"guardrailIdentifier": "rag", "guardrailVersion": "1"},
                 "messages": [{"role": "user", "content": [%s]}]}
                """.formatted(content)).getBytes(StandardCharsets.UTF_8));
    }

    private static String guard(String text, String qualifiers) {
        return "{\"guardContent\": {\"text\": {\"text\": \"" + text + "\""
                + (qualifiers == null ? "" : ", \"qualifiers\": " + qualifiers) + "}}}";
    }

    @Test
    void guardContentIsSortedByQualifierIntoCheckedTextsSourcesAndQueries() {
        GuardrailRequest r = read(guard("source", "[\"grounding_source\"]") + ", " + guard("q", "[\"query\"]")
                + ", " + guard("checked", "[\"guard_content\"]") + ", " + guard("plain", null) + ", "
                + guard("both", "[\"grounding_source\", \"guard_content\"]") + ", {\"text\": \"not marked\"}");
        assertThat(r.guardContent()).containsExactly("checked", "plain", "both");
        assertThat(r.groundingSources()).containsExactly("source", "both");
        assertThat(r.queries()).containsExactly("q");
        assertThat(r.marked()).isTrue();
    }

    @Test
    void onlyContextBlocksStillMarkTheRequest() {
        GuardrailRequest r = read(guard("source", "[\"grounding_source\"]") + ", {\"text\": \"question\"}");
        assertThat(r.guardContent()).isEmpty();
        assertThat(r.marked()).as("only marked texts are checked: none here").isTrue();
        assertThat(read("{\"text\": \"question\"}").marked()).isFalse();
    }

    @Test
    void anUnknownQualifierIsAValidationErrorNamingIt() {
        assertThatThrownBy(() -> read(guard("x", "[\"evidence\"]"))).isInstanceOf(GatewayException.class)
                .hasMessageContaining("messages[0].content[0].guardContent.text.qualifiers[0]")
                .hasMessageContaining("grounding_source, query, guard_content");
    }
}
