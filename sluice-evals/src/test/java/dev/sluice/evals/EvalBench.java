package dev.sluice.evals;

import dev.sluice.evals.metric.LocalEmbedder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Benchmark: a generated 1,000-case suite with three metrics (exact_match, rouge_l, levenshtein) at concurrency 32
 * against a gateway, output cache off, printing the wall time. Usage:
 * {@code EvalBench URL [KEY] [MODEL] [CASES] [CONCURRENCY]}; the model should be a fast (simulated) one.
 */
public final class EvalBench {

    private EvalBench() { }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: EvalBench GATEWAY_URL [KEY] [MODEL] [CASES] [CONCURRENCY]");
            System.exit(2);
        }
        String url = args[0];
        String key = args.length > 1 ? args[1] : "";
        String model = args.length > 2 ? args[2] : "simulator";
        int cases = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        Path dir = Files.createTempDirectory("sluice-evalbench");
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < cases; i++) {
            data.append("{\"id\":\"c").append(i).append("\",\"question\":\"What is ").append(i)
                    .append(" plus 1?\",\"expected\":\"").append(i + 1).append("\"}\n");
        }
        Files.writeString(dir.resolve("cases.jsonl"), data);
        Files.writeString(dir.resolve("bench.yaml"), """
                name: bench
                dataset: cases.jsonl
                prompt: "{{question}}"
                concurrency: %d
                targets:
                  - model: %s
                metrics:
                  - type: exact_match
                  - type: rouge_l
                  - type: levenshtein
                """.formatted(concurrency, model));
        PrintStream quiet = new PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        EvalHooks hooks = new EvalHooks(null, dir, quiet, System.err, Map.of(), new LocalEmbedder(), false);
        long start = System.nanoTime();
        int code = new CommandLine(new EvalCommand(hooks)).execute("run", "bench.yaml", "--gateway", url, "--key",
                key, "--no-cache", "--run-id", "bench");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("cases=%d metrics=3 concurrency=%d exit=%d wall=%.2fs throughput=%.0f cases/s%n", cases,
                concurrency, code, seconds, cases / seconds);
    }
}
