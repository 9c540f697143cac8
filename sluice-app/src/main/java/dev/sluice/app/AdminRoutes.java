package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.server.Authenticator;
import dev.sluice.store.audit.AuditLog;
import dev.sluice.store.audit.AuditVerification;
import dev.sluice.store.feedback.FeedbackInput;
import dev.sluice.store.feedback.FeedbackStore;
import dev.sluice.store.ledger.AdminLedgerApi;
import dev.sluice.store.ledger.AdminResponse;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The admin API over the ledger and audit log ({@code /admin/...}, master key only) and {@code POST /v1/feedback}
 * (any caller, for its own requests). Thin: parse, delegate to the store, write.
 */
final class AdminRoutes {

    private static final int MAX_FEEDBACK_BYTES = 64 * 1024;

    private final AdminLedgerApi ledger;
    private final FeedbackStore feedback;
    private final AuditLog audit;
    private final Authenticator auth;

    AdminRoutes(AdminLedgerApi ledger, FeedbackStore feedback, AuditLog audit, Authenticator auth) {
        this.ledger = ledger;
        this.feedback = feedback;
        this.audit = audit;
        this.auth = auth;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/admin/requests", admin(req -> ledger.requests(params(req))));
        routing.get("/admin/requests/{id}", admin(req -> ledger.request(req.path().pathParameters().get("id"))));
        routing.get("/admin/usage", admin(req -> ledger.usage(params(req))));
        routing.get("/admin/audit/verify", admin(req -> verifyAudit()));
        routing.post("/v1/feedback", this::feedback);
    }

    private AdminResponse verifyAudit() {
        AuditVerification v = audit.verify();
        ObjectNode out = Json.object();
        out.put("intact", v.intact()).put("rows_checked", v.rowsChecked()).put("head_hash", v.headHash());
        if (!v.intact()) {
            out.put("first_broken_seq", v.firstBrokenSeq()).put("problem", v.problem());
        }
        return AdminResponse.json(200, out);
    }

    private io.helidon.webserver.http.Handler admin(Function<ServerRequest, AdminResponse> action) {
        return (req, res) -> {
            if (!auth.isMaster(req)) {
                write(res, AdminResponse.error(401, "authentication_error", "The admin API needs the master key.",
                        null));
                return;
            }
            write(res, action.apply(req));
        };
    }

    private void feedback(ServerRequest req, ServerResponse res) {
        try {
            var caller = auth.authenticate(req);
            byte[] body = req.content().inputStream().readNBytes(MAX_FEEDBACK_BYTES + 1);
            if (body.length > MAX_FEEDBACK_BYTES) {
                write(res, AdminResponse.error(413, "invalid_request_error", "Feedback body is too large.", null));
                return;
            }
            JsonNode json;
            try {
                json = Json.parse(body);
            } catch (IOException e) {
                write(res, AdminResponse.error(400, "invalid_request_error", "Body is not valid JSON.", null));
                return;
            }
            var saved = feedback.record(FeedbackInput.fromJson(json), caller.keyId());
            ObjectNode out = Json.object();
            out.put("request_id", saved.requestId()).put("status", "recorded");
            write(res, AdminResponse.json(200, out));
        } catch (GatewayException e) {
            write(res, AdminResponse.error(e.error().status(), errorType(e.error().status()), e.error().message(),
                    e.error().param()));
        } catch (IOException e) {
            write(res, AdminResponse.error(400, "invalid_request_error", "Could not read the body.", null));
        }
    }

    private static String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static Map<String, String> params(ServerRequest req) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            out.put(name, req.query().get(name));
        }
        return out;
    }

    static void write(ServerResponse res, AdminResponse r) {
        res.status(r.status());
        res.header(HeaderNames.CONTENT_TYPE, r.contentType());
        if (!r.streamed()) {
            res.send(r.body());
            return;
        }
        try (OutputStream out = res.outputStream()) {
            r.writeTo(out);
        } catch (IOException e) {
            // the caller went away mid-export; nothing more to do
        }
    }
}
