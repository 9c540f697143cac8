package dev.sluice.evals.report;

import static dev.sluice.evals.report.Fmt.ci;
import static dev.sluice.evals.report.Fmt.f;
import static dev.sluice.evals.report.Fmt.num;
import static dev.sluice.evals.report.Fmt.pct;
import static dev.sluice.evals.report.SvgCharts.esc;

import dev.sluice.evals.gate.GateVerdict;
import dev.sluice.evals.gate.RuleResult;
import dev.sluice.evals.run.CaseResult;
import dev.sluice.evals.run.RunManifest;
import dev.sluice.evals.spi.Score;
import dev.sluice.evals.stats.Comparison;
import dev.sluice.evals.stats.MetricSummary;
import dev.sluice.evals.stats.RunSummary;
import dev.sluice.evals.stats.TargetSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * A single self-contained HTML page: gate verdict, metric tables, charts (score distributions, per-category results,
 * latency against cost, baseline comparison) and every case's output and scores. Stateless.
 */
public final class HtmlReport {

    public String render(RunSummary s, GateVerdict verdict) {
        RunManifest m = s.run().manifest();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>")
                .append(esc("Evaluation " + m.suiteName() + " " + m.runId())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
                        + "margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}"
                        + ".ok{color:#2e7d32}.fail{color:#c62828;font-weight:bold}.charts{display:flex;flex-wrap:wrap;"
                        + "gap:12px}svg{border:1px solid #eee;background:#fff}pre{white-space:pre-wrap;margin:0}")
                .append("</style></head><body>");
        b.append(f("<h1>%s</h1><p>Run <code>%s</code> · dataset %s <code>%s</code> · gate <span class='%s'>%s</span></p>",
                esc(m.suiteName()), esc(m.runId()), esc(m.datasetSource()), esc(m.datasetVersion()),
                verdict.results().isEmpty() ? "" : verdict.passed() ? "ok" : "fail",
                verdict.results().isEmpty() ? "not applied" : verdict.passed() ? "PASSED" : "FAILED"));
        gate(b, verdict);
        for (TargetSummary t : s.targets()) {
            target(b, s, t);
        }
        latencyVsCost(b, s);
        comparison(b, s);
        if (!s.warnings().isEmpty()) {
            b.append("<h2>Warnings</h2><ul>");
            s.warnings().forEach(w -> b.append("<li>").append(esc(w)).append("</li>"));
            b.append("</ul>");
        }
        cases(b, s);
        return b.append("</body></html>").toString();
    }

    private static void gate(StringBuilder b, GateVerdict verdict) {
        b.append("<h2>Gate</h2><table><tr><th>rule</th><th>result</th><th>detail</th></tr>");
        for (RuleResult r : verdict.results()) {
            b.append(f("<tr><td>%s</td><td class='%s'>%s</td><td>%s</td></tr>", esc(r.rule()), r.passed() ? "ok" : "fail",
                    r.passed() ? "ok" : "FAIL", esc(r.detail())));
        }
        b.append("</table>");
    }

    private static void target(StringBuilder b, RunSummary s, TargetSummary t) {
        b.append(f("<h2>Target %s</h2><p>%d results (%d from the output cache), %d failed calls, p50 %s ms, p95 %s ms, "
                + "TTFT %s ms, cost $%.4f</p>", esc(t.target()), t.results(), t.cachedOutputs(), t.failedCalls(),
                num(t.p50LatencyMs()), num(t.p95LatencyMs()), num(t.meanTtftMs()), t.totalCostUsd()));
        b.append("<table><tr><th>metric</th><th>mean</th><th>95% CI</th><th>pass rate</th><th>95% CI</th>"
                + "<th>errors</th></tr>");
        for (MetricSummary ms : t.metrics().values()) {
            b.append(f("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td></tr>", esc(ms.metric()),
                    num(ms.mean()), ci(ms.meanCi()), pct(ms.passRate()), Fmt.pctCi(ms.passCi()), ms.errors()));
        }
        b.append("</table><div class='charts'>");
        for (MetricSummary ms : t.metrics().values()) {
            double[] values = s.run().results().stream().filter(r -> r.target().equals(t.target()))
                    .map(r -> r.scores().get(ms.metric())).filter(sc -> sc != null && sc.ok())
                    .mapToDouble(Score::value).toArray();
            b.append(SvgCharts.histogram(ms.metric() + " distribution", values, 10));
            if (ms.byCategory().size() > 1) {
                List<SvgCharts.Bar> bars = new ArrayList<>();
                ms.byCategory().forEach((cat, st) -> bars.add(new SvgCharts.Bar(cat + " (n=" + st.n() + ")", st.mean(),
                        Double.NaN, Double.NaN)));
                b.append(SvgCharts.bars(ms.metric() + " by category", bars, false));
            }
        }
        b.append("</div>");
    }

    private static void latencyVsCost(StringBuilder b, RunSummary s) {
        List<String> targets = new ArrayList<>(s.run().manifest().targets().keySet());
        List<SvgCharts.Point> points = s.run().results().stream().filter(r -> r.error() == null)
                .map(r -> new SvgCharts.Point(r.latencyMs(), r.costUsd(), targets.indexOf(r.target()))).toList();
        b.append("<h2>Latency and cost</h2><div class='charts'>")
                .append(SvgCharts.scatter("latency (ms) vs cost (USD)", points, "ms", "USD")).append("</div><p>");
        for (int i = 0; i < targets.size(); i++) {
            b.append(f("<span style='color:%s'>● %s</span> ", SvgCharts.COLOURS[i % SvgCharts.COLOURS.length],
                    esc(targets.get(i))));
        }
        b.append("</p>");
    }

    private static void comparison(StringBuilder b, RunSummary s) {
        if (s.baselineRunId() == null) {
            return;
        }
        b.append(f("<h2>Against baseline %s</h2><table><tr><th>target</th><th>metric</th><th>baseline</th>"
                + "<th>current</th><th>diff</th><th>95%% CI</th><th>p</th><th>pairs</th><th></th></tr>",
                esc(s.baselineRunId())));
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (Comparison c : s.comparisons()) {
            b.append(f("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td>"
                    + "<td class='fail'>%s</td></tr>", esc(c.target()), esc(c.metric()), num(c.baselineMean()),
                    num(c.currentMean()), Fmt.signed(c.meanDiff()), ci(c.diffCi()), Fmt.p(c.pValue()), c.pairs(),
                    c.regression() ? "regression" : ""));
            if (Math.abs(c.baselineMean()) <= 1 && Math.abs(c.currentMean()) <= 1) {
                bars.add(new SvgCharts.Bar(c.target() + " " + c.metric(), c.meanDiff(), c.diffCi().low(),
                        c.diffCi().high()));
            }
        }
        b.append("</table><div class='charts'>").append(SvgCharts.bars("difference vs baseline (95% CI)", bars, true))
                .append("</div>");
    }

    private static void cases(StringBuilder b, RunSummary s) {
        b.append("<h2>Cases</h2><table><tr><th>target</th><th>case</th><th>category</th><th>output</th><th>scores</th>"
                + "<th>ms</th></tr>");
        for (CaseResult r : s.run().results()) {
            StringBuilder scores = new StringBuilder();
            r.scores().forEach((k, v) -> scores.append(esc(k)).append('=')
                    .append(v.ok() ? num(v.value()) : "<span class='fail'>error: " + esc(v.error()) + "</span>")
                    .append("<br>"));
            b.append(f("<tr><td>%s</td><td>%s</td><td>%s</td><td><pre>%s</pre></td><td>%s</td><td>%d</td></tr>",
                    esc(r.target()), esc(r.caseId()), esc(r.category() == null ? "" : r.category()),
                    esc(r.error() != null ? "ERROR: " + r.error() : r.output()), scores, r.latencyMs()));
        }
        b.append("</table>");
    }
}
