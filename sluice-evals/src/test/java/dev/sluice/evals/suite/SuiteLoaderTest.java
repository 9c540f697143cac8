package dev.sluice.evals.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suite YAML: what a valid suite becomes, and how a bad one is reported. */
class SuiteLoaderTest {

    @TempDir Path dir;

    private Suite load(String yaml) throws Exception {
        return new SuiteLoader().load(Files.writeString(dir.resolve("suite.yaml"), yaml));
    }

    @Test
    void aFullSuiteIsReadWithTargetsMetricsAndGateRules() throws Exception {
        Suite s = load("""
                name: support
                dataset: data/cases.jsonl
                prompt: "Q: {{question}}"
                repeats: 2
                concurrency: 16
                judge: judge-model
                targets:
                  - model: gpt-small
                    params: {temperature: 0.2}
                  - name: app
                    http:
                      url: http://localhost:8080/ask
                      body: '{"q": "{{question}}"}'
                      answer: $.data.answer
                      contexts: $.data.sources
                metrics:
                  - type: rouge_l
                    threshold: 0.4
                  - name: correct
                    type: llm_judge
                    rubric: correctness
                gate:
                  - {metric: rouge_l, min_mean: 0.5}
                  - {metric: correct, min_pass_rate: 0.8}
                  - {max_p95_latency_ms: 3000}
                  - {max_cost_usd: 2.5}
                  - {no_regression: true, min_effect: 0.02}
                """);

        assertThat(s.name()).isEqualTo("support");
        assertThat(s.dataset()).isEqualTo(dir.resolve("data/cases.jsonl").toAbsolutePath());
        assertThat(s.repeats()).isEqualTo(2);
        assertThat(s.concurrency()).isEqualTo(16);
        assertThat(s.version()).startsWith("sha256:");
        assertThat(s.targets().get(0)).isEqualTo(new TargetSpec.Model("gpt-small", "gpt-small", null,
                Map.of("temperature", new java.math.BigDecimal("0.2"))));
        assertThat(s.targets().get(1)).isInstanceOfSatisfying(TargetSpec.Http.class, h -> {
            assertThat(h.answerPath()).isEqualTo("$.data.answer");
            assertThat(h.contextsPath()).isEqualTo("$.data.sources");
        });
        assertThat(s.metrics().get(0).threshold()).isEqualTo(0.4);
        assertThat(s.metrics().get(1).text("judge", null)).isEqualTo("judge-model");
        assertThat(s.gate()).containsExactly(new GateRule.MinMean("rouge_l", 0.5),
                new GateRule.MinPassRate("correct", 0.8), new GateRule.MaxP95Latency(3000), new GateRule.MaxCost(2.5),
                new GateRule.NoRegression(java.util.List.of(), 0.02, 0.05));
    }

    @Test
    void mistakesNameTheFileTheKeyAndTheProblem() {
        assertThatThrownBy(() -> load("dataset: d.jsonl\nmetrics: [{type: bleu}]\n"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("suite.yaml: targets: needs at least one")
                .satisfies(e -> assertThat(((GatewayException) e).error().type()).isEqualTo(ErrorType.INVALID_REQUEST));
        assertThatThrownBy(() -> load("dataset: d.jsonl\ntargets: [{model: m}]\nmetrics: [{type: bleu}, {type: bleu}]\n"))
                .hasMessageContaining("metrics[1].name: duplicate metric name 'bleu'");
        assertThatThrownBy(() -> load("dataset: d.jsonl\ntargets: [{model: m}]\nmetrics: [{type: bleu}]\n"
                + "gate: [{metric: rouge, min_mean: 0.5}]\n")).hasMessageContaining("gate[0].metric: must name one of");
        assertThatThrownBy(() -> load("dataset: d.jsonl\ntargets: [{model: m}]\nmetrics: [{type: bleu}]\n"
                + "concurrency: 0\n")).hasMessageContaining("concurrency: must be a whole number >= 1");
        assertThatThrownBy(() -> load("targets: [{model: m}]\n")).hasMessageContaining("dataset: is required");
        assertThatThrownBy(() -> load("dataset: d.jsonl\ntargets: [{name: x}]\nmetrics: [{type: bleu}]\n"))
                .hasMessageContaining("targets[0]: needs 'model'");
    }

    @Test
    void unknownKeysAreRefusedWithTheirLine() {
        String base = "dataset: d.jsonl\ntargets:\n  - model: m\nmetrics: [{type: bleu}]\n";
        assertThatThrownBy(() -> load(base + "repeat: 3\n")).hasMessageEndingWith(
                "suite.yaml:5: repeat: unknown key (known: concurrency, dataset, gate, judge, metrics, name, prompt, "
                        + "repeats, targets)");
        assertThatThrownBy(() -> load(base.replace("  - model: m", "  - model: m\n    sytem: be brief")))
                .hasMessageEndingWith("suite.yaml:4: targets[0].sytem: unknown key (known: http, model, name, params, "
                        + "system)");
        assertThatThrownBy(() -> load(base + "gate:\n  - metric: bleu\n    min_mean: 0.5\n    max: 1\n"))
                .hasMessageContaining("suite.yaml:8: gate[0].max: unknown key");
        assertThatThrownBy(() -> load(base + "repeats: twice\n"))
                .hasMessageEndingWith("suite.yaml:5: repeats: must be a whole number, not text 'twice'");
    }

    @Test
    void templatesSubstituteVariablesAndRejectUnknownOnes() {
        assertThat(Template.render("Hi {{ name }}, {{x}}", Map.of("name", "Ada", "x", "$1\\"))).isEqualTo("Hi Ada, $1\\");
        assertThat(Template.render("{\"q\":\"{{q}}\"}", Map.of("q", "say \"hi\"\n"), Template::jsonEscape))
                .isEqualTo("{\"q\":\"say \\\"hi\\\"\\n\"}");
        assertThatThrownBy(() -> Template.render("{{missing}}", Map.of())).hasMessageContaining("'missing'");
    }
}
