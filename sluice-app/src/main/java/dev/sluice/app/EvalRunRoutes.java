package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.server.Authenticator;
import dev.sluice.server.ErrorShape;
import dev.sluice.server.RouteHandler;
import dev.sluice.server.Routes;
import dev.sluice.server.ServerRequest;
import dev.sluice.store.audit.AuditLog;
import dev.sluice.store.evals.EvalRunRepository;
import dev.sluice.store.ledger.AdminResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Evaluation runs kept by the gateway for {@code sluice eval ... --gateway} ({@code /admin/eval/runs...}, master key
 * only). Manifests and results are the evaluation module's JSON documents, stored and answered as sent.
 */
final class EvalRunRoutes {

    /** A manifest or one case result; a case result holds one prompt and one output. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    private final EvalRunRepository runs;
    private final AuditLog audit;
    private final Authenticator auth;

    EvalRunRoutes(EvalRunRepository runs, AuditLog audit, Authenticator auth) {
        this.runs = runs;
        this.audit = audit;
        this.auth = auth;
    }

    void register(Routes routes) {
        // bodies over the limit are read to one byte past it, so that the answer is this API's own 413
        long read = MAX_BODY_BYTES + 1L;
        routes.blocking("GET", "/admin/eval/runs", 0, ErrorShape.SLUICE, admin((req, id) -> list(runs.list())));
        routes.blocking("PUT", "/admin/eval/runs/{id}", read, ErrorShape.SLUICE, admin(this::save));
        routes.blocking("GET", "/admin/eval/runs/{id}", 0, ErrorShape.SLUICE, admin((req, id) -> runs.manifest(id)
                .map(m -> json(m)).orElseGet(() -> notFound(id))));
        routes.blocking("POST", "/admin/eval/runs/{id}/results", read, ErrorShape.SLUICE, admin(this::append));
        routes.blocking("GET", "/admin/eval/runs/{id}/results", 0, ErrorShape.SLUICE, admin((req, id) ->
                runs.manifest(id).isEmpty() ? notFound(id) : list(runs.results(id))));
    }

    // the audit row says what changed and keeps a digest of the document, not the document: results hold prompts
    private AdminResponse save(ServerRequest req, String id) throws IOException {
        String manifest = jsonObject(req);
        audit.append(AdminRoutes.MASTER, "eval_run.save", "eval_run:" + id, null, summary(manifest),
                c -> {
                    EvalRunRepository.saveManifest(c, id, manifest);
                    return true;
                });
        return AdminResponse.json(200, Json.object().put("run_id", id).put("status", "saved"));
    }

    private AdminResponse append(ServerRequest req, String id) throws IOException {
        String result = jsonObject(req);
        return audit.append(AdminRoutes.MASTER, "eval_run.result.append", "eval_run:" + id, null, summary(result),
                c -> EvalRunRepository.appendResult(c, id, result)) != null
                ? AdminResponse.json(200, Json.object().put("status", "appended"))
                : notFound(id);
    }

    private JsonNode summary(String document) {
        return Json.object().put("bytes", document.getBytes(StandardCharsets.UTF_8).length)
                .put("digest", audit.digest(document));
    }

    /** The body as text, once it is known to be one JSON object of at most {@link #MAX_BODY_BYTES}. */
    private static String jsonObject(ServerRequest req) throws IOException {
        byte[] body = req.body();
        if (body.length > MAX_BODY_BYTES) {
            throw new TooLarge();
        }
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (IOException e) {
            throw GatewayException.invalid("Body is not valid JSON.", null);
        }
        if (json == null || !json.isObject()) {
            throw GatewayException.invalid("Body must be a JSON object.", null);
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@code {"data": [...]}} around documents that are already JSON text. */
    private static AdminResponse list(List<String> documents) {
        return json("{\"data\":[" + String.join(",", documents) + "]}");
    }

    private static AdminResponse json(String text) {
        return new AdminResponse(200, "application/json", text.getBytes(StandardCharsets.UTF_8), null);
    }

    private static AdminResponse notFound(String id) {
        return AdminResponse.error(404, "not_found_error", "No eval run '" + id + "'.", "id");
    }

    @FunctionalInterface
    private interface Action {
        AdminResponse apply(ServerRequest req, String runId) throws IOException;
    }

    private RouteHandler admin(Action action) {
        return (req, res) -> AdminRoutes.write(res, answer(req, action));
    }

    private AdminResponse answer(ServerRequest req, Action action) {
        AdminResponse refused = AdminRoutes.refusal(auth, req);
        if (refused != null) {
            return refused;
        }
        String id = req.pathParam("id");
        if (id != null && !RUN_ID.matcher(id).matches()) {
            return AdminResponse.error(400, "invalid_request_error",
                    "A run id is 1 to 200 letters, digits, '.', '_' or '-', not starting with '.'.", "id");
        }
        try {
            return action.apply(req, id);
        } catch (TooLarge e) {
            return AdminResponse.error(413, "invalid_request_error",
                    "Body is larger than " + MAX_BODY_BYTES + " bytes.", null);
        } catch (GatewayException e) {
            int status = e.error().status();
            return AdminResponse.error(status, status >= 500 ? "server_error" : "invalid_request_error",
                    e.error().message(), e.error().param());
        } catch (IOException e) {
            return AdminResponse.error(400, "invalid_request_error", "Could not read the body.", null);
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body too large");
        }
    }
}
