package dev.sluice.evals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.evals.run.CaseResult;
import dev.sluice.evals.run.EvalRun;
import dev.sluice.evals.run.LocalRunStore;
import dev.sluice.evals.run.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A suite against a fake OpenAI-compatible gateway whose models' right and wrong answers are known. */
class EvalCommandEndToEndTest {

    private static final int CASES = 30;
    private static final Pattern QUESTION = Pattern.compile("What is (\\d+) plus (\\d+)\\?");
    private static final Pattern REF = Pattern.compile("REFERENCE:\\n(.*?)\\n", Pattern.DOTALL);
    private static final Pattern ANS = Pattern.compile("ANSWER:\\n(.*?)\\n", Pattern.DOTALL);

    @TempDir Path dir;
    private FakeChatServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = new FakeChatServer(EvalCommandEndToEndTest::answer, 2);
        StringBuilder cases = new StringBuilder();
        for (int i = 1; i <= CASES; i++) {
            cases.append(String.format("{\"id\":\"q%d\",\"vars\":{\"a\":\"%d\",\"b\":\"%d\"},\"expected\":\"%d\","
                    + "\"category\":\"%s\"}%n", i, i, 10, i + 10, i <= 15 ? "small" : "large"));
        }
        Files.writeString(dir.resolve("cases.jsonl"), cases);
        Files.writeString(dir.resolve("good.yaml"), suite("good-model"));
        Files.writeString(dir.resolve("bad.yaml"), suite("bad-model"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** good-model is always right; bad-model is wrong whenever a is a multiple of 3; the judge compares. */
    static String answer(String model, String prompt) {
        if (model.equals("judge-model")) {
            Matcher r = REF.matcher(prompt);
            Matcher a = ANS.matcher(prompt);
            if (!r.find() || !a.find()) {
                return "no idea";
            }
            if (a.group(1).trim().equals("37")) {
                return "I would rather not say.";
            }
            return "Compared.\nSCORE: " + (r.group(1).trim().equals(a.group(1).trim()) ? 5 : 1);
        }
        Matcher q = QUESTION.matcher(prompt);
        if (!q.find()) {
            return "?";
        }
        int a = Integer.parseInt(q.group(1));
        int sum = a + Integer.parseInt(q.group(2));
        return model.equals("bad-model") && a % 3 == 0 ? Integer.toString(sum + 1) : Integer.toString(sum);
    }

    private static String suite(String model) {
        return """
                name: arithmetic
                dataset: cases.jsonl
                prompt: "Answer with a number only. What is {{a}} plus {{b}}?"
                concurrency: 8
                judge: judge-model
                targets:
                  - name: assistant
                    model: %s
                    params: {temperature: 0}
                metrics:
                  - type: exact_match
                  - type: levenshtein
                  - type: ttft_ms
                  - name: judge_correct
                    type: llm_judge
                    rubric: correctness
                gate:
                  - {metric: exact_match, min_pass_rate: 0.9}
                  - {metric: levenshtein, min_mean: 0.8}
                  - {max_p95_latency_ms: 10000}
                  - {max_cost_usd: 1.0}
                  - {no_regression: true, metrics: [exact_match, judge_correct], min_effect: 0.05}
                """.formatted(model);
    }

    private int eval(String... args) {
        EvalHooks hooks = new EvalHooks(null, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), text -> new float[] {1f}, false);
        return new CommandLine(new EvalCommand(hooks)).execute(args);
    }

    private String[] gateway(String... rest) {
        List<String> args = new ArrayList<>(List.of(rest));
        args.addAll(List.of("--gateway", server.url(), "--key", FakeChatServer.KEY));
        return args.toArray(String[]::new);
    }

    @Test
    void aCorrectModelPassesTheGateThroughRateLimitsAndWritesEveryReport() throws IOException {
        int code = eval(gateway("run", "good.yaml", "--run-id", "good-1", "--junit", "out/junit.xml", "--markdown",
                "out/summary.md", "--html", "out/report.html", "--export", "baseline.json"));

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(server.rateLimited.get()).isEqualTo(2);
        EvalRun run = new RunFiles().read(dir.resolve("baseline.json"));
        assertThat(run.results()).hasSize(CASES).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.ttftMs()).isGreaterThanOrEqualTo(0);
            assertThat(r.costUsd()).isEqualTo(0.0001);
            assertThat(r.outputTokens()).isEqualTo(1);
        });
        assertThat(run.manifest().datasetVersion()).startsWith("sha256:").hasSize(71);
        String text = out.toString(StandardCharsets.UTF_8);
        // 30 of 30 passed: the interval still admits a true rate down to 85.9% (Wilson, continuity corrected)
        assertThat(text).contains("Gate: PASSED").contains("exact_match").contains("[0.859, 1.000]");
        assertThat(Files.readString(dir.resolve("out/junit.xml"))).contains("tests=\"30\"").contains("failures=\"0\"");
        assertThat(Files.readString(dir.resolve("out/summary.md"))).contains("gate passed");
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("<svg").contains("by category");
    }

    @Test
    void anUnparsableJudgeAnswerIsReportedForThatCaseAndNotDropped() throws IOException {
        eval(gateway("run", "good.yaml", "--run-id", "judge-1", "--junit", "junit.xml"));

        List<CaseResult> results = new LocalRunStore(dir.resolve(".sluice/evals")).results("judge-1");
        CaseResult q27 = results.stream().filter(r -> r.caseId().equals("q27")).findFirst().orElseThrow();
        assertThat(q27.scores().get("judge_correct").error()).contains("judge answer has no score");
        assertThat(results).filteredOn(r -> !r.caseId().equals("q27"))
                .allSatisfy(r -> assertThat(r.scores().get("judge_correct").value()).isEqualTo(1.0));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("judge_correct: 1 case(s) could not be scored");
        assertThat(Files.readString(dir.resolve("junit.xml"))).contains("errors=\"1\"").contains("ScoringFailed");
    }

    @Test
    void aWorseModelFailsTheGateWithASignificantRegressionAgainstTheBaseline() throws IOException {
        assertThat(eval(gateway("run", "good.yaml", "--export", "baseline.json"))).isZero();
        out.reset();

        int code = eval(gateway("run", "bad.yaml", "--baseline", "baseline.json", "--junit", "junit.xml",
                "--markdown", "pr.md"));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + err).isEqualTo(1);
        assertThat(text).contains("Gate: FAILED").contains("REGRESSION")
                .containsPattern("FAIL\\] min_pass_rate\\(exact_match\\) >= 90.0% \\[assistant\\]: pass rate 66.7% "
                        + "is 23.3 points below")
                .containsPattern("FAIL\\] no_regression\\(exact_match\\).*worse: the drop could be as large as "
                        + "0\\.\\d+, over min_effect 0\\.050; diff -0.333");
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertThat(junit).contains("failures=\"10\"").contains("failed metrics: exact_match=0.000 (min 1.000)");
        assertThat(Files.readString(dir.resolve("pr.md"))).contains("gate failed").contains("regression");
    }

    @Test
    void aWrongKeyOrAnUnreachableGatewayIsExit2WithTheCauseNotAFailedGate() throws IOException {
        int wrongKey = eval("run", "good.yaml", "--gateway", server.url(), "--key", "sk-wrong", "--no-cache");
        assertThat(wrongKey).as(out + "\n" + err).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("outside the system under test")
                .contains("answered HTTP 401: bad key");

        err.reset();
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        int unreachable = eval("run", "good.yaml", "--gateway", "http://127.0.0.1:" + port, "--key", FakeChatServer.KEY,
                "--no-cache");
        assertThat(unreachable).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is unreachable");
    }

    @Test
    void cachedOutputsFromOneGatewayDoNotPassARunAgainstAnother() throws IOException {
        assertThat(eval(gateway("run", "good.yaml"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("30 results (0 from the output cache)");
        out.reset();
        assertThat(eval(gateway("run", "good.yaml"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("30 results (30 from the output cache)");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int elsewhere = eval("run", "good.yaml", "--gateway", "http://127.0.0.1:" + port, "--key", FakeChatServer.KEY);
        assertThat(elsewhere).as("an unreachable gateway must not pass from the cache").isEqualTo(2);
    }

    @Test
    void aKilledRunResumesWithoutCallingFinishedCasesAgain() throws IOException {
        assertThat(eval(gateway("run", "good.yaml", "--run-id", "r1", "--no-cache"))).isZero();
        Path results = dir.resolve(".sluice/evals/runs/r1/results.jsonl");
        List<String> lines = Files.readAllLines(results);
        Files.writeString(results, String.join("\n", lines.subList(0, 10)) + "\n" + lines.get(10).substring(0, 40));
        server.callsByModel.clear();

        assertThat(eval(gateway("run", "good.yaml", "--run-id", "r1", "--no-cache"))).isZero();

        assertThat(server.callsByModel.get("good-model").get()).isEqualTo(CASES - 10);
        assertThat(new LocalRunStore(dir.resolve(".sluice/evals")).results("r1")).hasSize(CASES);
        err.reset();
        assertThat(eval(gateway("run", "bad.yaml", "--run-id", "r1"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("another version of the suite or dataset");
    }

    @Test
    void unchangedCasesComeFromTheCacheUnlessNoCacheIsGiven() {
        assertThat(eval(gateway("run", "good.yaml"))).isZero();
        server.callsByModel.clear();

        assertThat(eval(gateway("run", "good.yaml"))).isZero();
        assertThat(server.callsByModel.get("good-model")).isNull();

        assertThat(eval(gateway("run", "good.yaml", "--no-cache"))).isZero();
        assertThat(server.callsByModel.get("good-model").get()).isEqualTo(CASES);
    }

    @Test
    void runsListsStoredRunsAndCompareShowsTheDifference() {
        eval(gateway("run", "good.yaml", "--run-id", "a"));
        eval(gateway("run", "bad.yaml", "--run-id", "b"));
        out.reset();

        assertThat(eval("runs")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("a ").contains("b ").contains("arithmetic");
        out.reset();

        assertThat(eval("compare", "a", "b")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Against baseline a").contains("REGRESSION")
                .contains("Gate: not applied").doesNotContain("Gate: PASSED");
    }

    @Test
    void badUsageAndBadConfigurationExitWithTwo() throws IOException {
        assertThat(eval("run", "good.yaml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--gateway URL");
        assertThat(eval("run", "good.yaml", "--no-such-option")).isEqualTo(2);
        assertThat(eval(gateway("run", "missing.yaml"))).isEqualTo(2);
        Files.writeString(dir.resolve("typo.yaml"), suite("good-model").replace("type: ttft_ms",
                "type: ttft_msec"));
        err.reset();
        assertThat(eval(gateway("run", "typo.yaml"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown type 'ttft_msec'");
        assertThat(eval(gateway("run", "good.yaml", "--config", "sluice.yaml"))).isEqualTo(2);
    }
}
