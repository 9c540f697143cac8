package dev.sluice.telemetry;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.error.ErrorType;
import java.util.Locale;
import java.util.Map;

/**
 * Names and values from the OpenTelemetry GenAI semantic conventions that both metrics and traces use, so that a
 * dashboard can join them. Bucket boundaries are the conventions' advice; arrays are returned fresh on each call.
 */
final class GenAiConventions {

    /** Label value for a dimension that does not apply or is not known (no provider was reached, ...). */
    static final String NONE = "none";
    /** Label value that replaces high-cardinality values once a meter family holds too many series. */
    static final String OTHER = "_OTHER";

    /** Sluice provider types whose convention name differs from the type; all others are used as they are. */
    private static final Map<String, String> PROVIDER_NAMES = Map.of(
            "bedrock", "aws.bedrock",
            "azure", "azure.ai.openai",
            "azure_openai", "azure.ai.openai",
            "vertex", "gcp.vertex_ai",
            "gemini", "gcp.gemini",
            "mistral", "mistral_ai",
            "watsonx", "ibm.watsonx.ai");

    private GenAiConventions() { }

    /** {@code gen_ai.provider.name} for a Sluice provider type; {@link #NONE} when none was reached. */
    static String providerName(String providerType) {
        if (providerType == null || providerType.isBlank()) {
            return NONE;
        }
        return PROVIDER_NAMES.getOrDefault(providerType, providerType);
    }

    /** A low-cardinality {@code error.type}: the Sluice error type in lower case. */
    static String errorType(ErrorType type) {
        return type == null ? NONE : type.name().toLowerCase(Locale.ROOT);
    }

    /** A finish reason in the OpenAI vocabulary, which the conventions' examples use. */
    static String finishReason(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTERED, GUARDRAIL_INTERVENED -> "content_filter";
            case REFUSAL -> "refusal";
        };
    }

    /** A label value that is never null or blank. */
    static String label(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }

    /** {@code gen_ai.client.token.usage}: powers of four from 1 to 4^13 tokens. */
    static double[] tokenBuckets() {
        return new double[] {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216,
                67108864};
    }

    /** {@code gen_ai.client.operation.duration} and {@code time_to_first_chunk}: doubling from 10 ms, in seconds. */
    static double[] durationBuckets() {
        return new double[] {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92};
    }

    /** {@code gen_ai.client.operation.time_per_output_chunk}, in seconds. */
    static double[] timePerChunkBuckets() {
        return new double[] {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5};
    }

    /** {@code sluice_gateway_overhead_seconds}: from 50 microseconds to half a second. */
    static double[] overheadBuckets() {
        return new double[] {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                0.5};
    }
}
