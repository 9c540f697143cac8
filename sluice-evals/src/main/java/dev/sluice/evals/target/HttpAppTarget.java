package dev.sluice.evals.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.evals.dataset.EvalCase;
import dev.sluice.evals.suite.Template;
import dev.sluice.evals.suite.TargetSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An endpoint of the user's application. The body template sees the case variables plus {@code prompt} (the rendered
 * suite prompt), JSON-escaped; header values may name environment variables ({@code {{APP_TOKEN}}}); the answer is
 * read with a JSON path. Thread-safe.
 */
public final class HttpAppTarget implements Target {

    private final TargetSpec.Http spec;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<String, String> env;

    public HttpAppTarget(TargetSpec.Http spec, HttpClient http, Duration timeout, Map<String, String> env) {
        this.spec = spec;
        this.http = http;
        this.timeout = timeout;
        this.env = Map.copyOf(env);
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "http");
        s.put("url", spec.url());
        s.put("method", spec.method());
        s.put("body", spec.body());
        s.put("answer", spec.answerPath());
        s.put("headers", new TreeMap<>(spec.headers().keySet().stream().collect(
                java.util.stream.Collectors.toMap(k -> k, k -> "***"))));
        return s;
    }

    @Override
    public TargetOutput call(String prompt, EvalCase evalCase) {
        Map<String, String> vars = new HashMap<>(evalCase.vars());
        vars.put("prompt", prompt);
        String body = spec.body() == null ? "{\"prompt\":\"" + Template.jsonEscape(prompt) + "\"}"
                : Template.render(spec.body(), vars, Template::jsonEscape);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Template.render(spec.url(), vars,
                        v -> java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8))))
                .timeout(timeout).header("content-type", "application/json");
        spec.headers().forEach((k, v) -> request.header(k, Template.render(v, env)));
        request.method(spec.method(), spec.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                throw HttpFailures.status(spec.name(), response.statusCode(), response.headers(), response.body());
            }
            long latency = GatewayClient.millisSince(start);
            JsonNode root = Json.parse(response.body());
            JsonNode answer = JsonPath.read(root, spec.answerPath());
            if (answer.isMissingNode()) {
                throw GatewayException.of(ErrorType.UPSTREAM_ERROR, "target '" + spec.name() + "': nothing at "
                        + spec.answerPath() + " in the response");
            }
            List<String> contexts = new ArrayList<>();
            if (spec.contextsPath() != null) {
                JsonPath.read(root, spec.contextsPath()).forEach(c -> contexts.add(c.isTextual() ? c.asText()
                        : Json.text(c)));
            }
            double cost = response.headers().firstValue(GatewayClient.COST_HEADER).map(Double::parseDouble).orElse(0.0);
            return new TargetOutput(answer.isTextual() ? answer.asText() : Json.text(answer), contexts, latency, -1,
                    0, 0, cost);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw GatewayException.of(ErrorType.UPSTREAM_ERROR, "target '" + spec.name() + "' answered invalid JSON");
        } catch (IOException e) {
            throw HttpFailures.io(spec.name(), e);
        } catch (InterruptedException e) {
            throw HttpFailures.interrupted(spec.name());
        }
    }
}
