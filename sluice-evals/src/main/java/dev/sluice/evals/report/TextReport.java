package dev.sluice.evals.report;

import static dev.sluice.evals.report.Fmt.ci;
import static dev.sluice.evals.report.Fmt.f;
import static dev.sluice.evals.report.Fmt.num;
import static dev.sluice.evals.report.Fmt.p;
import static dev.sluice.evals.report.Fmt.pct;
import static dev.sluice.evals.report.Fmt.pctCi;
import static dev.sluice.evals.report.Fmt.signed;

import dev.sluice.evals.gate.GateVerdict;
import dev.sluice.evals.gate.RuleResult;
import dev.sluice.evals.run.RunManifest;
import dev.sluice.evals.stats.Comparison;
import dev.sluice.evals.stats.MetricSummary;
import dev.sluice.evals.stats.RunSummary;
import dev.sluice.evals.stats.TargetSummary;

/**
 * The terminal summary and the Markdown summary for a pull-request comment; both list every target's metrics with
 * intervals, the baseline comparison, warnings and the gate's verdict. Stateless.
 */
public final class TextReport {

    /** Plain text for a terminal or a CI log. */
    public String terminal(RunSummary s, GateVerdict verdict) {
        StringBuilder b = new StringBuilder();
        RunManifest m = s.run().manifest();
        b.append(f("Run %s  suite %s (%s)  dataset %s (%s)%n", m.runId(), m.suiteName(), shortHash(m.suiteVersion()),
                m.datasetSource(), shortHash(m.datasetVersion())));
        for (TargetSummary t : s.targets()) {
            b.append(f("%nTarget %s: %d results (%d from the output cache), %d failed calls, p50 %s ms, p95 %s ms, "
                    + "TTFT %s ms, cost $%.4f%n", t.target(), t.results(), t.cachedOutputs(), t.failedCalls(),
                    num(t.p50LatencyMs()), num(t.p95LatencyMs()), num(t.meanTtftMs()), t.totalCostUsd()));
            b.append(f("  %-22s %9s %-20s %8s %-18s %6s%n", "metric", "mean", "95% CI", "pass", "95% CI", "errors"));
            for (MetricSummary ms : t.metrics().values()) {
                b.append(f("  %-22s %9s %-20s %8s %-18s %6d%n", ms.metric(), num(ms.mean()), ci(ms.meanCi()),
                        pct(ms.passRate()), pctCi(ms.passCi()), ms.errors()));
                if (ms.byCategory().size() > 1) {
                    ms.byCategory().forEach((cat, st) -> b.append(f("    %-20s %9s %29s n=%d%n", cat, num(st.mean()),
                            pct(st.passRate()), st.n())));
                }
            }
        }
        if (s.baselineRunId() != null) {
            b.append(f("%nAgainst baseline %s:%n", s.baselineRunId()));
            for (Comparison c : s.comparisons()) {
                b.append(f("  %-12s %-22s diff %s %s p=%s n=%d%s%n", c.target(), c.metric(), signed(c.meanDiff()),
                        ci(c.diffCi()), p(c.pValue()), c.pairs(), c.regression() ? "  REGRESSION" : ""));
            }
        }
        s.warnings().forEach(w -> b.append("warning: ").append(w).append('\n'));
        if (verdict.results().isEmpty()) {
            b.append(f("%nGate: not applied (a comparison shows differences; `eval run` applies a suite's gate)%n"));
            return b.toString();
        }
        b.append(f("%nGate: %s%n", verdict.passed() ? "PASSED" : "FAILED"));
        for (RuleResult r : verdict.results()) {
            b.append(f("  [%s] %s: %s%n", r.passed() ? "ok" : "FAIL", r.rule(), r.detail()));
        }
        return b.toString();
    }

    /** GitHub-flavoured Markdown. */
    public String markdown(RunSummary s, GateVerdict verdict) {
        StringBuilder b = new StringBuilder();
        RunManifest m = s.run().manifest();
        if (verdict.results().isEmpty()) {
            b.append(f("### Evaluation `%s`: comparison (no gate applied)%n%n", m.suiteName()));
        } else {
            b.append(f("### %s Evaluation `%s`: gate %s%n%n", verdict.passed() ? "✅" : "❌", m.suiteName(),
                    verdict.passed() ? "passed" : "failed"));
        }
        b.append(f("Run `%s` · dataset `%s` (`%s`) · %d results%n%n", m.runId(), m.datasetSource(),
                shortHash(m.datasetVersion()), s.run().results().size()));
        if (!verdict.failures().isEmpty()) {
            b.append("**Failed rules**\n\n");
            verdict.failures().forEach(r -> b.append("- ").append(r.rule()).append(": ").append(r.detail())
                    .append('\n'));
            b.append('\n');
        }
        b.append("| target | metric | mean | 95% CI | pass rate | 95% CI | errors |\n");
        b.append("|---|---|---:|---|---:|---|---:|\n");
        for (TargetSummary t : s.targets()) {
            for (MetricSummary ms : t.metrics().values()) {
                b.append(f("| %s | %s | %s | %s | %s | %s | %d |%n", t.target(), ms.metric(), num(ms.mean()),
                        ci(ms.meanCi()), pct(ms.passRate()), pctCi(ms.passCi()), ms.errors()));
            }
        }
        categories(b, s);
        b.append("\n| target | p50 ms | p95 ms | TTFT ms | cost USD | failed calls | from cache |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (TargetSummary t : s.targets()) {
            b.append(f("| %s | %s | %s | %s | %.4f | %d | %d |%n", t.target(), num(t.p50LatencyMs()),
                    num(t.p95LatencyMs()), num(t.meanTtftMs()), t.totalCostUsd(), t.failedCalls(), t.cachedOutputs()));
        }
        if (s.baselineRunId() != null) {
            b.append(f("%n**Against baseline `%s`**%n%n| target | metric | baseline | current | diff | 95%% CI | p "
                    + "| |%n|---|---|---:|---:|---:|---|---:|---|%n", s.baselineRunId()));
            for (Comparison c : s.comparisons()) {
                b.append(f("| %s | %s | %s | %s | %s | %s | %s | %s |%n", c.target(), c.metric(), num(c.baselineMean()),
                        num(c.currentMean()), signed(c.meanDiff()), ci(c.diffCi()), p(c.pValue()),
                        c.regression() ? "🔻 regression" : ""));
            }
        }
        if (!s.warnings().isEmpty()) {
            b.append("\n<details><summary>Warnings</summary>\n\n");
            s.warnings().forEach(w -> b.append("- ").append(w).append('\n'));
            b.append("\n</details>\n");
        }
        return b.toString();
    }

    private static void categories(StringBuilder b, RunSummary s) {
        boolean any = s.targets().stream().flatMap(t -> t.metrics().values().stream())
                .anyMatch(ms -> ms.byCategory().size() > 1);
        if (!any) {
            return;
        }
        b.append("\n<details><summary>By category</summary>\n\n| target | metric | category | n | mean | pass rate |\n"
                + "|---|---|---|---:|---:|---:|\n");
        for (TargetSummary t : s.targets()) {
            for (MetricSummary ms : t.metrics().values()) {
                ms.byCategory().forEach((cat, st) -> b.append(f("| %s | %s | %s | %d | %s | %s |%n", t.target(),
                        ms.metric(), cat, st.n(), num(st.mean()), pct(st.passRate()))));
            }
        }
        b.append("\n</details>\n");
    }

    static String shortHash(String version) {
        if (version == null) {
            return "-";
        }
        int colon = version.indexOf(':');
        String hex = colon >= 0 ? version.substring(colon + 1) : version;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
