package dev.sluice.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OtlpConfigTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void noEndpointMeansTracingIsOff() throws Exception {
        assertThat(OtlpConfig.from(json("{}"))).isEmpty();
        assertThat(OtlpConfig.from(json("{}").path("otlp"))).isEmpty();
        assertThat(Tracing.fromConfig(json("{\"otlp\": {\"sampling_ratio\": 0.5}}"))).isEmpty();
        assertThat(Tracing.fromConfig(null)).isEmpty();
    }

    @Test
    void aBaseEndpointGetsTheTracesPathAndDefaultsApply() throws Exception {
        OtlpConfig config = OtlpConfig.from(json("{\"endpoint\": \"http://collector:4318/\"}")).orElseThrow();

        assertThat(config.tracesEndpoint()).isEqualTo(URI.create("http://collector:4318/v1/traces"));
        assertThat(config.protocol()).isEqualTo("http/protobuf");
        assertThat(config.samplingRatio()).isEqualTo(1.0);
        assertThat(config.serviceName()).isEqualTo("sluice");
        assertThat(config.headers()).isEmpty();
    }

    @Test
    void aFullTracesEndpointIsKeptAsItIs() throws Exception {
        OtlpConfig config = OtlpConfig.from(json("""
                {"endpoint": "https://otel.example.com/otlp/v1/traces", "sampling_ratio": "0.25",
                 "headers": {"x-api-key": "secret"}}""")).orElseThrow();

        assertThat(config.tracesEndpoint()).isEqualTo(URI.create("https://otel.example.com/otlp/v1/traces"));
        assertThat(config.samplingRatio()).isEqualTo(0.25);
        assertThat(config.headers()).containsEntry("x-api-key", "secret");
        assertThat(config.toString()).contains("x-api-key").doesNotContain("secret");
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertInvalid("{\"endpoint\": \"http://c:4318\", \"sampling_ratio\": 2}", "telemetry.otlp.sampling_ratio");
        assertInvalid("{\"endpoint\": \"http://c:4318\", \"sampling_ratio\": \"half\"}",
                "telemetry.otlp.sampling_ratio");
        assertInvalid("{\"endpoint\": \"http://c:4318\", \"protocol\": \"grpc\"}", "telemetry.otlp.protocol");
        assertInvalid("{\"endpoint\": \"collector:4318\"}", "telemetry.otlp.endpoint");
        assertInvalid("{\"endpoint\": \"http://c:4318\", \"headers\": [1]}", "telemetry.otlp.headers");
        assertInvalid("{\"endpoint\": \"http://c:4318\", \"sampling\": 1}", "telemetry.otlp.sampling");
    }

    private static void assertInvalid(String otlp, String key) {
        assertThatThrownBy(() -> OtlpConfig.from(json(otlp)))
                .isInstanceOfSatisfying(dev.sluice.spi.ConfigException.class,
                        e -> assertThat(e.getMessage()).startsWith(key + ":"));
    }
}
