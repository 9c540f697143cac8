package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.event.Caller;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import dev.sluice.guardrails.definition.GuardrailConfig;
import dev.sluice.server.Authenticator;
import dev.sluice.server.RouteHandler;
import dev.sluice.server.Routes;
import dev.sluice.server.ServerRequest;
import dev.sluice.store.audit.AuditLog;
import dev.sluice.store.guardrails.GuardrailRepository;
import dev.sluice.store.guardrails.StoredGuardrail;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bedrock's guardrail control plane at Bedrock's paths: {@code CreateGuardrail} ({@code POST /guardrails}),
 * {@code CreateGuardrailVersion} ({@code POST /guardrails/{id}}), {@code GetGuardrail}, {@code ListGuardrails},
 * {@code UpdateGuardrail} ({@code PUT}) and {@code DeleteGuardrail}, with Bedrock's fields and errors, so the AWS
 * SDK's {@code bedrock} client works with the master key as its bearer token. Master key only; every change is made
 * and audited in one transaction. Guardrails of the config file are listed and read but not changed. Handlers block
 * on JDBC and run on virtual threads. Thread-safe.
 */
final class GuardrailRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(GuardrailRoutes.class);
    /** A definition with 10,000 words of 100 characters fits. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final GuardrailCatalog catalog;
    private final AuditLog audit;
    private final Authenticator auth;

    /** @param audit the audit log; null only without storage, when nothing can be changed */
    GuardrailRoutes(GuardrailCatalog catalog, AuditLog audit, Authenticator auth) {
        this.catalog = catalog;
        this.audit = audit;
        this.auth = auth;
    }

    @FunctionalInterface
    private interface Action {
        WireReply apply(ServerRequest req) throws IOException;
    }

    void register(Routes routes) {
        long read = MAX_BODY_BYTES + 1L;
        var shape = BedrockGuardrailErrors.SHAPE;
        routes.blocking("POST", "/guardrails", read, shape, admin(this::create));
        routes.blocking("GET", "/guardrails", 0, shape, admin(this::list));
        routes.blocking("POST", "/guardrails/{id}", read, shape, admin(this::createVersion));
        routes.blocking("GET", "/guardrails/{id}", 0, shape, admin(this::get));
        routes.blocking("PUT", "/guardrails/{id}", read, shape, admin(this::update));
        routes.blocking("DELETE", "/guardrails/{id}", 0, shape, admin(this::delete));
    }

    // ---- CreateGuardrail, UpdateGuardrail

    private WireReply create(ServerRequest req) {
        ObjectNode body = body(req);
        String token = requestToken(body);
        GuardrailConfig config = GuardrailJson.fromApi(body);
        GuardrailRepository repo = writable();
        refuseConfiguredName(config.name());
        if (token != null) {
            Optional<String> earlier = repo.idForRequestToken(token);
            if (earlier.isPresent()) { // a retry of a create that succeeded: the same answer, nothing new
                var e = catalog.find(earlier.get(), StoredGuardrail.DRAFT).orElseThrow();
                return created(e.id(), e.createdAt());
            }
        }
        String id = newId();
        while (catalog.configured(id).isPresent()) {
            id = newId();
        }
        String newId = id;
        Instant now = Instant.now();
        ObjectNode stored = GuardrailJson.toStored(config);
        audit.append(AdminRoutes.MASTER, "guardrail.create", "guardrail:" + newId, null, stored,
                c -> GuardrailRepository.insert(c, newId, config.name(), Json.text(stored), token, now));
        return created(newId, now);
    }

    private WireReply created(String id, Instant at) {
        return json(202, Json.object().put("guardrailId", id).put("guardrailArn", catalog.arn(id))
                .put("version", StoredGuardrail.DRAFT).put("createdAt", at.toString()));
    }

    private WireReply update(ServerRequest req) {
        String id = id(req);
        GuardrailConfig config = GuardrailJson.fromApi(body(req));
        refuseConfigured(id);
        GuardrailRepository repo = writable();
        var before = repo.find(id, StoredGuardrail.DRAFT).orElseThrow(() -> notFound(id));
        refuseConfiguredName(config.name());
        Instant now = Instant.now();
        ObjectNode stored = GuardrailJson.toStored(config);
        audit.append(AdminRoutes.MASTER, "guardrail.update", "guardrail:" + id, parse(before.definition()), stored,
                c -> GuardrailRepository.update(c, id, config.name(), Json.text(stored), now));
        return json(202, Json.object().put("guardrailId", id).put("guardrailArn", catalog.arn(id))
                .put("version", StoredGuardrail.DRAFT).put("updatedAt", now.toString()));
    }

    // ---- CreateGuardrailVersion, DeleteGuardrail

    private WireReply createVersion(ServerRequest req) {
        String id = id(req);
        ObjectNode body = req.body().length == 0 ? Json.object() : body(req);
        requestToken(body);
        JsonNode description = body.remove("description");
        body.fieldNames().forEachRemaining(f -> {
            throw BedrockGuardrailErrors.validation(f + ": unknown field (known: clientRequestToken, description)");
        });
        if (description != null && (!description.isTextual() || description.textValue().isEmpty()
                || description.textValue().length() > 200)) {
            throw BedrockGuardrailErrors.validation("description: must be a string of 1 to 200 characters");
        }
        refuseConfigured(id);
        writable().find(id, StoredGuardrail.DRAFT).orElseThrow(() -> notFound(id));
        int[] version = new int[1];
        String text = description == null ? null : description.textValue();
        var entry = audit.append(AdminRoutes.MASTER, "guardrail.version.create", "guardrail:" + id, null,
                Json.object().put("description", text), c -> (version[0] = GuardrailRepository.snapshot(c, id, text,
                        Instant.now())) > 0);
        if (entry == null) {
            throw notFound(id);
        }
        return json(202, Json.object().put("guardrailId", id).put("version", Integer.toString(version[0])));
    }

    private WireReply delete(ServerRequest req) {
        String id = id(req);
        String version = req.query().get("guardrailVersion");
        refuseConfigured(id);
        GuardrailRepository repo = writable();
        if (version == null) {
            var draft = repo.find(id, StoredGuardrail.DRAFT).orElseThrow(() -> notFound(id));
            audit.append(AdminRoutes.MASTER, "guardrail.delete", "guardrail:" + id, parse(draft.definition()), null,
                    c -> GuardrailRepository.delete(c, id));
            return json(202, Json.object());
        }
        if (!GuardrailCatalog.validVersion(version) || version.equals(StoredGuardrail.DRAFT)) {
            throw BedrockGuardrailErrors.validation("guardrailVersion: give a version number to delete one version,"
                    + " or no version to delete the guardrail with its DRAFT and every version");
        }
        var found = repo.find(id, version).orElseThrow(() -> BedrockGuardrailErrors.notFound(
                "Guardrail " + id + " has no version " + version + "."));
        audit.append(AdminRoutes.MASTER, "guardrail.version.delete", "guardrail:" + id + ":" + version,
                parse(found.definition()), null, c -> GuardrailRepository.deleteVersion(c, id,
                        Integer.parseInt(version)));
        return json(202, Json.object());
    }

    // ---- GetGuardrail, ListGuardrails

    private WireReply get(ServerRequest req) {
        String id = id(req);
        String version = req.query().getOrDefault("guardrailVersion", StoredGuardrail.DRAFT);
        if (!GuardrailCatalog.validVersion(version)) {
            throw BedrockGuardrailErrors.validation("guardrailVersion: must be DRAFT or a number from 1");
        }
        var e = catalog.find(id, version).orElseThrow(() -> version.equals(StoredGuardrail.DRAFT) ? notFound(id)
                : BedrockGuardrailErrors.notFound("Guardrail " + id + " has no version " + version + "."));
        ObjectNode out = Json.object();
        GuardrailJson.writeDefinition(e.config(), out);
        out.put("guardrailId", e.id()).put("guardrailArn", catalog.arn(e.id())).put("version", e.version())
                .put("status", "READY").put("createdAt", e.createdAt().toString())
                .put("updatedAt", e.updatedAt().toString());
        if (e.fromConfig()) {
            out.putArray("statusReasons").add("Defined in the config file; read-only through the API.");
        }
        return json(200, out);
    }

    private WireReply list(ServerRequest req) {
        String identifier = req.query().get("guardrailIdentifier");
        List<GuardrailCatalog.Entry> all;
        if (identifier == null) {
            all = catalog.drafts();
        } else {
            String id = GuardrailCatalog.idOf(identifier);
            if (id == null) {
                throw BedrockGuardrailErrors.validation("guardrailIdentifier: must be a guardrail id or ARN");
            }
            all = catalog.versions(id);
            if (all.isEmpty()) {
                throw notFound(id);
            }
        }
        int max = intParam(req.query().get("maxResults"), 20, 1, 1000, "maxResults");
        int from = offset(req.query().get("nextToken"));
        ObjectNode out = Json.object();
        var list = out.putArray("guardrails");
        for (int i = from; i < Math.min(all.size(), from + max); i++) {
            var e = all.get(i);
            ObjectNode s = list.addObject().put("id", e.id()).put("arn", catalog.arn(e.id())).put("status", "READY")
                    .put("name", e.config().name());
            if (e.config().description() != null) {
                s.put("description", e.config().description());
            }
            s.put("version", e.version()).put("createdAt", e.createdAt().toString())
                    .put("updatedAt", e.updatedAt().toString());
        }
        if (from + max < all.size()) {
            out.put("nextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("offset:" + (from + max)).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        return json(200, out);
    }

    // ---- shared

    private RouteHandler admin(Action action) {
        return (req, res) -> res.send(answer(req, action));
    }

    private WireReply answer(ServerRequest req, Action action) {
        Caller caller = auth.callerOrNull(req);
        if (caller == null) {
            return BedrockGuardrailErrors.reply(403, "UnrecognizedClientException",
                    "The guardrail API needs the master key as 'Authorization: Bearer <key>'.");
        }
        if (caller != Caller.MASTER) {
            return BedrockGuardrailErrors.reply(403, "AccessDeniedException", "The guardrail API needs the master "
                    + "key; virtual keys can apply guardrails (POST /guardrail/{id}/version/{version}/apply) only.");
        }
        try {
            return action.apply(req);
        } catch (BedrockGuardrailErrors.Failure | dev.sluice.guardrails.bedrock.BedrockValidation
                 | dev.sluice.api.error.GatewayException e) {
            return BedrockGuardrailErrors.of(e);
        } catch (IOException | RuntimeException e) {
            LOG.error("guardrail request {} {} failed", req.method(), req.path(), e);
            return BedrockGuardrailErrors.of(e);
        }
    }

    private GuardrailRepository writable() {
        String why = catalog.readOnlyReason();
        if (why != null) {
            throw BedrockGuardrailErrors.validation(why);
        }
        return catalog.repository();
    }

    private void refuseConfigured(String id) {
        if (catalog.configured(id).isPresent()) {
            throw BedrockGuardrailErrors.validation("Guardrail " + id + " is defined in the config file and is"
                    + " read-only through the API; change the file instead.");
        }
    }

    private void refuseConfiguredName(String name) {
        if (catalog.configuredName(name)) {
            throw BedrockGuardrailErrors.conflict("name: the config file already has a guardrail named '" + name
                    + "'.");
        }
    }

    private static String id(ServerRequest req) {
        String id = GuardrailCatalog.idOf(req.pathParam("id"));
        if (id == null) {
            throw BedrockGuardrailErrors.validation("guardrailIdentifier: must be a guardrail id or ARN");
        }
        return id;
    }

    private static BedrockGuardrailErrors.Failure notFound(String id) {
        return BedrockGuardrailErrors.notFound("No guardrail " + id + ".");
    }

    /** Takes {@code clientRequestToken} out of a body (the SDK fills it in for idempotent retries). */
    private static String requestToken(ObjectNode body) {
        JsonNode token = body.remove("clientRequestToken");
        if (token == null || token.isNull()) {
            return null;
        }
        if (!token.isTextual() || token.textValue().isEmpty() || token.textValue().length() > 256) {
            throw BedrockGuardrailErrors.validation("clientRequestToken: must be a string of 1 to 256 characters");
        }
        return token.textValue();
    }

    private static ObjectNode body(ServerRequest req) {
        if (req.body().length > MAX_BODY_BYTES) {
            throw BedrockGuardrailErrors.validation("The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        try {
            JsonNode json = Json.parse(req.body());
            if (json instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw BedrockGuardrailErrors.validation("The body is not valid JSON.");
        }
        throw BedrockGuardrailErrors.validation("The body must be a JSON object.");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            return null;
        }
    }

    private static int intParam(String raw, int fallback, int min, int max, String name) {
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BedrockGuardrailErrors.validation(name + ": must be a whole number from " + min + " to " + max);
    }

    private static int offset(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.US_ASCII);
            if (text.startsWith("offset:")) {
                return Math.max(0, Integer.parseInt(text.substring(7)));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw BedrockGuardrailErrors.validation("nextToken: not a token this API gave");
    }

    private static String newId() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return id.toString();
    }

    private static WireReply json(int status, JsonNode body) {
        return new WireReply(status, "application/json", java.util.Map.of(), Json.bytes(body));
    }
}
