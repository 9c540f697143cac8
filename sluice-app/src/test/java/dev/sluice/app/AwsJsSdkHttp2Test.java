package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.Transcript;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS JavaScript SDK v3 on the HTTP/2 handler its Bedrock runtime client picks by default in Node (a new session
 * per request, here h2c with prior knowledge) gets every Converse and ConverseStream answer whole from a real Sluice:
 * 50 fresh clients against the simulator's echo model, and 50 against an OpenAI upstream translated to Converse.
 * Both answer at a pace, as a real model does (the simulator at 200 tokens/s, the fake upstream trickling its bytes):
 * that client closes its session (GOAWAY) as soon as the response headers arrive, and a server that then stops
 * writing the stream's remaining frames cuts most answers short instead of the odd one.
 *
 * <p>Runs {@code src/test/js/converse-check.mjs} under {@code node}; it needs {@code node} on the PATH and
 * {@code npm ci --prefix sluice-app/src/test/js} (which {@code scripts/test} runs). Without them the test fails,
 * since a skipped test would let the HTTP/2 edge go unchecked.
 */
class AwsJsSdkHttp2Test {

    private static final Path JS = Path.of("src", "test", "js");
    private static final String INSTALL = "run `npm ci --prefix sluice-app/src/test/js` from the repository root "
            + "(scripts/test does it)";
    private static final int CLIENTS = 50;
    private static final int CONCURRENCY = 10;
    private static final long LIMIT_SECONDS = 180;

    @TempDir
    Path dir;
    final FakeUpstream openAi = new FakeUpstream();
    RunningSluice sluice;

    @BeforeEach
    void start() {
        Path transcripts = Upstreams.OPENAI.transcripts();
        Transcript whole = Transcript.load(transcripts.resolve("chat.http"));
        Transcript stream = Transcript.load(transcripts.resolve("stream.http"));
        openAi.answerEachTrickled(request -> asksForAStream(request) ? stream : whole, 64, 5);
        sluice = new RunningSluice("""
                storage: none
                providers:
                  - {id: sim, type: simulator}
                  - {id: openai, type: openai, base_url: "%s/v1", api_key: sk-upstream}
                models:
                  - {name: echo, provider: sim, options: {reply: echo, tokens_per_second: 200}}
                  - {name: gpt, provider: openai, upstream_model: gpt-4o-mini}
                """.formatted(openAi.baseUri()), dir);
    }

    @AfterEach
    void stop() {
        sluice.close();
        openAi.close();
    }

    @Test
    void everyAnswerOfTheSimulatorArrivesWholeOverHttp2() throws Exception {
        assertEveryCallComplete(check("echo"));
    }

    @Test
    void everyAnswerTranslatedFromAnOpenAiUpstreamArrivesWholeOverHttp2() throws Exception {
        assertEveryCallComplete(check("gpt", "--expect", Upstreams.ANSWER));
    }

    private static boolean asksForAStream(RecordedRequest request) {
        try {
            return Json.parse(request.getBody().toByteArray()).path("stream").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static void assertEveryCallComplete(Outcome outcome) {
        String what = "converse-check.mjs said " + outcome.summary() + " (exit " + outcome.exitCode() + ")"
                + (outcome.stderr().isBlank() ? "" : "; stderr:\n" + outcome.stderr());
        JsonNode s = outcome.summary();
        assertThat(List.of(s.path("converse_ok").asInt(), s.path("converse_bad").asInt(), s.path("stream_ok").asInt(),
                s.path("stream_bad").asInt())).as(what).containsExactly(CLIENTS, 0, CLIENTS, 0);
        assertThat(outcome.exitCode()).as(what).isZero();
    }

    /** What the script printed and how it ended. */
    private record Outcome(int exitCode, JsonNode summary, String stderr) { }

    private Outcome check(String model, String... extra) throws Exception {
        Path node = nodeOnPath();
        if (!Files.isRegularFile(JS.resolve("node_modules/@aws-sdk/client-bedrock-runtime/package.json"))) {
            fail("The AWS JavaScript SDK is not installed in " + JS.toAbsolutePath() + "/node_modules: " + INSTALL);
        }
        List<String> command = new ArrayList<>(List.of(node.toString(), "converse-check.mjs",
                "--base-url", sluice.baseUrl(), "--token", RunningSluice.KEY, "--model", model,
                "--count", Integer.toString(CLIENTS), "--concurrency", Integer.toString(CONCURRENCY)));
        command.addAll(List.of(extra));
        Path out = dir.resolve(model + ".out");
        Path err = dir.resolve(model + ".err");
        Process process = new ProcessBuilder(command).directory(JS.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("converse-check.mjs did not finish within " + LIMIT_SECONDS + " s; it printed:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        String stdout = Files.readString(out).strip();
        String lastLine = stdout.substring(stdout.lastIndexOf('\n') + 1);
        if (!lastLine.startsWith("{")) {
            fail("converse-check.mjs printed no summary (exit " + process.exitValue() + "):\n" + stdout + "\n"
                    + Files.readString(err));
        }
        System.out.println("converse-check.mjs, model " + model + ": " + lastLine); // the counts, also when green
        return new Outcome(process.exitValue(), Json.parse(lastLine), Files.readString(err));
    }

    private static Path nodeOnPath() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path node = Path.of(folder.isEmpty() ? "." : folder, "node");
            if (Files.isExecutable(node)) {
                return node;
            }
        }
        return fail("`node` (Node.js 20 or newer) is not on the PATH: install it (e.g. apt-get install nodejs npm), "
                + "then " + INSTALL);
    }
}
