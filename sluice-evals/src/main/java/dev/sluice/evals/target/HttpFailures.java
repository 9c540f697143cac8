package dev.sluice.evals.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.http.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;

/** Maps HTTP failures of targets to the gateway's error family. */
final class HttpFailures {

    private HttpFailures() { }

    static GatewayException status(String target, int status, HttpHeaders headers, byte[] body) {
        String detail = "";
        try {
            JsonNode n = Json.parse(body);
            detail = n.path("error").path("message").asText(n.path("message").asText(""));
        } catch (IOException | RuntimeException notJson) {
            detail = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
        }
        ErrorType type = ErrorType.fromStatus(status);
        String message = "target '" + target + "' answered HTTP " + status + (detail.isBlank() ? "" : ": " + detail);
        return new GatewayException(new GatewayError(type, status, message, null, RetryAfter.from(headers), null));
    }

    static GatewayException io(String target, IOException e) {
        if (e instanceof HttpTimeoutException) {
            return GatewayException.of(ErrorType.TIMEOUT, "target '" + target + "' timed out");
        }
        return GatewayException.of(ErrorType.UPSTREAM_UNAVAILABLE, "target '" + target + "' is unreachable: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    static GatewayException interrupted(String target) {
        Thread.currentThread().interrupt();
        return GatewayException.of(ErrorType.INTERNAL, "call to target '" + target + "' was interrupted");
    }
}
