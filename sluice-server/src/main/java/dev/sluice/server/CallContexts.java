package dev.sluice.server;

import dev.sluice.api.event.Caller;
import dev.sluice.gateway.engine.CallContext;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a {@link CallContext} from an HTTP request: request id, trace headers, client tags. */
final class CallContexts {

    static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    static final HeaderName TRACESTATE = HeaderNames.create("tracestate");
    static final HeaderName TAGS = HeaderNames.create("x-sluice-tags");
    private static final int MAX_TAGS = 32;

    private CallContexts() { }

    static CallContext create(ServerRequest request, RequestIdFilter.Id id, String api, String operation,
                              Caller caller) {
        var headers = request.headers();
        return new CallContext(id.value(), id.startedAt(), api, operation, caller, id.startNanos(),
                headers.first(TRACEPARENT).orElse(null), headers.first(TRACESTATE).orElse(null),
                tags(headers.first(TAGS).orElse(null)));
    }

    /** {@code x-sluice-tags: team=search, feature=autocomplete, beta} as a map ({@code beta} maps to "true"). */
    static Map<String, String> tags(String header) {
        if (header == null || header.isBlank()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : header.split(",")) {
            if (out.size() >= MAX_TAGS) {
                break;
            }
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String k = (eq < 0 ? p : p.substring(0, eq)).trim();
            String v = eq < 0 ? "true" : p.substring(eq + 1).trim();
            if (!k.isEmpty() && k.length() <= 64 && v.length() <= 256) {
                out.put(k, v);
            }
        }
        return out;
    }
}
