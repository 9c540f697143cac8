package dev.sluice.telemetry;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;

/**
 * The GenAI client meters of one label set ({@code gen_ai_operation_name}, {@code gen_ai_provider_name},
 * {@code gen_ai_request_model}, {@code gen_ai_response_model}). Streaming meters are registered only on the first
 * streamed call, so an embeddings-only label set does not show empty chunk histograms.
 */
final class GenAiMeters {

    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    static final String DURATION = "gen_ai.client.operation.duration";
    static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    static final String TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";

    /** One label set. */
    record Key(String operation, String provider, String requestModel, String responseModel) {
        Key overflow() {
            return new Key(operation, provider, GenAiConventions.OTHER, GenAiConventions.OTHER);
        }

        Tags tags() {
            return Tags.of("gen_ai.operation.name", operation, "gen_ai.provider.name", provider,
                    "gen_ai.request.model", requestModel, "gen_ai.response.model", responseModel);
        }
    }

    private final MeterRegistry registry;
    private final Tags tags;
    final DistributionSummary inputTokens;
    final DistributionSummary outputTokens;
    final Timer duration;
    private volatile Timer timeToFirstChunk;
    private volatile Timer timePerOutputChunk;

    GenAiMeters(MeterRegistry registry, Key key) {
        this.registry = registry;
        this.tags = key.tags();
        this.inputTokens = tokens("input");
        this.outputTokens = tokens("output");
        this.duration = timer(DURATION, "GenAI operation duration.", GenAiConventions.durationBuckets());
    }

    Timer timeToFirstChunk() {
        Timer timer = timeToFirstChunk;
        if (timer == null) {
            timer = timer(TIME_TO_FIRST_CHUNK, "Time to receive the first chunk of a streamed response.",
                    GenAiConventions.durationBuckets());
            timeToFirstChunk = timer;
        }
        return timer;
    }

    Timer timePerOutputChunk() {
        Timer timer = timePerOutputChunk;
        if (timer == null) {
            timer = timer(TIME_PER_OUTPUT_CHUNK, "Time per output chunk after the first one in a streamed response.",
                    GenAiConventions.timePerChunkBuckets());
            timePerOutputChunk = timer;
        }
        return timer;
    }

    private DistributionSummary tokens(String type) {
        // no base unit: Prometheus would append it and the convention's name is gen_ai_client_token_usage
        return DistributionSummary.builder(TOKEN_USAGE)
                .description("Number of input and output tokens used.")
                .tags(tags).tag("gen_ai.token.type", type)
                .serviceLevelObjectives(GenAiConventions.tokenBuckets())
                .register(registry);
    }

    private Timer timer(String name, String description, double[] bucketsSeconds) {
        return Timer.builder(name).description(description).tags(tags)
                .serviceLevelObjectives(durations(bucketsSeconds))
                .register(registry);
    }

    static Duration[] durations(double[] seconds) {
        return Arrays.stream(seconds).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    }
}
