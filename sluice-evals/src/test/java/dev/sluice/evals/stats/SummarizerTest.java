package dev.sluice.evals.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.evals.gate.Gate;
import dev.sluice.evals.gate.GateVerdict;
import dev.sluice.evals.run.CaseResult;
import dev.sluice.evals.run.EvalRun;
import dev.sluice.evals.run.MetricInfo;
import dev.sluice.evals.run.RunManifest;
import dev.sluice.evals.spi.Score;
import dev.sluice.evals.suite.GateRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Summaries, paired comparison against a baseline and the gate, on runs with known scores. */
class SummarizerTest {

    private static final List<MetricInfo> METRICS = List.of(new MetricInfo("exact", "exact_match", 1, true),
            new MetricInfo("rouge", "rouge_l", 0.5, true));

    private static EvalRun run(String id, String target, int n, IntToDoubleFunction exact, IntToDoubleFunction rouge) {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(new CaseResult("c" + i, target, 0, i % 2 == 0 ? "even" : "odd", "p", "o", null, 100 + i, -1,
                    1, 1, 0.01, false, Map.of("exact", Score.of(exact.applyAsDouble(i)),
                    "rouge", Score.of(rouge.applyAsDouble(i)))));
        }
        RunManifest m = new RunManifest(id, "s", "sha256:1", "d", "sha256:2", null, Map.of(target, Map.of()), METRICS,
                n, Instant.EPOCH, Instant.EPOCH);
        return new EvalRun(m, results);
    }

    @Test
    void meansPassRatesAndCategoriesAreSummarisedWithIntervals() {
        EvalRun r = run("r", "t", 40, i -> i < 30 ? 1 : 0, i -> 0.6);

        MetricSummary exact = Summarizer.standard().summarize(r, null).targets().getFirst().metrics().get("exact");

        assertThat(exact.mean()).isEqualTo(0.75);
        assertThat(exact.passRate()).isEqualTo(0.75);
        assertThat(exact.meanCi().contains(0.75)).isTrue();
        assertThat(exact.passCi()).isEqualTo(Stats.wilsonCc(30, 40, 0.95));
        assertThat(exact.meanCi()).as("a pass/fail mean gets the same interval").isEqualTo(exact.passCi());
        assertThat(exact.byCategory()).containsOnlyKeys("even", "odd");
        assertThat(exact.byCategory().get("even").n()).isEqualTo(20);
    }

    @Test
    void aWorseRunIsFlaggedAsASignificantRegressionOnTheSameCases() {
        EvalRun baseline = run("base", "model-a", 60, i -> 1, i -> 0.8);
        EvalRun worse = run("new", "model-b", 60, i -> i % 4 == 0 ? 0 : 1, i -> 0.8 - (i % 3) * 0.05);

        RunSummary s = Summarizer.standard().summarize(worse, baseline);

        Comparison exact = s.comparisons().stream().filter(c -> c.metric().equals("exact")).findFirst().orElseThrow();
        assertThat(exact.baselineTarget()).isEqualTo("model-a");
        assertThat(exact.pairs()).isEqualTo(60);
        assertThat(exact.binary()).isTrue();
        assertThat(exact.meanDiff()).isCloseTo(-0.25, within(1e-12));
        assertThat(exact.pValue()).isCloseTo(PairedTests.mcNemarExactP(15, 0), within(1e-15));
        assertThat(exact.regression()).isTrue();
        Comparison rouge = s.comparisons().stream().filter(c -> c.metric().equals("rouge")).findFirst().orElseThrow();
        assertThat(rouge.binary()).isFalse();
        assertThat(rouge.meanDiff()).isCloseTo(-0.05, within(1e-9));
        assertThat(rouge.diffCi().high()).isLessThan(0);
        assertThat(rouge.regression()).isTrue();

        GateVerdict verdict = new Gate().evaluate(List.of(new GateRule.NoRegression(List.of("exact"), 0.05, 0.05)), s);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failures().getFirst().detail()).startsWith("worse: the drop could be as large as 0.3")
                .contains("diff -0.250");
    }

    @Test
    void anUnchangedRunIsNotARegressionAndASmallSampleIsWarnedAbout() {
        EvalRun baseline = run("base", "t", 6, i -> i % 2, i -> 0.5 + i * 0.05);
        EvalRun same = run("new", "t", 6, i -> i % 2, i -> 0.5 + i * 0.05);

        RunSummary s = Summarizer.standard().summarize(same, baseline);

        assertThat(s.comparisons()).allSatisfy(c -> {
            assertThat(c.regression()).isFalse();
            assertThat(c.pValue()).isEqualTo(1.0);
            assertThat(c.underpowered()).isTrue();
        });
        assertThat(s.warnings()).anyMatch(w -> w.contains("only 6 pairs with the baseline; at least 10 are needed"));
        GateVerdict v = new Gate().evaluate(List.of(new GateRule.NoRegression(List.of("exact"), 0.05, 0.05)), s);
        assertThat(v.passed()).as("six pairs cannot show that nothing got worse").isFalse();
        assertThat(v.failures().getFirst().detail()).contains("not shown to be within min_effect 0.050")
                .contains("pairs like these are needed");
    }

    @Test
    void aTotalRegressionOnFourPairsFailsTheGate() {
        EvalRun baseline = run("base", "t", 4, i -> 1, i -> 0.9);
        EvalRun worse = run("new", "t", 4, i -> 0, i -> 0.1);

        RunSummary s = Summarizer.standard().summarize(worse, baseline);
        GateVerdict v = new Gate().evaluate(List.of(new GateRule.NoRegression(List.of(), 0.05, 0.05)), s);

        assertThat(v.passed()).isFalse();
        assertThat(v.failures()).allSatisfy(f -> assertThat(f.detail()).startsWith("worse:"));
        assertThat(s.warnings()).noneMatch(w -> w.contains("0.000 or more"));
    }

    @Test
    void aTrueEquivalenceOnEnoughPairsPassesAndOnTooFewSaysHowManyAreNeeded() {
        EvalRun baseline = run("base", "t", 200, i -> i % 10 == 0 ? 0 : 1, i -> 0.7 + (i % 7) * 0.01);
        EvalRun same = run("new", "t", 200, i -> i % 10 == 0 ? 0 : 1, i -> 0.7 + (i % 7) * 0.01);
        GateRule rule = new GateRule.NoRegression(List.of(), 0.05, 0.05);

        GateVerdict enough = new Gate().evaluate(List.of(rule), Summarizer.standard().summarize(same, baseline));
        assertThat(enough.passed()).as(enough.results().toString()).isTrue();
        assertThat(enough.results().getFirst().detail()).startsWith("not worse by 0.050 or more");

        EvalRun fewBase = run("base", "t", 12, i -> 1, i -> 0.8);
        EvalRun fewSame = run("new", "t", 12, i -> 1, i -> 0.8);
        RunSummary few = Summarizer.standard().summarize(fewSame, fewBase);
        Comparison exact = few.comparisons().stream().filter(c -> c.metric().equals("exact")).findFirst()
                .orElseThrow();
        assertThat(exact.nonInferior()).isFalse();
        assertThat(exact.pairsNeeded()).isBetween(40, 80); // all passing: about 52 pairs bound the drop under 0.05
        assertThat(new Gate().evaluate(List.of(rule), few).passed()).isFalse();
    }

    @Test
    void gateRulesReportWhatWasMeasuredAndByHowMuchTheyMissed() {
        RunSummary s = Summarizer.standard().summarize(run("r", "t", 20, i -> i < 15 ? 1 : 0, i -> 0.6), null);

        GateVerdict v = new Gate().evaluate(List.of(new GateRule.MinPassRate("exact", 0.9),
                new GateRule.MinMean("rouge", 0.5), new GateRule.MaxP95Latency(110), new GateRule.MaxCost(0.1),
                new GateRule.NoRegression(List.of(), 0.05, 0.05)), s);

        assertThat(v.results()).extracting(r -> r.passed()).containsExactly(false, true, false, false, true);
        assertThat(v.results().get(0).detail()).isEqualTo("pass rate 75.0% is 15.0 points below the minimum 90.0%");
        assertThat(v.results().get(2).detail()).isEqualTo("p95 118 ms is 8 ms over the maximum 110 ms");
        assertThat(v.results().get(3).detail()).isEqualTo("cost $0.2000 is $0.1000 over the maximum $0.1000");
        assertThat(v.results().get(4).detail()).contains("no baseline");
    }
}
