package dev.sluice.evals.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs kept by a Sluice server in its storage, through its admin API ({@code /admin/eval/runs...}, master key).
 * Manifests and results travel in the same JSON as {@link LocalRunStore} writes. Each call is one HTTP request, so an
 * appended result is durable once {@link #append} returns. Thread-safe.
 */
public final class HttpRunStore implements RunStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String runsUrl;
    private final String key;
    private final ObjectMapper mapper = RunJson.mapper();

    /** {@code baseUrl} as given to {@code --gateway}, e.g. {@code http://127.0.0.1:8080}; {@code key} may be null. */
    public HttpRunStore(HttpClient http, String baseUrl, String key) {
        this.http = http;
        this.runsUrl = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl)
                + "/admin/eval/runs";
        this.key = key;
    }

    /**
     * Whether the server keeps runs for this key: {@code GET /admin/eval/runs} answers 200. False when it has no
     * storage (404), the key is not the master key (401), or the server cannot be reached.
     */
    public boolean available() {
        try {
            return send(get(runsUrl)).statusCode() == 200;
        } catch (GatewayException e) {
            return false;
        }
    }

    /** Where runs go, for the one line the CLI prints. */
    public String describe() {
        return runsUrl;
    }

    @Override
    public void save(RunManifest manifest) {
        String id = LocalRunStore.safe(manifest.runId());
        expectOk(send(request(runsUrl + "/" + id).PUT(body(manifest)).build()), "save run " + id);
    }

    @Override
    public Optional<RunManifest> manifest(String runId) {
        HttpResponse<String> res = send(get(runsUrl + "/" + LocalRunStore.safe(runId)));
        if (res.statusCode() == 404) {
            return Optional.empty();
        }
        expectOk(res, "read run " + runId);
        return Optional.of(read(res.body(), RunManifest.class));
    }

    @Override
    public void append(String runId, CaseResult result) {
        String id = LocalRunStore.safe(runId);
        expectOk(send(request(runsUrl + "/" + id + "/results").POST(body(result)).build()),
                "append to run " + id);
    }

    @Override
    public List<CaseResult> results(String runId) {
        HttpResponse<String> res = send(get(runsUrl + "/" + LocalRunStore.safe(runId) + "/results"));
        if (res.statusCode() == 404) {
            return List.of();
        }
        expectOk(res, "read the results of run " + runId);
        return data(res.body(), CaseResult.class);
    }

    /** Newest first by start time, as {@link LocalRunStore#list} orders them. */
    @Override
    public List<RunManifest> list() {
        HttpResponse<String> res = send(get(runsUrl));
        expectOk(res, "list runs");
        return data(res.body(), RunManifest.class).stream()
                .sorted(Comparator.comparing(RunManifest::startedAt).reversed()).toList();
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        return key == null ? b : b.header("Authorization", "Bearer " + key);
    }

    private HttpRequest get(String url) {
        return request(url).GET().build();
    }

    private HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(value));
        } catch (IOException e) {
            throw GatewayException.of(ErrorType.INTERNAL, "cannot encode " + value.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw GatewayException.of(ErrorType.INTERNAL, "run store " + runsUrl + " unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayException.of(ErrorType.INTERNAL, "interrupted while calling the run store");
        }
    }

    private void expectOk(HttpResponse<String> res, String what) {
        if (res.statusCode() / 100 != 2) {
            String body = res.body() == null ? "" : res.body();
            throw GatewayException.of(ErrorType.INTERNAL, "cannot " + what + " on " + runsUrl + ": HTTP "
                    + res.statusCode() + " " + body.substring(0, Math.min(300, body.length())));
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw GatewayException.of(ErrorType.INTERNAL, "the run store answered something that is not a "
                    + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private <T> List<T> data(String json, Class<T> type) {
        JsonNode data;
        try {
            data = mapper.readTree(json).path("data");
        } catch (IOException e) {
            throw GatewayException.of(ErrorType.INTERNAL, "the run store answered something that is not JSON");
        }
        List<T> out = new ArrayList<>();
        for (JsonNode item : data) {
            try {
                out.add(mapper.treeToValue(item, type));
            } catch (IOException e) {
                throw GatewayException.of(ErrorType.INTERNAL, "the run store answered something that is not a "
                        + type.getSimpleName() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
