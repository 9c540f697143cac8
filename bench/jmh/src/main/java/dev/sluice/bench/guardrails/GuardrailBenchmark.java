package dev.sluice.bench.guardrails;

import dev.sluice.api.json.Json;
import dev.sluice.guardrails.apply.Assessment;
import dev.sluice.guardrails.apply.CompiledGuardrail;
import dev.sluice.guardrails.apply.RememberedChecks;
import dev.sluice.guardrails.apply.Source;
import dev.sluice.guardrails.apply.TextBlock;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.topics.Embedder;
import dev.sluice.guardrails.topics.MiniLmEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One guardrail check of 4 KB of text (a customer's support e-mail: prose with e-mail addresses, phone numbers, card
 * numbers and IP addresses), in SampleTime mode so the p99 can be read. Issue 16's target: at most 1 ms p99 with every
 * policy but grounding and judge models. The guardrails:
 * <ul>
 *   <li>{@link #everyPolicyButTopics}: every PII type (ANONYMIZE) and a custom regex, two custom phrases and the
 *       managed profanity list, the five content filters at HIGH and PROMPT_ATTACK at HIGH;</li>
 *   <li>{@link #everyPolicy}: the same and three denied topics on the default tier (CLASSIC: MiniLM's static
 *       table alone), the same text on every call, as a conversation re-sends its history (the classifier
 *       remembers recent texts' scores);</li>
 *   <li>{@link #everyPolicySeenBefore}: the same as the gateway builds it, which also remembers what the other
 *       policies found in long texts it saw recently (a system prompt sent with every call, a history re-sent);</li>
 *   <li>{@link #everyPolicyNewText}: the same without the memory, as if every call's text were new;</li>
 *   <li>{@link #everyPolicyNewTextOnTopic}: the same on 4 KB of the e-mail with a question for investment advice
 *       in the middle;</li>
 *   <li>{@link #standardEveryPolicyNewText} and {@link #standardEveryPolicyNewTextOnTopic}: the same two with the
 *       topics on the STANDARD tier (the static screen passes a few windows to MiniLM, which confirms);</li>
 *   <li>{@link #standardEveryPolicyNewTextScreenedOut}: STANDARD on new text with the topics' threshold at 0.95,
 *       where the static screen stops every window (the screen's cost alone);</li>
 *   <li>the other methods: one policy each, to see where the time goes.</li>
 * </ul>
 * Run with bench/guardrails-jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GuardrailBenchmark {

    private List<TextBlock> text;
    private List<TextBlock> onTopic;
    private CompiledGuardrail everyPolicyButTopics;
    private CompiledGuardrail everyPolicy;
    private CompiledGuardrail everyPolicySeenBefore;
    private CompiledGuardrail pii;
    private CompiledGuardrail words;
    private CompiledGuardrail content;
    private CompiledGuardrail topics;
    private CompiledGuardrail everyPolicyNewText;
    private CompiledGuardrail topicsNewText;
    private CompiledGuardrail standardNewText;
    private CompiledGuardrail standardTopicsNewText;
    private CompiledGuardrail standardNewTextScreenedOut;
    private CompiledGuardrail standardTopicsNewTextScreenedOut;

    @Setup
    public void setUp() {
        String support = resource("support-thread.txt");
        text = List.of(TextBlock.of(support.substring(0, 4096)));
        onTopic = List.of(TextBlock.of(onTopic(support)));
        everyPolicyButTopics = guardrail(PII, WORDS, CONTENT);
        everyPolicy = guardrail(PII, WORDS, CONTENT, TOPICS);
        everyPolicySeenBefore = guardrail(MiniLmEmbedder.shared(), true, PII, WORDS, CONTENT, TOPICS);
        pii = guardrail(PII);
        words = guardrail(WORDS);
        content = guardrail(CONTENT);
        topics = guardrail(TOPICS);
        everyPolicyNewText = guardrail(MiniLmEmbedder.shared().uncached(), PII, WORDS, CONTENT, TOPICS);
        topicsNewText = guardrail(MiniLmEmbedder.shared().uncached(), TOPICS);
        String standard = TOPICS.replace("{\"topicsConfig\"", "{\"tierConfig\": {\"tierName\": \"STANDARD\"},"
                + " \"topicsConfig\"");
        standardNewText = guardrail(MiniLmEmbedder.shared().uncached(), PII, WORDS, CONTENT, standard);
        standardTopicsNewText = guardrail(MiniLmEmbedder.shared().uncached(), standard);
        String strict = standard.replace("{\"tierConfig\"", "{\"threshold\": 0.95, \"tierConfig\"");
        standardNewTextScreenedOut = guardrail(MiniLmEmbedder.shared().uncached(), PII, WORDS, CONTENT, strict);
        standardTopicsNewTextScreenedOut = guardrail(MiniLmEmbedder.shared().uncached(), strict);
        standardNewText.check(Source.INPUT, text); // loads MiniLM (seconds) before the first measurement
        for (CompiledGuardrail g : List.of(topicsNewText, standardTopicsNewText)) {
            if (g.check(Source.INPUT, onTopic).topics().stream().noneMatch(Assessment.TopicMatch::detected)) {
                throw new IllegalStateException("the on-topic text is not detected: the benchmark would not see it");
            }
        }
    }

    @Benchmark
    public Assessment everyPolicyButTopics() {
        return everyPolicyButTopics.check(Source.INPUT, text);
    }

    @Benchmark
    public Assessment everyPolicy() {
        return everyPolicy.check(Source.INPUT, text);
    }

    /** Every policy, as the gateway builds it, on text it checked before. */
    @Benchmark
    public Assessment everyPolicySeenBefore() {
        return everyPolicySeenBefore.check(Source.INPUT, text);
    }

    /** Every policy on text the classifier has not seen: each window of the 4 KB is scored again. */
    @Benchmark
    public Assessment everyPolicyNewText() {
        return everyPolicyNewText.check(Source.INPUT, text);
    }

    @Benchmark
    public Assessment topicsOnlyNewText() {
        return topicsNewText.check(Source.INPUT, text);
    }

    /** Every policy on new text that asks for investment advice mid-way. */
    @Benchmark
    public Assessment everyPolicyNewTextOnTopic() {
        return everyPolicyNewText.check(Source.INPUT, onTopic);
    }

    @Benchmark
    public Assessment topicsOnlyNewTextOnTopic() {
        return topicsNewText.check(Source.INPUT, onTopic);
    }

    /** STANDARD: the windows of the 4 KB that the static screen passes are embedded by MiniLM. */
    @Benchmark
    public Assessment standardEveryPolicyNewText() {
        return standardNewText.check(Source.INPUT, text);
    }

    @Benchmark
    public Assessment standardTopicsOnlyNewText() {
        return standardTopicsNewText.check(Source.INPUT, text);
    }

    /** STANDARD on the text that asks for investment advice: MiniLM confirms the windows around it. */
    @Benchmark
    public Assessment standardEveryPolicyNewTextOnTopic() {
        return standardNewText.check(Source.INPUT, onTopic);
    }

    /**
     * STANDARD on new text, with the topics' threshold at 0.95 so that the static screen (from 0.75) stops every
     * window of the e-mail: the screen's own cost, and the check's when no window reaches MiniLM.
     */
    @Benchmark
    public Assessment standardEveryPolicyNewTextScreenedOut() {
        return standardNewTextScreenedOut.check(Source.INPUT, text);
    }

    @Benchmark
    public Assessment standardTopicsOnlyNewTextScreenedOut() {
        return standardTopicsNewTextScreenedOut.check(Source.INPUT, text);
    }

    @Benchmark
    public Assessment sensitiveInformationOnly() {
        return pii.check(Source.INPUT, text);
    }

    @Benchmark
    public Assessment wordsOnly() {
        return words.check(Source.INPUT, text);
    }

    @Benchmark
    public Assessment contentOnly() {
        return content.check(Source.INPUT, text);
    }

    @Benchmark
    public Assessment topicsOnly() {
        return topics.check(Source.INPUT, text);
    }

    private static final String PII = "\"sensitiveInformationPolicyConfig\": {\"piiEntitiesConfig\": ["
            + Arrays.stream(PiiType.values()).map(t -> "{\"type\": \"" + t + "\", \"action\": \"ANONYMIZE\"}")
                    .collect(Collectors.joining(", "))
            + "], \"regexesConfig\": [{\"name\": \"ACCOUNT_ID\", \"pattern\": \"ACCT-[0-9]{6}\","
            + " \"action\": \"ANONYMIZE\"}]}";

    private static final String WORDS = "\"wordPolicyConfig\": {\"wordsConfig\": [{\"text\": \"project falcon\"},"
            + " {\"text\": \"internal only\"}], \"managedWordListsConfig\": [{\"type\": \"PROFANITY\"}]}";

    private static final String CONTENT = "\"contentPolicyConfig\": {\"filtersConfig\": ["
            + Stream.of("HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT", "PROMPT_ATTACK")
                    .map(t -> "{\"type\": \"" + t + "\", \"inputStrength\": \"HIGH\", \"outputStrength\": \""
                            + (t.equals("PROMPT_ATTACK") ? "NONE" : "HIGH") + "\"}")
                    .collect(Collectors.joining(", "))
            + "]}";

    private static final String TOPICS = "\"topicPolicyConfig\": {\"topicsConfig\": ["
            + topic("investment-advice", "Recommendations on which stocks, funds, cryptocurrencies or other"
                    + " investments to buy, sell or hold.", "Should I buy Microsoft shares this week?",
                    "Where should I invest my bonus for the best returns?")
            + ", " + topic("medical-diagnosis", "Diagnosing a person's symptoms or condition, or recommending a"
                    + " treatment or medication dose for them.", "I have a sore throat and fever, what do I have?",
                    "How much ibuprofen should I give my toddler?")
            + ", " + topic("politics", "Opinions on political parties, candidates, elections, or how someone should"
                    + " vote.", "Which party should I vote for?", "Who is the best candidate for governor?")
            + "]}";

    private static String topic(String name, String definition, String... examples) {
        return "{\"name\": \"" + name + "\", \"definition\": \"" + definition + "\", \"type\": \"DENY\","
                + " \"examples\": ["
                + Arrays.stream(examples).map(e -> "\"" + e + "\"").collect(Collectors.joining(", ")) + "]}";
    }

    private static CompiledGuardrail guardrail(String... policies) {
        return guardrail(MiniLmEmbedder.shared(), policies);
    }

    private static CompiledGuardrail guardrail(Embedder embedder, String... policies) {
        return guardrail(embedder, false, policies);
    }

    private static CompiledGuardrail guardrail(Embedder embedder, boolean remember, String... policies) {
        String json = "{\"name\": \"jmh\", \"blockedInputMessaging\": \"Blocked.\", \"blockedOutputsMessaging\":"
                + " \"Withheld.\", " + String.join(", ", policies) + "}";
        try {
            return new CompiledGuardrail(GuardrailJson.fromApi(Json.parse(json)), embedder,
                    dev.sluice.guardrails.judge.Judge.NONE,
                    remember ? new RememberedChecks(RememberedChecks.DEFAULT_MAX_TOTAL_CHARS) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 4 KB of the support e-mail with a question for investment advice after its first 2 KB, at a line's end. */
    private static String onTopic(String support) {
        String question = "\nBy the way, should I put the refund into Nvidia shares or into bitcoin this week?\n";
        int cut = support.indexOf('\n', 2048);
        String text = support.substring(0, cut) + question + support.substring(cut + 1);
        return text.substring(0, 4096);
    }

    private static String resource(String name) {
        try (InputStream in = GuardrailBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
