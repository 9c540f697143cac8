package dev.sluice.server;

import dev.sluice.api.event.Caller;
import dev.sluice.gateway.engine.CallContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a {@link CallContext} from an HTTP request: request id, trace headers, client tags. */
final class CallContexts {

    private static final int MAX_TAGS = 32;

    private CallContexts() { }

    static CallContext create(ServerRequest request, String api, String operation, Caller caller) {
        RequestId id = request.id();
        CallContext call = new CallContext(id.value(), id.startedAt(), api, operation, caller, id.startNanos(),
                request.header("traceparent"), request.header("tracestate"), tags(request.header("x-sluice-tags")))
                .guardrailHeader(request.header("x-sluice-guardrail"))
                .judgeHeader(request.header("x-sluice-guardrail-judge"))
                .sessionHeader(request.header("x-sluice-session"))
                .cacheControl(request.header("cache-control"));
        String beta = "anthropic".equals(api) ? request.header("anthropic-beta") : null;
        return beta == null || beta.length() > MAX_VENDOR_HEADER ? call
                : call.vendorHeaders(Map.of("anthropic-beta", beta));
    }

    /** The longest vendor header passed on; a longer one is dropped (a caller cannot make upstream requests huge). */
    private static final int MAX_VENDOR_HEADER = 1024;

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
