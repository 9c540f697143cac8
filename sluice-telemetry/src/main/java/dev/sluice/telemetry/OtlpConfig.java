package dev.sluice.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.GatewayException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private static final Set<String> KEYS = Set.of("endpoint", "headers", "protocol", "sampling_ratio",
            "service_name");

    public OtlpConfig {
        headers = Map.copyOf(headers);
        if (!(samplingRatio >= 0 && samplingRatio <= 1)) {
            throw invalid("sampling_ratio", "must be a number from 0 to 1, not " + samplingRatio);
        }
        if (!PROTOCOL_HTTP_PROTOBUF.equals(protocol)) {
            throw invalid("protocol", "must be " + PROTOCOL_HTTP_PROTOBUF + ", not " + protocol);
        }
    }

    /**
     * Reads the section. Empty when it is missing or has no {@code endpoint}: tracing is then off.
     *
     * @param otlp the {@code telemetry.otlp} node; null or missing means none
     * @throws GatewayException of type INVALID_REQUEST naming the key and what is wrong with it
     */
    public static Optional<OtlpConfig> from(JsonNode otlp) {
        if (otlp == null || otlp.isMissingNode() || otlp.isNull()) {
            return Optional.empty();
        }
        if (!otlp.isObject()) {
            throw GatewayException.invalid(
                    WHERE + ": must be a mapping with endpoint, headers, protocol, sampling_ratio, service_name",
                    WHERE);
        }
        otlp.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw invalid(key, "unknown key (known: endpoint, headers, protocol, sampling_ratio, service_name)");
            }
        });
        String endpoint = text(otlp, "endpoint", null);
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        double ratio = 1.0;
        JsonNode ratioNode = otlp.path("sampling_ratio");
        if (!ratioNode.isMissingNode() && !ratioNode.isNull()) {
            if (!ratioNode.isNumber() && !(ratioNode.isTextual() && isNumber(ratioNode.asText()))) {
                throw invalid("sampling_ratio", "must be a number from 0 to 1, not " + ratioNode);
            }
            ratio = ratioNode.asDouble();
        }
        return Optional.of(new OtlpConfig(tracesEndpoint(endpoint), headers(otlp.path("headers")),
                text(otlp, "protocol", PROTOCOL_HTTP_PROTOBUF), ratio, text(otlp, "service_name", "sluice")));
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

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw invalid("headers", "must be a mapping of header name to value");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw invalid("headers." + e.getKey(), "must be a text value");
            }
            headers.put(e.getKey(), e.getValue().asText());
        });
        return headers;
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isValueNode()) {
            throw invalid(key, "must be a text value");
        }
        return value.asText();
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static GatewayException invalid(String key, String problem) {
        return GatewayException.invalid(WHERE + "." + key + ": " + problem, WHERE + "." + key);
    }

    /** Never prints header values: they usually hold credentials. */
    @Override
    public String toString() {
        return "OtlpConfig[tracesEndpoint=" + tracesEndpoint + ", headers=" + headers.keySet() + ", protocol="
                + protocol + ", samplingRatio=" + samplingRatio + ", serviceName=" + serviceName + "]";
    }
}
