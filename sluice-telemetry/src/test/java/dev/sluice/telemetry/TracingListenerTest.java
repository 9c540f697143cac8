package dev.sluice.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracingListenerTest {

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";

    private OtlpReceiver receiver;
    private Tracing tracing;
    private TracingListener listener;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        var config = new ObjectMapper().readTree("""
                {"otlp": {"endpoint": "%s", "headers": {"authorization": "Bearer test-token"},
                          "service_name": "sluice-test"}}""".formatted(receiver.baseUrl()));
        tracing = Tracing.fromConfig(config).orElseThrow();
        listener = tracing.listener();
    }

    @AfterEach
    void stop() {
        tracing.close();
        receiver.close();
    }

    @Test
    void aCallWithOneAttemptExportsAServerSpanAndAClientChildWithGenAiAttributes() {
        Map<String, String> forward = runCall("r1", TRACEPARENT, List.of());
        tracing.close();

        Span call = receiver.span("chat gpt-4o");
        Span attempt = receiver.span("chat gpt-4o-2024-08-06");
        assertThat(call.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(attempt.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(attempt.getParentSpanId()).isEqualTo(call.getSpanId());
        assertThat(attempt.getTraceId()).isEqualTo(call.getTraceId());

        assertThat(OtlpReceiver.attributes(call)).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-4o")
                .containsEntry("gen_ai.response.model", "gpt-4o-2024-08-06")
                .containsEntry("gen_ai.usage.input_tokens", 100L)
                .containsEntry("gen_ai.usage.output_tokens", 20L)
                .containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
                .containsEntry("gen_ai.response.id", "resp-123")
                .containsEntry("sluice.request.id", "r1")
                .doesNotContainKey("error.type");
        assertThat(OtlpReceiver.attributes(attempt)).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-4o-2024-08-06")
                .containsEntry("gen_ai.response.model", "gpt-4o-2024-08-06")
                .containsEntry("gen_ai.usage.output_tokens", 20L)
                .containsEntry("sluice.deployment", "dep-a");
        assertThat(forward).containsKey("traceparent");
    }

    @Test
    void theCallersTraceIsKeptAndTheAttemptsTraceparentGoesUpstream() {
        Map<String, String> forward = runCall("r1", TRACEPARENT, List.of());
        tracing.close();

        Span call = receiver.span("chat gpt-4o");
        Span attempt = receiver.span("chat gpt-4o-2024-08-06");
        assertThat(hex(call.getTraceId())).isEqualTo(CALLER_TRACE);
        assertThat(hex(call.getParentSpanId())).isEqualTo(CALLER_SPAN);
        assertThat(forward.get("traceparent"))
                .isEqualTo("00-" + CALLER_TRACE + "-" + hex(attempt.getSpanId()) + "-01");
        assertThat(forward).containsEntry("tracestate", "vendor=abc");
        assertThat(call.getTraceState()).isEqualTo("vendor=abc");
    }

    @Test
    void withoutATraceparentTheCallSpanIsARoot() {
        runCall("r1", null, List.of());
        tracing.close();

        assertThat(receiver.span("chat gpt-4o").getParentSpanId()).isEmpty();
    }

    @Test
    void aFailedAttemptIsAnErrorSpanAndTheRetryIsItsSibling() {
        runCall("r1", TRACEPARENT, List.of(ErrorType.RATE_LIMITED));
        tracing.close();

        Span call = receiver.span("chat gpt-4o");
        List<Span> attempts = receiver.spans().stream().filter(s -> s.getName().equals("chat gpt-4o-2024-08-06"))
                .toList();
        assertThat(attempts).hasSize(2).allSatisfy(a -> assertThat(a.getParentSpanId()).isEqualTo(call.getSpanId()));
        Span failed = attempts.stream().filter(a -> OtlpReceiver.attributes(a).get("sluice.attempt.number")
                .equals(1L)).findFirst().orElseThrow();
        assertThat(failed.getStatus().getCode()).isEqualTo(
                io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.attributes(failed)).containsEntry("error.type", "rate_limited")
                .containsEntry("http.response.status_code", 429L)
                .doesNotContainKey("gen_ai.usage.output_tokens").doesNotContainKey("sluice.attempt.reason");
        Span retry = attempts.stream().filter(a -> a != failed).findFirst().orElseThrow();
        assertThat(OtlpReceiver.attributes(retry)).containsEntry("sluice.attempt.reason", "retry");
    }

    @Test
    void spansUseTheEventsExactTimestamps() {
        runCall("r1", TRACEPARENT, List.of());
        tracing.close();

        long t0 = Calls.T0.getEpochSecond() * 1_000_000_000L + Calls.T0.getNano();
        Span call = receiver.span("chat gpt-4o");
        Span attempt = receiver.span("chat gpt-4o-2024-08-06");
        assertThat(call.getStartTimeUnixNano()).isEqualTo(t0);
        assertThat(call.getEndTimeUnixNano()).isEqualTo(t0 + 500 * Calls.MS);
        assertThat(attempt.getStartTimeUnixNano()).isEqualTo(t0 + 5 * Calls.MS);
        assertThat(attempt.getEndTimeUnixNano()).isEqualTo(t0 + 485 * Calls.MS);
    }

    @Test
    void aCallThatEndsWithoutAttemptsIsExportedWithItsErrorAndLeavesNothingOpen() {
        listener.onCallStart(Calls.start("r2", "no-such-model", false, null));
        listener.onCallEnd(Calls.failure("r2", "no-such-model", ErrorType.NOT_FOUND, null, 0));
        assertThat(listener.openCalls()).isZero();
        tracing.close();

        Span call = receiver.span("chat no-such-model");
        assertThat(OtlpReceiver.attributes(call)).containsEntry("error.type", "not_found")
                .containsEntry("http.response.status_code", 404L);
    }

    @Test
    void exportCarriesTheConfiguredHeadersAndServiceName() {
        runCall("r1", null, List.of());
        tracing.close();

        assertThat(receiver.lastHeaders()).containsEntry("authorization", "Bearer test-token")
                .containsEntry("content-type", "application/x-protobuf");
        var resource = receiver.requests().getFirst().getResourceSpans(0).getResource();
        assertThat(resource.getAttributesList()).anySatisfy(kv -> {
            assertThat(kv.getKey()).isEqualTo("service.name");
            assertThat(kv.getValue().getStringValue()).isEqualTo("sluice-test");
        });
    }

    /** A call of 500 ms: one failing attempt per entry of {@code failures}, then one that succeeds. */
    private Map<String, String> runCall(String id, String traceparent, List<ErrorType> failures) {
        listener.onCallStart(Calls.start(id, "gpt-4o", false, traceparent));
        int number = 1;
        for (ErrorType failure : failures) {
            listener.onAttemptStart(Calls.attemptStart(id, number, "dep-a", "openai", "gpt-4o-2024-08-06", 1),
                    new LinkedHashMap<>());
            listener.onAttemptEnd(Calls.attemptEnd(id, number, "dep-a", "openai", "gpt-4o-2024-08-06", 1, 2,
                    failure, number > 1 ? "retry" : null));
            number++;
        }
        Map<String, String> forward = new LinkedHashMap<>();
        listener.onAttemptStart(Calls.attemptStart(id, number, "dep-a", "openai", "gpt-4o-2024-08-06", 5), forward);
        listener.onAttemptEnd(Calls.attemptEnd(id, number, "dep-a", "openai", "gpt-4o-2024-08-06", 5, 480, null,
                number > 1 ? "retry" : null));
        listener.onCallEnd(Calls.success(id, "gpt-4o", "openai", "gpt-4o-2024-08-06", false, Usage.of(100, 20),
                500, 500));
        assertThat(listener.openCalls()).isZero();
        return forward;
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
