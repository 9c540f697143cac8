package dev.sluice.guardrails.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.apply.Assessment;
import dev.sluice.guardrails.apply.Source;
import dev.sluice.guardrails.apply.TextBlock;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.words.WordFinding.WordList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bedrock runtime's {@code ApplyGuardrail} body and answer. The request is {@code source} (INPUT or OUTPUT),
 * {@code content[].text.text} with optional {@code qualifiers}, and {@code outputScope} (INTERVENTIONS, the default,
 * or FULL); image blocks are refused, since no image policy exists yet. Stateless and thread-safe.
 */
public final class ApplyGuardrailJson {

    private static final Set<String> REQUEST = Set.of("source", "content", "outputScope");
    private static final Set<String> QUALIFIERS = Set.of("grounding_source", "query", "guard_content");

    private ApplyGuardrailJson() { }

    /** A decoded request; {@code full} for {@code outputScope: FULL}. */
    public record Request(Source source, List<TextBlock> content, boolean full) { }

    /** The guardrail that answered, for {@code appliedGuardrailDetails}. */
    public record Applied(String id, String version, String arn) { }

    /** @throws BedrockValidation naming the field that is wrong */
    public static Request decode(byte[] body) {
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (IOException e) {
            throw new BedrockValidation(null, "The body is not valid JSON.");
        }
        if (json == null || !json.isObject()) {
            throw new BedrockValidation(null, "The body must be a JSON object.");
        }
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (!REQUEST.contains(e.getKey())) {
                throw new BedrockValidation(e.getKey(), "unknown field (known: content, outputScope, source)");
            }
        }
        Source source = switch (text(json, "source", true)) {
            case "INPUT" -> Source.INPUT;
            case "OUTPUT" -> Source.OUTPUT;
            default -> throw new BedrockValidation("source", "must be INPUT or OUTPUT");
        };
        String scope = text(json, "outputScope", false);
        if (scope != null && !scope.equals("INTERVENTIONS") && !scope.equals("FULL")) {
            throw new BedrockValidation("outputScope", "must be INTERVENTIONS or FULL");
        }
        return new Request(source, content(json.get("content")), "FULL".equals(scope));
    }

    private static List<TextBlock> content(JsonNode content) {
        if (content == null || !content.isArray() || content.isEmpty()) {
            throw new BedrockValidation("content", "must be a list of at least one content block");
        }
        List<TextBlock> blocks = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            String at = "content[" + i + "]";
            JsonNode block = content.get(i);
            if (!block.isObject()) {
                throw new BedrockValidation(at, "must be an object with text");
            }
            if (block.has("image")) {
                throw new BedrockValidation(at + ".image", "images are not checked by Sluice's guardrails yet");
            }
            if (block.size() != 1 || !block.has("text") || !block.get("text").isObject()) {
                throw new BedrockValidation(at, "must be {\"text\": {\"text\": ..., \"qualifiers\": [...]}}");
            }
            blocks.add(textBlock(block.get("text"), at + ".text"));
        }
        return blocks;
    }

    private static TextBlock textBlock(JsonNode t, String at) {
        for (Map.Entry<String, JsonNode> e : t.properties()) {
            if (!e.getKey().equals("text") && !e.getKey().equals("qualifiers")) {
                throw new BedrockValidation(at + "." + e.getKey(), "unknown field (known: qualifiers, text)");
            }
        }
        String text = text(t, "text", true);
        List<String> qualifiers = new ArrayList<>();
        JsonNode q = t.get("qualifiers");
        if (q != null && !q.isNull()) {
            if (!q.isArray()) {
                throw new BedrockValidation(at + ".qualifiers", "must be a list");
            }
            for (int i = 0; i < q.size(); i++) {
                if (!q.get(i).isTextual() || !QUALIFIERS.contains(q.get(i).textValue())) {
                    throw new BedrockValidation(at + ".qualifiers[" + i + "]",
                            "must be grounding_source, query or guard_content");
                }
                qualifiers.add(q.get(i).textValue());
            }
        }
        return new TextBlock(text, qualifiers);
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new BedrockValidation(field, "is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new BedrockValidation(field, "must be a string");
        }
        return n.textValue();
    }

    /** The answer to one request. */
    public static ObjectNode encode(Assessment a, Request request, Applied applied, long latencyMillis) {
        ObjectNode out = Json.object();
        ObjectNode usage = usage(a.usage());
        out.set("usage", usage);
        out.put("action", a.intervened() ? "GUARDRAIL_INTERVENED" : "NONE");
        out.put("actionReason", switch (a.verdict()) {
            case BLOCKED -> "Guardrail blocked.";
            case ANONYMIZED -> "Guardrail masked.";
            case NONE -> "No action.";
        });
        ArrayNode outputs = out.putArray("outputs");
        a.outputs().forEach(text -> outputs.addObject().put("text", text));
        ObjectNode assessment = out.putArray("assessments").addObject();
        sensitiveInformation(a, request.full(), assessment);
        words(a, assessment);
        content(a, request.full(), assessment);
        topics(a, request.full(), assessment);
        grounding(a, assessment);
        ObjectNode metrics = assessment.putObject("invocationMetrics");
        metrics.put("guardrailProcessingLatency", latencyMillis);
        metrics.set("usage", usage.deepCopy());
        metrics.set("guardrailCoverage", coverage(a));
        assessment.putObject("appliedGuardrailDetails").put("guardrailId", applied.id())
                .put("guardrailVersion", applied.version()).put("guardrailArn", applied.arn())
                .put("guardrailOwnership", "SELF").putArray("guardrailOrigin").add("REQUEST");
        out.set("guardrailCoverage", coverage(a));
        return out;
    }

    private static void sensitiveInformation(Assessment a, boolean full, ObjectNode assessment) {
        boolean undetected = full && !a.undetected().isEmpty();
        if (a.piiEntities().isEmpty() && a.regexes().isEmpty() && !undetected) {
            return;
        }
        ObjectNode policy = assessment.putObject("sensitiveInformationPolicy");
        ArrayNode entities = policy.putArray("piiEntities");
        for (Assessment.PiiMatch m : a.piiEntities()) {
            entities.addObject().put("match", m.match()).put("type", m.type().name())
                    .put("action", taken(m.action())).put("detected", true);
        }
        if (full) {
            for (PiiType type : a.undetected()) {
                entities.addObject().put("match", "").put("type", type.name()).put("action", "NONE")
                        .put("detected", false);
            }
        }
        ArrayNode regexes = policy.putArray("regexes");
        for (Assessment.RegexMatch m : a.regexes()) {
            regexes.addObject().put("name", m.name()).put("match", m.match()).put("regex", m.regex())
                    .put("action", taken(m.action())).put("detected", true);
        }
    }

    private static void words(Assessment a, ObjectNode assessment) {
        if (a.words().isEmpty()) {
            return;
        }
        ObjectNode policy = assessment.putObject("wordPolicy");
        ArrayNode custom = policy.putArray("customWords");
        ArrayNode managed = policy.putArray("managedWordLists");
        for (Assessment.WordMatch m : a.words()) {
            if (m.list() == WordList.CUSTOM) {
                custom.addObject().put("match", m.match()).put("action", taken(m.action())).put("detected", true);
            } else {
                managed.addObject().put("match", m.match()).put("type", "PROFANITY").put("action", taken(m.action()))
                        .put("detected", true);
            }
        }
    }

    /** {@code contentPolicy.filters[]}: detected filters, and with FULL every filter that ran. */
    private static void content(Assessment a, boolean full, ObjectNode assessment) {
        if (a.contentFilters().stream().noneMatch(c -> c.detected() || full) || a.contentFilters().isEmpty()) {
            return;
        }
        ArrayNode filters = assessment.putObject("contentPolicy").putArray("filters");
        for (Assessment.ContentMatch c : a.contentFilters()) {
            if (c.detected() || full) {
                filters.addObject().put("type", c.type().name()).put("confidence", c.confidence().name())
                        .put("filterStrength", c.filterStrength().name())
                        .put("action", c.detected() ? taken(c.action()) : "NONE").put("detected", c.detected());
            }
        }
    }

    /** {@code topicPolicy.topics[]}: detected topics, and with FULL every topic checked. */
    private static void topics(Assessment a, boolean full, ObjectNode assessment) {
        if (a.topics().stream().noneMatch(t -> t.detected() || full) || a.topics().isEmpty()) {
            return;
        }
        ArrayNode topics = assessment.putObject("topicPolicy").putArray("topics");
        for (Assessment.TopicMatch t : a.topics()) {
            if (t.detected() || full) {
                topics.addObject().put("name", t.name()).put("type", "DENY")
                        .put("action", t.detected() ? taken(t.action()) : "NONE").put("detected", t.detected());
            }
        }
    }

    /**
     * {@code contextualGroundingPolicy.filters[]}: every grounding filter that ran, with its score, in both output
     * scopes (the score is the point of the check, flagged or not).
     */
    private static void grounding(Assessment a, ObjectNode assessment) {
        if (a.grounding().isEmpty()) {
            return;
        }
        ArrayNode filters = assessment.putObject("contextualGroundingPolicy").putArray("filters");
        for (Assessment.GroundingMatch g : a.grounding()) {
            filters.addObject().put("type", g.type()).put("threshold", g.threshold()).put("score", g.score())
                    .put("action", g.detected() ? taken(g.action()) : "NONE").put("detected", g.detected());
        }
    }

    /** Bedrock's past tense for an action taken on a finding. */
    private static String taken(Action action) {
        return switch (Verdict.of(action)) {
            case BLOCKED -> "BLOCKED";
            case ANONYMIZED -> "ANONYMIZED";
            case NONE -> "NONE";
        };
    }

    private static ObjectNode usage(Assessment.Usage u) {
        ObjectNode o = Json.object();
        o.put("topicPolicyUnits", u.topicUnits()).put("contentPolicyUnits", u.contentUnits())
                .put("wordPolicyUnits", u.wordUnits())
                .put("sensitiveInformationPolicyUnits", u.sensitiveInformationUnits())
                .put("sensitiveInformationPolicyFreeUnits", u.sensitiveInformationFreeUnits())
                .put("contextualGroundingPolicyUnits", u.groundingUnits()).put("contentPolicyImageUnits", 0);
        return o;
    }

    private static ObjectNode coverage(Assessment a) {
        ObjectNode o = Json.object();
        o.putObject("textCharacters").put("guarded", a.guardedCharacters()).put("total", a.totalCharacters());
        return o;
    }
}
