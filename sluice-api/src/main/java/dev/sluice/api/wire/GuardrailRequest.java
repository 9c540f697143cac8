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
 * @param guardContent the texts of the request's {@code guardContent} blocks that are checked (no qualifier, or
 *     {@code guard_content}), in order; when the request has any {@code guardContent} block, only these are checked
 *     on the way in, as Bedrock does
 * @param groundingSources the texts of {@code guardContent} blocks qualified {@code grounding_source}: context for the
 *     contextual grounding check of the answer, not checked themselves
 * @param queries the texts of {@code guardContent} blocks qualified {@code query}: the question the answer's
 *     relevance is measured against, not checked themselves
 */
public record GuardrailRequest(String identifier, String version, boolean trace, boolean async,
                               List<String> guardContent, List<String> groundingSources, List<String> queries) {

    public GuardrailRequest {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(version, "version");
        guardContent = List.copyOf(guardContent);
        groundingSources = List.copyOf(groundingSources);
        queries = List.copyOf(queries);
    }

    /** Without grounding context. */
    public GuardrailRequest(String identifier, String version, boolean trace, boolean async,
                            List<String> guardContent) {
        this(identifier, version, trace, async, guardContent, List.of(), List.of());
    }

    /** Whether the request marked any text with {@code guardContent} (then only the marked texts are checked). */
    public boolean marked() {
        return !guardContent.isEmpty() || !groundingSources.isEmpty() || !queries.isEmpty();
    }
}
