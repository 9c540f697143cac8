package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.ConfigException;
import dev.sluice.testkit.Calls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationTest {

    private static final String WHERE = "test.yaml: models[0]";

    private final SimulatorProvider provider = Simulators.provider();

    private void validate(String options) {
        provider.validate(Simulators.model(options), WHERE);
    }

    @ParameterizedTest(name = "{0} is rejected at {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"reply\":\"poem\"}                 | reply         | unknown reply mode 'poem'",
            "{\"reply\":\"fixed\"}                | text          | is required when reply is 'fixed'",
            "{\"reply\":\"script\"}               | script        | is required when reply is 'script'",
            "{\"reply\":\"script\",\"script\":\"missing.jsonl\"} | script | cannot read script file",
            "{\"error_rate\":1.5}                 | error_rate    | must be from 0 to 1",
            "{\"timeout_rate\":-0.1}              | timeout_rate  | must be from 0 to 1",
            "{\"drop_rate\":\"often\"}            | drop_rate     | must be a number",
            "{\"ttft_ms\":-5}                     | ttft_ms       | must be from 0",
            "{\"tokens_per_second\":-1}           | tokens_per_second | must be from 0",
            "{\"output_tokens\":0}                | output_tokens | must be from 1",
            "{\"error_status\":200}               | error_status  | must be from 400 to 599",
            "{\"retry_after_s\":-1}               | retry_after_s | must be from 0",
            "{\"ttft\":100}                       | ttft          | is not a simulator option",
            "{\"text\":5}                         | text          | must be a string"})
    void badOptionsAreRejectedNamingTheKey(String options, String key, String problem) {
        assertThatThrownBy(() -> validate(options))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.where()).isEqualTo(WHERE + ".options." + key);
                    assertThat(e.problem()).contains(problem);
                });
    }

    @Test
    void aBadScriptLineIsRejectedWithItsLineNumber() {
        assertThatThrownBy(() -> validate("{\"reply\":\"script\",\"script\":\"bad-script.jsonl\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(WHERE + ".options.script (bad-script.jsonl line 2)")
                .hasMessageContaining("not a valid regular expression");
    }

    @Test
    void goodOptionsPassAndNumbersMayBeGivenAsText() {
        assertThatCode(() -> validate("{\"reply\":\"script\",\"script\":\"script.jsonl\",\"ttft_ms\":\"150\","
                + "\"tokens_per_second\":80.5,\"error_rate\":0.1,\"error_status\":429,\"seed\":7}"))
                .doesNotThrowAnyException();
    }

    @Test
    void modelOptionsMayCompleteTheProvidersDefaults() {
        SimulatorProvider withDefaults = Simulators.provider("{\"id\":\"sim\",\"type\":\"simulator\","
                + "\"reply\":\"fixed\",\"ttft_ms\":10}");
        assertThatCode(() -> withDefaults.validate(Simulators.model("{\"text\":\"hi\"}"), WHERE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> withDefaults.validate(Simulators.model("{}"), WHERE))
                .isInstanceOf(ConfigException.class).hasMessageContaining(WHERE + ".options.text");
    }

    @Test
    void badProviderSettingsAreRejectedAtCreation() {
        assertThatThrownBy(() -> Simulators.provider("{\"id\":\"sim\",\"type\":\"simulator\",\"error_rate\":2}"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("test.yaml: providers[0].error_rate:");
        assertThatThrownBy(() -> Simulators.provider("{\"id\":\"sim\",\"type\":\"simulator\",\"encoding\":\"gpt2\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("providers[0].encoding");
    }

    @Test
    void aModelThatWasNeverValidatedFailsItsCallsWithAnInternalError() {
        assertThatThrownBy(() -> Calls.chat(provider, Simulators.ask("x"), Simulators.attempt("{\"reply\":\"poem\"}")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.INTERNAL);
                    assertThat(e.getMessage()).contains("misconfigured", "reply");
                });
    }
}
