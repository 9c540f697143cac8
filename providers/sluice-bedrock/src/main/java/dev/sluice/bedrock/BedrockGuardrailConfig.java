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
        return new GuardrailRequest(id, version, trace != null && trace.startsWith("enabled"), "async".equals(mode),
                guardContent(root));
    }

    /** The texts of the system's and the messages' {@code guardContent} blocks, in order. */
    private static List<String> guardContent(JsonNode root) {
        List<String> texts = new ArrayList<>();
        collect(root.path("system"), texts);
        for (JsonNode message : root.path("messages")) {
            collect(message.path("content"), texts);
        }
        return texts;
    }

    private static void collect(JsonNode blocks, List<String> texts) {
        for (JsonNode block : blocks) {
            JsonNode text = block.path("guardContent").path("text").path("text");
            if (text.isTextual()) {
                texts.add(text.textValue());
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
