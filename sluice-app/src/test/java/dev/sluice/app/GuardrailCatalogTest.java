package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.json.Json;
import org.junit.jupiter.api.Test;

/** The guardrails of the config file, as the gateway finds them on every guarded call. */
class GuardrailCatalogTest {

    private static final String SECTION = """
            {"definitions": [{"id": "words", "name": "words", "blocked_input_messaging": "Blocked.",
              "blocked_outputs_messaging": "Withheld.",
              "word_policy_config": {"words_config": [{"text": "project falcon"}]}}]}""";

    @Test
    void aConfigFileGuardrailIsFoundOnceNotBuiltAgainForEveryCall() throws Exception {
        GuardrailCatalog catalog = new GuardrailCatalog(GuardrailSettings.from(Json.parse(SECTION)), null);

        var first = catalog.cached("words", "1");
        var second = catalog.cached("words", "1");

        assertThat(first).isNotNull();
        assertThat(second).isSameAs(first);
        assertThat(catalog.cached("words", "DRAFT")).isSameAs(catalog.cached("words", "DRAFT")).isNotNull();
        assertThat(catalog.cached("words", "7")).as("a version the file does not have").isNull();
    }

    @Test
    void anArnFindsTheSameGuardrailAsItsIdAndNothingInvalidIsFound() throws Exception {
        GuardrailCatalog catalog = new GuardrailCatalog(GuardrailSettings.from(Json.parse(SECTION)), null);
        var byId = catalog.cached("words", "1");

        assertThat(catalog.cached(catalog.arn("words"), "1")).isSameAs(byId);
        assertThat(catalog.cached("words", "01")).as("not a version").isNull();
        assertThat(catalog.cached("words@1", "1")).isNull();
        assertThat(catalog.cached("words", "1@x")).isNull();
        assertThat(catalog.cached(null, "1")).isNull();
        assertThat(catalog.cached("words", null)).isNull();
    }
}
