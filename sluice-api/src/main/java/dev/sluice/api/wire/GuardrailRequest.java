package dev.sluice.api.wire;

import java.util.List;
import java.util.Objects;

/**
 * A guardrail that a caller asked for in its request body (Bedrock Converse's {@code guardrailConfig}), with the
 * texts the caller marked for checking ({@code guardContent} blocks).
 *
 * @param identifier the guardrail's id or ARN, as sent
 * @param version {@code DRAFT} or a version number, as sent
 * @param trace whether the caller asked for the guardrail's trace in the answer ({@code trace: enabled})
 * @param async whether a stream is checked after it is delivered ({@code streamProcessingMode: async}) rather than
 *     before ({@code sync}, the default)
 * @param guardContent the texts of the request's {@code guardContent} blocks, in order; when any is present, only
 *     these are checked on the way in, as Bedrock does
 */
public record GuardrailRequest(String identifier, String version, boolean trace, boolean async,
                               List<String> guardContent) {

    public GuardrailRequest {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(version, "version");
        guardContent = List.copyOf(guardContent);
    }
}
