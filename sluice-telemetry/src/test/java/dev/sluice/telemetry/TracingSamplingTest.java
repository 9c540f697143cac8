package dev.sluice.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sluice.api.chat.Usage;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracingSamplingTest {

    private static final String SAMPLED_PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private OtlpReceiver receiver;
    private Tracing tracing;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        tracing = Tracing.start(new OtlpConfig(URI.create(receiver.baseUrl() + "/v1/traces"), Map.of(),
                OtlpConfig.PROTOCOL_HTTP_PROTOBUF, 0.0, "sluice"));
    }

    @AfterEach
    void stop() {
        tracing.close();
        receiver.close();
    }

    @Test
    void aCallerThatSampledItsTraceIsFollowedEvenAtRatioZero() {
        Map<String, String> forward = call("r1", SAMPLED_PARENT);
        tracing.close();

        assertThat(receiver.spans()).extracting(s -> s.getName()).contains("chat gpt-4o");
        assertThat(Integer.parseInt(forward.get("traceparent").substring(53), 16) & 1).isOne();
    }

    @Test
    void unsampledRootCallsExportNothingButStillPassATraceparentUpstream() {
        Map<String, String> forward = call("r1", null);
        tracing.close();

        assertThat(receiver.spans()).isEmpty();
        String traceparent = forward.get("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        // the sampled bit is clear; newer SDKs also set the W3C level 2 "random trace id" bit (0x02)
        assertThat(Integer.parseInt(traceparent.substring(53), 16) & 1).isZero();
    }

    @Test
    void listenerNeverThrowsOnOddEventOrders() {
        TracingListener listener = tracing.listener();

        assertThatCode(() -> {
            listener.onAttemptStart(Calls.attemptStart("ghost", 1, "dep-a", "openai", "m", 0), new HashMap<>());
            listener.onAttemptEnd(Calls.attemptEnd("ghost", 1, "dep-a", "openai", "m", 0, 1, null));
            listener.onCallStart(Calls.start("r2", "gpt-4o", false, "not-a-traceparent"));
            listener.onAttemptStart(Calls.attemptStart("r2", 1, "dep-a", "openai", "m", 0), Map.of());
            listener.onCallEnd(Calls.success("r2", "gpt-4o", "openai", "m", false, Usage.of(1, 1), 5, 5));
            listener.onCallEnd(Calls.success("never-started", "gpt-4o", "openai", "m", false, Usage.of(1, 1), 5, 5));
        }).doesNotThrowAnyException();
        assertThat(listener.openCalls()).isZero();
    }

    private Map<String, String> call(String id, String traceparent) {
        TracingListener listener = tracing.listener();
        listener.onCallStart(Calls.start(id, "gpt-4o", true, traceparent));
        Map<String, String> forward = new HashMap<>();
        listener.onAttemptStart(Calls.attemptStart(id, 1, "dep-a", "openai", "gpt-4o", 1), forward);
        listener.onAttemptEnd(Calls.attemptEnd(id, 1, "dep-a", "openai", "gpt-4o", 1, 10, null));
        listener.onFirstToken(id, 5 * Calls.MS);
        listener.onCallEnd(Calls.success(id, "gpt-4o", "openai", "gpt-4o", true, Usage.of(1, 2), 12, 5));
        return forward;
    }
}
