package dev.sluice.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code telemetry.otlp} config section: where and how spans are exported.
 *
 * <pre>
 * telemetry:
 *   otlp:
 *     endpoint: http://collector:4318      # base URL; /v1/traces is added unless the path already names it
 *     headers: { authorization: "Bearer ${OTLP_TOKEN}" }
 *     protocol: http/protobuf              # the only one supported
 *     sampling_ratio: 0.25                 # parentbased_traceidratio; default 1.0
 *     service_name: sluice                 # default
 * </pre>
 *
 * @param tracesEndpoint the full URL spans are POSTed to
 */
public record OtlpConfig(URI tracesEndpoint, Map<String, String> headers, String protocol, double samplingRatio,
                         String serviceName) {

    public static final String PROTOCOL_HTTP_PROTOBUF = "http/protobuf";
    private static final String WHERE = "telemetry.otlp";

    public OtlpConfig {
        headers = Map.copyOf(headers);
        if (!(samplingRatio >= 0 && samplingRatio <= 1)) {
            throw invalid("sampling_ratio", "must be a number from 0 to 1, not " + samplingRatio);
        }
        if (!PROTOCOL_HTTP_PROTOBUF.equals(protocol)) {
            throw invalid("protocol", "must be " + PROTOCOL_HTTP_PROTOBUF + ", not " + protocol);
        }
    }

    /** {@code telemetry.otlp} as written. */
    record Section(String endpoint, Map<String, String> headers, String protocol, Double samplingRatio,
                   String serviceName) { }

    /**
     * Reads the section. Empty when it is missing or has no {@code endpoint}: tracing is then off.
     *
     * @param otlp the {@code telemetry.otlp} node; null or missing means none
     * @throws ConfigException naming the key and what is wrong with it
     */
    public static Optional<OtlpConfig> from(JsonNode otlp) {
        Section s = ConfigBinder.bind(otlp, Section.class, WHERE);
        if (s == null || s.endpoint() == null || s.endpoint().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new OtlpConfig(tracesEndpoint(s.endpoint()),
                s.headers() == null ? Map.of() : new LinkedHashMap<>(s.headers()),
                s.protocol() == null ? PROTOCOL_HTTP_PROTOBUF : s.protocol(),
                s.samplingRatio() == null ? 1.0 : s.samplingRatio(),
                s.serviceName() == null ? "sluice" : s.serviceName()));
    }

    private static URI tracesEndpoint(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            throw invalid("endpoint", "is not a URL: " + e.getReason());
        }
        boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!web || uri.getHost() == null) {
            throw invalid("endpoint", "must be an http or https URL with a host, such as http://localhost:4318");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/v1/traces")) {
            return uri;
        }
        String base = uri.toString().replaceAll("/+$", "");
        return URI.create(base + "/v1/traces");
    }




    private static ConfigException invalid(String key, String problem) {
        return new ConfigException(WHERE + "." + key, problem);
    }

    /** Never prints header values: they usually hold credentials. */
    @Override
    public String toString() {
        return "OtlpConfig[tracesEndpoint=" + tracesEndpoint + ", headers=" + headers.keySet() + ", protocol="
                + protocol + ", samplingRatio=" + samplingRatio + ", serviceName=" + serviceName + "]";
    }
}
