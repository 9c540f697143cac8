package dev.sluice.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsListenerTest {

    private final MetricsListener metrics = new MetricsListener();

    private static final String LABELS = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\","
            + "gen_ai_request_model=\"gpt-4o\",gen_ai_response_model=\"gpt-4o-2024-08-06\"";

    @Test
    void tokenUsageIsAHistogramPerTokenTypeWithTheConventionsBuckets() {
        metrics.onCallEnd(Calls.success("r1", "gpt-4o", "openai", "gpt-4o-2024-08-06", false, Usage.of(100, 20),
                500, 500));

        String scrape = metrics.scrape();

        assertThat(scrape).contains("# TYPE gen_ai_client_token_usage histogram")
                .containsPattern("gen_ai_client_token_usage_bucket\\{" + LABELS
                        + ",gen_ai_token_type=\"input\",le=\"256(\\.0)?\"} 1")
                .containsPattern("gen_ai_client_token_usage_bucket\\{" + LABELS
                        + ",gen_ai_token_type=\"input\",le=\"64(\\.0)?\"} 0")
                .containsPattern("gen_ai_client_token_usage_sum\\{" + LABELS
                        + ",gen_ai_token_type=\"output\"} 20(\\.0)?")
                .containsPattern("gen_ai_client_token_usage_bucket\\{" + LABELS
                        + ",gen_ai_token_type=\"input\",le=\"6\\.7108864E7\"} 1");
    }

    @Test
    void operationDurationIsRecordedInSecondsWithDoublingBuckets() {
        metrics.onCallEnd(Calls.success("r1", "gpt-4o", "openai", "gpt-4o-2024-08-06", false, Usage.of(10, 5),
                500, 500));

        String scrape = metrics.scrape();

        assertThat(scrape).contains("# TYPE gen_ai_client_operation_duration_seconds histogram")
                .contains("gen_ai_client_operation_duration_seconds_bucket{" + LABELS + ",le=\"0.64\"} 1")
                .contains("gen_ai_client_operation_duration_seconds_bucket{" + LABELS + ",le=\"0.32\"} 0")
                .contains("gen_ai_client_operation_duration_seconds_sum{" + LABELS + "} 0.5");
    }

    @Test
    void streamedCallsRecordTimeToFirstChunkAndTimePerOutputChunk() {
        metrics.onCallEnd(Calls.success("r1", "gpt-4o", "openai", "gpt-4o-2024-08-06", true, Usage.of(10, 11),
                300, 100));

        String scrape = metrics.scrape();

        assertThat(scrape)
                .contains("gen_ai_client_operation_time_to_first_chunk_seconds_sum{" + LABELS + "} 0.1")
                .contains("gen_ai_client_operation_time_to_first_chunk_seconds_bucket{" + LABELS + ",le=\"0.16\"} 1")
                .contains("gen_ai_client_operation_time_per_output_chunk_seconds_sum{" + LABELS + "} 0.02")
                .contains("gen_ai_client_operation_time_per_output_chunk_seconds_bucket{" + LABELS
                        + ",le=\"0.025\"} 1");
    }

    @Test
    void nonStreamedCallsShowNoChunkMetrics() {
        metrics.onCallEnd(Calls.success("r1", "gpt-4o", "openai", "gpt-4o-2024-08-06", false, Usage.of(10, 11),
                300, 300));

        assertThat(metrics.scrape()).doesNotContain("time_to_first_chunk").doesNotContain("time_per_output_chunk");
    }

    @Test
    void bedrockIsNamedAwsBedrockAsTheConventionsSay() {
        metrics.onCallEnd(Calls.success("r1", "claude", "bedrock", "anthropic.claude-v2", false, Usage.of(1, 1),
                10, 10));

        assertThat(metrics.scrape()).contains("gen_ai_provider_name=\"aws.bedrock\"");
    }

    @Test
    void requestsAreCountedByApiModelStatusAndErrorType() {
        metrics.onCallEnd(Calls.success("r1", "gpt-4o", "openai", "gpt-4o", false, Usage.of(1, 1), 10, 10));
        metrics.onCallEnd(Calls.success("r2", "gpt-4o", "openai", "gpt-4o", false, Usage.of(1, 1), 10, 10));
        metrics.onCallEnd(Calls.failure("r3", "gpt-4o", ErrorType.RATE_LIMITED, "openai", 2));

        assertThat(metrics.scrape())
                .containsPattern("sluice_requests_total\\{api=\"openai\",error_type=\"none\",model=\"gpt-4o\","
                        + "status=\"200\"} 2(\\.0)?\\n")
                .containsPattern("sluice_requests_total\\{api=\"openai\",error_type=\"rate_limited\","
                        + "model=\"gpt-4o\",status=\"429\"} 1(\\.0)?\\n");
    }

    @Test
    void callsThatReachedNoProviderAreCountedButHaveNoGenAiMetrics() {
        metrics.onCallEnd(Calls.failure("r1", "no-such-model", ErrorType.NOT_FOUND, null, 0));

        assertThat(metrics.scrape()).contains("error_type=\"not_found\",model=\"no-such-model\",status=\"404\"")
                .doesNotContain("gen_ai_client_operation_duration_seconds_count{");
    }

    @Test
    void attemptsAndUpstreamErrorsAreCountedPerProviderAndOutcome() {
        metrics.onAttemptEnd(Calls.attemptEnd("r1", 1, "dep-a", "openai", "gpt-4o", 0, 10, ErrorType.OVERLOADED));
        metrics.onAttemptEnd(Calls.attemptEnd("r1", 2, "dep-b", "openai", "gpt-4o", 10, 10, null));

        assertThat(metrics.scrape())
                .containsPattern("sluice_attempts_total\\{deployment=\"dep-a\",outcome=\"overloaded\","
                        + "provider=\"dep-a-provider\"} 1(\\.0)?\\n")
                .containsPattern("sluice_attempts_total\\{deployment=\"dep-b\",outcome=\"success\","
                        + "provider=\"dep-b-provider\"} 1(\\.0)?\\n")
                .containsPattern("sluice_upstream_errors_total\\{error_type=\"overloaded\","
                        + "provider=\"dep-a-provider\"} 1(\\.0)?\\n")
                .doesNotContain("sluice_upstream_errors_total{error_type=\"overloaded\",provider=\"dep-b-provider\"");
    }

    @Test
    void attemptLatencyIsAHistogramPerDeploymentFailuresIncluded() {
        metrics.onAttemptEnd(Calls.attemptEnd("r1", 1, "dep-a", "openai", "gpt-4o", 0, 40, ErrorType.OVERLOADED));
        metrics.onAttemptEnd(Calls.attemptEnd("r1", 2, "dep-b", "openai", "gpt-4o", 40, 250, null));
        metrics.onAttemptEnd(Calls.attemptEnd("r2", 1, "dep-b", "openai", "gpt-4o", 0, 750, null));

        assertThat(metrics.scrape())
                .containsPattern("sluice_attempt_duration_seconds_count\\{deployment=\"dep-a\"} 1\\n")
                .containsPattern("sluice_attempt_duration_seconds_sum\\{deployment=\"dep-a\"} 0\\.04\\n")
                .containsPattern("sluice_attempt_duration_seconds_count\\{deployment=\"dep-b\"} 2\\n")
                .containsPattern("sluice_attempt_duration_seconds_sum\\{deployment=\"dep-b\"} 1\\.0\\n");
    }

    @Test
    void gatewayOverheadIsAHistogramInSeconds() {
        metrics.onCallEnd(Calls.success("r1", "gpt-4o", "openai", "gpt-4o", false, Usage.of(1, 1), 10, 10));

        assertThat(metrics.scrape()).contains("# TYPE sluice_gateway_overhead_seconds histogram")
                .contains("sluice_gateway_overhead_seconds_bucket{le=\"0.0025\"} 1")
                .contains("sluice_gateway_overhead_seconds_bucket{le=\"0.001\"} 0")
                .contains("sluice_gateway_overhead_seconds_sum 0.002");
    }

    @Test
    void ledgerGaugesReadTheirSuppliersAtScrapeTime() {
        AtomicLong depth = new AtomicLong(3);
        metrics.registerLedgerGauges(depth::get, () -> 4096, () -> 17);
        depth.set(42);

        assertThat(metrics.scrape())
                .containsPattern("sluice_ledger_queue_depth 42(\\.0)?\\n")
                .containsPattern("sluice_ledger_journal_bytes 4096(\\.0)?\\n")
                .containsPattern("sluice_ledger_rows_replayed_total 17(\\.0)?\\n");
    }

    @Test
    void modelLabelsFoldIntoOtherOnceAFamilyHoldsTooManySeries() {
        for (int i = 0; i < MetricsListener.SERIES_LIMIT + 10; i++) {
            metrics.onCallEnd(Calls.failure("r" + i, "random-" + i, ErrorType.NOT_FOUND, null, 0));
        }

        assertThat(metrics.scrape()).containsPattern("sluice_requests_total\\{api=\"openai\",error_type=\"not_found\","
                + "model=\"_OTHER\",status=\"404\"} 10(\\.0)?\\n");
    }

    @Test
    void concurrentCallsAreAllCounted() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 500; i++) {
                    metrics.onCallEnd(Calls.success("r" + i, "gpt-4o", "openai", "gpt-4o", false, Usage.of(1, 1),
                            10, 10));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(metrics.scrape()).containsPattern("sluice_requests_total\\{api=\"openai\",error_type=\"none\","
                + "model=\"gpt-4o\",status=\"200\"} 2000(\\.0)?\\n");
    }
}
