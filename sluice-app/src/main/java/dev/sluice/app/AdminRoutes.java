package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.server.Authenticator;
import dev.sluice.server.ErrorShape;
import dev.sluice.server.Routes;
import dev.sluice.server.ServerRequest;
import dev.sluice.server.ServerResponse;
import dev.sluice.store.audit.AuditLog;
import dev.sluice.store.audit.AuditVerification;
import dev.sluice.store.feedback.FeedbackInput;
import dev.sluice.store.feedback.FeedbackStore;
import dev.sluice.store.ledger.AdminLedgerApi;
import dev.sluice.store.ledger.AdminResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * The admin API over the ledger and audit log ({@code /admin/...}, master key only) and {@code POST /v1/feedback}
 * (any caller, for its own requests). Thin: parse, delegate to the store, write. These routes block on JDBC, so they
 * run on virtual threads, never on the event loops.
 */
final class AdminRoutes {

    private static final int MAX_FEEDBACK_BYTES = 64 * 1024;

    private final AdminLedgerApi ledger;
    private final FeedbackStore feedback;
    /** The actor of changes made with the master key. */
    static final String MASTER = "master";

    private final AuditLog audit;
    private final Authenticator auth;

    AdminRoutes(AdminLedgerApi ledger, FeedbackStore feedback, AuditLog audit, Authenticator auth) {
        this.ledger = ledger;
        this.feedback = feedback;
        this.audit = audit;
        this.auth = auth;
    }

    void register(Routes routes) {
        routes.blocking("GET", "/admin/requests", 0, ErrorShape.SLUICE, admin(req -> ledger.requests(req.query())));
        routes.blocking("GET", "/admin/requests/{id}", 0, ErrorShape.SLUICE,
                admin(req -> ledger.request(req.pathParam("id"))));
        routes.blocking("GET", "/admin/usage", 0, ErrorShape.SLUICE, admin(req -> ledger.usage(req.query())));
        routes.blocking("GET", "/admin/audit/verify", 0, ErrorShape.SLUICE, admin(req -> verifyAudit()));
        routes.blocking("GET", "/admin/audit", 0, ErrorShape.SLUICE, admin(this::recentAudit));
        routes.blocking("POST", "/v1/feedback", MAX_FEEDBACK_BYTES, ErrorShape.SLUICE,
                (req, res) -> write(res, feedback(req)));
    }

    /** {@code GET /admin/audit?limit=N}: the newest rows (default 100, at most 1000), newest first. */
    private AdminResponse recentAudit(ServerRequest req) {
        String raw = req.query().getOrDefault("limit", "100");
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 1000) {
            return AdminResponse.error(400, "invalid_request_error", "limit must be a whole number from 1 to 1000.",
                    "limit");
        }
        ObjectNode out = Json.object();
        var data = out.putArray("data");
        for (var e : audit.recent(limit)) {
            ObjectNode row = data.addObject();
            row.put("seq", e.seq()).put("at", e.at().toString()).put("actor", e.actor()).put("action", e.action())
                    .put("target", e.target());
            row.set("before", e.before());
            row.set("after", e.after());
            row.put("hash", e.hash());
        }
        return AdminResponse.json(200, out);
    }

    private AdminResponse verifyAudit() {
        AuditVerification v = audit.verify();
        ObjectNode out = Json.object();
        out.put("intact", v.intact()).put("rows_checked", v.rowsChecked()).put("head_seq", v.headSeq())
                .put("head_hash", v.headHash()).put("anchored_seq", v.anchoredSeq());
        if (!v.intact()) {
            out.put("first_broken_seq", v.firstBrokenSeq()).put("problem", v.problem());
        }
        return AdminResponse.json(200, out);
    }

    private dev.sluice.server.RouteHandler admin(Function<ServerRequest, AdminResponse> action) {
        return (req, res) -> {
            AdminResponse refused = refusal(auth, req);
            write(res, refused != null ? refused : action.apply(req));
        };
    }

    /**
     * Null for the master key; else the answer: 403 for a working virtual key (it opens calls, not administration),
     * 401 for anything else.
     */
    static AdminResponse refusal(Authenticator auth, ServerRequest req) {
        dev.sluice.api.event.Caller caller = auth.callerOrNull(req);
        if (caller == dev.sluice.api.event.Caller.MASTER) {
            return null;
        }
        return caller != null
                ? AdminResponse.error(403, "permission_error", "The admin API needs the master key; virtual keys "
                        + "open calls only.", null)
                : AdminResponse.error(401, "authentication_error", "The admin API needs the master key.", null);
    }

    private AdminResponse feedback(ServerRequest req) {
        try {
            var caller = auth.authenticate(req);
            JsonNode json;
            try {
                json = Json.parse(req.body());
            } catch (IOException e) {
                return AdminResponse.error(400, "invalid_request_error", "Body is not valid JSON.", null);
            }
            var saved = feedback.record(FeedbackInput.fromJson(json), caller.keyId());
            ObjectNode out = Json.object();
            out.put("request_id", saved.requestId()).put("status", "recorded");
            return AdminResponse.json(200, out);
        } catch (GatewayException e) {
            return AdminResponse.error(e.error().status(), errorType(e.error().status()), e.error().message(),
                    e.error().param());
        }
    }

    static String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    /** Writes an admin answer: whole, or streamed from the store (exports) with the caller's pace. */
    static void write(ServerResponse res, AdminResponse r) {
        if (!r.streamed()) {
            res.send(r.status(), r.contentType(), r.body());
            return;
        }
        try (OutputStream out = res.outputStream(r.status(), r.contentType())) {
            r.writeTo(out);
        } catch (IOException e) {
            // the caller went away mid-export; nothing more to do
        }
    }
}
