package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI gate end to end through the real CLI: `sluice eval run --config sluice.yaml` starts Sluice in-process with
 * scripted simulator models whose right answers are known, scores them, writes the reports, and exits 0 when the gate
 * holds, 1 on a significant regression against a committed baseline, 2 on bad usage.
 */
class EvalGateEndToEndTest {

    private static final int CASES = 40;
    private static final int WRONG = 15;

    @TempDir
    Path dir;

    @BeforeEach
    void writeProject() throws Exception {
        List<String> dataset = new ArrayList<>();
        List<String> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int i = 1; i <= CASES; i++) {
            dataset.add("{\"id\":\"c" + i + "\",\"prompt\":\"Question " + i + "?\",\"expected\":\"Answer " + i
                    + "\",\"category\":\"" + (i % 2 == 0 ? "even" : "odd") + "\"}");
            good.add("{\"match\":\"^Question " + i + "\\\\?$\",\"reply\":\"Answer " + i + "\"}");
            bad.add("{\"match\":\"^Question " + i + "\\\\?$\",\"reply\":\"" + (i <= WRONG ? "I do not know" : "Answer " + i)
                    + "\"}");
        }
        Files.write(dir.resolve("cases.jsonl"), dataset);
        Files.write(dir.resolve("good.jsonl"), good);
        Files.write(dir.resolve("bad.jsonl"), bad);
        Files.writeString(dir.resolve("sluice.yaml"), """
                storage: none
                providers: [{id: sim, type: simulator}]
                models:
                  - {name: good-model, provider: sim, options: {reply: script, script: good.jsonl}}
                  - {name: bad-model, provider: sim, options: {reply: script, script: bad.jsonl}}
                """);
        for (String target : List.of("good", "bad")) {
            Files.writeString(dir.resolve(target + "-suite.yaml"), """
                    name: answers
                    dataset: cases.jsonl
                    concurrency: 8
                    targets:
                      - {name: assistant, model: %s-model}
                    metrics:
                      - type: exact_match
                      - type: rouge_l
                      - type: latency_ms
                    gate:
                      - {metric: exact_match, min_pass_rate: 0.9}
                      - {no_regression: true, metrics: [exact_match], min_effect: 0.05, alpha: 0.05}
                    """.formatted(target));
        }
    }

    private int eval(String... args) {
        List<String> all = new ArrayList<>(List.of("eval"));
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new));
    }

    private String p(String name) { return dir.resolve(name).toString(); }

    @Test
    void theGatePassesForTheRightModelAndFailsOnARegression() throws Exception {
        int ok = eval("run", p("good-suite.yaml"), "--config", p("sluice.yaml"), "--store", p("store"),
                "--export", p("baseline.json"), "--junit", p("good.xml"), "--markdown", p("good.md"),
                "--html", p("good.html"));
        assertThat(ok).isZero();
        assertThat(Files.readString(dir.resolve("good.xml"))).contains("<testsuite").contains("tests=\"" + CASES);
        assertThat(Files.readString(dir.resolve("good.md"))).contains("exact_match");
        assertThat(Files.readString(dir.resolve("good.html"))).contains("<svg");
        assertThat(dir.resolve("baseline.json")).exists();

        int regressed = eval("run", p("bad-suite.yaml"), "--config", p("sluice.yaml"), "--store", p("store"),
                "--baseline", p("baseline.json"), "--junit", p("bad.xml"), "--markdown", p("bad.md"));
        assertThat(regressed).isEqualTo(1);
        String md = Files.readString(dir.resolve("bad.md"));
        assertThat(md).contains("exact_match").containsIgnoringCase("regress");
        String junit = Files.readString(dir.resolve("bad.xml"));
        assertThat(junit).contains("<failure");
        assertThat(junit.split("<failure", -1).length - 1).isEqualTo(WRONG);
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(eval("run", p("missing-suite.yaml"), "--config", p("sluice.yaml"), "--store", p("store")))
                .isEqualTo(2);
        assertThat(eval("run")).isEqualTo(2);
        assertThat(eval("--no-such-flag")).isEqualTo(2);
    }
}
