package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.GuardrailRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Converse request's {@code guardrailConfig} ({@code guardrailIdentifier}, {@code guardrailVersion},
 * {@code trace}, {@code streamProcessingMode}) and the texts of its {@code guardContent} blocks. A body without the
 * bytes {@code "guardrailConfig"} is not parsed at all: the common call pays one scan of its bytes. Stateless.
 */
final class BedrockGuardrailConfig {

    private static final byte[] MARK = "\"guardrailConfig\"".getBytes(StandardCharsets.US_ASCII);

    private BedrockGuardrailConfig() { }

    /** The request's guardrail, or null when it names none. */
    static GuardrailRequest read(byte[] body) {
        if (body == null || indexOf(body, MARK) < 0) {
            return null;
        }
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            return null; // the request decoder names what is wrong with the body
        }
        JsonNode config = root == null ? null : Fields.object(root, "guardrailConfig", "guardrailConfig", false);
        if (config == null) {
            return null;
        }
        String id = Fields.nonEmpty(config, "guardrailIdentifier", "guardrailConfig.guardrailIdentifier");
        String version = Fields.nonEmpty(config, "guardrailVersion", "guardrailConfig.guardrailVersion");
        String trace = Fields.text(config, "trace", "guardrailConfig.trace", false);
        if (trace != null && !trace.equals("enabled") && !trace.equals("disabled")
                && !trace.equals("enabled_full")) {
            throw Fields.invalid("guardrailConfig.trace",
                    "failed to satisfy constraint: Member must satisfy enum value set: [enabled, disabled, "
                            + "enabled_full]");
        }
        String mode = Fields.text(config, "streamProcessingMode", "guardrailConfig.streamProcessingMode", false);
        if (mode != null && !mode.equals("sync") && !mode.equals("async")) {
            throw Fields.invalid("guardrailConfig.streamProcessingMode",
                    "failed to satisfy constraint: Member must satisfy enum value set: [sync, async]");
        }
        Marked marked = new Marked(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        collect(root.path("system"), "system", marked);
        int m = 0;
        for (JsonNode message : root.path("messages")) {
            collect(message.path("content"), "messages[" + m++ + "].content", marked);
        }
        return new GuardrailRequest(id, version, trace != null && trace.startsWith("enabled"), "async".equals(mode),
                marked.guarded(), marked.sources(), marked.queries());
    }

    /** The texts of {@code guardContent} blocks by qualifier: checked, grounding sources, queries. */
    private record Marked(List<String> guarded, List<String> sources, List<String> queries) { }

    /**
     * Sorts the {@code guardContent} blocks of {@code blocks} by their qualifiers. A block without qualifiers is
     * checked; one may be several things at once ({@code ["grounding_source", "guard_content"]}).
     */
    private static void collect(JsonNode blocks, String path, Marked marked) {
        int b = 0;
        for (JsonNode block : blocks) {
            String at = path + "[" + b++ + "].guardContent.text";
            JsonNode guard = block.path("guardContent").path("text");
            JsonNode text = guard.path("text");
            if (!text.isTextual()) {
                continue;
            }
            JsonNode qualifiers = guard.path("qualifiers");
            if (!qualifiers.isMissingNode() && !qualifiers.isNull() && !qualifiers.isArray()) {
                throw Fields.invalid(at + ".qualifiers", "must be a list");
            }
            if (qualifiers.isMissingNode() || qualifiers.isNull() || qualifiers.isEmpty()) {
                marked.guarded().add(text.textValue());
                continue;
            }
            for (int i = 0; i < qualifiers.size(); i++) {
                switch (qualifiers.get(i).asText()) {
                    case "guard_content" -> marked.guarded().add(text.textValue());
                    case "grounding_source" -> marked.sources().add(text.textValue());
                    case "query" -> marked.queries().add(text.textValue());
                    default -> throw Fields.invalid(at + ".qualifiers[" + i + "]", "failed to satisfy constraint:"
                            + " Member must satisfy enum value set: [grounding_source, query, guard_content]");
                }
            }
        }
    }

    private static int indexOf(byte[] body, byte[] mark) {
        outer:
        for (int i = 0; i <= body.length - mark.length; i++) {
            if (body[i] != mark[0]) {
                continue;
            }
            for (int k = 1; k < mark.length; k++) {
                if (body[i + k] != mark[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
