package dev.sluice.bench.guardrails;

import dev.sluice.api.json.Json;
import dev.sluice.guardrails.apply.Assessment;
import dev.sluice.guardrails.apply.CompiledGuardrail;
import dev.sluice.guardrails.apply.Source;
import dev.sluice.guardrails.apply.TextBlock;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The detector work of one call of bench/gateway-guardrails.sh, without the gateway: its guardrail (six PII types,
 * a custom phrase and the profanity list) on its prompt (a system text and a user text with an e-mail address and a
 * phone number), on its prompt of no PII (bench-clean: as long, nothing to find) and on the canned answer. The gateway's loss of throughput with a guardrail is this plus the
 * decoding and encoding the guardrail needs (average time, in nanoseconds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GatewayCallBenchmark {

    private static final String GUARDRAIL = """
            {"name": "bench", "blockedInputMessaging": "Blocked.", "blockedOutputsMessaging": "Withheld.",
             "sensitiveInformationPolicyConfig": {"piiEntitiesConfig": [
               {"type": "EMAIL", "action": "ANONYMIZE"}, {"type": "PHONE", "action": "ANONYMIZE"},
               {"type": "CREDIT_DEBIT_CARD_NUMBER", "action": "BLOCK"},
               {"type": "US_SOCIAL_SECURITY_NUMBER", "action": "BLOCK"},
               {"type": "IP_ADDRESS", "action": "ANONYMIZE"}, {"type": "AWS_ACCESS_KEY", "action": "BLOCK"}]},
             "wordPolicyConfig": {"wordsConfig": [{"text": "project falcon"}],
               "managedWordListsConfig": [{"type": "PROFANITY"}]}}
            """;

    private CompiledGuardrail guardrail;
    private List<TextBlock> prompt;
    private List<TextBlock> cleanPrompt;
    private List<TextBlock> answer;

    @Setup
    public void setUp() {
        try {
            guardrail = new CompiledGuardrail(GuardrailJson.fromApi(Json.parse(GUARDRAIL)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prompt = List.of(TextBlock.of("You are terse."),
                TextBlock.of("What is the capital of France? Write to ann@example.com or call 555-201-3344."));
        cleanPrompt = List.of(TextBlock.of("You are terse."),
                TextBlock.of("What is the capital of France? Write a short answer and keep it to one line."));
        answer = List.of(TextBlock.of("The capital of France is Paris."));
    }

    @Benchmark
    public Assessment prompt() {
        return guardrail.check(Source.INPUT, prompt);
    }

    @Benchmark
    public Assessment cleanPrompt() {
        return guardrail.check(Source.INPUT, cleanPrompt);
    }

    @Benchmark
    public Assessment answer() {
        return guardrail.check(Source.OUTPUT, answer);
    }
}
