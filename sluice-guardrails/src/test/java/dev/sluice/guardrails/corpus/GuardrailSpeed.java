package dev.sluice.guardrails.corpus;

import dev.sluice.api.json.Json;
import dev.sluice.guardrails.apply.CompiledGuardrail;
import dev.sluice.guardrails.apply.Source;
import dev.sluice.guardrails.apply.TextBlock;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.topics.MiniLmEmbedder;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A whole guardrail on 4 KB of text (wall clock on a warmed JVM, not JMH): every PII type, the profanity list and
 * two phrases, and all six content filters; then the same with three denied topics, whose embeddings are reported on
 * their own: on new text (the model's window cache bypassed) and on the same text again (from the cache). Run by
 * bench/guardrails.sh.
 */
public final class GuardrailSpeed {

    private GuardrailSpeed() { }

    public static void main(String[] args) throws IOException {
        String pii = Arrays.stream(PiiType.values()).filter(PiiType::isStructured).map(t -> "{\"type\": \"" + t + "\", \"action\": \"ANONYMIZE\"}")
                .collect(Collectors.joining(", "));
        String filters = List.of("HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT").stream()
                .map(t -> "{\"type\": \"" + t + "\", \"inputStrength\": \"HIGH\", \"outputStrength\": \"HIGH\"}")
                .collect(Collectors.joining(", "));
        String base = "{\"name\": \"speed\", \"blockedInputMessaging\": \"x\", \"blockedOutputsMessaging\": \"y\","
                + " \"sensitiveInformationPolicyConfig\": {\"piiEntitiesConfig\": [" + pii + "]},"
                + " \"wordPolicyConfig\": {\"wordsConfig\": [{\"text\": \"project falcon\"}, {\"text\": \"internal"
                + " only\"}], \"managedWordListsConfig\": [{\"type\": \"PROFANITY\"}]},"
                + " \"contentPolicyConfig\": {\"filtersConfig\": [" + filters + ", {\"type\": \"PROMPT_ATTACK\","
                + " \"inputStrength\": \"HIGH\", \"outputStrength\": \"NONE\"}]}";
        CompiledGuardrail local = new CompiledGuardrail(GuardrailJson.fromApi(Json.parse(base + "}")));
        StringBuilder all = new StringBuilder();
        ContentScoring.ATTACKS.forEach(t -> all.append(t.text()).append(' '));
        CorpusFile.load().forEach(s -> all.append(s.text()).append(' '));
        String fourK = all.substring(0, 4096);
        List<TextBlock> block = List.of(TextBlock.of(fourK));
        for (int i = 0; i < 3000; i++) {
            local.check(Source.INPUT, block);
        }
        System.out.println("\n## A whole guardrail, 4 KB of prompts and PII sentences\n");
        System.out.println(Speed.latency("PII (19 types) + words + 6 content filters, INPUT",
                () -> local.check(Source.INPUT, block)));
        var classifier = dev.sluice.guardrails.content.ContentClassifier.shared();
        System.out.println(Speed.latency("content classifier alone (6 categories)", () -> classifier.classify(fourK)));
        String topics = ", \"topicPolicyConfig\": {\"topicsConfig\": [" + TopicScoring.topics().stream()
                .map(t -> "{\"name\": \"" + t.name() + "\", \"definition\": \"" + t.definition().replace("\"", "")
                        + "\", \"type\": \"DENY\"}").collect(Collectors.joining(", ")) + "]}}";
        // the model's window cache bypassed: every check embeds its windows, as for new text
        CompiledGuardrail withTopics = new CompiledGuardrail(GuardrailJson.fromApi(Json.parse(base + topics)),
                MiniLmEmbedder.shared().uncached());
        CompiledGuardrail cached = new CompiledGuardrail(GuardrailJson.fromApi(Json.parse(base + topics)));
        List<TextBlock> prompt = List.of(TextBlock.of("Should I put my savings into Nvidia stock right now?"));
        long load = System.nanoTime();
        withTopics.check(Source.INPUT, prompt);
        System.out.printf("first check with topics (loads MiniLM): %d ms%n", (System.nanoTime() - load) / 1_000_000);
        for (int i = 0; i < 20; i++) {
            withTopics.check(Source.INPUT, prompt);
        }
        System.out.println(Speed.latency("... + 3 denied topics, one-sentence prompt",
                () -> withTopics.check(Source.INPUT, prompt), 200));
        System.out.println(Speed.latency("... + 3 denied topics, 4 KB (48 windows at most)",
                () -> withTopics.check(Source.INPUT, block), 10));
        cached.check(Source.INPUT, block);
        System.out.println(Speed.latency("... + 3 denied topics, the same 4 KB again (cache)",
                () -> cached.check(Source.INPUT, block), 500));
    }
}
