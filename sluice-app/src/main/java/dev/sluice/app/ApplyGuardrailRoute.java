package dev.sluice.app;

import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import dev.sluice.gateway.engine.WorkerPool;
import dev.sluice.guardrails.apply.Assessment;
import dev.sluice.guardrails.bedrock.ApplyGuardrailJson;
import dev.sluice.server.Authenticator;
import dev.sluice.server.Routes;
import dev.sluice.server.ServerRequest;
import dev.sluice.server.ServerResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bedrock runtime's {@code ApplyGuardrail} ({@code POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}
 * /apply}): checks texts against a guardrail version without calling a model, for any key that may make calls (the
 * master key or a virtual key). The key is checked on the event loop (an in-memory look-up); everything else (parsing
 * a body of up to the server's limit, finding the version, which may read the database, and the detectors, which take
 * up to milliseconds per 4 KB) runs on the gateway's bounded worker pool, as interceptors' blocking work does, and the
 * answer is sent from the loop. Every failure is answered in Bedrock's error shape; bad input is a 400, never a 5xx.
 */
final class ApplyGuardrailRoute {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyGuardrailRoute.class);

    private final GuardrailCatalog catalog;
    private final Authenticator auth;
    private final WorkerPool workers;
    private final long maxBodyBytes;

    ApplyGuardrailRoute(GuardrailCatalog catalog, Authenticator auth, WorkerPool workers, long maxBodyBytes) {
        this.catalog = catalog;
        this.auth = auth;
        this.workers = workers;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(Routes routes) {
        routes.add("POST", "/guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply", maxBodyBytes,
                BedrockGuardrailErrors.SHAPE, this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        if (auth.callerOrNull(req) == null) {
            res.send(BedrockGuardrailErrors.reply(403, "UnrecognizedClientException",
                    "Send a Sluice key as 'Authorization: Bearer <key>' or 'x-api-key: <key>'."));
            return;
        }
        workers.submit(() -> answer(req), req.loop()).whenComplete((reply, failure) -> {
            if (failure != null) {
                LOG.error("guardrail request {} failed", req.id().value(), failure);
            }
            res.send(failure == null ? reply : BedrockGuardrailErrors.of(failure));
        });
    }

    /** Runs on a worker: never throws (a fault is an answer). */
    private WireReply answer(ServerRequest req) {
        try {
            long started = System.nanoTime();
            String id = GuardrailCatalog.idOf(req.pathParam("guardrailIdentifier"));
            if (id == null) {
                throw BedrockGuardrailErrors.validation("guardrailIdentifier: must be a guardrail id or ARN");
            }
            String version = req.pathParam("guardrailVersion");
            if (!GuardrailCatalog.validVersion(version)) {
                throw BedrockGuardrailErrors.validation("guardrailVersion: must be DRAFT or a number from 1");
            }
            ApplyGuardrailJson.Request request = ApplyGuardrailJson.decode(req.body());
            var entry = catalog.find(id, version).orElseThrow(() -> BedrockGuardrailErrors.notFound(
                    "No guardrail " + id + " with version " + version + "."));
            Assessment assessment = catalog.compiled(entry).check(request.source(), request.content());
            long millis = (System.nanoTime() - started) / 1_000_000;
            var applied = new ApplyGuardrailJson.Applied(id, version, catalog.arn(id));
            return new WireReply(200, "application/json", Map.of(),
                    Json.bytes(ApplyGuardrailJson.encode(assessment, request, applied, millis)));
        } catch (RuntimeException e) {
            if (!(e instanceof BedrockGuardrailErrors.Failure
                    || e instanceof dev.sluice.guardrails.bedrock.BedrockValidation
                    || e instanceof dev.sluice.api.error.GatewayException)) {
                LOG.error("guardrail request {} failed", req.id().value(), e);
            }
            return BedrockGuardrailErrors.of(e);
        }
    }
}
