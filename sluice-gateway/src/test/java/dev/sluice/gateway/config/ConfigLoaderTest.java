package dev.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private SluiceConfig load(String yaml, Map<String, String> env) throws IOException {
        Path f = dir.resolve("sluice.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader(env).load(f);
    }

    private ConfigException failure(String yaml) {
        try {
            load(yaml, Map.of());
        } catch (ConfigException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void sectionsOfCapabilitiesNotYetBuiltAreRefusedNotIgnored() {
        String models = "providers: [{id: sim, type: simulator}]\nmodels: [{name: m, provider: sim}]\n";
        assertThat(failure("limits: {rpm: 1}\n" + models).getMessage()).contains("limits")
                .contains("not supported yet");
        assertThat(failure("prices: {m: {input: 1}}\n" + models).getMessage()).contains("models[i].prices");
        assertThat(failure("limts: {}\n" + models).getMessage()).contains("unknown section")
                .doesNotContain("limits");
    }

    @Test
    void aFullConfigIsReadWithEnvironmentInterpolation() throws IOException {
        SluiceConfig c = load("""
                server:
                  port: 4100
                  master_key: ${MASTER}
                providers:
                  - id: oa
                    type: openai
                    api_key: ${OPENAI_KEY}
                    base_url: ${BASE:-https://api.openai.com/v1}
                models:
                  - name: fast
                    provider: oa
                    upstream_model: gpt-4o-mini
                    timeouts: {connect_ms: 500, first_token_ms: 2000, total_ms: 30000}
                    options: {temperature_cap: 1}
                """, Map.of("MASTER", "sk-master-123", "OPENAI_KEY", "sk-abc"));
        assertThat(c.server().port()).isEqualTo(4100);
        assertThat(c.server().masterKey()).isEqualTo("sk-master-123");
        assertThat(c.providers().getFirst().text("api_key", null)).isEqualTo("sk-abc");
        assertThat(c.providers().getFirst().text("base_url", null)).isEqualTo("https://api.openai.com/v1");
        var d = c.models().getFirst().deployment();
        assertThat(d.upstreamModel()).isEqualTo("gpt-4o-mini");
        assertThat(d.timeouts().connect()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.timeouts().firstToken()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.options().path("temperature_cap").asInt()).isEqualTo(1);
    }

    @Test
    void theEncryptionKeyIsReadAsASecretAndMustBeLongEnough() throws IOException {
        String models = "providers: [{id: sim, type: simulator}]\nmodels: [{name: m, provider: sim}]\n";
        SluiceConfig c = load("server: {master_key: master-key-1, encryption_key: '${ENC}'}\n" + models,
                Map.of("ENC", "sixteen-chars-or-more"));
        assertThat(c.server().encryptionKey()).isEqualTo("sixteen-chars-or-more");
        assertThat(c.server().sealingKey("master-key-1")).isEqualTo("sixteen-chars-or-more");
        assertThat(ConfiguredSecrets.of(c)).contains("sixteen-chars-or-more", "master-key-1");
        assertThat(c.server().toString()).doesNotContain("sixteen-chars-or-more").doesNotContain("master-key-1");
        assertThat(load("server: {master_key: master-key-1}\n" + models, Map.of()).server().sealingKey("master-key-1"))
                .as("without one, the master key seals").isEqualTo("master-key-1");
        assertThat(failure("server: {encryption_key: short}\n" + models).getMessage())
                .contains("server.encryption_key").contains("at least 16 characters");
    }

    @Test
    void theUpstreamModelDefaultsToThePublicName() throws IOException {
        SluiceConfig c = load("providers: [{id: s, type: simulator}]\nmodels: [{name: m1, provider: s}]\n", Map.of());
        assertThat(c.models().getFirst().deployment().upstreamModel()).isEqualTo("m1");
        assertThat(c.server().port()).isEqualTo(ServerConfig.DEFAULT_PORT);
    }

    @Test
    void aMissingEnvironmentVariableNamesTheKeyAndTheVariable() {
        ConfigException e = failure("providers: [{id: a, type: openai, api_key: '${NOPE_KEY}'}]\n");
        assertThat(e.getMessage()).contains("sluice.yaml:1: providers[0].api_key").contains("NOPE_KEY");
    }

    @Test
    void anUnknownProviderReferenceListsTheKnownOnes() {
        ConfigException e = failure("""
                providers: [{id: sim, type: simulator}]
                models: [{name: m, provider: opnai}]
                """);
        assertThat(e.where()).isEqualTo("sluice.yaml: models[0].provider");
        assertThat(e.problem()).contains("opnai").contains("sim");
    }

    @Test
    void wrongTypesAndRangesAreNamed() {
        assertThat(failure("server: {port: abc}\n").getMessage())
                .contains("server.port").contains("whole number");
        assertThat(failure("server: {port: 70000}\n").getMessage()).contains("between 0 and 65535");
        assertThat(failure("providers: {id: x}\n").getMessage()).contains("providers").contains("list");
    }

    @Test
    void connectionLimitsAreReadWithDefaultsAndRanges() throws IOException {
        SluiceConfig c = load("server: {idle_timeout_ms: 5000, header_timeout_ms: 2000, body_timeout_ms: 30000, "
                + "max_connections: 500}\n", Map.of());
        assertThat(c.server().connections()).isEqualTo(new ServerConfig.Connections(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(30), 500));
        assertThat(load("server: {port: 1}\n", Map.of()).server().connections())
                .isEqualTo(ServerConfig.Connections.DEFAULT);
        assertThat(failure("server: {header_timeout_ms: 0}\n").getMessage()).contains("server.header_timeout_ms");
        assertThat(failure("server: {max_connections: -1}\n").getMessage()).contains("server.max_connections");
        assertThat(failure("server: {idle_timeout_ms: soon}\n").getMessage()).contains("server.idle_timeout_ms");
    }

    @Test
    void busyPollingIsUpTo200UsUnlessSetAndBounded() throws IOException {
        assertThat(load("server: {port: 1}\n", Map.of()).server().busyPoll())
                .isEqualTo(java.time.Duration.ofNanos(200_000));
        assertThat(load("server: {busy_poll_us: 0}\n", Map.of()).server().busyPoll()).isZero();
        assertThat(load("server: {busy_poll_us: 50}\n", Map.of()).server().busyPoll())
                .isEqualTo(java.time.Duration.ofNanos(50_000));
        assertThat(failure("server: {busy_poll_us: -1}\n").getMessage()).contains("server.busy_poll_us");
        assertThat(failure("server: {busy_poll_us: 10001}\n").getMessage()).contains("server.busy_poll_us");
    }

    @Test
    void unknownKeysAndSectionsAreRejected() {
        assertThat(failure("servr: {port: 1}\n").getMessage()).contains("servr").contains("unknown section");
        assertThat(failure("providers: [{id: s, type: simulator}]\nmodels: [{name: m, provider: s, upstrem: x}]\n")
                .getMessage()).contains("models[0].upstrem").contains("unknown key");
    }

    @Test
    void duplicatesAndMissingRequiredKeysAreRejected() {
        assertThat(failure("providers: [{id: s, type: simulator}, {id: s, type: openai}]\n").getMessage())
                .contains("providers[1].id").contains("duplicate");
        assertThat(failure("providers: [{type: simulator}]\n").getMessage()).contains("providers[0].id")
                .contains("required");
    }

    @Test
    void invalidYamlReportsTheLine() {
        assertThat(failure("server:\n  port: [1,\n").getMessage()).contains("sluice.yaml").contains("YAML");
    }

    @Test
    void aMissingFileIsReported() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no such file");
    }

    @Test
    void dollarDollarEscapesInterpolation() throws IOException {
        SluiceConfig c = load("providers: [{id: a, type: openai, api_key: '$${LITERAL}'}]\n", Map.of());
        assertThat(c.providers().getFirst().text("api_key", null)).isEqualTo("${LITERAL}");
    }

    @Test
    void tlsNamesItsFilesRelativeToTheConfigAndEachMustBeReadable() throws IOException {
        Files.writeString(dir.resolve("cert.pem"), "x");
        Files.writeString(dir.resolve("key.pem"), "x");
        SluiceConfig c = load("server: {tls: {cert_file: cert.pem, key_file: key.pem}}\n", Map.of());
        assertThat(c.server().tls().certFile()).isEqualTo(dir.resolve("cert.pem"));
        ConfigException missing = failure("server: {tls: {cert_file: cert.pem, key_file: nope.pem}}\n");
        assertThat(missing.where()).isEqualTo("sluice.yaml: server.tls.key_file");
        assertThat(missing.problem()).contains("nope.pem");
        assertThat(failure("server: {tls: {cert_file: cert.pem}}\n").where()).isEqualTo("sluice.yaml: server.tls.key_file");
        assertThat(failure("server: {tls: {cert_file: cert.pem, key_file: key.pem, ca: x}}\n").where())
                .isEqualTo("sluice.yaml: server.tls.ca");
    }

    @Test
    void everyFaultNamesItsFileLineAndPathAndWhatTheKeyMayBe() {
        ConfigException e = failure("""
                server:
                  port: 4000
                providers:
                  - id: s
                    type: simulator
                models:
                  - name: a
                    provider: s
                  - name: b
                    provider: s
                    upstrem: x
                """);
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.where()).isEqualTo("sluice.yaml: models[1].upstrem");
        assertThat(e.getMessage()).isEqualTo("sluice.yaml:11: models[1].upstrem: unknown key (known: breaker, "
                + "cache, context_window, guardrail, limits, name, options, prices, provider, timeouts, upstream_model)");
        assertThat(failure("server:\n  host: h\n  port: abc\n").getMessage())
                .isEqualTo("sluice.yaml:3: server.port: must be a whole number, not text 'abc'");
        assertThat(failure("server:\n  tls: [a]\n").getMessage())
                .isEqualTo("sluice.yaml:2: server.tls: must be a mapping (key: value), not a list");
        assertThat(failure("models:\n  - name: m\n    provider: s\n    timeouts: {total_ms: 0}\n"
                + "providers: [{id: s, type: simulator}]\n").getMessage())
                .isEqualTo("sluice.yaml:4: models[0].timeouts.total_ms: must be between 1 and 86400000, not 0");
        assertThat(failure("models: [{name: m, provider: s, options: 3}]\nproviders: [{id: s, type: simulator}]\n")
                .getMessage()).isEqualTo("sluice.yaml:1: models[0].options: must be a mapping (key: value), not "
                + "the number 3");
    }

    @Test
    void aModelsGuardrailIsReadAndChecked() throws IOException {
        SluiceConfig c = load("providers: [{id: s, type: simulator}]\nmodels: [{name: m, provider: s, "
                + "guardrail: {id: support, version: 3}}, {name: n, provider: s, guardrail: {id: other}}]\n",
                Map.of());
        assertThat(c.models().get(0).guardrail())
                .isEqualTo(new dev.sluice.gateway.guardrails.GuardrailRef("support", "3"));
        assertThat(c.models().get(1).guardrail().version()).as("no version: the DRAFT").isEqualTo("DRAFT");
        assertThat(failure("providers: [{id: s, type: simulator}]\nmodels:\n  - name: m\n    provider: s\n"
                + "    guardrail: {id: support, version: 0}\n").getMessage())
                .isEqualTo("sluice.yaml:5: models[0].guardrail.version: must be DRAFT or a version number from 1");
    }

    @Test
    void aModelsOwnLimitsAreReadAndChecked() throws IOException {
        SluiceConfig c = load("providers: [{id: s, type: simulator}]\nmodels: [{name: m, provider: s, "
                + "limits: {rpm: 60, max_concurrent: 4}}]\n", Map.of());
        assertThat(c.models().getFirst().limits()).isEqualTo(new dev.sluice.api.access.Limits("deployment:m", 60, 0,
                4));
        assertThat(failure("providers: [{id: s, type: simulator}]\nmodels:\n  - name: m\n    provider: s\n"
                + "    limits: {rpm: 0}\n").getMessage())
                .isEqualTo("sluice.yaml:5: models[0].limits.rpm: must be between 1 and 10000000000, not 0");
        assertThat(failure("providers: [{id: s, type: simulator}]\nmodels: [{name: m, provider: s, "
                + "limits: {rpn: 1}}]\n").getMessage()).contains("models[0].limits.rpn: unknown key (known: "
                + "max_concurrent, rpm, tpm)");
    }

    @Test
    void interpolatedNumbersAreNumbers() throws IOException {
        assertThat(load("server: {port: '${P}'}\n", Map.of("P", "4321")).server().port()).isEqualTo(4321);
    }
}
